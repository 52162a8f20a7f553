"""How much of a CSV or XLSX input is read: the bounds, in one place (the README's batch
"Inputs" paragraph lists them). An input past a bound is an InputError naming the file and the
row or part, never a hang, a memory blow-up or a silent cut."""

from __future__ import annotations

MIB = 1024 * 1024

MAX_TABLE_BYTES = 256 * MIB  # size of a CSV or XLSX file on disk
MAX_ROWS = 1_048_576  # rows of a table (Excel's own limit)
MAX_COLUMNS = 4_096  # columns up to the last header (and fields in one CSV row)
MAX_CELLS = 20_000_000  # rows x columns read from one table
MAX_CELL_CHARS = 131_072  # characters in one cell (CSV's usual field limit)
MAX_ROWS_OUT_OF_ORDER = 1_000  # XLSX rows stored out of order, each refused: past it, damage
HEADER_SEARCH_ROWS = 50  # the header row is the first non-blank row among these

# XLSX is a zip of XML parts: bounded before and while they are unpacked.
MAX_XLSX_MEMBERS = 10_000  # files inside the zip
MAX_XLSX_UNPACKED = 256 * MIB  # all parts together, unpacked
MAX_XLSX_RATIO = 100  # unpacked / packed for one part over 1 MiB (a zip bomb is ~1000)
MAX_XLSX_SHARED_STRINGS = 128 * MIB  # the shared-strings part, unpacked (held in memory)
MAX_XLSX_SMALL_PART = 16 * MIB  # workbook, relationships and styles parts, unpacked
MAX_XML_DEPTH = 64  # nesting of XML elements

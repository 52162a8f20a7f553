"""Wide tables in and out: CSV (any common delimiter and encoding) and XLSX.

Reading gives the header row and then every non-blank row with the row number a spreadsheet
shows (the header is usually row 1). CSV: UTF-8 with or without BOM, UTF-16 with a BOM, else
GB18030 (what Excel on a Chinese Windows writes); the delimiter is sniffed among , ; tab |.
XLSX: the sheet whose header row maps best is read (a workbook may hold notes or option
lists on other sheets). openpyxl is imported only inside the functions that need it, so
that `sme-assess --help` stays light.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Where, display_path
from ..pack.file_bytes import read_bytes
from ..pack.text_encoding import decode as decode
from ..pack.text_encoding import looks_utf8 as looks_utf8
from . import limits
from .not_text import HEAD_BYTES, refuse_binary
from .text import printable, uncalculated
from .xlsx_read import cell_text as cell_text
from .xlsx_write import table_xlsx as table_xlsx
from .xlsx_write import write_table_xlsx as write_table_xlsx

TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm")
OPTIONS_MARK = "#options"  # first cell of the template's row of allowed answers (skipped)
DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}


@dataclass
class Table:
    """A table's header row and a way to walk its rows."""

    source: str  # the path as shown to the user
    headers: list[str]
    detail: str  # how it was read: format, encoding, delimiter or sheet
    header_row: int  # as a spreadsheet numbers it (1-based)
    _rows: Callable[[], Iterator[tuple[int, list[str]]]] = field(repr=False)
    # an XLSX's other sheets that hold rows under columns of the questionnaire: (title,
    # columns that map); they are not read, and the batch says so for each
    other_sheets: list[tuple[str, int]] = field(default_factory=list)
    sheet: str = ""  # an XLSX's sheet that is read
    csv: bool = False  # every row has the header's cells (a workbook's end at the last filled)
    delimiter: str = ""  # a CSV's
    # (row, line) of each record that began with a byte order mark inside a CSV (files joined
    # with copy /b or cat): the mark is left out of the cell, and the batch says where
    boms: list[tuple[int, int]] = field(default_factory=list)
    # (row, the highest row number before it) of each XLSX row stored out of order (or its
    # number repeated): not read, each said as its row's failure; filled as the rows are read
    disorder: list[tuple[int, int]] = field(default_factory=list)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells) for every row after the header that is not blank."""
        for number, cells in self._rows():
            if is_respondent_row(cells):
                yield number, cells


def is_respondent_row(cells: Sequence[str]) -> bool:
    """Not blank, not the template's row of allowed answers, and not Excel's ``sep=,`` line
    (the separator hint a script or a mended file leaves anywhere, even after the rows)."""
    if not any(c.strip() for c in cells):
        return False
    first = cells[0].strip().casefold()
    if len(first) <= 5 and first.startswith("sep=") and not any(c.strip() for c in cells[1:]):
        return False
    return not first.startswith(OPTIONS_MARK)


def is_table(path: Path) -> bool:
    return path.suffix.lower() in TABLE_SUFFIXES


def read_table(path: Path, score_headers: Callable[[list[str]], int] | None = None) -> Table:
    """Open a CSV or XLSX file. ``score_headers`` ranks sheets (how many columns map)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, score_headers)
    return _read_csv(path)


# --- CSV --------------------------------------------------------------------------------------


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the same, largest number of fields."""
    sample = text[:65536]
    truncated = len(text) > len(sample)
    best: tuple[tuple[bool, int], str] | None = None
    for delimiter in DELIMITERS:
        try:
            lines = io.StringIO(sample, newline="")  # "\r" alone ends a record too
            records = list(itertools.islice(csv.reader(lines, delimiter=delimiter), 30))
        except csv.Error:
            continue
        if truncated and len(records) > 1:
            records = records[:-1]
        records = [r for r in records if any(c.strip() for c in r)]
        while len(records) > 1 and len(records[0]) < 2:  # a title line above the header
            records.pop(0)
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        same = sum(1 for r in records if len(r) == width) / len(records)
        score = (same >= 0.8, width)
        if best is None or score > best[0]:
            best = (score, delimiter)
    return best[1] if best else ","


def _check_size(path: Path, shown: str) -> None:
    try:
        size = path.stat().st_size
    except OSError:
        return  # read_bytes / open_workbook say what is wrong
    if size > limits.MAX_TABLE_BYTES:
        raise InputError(
            f"larger than {limits.MAX_TABLE_BYTES // limits.MIB} MiB (split it into several files)",
            Where(shown),
        )


def _read_csv(path: Path) -> Table:
    shown = printable(display_path(path))
    _check_size(path, shown)
    raw = read_bytes(path)
    refuse_binary(raw[:HEAD_BYTES], shown)
    text, encoding = decode(raw, shown)
    del raw
    delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(text)
    found = header_of(_records(text, delimiter, shown))
    if found is None:
        raise InputError("the file is empty (no header row)", Where(shown))
    header_row, headers = found
    headers = [c.strip() for c in headers]
    start = header_row

    boms: list[tuple[int, int]] = []

    def rows() -> Iterator[tuple[int, list[str]]]:
        boms.clear()
        for number, record in _records(text, delimiter, shown, boms=boms):
            if number > start:
                yield number, record

    detail = f"CSV, {encoding}, {_DELIMITER_NAMES[delimiter]}-separated"
    table = Table(shown, headers, detail, header_row, rows, csv=True, delimiter=delimiter)
    table.boms = boms
    return table


def filled(cells: Sequence[str]) -> int:
    """How many cells of a row are not blank."""
    return sum(1 for c in cells if str(c).strip())


def header_of(rows: Iterable[tuple[int, list[str]]]) -> tuple[int, list[str]] | None:
    """The header row among the first ones: the first that is not blank, passing over a
    title above it (a row with one cell filled, often merged across the sheet, followed by
    a row with more: "2024年数字化转型调查" over the column names)."""
    title: tuple[int, list[str]] | None = None
    closer = getattr(rows, "close", None)
    try:
        for number, cells in rows:
            if number > limits.HEADER_SEARCH_ROWS:
                break
            count = filled(cells)
            if count >= 2:
                return number, cells
            if count == 1 and title is None:
                title = (number, cells)
    finally:
        if closer is not None:
            closer()
    return title


def _records(
    text: str | Iterable[str],
    delimiter: str,
    shown: str,
    number: int = 0,
    line: int = 1,
    boms: list[tuple[int, int]] | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """(row, fields) of every CSV record, strictly parsed and bounded: a quote that is never
    closed, or closed in the wrong place, is an error at the row where it opened, not a cell
    that swallows the rows after it. ``text``: the whole text, or its lines (a row range
    read by a worker, ``csv_ranges``: ``number`` records and ``line - 1`` lines before it).
    ``boms``: where (row, line) a record began with a byte order mark, left out of its cell."""
    csv.field_size_limit(limits.MAX_CELL_CHARS)
    nul: list[bool] = []  # whether a line read so far holds a NUL (then its record is looked at)
    if isinstance(text, str):
        lines: Iterable[str] = io.StringIO(text, newline="")
        if "\x00" in text:
            nul.append(True)
    else:
        lines = _watched(text, nul)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    first_line = line - 1
    cells = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(_csv_problem(str(exc), number + 1, line), Where(shown)) from None
        number += 1
        if record and record[0].startswith("\ufeff"):  # files joined: the second one's BOM
            record[0] = record[0][1:]
            if boms is not None:
                boms.append((number, line))
        if nul and any("\x00" in cell for cell in record):
            raise InputError(_nul_problem(record, number, line), Where(shown))
        line = first_line + reader.line_num + 1
        cells += max(len(record), 1)
        if number > limits.MAX_ROWS:
            raise InputError(
                f"row {number}: more than {limits.MAX_ROWS:,} rows (split it into several files)",
                Where(shown),
            )
        if len(record) > limits.MAX_COLUMNS:
            raise InputError(
                f"row {number}: more than {limits.MAX_COLUMNS:,} columns", Where(shown)
            )
        if cells > limits.MAX_CELLS:
            raise InputError(
                f"row {number}: more than {limits.MAX_CELLS:,} cells (split it into several files)",
                Where(shown),
            )
        yield number, record


def _watched(lines: Iterable[str], nul: list[bool]) -> Iterator[str]:
    for text in lines:
        if "\x00" in text and not nul:
            nul.append(True)
        yield text


def _nul_problem(record: list[str], row: int, line: int) -> str:
    """A NUL byte in a cell: damage (or a binary file named .csv), never part of an answer."""
    from .text import column_letter

    index = next(i for i, cell in enumerate(record) if "\x00" in cell)
    return (
        f"row {row} (line {line}): a NUL byte (character 0) in column {column_letter(index)}: "
        "the file is damaged, or not a CSV text file (save it again as CSV UTF-8)"
    )


def _csv_problem(error: str, row: int, line: int) -> str:
    """One line for the csv module's error in the record of ``row`` (starting at ``line``)."""
    at = f"row {row} (line {line})"
    if "unexpected end of data" in error:
        return (
            f"{at}: a quote opened in this row is never closed "
            "(the rest of the file would be one cell)"
        )
    if "field larger than field limit" in error:
        return (
            f"{at}: a cell longer than {limits.MAX_CELL_CHARS:,} characters "
            "(a quote that is never closed?)"
        )
    if "expected after" in error:
        return (
            f"{at}: a quoted cell has text after its closing quote "
            "(a stray quote, or one that is never closed?)"
        )
    return f"{at}: not a valid CSV file: {error}"


# --- XLSX -------------------------------------------------------------------------------------


def _read_xlsx(path: Path, score_headers: Callable[[list[str]], int] | None) -> Table:
    from .mapping import column_letter
    from .xlsx_read import failure, open_workbook

    shown = printable(display_path(path))
    _check_size(path, shown)
    candidates: list[tuple[int, int, str, list[str], int, bool]] = []
    anything = False  # a row in any sheet: else the workbook is empty
    with open_workbook(path) as book:
        for order, (title, _) in enumerate(book.sheets):
            early: list[tuple[int, int]] = []  # rows out of order among the first
            try:
                top = list(book.rows(title, last=limits.HEADER_SEARCH_ROWS, disorder=early))
            except Exception as exc:  # any failure in a damaged sheet is one line
                raise failure(exc, shown, title) from None
            anything = anything or any(filled(c) for _n, c in top)
            found = header_of(iter(top))
            if found is None:
                continue
            header_row, headers = found
            _header_in_order(shown, title, header_row, early)
            score = score_headers(headers) if score_headers else 0
            band = [(n, c) for n, c in top if found[0] < n <= found[0] + GROUP_BAND_ROWS]
            for number, cells in band:
                # a band of merged group headings ("基本信息", "问题") above the column names
                ok = score_headers is not None and filled(cells) >= 2
                better = score_headers(cells) if ok and score_headers else 0
                if better > score:
                    header_row, headers, score = number, cells, better
            if len(headers) > limits.MAX_COLUMNS:
                raise InputError(
                    f"sheet '{title}' row {header_row}: the header row goes on to column "
                    f"{column_letter(len(headers) - 1)}; at most {limits.MAX_COLUMNS:,} "
                    "columns are read",
                    Where(shown),
                )
            rows_under = any(n > header_row and is_respondent_row(c) for n, c in top)
            candidates.append((score, -order, title, headers, header_row, rows_under))
    if not candidates and not anything:
        raise InputError("the file is empty (no sheet has a row)", Where(shown))
    if not candidates:
        raise InputError("the workbook has no sheet with a header row", Where(shown))
    best, _, title, headers, header_row, _ = max(candidates, key=lambda c: (c[0], c[1]))
    others = [c[2] for c in candidates if c[2] != title]
    # another sheet of firms maps about as many columns; a sheet of option lists or notes
    # (the template's 'options': question id, question, value, label) maps one or two
    enough = max(2, (best + 1) // 2)
    answered = [(c[2], c[0]) for c in candidates if c[2] != title and c[0] >= enough and c[5]]
    headers = [_formula_shown(h) for h in headers]
    width = len(headers)

    disorder: list[tuple[int, int]] = []

    def rows() -> Iterator[tuple[int, list[str]]]:  # read twice (a scan): said once each
        with open_workbook(path) as book:
            for number, cells in book.rows(title, width=width, disorder=disorder):
                # a row filled only right of the last header is a note beside the table
                if number > header_row and (len(cells) <= width or filled(cells[:width])):
                    yield number, cells

    detail = f"XLSX, sheet '{title}'"
    if others:
        detail += " (not read: " + ", ".join(f"'{o}'" for o in others) + ")"
    table = Table(shown, headers, detail, header_row, rows, answered, title)
    table.disorder = disorder
    return table


def _header_in_order(shown: str, title: str, header_row: int, early: list[tuple[int, int]]) -> None:
    """A row stored out of order at or above the header row: the header itself is in doubt
    (which row holds the column names?), so the sheet is not read."""
    for number, after in early:
        if number <= header_row:
            raise InputError(
                f"sheet '{title}' row {number}: row number {number} out of order (stored after "
                f"row {after}), at or above the header row: not read (open it in Excel or WPS "
                "and save it again)",
                Where(shown),
            )


GROUP_BAND_ROWS = 3  # rows under the first filled one that may hold the column names instead


def _formula_shown(header: str) -> str:
    formula = uncalculated(header)
    return header if formula is None else "=" + formula


# --- writing ----------------------------------------------------------------------------------


def csv_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    """CSV as UTF-8 with a BOM (so that Excel shows Chinese right), comma-separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


@dataclass
class Sheet:
    """One worksheet to write: rows, and optional widths, frozen header and dropdown lists."""

    title: str
    rows: Sequence[Sequence[Any]]
    widths: dict[int, float] = field(default_factory=dict)  # 0-based column -> width
    freeze: str | None = None  # e.g. "B2"
    bold_rows: int = 1
    lists: dict[int, str] = field(default_factory=dict)  # column -> range formula
    list_rows: int = 200


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A formatted XLSX workbook (bold wrapped header, widths, frozen panes, dropdowns)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for spec in sheets:
        sheet = book.create_sheet(spec.title)
        for row in spec.rows:
            sheet.append(list(row))
        for line in sheet.iter_rows(min_row=1, max_row=spec.bold_rows):
            for cell in line:
                cell.font = bold
                cell.alignment = wrap
        for col, width in spec.widths.items():
            sheet.column_dimensions[get_column_letter(col + 1)].width = width
        if spec.freeze:
            sheet.freeze_panes = spec.freeze
        for col, formula in spec.lists.items():
            letter = get_column_letter(col + 1)
            validation = DataValidation(type="list", formula1=formula, allow_blank=True)
            validation.showErrorMessage = False  # a suggestion: values and codes are fine too
            validation.add(
                f"{letter}{spec.bold_rows + 1}:{letter}{spec.bold_rows + spec.list_rows}"
            )
            sheet.add_data_validation(validation)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

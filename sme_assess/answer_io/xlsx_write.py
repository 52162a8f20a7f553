"""One-sheet XLSX written as the rows come: a table a consultant can open and work with.

Bold header row, frozen panes, column widths fitted to the content (East Asian wide
characters count double, capped), number formats per column ("0.0", "0%"), an autofilter,
a red-amber-green colour scale on score columns, hyperlinks to files next to the workbook
(relative, so they work when the folder is moved), landscape printing one page wide with the
header repeated.

Memory does not grow with the rows: the cell XML goes through a compressed temporary file
while the widths are measured (Excel needs the widths before the rows), then into the
archive. Written directly rather than with openpyxl, whose write-only mode needs the widths
before the first row as well, keeps a Python object per hyperlink and is several times
slower for a 100,000-row summary (see ``benchmarks/summary_xlsx.py``).
"""

from __future__ import annotations

import io
import math
import tempfile
import zlib
from collections.abc import Iterable, Sequence
from typing import IO, Any

from .xlsx_cells import (
    LINK_STYLE,
    MAX_WIDTH,
    STYLE_OF_FORMAT,
    Column,
    attr,
    column_letter,
    link_rel,
    link_target,
    row_xml,
    text_width,
)
from .xlsx_package import write_package

__all__ = ["Column", "link_target", "table_xlsx", "text_width", "write_table_xlsx"]

ROWS_PER_WRITE = 1000
MIN_WIDTH = 6
HEADER_WIDTH = 16  # a longer header wraps rather than widen its column
SPOOL_CHUNK = 1 << 16  # compressed bytes read at a time (about 10 times that written)


def _shown_width(value: Any, fmt: str) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int | float):
        if fmt == "0%":
            return len(f"{value:.0%}")
        if fmt == "0.0":
            return len(f"{value:.1f}")
        if fmt == "0":
            return len(f"{value:.0f}")
        return len(repr(value))
    return text_width(str(value))


class _Measure:
    """The widest cell of each column so far: texts by an estimate that costs no Python
    loop over their characters (every character of more than one UTF-8 byte counts about
    double: exact for Chinese, Japanese and Korean, a little wide for accented Latin), and
    texts that cannot be wider than what is known are skipped; numbers by the largest and
    smallest value, shown in the column's format at the end."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self.widths = [0] * len(columns)
        self.caps = [c.max_width for c in columns]
        self.high: list[float | None] = [None] * len(columns)
        self.low: list[float | None] = [None] * len(columns)

    def _grow(self) -> None:
        self.columns.append(Column(""))
        self.widths.append(0)
        self.caps.append(MAX_WIDTH)
        self.high.append(None)
        self.low.append(None)

    def add(self, row: Sequence[Any]) -> None:
        widths, caps, high, low = self.widths, self.caps, self.high, self.low
        for c, value in enumerate(row):
            if c >= len(widths):
                self._grow()
            kind = value.__class__
            if kind is str:
                n = len(value)
                known = widths[c]
                if not n or known >= caps[c] or 2 * n <= known:
                    continue
                width = n if value.isascii() else n + (len(value.encode("utf-8")) - n) // 2
                if width > known:
                    widths[c] = min(width, caps[c])
            elif kind is int or kind is float:
                h = high[c]
                if h is None or value > h:
                    high[c] = value
                lo = low[c]
                if lo is None or value < lo:
                    low[c] = value
            elif value is not None:
                width = 5 if kind is bool else text_width(str(value))
                if width > widths[c]:
                    widths[c] = min(width, caps[c])

    def _numbers(self) -> None:
        for c, column in enumerate(self.columns):
            for value in (self.high[c], self.low[c]):
                if value is not None and math.isfinite(value):
                    width = min(_shown_width(value, column.fmt), self.caps[c])
                    self.widths[c] = max(self.widths[c], width)

    def fitted(self) -> list[float]:
        """Widths in Excel's units: the content plus a margin, within MIN_WIDTH and the
        column's cap; a long header wraps (up to HEADER_WIDTH wide)."""
        self._numbers()
        out = []
        for column, width in zip(self.columns, self.widths, strict=True):
            words = [text_width(w) for w in column.header.split()] or [0]
            head = min(max(words), HEADER_WIDTH)
            chars = max(width, head, MIN_WIDTH - 2)
            out.append(float(min(chars, column.max_width) + 2))
        return out


class _Spool:
    """A temporary file written compressed (the sheet's cells, ~10x smaller)."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.zip = zlib.compressobj(1)

    def write(self, text: str) -> None:
        self.file.write(self.zip.compress(text.encode("utf-8")))

    def copy_to(self, target: IO[bytes]) -> None:
        self.file.write(self.zip.flush())
        self.file.seek(0)
        unzip = zlib.decompressobj()
        while chunk := self.file.read(SPOOL_CHUNK):
            target.write(unzip.decompress(chunk))
        target.write(unzip.flush())

    def close(self) -> None:
        self.file.close()


def write_table_xlsx(
    target: IO[bytes],
    rows: Iterable[Sequence[Any]],
    title: str = "Sheet1",
    freeze: str = "",
    columns: Sequence[Column] | None = None,
    *,
    autofilter: bool = False,
) -> None:
    """A one-sheet XLSX of ``rows`` written to ``target`` as they come. With ``columns``,
    the header row is made from them and every row of ``rows`` is data; without, the first
    row is the header and every column is plain. Numbers stay numbers (shown in the
    column's format); None and "" are empty cells; text is never a formula."""
    rows = iter(rows)
    if columns is None:
        first = next(rows, None)
        columns = [Column("" if h is None else str(h)) for h in first or ()]
    columns = list(columns)
    measure = _Measure(columns)
    styles = [attr(LINK_STYLE if c.link else STYLE_OF_FORMAT[c.fmt]) for c in columns]
    linked = [i for i, c in enumerate(columns) if c.link]
    cells = _Spool()
    links = _Spool()
    rels = _Spool()
    try:
        last = 1
        n_links = 0
        batch: list[str] = []
        for r, row in enumerate(rows, start=2):
            measure.add(row)
            batch.append(row_xml(r, row, styles))
            for c in linked:
                value = row[c] if c < len(row) else None
                if isinstance(value, str) and value:
                    n_links += 1
                    links.write(f'<hyperlink ref="{column_letter(c)}{r}" r:id="rId{n_links}"/>')
                    rels.write(link_rel(n_links, value))
            last = r
            if len(batch) >= ROWS_PER_WRITE:
                cells.write("".join(batch))
                batch = []
        cells.write("".join(batch))
        write_package(
            target,
            title,
            freeze,
            measure.columns,
            measure.fitted(),
            last,
            autofilter,
            cells.copy_to,
            links.copy_to,
            rels.copy_to if n_links else None,
        )
    finally:
        for spool in (cells, links, rels):
            spool.close()


def table_xlsx(
    rows: Sequence[Sequence[Any]],
    title: str = "Sheet1",
    freeze: str = "",
    columns: Sequence[Column] | None = None,
    *,
    autofilter: bool = False,
) -> bytes:
    """``write_table_xlsx`` into memory."""
    buffer = io.BytesIO()
    write_table_xlsx(buffer, rows, title, freeze, columns, autofilter=autofilter)
    return buffer.getvalue()

"""The rows of one XLSX worksheet, read as a stream (``SheetRows``, behind
``xlsx_read.Workbook.rows``): each row's cells as shown, a row ending at its last filled cell,
bounded by ``limits``; a row stored out of order is not read, and said."""

from __future__ import annotations

from typing import Protocol

from ..errors import InputError
from . import limits, xml_stream
from .text import UNCALCULATED, column_letter
from .xlsx_parts import int_or


class Workbook(Protocol):
    """What the rows are read with (``xlsx_read.Workbook``; a protocol: no import cycle)."""

    def error(self, sheet: str, row: int, message: str) -> InputError: ...

    def cell(self, attrs: dict[str, str], value: str | None, inline: list[str]) -> str: ...


_COLUMNS: dict[str, int] = {}


def _column_of(ref: str) -> int:
    """'XFD7' -> 16383 (remembered: a sheet repeats the same few columns)."""
    letters = ref.rstrip("0123456789")
    index = _COLUMNS.get(letters)
    if index is None:
        index = column_index(letters)
        if len(letters) <= 3 and len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = index
    return index


def column_index(letters: str) -> int:
    """'A' -> 0, 'XFD' -> 16383; -1 when not a column name."""
    if not letters or len(letters) > 3 or not letters.isascii() or not letters.isalpha():
        return -1
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1 if index <= 16384 else -1


class Done(Exception):
    """The rows asked for have been read."""


class SheetRows(xml_stream.Handler):
    """(row number, cells as shown) of each stored row up to ``last``; a row ends at its last
    non-empty cell, and cells at or right of ``width`` are skipped."""

    def __init__(
        self,
        book: Workbook,
        title: str,
        width: int,
        last: int,
        disorder: list[tuple[int, int]] | None = None,
    ) -> None:
        super().__init__()
        self.book, self.title = book, title
        self.width, self.last = width, last
        self.row = 0
        self.top = 0  # the highest row number read so far
        self.skip = False  # this row is stored after a row numbered as high or higher
        self.disorder = disorder
        self.column = -1
        self.cells: dict[int, str] = {}
        self.attrs: dict[str, str] = {}
        self.value: list[str] = []
        self.inline: list[str] = []
        self.target: list[str] | None = None  # where text goes now
        self.size = 0
        self.phonetic = 0
        self.total = 0
        self.formula: list[str] | None = None  # the cell's formula, when it has one
        self.beyond = ""  # the first filled cell at or right of ``width`` in this row

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if ":" in name or self.depth > limits.MAX_XML_DEPTH:
            self.depth -= 1
            name = self.opened(name)
        if name == "c":
            self.attrs, self.value, self.inline, self.size = attrs, [], [], 0
            self.formula = None
            ref = attrs.get("r")
            self.column = self.column + 1 if not ref else _column_of(ref)
            if self.column < 0:
                raise self.book.error(self.title, self.row, f"bad cell reference {ref!r:.20}")
        elif name == "v":
            self.target = self.value
        elif name == "f":
            self.formula = self.target = []
        elif name == "t":
            self.target = None if self.phonetic else self.inline
        elif name == "row":
            number = int_or(attrs.get("r"), self.row + 1)
            # a number past Excel's last row is damage, said (it once ended the read there:
            # the rows after it were dropped in silence)
            if number < 1 or number > limits.MAX_ROWS:
                raise self.book.error(
                    self.title, number, f"row number {number} out of order or too large"
                )
            # a row stored after one numbered as high or higher (out of order, or its number
            # repeated): its place is in doubt, so it is not read, and said (``disorder``);
            # the rows after it are read (it once refused the whole file)
            self.skip = number <= self.top
            if self.skip:
                if self.disorder is None:
                    raise self.book.error(
                        self.title, number, f"row number {number} out of order or too large"
                    )
                self.disorder.append((number, self.top))
                if len(self.disorder) > limits.MAX_ROWS_OUT_OF_ORDER:
                    raise self.book.error(
                        self.title,
                        number,
                        f"more than {limits.MAX_ROWS_OUT_OF_ORDER:,} rows stored out of order "
                        "(the sheet is damaged: open it in Excel or WPS and save it again)",
                    )
            elif number > self.last:
                raise Done
            else:
                self.top = number
            self.row, self.column, self.cells, self.beyond = number, -1, {}, ""
        elif name == "rPh":
            self.phonetic += 1
            self.target = None

    def text(self, data: str) -> None:
        if self.target is not None:
            self.size += len(data)
            if self.size > limits.MAX_CELL_CHARS:
                raise self.book.error(
                    self.title,
                    self.row,
                    f"column {column_letter(self.column)}: a cell longer than "
                    f"{limits.MAX_CELL_CHARS:,} characters",
                )
            self.target.append(data)

    def end(self, name: str) -> None:
        self.depth -= 1
        if ":" in name:
            name = name.rpartition(":")[2]
        if name in ("v", "t", "f"):
            self.target = None
        elif name == "c":
            self.cell()
        elif name == "row":
            if self.skip:
                return
            cells = self.cells
            line = [""] * (max(cells) + 1 if cells else 0)
            for index, text in cells.items():
                line[index] = text
            if self.beyond:  # said, not dropped: one cell past the header stands for all
                line.extend([""] * (self.width - len(line)) + [self.beyond])
            self.total += max(len(line), 1)
            if self.total > limits.MAX_CELLS:
                raise self.book.error(
                    self.title, self.row, f"more than {limits.MAX_CELLS:,} cells in the sheet"
                )
            self.out.append((self.row, line))
        elif name == "rPh":
            self.phonetic -= 1

    def cell(self) -> None:
        if self.column >= self.width and self.beyond:
            return
        value = "".join(self.value) if self.value else None
        text = self.book.cell(self.attrs, value, self.inline)
        kind = self.attrs.get("t", "n")
        if not text and self.formula is not None and not value and kind in ("n", "b", "e"):
            text = UNCALCULATED + "".join(self.formula).strip()  # t="str": calculated to ""
        if not text:
            return
        if self.column >= self.width:
            self.beyond = text
        else:
            self.cells[self.column] = text

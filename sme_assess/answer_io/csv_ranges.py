"""CSV tables read in row ranges by the workers, never funnelled through one process.

The main process makes one streaming pass over the file (``spans``): the same strict parser
as a whole-file read (``tabular._records``), fed one line at a time, tells where each record
starts in bytes, so a newline inside a quoted cell never starts a row; every ``size``
respondents the pass closes a ``Span`` (byte range, the number of records and lines before
it, the rows in it already done on ``--resume``). A worker seeks to its span and parses
only those bytes (``read_span``), numbering rows and lines as the whole file would, so a
problem keeps its row number. Memory stays that of one line at a time.

This works for UTF-8 (with or without BOM) and GB18030 files: in both, the bytes of a
newline and a quote never occur inside a multi-byte character. A UTF-16 file, a file with
old Mac line ends (a carriage return alone), or anything but a regular file is read whole
as before (``csv_file`` returns None).
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import InputError, Where, display_path
from ..pack.text_encoding import plausible_gb18030
from .not_text import HEAD_BYTES, refuse_binary
from .tabular import (
    _DELIMITER_NAMES,
    Table,
    _check_size,
    _records,
    header_of,
    is_respondent_row,
    looks_utf8,
    sniff_delimiter,
)
from .text import printable

BLOCK = 1 << 20
NOT_TEXT = "not text in UTF-8 or GB18030 (save it as CSV UTF-8)"


@dataclass(frozen=True)
class CsvFile:
    """How to read a CSV file in ranges (found once by the main process)."""

    path: str
    shown: str
    encoding: str  # Python codec: utf-8 or gb18030
    delimiter: str
    start: int  # byte offset of the first record (after a BOM)
    detail: str
    stamp: tuple[int, int]  # size and mtime_ns: a file changed since is not read blindly


@dataclass(frozen=True)
class Span:
    """The rows of a CSV file one worker reads: bytes [start, end)."""

    file: CsvFile
    start: int
    end: int
    number: int  # records before the span (its first record is number + 1)
    line: int  # the line it starts on
    first: int  # its first and last respondent rows (for messages)
    last: int
    count: int  # respondents in it to score
    skip: frozenset[int] = frozenset()  # rows already done (--resume)

    @property
    def rows(self) -> str:
        """Its rows in words: "rows 7-9", "row 9"."""
        return f"row {self.first}" if self.first == self.last else f"rows {self.first}-{self.last}"


class _Lines:
    """The lines of a byte range, decoded, counting where the next one starts."""

    def __init__(self, handle: IO[bytes], f: CsvFile, pos: int, line: int, end: int | None):
        self.handle = handle
        self.file = f
        self.pos = pos
        self.line = line
        self.end = end

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.end is not None and self.pos >= self.end:
            raise StopIteration
        raw = self.handle.readline()
        if not raw:
            raise StopIteration
        try:
            text = raw.decode(self.file.encoding)
        except UnicodeDecodeError:
            raise InputError(NOT_TEXT, Where(self.file.shown, self.line)) from None
        self.pos += len(raw)
        self.line += 1
        return text


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while block := handle.read(BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _stamp(path: Path | str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def csv_file(path: Path) -> CsvFile | None:
    """How to read ``path`` in ranges; None when it is to be read whole (``tabular``).
    InputError when it is too large."""
    shown = printable(display_path(path))
    if path.suffix.lower() not in (".csv", ".tsv") or not path.is_file():
        return None
    _check_size(path, shown)
    try:
        with path.open("rb") as handle:
            head = handle.read(BLOCK)
        utf8 = _is_utf8(path)
        stamp = _stamp(path)
    except OSError:
        return None  # the whole-file read says what is wrong
    refuse_binary(head[:HEAD_BYTES], shown)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\r" in head.replace(b"\r\n", b""):
        return None
    bom = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    if not utf8 and (bom or looks_utf8(head) or not plausible_gb18030(head)):
        return None  # damaged UTF-8, or Latin-1: the whole-file read says where and why
    encoding = "utf-8" if utf8 else "gb18030"
    sample = head[bom:].decode(encoding, errors="ignore")
    delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(sample)
    name = "UTF-8 with BOM" if bom else ("UTF-8" if utf8 else "GB18030")
    detail = f"CSV, {name}, {_DELIMITER_NAMES[delimiter]}-separated"
    return CsvFile(str(path), shown, encoding, delimiter, bom, detail, stamp)


def _open(f: CsvFile, pos: int) -> IO[bytes]:
    handle = open(f.path, "rb")  # noqa: SIM115  (closed by the caller)
    handle.seek(pos)
    return handle


def head_table(f: CsvFile) -> Table:
    """The table's header row, its rows streamed from the file (to recognise the platform
    and plan the columns from the first rows, as ``tabular.read_table`` does)."""

    def records() -> Generator[tuple[int, list[str]]]:
        with _open(f, f.start) as handle:
            yield from _records(_Lines(handle, f, f.start, 1, None), f.delimiter, f.shown)

    found = header_of(records())
    if found is None:
        raise InputError("the file is empty (no header row)", Where(f.shown))
    header_row, headers = found
    headers = [c.strip() for c in headers]
    start = header_row

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, record in records():
            if number > start:
                yield number, record

    return Table(f.shown, headers, f.detail, header_row, rows, csv=True, delimiter=f.delimiter)


def spans(
    f: CsvFile,
    first: int,
    size: int,
    done: Callable[[int], bool],
    boms: list[tuple[int, int]] | None = None,
    each: Callable[[list[str]], None] | None = None,
) -> Iterator[Span | InputError]:
    """The respondent rows from row ``first`` on, in spans of ``size`` rows to score (rows
    ``done`` are left out: ``--resume``); a problem part-way (a quote never closed, a row
    past a limit) ends the spans with the InputError, after the span of the rows before it.
    ``boms``: where (row, line) a record began with a byte order mark (files joined).
    ``each``: given the cells of every respondent row, done or not, as the pass reads it
    (the scan for fractions rides on this read instead of reading the file again)."""
    with _open(f, f.start) as handle:
        lines = _Lines(handle, f, f.start, 1, None)
        records = _records(lines, f.delimiter, f.shown, boms=boms)
        open_at: tuple[int, int, int] | None = None  # byte, line, records before
        rows: list[int] = []
        skip: set[int] = set()
        count = 0
        problem: InputError | None = None
        while True:
            at = (lines.pos, lines.line)
            try:
                number, cells = next(records)
            except StopIteration:
                break
            except InputError as exc:
                problem = exc
                break
            if number < first or not is_respondent_row(cells):
                continue
            if each is not None:
                each(cells)
            if done(number):
                if open_at is None:
                    continue  # rows done before a span opens are not in it
                skip.add(number)
            else:
                count += 1
            if open_at is None:
                open_at = (at[0], at[1], number - 1)
            rows.append(number)
            if count >= size or len(skip) >= size:
                if count:
                    yield _span(f, open_at, lines.pos, rows, count, skip)
                open_at, rows, skip, count = None, [], set(), 0
        if open_at is not None and count:
            yield _span(f, open_at, at[0], rows, count, skip)
        if problem is not None:
            yield problem


def _span(
    f: CsvFile, at: tuple[int, int, int], end: int, rows: list[int], count: int, skip: set[int]
) -> Span:
    return Span(f, at[0], end, at[2], at[1], rows[0], rows[-1], count, frozenset(skip))


def read_span(span: Span) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of the respondent rows of a span still to score, numbered as in
    the whole file; InputError when the file changed since it was planned, or for a
    problem in a row (with its row and line)."""
    f = span.file
    try:
        changed = _stamp(f.path) != f.stamp
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", Where(f.shown)) from None
    if changed:
        raise InputError(
            f"{span.rows}: the file changed while the batch was reading it "
            "(run the batch again when it is complete)",
            Where(f.shown),
        )
    with _open(f, span.start) as handle:
        lines = _Lines(handle, f, span.start, span.line, span.end)
        for number, cells in _records(lines, f.delimiter, f.shown, span.number, span.line):
            if is_respondent_row(cells) and number not in span.skip:
                yield number, cells

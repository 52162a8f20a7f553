"""Open a survey export with its platform: read the table (``tabular``), recognise the
platform from the header and the first rows (or take ``--source``), take the header rows
it uses, and understand the columns once for the whole file."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..i18n import Said
from . import words
from .matcher import Matcher
from .plan import TablePlan
from .platforms import Platform, detect
from .tabular import Table, read_table

PEEK = 3  # rows read ahead to recognise the platform (Qualtrics: 2 more header rows)


@dataclass
class Export:
    table: Table
    plan: TablePlan
    platform: Platform
    detected: bool  # False when --source named it
    _rows: Iterator[tuple[int, list[str]]]

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells) of every respondent row, after the header rows."""
        return self._rows

    def out_of_order(self) -> list[tuple[int, Said]]:
        """(row, why) of each XLSX row of those read so far that is stored out of order (or
        its number repeated), not read: each is said as its row's failure."""
        sheet = self.table.sheet
        return [
            (row, Said(words.OUT_OF_ORDER, sheet=sheet, after=after))
            for row, after in dict.fromkeys(self.table.disorder)
        ]

    @property
    def detail(self) -> str:
        how = "detected" if self.detected else "--source"
        extra = f", {self.plan.header_rows} header rows" if self.plan.header_rows > 1 else ""
        return f"{self.table.detail}; {self.platform.title} ({how}{extra})"


def open_export(path: Path, matcher: Matcher, table: Table | None = None) -> Export:
    """Read a CSV/XLSX export (InputError when it cannot be read); ``table``: the file
    already opened (a CSV streamed by ``csv_ranges``)."""
    if table is None:
        table = read_table(path, lambda headers: matcher.plan(headers).mapped)
    rows = table.rows()
    peek: list[tuple[int, list[str]]] = []
    problem: InputError | None = None
    try:  # a row that cannot be read among the first: the rows before it still count
        peek.extend(itertools.islice(rows, PEEK))
    except InputError as exc:
        problem = exc
    cells = [c for _, c in peek]
    platform = matcher.source or detect(table.headers, cells)
    count = max(1, platform.header_count(table.headers, cells))
    header_rows = [table.headers, *cells[: count - 1]]
    plan = matcher.plan(platform.headers(header_rows), platform, count)
    if table.csv:
        plan.row_width = len(table.headers)
        plan.decimal_comma = table.delimiter == ";"
    return Export(
        table, plan, platform, matcher.source is None, _rest(peek[count - 1 :], problem, rows)
    )


def _rest(
    peeked: list[tuple[int, list[str]]],
    problem: InputError | None,
    rows: Iterator[tuple[int, list[str]]],
) -> Iterator[tuple[int, list[str]]]:
    yield from peeked
    if problem is not None:
        raise problem
    yield from rows

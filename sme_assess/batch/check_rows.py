"""`batch --check-mapping`: filled cells with no header above them, gathered per column (an
empty header, or right of the last header) so that each is said once, with the rows it spans,
and counted as a finding: a question whose header was deleted would lose its answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..answer_io import words
from ..answer_io.plan import EMPTY_HEADER, TablePlan
from ..answer_io.text import column_letter

# the per-row notes (plan.row_shape) these replace in --check-mapping's report
UNHEADED_NOTES = (words.PAST_HEADER, words.NO_HEADER)


@dataclass
class Unheaded:
    """Filled cells with no header above them, in one column: under an empty header, or
    right of the last header (``past``: every column from ``column`` on). Not read, and a
    finding: a question's column whose header was deleted loses its answers."""

    column: str  # its letter
    past: bool
    cells: int = 0
    first: int = 0  # the rows they are on, first and last
    last: int = 0
    sample: str = ""  # the first of them

    def see(self, number: int, text: str) -> None:
        self.cells += 1
        self.first = self.first or number
        self.last = number
        self.sample = self.sample or text


def unheaded_in(
    plan: TablePlan, number: int, row: Sequence[str], found: dict[tuple[str, bool], Unheaded]
) -> None:
    """Add row ``number``'s filled cells under an empty header or right of the last one."""
    for column in plan.columns:
        if column.how == EMPTY_HEADER and column.index < len(row) and row[column.index].strip():
            key = (column.letter, False)
            found.setdefault(key, Unheaded(*key)).see(number, row[column.index].strip())
    width = len(plan.columns)
    past = next((c.strip() for c in row[width:] if str(c).strip()), None)
    if past is not None:
        key = (column_letter(width), True)
        found.setdefault(key, Unheaded(*key)).see(number, past)

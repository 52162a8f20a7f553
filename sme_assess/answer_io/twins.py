"""One question answered by two columns of a table (a merged export, a column copied by hand):
which cell gives the answer, and when the two say different things."""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import Said
from . import words
from .cells import CellReader
from .plan import TablePlan
from .text import column_letter


def twin_taken(
    cells: CellReader,
    plan: TablePlan,
    qid: str,
    index: int,
    cell: Callable[[int], str],
    clashes: list[Said],
) -> tuple[int, str]:
    """The cell that answers ``qid`` among the columns for it (``index`` and its twins), and
    the column it was taken from: the first that is not empty; another that reads otherwise
    is added to ``clashes``. A column's own reading (a fraction column in doubt,
    ``percent_scale``) goes by the column the answer is in."""
    skips, numbers = plan.platform.skips, plan.columns[index].numbers
    given = [(i, cell(i)) for i in (index, *plan.twins[qid]) if cell(i) not in ("", *skips)]
    if not given:
        return index, cell(index)
    first, text = given[0]
    comma = plan.decimal_comma
    value = cells.read(qid, text, plan.platform, numbers, comma).value
    for other, said in given[1:]:
        if cells.read(qid, said, plan.platform, numbers, comma).value != value:
            clashes.append(clash(qid, (first, text), (other, said)))
    return first, text


def clash(qid: str, first: tuple[int, str], other: tuple[int, str]) -> Said:
    """Two columns for ``qid`` that say different things: (column index, cell) of each."""
    return Said(
        words.CLASH,
        qid=qid,
        first=column_letter(first[0]),
        said=repr(first[1]),
        other=column_letter(other[0]),
        other_said=repr(other[1]),
    )

"""One question answered by two columns of a table (a merged export, a column copied by hand):
which cell gives the answer, and when the two say different things."""

from __future__ import annotations

from collections.abc import Callable

from .cells import CellReader
from .plan import TablePlan
from .text import column_letter


def twin_cell(
    cells: CellReader,
    plan: TablePlan,
    qid: str,
    index: int,
    cell: Callable[[int], str],
    clashes: list[str],
) -> str:
    """The cell that answers ``qid`` among the columns for it (``index`` and its twins): the
    first that is not empty; another that reads otherwise is added to ``clashes``."""
    skips, numbers = plan.platform.skips, plan.columns[index].numbers
    given = [(i, cell(i)) for i in (index, *plan.twins[qid]) if cell(i) not in ("", *skips)]
    if not given:
        return cell(index)
    first, text = given[0]
    value = cells.read(qid, text, plan.platform, numbers).value
    for other, said in given[1:]:
        if cells.read(qid, said, plan.platform, numbers).value != value:
            clashes.append(
                f"{qid}: column {column_letter(first)} says {text!r}, "
                f"column {column_letter(other)} says {said!r}"
            )
    return text

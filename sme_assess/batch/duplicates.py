"""One company name in more than one submission: each is scored, none is dropped, and each is
said (summary's notes column, duplicates.csv, the terminal), so that a programme does not
count one firm twice without knowing. Names are compared as ``answer_io.text.normalise``
compares texts (case, width, punctuation and spaces aside): "ACME Ltd." is "Acme Ltd".

Memory stays flat: the names are sorted on disk (``order.Order``, as the summary's order is);
only the names found more than once are kept. With --id-column two submissions of one firm
are its visits (progress.csv pairs them), so nothing is said here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..answer_io.text import normalise
from ..atomic import write_bytes
from ..i18n import NN_, Said
from . import outputs as out
from .order import Order
from .words import operator_words

DUPLICATES = out.DUPLICATES
_SOURCE, _ROW, _SCORE = 0, 1, 7  # summary columns (outputs.summary_columns)
COLUMNS = ("group", "submissions", "source", "row", "company", "score")
NOTE = NN_(
    "the same company name as {n} other submission (see duplicates.csv): both are scored, "
    "count the firm once",
    "the same company name as {n} other submissions (see duplicates.csv): all are scored, "
    "count the firm once",
)


def company_key(company: str) -> bytes | None:
    """The name as compared (None: no name, nothing to compare)."""
    key = normalise(company)
    return key.encode("utf-8") if key else None


class SameCompany:
    """The company names of a batch's summary lines, and those given more than once."""

    def __init__(self, folder: Path) -> None:
        self.order = Order(folder)
        self.counts: dict[bytes, int] = {}  # name -> submissions, for names given twice or more
        self.groups: dict[bytes, list[list[Any]]] = {}  # duplicates.csv's rows, per name

    def add(self, company: str, offset: int) -> None:
        key = company_key(company)
        if key is not None:
            self.order.add(key, offset)

    def finish(
        self, repeated: Iterable[int], company_at: Callable[[Sequence[int]], list[str]]
    ) -> None:
        """Find the names given more than once. ``repeated``: offsets of lines of a respondent
        scored before (a resumed run: not another submission); ``company_at``: the company of
        the lines at some offsets (read again: only the few lines of a name seen before)."""
        self.order.finish().close()
        again = sorted(set(self.order.twice) - set(repeated))
        for company in company_at(again):
            key = company_key(company)
            if key is not None:
                self.counts[key] = self.counts.get(key, 1) + 1

    def note(self, summary: list[Any]) -> Said | None:
        """The summary row's note when its company name is given more than once (the row is
        kept for duplicates.csv)."""
        key = company_key(str(summary[out.COMPANY] or ""))
        count = None if key is None else self.counts.get(key)
        if key is None or count is None:
            return None
        self.groups.setdefault(key, []).append(
            [count, summary[_SOURCE], summary[_ROW], summary[out.COMPANY], summary[_SCORE]]
        )
        return Said(NOTE, n=count - 1)

    def rows(self) -> list[list[Any]]:
        """duplicates.csv: one group per name, in the summary's order."""
        rows: list[list[Any]] = [list(COLUMNS)]
        for number, members in enumerate(self.groups.values(), 1):
            rows += [[number, *member] for member in members]
        return rows

    @property
    def rows_flagged(self) -> int:
        return sum(len(m) for m in self.groups.values())


def say_duplicates(outdir: Path, notes: list[str], same: SameCompany | None) -> None:
    """duplicates.csv and the terminal's note when a company name is given more than once
    (a duplicates.csv of an earlier run is removed when none is)."""
    path = outdir / out.DUPLICATES
    if same is None or not same.groups:
        path.unlink(missing_ok=True)
        return
    write_bytes(path, out.csv_rows(same.rows(), bom=True))
    _ = operator_words()
    notes.append(
        _.ngettext(
            "{n} company name is given in more than one submission ({rows} rows): every "
            "submission is scored, none is dropped; {file} lists them: count each firm once "
            "(or give --id-column when they are visits of one firm)",
            "{n} company names are given in more than one submission ({rows} rows): every "
            "submission is scored, none is dropped; {file} lists them: count each firm once "
            "(or give --id-column when they are visits of one firm)",
            len(same.groups),
            rows=same.rows_flagged,
            file=out.DUPLICATES,
        )
    )

"""Numbers under a question answered in % (its unit is "%"): a percentage (30) or a fraction
(0.3, as a spreadsheet stores 30 % when the cell lost its % format, or a share computed in
a sheet)? A cell written with its % sign ("30%", or a workbook cell formatted as a
percentage, which the reader shows as "30%") is a percentage whatever the column. A column
whose plain numbers are all from 0 to 1, one at least between them, is in doubt: 0.3 may be
30 % or 0.3 %, and 1 may be 100 % or 1 %. Its numbers above 0 are refused (0 is 0 either
way) unless the mapping file states the column's scale (``scales``: fraction or percent);
never guessed. Pure."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..i18n import Said
from . import words
from .cells import ValueMatch, refuse
from .lookups import Lookups
from .mapping_file import MappingFile
from .plan import TablePlan
from .text import column_letter, parse_number

FRACTION = "fraction"
PERCENT = "percent"
MAX_SHOWN = 3  # values quoted in the note on a column


def percent_questions(lookups: Lookups) -> frozenset[str]:
    """The number questions whose unit, in some language of the pack, is "%"."""
    return frozenset(
        qid
        for qid, units in lookups.units.items()
        if any(unicodedata.normalize("NFKC", u).strip() == "%" for u in units)
    )


def written_as_percent(text: str) -> bool:
    """Whether a cell carries its % sign ("30%", "30 ％")."""
    return "%" in unicodedata.normalize("NFKC", text)


def plain_number(text: str, units: Iterable[str] = ()) -> float | None:
    """The number of a cell written without a % sign (None: not a plain number)."""
    if written_as_percent(text):
        return None
    number = parse_number(text, tuple(units))
    return None if number is None else float(number)


@dataclass
class FractionScan:
    """Watches the plain numbers of the columns of questions answered in % (``watch``:
    column index -> question id): a column stays in doubt while every number is from 0 to 1,
    and is a fraction column once one is between them."""

    watch: dict[int, str]
    units: Mapping[str, list[str]]
    skips: frozenset[str] | set[str] = frozenset()
    between: dict[int, list[str]] = field(default_factory=dict)  # values seen in (0, 1)

    @property
    def done(self) -> bool:
        """Nothing left in doubt: reading on changes nothing."""
        return not self.watch

    def see(self, index: int, text: str) -> None:
        qid = self.watch.get(index)
        text = text.strip()
        if qid is None or not text or text in self.skips:
            return
        number = plain_number(text, self.units.get(qid, ()))
        if number is None:
            return
        if not 0 <= number <= 1:  # a percentage column: 0.5 there is 0.5 %
            del self.watch[index]
            self.between.pop(index, None)
        elif 0 < number < 1:
            seen = self.between.setdefault(index, [])
            if len(seen) < MAX_SHOWN and text not in seen:
                seen.append(text)

    def row(self, cells: list[str]) -> None:
        for index in list(self.watch):
            if index < len(cells):
                self.see(index, str(cells[index]))

    def found(self) -> dict[int, list[str]]:
        """Column index -> some of its values between 0 and 1, for the columns in doubt."""
        return {i: seen for i, seen in self.between.items() if i in self.watch}


def scan_of(plan: TablePlan, lookups: Lookups, mapping: MappingFile) -> FractionScan:
    """A scan of the columns of ``plan`` that answer a question in % whose scale the mapping
    file does not state."""
    percent = percent_questions(lookups)
    watch = {
        index: qid
        for qid, first in plan.questions.items()
        if qid in percent and qid not in mapping.scales
        for index in (first, *plan.twins.get(qid, ()))  # each column of it on its own
    }
    return FractionScan(watch, lookups.units, set(plan.platform.skips))


def fraction_columns(
    plan: TablePlan,
    lookups: Lookups,
    mapping: MappingFile,
    rows: Iterable[tuple[int, list[str]]],
) -> dict[int, list[str]]:
    """The columns in doubt of a table (index -> values between 0 and 1), from its rows
    after the header rows; stops as soon as no column is left in doubt."""
    scan = scan_of(plan, lookups, mapping)
    scan_rows(scan, plan, rows)
    return scan.found()


def scan_rows(scan: FractionScan, plan: TablePlan, rows: Iterable[tuple[int, list[str]]]) -> None:
    """Feed ``scan`` a table's rows (from the row under its first header row), the
    platform's other header rows left out; stops as soon as no column is left in doubt. A
    row that cannot be read raises, and the scan keeps what it saw before it: the rows the
    batch scores, as its reading stops at that row too."""
    if scan.done:
        return
    extra = plan.header_rows - 1  # the platform's other header rows (text, not numbers)
    for _number, cells in rows:
        if extra > 0:
            extra -= 1
            continue
        scan.row(cells)
        if scan.done:
            break


def in_doubt(
    plan: TablePlan, lookups: Lookups, qid: str, index: int, text: str
) -> ValueMatch | None:
    """The refusal of a cell of a column in doubt (a plain number above 0), else None."""
    if index not in plan.fractions:
        return None
    number = plain_number(text, lookups.units.get(qid, ()))
    if number is None or not 0 < number <= 1:
        return None
    return refuse(text, Said(words.FRACTION_OR_PERCENT, column=column_letter(index), qid=qid))

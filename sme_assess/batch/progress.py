"""T0 -> T1 in a batch (``--id-column``): the same firm assessed twice, matched by a stable
id (a column such as 统一社会信用代码, or fields joined with '+', e.g. ``company+region``).

Runs after the results are committed: it reads results.jsonl, groups the scored respondents
by id, orders each pair by the respondent date (file order, with a note, when neither has a
date) and says what moved. Anything that cannot be matched with certainty (three or more
assessments, two on the same date, one dated and one not) is listed in
progress_ambiguous.csv and left out of the numbers: never guessed.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..answer_io.text import date_doubt
from ..i18n import N_, translator
from . import outputs as out
from .lean import shape
from .words import operator_words

PROGRESS_CSV = "progress.csv"
AMBIGUOUS_CSV = "progress_ambiguous.csv"
GATE = 2  # the MIIT level-2 gate
MIIT = "miit_2024"  # the built-in pack's MIIT 2024 crosswalk id
SEPARATOR = "+"

STRINGS: dict[str, str] = {
    "title": N_("Progress T0 → T1"),
    "matched": N_("Firms assessed twice"),
    "moved_up": N_("Moved up a stage"),
    "passed_gate": N_("Passed the MIIT level-2 gate"),
    "ambiguous": N_("Ambiguous ids (not counted; see progress_ambiguous.csv)"),
    "category": N_("Category"),
    "mean_t0": N_("Mean T0"),
    "mean_t1": N_("Mean T1"),
    "change": N_("Change"),
    "firms": N_("Firms"),
    "overall": N_("Overall score"),
}


def ps(key: str, lang: str) -> str:
    return translator(lang).text(STRINGS[key])


def id_fields(spec: str) -> tuple[str, ...]:
    """``--id-column`` as respondent fields: one name, or several joined with '+'."""
    return tuple(part.strip() for part in spec.split(SEPARATOR) if part.strip())


_SPACE = re.compile(r"\s+")


def firm_id(respondent: dict[str, Any], fields: Sequence[str]) -> str | None:
    """The firm's id from its respondent fields (spaces dropped, case folded); None when any
    part is missing."""
    parts = []
    for name in fields:
        value = respondent.get(name)
        text = _SPACE.sub("", str(value)).casefold() if value is not None else ""
        if not text:
            return None
        parts.append(text)
    return SEPARATOR.join(parts)


@dataclass(frozen=True)
class Visit:
    """One scored assessment of a firm, as far as progress needs it."""

    order: int  # position in the run's output order (file, then row)
    key: out.Key
    firm: str
    company: str
    date: str | None
    score: float | None
    level: int | None
    categories: dict[str, float | None]
    miit: int | None
    date_text: str | None = None  # a date given but not read ("03/05/2024"): cannot order


@dataclass(frozen=True)
class Pair:
    firm: str
    t0: Visit
    t1: Visit
    by: str  # "date" or "file order"

    @property
    def change(self) -> float | None:
        if self.t0.score is None or self.t1.score is None:
            return None
        return round(self.t1.score - self.t0.score, 1)

    @property
    def moved_up(self) -> bool:
        return (
            self.t0.level is not None
            and self.t1.level is not None
            and self.t1.level > self.t0.level
        )

    @property
    def passed_gate(self) -> bool:
        return (
            self.t0.miit is not None
            and self.t1.miit is not None
            and self.t0.miit < GATE <= self.t1.miit
        )


@dataclass(frozen=True)
class Ambiguous:
    firm: str
    reason: str
    visits: tuple[Visit, ...]


@dataclass(frozen=True)
class CategoryChange:
    id: str
    name: str
    n: int
    t0: float | None
    t1: float | None

    @property
    def change(self) -> float | None:
        return None if self.t0 is None or self.t1 is None else round(self.t1 - self.t0, 1)


@dataclass
class CohortProgress:
    lang: str
    pairs: list[Pair]
    ambiguous: list[Ambiguous]
    no_id: int
    overall: CategoryChange | None = None
    categories: list[CategoryChange] = field(default_factory=list)
    with_miit: int = 0  # pairs with an MIIT estimate on both sides

    @property
    def moved_up(self) -> int:
        return sum(p.moved_up for p in self.pairs)

    @property
    def passed_gate(self) -> int:
        return sum(p.passed_gate for p in self.pairs)

    def share(self, count: int, of: int | None = None) -> float:
        n = len(self.pairs) if of is None else of
        return count / n if n else 0.0

    def word(self, key: str) -> str:
        return ps(key, self.lang)


def visit_of(order: int, key: out.Key, data: dict[str, Any], fields: Sequence[str]) -> Visit | None:
    respondent = data.get("respondent") or {}
    firm = firm_id(respondent, fields)
    if firm is None:
        return None
    miit = next(
        (e.get("level") for e in data.get("estimates") or [] if e.get("framework") == MIIT),
        None,
    )
    date = respondent.get("date")
    return Visit(
        order=order,
        key=key,
        firm=firm,
        company=str(respondent.get("company") or ""),
        date=str(date) if date else None,
        score=data["overall"].get("score"),
        level=data["overall"].get("level"),
        categories={c["id"]: c.get("score") for c in data.get("categories", [])},
        miit=miit if isinstance(miit, int) else None,
        date_text=str(respondent["date_text"]) if respondent.get("date_text") else None,
    )


def match(visits: Iterable[Visit]) -> tuple[list[Pair], list[Ambiguous]]:
    """Pairs (T0 earlier, T1 later) and the ids that cannot be paired with certainty."""
    groups: dict[str, list[Visit]] = {}
    for v in visits:
        groups.setdefault(v.firm, []).append(v)
    pairs: list[Pair] = []
    ambiguous: list[Ambiguous] = []
    for firm, group in groups.items():
        if len(group) == 1:
            continue
        group.sort(key=lambda v: v.order)
        if len(group) > 2:
            reason = f"{len(group)} assessments with this id: which two to compare is not clear"
            ambiguous.append(Ambiguous(firm, reason, tuple(group)))
            continue
        a, b = group
        unread = next((v.date_text for v in (a, b) if v.date is None and v.date_text), None)
        if unread is not None:
            why = "day and month could be either way round" if date_doubt(unread) else "no date"
            reason = f"the date {unread!r} is not read ({why}): the order is not clear"
            ambiguous.append(Ambiguous(firm, reason, (a, b)))
        elif a.date is None and b.date is None:
            pairs.append(Pair(firm, a, b, "file order"))
        elif a.date is None or b.date is None:
            reason = "one assessment has a date and the other none: the order is not clear"
            ambiguous.append(Ambiguous(firm, reason, (a, b)))
        elif a.date == b.date:
            ambiguous.append(Ambiguous(firm, f"both assessments are dated {a.date}", (a, b)))
        else:
            t0, t1 = (a, b) if a.date < b.date else (b, a)
            pairs.append(Pair(firm, t0, t1, "date"))
    return pairs, ambiguous


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 1) if values else None


def changes(pairs: Sequence[Pair], cid: str, name: str) -> CategoryChange:
    """Mean T0 and T1 over the pairs assessed in this category on both sides."""
    both = [
        (p.t0.categories.get(cid), p.t1.categories.get(cid)) if cid else (p.t0.score, p.t1.score)
        for p in pairs
    ]
    kept = [(a, b) for a, b in both if a is not None and b is not None]
    return CategoryChange(
        cid, name, len(kept), _mean([a for a, _ in kept]), _mean([b for _, b in kept])
    )


class Cell(NamedTuple):
    """A summary row's progress: as summary.csv says it (English) and summary.xlsx (the
    batch's language)."""

    csv: str
    shown: str


def progress_cell(pair: Pair, visit: Visit, lang: str = "en") -> str:
    """The summary's per-firm progress column, in the batch's language: the change between
    the whole scores summary.xlsx, the reports and ``compare`` show (raw in progress.csv)."""
    from ..report.progress import signed

    _ = translator(lang)
    if visit is pair.t0:
        return _("T0 of {date} (see that row)", date=pair.t1.date or _("a later row"))
    change = signed(pair.t0.score, pair.t1.score)
    moved = pair.t0.level != pair.t1.level
    stage = _("; stage {t0} → {t1}", t0=pair.t0.level, t1=pair.t1.level) if moved else ""
    gate = _("; passed the MIIT level-2 gate") if pair.passed_gate else ""
    date = pair.t0.date or _("the earlier row")
    return _(
        "T1: {change} since {date}{stage}{gate}", change=change, date=date, stage=stage, gate=gate
    )


def ambiguous_cell(amb: Ambiguous, lang: str = "en") -> str:
    """The progress column of a row whose id is ambiguous."""
    # the reason is English only (it goes into the CSV too): a translation may leave it out
    # with {reason:.0} (formatted as nothing)
    _ = translator(lang)
    return _("ambiguous id: {reason} (see {csv})", reason=amb.reason, csv=AMBIGUOUS_CSV)


def cohort_progress(
    lines: Iterable[str],
    records: Collection[out.Key],
    spec: str,
    lang: str,
    names: dict[str, str],
) -> tuple[CohortProgress, dict[out.Key, Cell]]:
    """The cohort's progress from results.jsonl lines (only the keys in ``records``) and
    the progress cell of each matched row (English for summary.csv, ``lang`` for
    summary.xlsx)."""
    fields = id_fields(spec)
    order = {key: i for i, key in enumerate(sorted(records, key=out.order_key))}
    visits: list[Visit] = []
    no_id = 0
    for line in lines:
        parsed = out.parse_results_line(line)
        if parsed is None or parsed[0] not in order:
            continue
        key, data = parsed[0], shape(parsed[1])  # a lean line's arrays as dicts
        visit = visit_of(order[key], key, data, fields)
        if visit is None:
            no_id += 1
        else:
            visits.append(visit)
    pairs, ambiguous = match(visits)
    pairs.sort(key=lambda p: p.t1.order)
    cp = CohortProgress(lang, pairs, ambiguous, no_id)
    cp.overall = changes(pairs, "", ps("overall", lang))
    cp.categories = [changes(pairs, cid, name) for cid, name in names.items()]
    cp.with_miit = sum(p.t0.miit is not None and p.t1.miit is not None for p in pairs)
    cells = {}
    for p in pairs:
        for visit in (p.t0, p.t1):
            cells[visit.key] = Cell(progress_cell(p, visit), progress_cell(p, visit, lang))
    for amb in ambiguous:
        for v in amb.visits:
            cells[v.key] = Cell(ambiguous_cell(amb), ambiguous_cell(amb, lang))
    return cp, cells


def id_columns(spec: str, rules: Any) -> Any:
    """The mapping with the id columns read as respondent fields (a column named like a
    built-in field, e.g. company, is read already). Raises UsageError on an empty spec."""
    from ..answer_io.mapping import RESPONDENT_FIELDS, MappingFile
    from ..errors import UsageError

    fields = id_fields(spec)
    if not fields:
        _ = operator_words()
        raise UsageError(
            _("--id-column {spec}: name a column or respondent field", spec=repr(spec))
        )
    mapping = rules if rules is not None else MappingFile()
    extra = {
        name: f"respondent.{name}"
        for name in fields
        if name not in RESPONDENT_FIELDS and name not in mapping.columns
    }
    if not extra:
        return mapping
    return mapping.model_copy(update={"columns": {**mapping.columns, **extra}})

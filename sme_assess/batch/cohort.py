"""The cohort in numbers: levels, category quartiles, common pain points and solutions,
breakdowns by sector and size. Pure: facts in (one at a time, into a ``Tally``),
statistics out (names in one language)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..models import text_for
from ..models.questionnaire import ScaleQuestion, SingleChoiceQuestion
from ..pack.loading import Pack
from ..wording.messages import Namer
from .histogram import Histogram
from .outputs import Facts

_K = TypeVar("_K")


@dataclass(frozen=True)
class Spread:
    """Quartiles of a set of scores (0-100)."""

    n: int
    low: float
    q1: float
    median: float
    q3: float
    high: float


@dataclass(frozen=True)
class Count:
    id: str
    name: str
    count: int
    share: float  # 0-1, of the scored respondents


@dataclass(frozen=True)
class CategorySpread:
    id: str
    name: str
    spread: Spread | None  # None: assessed for nobody


@dataclass(frozen=True)
class Group:
    """Respondents sharing a sector (or size)."""

    value: str
    name: str
    n: int
    median: float | None
    levels: dict[int, int]


@dataclass(frozen=True)
class CohortStats:
    lang: str
    respondents: int
    failed: int
    overall: Spread | None
    levels: list[Count]  # id is the level number as text
    categories: list[CategorySpread]
    pains: list[Count]
    solutions: list[Count]
    sectors: list[Group]
    sizes: list[Group]


def spread(values: Histogram | Iterable[float]) -> Spread | None:
    """Quartiles as ``statistics.quantiles(method="inclusive")`` gives them (exactly)."""
    data = values if isinstance(values, Histogram) else Histogram(values)
    if not data:
        return None
    if len(data) == 1:
        v = data.low()
        return Spread(1, v, v, v, v, v)
    q1, median, q3 = data.quantiles(4)
    return Spread(len(data), data.low(), round(q1, 1), round(median, 1), round(q3, 1), data.high())


def profile_names(pack: Pack, profile: str, lang: str) -> dict[str, str]:
    q = pack.questionnaire
    for question in q.questions():
        if question.profile == profile and isinstance(
            question, SingleChoiceQuestion | ScaleQuestion
        ):
            return {o.value: text_for(o.label, lang, q.default_language) for o in question.options}
    return {}


class Tally:
    """The cohort counted one respondent at a time (``add``; ``remove`` takes one back), in
    memory that does not grow with the number of firms: levels, pains and solutions as
    counts, scores as counts of each distinct score (``Histogram``: exact quartiles)."""

    def __init__(self, categories: Sequence[str], by_group: bool = False) -> None:
        """``by_group``: category scores per sector and size as well (for the peers a
        firm's report shows: one more number per score and group)."""
        self.n = 0
        self.by_group = tuple(categories) if by_group else ()
        self.overall = Histogram()
        self.levels: Counter[int | None] = Counter()
        self.categories = {c: Histogram() for c in categories}
        self.pains: Counter[str] = Counter()
        self.solutions: Counter[str] = Counter()
        self.groups: dict[str, dict[str, _GroupTally]] = {"sector": {}, "size": {}}

    def add(self, f: Facts) -> None:
        self.n += 1
        if f.score is not None:
            self.overall.add(f.score)
        self.levels[f.level] += 1
        for cid, values in self.categories.items():
            score = f.categories.get(cid)
            if score is not None:
                values.add(score)
        self.pains.update(set(f.pains))
        self.solutions.update(set(f.solutions))
        for attr, groups in self.groups.items():
            value = getattr(f, attr) or ""
            group = groups.get(value)
            if group is None:
                group = groups[value] = _GroupTally(self.by_group)
            group.add(f)

    def remove(self, f: Facts) -> None:
        """Take back the facts of one respondent added before (a line found twice)."""
        self.n -= 1
        if f.score is not None:
            self.overall.remove(f.score)
        _less(self.levels, [f.level])
        for cid, values in self.categories.items():
            score = f.categories.get(cid)
            if score is not None:
                values.remove(score)
        _less(self.pains, set(f.pains))
        _less(self.solutions, set(f.solutions))
        for attr, groups in self.groups.items():
            value = getattr(f, attr) or ""
            group = groups[value]
            group.remove(f)
            if group.n == 0:
                del groups[value]


def _less(counts: Counter[_K], keys: Iterable[_K]) -> None:
    """One fewer of each key; a key counted 0 is gone (as if never added)."""
    for key in keys:
        left = counts[key] - 1
        if left > 0:
            counts[key] = left
        else:
            del counts[key]


class _GroupTally:
    def __init__(self, categories: Sequence[str] = ()) -> None:
        self.n = 0
        self.scores = Histogram()
        self.levels: Counter[int] = Counter()
        self.categories = {c: Histogram() for c in categories}

    def add(self, f: Facts) -> None:
        self.n += 1
        if f.score is not None:
            self.scores.add(f.score)
        if f.level is not None:
            self.levels[f.level] += 1
        for cid, values in self.categories.items():
            score = f.categories.get(cid)
            if score is not None:
                values.add(score)

    def remove(self, f: Facts) -> None:
        self.n -= 1
        if f.score is not None:
            self.scores.remove(f.score)
        if f.level is not None:
            _less(self.levels, [f.level])
        for cid, values in self.categories.items():
            score = f.categories.get(cid)
            if score is not None:
                values.remove(score)


def _groups(groups: dict[str, _GroupTally], names: dict[str, str], not_given: str) -> list[Group]:
    order = list(names)
    out = [
        Group(
            value=value,
            name=names.get(value, value) if value else not_given,
            n=g.n,
            median=round(g.scores.median(), 1) if g.scores else None,
            levels=dict(sorted(g.levels.items())),
        )
        for value, g in groups.items()
    ]
    out.sort(
        key=lambda g: (
            g.value == "",
            order.index(g.value) if g.value in order else len(order),
            g.value,
        )
    )
    return out


def cohort_stats(
    pack: Pack, facts: Sequence[Facts], failed: int, lang: str, not_given: str, top: int = 10
) -> CohortStats:
    tally = Tally([c.id for c in pack.questionnaire.categories])
    for f in facts:
        tally.add(f)
    return stats_of(pack, tally, failed, lang, not_given, top)


def stats_of(
    pack: Pack, tally: Tally, failed: int, lang: str, not_given: str, top: int = 10
) -> CohortStats:
    """The cohort's statistics from its tally (names in ``lang``)."""
    q = pack.questionnaire
    namer = Namer(q, pack.catalogue, lang)
    n = tally.n

    def share(count: int) -> float:
        return count / n if n else 0.0

    level_counts = tally.levels
    levels = [
        Count(
            str(lv.number),
            namer.level(lv.number),
            level_counts[lv.number],
            share(level_counts[lv.number]),
        )
        for lv in q.levels
    ]
    not_assessed = level_counts[None]
    if not_assessed:
        levels.append(Count("", namer.level(None), not_assessed, share(not_assessed)))
    categories = [
        CategorySpread(cat.id, namer.area(cat.id), spread(tally.categories[cat.id]))
        for cat in q.categories
    ]
    return CohortStats(
        lang=lang,
        respondents=n,
        failed=failed,
        overall=spread(tally.overall),
        levels=levels,
        categories=categories,
        pains=[
            Count(pid, namer.pain(pid), c, share(c))
            for pid, c in sorted(tally.pains.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        ],
        solutions=[
            Count(sid, namer.solution(sid), c, share(c))
            for sid, c in sorted(tally.solutions.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        ],
        sectors=_groups(tally.groups["sector"], profile_names(pack, "sector", lang), not_given),
        sizes=_groups(tally.groups["size"], profile_names(pack, "size", lang), not_given),
    )

"""The cohort in numbers: levels, category quartiles, common pain points and solutions,
breakdowns by sector and size. Pure: facts in, statistics out (names in one language)."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..loading import Pack
from ..messages import Namer
from ..models import text_for
from ..models.questionnaire import ScaleQuestion, SingleChoiceQuestion
from .outputs import Facts


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


def spread(values: Sequence[float]) -> Spread | None:
    data = sorted(values)
    if not data:
        return None
    if len(data) == 1:
        v = data[0]
        return Spread(1, v, v, v, v, v)
    q1, median, q3 = statistics.quantiles(data, n=4, method="inclusive")
    return Spread(len(data), data[0], round(q1, 1), round(median, 1), round(q3, 1), data[-1])


def _profile_names(pack: Pack, profile: str, lang: str) -> dict[str, str]:
    q = pack.questionnaire
    for question in q.questions():
        if question.profile == profile and isinstance(
            question, SingleChoiceQuestion | ScaleQuestion
        ):
            return {o.value: text_for(o.label, lang, q.default_language) for o in question.options}
    return {}


def _groups(
    facts: Sequence[Facts], attr: str, names: dict[str, str], not_given: str
) -> list[Group]:
    buckets: dict[str, list[Facts]] = {}
    for f in facts:
        buckets.setdefault(getattr(f, attr) or "", []).append(f)
    order = list(names)
    groups = []
    for value, members in buckets.items():
        scores = [f.score for f in members if f.score is not None]
        levels = Counter(f.level for f in members if f.level is not None)
        groups.append(
            Group(
                value=value,
                name=names.get(value, value) if value else not_given,
                n=len(members),
                median=round(statistics.median(scores), 1) if scores else None,
                levels=dict(sorted(levels.items())),
            )
        )
    groups.sort(
        key=lambda g: (
            g.value == "",
            order.index(g.value) if g.value in order else len(order),
            g.value,
        )
    )
    return groups


def cohort_stats(
    pack: Pack, facts: Sequence[Facts], failed: int, lang: str, not_given: str, top: int = 10
) -> CohortStats:
    q = pack.questionnaire
    namer = Namer(q, pack.catalogue, lang)
    n = len(facts)

    def share(count: int) -> float:
        return count / n if n else 0.0

    level_counts = Counter(f.level for f in facts if f.level is not None)
    levels = [
        Count(
            str(lv.number),
            namer.level(lv.number),
            level_counts[lv.number],
            share(level_counts[lv.number]),
        )
        for lv in q.levels
    ]
    not_assessed = sum(1 for f in facts if f.level is None)
    if not_assessed:
        levels.append(Count("", namer.level(None), not_assessed, share(not_assessed)))
    categories = [
        CategorySpread(
            cat.id,
            namer.area(cat.id),
            spread([s for f in facts if (s := f.categories.get(cat.id)) is not None]),
        )
        for cat in q.categories
    ]
    pains = Counter(p for f in facts for p in set(f.pains))
    solutions = Counter(s for f in facts for s in set(f.solutions))
    return CohortStats(
        lang=lang,
        respondents=n,
        failed=failed,
        overall=spread([f.score for f in facts if f.score is not None]),
        levels=levels,
        categories=categories,
        pains=[
            Count(pid, namer.pain(pid), c, share(c))
            for pid, c in sorted(pains.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        ],
        solutions=[
            Count(sid, namer.solution(sid), c, share(c))
            for sid, c in sorted(solutions.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        ],
        sectors=_groups(facts, "sector", _profile_names(pack, "sector", lang), not_given),
        sizes=_groups(facts, "size", _profile_names(pack, "size", lang), not_given),
    )

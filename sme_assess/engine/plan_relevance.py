"""How much a firm calls for each solution, and why: pain points, category gaps, priorities."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from operator import itemgetter
from typing import Any, NamedTuple

from ..adding import added
from ..models import Questionnaire, Solution
from .plan_facts import CompiledCatalogue, per_catalogue
from .plan_world import Profile
from .relevance_codegen import Called, Firm, RelevancePass, Row
from .rounding import KEPT, kept
from .scoring import Assessment, PainPointHit, Reason, new_tuple

PRIORITY_BOOST = 1.5  # what the owner says hurts most comes first, among what is needed
# a measure written for a few sectors (fewer than half of those the catalogue names), the
# firm's among them, weighs this much more than a generic step that fixes as much: what
# matters to its trade is not ranked below steps every plant is offered
SECTOR_BOOST = 1.5

_REL_WEIGHTS: dict[int, tuple[Questionnaire, dict[str, float]]] = {}


def _rel_weights(q: Questionnaire) -> dict[str, float]:
    """Each category's weight over the mean weight (once per questionnaire)."""
    hit = _REL_WEIGHTS.get(id(q))
    if hit is not None and hit[0] is q:
        return hit[1]
    weights = {c.id: c.weight for c in q.categories}
    mean_w = added(weights.values()) / len(weights) if weights else 1.0
    found = {k: w / mean_w for k, w in weights.items()}
    if len(_REL_WEIGHTS) > 16:
        _REL_WEIGHTS.clear()
    _REL_WEIGHTS[id(q)] = (q, found)
    return found


_ID_LEVEL = itemgetter(0, 3)  # a CategoryScore's id and level
_QUESTION = itemgetter(0)  # a Trigger's question


class CategoryFacts(NamedTuple):
    """Per assessment, computed once: each category's level and relative weight, and for the
    assessed ones score, level and relative weight together (relevance's one lookup per
    category)."""

    levels: Mapping[str, int | None]
    rel_weight: Mapping[str, float]
    assessed: Mapping[str, tuple[float, int | None, float]]

    @staticmethod
    def of(a: Assessment) -> CategoryFacts:
        rel_weight = _rel_weights(a.questionnaire)
        return CategoryFacts(
            levels=dict(map(_ID_LEVEL, a.categories)),  # {c.id: c.level ...}, in C
            rel_weight=rel_weight,
            assessed={
                c.id: (c.score, c.level, rel_weight.get(c.id, 1.0))
                for c in a.categories
                if c.score is not None
            },
        )


_ROWS: dict[int, tuple[CompiledCatalogue, RelevancePass]] = {}


def _pass(cc: CompiledCatalogue) -> RelevancePass:
    """The relevance pass over what it reads of each solution (once per compiled
    catalogue)."""
    return per_catalogue(_ROWS, cc, _pass_of)


def _pass_of(cc: CompiledCatalogue) -> RelevancePass:
    rows: dict[str, Row] = {
        sid: (
            tuple(cc.pain_weights[sid]),
            s.lifts.to_level,
            tuple(cc.category_weights[sid]),
            cc.divisor[sid],
            cc.strong[sid],
        )
        for sid, s in cc.by_id.items()
    }
    return RelevancePass(rows)


_NONE: frozenset[str] = frozenset()
_TRADE: dict[int, tuple[CompiledCatalogue, dict[str, frozenset[str]]]] = {}


def for_trade(cc: CompiledCatalogue) -> dict[str, frozenset[str]]:
    """Sector -> the measures written for a few sectors, that one among them (once per
    compiled catalogue): those listing fewer than half of the sectors the catalogue names."""
    return per_catalogue(_TRADE, cc, _trade_of)


def _trade_of(cc: CompiledCatalogue) -> dict[str, frozenset[str]]:
    named = {sector for s in cc.by_id.values() for sector in s.sectors}
    found: dict[str, set[str]] = {}
    for sid, s in cc.by_id.items():
        if s.sectors and 2 * len(s.sectors) < len(named):
            for sector in s.sectors:
                found.setdefault(sector, set()).add(sid)
    return {sector: frozenset(ids) for sector, ids in found.items()}


def relevances(
    sids: list[str],
    eligible: AbstractSet[str],
    cc: CompiledCatalogue,
    facts: CategoryFacts,
    pains: Mapping[str, PainPointHit],
    profile: Profile,
    indicated: frozenset[str] = _NONE,
) -> tuple[Called, dict[str, float], dict[str, list[str]]]:
    """How much each solution is called for and why, those called for with their priority
    (relevance, boosted for the owner's priorities and the sector's own measures, over cost
    factor x effort factor), and
    the owner's priorities each works on (when the owner named any). ``sids`` are the
    ``eligible`` solutions in sorted order; ``indicated``: the steps the firm's own answers
    point at (``indicated_if``), which weigh as the sector's own measures do.

    The pain point a solution fixes best counts fully, the others half: a main remedy for
    one serious problem beats a little help with many. Then the gaps of the categories it
    addresses below the level it lifts to (``relevance_codegen``). The same pain point and
    strength, or the same category and target level, give the same reason for every
    solution (made once here)."""
    memo: dict[tuple[Any, ...], Reason] = {}
    asked: dict[str, tuple[str, ...]] = {}  # pain point -> the questions that raised it
    one = KEPT[1].get  # category scores rounded for an earlier firm
    assessed = facts.assessed
    gaps = {
        cid: (level or 0, (100.0 - score) / 100.0, rel)
        for cid, (score, level, rel) in assessed.items()
    }

    def pain_reason(key: tuple[str, int]) -> Reason:
        pid, strength = key
        questions = asked.get(pid)  # the same for each strength
        if questions is None:
            # {t.question for t in triggers if t.question}, in C
            questions = asked[pid] = tuple(
                sorted(set(filter(None, map(_QUESTION, pains[pid].triggers))))
            )
        # built directly with its params in Reason.of's (sorted) order: a hot path
        reason = memo[key] = new_tuple(
            Reason,
            ("addresses_pain", (("pain", pid), ("questions", questions), ("strength", strength))),
        )
        return reason

    def category_reason(key: tuple[str, int, str]) -> Reason:
        # the area's neutral name: "Equipment and network scores 66", not the pain's words
        cid, to_level, _code = key
        score, level, _rel = assessed[cid]
        reason = memo[key] = new_tuple(
            Reason,
            (
                "category_gap",
                (
                    ("area", cid),
                    ("level", level),
                    ("score", one(score) or kept(score, 1)),
                    ("to", to_level),
                ),
            ),
        )
        return reason

    named: dict[str, list[str]] = {}
    trade = for_trade(cc).get(profile.sector or "", _NONE) | indicated
    boosted: Callable[[str, float], float] | None = None
    if profile.priorities:
        strong = cc.strong
        # each priority the owner named (in order, as named) and the raised pain points in it
        wanted = [
            (cat, {pid for pid, hit in pains.items() if (hit.category or "") == cat})
            for cat in profile.priorities
        ]

        def by_priority(sid: str, total: float) -> float:
            """``owner_priority``, with the raised pain points by category made once; then
            the sector's own measures."""
            categories, pain_ids = strong[sid]
            areas = named[sid] = []
            for cat, raised in wanted:
                if cat in categories or not raised.isdisjoint(pain_ids):
                    areas.append(cat)
            if areas:
                total *= PRIORITY_BOOST
            return total * SECTOR_BOOST if sid in trade else total

        boosted = by_priority
    elif trade:

        def by_trade(sid: str, total: float) -> float:
            """The sector's own measures weigh more."""
            return total * SECTOR_BOOST if sid in trade else total

        boosted = by_trade

    firm = Firm(
        {pid: hit.severity for pid, hit in pains.items()},
        gaps,
        memo,
        pain_reason,
        category_reason,
        boosted,
    )
    called, chosen = _pass(cc)(sids, eligible, firm)
    return called, chosen, named


def owner_priority(
    sol: Solution, cc: CompiledCatalogue, profile: Profile, pains: Mapping[str, PainPointHit]
) -> list[str]:
    """The owner's named priorities this solution mainly works on (strength 2-3)."""
    if not profile.priorities:
        return []
    categories, pain_ids = cc.strong[sol.id]
    found: list[str] = []
    for cat in profile.priorities:  # in the owner's order, as named
        if cat in categories:
            found.append(cat)
            continue
        for pid in pain_ids:
            hit = pains.get(pid)
            if hit is not None and (hit.category or "") == cat:
                found.append(cat)
                break
    return found

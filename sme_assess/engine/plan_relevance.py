"""How much a firm calls for each solution, and why: pain points, category gaps, priorities."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ..models import Questionnaire, Solution
from .plan_facts import CompiledCatalogue
from .plan_world import Profile
from .scoring import Assessment, PainPointHit, Reason, new_tuple

PRIORITY_BOOST = 1.5  # what the owner says hurts most comes first, among what is needed

_REL_WEIGHTS: dict[int, tuple[Questionnaire, dict[str, float]]] = {}


def _rel_weights(q: Questionnaire) -> dict[str, float]:
    """Each category's weight over the mean weight (once per questionnaire)."""
    hit = _REL_WEIGHTS.get(id(q))
    if hit is not None and hit[0] is q:
        return hit[1]
    weights = {c.id: c.weight for c in q.categories}
    mean_w = sum(weights.values()) / len(weights) if weights else 1.0
    found = {k: w / mean_w for k, w in weights.items()}
    if len(_REL_WEIGHTS) > 16:
        _REL_WEIGHTS.clear()
    _REL_WEIGHTS[id(q)] = (q, found)
    return found


class CategoryFacts(NamedTuple):
    """Per assessment, computed once: each category's score, level and relative weight, and
    for the assessed ones the three together (relevance's one lookup per category)."""

    scores: Mapping[str, float | None]
    levels: Mapping[str, int | None]
    rel_weight: Mapping[str, float]
    assessed: Mapping[str, tuple[float, int | None, float]]

    @staticmethod
    def of(a: Assessment) -> CategoryFacts:
        rel_weight = _rel_weights(a.questionnaire)
        return CategoryFacts(
            scores={c.id: c.score for c in a.categories},
            levels={c.id: c.level for c in a.categories},
            rel_weight=rel_weight,
            assessed={
                c.id: (c.score, c.level, rel_weight.get(c.id, 1.0))
                for c in a.categories
                if c.score is not None
            },
        )


def relevance(
    sol: Solution,
    cc: CompiledCatalogue,
    facts: CategoryFacts,
    pains: Mapping[str, PainPointHit],
    reasons: list[Reason],
    memo: dict[tuple[Any, ...], Reason],
) -> float:
    """How much this solution is called for; its reasons go into ``reasons``. ``memo``
    keeps the reasons made for this respondent: the same pain point and strength, or the
    same category and target level, give the same reason for every solution."""
    # the pain point it fixes best counts fully, the others half: a main remedy for one
    # serious problem beats a little help with many
    best = -1.0
    summed = 0.0
    found = False
    for pid, strength, factor, key in cc.pain_weights[sol.id]:
        hit = pains.get(pid)
        if hit is None:
            continue
        term = factor * hit.severity
        summed += term
        if not found or term > best:
            best, found = term, True
        reason = memo.get(key)
        if reason is None:
            questions = tuple(sorted({t.question for t in hit.triggers if t.question}))
            # built directly with its params in Reason.of's (sorted) order: a hot path
            reason = memo[key] = new_tuple(
                Reason,
                (
                    "addresses_pain",
                    (("pain", pid), ("questions", questions), ("strength", strength)),
                ),
            )
        reasons.append(reason)
    total = best + 0.5 * (summed - best) if found else 0.0
    to_level = sol.lifts.to_level
    assessed = facts.assessed
    for cid, factor, cat_key in cc.category_weights[sol.id]:
        got = assessed.get(cid)
        if got is None:
            continue
        score, level, rel = got
        if (level or 0) >= to_level:
            continue
        gap = (100.0 - score) / 100.0
        total += factor * gap * rel
        # the area's neutral name: "Equipment and network scores 66", not the pain's words
        reason = memo.get(cat_key)
        if reason is None:
            reason = memo[cat_key] = new_tuple(
                Reason,
                (
                    "category_gap",
                    (("area", cid), ("level", level), ("score", round(score, 1)), ("to", to_level)),
                ),
            )
        reasons.append(reason)
    return total


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

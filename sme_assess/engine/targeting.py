"""The path to a target level: the cheapest set of solutions expected to reach it.

Only solutions that make sense for the firm take part: not in place or inapplicable by its
answers, fitting its sector and size, with their fact prerequisites reachable, and
addressing a raised pain point or an assessed category below the level they lift to. A
bundle in the path replaces its parts; a bundle the firm lacks fewer than the catalogue's
``bundle_min_parts`` parts of (the rest in place or inapplicable) takes no part
(``plan_world``: it may not be planned).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ..adding import added
from ..models import Catalogue, Solution
from ..models.questionnaire import LevelRequirement
from ..pack.question_facts import question_categories
from .matching import EFFORT_RANK, Profile, cost_key
from .plan_world import World
from .requirement_count import gaps_below
from .scoring import Assessment, Reason, level_for

ASSUMPTION = Reason.of("target_assumption")


class TargetPlan(NamedTuple):
    level: int
    reachable: bool
    already: bool
    solutions: tuple[str, ...]
    projected_overall: float | None
    projected_level: int | None
    projected_categories: Mapping[str, float | None]
    assumption: Reason


def _project(
    a: Assessment, c: Catalogue, selected: list[str]
) -> tuple[dict[str, float | None], float | None, int | None]:
    q = a.questionnaire
    by_id = {s.id: s for s in c.solutions}
    mins = {lv.number: lv.min_score for lv in q.levels}
    scores: dict[str, float | None] = {cat.id: cat.score for cat in a.categories}
    for sid in selected:
        sol = by_id[sid]
        floor = mins.get(sol.lifts.to_level, 0.0)
        for cid, strength in sol.addresses.categories.items():
            current = scores.get(cid)
            if current is None:
                continue
            target = floor if strength >= 2 else (current + floor) / 2
            scores[cid] = max(current, target)
    weights = {cat.id: cat.weight for cat in q.categories}
    assessed = {k: v for k, v in scores.items() if v is not None}
    wsum = added(weights[k] for k in assessed)
    overall = added(weights[k] * v for k, v in assessed.items()) / wsum if wsum else None
    level = level_for(q, overall)
    if level is not None and q.level_rules.cumulative:
        numbers = [lv.number for lv in q.levels]
        cat_levels = [level_for(q, v) or numbers[0] for v in assessed.values()]
        while level != numbers[0]:
            below = numbers[numbers.index(level) - 1]
            if all(cl >= below for cl in cat_levels):
                break
            level = below
    if level is not None:
        for req in q.level_rules.requirements:
            if req.level <= level and not _requirement_met(a, c, selected, req):
                level = min(level, req.level - 1)
    return scores, overall, level


def _requirement_met(
    a: Assessment, c: Catalogue, selected: list[str], req: LevelRequirement
) -> bool:
    """Met by the answers, or expected to be by the selected solutions: a question counts
    when a solution lifting to the requirement's level mainly addresses its category (the
    same assumption as the scores). A count requirement needs ``min_count`` such questions."""
    if req.questions is not None:
        gaps = gaps_below(a.questionnaire, req, a.answers)
        reached = sum(
            1
            for qid, gap in gaps.items()
            if gap == 0 or (gap is not None and _lifted(a, c, selected, qid, req.level))
        )
        return reached >= (req.min_count or len(gaps))
    question_id = req.question or ""
    check = next((chk for chk in a.level_checks if chk.level == req.level), None)
    if check is not None and any(
        r.code == "requirement_met" and r.get("question") == question_id for r in check.reasons
    ):
        return True
    return _lifted(a, c, selected, question_id, req.level)


def _lifted(a: Assessment, c: Catalogue, selected: list[str], question_id: str, level: int) -> bool:
    """A selected solution lifting to ``level`` mainly addresses the question's category."""
    question = a.questionnaire.question(question_id)
    if question is None:
        return False
    cats = set(question_categories(question))
    by_id = {s.id: s for s in c.solutions}
    return any(
        by_id[sid].lifts.to_level >= level
        and any(by_id[sid].addresses.categories.get(cat, 0) >= 2 for cat in cats)
        for sid in selected
    )


def _useful(sol: Solution, a: Assessment, raised: set[str]) -> bool:
    """Addresses a raised pain point, or an assessed (applicable) category below the level it
    lifts to."""
    if any(p in raised for p in sol.addresses.pain_points):
        return True
    for cat in a.categories:
        strength = sol.addresses.categories.get(cat.id, 0)
        if strength >= 1 and cat.score is not None and (cat.level or 0) < sol.lifts.to_level:
            return True
    return False


def plan_to_level(a: Assessment, c: Catalogue, profile: Profile, target: int) -> TargetPlan:
    """The cheapest set of solutions (3-year cost, then effort) expected to reach ``target``."""
    raised = {hit.id for hit in a.pain_points}
    if a.level is not None and a.level >= target:
        scores, overall, level = _project(a, c, [])
        return TargetPlan(target, True, True, (), overall, level, scores, ASSUMPTION)
    world = World.of(a, c, profile)
    by_id = world.by_id
    candidates = sorted(
        (
            by_id[sid]
            for sid in world.eligible
            # a measure that starts at the target level or above (models and AI lift 3 to 4)
            # is work beyond the target: a path to level 3 never holds one
            if by_id[sid].lifts.from_level < target
            and not world.missing(sid)
            and _useful(by_id[sid], a, raised)
        ),
        key=lambda s: (cost_key(c, world.cc, s), EFFORT_RANK[s.effort], s.id),
    )

    def needs(sid: str) -> list[str]:
        sol = by_id[sid]
        out = [p for p in sol.prerequisites.solutions if not world.met(p)]
        for fact in sol.requires:
            if fact not in world.scr.facts:
                options = [e for e in world.establishers(fact) if e != sid and not world.missing(e)]
                if options:
                    out.append(options[0])
        return out

    def with_prereqs(sid: str, chosen: list[str]) -> list[str]:
        out: list[str] = []
        stack = [sid]
        while stack:
            cur = stack.pop()
            if cur in chosen or cur in out:
                continue
            out.append(cur)
            stack.extend(needs(cur))
        return out

    def key(selected: list[str]) -> tuple[int, float]:
        _, overall, level = _project(a, c, selected)
        return (level if level is not None else -1, overall or 0.0)

    def cost(sid: str) -> tuple[float, int]:
        return cost_key(c, world.cc, by_id[sid])

    selected: list[str] = []
    current = key(selected)
    while current[0] < target:
        best: tuple[tuple[tuple[float, int], int, float], list[str]] | None = None
        for sol in candidates:
            if sol.id in selected:
                continue
            addition = with_prereqs(sol.id, selected)
            gain = key(selected + addition)
            if gain <= current:
                continue
            dearest = max(cost(x) for x in addition)
            effort = sum(EFFORT_RANK[by_id[x].effort] + 1 for x in addition)
            rank = (dearest, effort, -(gain[0] * 1000 + gain[1]))
            if best is None or rank < best[0]:
                best = (rank, addition)
        if best is None:
            break
        selected.extend(best[1])
        current = key(selected)
    reachable = current[0] >= target
    if reachable:  # drop what is not needed, dearest first, keeping prerequisites intact
        for sid in sorted(
            selected, key=lambda s: (cost(s), EFFORT_RANK[by_id[s].effort], s), reverse=True
        ):
            trial = [x for x in selected if x != sid]
            needed = any(sid in needs(x) for x in trial)
            if not needed and key(trial)[0] >= target:
                selected = trial
    selected = _bundle_up(selected, world, c.plan_rules.bundle_min_parts)
    scores, overall, level = _project(a, c, selected)
    reachable = level is not None and level >= target
    ordered = [s.id for s in c.solutions if s.id in selected]
    return TargetPlan(
        target,
        reachable,
        False,
        tuple(_topo(ordered, needs)),
        overall,
        level,
        scores,
        ASSUMPTION,
    )


def _bundle_up(selected: list[str], world: World, min_parts: int) -> list[str]:
    """Bundle or parts, never both: a bundle that may be planned replaces its parts when
    enough of them are in the path, and a bundle in the path replaces any of its parts."""
    chosen = list(selected)
    for bid in sorted(world.eligible):
        parts = world.by_id[bid].includes
        if not parts or world.missing(bid):
            continue
        inside = [p for p in chosen if p in parts]
        if bid in chosen or len(inside) >= min_parts:
            chosen = [x for x in chosen if x not in parts]
            if bid not in chosen:
                chosen.append(bid)
    return chosen


def _topo(ids: list[str], needs: Any) -> list[str]:
    out: list[str] = []
    pending = list(ids)
    while pending:
        for sid in pending:
            if all(p not in pending or p == sid for p in needs(sid)):
                out.append(sid)
                pending.remove(sid)
                break
        else:
            out.extend(pending)
            break
    return out

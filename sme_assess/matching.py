"""Assessment + Catalogue -> Recommendations in a phased roadmap, and a path to a target level.

Pure functions. How solutions are chosen and ordered (the README repeats this):
- relevance: the raised pain points a solution addresses (strength x severity), plus the
  gaps of the categories it addresses that are below the level it lifts to;
- fit: a solution limited to some sectors or sizes is left out for other firms;
- in place: a solution whose main categories already reach the level it lifts to is not
  recommended (nor required as a prerequisite);
- priority = relevance / (cost factor x effort factor): cheap, easy, relevant first;
- phases: "now" = quick wins (one of the cheapest cost tiers, low effort, value within
  3 months, no unmet prerequisite); "next" = value within 12 months; "later" = the rest;
- a solution with an unmet prerequisite comes after the solution that meets it (a later
  phase), and prerequisites not otherwise chosen are pulled into the plan.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .models import Catalogue, Questionnaire, Solution
from .scoring import Assessment, PainPointHit, Reason, level_for
from .validation import question_categories

Phase = Literal["now", "next", "later"]
PHASES: tuple[Phase, ...] = ("now", "next", "later")
EFFORT_FACTOR = {"low": 1.0, "medium": 1.4, "high": 2.0}
EFFORT_RANK = {"low": 0, "medium": 1, "high": 2}
QUICK_WIN_MONTHS = 3
NEXT_MONTHS = 12
NOW_LIMIT = 6  # an owner starts a handful of things at once; more quick wins queue in "next"
PLAN_LIMIT = 30  # a plan for the next years, not the whole catalogue


@dataclass(frozen=True)
class Recommendation:
    solution: str
    phase: Phase
    rank: int
    priority: float
    reasons: tuple[Reason, ...]
    prerequisites: tuple[str, ...]  # solution ids this one needs that are not yet in place
    pulled_in: bool  # chosen only because another recommendation needs it


@dataclass(frozen=True)
class TargetPlan:
    level: int
    reachable: bool
    already: bool
    solutions: tuple[str, ...]
    projected_overall: float | None
    projected_level: int | None
    projected_categories: Mapping[str, float | None]
    assumption: Reason


@dataclass(frozen=True)
class Profile:
    sector: str | None = None
    size: str | None = None
    priorities: tuple[str, ...] = ()  # categories the owner named as hurting most


PRIORITY_BOOST = 1.5  # what the owner says hurts most comes first, among what is needed


def profile_of(q: Questionnaire, answers: Mapping[str, Any], respondent: Any = None) -> Profile:
    """Sector and size from the profile questions (else the respondent block), and the
    categories the owner named as hurting most."""
    found: dict[str, str | None] = {"sector": None, "size": None}
    priorities: tuple[str, ...] = ()
    for question in q.questions():
        value = answers.get(question.id)
        if question.profile == "priorities" and isinstance(value, list):
            priorities = tuple(value)
        elif (
            question.profile in found and isinstance(value, str) and value not in ("n/a", "unknown")
        ):
            found[question.profile] = value
    for key in found:
        if found[key] is None and respondent is not None:
            value = getattr(respondent, key, None)
            found[key] = value if isinstance(value, str) and value else None
    return Profile(found["sector"], found["size"], priorities)


# --- facts about a solution in the light of an assessment --------------------------------


def _main_categories(sol: Solution) -> list[str]:
    strong = [c for c, s in sol.addresses.categories.items() if s >= 2]
    return strong or list(sol.addresses.categories)


def cost_rank(c: Catalogue, sol: Solution) -> int:
    ids = [t.id for t in c.cost_tiers]
    return ids.index(sol.cost_tier) if sol.cost_tier in ids else len(ids)


def is_low_cost(c: Catalogue, sol: Solution) -> bool:
    """One of the cheapest 40 % of the catalogue's cost tiers (at least the cheapest one)."""
    cheap = max(1, round(0.4 * len(c.cost_tiers)))
    return cost_rank(c, sol) < cheap


def fits(sol: Solution, profile: Profile) -> bool:
    if sol.sectors and profile.sector and profile.sector not in sol.sectors:
        return False
    return not (sol.sizes and profile.size and profile.size not in sol.sizes)


def _level(levels: Mapping[str, int | None], category: str) -> int:
    value = levels.get(category)
    return -1 if value is None else value


def in_place(sol: Solution, levels: Mapping[str, int | None], raised: Collection[str] = ()) -> bool:
    """The firm already works at the level this solution lifts its main categories to, and
    none of the pain points it mainly fixes (strength 2-3) is raised."""
    if any(strength >= 2 and p in raised for p, strength in sol.addresses.pain_points.items()):
        return False
    cats = _main_categories(sol)
    if not cats:
        return False
    return all(_level(levels, c) >= sol.lifts.to_level for c in cats)


def _unmet_min_levels(sol: Solution, levels: Mapping[str, int | None]) -> dict[str, int]:
    return {
        cat: need
        for cat, need in sol.prerequisites.min_levels.items()
        if _level(levels, cat) < need
    }


@dataclass(frozen=True)
class _CategoryFacts:
    """Per assessment, computed once: each category's score, level and relative weight."""

    scores: Mapping[str, float | None]
    levels: Mapping[str, int | None]
    rel_weight: Mapping[str, float]

    @staticmethod
    def of(a: Assessment) -> _CategoryFacts:
        weights = {c.id: c.weight for c in a.questionnaire.categories}
        mean_w = sum(weights.values()) / len(weights) if weights else 1.0
        return _CategoryFacts(
            scores={c.id: c.score for c in a.categories},
            levels={c.id: c.level for c in a.categories},
            rel_weight={k: w / mean_w for k, w in weights.items()},
        )


def _relevance(
    sol: Solution, facts: _CategoryFacts, pains: Mapping[str, PainPointHit]
) -> tuple[float, list[Reason]]:
    reasons: list[Reason] = []
    terms: list[float] = []
    for pid, strength in sorted(sol.addresses.pain_points.items(), key=lambda kv: (-kv[1], kv[0])):
        hit = pains.get(pid)
        if hit is None:
            continue
        terms.append((strength / 3) ** 2 * hit.severity)
        questions = sorted({t.question for t in hit.triggers if t.question})
        reasons.append(
            Reason.of("addresses_pain", pain=pid, strength=strength, questions=questions)
        )
    # the pain point it fixes best counts fully, the others half: a main remedy for one
    # serious problem beats a little help with many
    best = max(terms, default=0.0)
    total = best + 0.5 * (sum(terms) - best)
    for cid, strength in sorted(sol.addresses.categories.items()):
        score = facts.scores.get(cid)
        level = facts.levels.get(cid)
        if score is None or (level or 0) >= sol.lifts.to_level:
            continue
        gap = (100.0 - score) / 100.0
        total += 0.5 * strength / 3 * gap * facts.rel_weight.get(cid, 1.0)
        reasons.append(
            Reason.of(
                "category_gap",
                category=cid,
                score=round(score, 1),
                level=level,
                to=sol.lifts.to_level,
            )
        )
    return total, reasons


def _owner_priority(
    sol: Solution, profile: Profile, pains: Mapping[str, PainPointHit]
) -> list[str]:
    """The owner's named priorities this solution mainly works on (strength 2-3)."""
    if not profile.priorities:
        return []
    touched = {c for c, strength in sol.addresses.categories.items() if strength >= 2}
    touched |= {
        pains[p].category or ""
        for p, strength in sol.addresses.pain_points.items()
        if strength >= 2 and p in pains
    }
    return [c for c in profile.priorities if c in touched]


# --- the roadmap --------------------------------------------------------------------------


def recommend(a: Assessment, c: Catalogue, profile: Profile) -> tuple[Recommendation, ...]:
    """Rank, phase and order the solutions for this assessment."""
    facts = _CategoryFacts.of(a)
    levels = facts.levels
    pains = {hit.id: hit for hit in a.pain_points}
    by_id = {s.id: s for s in c.solutions}
    ranks = {t.id: i for i, t in enumerate(c.cost_tiers)}

    chosen: dict[str, tuple[float, list[Reason]]] = {}
    for sol in c.solutions:
        if not fits(sol, profile) or in_place(sol, levels, pains):
            continue
        relevance, reasons = _relevance(sol, facts, pains)
        if relevance <= 0:
            continue
        factor = (1 + 0.35 * ranks.get(sol.cost_tier, len(ranks))) * EFFORT_FACTOR[sol.effort]
        named = _owner_priority(sol, profile, pains)
        if named:
            relevance *= PRIORITY_BOOST
            reasons.insert(0, Reason.of("owner_priority", areas=named))
        chosen[sol.id] = (relevance / factor, reasons)

    # prerequisites not in place are pulled in, however far down the ladder they sit
    pulled: set[str] = set()
    needed_by: dict[str, set[str]] = {}
    stack = list(chosen)
    while stack:
        sid = stack.pop()
        for pre in by_id[sid].prerequisites.solutions:
            pre_sol = by_id.get(pre)
            if pre_sol is None or in_place(pre_sol, levels, pains):
                continue
            needed_by.setdefault(pre, set()).add(sid)
            if pre not in chosen:
                chosen[pre] = (0.0, [])
                pulled.add(pre)
                stack.append(pre)

    deps = _dependencies(chosen, by_id, levels)
    phase, queued = _phases(chosen, deps, by_id, levels, c)
    # prerequisites always come before what needs them, so any prefix of the order is whole
    order = _order(chosen, deps, phase)[:PLAN_LIMIT]
    recs: list[Recommendation] = []
    for rank, sid in enumerate(order, start=1):
        sol = by_id[sid]
        priority, reasons = chosen[sid]
        reasons = list(reasons)
        if sid in needed_by:
            reasons.append(Reason.of("prerequisite_for", solutions=sorted(needed_by[sid])))
        unmet = [p for p in sol.prerequisites.solutions if p in chosen]
        if unmet:
            reasons.append(Reason.of("after_prerequisites", solutions=unmet))
        for cat, need in sorted(_unmet_min_levels(sol, levels).items()):
            reasons.append(Reason.of("needs_level", category=cat, level=need))
        if phase[sid] == "now":
            reasons.append(Reason.of("quick_win", months=sol.time_to_value_months))
        elif sid in queued and phase[sid] == "next":
            reasons.append(Reason.of("quick_win_queued", limit=NOW_LIMIT))
        recs.append(
            Recommendation(
                solution=sid,
                phase=phase[sid],
                rank=rank,
                priority=round(priority, 4),
                reasons=tuple(reasons),
                prerequisites=tuple(unmet),
                pulled_in=sid in pulled,
            )
        )
    return tuple(recs)


def _dependencies(
    chosen: Mapping[str, Any], by_id: Mapping[str, Solution], levels: Mapping[str, int | None]
) -> dict[str, set[str]]:
    """Solution -> the chosen solutions it must come after.

    Prerequisite solutions always; for an unmet minimum level, the chosen solutions that
    lift that category far enough, unless that would make two solutions wait for each other.
    """
    deps: dict[str, set[str]] = {sid: set() for sid in chosen}
    for sid in chosen:
        deps[sid].update(p for p in by_id[sid].prerequisites.solutions if p in chosen)
    for sid in sorted(chosen):
        for cat, need in sorted(_unmet_min_levels(by_id[sid], levels).items()):
            for other in sorted(chosen):
                o = by_id[other]
                if (
                    other != sid
                    and cat in o.addresses.categories
                    and o.lifts.to_level >= need
                    and not _reaches(deps, other, sid)
                ):
                    deps[sid].add(other)
    return deps


def _reaches(deps: Mapping[str, set[str]], start: str, goal: str) -> bool:
    """Whether ``start`` already (transitively) comes after ``goal``."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(deps.get(node, ()))
    return False


def _phases(
    chosen: Mapping[str, tuple[float, list[Reason]]],
    deps: Mapping[str, set[str]],
    by_id: Mapping[str, Solution],
    levels: Mapping[str, int | None],
    c: Catalogue,
) -> tuple[dict[str, Phase], set[str]]:
    """Each solution's phase, and the quick wins queued into "next" past ``NOW_LIMIT``."""

    def quick(sol: Solution) -> bool:
        return (
            is_low_cost(c, sol)
            and sol.effort == "low"
            and sol.time_to_value_months <= QUICK_WIN_MONTHS
            and not _unmet_min_levels(sol, levels)
            and not deps[sol.id]
        )

    base: dict[str, int] = {}
    for sid in chosen:
        sol = by_id[sid]
        if quick(sol):
            base[sid] = 0
        elif sol.time_to_value_months < NEXT_MONTHS and not _unmet_min_levels(sol, levels):
            base[sid] = 1
        else:
            base[sid] = 2
    wins = sorted((s for s in base if base[s] == 0), key=lambda s: (-chosen[s][0], s))
    queued = set(wins[NOW_LIMIT:])
    for sid in queued:
        base[sid] = 1

    index: dict[str, int] = {}

    def resolve(sid: str, trail: frozenset[str]) -> int:
        if sid in index:
            return index[sid]
        value = base[sid]
        for dep in deps[sid]:
            if dep not in trail:
                value = max(value, min(2, resolve(dep, trail | {sid}) + 1))
        index[sid] = value
        return value

    for sid in sorted(chosen):
        resolve(sid, frozenset())
    return {sid: PHASES[i] for sid, i in index.items()}, queued


def _order(
    chosen: Mapping[str, tuple[float, list[Reason]]],
    deps: Mapping[str, set[str]],
    phase: Mapping[str, Phase],
) -> list[str]:
    """Phase by phase; within a phase, most valuable first but never before a prerequisite."""
    import heapq

    def key(sid: str) -> tuple[int, float, str]:
        return (PHASES.index(phase[sid]), -chosen[sid][0], sid)

    waiting = {sid: {d for d in deps[sid] if d in chosen and d != sid} for sid in chosen}
    dependents: dict[str, list[str]] = {}
    for sid, before in waiting.items():
        for d in before:
            dependents.setdefault(d, []).append(sid)
    ready = [key(sid) for sid, before in waiting.items() if not before]
    heapq.heapify(ready)
    placed: list[str] = []
    while len(placed) < len(chosen):
        if not ready:  # a cycle cannot happen (see _dependencies); stay total anyway
            rest = [sid for sid in chosen if sid not in set(placed)]
            ready = [key(min(rest, key=key))]
            waiting[ready[0][2]] = set()
        _, _, best = heapq.heappop(ready)
        if best in placed:
            continue
        placed.append(best)
        for nxt in dependents.get(best, []):
            waiting[nxt].discard(best)
            if not waiting[nxt]:
                heapq.heappush(ready, key(nxt))
    return placed


# --- the path to a target level -----------------------------------------------------------

ASSUMPTION = Reason.of("target_assumption")


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
    wsum = sum(weights[k] for k in assessed)
    overall = sum(weights[k] * v for k, v in assessed.items()) / wsum if wsum else None
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
            if req.level <= level and not _requirement_met(a, c, selected, req.question, req):
                level = min(level, req.level - 1)
    return scores, overall, level


def _requirement_met(
    a: Assessment, c: Catalogue, selected: list[str], question_id: str, req: Any
) -> bool:
    check = next((chk for chk in a.level_checks if chk.level == req.level), None)
    if check is not None and any(
        r.code == "requirement_met" and r.get("question") == question_id for r in check.reasons
    ):
        return True
    question = next((x for x in a.questionnaire.questions() if x.id == question_id), None)
    if question is None:
        return False
    cats = set(question_categories(question))
    by_id = {s.id: s for s in c.solutions}
    return any(
        by_id[sid].lifts.to_level >= req.level
        and any(by_id[sid].addresses.categories.get(cat, 0) >= 2 for cat in cats)
        for sid in selected
    )


def plan_to_level(a: Assessment, c: Catalogue, profile: Profile, target: int) -> TargetPlan:
    """The cheapest set of solutions (cost tier, then effort) expected to reach ``target``."""
    levels = {cat.id: cat.level for cat in a.categories}
    raised = {hit.id for hit in a.pain_points}
    by_id = {s.id: s for s in c.solutions}
    if a.level is not None and a.level >= target:
        scores, overall, level = _project(a, c, [])
        return TargetPlan(target, True, True, (), overall, level, scores, ASSUMPTION)
    candidates = sorted(
        (s for s in c.solutions if fits(s, profile) and not in_place(s, levels, raised)),
        key=lambda s: (cost_rank(c, s), EFFORT_RANK[s.effort], s.id),
    )

    def with_prereqs(sid: str, chosen: list[str]) -> list[str]:
        out: list[str] = []
        stack = [sid]
        while stack:
            cur = stack.pop()
            if cur in chosen or cur in out:
                continue
            out.append(cur)
            for pre in by_id[cur].prerequisites.solutions:
                if pre in by_id and not in_place(by_id[pre], levels, raised):
                    stack.append(pre)
        return out

    def key(selected: list[str]) -> tuple[int, float]:
        _, overall, level = _project(a, c, selected)
        return (level if level is not None else -1, overall or 0.0)

    selected: list[str] = []
    current = key(selected)
    while current[0] < target:
        best: tuple[tuple[int, int, float], list[str]] | None = None
        for sol in candidates:
            if sol.id in selected:
                continue
            addition = with_prereqs(sol.id, selected)
            gain = key(selected + addition)
            if gain <= current:
                continue
            cost = max(cost_rank(c, by_id[x]) for x in addition)
            effort = sum(EFFORT_RANK[by_id[x].effort] + 1 for x in addition)
            rank = (cost, effort, -(gain[0] * 1000 + gain[1]))
            if best is None or rank < best[0]:
                best = (rank, addition)
        if best is None:
            break
        selected.extend(best[1])
        current = key(selected)
    reachable = current[0] >= target
    if reachable:  # drop what is not needed, dearest first, keeping prerequisites intact
        for sid in sorted(
            selected, key=lambda s: (-cost_rank(c, by_id[s]), -EFFORT_RANK[by_id[s].effort], s)
        ):
            trial = [x for x in selected if x != sid]
            needed = any(sid in by_id[x].prerequisites.solutions for x in trial)
            if not needed and key(trial)[0] >= target:
                selected = trial
    scores, overall, level = _project(a, c, selected)
    ordered = [s.id for s in c.solutions if s.id in selected]
    return TargetPlan(
        target, reachable, False, tuple(_topo(ordered, by_id)), overall, level, scores, ASSUMPTION
    )


def _topo(ids: list[str], by_id: Mapping[str, Solution]) -> list[str]:
    out: list[str] = []
    pending = list(ids)
    while pending:
        for sid in pending:
            if all(p not in pending or p == sid for p in by_id[sid].prerequisites.solutions):
                out.append(sid)
                pending.remove(sid)
                break
        else:
            out.extend(pending)
            break
    return out

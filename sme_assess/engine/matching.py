"""Assessment + Catalogue -> Recommendations in a phased roadmap, and what was left out and why.

Pure functions. How solutions are chosen and ordered (the README repeats this):
- facts first (``plan_facts``): a solution the answers say is in place, or that does not
  apply, is never recommended; one for another sector or size is left out;
- relevance: the raised pain points a solution addresses (strength x severity), plus the
  gaps of the categories it addresses that are below the level it lifts to;
- priority = relevance / (cost factor x effort factor), the cost factor growing with the
  3-year cost of ownership: cheap, easy, relevant first;
- fact prerequisites (``requires``): a fact that does not hold is established first by a
  solution that sets it up (pulled into the plan), else the solution is left out;
- bundles: a bundle replaces its parts when enough of them are called for, never both;
- phases: "now" = quick wins (low 3-year cost, low effort, value within 3 months, nothing
  unmet before it), capped in items and in new systems by the catalogue's plan rules;
  "next" = value within 12 months; "later" = the rest; a solution comes after (in a later
  phase than) what it needs;
- a pack rule may put one solution first when a pain point is raised (a digital lead when
  nobody owns digital);
- the plan keeps the 30 most valuable solutions, each with what it needs.

Costs and what the answers say live in ``plan_facts``, phases and order in ``plan_order``,
the path to a target level in ``targeting``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..models import Catalogue, Questionnaire, Solution
from .compiled import compile_questionnaire
from .plan_facts import (
    CompiledCatalogue,
    Screen,
    compile_catalogue,
    cost_key,
    cost_rank,
    is_low_cost,
    screen,
)
from .plan_order import (
    PHASES,
    Phase,
    keep,
    min_level_deps,
    order,
    phases,
    unmet_min_levels,
)
from .scoring import Assessment, PainPointHit, Reason

EFFORT_RANK = {"low": 0, "medium": 1, "high": 2}
NOW_LIMIT = 6  # default of the catalogue's plan_rules.now_max_items
PLAN_LIMIT = 30  # a plan for the next years, not the whole catalogue


class Recommendation(NamedTuple):
    solution: str
    phase: Phase
    rank: int
    priority: float
    reasons: tuple[Reason, ...]
    prerequisites: tuple[str, ...]  # chosen solutions this one must come after
    pulled_in: bool  # chosen only because another recommendation needs it


@dataclass(frozen=True)
class LeftOut:
    """A solution not in the plan, and why (a reason with a ``left_*`` code)."""

    solution: str
    reason: Reason


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
    for question in compile_questionnaire(q).profile_questions:
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


# --- facts about a solution ---------------------------------------------------------------


def fits(sol: Solution, profile: Profile) -> bool:
    return _misfit(sol, profile) is None


def _misfit(sol: Solution, profile: Profile) -> str | None:
    if sol.sectors and profile.sector and profile.sector not in sol.sectors:
        return "sector"
    if sol.sizes and profile.size and profile.size not in sol.sizes:
        return "size"
    return None


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
    sol: Solution,
    cc: CompiledCatalogue,
    facts: _CategoryFacts,
    pains: Mapping[str, PainPointHit],
    reasons: list[Reason] | None = None,
    memo: dict[tuple[Any, ...], Reason] | None = None,
) -> float:
    """How much this solution is called for; its reasons go into ``reasons`` when given
    (only for the solutions kept in the plan: building reasons is the costly part).
    ``memo`` keeps the reasons made for this respondent: the same pain point and strength,
    or the same category and target level, give the same reason for every solution."""
    # the pain point it fixes best counts fully, the others half: a main remedy for one
    # serious problem beats a little help with many
    best = -1.0
    summed = 0.0
    found = False
    for pid, strength, factor in cc.pain_weights[sol.id]:
        hit = pains.get(pid)
        if hit is None:
            continue
        term = factor * hit.severity
        summed += term
        if not found or term > best:
            best, found = term, True
        if reasons is not None:
            key: tuple[Any, ...] = (pid, strength)
            reason = memo.get(key) if memo is not None else None
            if reason is None:
                questions = sorted({t.question for t in hit.triggers if t.question})
                # built directly with its params in Reason.of's (sorted) order: a hot path
                reason = Reason(
                    "addresses_pain",
                    (("pain", pid), ("questions", tuple(questions)), ("strength", strength)),
                )
                if memo is not None:
                    memo[key] = reason
            reasons.append(reason)
    total = best + 0.5 * (summed - best) if found else 0.0
    to_level = sol.lifts.to_level
    scores, levels, rel_weight = facts.scores, facts.levels, facts.rel_weight
    for cid, factor in cc.category_weights[sol.id]:
        score = scores.get(cid)
        level = levels.get(cid)
        if score is None or (level or 0) >= to_level:
            continue
        gap = (100.0 - score) / 100.0
        total += factor * gap * rel_weight.get(cid, 1.0)
        if reasons is not None:
            # the area's neutral name: "Equipment and network scores 66", not the pain's words
            key = (cid, to_level, "category_gap")
            reason = memo.get(key) if memo is not None else None
            if reason is None:
                reason = Reason(
                    "category_gap",
                    (("area", cid), ("level", level), ("score", round(score, 1)), ("to", to_level)),
                )
                if memo is not None:
                    memo[key] = reason
            reasons.append(reason)
    return total


def _owner_priority(
    sol: Solution, cc: CompiledCatalogue, profile: Profile, pains: Mapping[str, PainPointHit]
) -> list[str]:
    """The owner's named priorities this solution mainly works on (strength 2-3)."""
    if not profile.priorities:
        return []
    categories, pain_ids = cc.strong[sol.id]
    touched = set(categories)
    touched |= {pains[p].category or "" for p in pain_ids if p in pains}
    return [c for c in profile.priorities if c in touched]


# --- what the firm can do: eligibility, fact prerequisites --------------------------------

_NOTHING: frozenset[str] = frozenset()

_Why = tuple[str, dict[str, Any]]  # a left-out reason, made into a Reason only for explain


def _why(code: str, **params: Any) -> _Why:
    return (code, params)


@dataclass
class _World:
    """One firm and the catalogue: what is in place, what may be planned, what facts hold."""

    c: Catalogue
    cc: CompiledCatalogue
    scr: Screen
    by_id: Mapping[str, Solution]
    eligible: set[str]
    left: dict[str, _Why] = field(default_factory=dict)
    _missing: dict[str, frozenset[str]] = field(default_factory=dict)
    _establishers: dict[str, list[str]] = field(default_factory=dict)

    @staticmethod
    def of(a: Assessment, c: Catalogue, profile: Profile) -> _World:
        q = a.questionnaire
        cc = compile_catalogue(q, c)
        scr = screen(q, c, a.answers)
        world = _World(c, cc, scr, cc.by_id, set())
        for sol in c.solutions:
            misfit = _misfit(sol, profile)
            if sol.id in scr.in_place:
                world.left[sol.id] = _why("left_in_place")
            elif misfit is not None:
                world.left[sol.id] = _why("left_sector" if misfit == "sector" else "left_size")
            elif sol.id in scr.not_applicable:
                na = [qid for qid in sol.scenarios if a.answers.get(qid) == "n/a"]
                world.left[sol.id] = (
                    _why("left_not_applicable_scenario", questions=na)
                    if na
                    else _why("left_not_applicable")
                )
            else:
                world.eligible.add(sol.id)
        return world

    def met(self, sid: str) -> bool:
        """A prerequisite that needs nothing done: in place, not applicable, or unknown."""
        return sid not in self.by_id or sid in self.scr.in_place or sid in self.scr.not_applicable

    def establishers(self, fact: str) -> list[str]:
        """Solutions that may be planned and set up ``fact``, cheapest first."""
        cached = self._establishers.get(fact)
        if cached is not None:
            return cached
        found = [sid for sid in self.cc.established_by.get(fact, ()) if sid in self.eligible]
        cached = self._establishers[fact] = sorted(
            found,
            key=lambda s: (
                cost_key(self.c, self.cc, self.by_id[s]),
                EFFORT_RANK[self.by_id[s].effort],
                s,
            ),
        )
        return cached

    def missing(self, sid: str, trail: frozenset[str] = frozenset()) -> frozenset[str]:
        """The facts ``sid`` (or a prerequisite of it) needs that nothing plannable sets up."""
        if sid in self._missing:
            return self._missing[sid]
        sol = self.by_id[sid]
        if not sol.requires and not sol.prerequisites.solutions:
            self._missing[sid] = _NOTHING  # needs nothing, whatever the trail
            return _NOTHING
        trail = trail | {sid}
        lacking: set[str] = set()
        for fact in sol.requires:
            if fact in self.scr.facts:
                continue
            if not any(
                e not in trail and not self.missing(e, trail) for e in self.establishers(fact)
            ):
                lacking.add(fact)
        for pre in sol.prerequisites.solutions:
            if not self.met(pre) and pre not in trail:
                lacking |= self.missing(pre, trail)
        result = frozenset(lacking)
        if len(trail) == 1:  # only results independent of a cycle guard are kept
            self._missing[sid] = result
        return result


# --- the roadmap --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    recommendations: tuple[Recommendation, ...]
    left_out: tuple[LeftOut, ...]


def recommend(a: Assessment, c: Catalogue, profile: Profile) -> tuple[Recommendation, ...]:
    """Rank, phase and order the solutions for this assessment."""
    return _plan(a, c, profile, explain=False).recommendations


def left_out(a: Assessment, c: Catalogue, profile: Profile) -> tuple[LeftOut, ...]:
    """Every catalogue solution not in the plan, in catalogue order, with the reason."""
    return _plan(a, c, profile, explain=True).left_out


def _plan(a: Assessment, c: Catalogue, profile: Profile, *, explain: bool) -> _Plan:
    facts = _CategoryFacts.of(a)
    levels = facts.levels
    pains = {hit.id: hit for hit in a.pain_points}
    world = _World.of(a, c, profile)
    by_id, cc, rules = world.by_id, world.cc, c.plan_rules

    chosen: dict[str, float] = {}  # solution -> priority
    for sid in sorted(world.eligible):
        sol = by_id[sid]
        relevance = _relevance(sol, cc, facts, pains)
        if relevance <= 0:
            continue
        if _owner_priority(sol, cc, profile, pains):
            relevance *= PRIORITY_BOOST
        chosen[sid] = relevance / cc.divisor[sid]  # cost factor x effort factor

    # a pack rule: when this pain point is raised, that solution comes first
    first = {
        sid
        for pid, sid in rules.first_when_raised.items()
        if pid in pains and sid in world.eligible
    }
    for sid in first:
        if sid not in chosen:
            chosen[sid] = _relevance(by_id[sid], cc, facts, pains)

    # facts first: what waits for a fact nothing plannable sets up is left out
    for sid in sorted(chosen):
        lacking = world.missing(sid)
        if lacking:
            del chosen[sid]
            world.left[sid] = _why("left_waiting_fact", facts=sorted(lacking))
    first &= set(chosen)

    covered = _bundles(chosen, world, rules.bundle_min_parts)

    # prerequisites and the solutions that establish missing facts are pulled in
    pulled: set[str] = set()
    needed_by: dict[str, set[str]] = {}
    deps: dict[str, set[str]] = {}
    stack = sorted(chosen)
    while stack:
        sid = stack.pop()
        before = _needs(sid, world, chosen, covered)
        deps[sid] = before
        for pre in before:
            needed_by.setdefault(pre, set()).add(sid)
            if pre not in chosen:
                chosen[pre] = 0.0
                pulled.add(pre)
                world.left.pop(pre, None)
                stack.append(pre)
    min_level_deps(deps, chosen, by_id, levels)

    phase, queued = phases(chosen, deps, by_id, levels, c, cc, first)
    # the plan holds the most valuable solutions (and what they need), whatever their phase
    kept_set = keep(chosen, deps, first, PLAN_LIMIT)
    ordered = order(chosen, deps, phase, first)
    kept = [sid for sid in ordered if sid in kept_set]
    cut = [sid for sid in ordered if sid not in kept_set]
    for sid in cut:
        world.left[sid] = _why("left_plan_limit", limit=PLAN_LIMIT)
    recs: list[Recommendation] = []
    chosen_set = set(chosen)
    position = {sid: i for i, sid in enumerate(ordered)}
    parts_of: dict[str, list[str]] = {}
    for part, bundle in covered.items():
        parts_of.setdefault(bundle, []).append(part)
    reason_memo: dict[tuple[Any, ...], Reason] = {}
    for rank, sid in enumerate(kept, start=1):
        sol = by_id[sid]
        priority = chosen[sid]
        reasons: list[Reason] = []
        if sid not in pulled:
            _relevance(sol, cc, facts, pains, reasons, reason_memo)
            named = _owner_priority(sol, cc, profile, pains)
            if named:
                reasons.insert(0, Reason.of("owner_priority", areas=named))
        parts = parts_of.get(sid)
        if parts:
            reasons.append(Reason.of("bundle_covers", solutions=sorted(parts)))
        if sid in needed_by:
            reasons.append(Reason.of("prerequisite_for", solutions=sorted(needed_by[sid])))
        unmet = sorted(deps[sid] & chosen_set, key=position.__getitem__)
        if unmet:
            reasons.append(Reason.of("after_prerequisites", solutions=unmet))
        waiting = [f for f in sol.requires if f not in world.scr.facts]
        if waiting:
            reasons.append(Reason.of("needs_fact", facts=waiting))
        for cat, need in sorted(unmet_min_levels(sol, levels).items()):
            reasons.append(Reason.of("needs_level", area=cat, level=need))
        if sid in first and phase[sid] == "now":
            reasons.insert(0, Reason.of("first_step"))
        # a caution comes right after the main reason, so that short views still show it
        for note, systems_only in reversed(world.scr.notes):
            if sol.new_system or not systems_only:
                reasons.insert(min(1, len(reasons)), Reason.of("plan_note", note=note))
        if phase[sid] == "now":
            reasons.append(Reason.of("quick_win", months=sol.time_to_value_months))
        elif sid in queued and phase[sid] == "next":
            reasons.append(Reason.of("quick_win_queued", limit=rules.now_max_items))
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
    if not explain:
        return _Plan(tuple(recs), ())
    for sol in c.solutions:
        if sol.id not in world.left and sol.id not in chosen:
            world.left[sol.id] = _why("left_not_needed", to=sol.lifts.to_level)
    left = tuple(
        LeftOut(s.id, Reason.of(world.left[s.id][0], **world.left[s.id][1]))
        for s in c.solutions
        if s.id in world.left
    )
    return _Plan(tuple(recs), left)


def _bundles(chosen: dict[str, float], world: _World, min_parts: int) -> dict[str, str]:
    """Bundle or parts, never both. Returns part -> the chosen bundle that covers it."""
    covered: dict[str, str] = {}
    for bid in sorted(chosen, key=lambda s: (-len(world.by_id[s].includes), s)):
        bundle = world.by_id[bid]
        if not bundle.includes or bid not in chosen:
            continue
        parts = [p for p in bundle.includes if p in chosen and p not in covered]
        if len(parts) >= min_parts:
            chosen[bid] = max([chosen[bid], *(chosen[p] for p in parts)])
            for part in parts:
                del chosen[part]
                covered[part] = bid
                world.left[part] = _why("left_in_bundle", solutions=[bid])
        elif parts:
            del chosen[bid]
            world.left[bid] = _why("left_parts_instead", solutions=parts)
    # parts not called for but covered by a chosen bundle count as met through it
    for bid in list(chosen):
        for part in world.by_id[bid].includes:
            covered.setdefault(part, bid)
    return covered


def _needs(
    sid: str,
    world: _World,
    chosen: Mapping[str, Any],
    covered: Mapping[str, str],
) -> set[str]:
    """The solutions ``sid`` must come after: prerequisites not met, and for each fact it
    requires that does not hold, a solution that establishes it (one already chosen first)."""
    sol = world.by_id[sid]
    before: set[str] = set()
    for pre in sol.prerequisites.solutions:
        if world.met(pre):
            continue
        target = covered.get(pre, pre)
        if target != sid and target in world.by_id:
            before.add(target)
    for fact in sol.requires:
        if fact in world.scr.facts:
            continue
        options = [e for e in world.establishers(fact) if e != sid and not world.missing(e)]
        options = [covered.get(e, e) for e in options]
        pick = next((e for e in options if e in chosen), options[0] if options else None)
        if pick is not None and pick != sid:
            before.add(pick)
    return before


__all__ = [
    "EFFORT_RANK",
    "NOW_LIMIT",
    "PHASES",
    "LeftOut",
    "Phase",
    "Profile",
    "Recommendation",
    "cost_key",
    "cost_rank",
    "fits",
    "is_low_cost",
    "left_out",
    "profile_of",
    "recommend",
]

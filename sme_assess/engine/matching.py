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
- bundles: a bundle replaces its parts when enough of them are called for, never both; a
  bundle whose every part is in place is in place (``plan_facts``), and one the firm lacks
  fewer parts of than the catalogue's ``bundle_min_parts`` is never planned (``plan_world``);
- phases: "now" = quick wins (low 3-year cost, low effort, value within 3 months, nothing
  unmet before it), capped in items and in new systems by the catalogue's plan rules;
  "next" = value within 12 months; "later" = the rest; a solution comes after (in a later
  phase than) what it needs;
- a pack rule may put one solution first when a pain point is raised (a digital lead when
  nobody owns digital);
- the plan keeps the 30 most valuable solutions, each with what it needs, those the firm's
  own answers point at (``indicated_if``: CNC machines ticked, DNC) first.

Costs and what the answers say live in ``plan_facts``, the firm's eligibility and fact
prerequisites in ``plan_world``, relevance in ``plan_relevance``, phases and order in
``plan_order``, the path to a target level in ``targeting``.
"""

from __future__ import annotations

from itertools import filterfalse
from typing import Any, NamedTuple

from ..models import Catalogue
from ..models.common import PartlyKnown
from .plan_budget import Budget, budget_of
from .plan_facts import cost_key, cost_rank, is_low_cost
from .plan_order import (
    PHASES,
    Phase,
    by_indication,
    keep,
    min_level_deps,
    order,
    phases,
    ranked,
    unmet_min_levels,
)
from .plan_relevance import CategoryFacts, for_trade, owner_priority, relevances
from .plan_unasked import OpenCheck
from .plan_unknown import UnknownCheck
from .plan_world import EFFORT_RANK, Profile, World, _why, bundles, fits, needs, profile_of
from .rounding import round_to
from .scoring import Assessment, Reason, new_tuple

# The reason a planned solution gets when the firm's answers leave open whether it already has
# it (``plan_unasked``); the short views (terminal, brief report) show it beside the first.
IN_PLACE_UNASKED = "in_place_unasked"
# The reason a planned solution gets when options the firm's answers could not tick (added to
# the pack since they were given) may decide it (``plan_unknown``); shown as the one above.
OPTION_UNASKED = "option_unasked"
CAUTIONS = frozenset({IN_PLACE_UNASKED, OPTION_UNASKED})

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


class LeftOut(NamedTuple):
    """A solution not in the plan, and why (a reason with a ``left_*`` code)."""

    solution: str
    reason: Reason


class _Plan(NamedTuple):
    recommendations: tuple[Recommendation, ...]
    left_out: tuple[LeftOut, ...]


def recommend(a: Assessment, c: Catalogue, profile: Profile) -> tuple[Recommendation, ...]:
    """Rank, phase and order the solutions for this assessment."""
    return _plan(a, c, profile, explain=False).recommendations


def left_out(a: Assessment, c: Catalogue, profile: Profile) -> tuple[LeftOut, ...]:
    """Every catalogue solution not in the plan, in catalogue order, with the reason."""
    return _plan(a, c, profile, explain=True).left_out


# reasons that recur for every respondent, made once (params in Reason.of's sorted order)
_FIRST_STEP = Reason("first_step")
_SHARED: dict[tuple[Any, ...], Reason] = {}


def _shared(code: str, *params: tuple[str, Any]) -> Reason:
    """``Reason.of(code, **dict(params))`` for params given sorted with hashable values,
    kept for the next respondent (the key tells 3 from 3.0, which print differently)."""
    key = (code, params, tuple(v.__class__ for _k, v in params))
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) > 10_000:
            _SHARED.clear()
        found = _SHARED[key] = Reason(code, params)
    return found


_SHARED1: dict[tuple[Any, ...], Reason] = {}


def _shared1(code: str, name: str, value: Any) -> Reason:
    """``_shared`` for a reason with one parameter (a hot path: its key is flat)."""
    key = (code, name, value, value.__class__)
    found = _SHARED1.get(key)
    if found is None:
        if len(_SHARED1) > 10_000:
            _SHARED1.clear()
        found = _SHARED1[key] = Reason(code, ((name, value),))
    return found


def _over_budget(budget: Budget) -> Reason:
    """Why a step waits for the second year: the first year's budget, and what it was
    worked out from (the revenue figure, the band's assumed revenue when none was given, or
    the headcount)."""
    if budget.basis == "headcount":
        return _shared(
            "first_year_budget_head",
            ("budget", float(budget.amount)),
            ("headcount", budget.headcount),
            ("per_head", budget.per_head),
        )
    code = "first_year_budget_band" if budget.basis == "band" else "first_year_budget"
    return _shared(
        code,
        ("budget", float(budget.amount)),
        ("revenue", budget.revenue),
        ("share", budget.share),
    )


def _plan(a: Assessment, c: Catalogue, profile: Profile, *, explain: bool) -> _Plan:
    facts = CategoryFacts.of(a)
    levels = facts.levels
    pains = {hit.id: hit for hit in a.pain_points}
    world = World.of(a, c, profile, explain)
    by_id, cc, rules = world.by_id, world.cc, c.plan_rules
    boost = bool(profile.priorities)

    # how much each solution is called for, and why (the reasons shared within this firm)
    indicated = world.scr.indicated
    called, chosen, named = relevances(
        world.eligible_sorted, world.eligible, cc, facts, pains, profile, indicated
    )

    # a pack rule: when this pain point is raised, that solution comes first
    first = {
        sid
        for pid, sid in rules.first_when_raised.items()
        if pid in pains and sid in world.eligible
    }
    for sid in first:
        if sid not in chosen:
            chosen[sid] = called[sid][0]

    # facts first: what waits for a fact nothing plannable sets up is left out
    free = world.free
    # what needs nothing (most) is skipped in C: nothing it waits for can be missing
    for sid in sorted(filterfalse(free.__contains__, chosen)):
        lacking = world.missing(sid)
        if lacking:
            del chosen[sid]
            world.left[sid] = _why("left_waiting_fact", facts=sorted(lacking))
    first &= set(chosen)

    covered = bundles(chosen, world, rules.bundle_min_parts)

    # prerequisites and the solutions that establish missing facts are pulled in
    pulled: set[str] = set()
    needed_by: dict[str, set[str]] = {}
    deps: dict[str, set[str]] = {}
    stack = sorted(chosen)
    while stack:
        sid = stack.pop()
        if sid in free:
            deps[sid] = set()
            continue
        before = needs(sid, world, chosen, covered)
        deps[sid] = before
        for pre in before:
            users = needed_by.get(pre)
            if users is None:
                needed_by[pre] = {sid}
            else:
                users.add(sid)
            if pre not in chosen:
                chosen[pre] = 0.0
                pulled.add(pre)
                world.left.pop(pre, None)
                stack.append(pre)
    min_level_deps(deps, chosen, by_id, levels, cc)

    # the plan holds the most valuable solutions (and what they need), whatever their phase
    by_value = ranked(chosen, first)
    # what the firm's own answers point at is kept before what value alone would keep
    kept_set = keep(chosen, deps, first, PLAN_LIMIT, by_indication(by_value, indicated))
    trade = for_trade(cc).get(profile.sector or "", frozenset()) | indicated
    budget = budget_of(rules, a.answers)
    # what works on months of records the plan only starts to keep waits for the second year
    history = world.history(chosen)
    phase, queued, capped, over = phases(
        chosen,
        deps,
        by_id,
        levels,
        c,
        cc,
        first,
        profile.size,
        trade,
        kept_set,
        budget.amount if budget is not None else None,
        by_value,
        frozenset(history),
        frozenset(sid for sid, areas in named.items() if areas),
    )
    ordered = order(chosen, deps, phase, first, by_value)
    kept = list(filter(kept_set.__contains__, ordered))  # in C
    if explain:
        for sid in ordered:
            if sid not in kept_set:
                world.left[sid] = _why("left_plan_limit", limit=PLAN_LIMIT)
        _parts_held(world, kept_set, chosen)
    recs: list[Recommendation] = []
    position = dict(zip(ordered, range(len(ordered)), strict=True))  # {sid: i ...}, in C
    parts_of: dict[str, list[str]] = {}
    in_place, not_applicable = world.scr.in_place, world.scr.not_applicable
    for part, bundle in covered.items():
        # "covers" names what the firm would get, not what it has or cannot use
        if part not in in_place and part not in not_applicable:
            parts_of.setdefault(bundle, []).append(part)
    facts_held = world.scr.facts
    notes = tuple(reversed(world.scr.notes))
    # a note meant for some solutions only (``PlanNote.solutions``)
    note_for = {n.id: n.solutions for n in c.notes if n.solutions} if notes else {}
    open_check = OpenCheck(cc, a.questionnaire, a.answers)
    maybe_open = open_check.maybe  # the solutions a check of which reads an unsaid question
    unknown_check = (
        UnknownCheck(cc, a.answers) if PartlyKnown in map(type, a.answers.values()) else None
    )
    rows = world.rows
    queued_limit = rules.now_max_items
    capped_limit = rules.next_max_new_systems.get(profile.size or "", 0)
    # each reason with one parameter is made in C, inline: Reason(code, ((name, value),))
    for rank, sid in enumerate(kept, start=1):
        row = rows[sid]
        in_phase = phase[sid]
        reasons: list[Reason] = []
        if sid not in pulled:
            reasons = list(called[sid][1])
            owner: list[str] | None = named.get(sid) if boost else None
            if owner is None and boost:
                owner = owner_priority(by_id[sid], cc, profile, pains)
            if owner:
                reasons.insert(0, new_tuple(Reason, ("owner_priority", (("areas", tuple(owner)),))))
        parts = parts_of.get(sid)
        if parts:
            reasons.append(
                new_tuple(Reason, ("bundle_covers", (("solutions", tuple(sorted(parts))),)))
            )
        if sid in needed_by:
            reasons.append(
                new_tuple(
                    Reason, ("prerequisite_for", (("solutions", tuple(sorted(needed_by[sid]))),))
                )
            )
        before = deps[sid]
        # what it waits for, in the plan's order (the order of positions: no ties)
        unmet = sorted(before & position.keys(), key=position.__getitem__) if before else []
        if unmet:
            reasons.append(
                new_tuple(Reason, ("after_prerequisites", (("solutions", tuple(unmet)),)))
            )
        if row.requires:
            waiting = list(filterfalse(facts_held.__contains__, row.requires))
            if waiting:
                reasons.append(new_tuple(Reason, ("needs_fact", (("facts", tuple(waiting)),))))
        if row.min_levels:
            for cat, need in sorted(unmet_min_levels(by_id[sid], levels).items()):
                reasons.append(_shared("needs_level", ("area", cat), ("level", need)))
        if in_phase == "now" and sid in first:
            reasons.insert(0, _FIRST_STEP)
        if sid in history:  # why "later": shown after the main reason, before the rest
            reasons.insert(
                min(1, len(reasons)),
                new_tuple(Reason, ("needs_history", (("facts", history[sid]),))),
            )
        elif sid in capped:
            reasons.insert(min(1, len(reasons)), _shared1("first_year_cap", "limit", capped_limit))
        elif sid in over and budget is not None:
            reasons.insert(min(1, len(reasons)), _over_budget(budget))
        # a caution comes right after the main reason, so that short views still show it
        for note, systems_only in notes:
            if (row.new_system or not systems_only) and sid in note_for.get(note, (sid,)):
                reasons.insert(min(1, len(reasons)), _shared1("plan_note", "note", note))
        # the firm may have it already: it did not answer what would say so
        unasked = open_check.questions(sid) if sid in maybe_open else ()
        if unasked:
            reasons.insert(
                min(1, len(reasons)),
                new_tuple(Reason, (IN_PLACE_UNASKED, (("questions", unasked),))),
            )
        # options the answers could not tick (added since their version) may decide it
        decided_by = unknown_check.options(sid) if unknown_check is not None else None
        if decided_by is not None:
            reasons.insert(
                min(1, len(reasons)),
                _shared(OPTION_UNASKED, ("options", decided_by[1]), ("question", decided_by[0])),
            )
        if in_phase == "now":
            reasons.append(_shared1("quick_win", "months", row.months))
        elif in_phase == "next" and sid in queued:
            reasons.append(_shared1("quick_win_queued", "limit", queued_limit))
        recs.append(
            new_tuple(
                Recommendation,
                (
                    sid,
                    in_phase,
                    rank,
                    round_to(chosen[sid], 4),
                    tuple(reasons),
                    tuple(unmet),
                    sid in pulled,
                ),
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


def _parts_held(world: World, kept: set[str], chosen: dict[str, float]) -> None:
    """A bundle left out for its parts names those the plan holds. When it holds none (the
    parts fell beyond the plan's limit, or the few the firm lacks are neither called for nor
    needed first), the bundle is beyond the limit too, or the firm has the rest of it and
    nothing calls for what it lacks (said so: not "in place", which it is not)."""
    for sid, (code, params) in list(world.left.items()):
        if code != "left_parts_instead":
            continue
        held = [p for p in params["solutions"] if p in kept]
        if held:
            world.left[sid] = _why(code, solutions=held)
        elif any(p in chosen for p in params["solutions"]):
            world.left[sid] = _why("left_plan_limit", limit=PLAN_LIMIT)
        else:
            world.left[sid] = _why("left_parts_not_needed", solutions=params["solutions"])


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

"""The order of a chosen set of solutions: phases (quick wins, capped), what comes after
what, and which solutions the plan keeps. Pure functions over ids and priorities."""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Any, Literal

from ..models import Catalogue, Solution
from .plan_budget import first_year_costs, fit_budget, follow_later
from .plan_facts import CompiledCatalogue, per_catalogue
from .plan_world import sol_facts

Phase = Literal["now", "next", "later"]
PHASES: tuple[Phase, ...] = ("now", "next", "later")
NEXT_MONTHS = 12


def _level(levels: Mapping[str, int | None], category: str) -> int:
    value = levels.get(category)
    return -1 if value is None else value


def unmet_min_levels(sol: Solution, levels: Mapping[str, int | None]) -> dict[str, int]:
    if not sol.prerequisites.min_levels:
        return {}
    return {
        cat: need
        for cat, need in sol.prerequisites.min_levels.items()
        if _level(levels, cat) < need
    }


def ranked(chosen: Mapping[str, float], first: set[str]) -> list[str]:
    """The chosen solutions, the most valuable first: a pack's first steps, then by priority,
    then by id (no ties). ``keep``, ``phases`` and ``order`` go by it."""
    keys = [(sid not in first, -value, sid) for sid, value in chosen.items()]
    keys.sort()  # tuples compared in C: no key function called per solution
    return [key[2] for key in keys]


def by_indication(by_value: list[str], indicated: frozenset[str]) -> list[str]:
    """``by_value`` with the steps the firm's answers point at first (each group in its
    order): the plan keeps them before steps chosen by value alone."""
    if indicated.isdisjoint(by_value):
        return by_value
    return [s for s in by_value if s in indicated] + [s for s in by_value if s not in indicated]


def keep(
    chosen: Mapping[str, float],
    deps: Mapping[str, set[str]],
    first: set[str],
    limit: int,
    by_value: list[str] | None = None,
) -> set[str]:
    """The ``limit`` most valuable solutions, each with everything it must come after, so
    that no kept solution lacks what it stands on (``by_value``: ``ranked``, made already)."""
    if len(chosen) <= limit:  # every closure fits: each lies within what is chosen
        return set(chosen)
    kept: set[str] = set()
    for sid in by_value if by_value is not None else ranked(chosen, first):
        if sid in kept:
            continue
        if not deps.get(sid):  # needs nothing: kept alone, while there is room
            if len(kept) < limit:
                kept.add(sid)
            continue
        closure = {sid}
        stack = [sid]
        while stack:
            for dep in deps.get(stack.pop(), ()):
                if dep in chosen and dep not in kept and dep not in closure:
                    closure.add(dep)
                    stack.append(dep)
        if len(kept) + len(closure) <= limit:
            kept |= closure
    return kept


def min_level_deps(
    deps: dict[str, set[str]],
    chosen: Mapping[str, Any],
    by_id: Mapping[str, Solution],
    levels: Mapping[str, int | None],
    cc: CompiledCatalogue | None = None,
) -> None:
    """For an unmet minimum level, wait for the chosen solutions that lift that category far
    enough, unless that would make two solutions wait for each other. (``cc``: the
    solutions with minimum levels are known without looking at each chosen one.)"""
    if cc is not None:
        if _static(cc)[1].isdisjoint(chosen):
            return
    elif not any(by_id[sid].prerequisites.min_levels for sid in chosen):
        return
    ids = sorted(chosen)
    for sid in ids:
        if not by_id[sid].prerequisites.min_levels:
            continue
        for cat, need in sorted(unmet_min_levels(by_id[sid], levels).items()):
            for other in ids:
                o = by_id[other]
                if (
                    other != sid
                    and cat in o.addresses.categories
                    and o.lifts.to_level >= need
                    and not _reaches(deps, other, sid)
                ):
                    deps[sid].add(other)


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


def phases(
    chosen: Mapping[str, float],
    deps: Mapping[str, set[str]],
    by_id: Mapping[str, Solution],
    levels: Mapping[str, int | None],
    c: Catalogue,
    cc: CompiledCatalogue,
    first: set[str],
    size: str | None = None,
    trade: frozenset[str] = frozenset(),
    kept: set[str] | None = None,
    budget: float | None = None,
    by_value: list[str] | None = None,
    history: frozenset[str] = frozenset(),
    asked: frozenset[str] = frozenset(),
) -> tuple[dict[str, Phase], set[str], set[str], set[str]]:
    """Each solution's phase, the quick wins queued into "next" by the "now" caps, the new
    systems put off to "later" by the first year's cap, and the steps put off to "later" by
    the first year's ``budget``: new systems in "next" that the plan keeps (``kept``) beyond
    the cap for the firm's ``size`` go to "later", measures for its sector (``trade``) kept
    first, then the most valuable; then, the same way, what would take the first year past
    its budget (``plan_budget``: the small steps first). ``by_value``: ``ranked``.
    ``history``: steps that work on months of records the plan only starts to keep
    (``needs_history``): they start in "later". A quick win that would take more than the
    budget rule's ``quick_win_share`` of the ``budget`` is one only for a larger firm: it
    starts in "next", unless it is for the sector, pointed at by the answers (``trade``) or
    for a priority the owner named (``asked``)."""
    rules = c.plan_rules
    quick_static = cc.quick_static  # low cost, low effort, value within 3 months
    soon, levelled = _static(cc)  # value within NEXT_MONTHS; with minimum levels

    base: dict[str, int] = {}
    for sid in chosen:
        blocked = sid in levelled and bool(unmet_min_levels(by_id[sid], levels))
        if sid in history:
            base[sid] = 2
        elif not deps[sid] and ((sid in quick_static and not blocked) or sid in first):
            base[sid] = 0
        elif sid in soon and not blocked:
            base[sid] = 1
        else:
            base[sid] = 2
    # the quick wins, the most valuable first
    wins = [sid for sid in by_value or ranked(chosen, first) if not base[sid]]
    dear = _dear_for_size(wins, c, cc, budget, trade | asked | first)
    if dear:
        wins = [sid for sid in wins if sid not in dear]
        for sid in dear:
            base[sid] = 1
    queued: set[str] = set()
    systems = 0
    taken = 0
    rows = sol_facts(cc)
    max_items, max_systems = rules.now_max_items, rules.now_max_new_systems
    for sid in wins:
        is_system = rows[sid].new_system
        over_systems = is_system and max_systems is not None and systems >= max_systems
        if taken >= max_items or over_systems:
            queued.add(sid)
            base[sid] = 1
            continue
        taken += 1
        systems += is_system

    # what waits for nothing stays in its phase; the rest comes after what it waits for
    index = {sid: value for sid, value in base.items() if not deps[sid]}
    trail: set[str] = set()  # the solutions on the path being resolved (a cycle guard)

    def resolve(sid: str) -> int:
        if sid in index:
            return index[sid]
        value = base[sid]
        before = deps[sid]
        if before:
            trail.add(sid)
            for dep in before:
                if dep not in trail and dep in base:
                    value = max(value, min(2, resolve(dep) + 1))
            trail.discard(sid)
        index[sid] = value
        return value

    for sid in sorted(chosen):
        if sid not in index:
            resolve(sid)
    cap = rules.next_max_new_systems.get(size) if size else None
    capped = _cap_next(index, chosen, deps, rows, cap, trade, kept) if cap is not None else set()
    over: set[str] = set()
    if budget is not None:
        costs = first_year_costs(c, cc)
        rule = rules.first_year_budget
        small = rule.small_step_cny if rule is not None else None
        over = fit_budget(index, chosen, deps, costs, budget, trade, kept, small)
    return {sid: PHASES[i] for sid, i in index.items()}, queued, capped, over


def _dear_for_size(
    wins: list[str],
    c: Catalogue,
    cc: CompiledCatalogue,
    budget: float | None,
    wanted: AbstractSet[str],
) -> set[str]:
    """The quick wins whose first year costs more than the budget rule's share of the
    firm's first-year ``budget`` (a quick win for a larger plant), but those ``wanted``."""
    rule = c.plan_rules.first_year_budget
    if budget is None or rule is None or rule.quick_win_share is None:
        return set()
    most = budget * rule.quick_win_share
    costs = first_year_costs(c, cc)
    return {sid for sid in wins if sid not in wanted and (costs.get(sid) or 0.0) > most}


def _cap_next(
    index: dict[str, int],
    chosen: Mapping[str, float],
    deps: Mapping[str, set[str]],
    rows: Mapping[str, Any],
    cap: int,
    trade: frozenset[str],
    kept: set[str] | None,
) -> set[str]:
    """New systems in "next" (those the plan keeps) beyond ``cap`` go to "later" (sector
    measures kept first, then the most valuable), and so does whatever in "next" waits for
    one of them. Returns the new systems put off (what waits for them says so already)."""
    systems = sorted(
        (
            sid
            for sid, at in index.items()
            if at == 1 and rows[sid].new_system and (kept is None or sid in kept)
        ),
        key=lambda s: (s not in trade, -chosen[s], s),
    )
    if len(systems) <= cap:
        return set()
    for sid in systems[cap:]:
        index[sid] = 2
    follow_later(index, deps)
    return set(systems[cap:])


_STATIC: dict[int, tuple[CompiledCatalogue, tuple[frozenset[str], frozenset[str]]]] = {}


def _static(cc: CompiledCatalogue) -> tuple[frozenset[str], frozenset[str]]:
    """The solutions that bring value within NEXT_MONTHS, and those with minimum levels
    (once per compiled catalogue)."""
    return per_catalogue(_STATIC, cc, _static_of)


def _static_of(cc: CompiledCatalogue) -> tuple[frozenset[str], frozenset[str]]:
    sols = cc.by_id.items()
    return (
        frozenset(sid for sid, sol in sols if sol.time_to_value_months < NEXT_MONTHS),
        frozenset(sid for sid, sol in sols if sol.prerequisites.min_levels),
    )


_RANK = {name: i for i, name in enumerate(PHASES)}


def order(
    chosen: Mapping[str, float],
    deps: Mapping[str, set[str]],
    phase: Mapping[str, Phase],
    first: set[str],
    by_value: list[str] | None = None,
) -> list[str]:
    """Phase by phase; within a phase, a pack's first step, then most valuable first, but
    never before a prerequisite. (``by_value``: ``ranked``, made already.)"""
    ranks = by_value if by_value is not None else ranked(chosen, first)
    n = len(ranks)
    rank = _RANK
    # each solution's key as one int: its phase, then its place in ``ranks`` (ints compare
    # cheaper than tuples); ``ranks[key % n]`` is the solution
    keys = {sid: rank[phase[sid]] * n + i for i, sid in enumerate(ranks)}

    waiting: dict[str, set[str]] = {}  # what waits, for what (nothing else has an entry)
    dependents: dict[str, list[str]] = {}
    ready = []
    for sid in chosen:
        before = deps[sid]
        if before:  # most solutions need nothing before them: no set to filter
            before = before & chosen.keys()
            before.discard(sid)
            if before:
                waiting[sid] = before
                for d in before:
                    dependents.setdefault(d, []).append(sid)
                continue
        ready.append(keys[sid])
    ready.sort()
    if not dependents:  # nothing waits for anything: the order of the keys
        return [ranks[k % n] for k in ready]
    # what needed nothing is taken in order from ``ready``; what waited, once free, from a
    # heap: the smaller key of the two comes next (one heap of all, with fewer heap moves)
    freed: list[int] = []
    at = 0
    placed: list[str] = []
    done: set[str] = set()
    while len(placed) < len(chosen):
        if freed and (at >= len(ready) or freed[0] < ready[at]):
            best = ranks[heapq.heappop(freed) % n]
        elif at < len(ready):
            best = ranks[ready[at] % n]
            at += 1
        else:  # a cycle cannot happen (see _min_level_deps); stay total anyway
            best = min((sid for sid in chosen if sid not in done), key=keys.__getitem__)
        if best in done:
            continue
        placed.append(best)
        done.add(best)
        for nxt in dependents.get(best, ()):
            waiting[nxt].discard(best)
            if not waiting[nxt]:
                heapq.heappush(freed, keys[nxt])
    return placed

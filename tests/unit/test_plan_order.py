"""The plan's order and the solutions it keeps, computed with shortcuts (nothing waits for
anything, everything fits, a solution needing nothing), are what the plain definitions give:
the order a firm reads its steps in and the steps it is shown never change with them."""

from __future__ import annotations

import heapq
import random
from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from sme_assess.engine.plan_order import PHASES, Phase, keep, order


def _keep_by_definition(
    chosen: Mapping[str, float], deps: Mapping[str, set[str]], first: set[str], limit: int
) -> set[str]:
    """The most valuable first, each with everything it must come after, while they fit."""
    kept: set[str] = set()
    for sid in sorted(chosen, key=lambda s: (s not in first, -chosen[s], s)):
        if sid in kept:
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


def _order_by_definition(
    chosen: Mapping[str, float],
    deps: Mapping[str, set[str]],
    phase: Mapping[str, Phase],
    first: set[str],
) -> list[str]:
    """Repeatedly the smallest key among those whose prerequisites are placed (one heap)."""
    rank = {name: i for i, name in enumerate(PHASES)}

    def key(sid: str) -> tuple[int, bool, float, str]:
        return (rank[phase[sid]], sid not in first, -chosen[sid], sid)

    waiting = {sid: {d for d in deps[sid] if d in chosen and d != sid} for sid in chosen}
    dependents: dict[str, list[str]] = {}
    for sid, before in waiting.items():
        for d in before:
            dependents.setdefault(d, []).append(sid)
    ready = [key(sid) for sid in chosen if not waiting[sid]]
    heapq.heapify(ready)
    placed: list[str] = []
    done: set[str] = set()
    while len(placed) < len(chosen):
        if not ready:  # a cycle: the smallest left goes next
            rest = [sid for sid in chosen if sid not in done]
            ready = [key(min(rest, key=key))]
            waiting[ready[0][3]] = set()
        best = heapq.heappop(ready)[3]
        if best in done:
            continue
        placed.append(best)
        done.add(best)
        for nxt in dependents.get(best, []):
            waiting[nxt].discard(best)
            if not waiting[nxt]:
                heapq.heappush(ready, key(nxt))
    return placed


Plan = tuple[dict[str, float], dict[str, set[str]], dict[str, Phase], set[str]]


def _plan(seed: int) -> Plan:
    """Up to 40 solutions with tied values, prerequisites of every density (cycles and ids
    not chosen included), phases and first steps."""
    rnd = random.Random(seed)
    ids = [f"s{i:02d}" for i in range(rnd.randint(0, 40))]
    chosen = {sid: rnd.choice([0.0, 0.5, 1.0, 1.25, 2.0, 3.5]) for sid in ids}
    density = rnd.choice([0.0, 0.03, 0.1, 0.3])
    deps = {
        sid: {d for d in [*ids, "outside"] if d != sid and rnd.random() < density}
        if rnd.random() < 0.5
        else set()
        for sid in ids
    }
    phase: dict[str, Phase] = {sid: rnd.choice(PHASES) for sid in ids}
    first = {sid for sid in ids if rnd.random() < 0.1}
    return chosen, deps, phase, first


@settings(max_examples=400, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**32 - 1), limit=st.sampled_from([0, 1, 5, 12, 30, 60]))
def test_kept_solutions_are_those_the_definition_keeps(seed: int, limit: int) -> None:
    chosen, deps, _phase, first = _plan(seed)
    assert keep(chosen, deps, first, limit) == _keep_by_definition(chosen, deps, first, limit)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**32 - 1))
def test_the_order_is_the_one_the_definition_gives(seed: int) -> None:
    chosen, deps, phase, first = _plan(seed)
    assert order(chosen, deps, phase, first) == _order_by_definition(chosen, deps, phase, first)

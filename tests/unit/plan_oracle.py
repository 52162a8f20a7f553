"""What a firm has of a catalogue, worked out plainly for tests (not the engine's way)."""

from __future__ import annotations

from collections.abc import Iterable

from sme_assess.models.catalogue import Solution


def had(solutions: Iterable[Solution], declared: Iterable[str], na: set[str]) -> set[str]:
    """What the firm has, as the plan reads it: what its answers declare in place and the
    parts of a bundle declared (its parts' parts too); then a bundle whose every part is had
    or does not apply is had when one part at least is had (it brings nothing more), else it
    does not apply (added to ``na``); until nothing changes (bundles of bundles)."""
    by_id = {s.id: s for s in solutions}
    has: set[str] = set()
    stack = list(declared)
    while stack:
        sid = stack.pop()
        if sid not in has:
            has.add(sid)
            stack.extend(by_id[sid].includes)
    while True:
        before = len(has) + len(na)
        for s in by_id.values():
            if s.includes and s.id not in has | na and set(s.includes) <= has | na:
                (has if set(s.includes) & has else na).add(s.id)
        if len(has) + len(na) == before:
            return has

"""One firm and the catalogue: its profile, what may be planned (or why not), what comes first."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import filterfalse
from typing import Any, NamedTuple

from ..models import Catalogue, Questionnaire, Solution
from .compiled import compile_questionnaire
from .plan_facts import CompiledCatalogue, Screen, compile_catalogue, per_catalogue, screen
from .scoring import Assessment

EFFORT_RANK = {"low": 0, "medium": 1, "high": 2}


class Profile(NamedTuple):
    sector: str | None = None
    size: str | None = None
    priorities: tuple[str, ...] = ()  # categories the owner named as hurting most


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


def fits(sol: Solution, profile: Profile) -> bool:
    return _misfit(sol, profile) is None


def _misfit(sol: Solution, profile: Profile) -> str | None:
    if sol.sectors and profile.sector and profile.sector not in sol.sectors:
        return "sector"
    if sol.sizes and profile.size and profile.size not in sol.sizes:
        return "size"
    return None


def _fits_size(cc: CompiledCatalogue, sid: str, profile: Profile) -> bool:
    sizes = cc.by_id[sid].sizes
    return not sizes or not profile.size or profile.size in sizes


_NOTHING: frozenset[str] = frozenset()

_Why = tuple[str, dict[str, Any]]  # a left-out reason, made into a Reason only for explain


def _why(code: str, **params: Any) -> _Why:
    return (code, params)


_Misfits = dict[tuple[str | None, str | None], dict[str, str]]
_SHAPES: dict[int, tuple[CompiledCatalogue, tuple[tuple[str, ...], frozenset[str], _Misfits]]] = {}


def _shape(
    cc: CompiledCatalogue, profile: Profile
) -> tuple[tuple[str, ...], frozenset[str], dict[str, str]]:
    """The catalogue's ids sorted, the solutions that need nothing before them (no fact,
    no prerequisite), and those the firm's sector or size does not fit (once per compiled
    catalogue, and per sector and size)."""
    ids, free, by_profile = per_catalogue(_SHAPES, cc, _shape_of)
    key = (profile.sector, profile.size)
    misfits = by_profile.get(key)
    if misfits is None:
        if len(by_profile) > 1000:
            by_profile.clear()
        misfits = by_profile[key] = {
            s.id: m for s in cc.by_id.values() if (m := _misfit(s, profile)) is not None
        }
    return ids, free, misfits


def _shape_of(cc: CompiledCatalogue) -> tuple[tuple[str, ...], frozenset[str], _Misfits]:
    free = frozenset(
        sid for sid, s in cc.by_id.items() if not s.requires and not s.prerequisites.solutions
    )
    return tuple(sorted(cc.by_id)), free, {}


class SolFacts(NamedTuple):
    """What the plan reads of a solution for every firm, as plain values (an attribute of a
    pydantic model goes through its ``__getattr__`` hook: several times a tuple's cost)."""

    requires: tuple[str, ...]
    before: tuple[str, ...]  # prerequisites.solutions
    min_levels: bool  # has minimum levels
    new_system: bool
    months: float  # time to value


_ROWS: dict[int, tuple[CompiledCatalogue, dict[str, SolFacts]]] = {}


def sol_facts(cc: CompiledCatalogue) -> dict[str, SolFacts]:
    """Each solution's ``SolFacts`` (once per compiled catalogue)."""
    return per_catalogue(_ROWS, cc, _sol_facts)


def _sol_facts(cc: CompiledCatalogue) -> dict[str, SolFacts]:
    return {
        sid: SolFacts(
            tuple(s.requires),
            tuple(s.prerequisites.solutions),
            bool(s.prerequisites.min_levels),
            s.new_system,
            s.time_to_value_months,
        )
        for sid, s in cc.by_id.items()
    }


_HISTORY: dict[int, tuple[CompiledCatalogue, frozenset[str]]] = {}


def with_history(cc: CompiledCatalogue) -> frozenset[str]:
    """The solutions that work on months of records (``needs_history``; once per compiled
    catalogue)."""
    return per_catalogue(_HISTORY, cc, _with_history)


def _with_history(cc: CompiledCatalogue) -> frozenset[str]:
    return frozenset(sid for sid, s in cc.by_id.items() if s.needs_history)


class World:
    """One firm and the catalogue: what is in place, what may be planned, what facts hold.
    (A plain class: one per firm, and cheaper to define at import than a dataclass.)"""

    __slots__ = (
        "_establishers",
        "_missing",
        "by_id",
        "c",
        "cc",
        "eligible",
        "eligible_sorted",
        "free",
        "left",
        "rows",
        "scr",
    )

    def __init__(
        self,
        c: Catalogue,
        cc: CompiledCatalogue,
        scr: Screen,
        by_id: Mapping[str, Solution],
        eligible: set[str],
        eligible_sorted: list[str],
        free: frozenset[str],  # solutions that need nothing before them: no fact, no prerequisite
    ) -> None:
        self.c = c
        self.cc = cc
        self.scr = scr
        self.by_id = by_id
        self.eligible = eligible
        self.eligible_sorted = eligible_sorted
        self.free = free
        self.rows = sol_facts(cc)
        self.left: dict[str, _Why] = {}  # solution -> why it is not planned (explain)
        self._missing: dict[str, frozenset[str]] = {}
        self._establishers: dict[str, list[str]] = {}

    @staticmethod
    def of(a: Assessment, c: Catalogue, profile: Profile, explain: bool = False) -> World:
        """The firm's world; ``explain`` also says why each solution may not be planned."""
        q = a.questionnaire
        cc = compile_catalogue(q, c)
        scr = screen(q, c, a.answers)
        ids, free, misfits = _shape(cc, profile)
        if scr.indicated and not scr.indicated.isdisjoint(misfits):
            # what the firm's own answers point at (moulds ticked: mould management) is not
            # left out for its sector where the step says so (``indicated_in_any_sector``):
            # a syringe maker in medical devices runs injection moulds; its size still counts
            anywhere = {
                sid
                for sid in scr.indicated
                if misfits.get(sid) == "sector" and cc.by_id[sid].indicated_in_any_sector
            }
            if anywhere:
                misfits = {
                    sid: ("size" if sid in anywhere else why)
                    for sid, why in misfits.items()
                    if sid not in anywhere or not _fits_size(cc, sid, profile)
                }
        in_place, not_applicable = scr.in_place, scr.not_applicable
        # in C: the ids (sorted) less those in place, that do not apply or do not fit
        eligible = list(filterfalse(in_place.union(not_applicable, misfits).__contains__, ids))
        thin = _thin(cc, scr, c.plan_rules.bundle_min_parts) if cc.bundles else None
        if thin:
            eligible = [sid for sid in eligible if sid not in thin]
        world = World(c, cc, scr, cc.by_id, set(eligible), eligible, free)
        if explain:
            for bid, lacking in (thin or {}).items():
                if bid not in misfits:
                    world.left[bid] = _why("left_parts_instead", solutions=lacking)
            for sol in c.solutions:
                misfit = misfits.get(sol.id)
                if sol.id in in_place:
                    world.left[sol.id] = _why("left_in_place")
                elif misfit is not None:
                    world.left[sol.id] = _why("left_sector" if misfit == "sector" else "left_size")
                elif sol.id in not_applicable:
                    na = [qid for qid in sol.scenarios if a.answers.get(qid) == "n/a"]
                    world.left[sol.id] = (
                        _why("left_not_applicable_scenario", questions=na)
                        if na
                        else _why("left_not_applicable")
                    )
        return world

    def history(self, chosen: Mapping[str, float]) -> dict[str, tuple[str, ...]]:
        """The chosen steps that work on months of records (``needs_history``) the firm's
        answers do not show and a chosen step sets up, with those facts."""
        by_id, held, cc = self.by_id, self.scr.facts, self.cc
        found: dict[str, tuple[str, ...]] = {}
        started: set[str] | None = None
        # only the steps that have any (known once per catalogue; most have none): a model's
        # attribute is read through pydantic's ``__getattr__`` hook, several times a set lookup
        for sid in filter(with_history(cc).__contains__, chosen):
            wanted = by_id[sid].needs_history
            if started is None:
                started = set()
                for other in chosen:
                    started |= cc.establishes.get(other, frozenset())
            lacking = tuple(f for f in wanted if f not in held and f in started)
            if lacking:
                found[sid] = lacking
        return found

    def met(self, sid: str) -> bool:
        """A prerequisite that needs nothing done: in place, not applicable, or unknown."""
        return sid not in self.by_id or sid in self.scr.in_place or sid in self.scr.not_applicable

    def establishers(self, fact: str) -> list[str]:
        """Solutions that may be planned and set up ``fact``, cheapest first."""
        cached = self._establishers.get(fact)
        if cached is not None:
            return cached
        eligible = self.eligible  # in the order worked out once per pack: cheapest first
        cached = self._establishers[fact] = [
            sid for sid in self.cc.cheapest.get(fact, ()) if sid in eligible
        ]
        return cached

    def missing(self, sid: str) -> frozenset[str]:
        """The facts ``sid`` (or a prerequisite of it) needs that nothing plannable sets up."""
        found = self._missing.get(sid)
        return found if found is not None else self._lacking(sid, set())

    def _lacking(self, sid: str, trail: set[str]) -> frozenset[str]:
        """``missing``, with the solutions on the path that led here left out (a cycle
        guard: ``trail`` holds them while their prerequisites are looked at)."""
        found = self._missing.get(sid)
        if found is not None:
            return found
        if sid in self.free:
            self._missing[sid] = _NOTHING  # needs nothing, whatever the trail
            return _NOTHING
        row = self.rows[sid]
        trail.add(sid)
        lacking: set[str] = set()
        facts = self.scr.facts
        for fact in row.requires:
            if fact in facts:
                continue
            for e in self.establishers(fact):
                if e not in trail and not self._lacking(e, trail):
                    break  # something plannable sets it up
            else:
                lacking.add(fact)
        if row.before:
            by_id, scr = self.by_id, self.scr
            for pre in row.before:  # not ``met`` (inline) and not on the trail
                if (
                    pre in by_id
                    and pre not in scr.in_place
                    and pre not in scr.not_applicable
                    and pre not in trail
                ):
                    lacking |= self._lacking(pre, trail)
        trail.discard(sid)
        result = frozenset(lacking)
        if not trail:  # only results independent of a cycle guard are kept
            self._missing[sid] = result
        return result


def _thin(cc: CompiledCatalogue, scr: Screen, min_parts: int) -> dict[str, list[str]]:
    """The bundles the firm lacks fewer than ``min_parts`` parts of (the rest in place or
    inapplicable), with the parts it lacks: one system for the one thing the firm does not
    have yet is no bundle, so such a bundle is never planned, pulled in or on a target path;
    what it lacks is planned alone when something calls for it or needs it first."""
    in_place, not_applicable = scr.in_place, scr.not_applicable
    found: dict[str, list[str]] = {}
    for bid, parts in cc.bundles:
        if bid in in_place or bid in not_applicable:
            continue
        lacking = [p for p in parts if p not in in_place and p not in not_applicable]
        if len(lacking) < min_parts:
            found[bid] = lacking
    return found


_BUNDLE_ORDER: dict[int, tuple[CompiledCatalogue, tuple[tuple[str, ...], frozenset[str]]]] = {}


def _bundle_order(cc: CompiledCatalogue) -> tuple[tuple[str, ...], frozenset[str]]:
    """The catalogue's bundles, the largest first (then by id), and their ids as a set
    (once per compiled catalogue)."""
    return per_catalogue(_BUNDLE_ORDER, cc, _bundle_order_of)


def _bundle_order_of(cc: CompiledCatalogue) -> tuple[tuple[str, ...], frozenset[str]]:
    ids = [sid for sid, s in cc.by_id.items() if s.includes]
    return tuple(sorted(ids, key=lambda s: (-len(cc.by_id[s].includes), s))), frozenset(ids)


def bundles(chosen: dict[str, float], world: World, min_parts: int) -> dict[str, str]:
    """Bundle or parts, never both. Returns part -> the chosen bundle that covers it. (A
    bundle the firm lacks too few parts of is never chosen: ``_thin``.)"""
    covered: dict[str, str] = {}
    by_id = world.by_id
    ordered, is_bundle = _bundle_order(world.cc)
    # the chosen bundles, the largest first (nothing is added to ``chosen`` here)
    for bid in ordered:
        if bid not in chosen:
            continue
        bundle = by_id[bid]
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
    for bid in chosen:
        if bid in is_bundle:
            for part in by_id[bid].includes:
                covered.setdefault(part, bid)
    return covered


def needs(
    sid: str,
    world: World,
    chosen: Mapping[str, Any],
    covered: Mapping[str, str],
) -> set[str]:
    """The solutions ``sid`` must come after: prerequisites not met, and for each fact it
    requires that does not hold, a solution that establishes it (one already chosen first)."""
    by_id = world.by_id
    row = world.rows[sid]
    before: set[str] = set()
    scr = world.scr
    for pre in row.before:
        if pre not in by_id or pre in scr.in_place or pre in scr.not_applicable:
            continue  # met (``World.met``)
        target = covered.get(pre, pre)
        if target != sid and target in by_id:
            before.add(target)
    facts = scr.facts
    for fact in row.requires:
        if fact in facts:
            continue
        options = [
            covered.get(e, e) for e in world.establishers(fact) if e != sid and not world.missing(e)
        ]
        if not options:
            continue
        # one already chosen first, else the cheapest
        pick = next((e for e in options if e in chosen), options[0])
        if pick != sid:
            before.add(pick)
    return before

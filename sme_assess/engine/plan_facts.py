"""What a firm's answers say about each catalogue solution: already in place, not applicable,
and which facts hold; and what each solution costs over three years. Facts beat scores:
nothing here looks at a category score.

Conditions are compiled once per (questionnaire, catalogue) into Python functions and
called per respondent.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from itertools import compress
from typing import Any, NamedTuple, TypeVar

from ..models import Catalogue, Questionnaire, Solution
from ..pack.conditions import Compiled, Order
from .condition_codegen import Truths, truths
from .condition_compile import compile_source, plain_names, plain_source
from .visibility import option_order


@dataclass(frozen=True)
class CompiledCatalogue:
    """A catalogue's conditions, parsed once, and what each solution establishes."""

    order: Order
    by_id: Mapping[str, Solution]
    in_place: tuple[tuple[str, Compiled], ...]
    not_applicable: tuple[tuple[str, Compiled | None, tuple[str, ...]], ...]
    facts: tuple[tuple[str, Compiled], ...]
    notes: tuple[tuple[str, Compiled, bool], ...]  # note id, condition, new systems only
    establishes: Mapping[str, frozenset[str]]  # solution -> facts (a bundle: its parts' too)
    established_by: Mapping[str, tuple[str, ...]]  # fact -> the solutions that establish it
    bundle_of: Mapping[str, tuple[str, ...]]  # part -> bundles that include it
    # each bundle and its parts, a bundle after the bundles among its parts (``screen``)
    bundles: tuple[tuple[str, tuple[str, ...]], ...]
    tco: Mapping[str, float | None]  # solution -> 3-year cost of ownership, when known
    # solution -> the pain points it addresses, strongest first, and the categories, by id
    pain_terms: Mapping[str, tuple[tuple[str, int], ...]]
    category_terms: Mapping[str, tuple[tuple[str, int], ...]]
    # solution -> what it mainly works on (strength 2-3): categories, pain points
    strong: Mapping[str, tuple[frozenset[str], tuple[str, ...]]]
    # the same terms with their per-solution constant factor worked out once (matching's
    # relevance): (pain, strength, (strength / 3) ** 2, key) and (category, 0.5 * strength
    # / 3, key), the key that of the reason they give within one firm (made once here)
    pain_weights: Mapping[str, tuple[tuple[str, int, float, tuple[str, int]], ...]]
    category_weights: Mapping[str, tuple[tuple[str, float, tuple[str, int, str]], ...]]
    divisor: Mapping[str, float]  # solution -> cost factor x effort factor
    # fact -> the solutions that establish it, cheapest first (3-year cost, tier, effort, id)
    cheapest: Mapping[str, tuple[str, ...]]
    quick_static: frozenset[str]  # low cost, low effort, value within 3 months
    # solution -> itself and the parts it brings when in place (a bundle's, transitively),
    # and the facts they establish
    brings: Mapping[str, tuple[frozenset[str], frozenset[str]]]
    # the in-place, not-applicable, fact and note conditions above as one generated function
    # of the answers each (``condition_codegen``), with the ids whose truths it gives, in order
    in_place_truths: tuple[tuple[str, ...], Truths]
    not_applicable_truths: tuple[tuple[str, ...], Truths]
    facts_truths: tuple[tuple[str, ...], Truths]
    notes_truths: tuple[tuple[tuple[str, bool], ...], Truths]
    # the solutions the firm's own answers point at (``indicated_if``), and their truths
    indicated_truths: tuple[tuple[str, ...], Truths]
    # solution -> the questions its in_place_if reads (``plan_unasked``)
    in_place_reads: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


_CACHE: dict[tuple[int, int], tuple[Questionnaire, Catalogue, CompiledCatalogue]] = {}


def _compile(source: str | None, order: Order) -> Compiled | None:
    return compile_source(source, order) if source else None


def tco_3y(c: Catalogue, sol: Solution) -> float | None:
    """One-off + 36 x monthly: from the solution's typical figures, else the upper bound of
    its cost tier; None when neither is known (an open-ended tier without figures)."""
    if sol.one_off_cny is not None or sol.monthly_cny is not None:
        return (sol.one_off_cny or 0.0) + 36 * (sol.monthly_cny or 0.0)
    tier = next((t for t in c.cost_tiers if t.id == sol.cost_tier), None)
    if tier is None or tier.max_cny is None:
        return None
    return tier.max_cny * (36 if tier.monthly else 1)


def cost_rank(c: Catalogue, sol: Solution) -> int:
    ids = [t.id for t in c.cost_tiers]
    return ids.index(sol.cost_tier) if sol.cost_tier in ids else len(ids)


def cost_key(c: Catalogue, cc: CompiledCatalogue, sol: Solution) -> tuple[float, int]:
    """Cheapest first: by 3-year cost of ownership (unknown counts as dearest), then tier."""
    value = cc.tco.get(sol.id)
    return (math.inf if value is None else value, cost_rank(c, sol))


def cost_factor(c: Catalogue, cc: CompiledCatalogue, sol: Solution) -> float:
    """1 for ¥10k or less over three years, +0.7 for each tenfold; by tier when unknown."""
    value = cc.tco.get(sol.id)
    if value is None:
        return 1 + 0.35 * cost_rank(c, sol)
    return 1 + 0.7 * math.log10(max(value, 10_000.0) / 10_000.0)


def is_low_cost(c: Catalogue, sol: Solution, cc: CompiledCatalogue | None = None) -> bool:
    """Within the catalogue's quick-win 3-year cost, else one of the cheapest 40 % of tiers."""
    limit = c.plan_rules.quick_win_max_tco_cny
    value = cc.tco.get(sol.id) if cc is not None else tco_3y(c, sol)
    if limit is not None and value is not None:
        return value <= limit
    cheap = max(1, round(0.4 * len(c.cost_tiers)))
    return cost_rank(c, sol) < cheap


_T = TypeVar("_T")


def per_catalogue(
    memo: dict[int, tuple[CompiledCatalogue, _T]],
    cc: CompiledCatalogue,
    make: Callable[[CompiledCatalogue], _T],
) -> _T:
    """``make(cc)``, made once per compiled catalogue and kept in ``memo`` (by identity: a
    catalogue compiled again is made again; a memo past 16 catalogues starts over)."""
    hit = memo.get(id(cc))
    if hit is None or hit[0] is not cc:
        if len(memo) > 16:
            memo.clear()
        hit = memo[id(cc)] = (cc, make(cc))
    return hit[1]


def compile_catalogue(q: Questionnaire, c: Catalogue) -> CompiledCatalogue:
    """The catalogue's conditions, parsed once per pack (cached; packs are immutable)."""
    key = (id(q), id(c))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is q and hit[1] is c:
        return hit[2]
    by_id = {s.id: s for s in c.solutions}

    def established(sid: str, trail: frozenset[str]) -> frozenset[str]:
        sol = by_id[sid]
        found = set(sol.establishes)
        for part in sol.includes:
            if part in by_id and part not in trail:
                found |= established(part, trail | {sid})
        return frozenset(found)

    bundle_of: dict[str, list[str]] = {}
    for sol in c.solutions:
        for part in sol.includes:
            if part != sol.id:
                bundle_of.setdefault(part, []).append(sol.id)
    order = option_order(q)
    establishes = {s.id: established(s.id, frozenset()) for s in c.solutions}
    partial = CompiledCatalogue(
        order=order,
        by_id=by_id,
        in_place=tuple(
            (s.id, cond)
            for s in c.solutions
            if (cond := _compile(s.in_place_if, order)) is not None
        ),
        not_applicable=tuple(
            (s.id, _compile(s.not_applicable_if, order), tuple(s.scenarios))
            for s in c.solutions
            if s.not_applicable_if or s.scenarios
        ),
        facts=tuple((f.id, compile_source(f.when, order)) for f in c.facts),
        notes=tuple((n.id, compile_source(n.when, order), n.new_systems_only) for n in c.notes),
        establishes=establishes,
        established_by={
            f.id: tuple(sid for sid, found in establishes.items() if f.id in found) for f in c.facts
        },
        bundle_of={k: tuple(v) for k, v in bundle_of.items()},
        bundles=_inner_first(by_id),
        tco={s.id: tco_3y(c, s) for s in c.solutions},
        pain_terms={
            s.id: tuple(sorted(s.addresses.pain_points.items(), key=lambda kv: (-kv[1], kv[0])))
            for s in c.solutions
        },
        category_terms={s.id: tuple(sorted(s.addresses.categories.items())) for s in c.solutions},
        strong={
            s.id: (
                frozenset(k for k, v in s.addresses.categories.items() if v >= 2),
                tuple(k for k, v in s.addresses.pain_points.items() if v >= 2),
            )
            for s in c.solutions
        },
        pain_weights={},
        category_weights={},
        divisor={},
        cheapest={},
        quick_static=frozenset(),
        brings={},
        in_place_truths=((), _none),
        not_applicable_truths=((), _none),
        facts_truths=((), _none),
        notes_truths=((), _none),
        indicated_truths=((), _none),
        in_place_reads={
            s.id: plain_names(plain_source(s.in_place_if))  # no parser: the cache has them
            for s in c.solutions
            if s.in_place_if
        },
    )
    compiled = replace(partial, **_weights(c, partial))
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[key] = (q, c, compiled)
    return compiled


EFFORT_FACTOR = {"low": 1.0, "medium": 1.4, "high": 2.0}
QUICK_WIN_MONTHS = 3


def _weights(c: Catalogue, cc: CompiledCatalogue) -> dict[str, Any]:
    """The per-solution constants of matching's priority (see CompiledCatalogue)."""
    return dict(
        pain_weights={
            sid: tuple(
                (pid, strength, (strength / 3) ** 2, (pid, strength)) for pid, strength in terms
            )
            for sid, terms in cc.pain_terms.items()
        },
        category_weights={
            sid: tuple(
                (cid, 0.5 * strength / 3, (cid, cc.by_id[sid].lifts.to_level, "category_gap"))
                for cid, strength in terms
            )
            for sid, terms in cc.category_terms.items()
        },
        divisor={s.id: cost_factor(c, cc, s) * EFFORT_FACTOR[s.effort] for s in c.solutions},
        cheapest={
            fact: tuple(
                sorted(
                    sids,
                    key=lambda sid: (
                        cost_key(c, cc, cc.by_id[sid]),
                        EFFORT_FACTOR[cc.by_id[sid].effort],  # low < medium < high
                        sid,
                    ),
                )
            )
            for fact, sids in cc.established_by.items()
        },
        quick_static=frozenset(
            s.id
            for s in c.solutions
            if is_low_cost(c, s, cc)
            and s.effort == "low"
            and s.time_to_value_months <= QUICK_WIN_MONTHS
        ),
        brings={s.id: _brings(cc, s.id) for s in c.solutions},
        in_place_truths=(
            tuple(sid for sid, _holds in cc.in_place),
            truths(
                [(plain_source(s.in_place_if), ()) for s in c.solutions if s.in_place_if], cc.order
            ),
        ),
        not_applicable_truths=(
            tuple(sid for sid, _holds, _scenarios in cc.not_applicable),
            truths(
                [
                    (
                        plain_source(s.not_applicable_if) if s.not_applicable_if else None,
                        tuple(s.scenarios),
                    )
                    for s in c.solutions
                    if s.not_applicable_if or s.scenarios
                ],
                cc.order,
            ),
        ),
        facts_truths=(
            tuple(fid for fid, _holds in cc.facts),
            truths([(plain_source(f.when), ()) for f in c.facts], cc.order),
        ),
        notes_truths=(
            tuple((nid, only) for nid, _holds, only in cc.notes),
            truths([(plain_source(n.when), ()) for n in c.notes], cc.order),
        ),
        indicated_truths=(
            tuple(s.id for s in c.solutions if s.indicated_if),
            truths(
                [(plain_source(s.indicated_if), ()) for s in c.solutions if s.indicated_if],
                cc.order,
            ),
        ),
    )


def _inner_first(by_id: Mapping[str, Solution]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each bundle with its parts (those in the catalogue), a bundle after every bundle among
    its parts, so that one pass over them sees an inner bundle settled first (a bundle cycle
    is a pack error; it is cut here, never followed)."""
    depth: dict[str, int] = {}

    def deep(sid: str, trail: frozenset[str]) -> int:
        if sid not in depth:
            parts = [p for p in by_id[sid].includes if p in by_id and p not in trail]
            depth[sid] = 1 + max((deep(p, trail | {sid}) for p in parts), default=0)
        return depth[sid]

    found = [
        (sid, tuple(p for p in sol.includes if p in by_id and p != sid))
        for sid, sol in by_id.items()
        if sol.includes
    ]
    return tuple(sorted(found, key=lambda item: deep(item[0], frozenset())))


def _none(_answers: Mapping[str, Any]) -> tuple[bool, ...]:
    return ()


def _brings(cc: CompiledCatalogue, sid: str) -> tuple[frozenset[str], frozenset[str]]:
    """``sid`` and the parts a bundle in place brings (transitively), and their facts."""
    by_id = cc.by_id
    found = {sid}
    stack = [sid]
    while stack:
        for part in by_id[stack.pop()].includes:
            if part in by_id and part not in found:
                found.add(part)
                stack.append(part)
    facts: set[str] = set()
    for part in found:
        facts |= cc.establishes.get(part, frozenset())
    return frozenset(found), frozenset(facts)


class Screen(NamedTuple):
    """One firm in the light of the catalogue, from its answers only."""

    # declared in place, the parts of a bundle in place, and a bundle whose every part is in
    # place or does not apply (at least one in place)
    in_place: frozenset[str]
    # by its condition or its scenarios, and a bundle none of whose parts apply
    not_applicable: frozenset[str]
    facts: frozenset[str]  # facts that hold: by their condition, or set up by what is in place
    notes: tuple[tuple[str, bool], ...] = ()  # notes whose condition holds (id, systems only)
    indicated: frozenset[str] = frozenset()  # the firm's own answers point at these


def screen(q: Questionnaire, c: Catalogue, answers: Mapping[str, Any]) -> Screen:
    cc = compile_catalogue(q, c)
    in_place: set[str] = set()
    set_up: set[str] = set()  # the facts what is in place establishes
    brings = cc.brings
    ids, holds = cc.in_place_truths
    for sid in compress(ids, holds(answers)):  # a bundle in place brings its parts
        parts, facts_of = brings[sid]
        in_place |= parts
        set_up |= facts_of
    ids, holds = cc.not_applicable_truths
    not_applicable = frozenset(compress(ids, holds(answers)))
    if cc.bundles:
        not_applicable = _bundles_settled(cc.bundles, in_place, not_applicable)
    ids, holds = cc.facts_truths
    facts = set_up.union(compress(ids, holds(answers)))
    notes, holds = cc.notes_truths
    ids, indicated = cc.indicated_truths
    return Screen(
        frozenset(in_place),
        not_applicable,
        frozenset(facts),
        tuple(compress(notes, holds(answers))),
        frozenset(compress(ids, indicated(answers))) if ids else frozenset(),
    )


def _bundles_settled(
    bundles: tuple[tuple[str, tuple[str, ...]], ...],
    in_place: set[str],
    not_applicable: frozenset[str],
) -> frozenset[str]:
    """A bundle whose every part is in place or does not apply is in place itself (added to
    ``in_place``) when one part at least is in place, and does not apply when none does: the
    firm has everything it would get from it, so it is never recommended. It brings nothing
    more: the facts of its parts in place hold already, and a part that does not apply
    sets up nothing. Returns ``not_applicable`` with the bundles none of whose parts apply."""
    none_apply: list[str] = []
    for bid, parts in bundles:  # inner bundles first
        if not parts or bid in in_place or bid in not_applicable:
            continue
        had = False
        for part in parts:
            if part in in_place:
                had = True
            elif part not in not_applicable and part not in none_apply:
                break
        else:
            if had:
                in_place.add(bid)
            else:
                none_apply.append(bid)
    return not_applicable.union(none_apply) if none_apply else not_applicable

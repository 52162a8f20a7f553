"""Bundles and what the firm has: a bundle whose every part is in place (or does not apply) is
in place itself, never recommended; one lacking fewer parts than the catalogue's
``bundle_min_parts`` is never planned over those parts; and the same holds on the path to a
target level."""

from __future__ import annotations

from typing import Any

from sme_assess.engine.matching import Profile, left_out, recommend
from sme_assess.engine.plan_facts import screen
from sme_assess.engine.scoring import assess
from sme_assess.engine.targeting import plan_to_level

from .packs_factory import catalogue, questionnaire, scale

# one scale per part: rung s1 or above means the firm has that part
Q = questionnaire(
    [
        scale("qa", "a", [0, 1, 2, 3]),
        scale("qb", "b", [0, 1, 2, 3]),
        scale("p0", "a", [0, 1], weight=0.1, allow_na=True),
        scale("p1", "a", [0, 1], weight=0.1, allow_na=True),
        scale("p2", "b", [0, 1], weight=0.1, allow_na=True),
    ],
    pain_points=[
        {"id": "pa", "name": "pa", "description": "", "category": "a", "when": "qa == 's0'"},
        {"id": "pb", "name": "pb", "description": "", "category": "b", "when": "qb == 's0'"},
        {"id": "pc", "name": "pc", "description": "", "category": "b", "when": "qb == 's3'"},
    ],
)
PARTS = [
    {
        "id": f"app{i}",
        "addresses": {"pain_points": {"pc": 2}},  # not raised: nothing calls for a part alone
        "in_place_if": f"p{i} == 's1'",
        "scenarios": [f"p{i}"],
        "new_system": True,
    }
    for i in range(3)
]
SUITE = {
    "id": "suite",
    "addresses": {"pain_points": {"pa": 3, "pb": 2}, "categories": {"a": 3, "b": 2}},
    "includes": ["app0", "app1", "app2"],
    "new_system": True,
}


def _firm(**answers: str) -> Any:
    return assess(Q, {"qa": "s0", "qb": "s0", **answers})


def _plan(a: Any, cat: Any) -> list[str]:
    return [r.solution for r in recommend(a, cat, Profile())]


def _why(a: Any, cat: Any) -> dict[str, Any]:
    return {x.solution: x.reason for x in left_out(a, cat, Profile())}


def test_a_bundle_whose_every_part_is_in_place_is_in_place_and_never_recommended() -> None:
    cat = catalogue([*PARTS, SUITE])
    # nothing in place: the bundle is what the firm needs
    assert "suite" in _plan(_firm(), cat)
    has_all = _firm(p0="s1", p1="s1", p2="s1")
    assert "suite" not in _plan(has_all, cat)
    assert _why(has_all, cat)["suite"].code == "left_in_place"
    assert "suite" in screen(Q, cat, has_all.answers).in_place


def test_parts_that_do_not_apply_count_as_had_but_not_all_of_them() -> None:
    cat = catalogue([*PARTS, SUITE])
    # two parts in place, the third does not apply to the firm: nothing left to get
    a = _firm(p0="s1", p1="s1", p2="n/a")
    assert "suite" not in _plan(a, cat)
    assert _why(a, cat)["suite"].code == "left_in_place"
    # no part applies: the bundle does not apply either
    none = _firm(p0="n/a", p1="n/a", p2="n/a")
    assert _plan(none, cat) == []
    assert _why(none, cat)["suite"].code == "left_not_applicable"


def test_a_bundle_lacking_one_part_is_not_planned_over_that_part() -> None:
    needed = {**PARTS[2], "addresses": {"pain_points": {"pb": 3}}}
    cat = catalogue([PARTS[0], PARTS[1], needed, SUITE])
    a = _firm(p0="s1", p1="s1")  # lacks app2 only, which a raised pain calls for
    assert _plan(a, cat) == ["app2"]
    why = _why(a, cat)["suite"]
    assert why.code == "left_parts_instead" and why.get("solutions") == ("app2",)


def test_the_one_part_missing_is_planned_alone_when_something_needs_it_first() -> None:
    builds_on = {
        "id": "on_app2",
        "addresses": {"pain_points": {"pb": 3}},
        "prerequisites": {"solutions": ["app2"]},
    }
    cat = catalogue([*PARTS, SUITE, builds_on])
    a = _firm(p0="s1", p1="s1")
    recs = {r.solution: r for r in recommend(a, cat, Profile())}
    # before, the bundle came in for the one part it lacks ("covers app2")
    assert "suite" not in recs
    assert recs["app2"].pulled_in and recs["on_app2"].prerequisites == ("app2",)
    why = _why(a, cat)["suite"]
    assert why.code == "left_parts_instead" and why.get("solutions") == ("app2",)


def test_a_bundle_lacking_one_part_nothing_calls_for_is_left_out() -> None:
    cat = catalogue([*PARTS, SUITE])
    a = _firm(p0="s1", p1="s1")
    assert "suite" not in _plan(a, cat)
    # the firm has the rest of it, and nothing calls for the part it lacks: said so, not
    # "already in place" (it is not)
    why = _why(a, cat)["suite"]
    assert why.code == "left_parts_not_needed" and why.get("solutions") == ("app2",)
    assert _why(a, cat)["app2"].code == "left_not_needed"


def test_a_bundle_lacking_enough_parts_stays_and_covers_only_those() -> None:
    cat = catalogue([*PARTS, SUITE])
    a = _firm(p0="s1")  # lacks two parts: the bundle's rule (2 by default) is met
    recs = recommend(a, cat, Profile())
    assert [r.solution for r in recs] == ["suite"]
    covers = [r for r in recs[0].reasons if r.code == "bundle_covers"]
    assert covers and covers[0].get("solutions") == ("app1", "app2")
    # a catalogue that lets a bundle stand for a single part keeps it for one
    one = catalogue([*PARTS, SUITE], plan_rules={"bundle_min_parts": 1})
    assert "suite" in _plan(_firm(p0="s1", p1="s1"), one)


def test_a_bundle_of_bundles_in_place_through_its_parts() -> None:
    inner = {**SUITE, "id": "inner", "includes": ["app0", "app1"]}
    outer = {**SUITE, "id": "outer", "includes": ["inner", "app2"]}
    cat = catalogue([*PARTS, inner, outer])
    a = _firm(p0="s1", p1="s1", p2="s1")
    assert {"inner", "outer"} <= screen(Q, cat, a.answers).in_place
    assert _plan(a, cat) == []


def test_the_target_path_takes_no_bundle_the_firm_lacks_one_part_of() -> None:
    # the bundle is the cheapest way up, but the firm has two of its three parts
    up = {"lifts": {"from": 0, "to": 2}}
    part = {**PARTS[2], **up, "addresses": {"categories": {"a": 3, "b": 3}}, "cost_tier": "mid"}
    cat = catalogue([PARTS[0], PARTS[1], part, {**SUITE, **up, "cost_tier": "cheap"}])
    nothing = plan_to_level(_firm(), cat, Profile(), 2)
    assert nothing.solutions == ("suite",)
    lacks_one = plan_to_level(_firm(p0="s1", p1="s1"), cat, Profile(), 2)
    assert lacks_one.reachable and lacks_one.solutions == ("app2",)
    has_all = plan_to_level(_firm(p0="s1", p1="s1", p2="s1"), cat, Profile(), 2)
    assert "suite" not in has_all.solutions


def test_a_bundle_lacking_one_part_is_not_pulled_in_to_set_up_a_fact() -> None:
    # the bundle is the cheapest that sets up the fact (through the part the firm lacks)
    facts = [{"id": "live", "name": "live", "when": "qb == 's3'"}]
    lacks = {**PARTS[2], "establishes": ["live"], "cost_tier": "mid"}
    needs_it = {"id": "ai", "addresses": {"pain_points": {"pb": 3}}, "requires": ["live"]}
    cat = catalogue([PARTS[0], PARTS[1], lacks, SUITE, needs_it], facts=facts)
    recs = {r.solution: r for r in recommend(_firm(), cat, Profile())}
    assert "suite" in recs  # lacking all three parts, the bundle is planned
    recs = {r.solution: r for r in recommend(_firm(p0="s1", p1="s1"), cat, Profile())}
    assert "suite" not in recs
    assert recs["app2"].pulled_in and recs["ai"].prerequisites == ("app2",)

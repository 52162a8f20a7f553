"""Matching and the roadmap: relevance, fit, phases, prerequisites, the path to a level."""

from __future__ import annotations

from sme_assess.engine.matching import Profile, recommend
from sme_assess.engine.scoring import assess
from sme_assess.engine.targeting import plan_to_level

from .packs_factory import catalogue, questionnaire, scale

Q = questionnaire(
    [scale("qa", "a", [0, 1, 2, 3]), scale("qb", "b", [0, 1, 2, 3])],
    levels=[0, 40, 70],
    pain_points=[
        {"id": "pa", "name": "pa", "description": "", "category": "a", "when": "qa == 's0'"},
        {"id": "pb", "name": "pb", "description": "", "category": "b", "when": "qb == 's0'"},
    ],
)
C = catalogue(
    [
        {"id": "basic_a", "addresses": {"pain_points": {"pa": 3}, "categories": {"a": 3}}},
        {
            "id": "advanced_a",
            "addresses": {"pain_points": {"pa": 2}, "categories": {"a": 3}},
            "lifts": {"from": 1, "to": 2},
            "prerequisites": {"solutions": ["basic_a"]},
        },
        {
            "id": "slow_b",
            "addresses": {"pain_points": {"pb": 3}, "categories": {"b": 3}},
            "effort": "high",
            "cost_tier": "dear",
            "time_to_value_months": 18,
            "lifts": {"from": 0, "to": 2},
        },
        {"id": "food_only", "addresses": {"pain_points": {"pa": 3}}, "sectors": ["food"]},
        {"id": "unrelated", "addresses": {"categories": {"b": 1}}, "lifts": {"from": 0, "to": 1}},
    ]
)


def test_roadmap_phases_and_prerequisite_order() -> None:
    a = assess(Q, {"qa": "s0", "qb": "s0"})
    recs = {r.solution: r for r in recommend(a, C, Profile(sector="metal"))}
    assert recs["basic_a"].phase == "now"
    assert recs["advanced_a"].phase == "next"  # after basic_a, which it needs
    assert recs["advanced_a"].prerequisites == ("basic_a",)
    assert recs["basic_a"].rank < recs["advanced_a"].rank
    assert recs["slow_b"].phase == "later"
    assert "food_only" not in recs  # does not fit a metal firm
    codes = {r.code for r in recs["basic_a"].reasons}
    assert {"addresses_pain", "quick_win", "prerequisite_for"} <= codes
    pain = next(r for r in recs["basic_a"].reasons if r.code == "addresses_pain")
    assert pain.get("pain") == "pa" and pain.get("questions") == ("qa",)


def test_unknown_sector_keeps_sector_specific_solutions() -> None:
    a = assess(Q, {"qa": "s0", "qb": "s3"})
    assert "food_only" in {r.solution for r in recommend(a, C, Profile())}


def test_solutions_already_in_place_are_not_recommended() -> None:
    a = assess(Q, {"qa": "s3", "qb": "s3"})  # both categories at 100, level 2
    assert recommend(a, C, Profile()) == ()


def test_prerequisite_is_pulled_in_unless_the_answers_say_it_is_in_place() -> None:
    cat = catalogue(
        [
            {
                "id": "base",
                "addresses": {"categories": {"b": 3}},
                "lifts": {"from": 0, "to": 1},
                "in_place_if": "qb >= 's2'",
            },
            {
                "id": "top",
                "addresses": {"pain_points": {"pa": 3}, "categories": {"a": 3}},
                "prerequisites": {"solutions": ["base"]},
            },
        ]
    )
    a = assess(Q, {"qa": "s0", "qb": "s2"})  # the answers say base is in place
    recs = recommend(a, cat, Profile())
    assert [r.solution for r in recs] == ["top"]
    assert recs[0].prerequisites == ()
    # b scores 33 (level 0 < 1) but a category score never decides what a firm has: only
    # the answers do. Here they do not say base is in place, so it is pulled in first.
    a = assess(Q, {"qa": "s0", "qb": "s1"})
    recs_by = {r.solution: r for r in recommend(a, cat, Profile())}
    assert recs_by["base"].rank < recs_by["top"].rank
    a = assess(Q, {"qa": "s0"})  # b not answered: base is not known to be in place
    recs_by = {r.solution: r for r in recommend(a, cat, Profile())}
    assert recs_by["base"].pulled_in and recs_by["base"].rank < recs_by["top"].rank


def test_plan_to_level_picks_the_cheapest_sufficient_set() -> None:
    a = assess(Q, {"qa": "s0", "qb": "s0"})
    plan = plan_to_level(a, C, Profile(sector="metal"), 1)
    assert plan.reachable and not plan.already
    assert plan.projected_level is not None and plan.projected_level >= 1
    # advanced_a starts at level 1 (it lifts 1 to 2): work beyond a path to level 1, which it
    # used to reach by lifting one category past the target to make up for another
    assert "advanced_a" not in plan.solutions
    plan2 = plan_to_level(a, C, Profile(sector="metal"), 2)
    assert plan2.reachable
    assert plan2.solutions.index("basic_a") < plan2.solutions.index("advanced_a")
    already = plan_to_level(assess(Q, {"qa": "s3", "qb": "s3"}), C, Profile(), 1)
    assert already.already and already.solutions == ()


def test_plan_to_level_says_when_out_of_reach() -> None:
    small = catalogue([{"id": "only", "addresses": {"categories": {"a": 1}}}])
    plan = plan_to_level(assess(Q, {"qa": "s0", "qb": "s0"}), small, Profile(), 2)
    assert not plan.reachable


def test_a_raised_pain_point_keeps_its_main_remedy_even_at_the_target_level() -> None:
    q = questionnaire(
        [scale("qa", "a", [0, 1, 2, 3]), scale("backup", "a", [0, 3])],
        levels=[0, 40, 70],
        pain_points=[
            {"id": "nb", "name": "nb", "description": "", "category": "a", "when": "backup == 's0'"}
        ],
    )
    cat = catalogue(
        [{"id": "backup_321", "addresses": {"pain_points": {"nb": 3}, "categories": {"a": 2}}}]
    )
    a = assess(q, {"qa": "s3", "backup": "s0"})  # category a at 50: level 1 already
    assert a.category("a").level == 1
    assert [r.solution for r in recommend(a, cat, Profile())] == ["backup_321"]


def test_minimum_levels_never_make_two_solutions_wait_for_each_other() -> None:
    cat = catalogue(
        [
            {
                "id": "x",
                "addresses": {"pain_points": {"pa": 3}, "categories": {"a": 3}},
                "prerequisites": {"min_levels": {"b": 1}},
            },
            {
                "id": "y",
                "addresses": {"pain_points": {"pb": 3}, "categories": {"b": 3}},
                "prerequisites": {"min_levels": {"a": 1}},
            },
        ]
    )
    a = assess(Q, {"qa": "s0", "qb": "s0"})
    first = recommend(a, cat, Profile())
    assert [r.solution for r in first] == [r.solution for r in recommend(a, cat, Profile())]
    ranks = {r.solution: r for r in first}
    # exactly one of them waits for the other
    assert (ranks["x"].rank < ranks["y"].rank) != (ranks["y"].rank < ranks["x"].rank)
    later = max(first, key=lambda r: r.rank)
    earlier = min(first, key=lambda r: r.rank)
    assert ["now", "next", "later"].index(later.phase) >= ["now", "next", "later"].index(
        earlier.phase
    )


def test_now_holds_at_most_a_handful_of_quick_wins() -> None:
    from sme_assess.engine.matching import NOW_LIMIT

    many = catalogue(
        [
            {
                "id": f"win{i}",
                "addresses": {"pain_points": {"pa": 1 + i % 3}, "categories": {"a": 2}},
            }
            for i in range(NOW_LIMIT + 3)
        ]
    )
    recs = recommend(assess(Q, {"qa": "s0", "qb": "s3"}), many, Profile())
    now = [r for r in recs if r.phase == "now"]
    queued = [r for r in recs if any(x.code == "quick_win_queued" for x in r.reasons)]
    assert len(now) == NOW_LIMIT and len(queued) == 3
    assert all(r.phase == "next" for r in queued)
    assert min(r.priority for r in now) >= max(r.priority for r in queued)


def test_a_main_remedy_outranks_a_little_help_with_many_problems() -> None:
    q = questionnaire(
        [scale(f"q{i}", "a", [0, 1]) for i in range(4)],
        levels=[0, 40, 70],
        pain_points=[
            {
                "id": f"p{i}",
                "name": "p",
                "description": "",
                "category": "a",
                "when": f"q{i} == 's0'",
            }
            for i in range(4)
        ],
    )
    cat = catalogue(
        [
            {"id": "broad", "addresses": {"pain_points": {f"p{i}": 1 for i in range(4)}}},
            {"id": "focused", "addresses": {"pain_points": {"p0": 3}}},
        ]
    )
    recs = recommend(assess(q, {f"q{i}": "s0" for i in range(4)}), cat, Profile())
    assert [r.solution for r in recs] == ["focused", "broad"]


def test_what_the_owner_names_as_hurting_most_comes_first() -> None:
    cat = catalogue(
        [
            {"id": "fix_a", "addresses": {"pain_points": {"pa": 3}, "categories": {"a": 3}}},
            {"id": "fix_b", "addresses": {"pain_points": {"pb": 3}, "categories": {"b": 3}}},
        ]
    )
    a = assess(Q, {"qa": "s0", "qb": "s0"})
    plain = [r.solution for r in recommend(a, cat, Profile())]
    assert plain == ["fix_a", "fix_b"]
    named = recommend(a, cat, Profile(priorities=("b",)))
    assert [r.solution for r in named] == ["fix_b", "fix_a"]
    first = named[0].reasons[0]
    assert first.code == "owner_priority" and first.get("areas") == ("b",)
    # a priority never brings in what the answers do not call for
    a_fine = assess(Q, {"qa": "s0", "qb": "s3"})
    assert [r.solution for r in recommend(a_fine, cat, Profile(priorities=("b",)))] == ["fix_a"]

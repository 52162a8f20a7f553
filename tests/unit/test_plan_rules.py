"""Plan rules from facts: in place and not applicable by the answers, fact prerequisites,
bundles, the caps on "now", the first step, 3-year costs, pain severity from facts."""

from __future__ import annotations

from sme_assess.engine.matching import Profile, left_out, recommend
from sme_assess.engine.scoring import assess

from .packs_factory import catalogue, questionnaire, scale

SHARE = {
    "id": "share",
    "type": "single_choice",
    "text": "share",
    "profile": "energy_share",
    "allow_unknown": True,
    "options": [{"value": "low", "label": "low"}, {"value": "high", "label": "high"}],
}
SECTOR = {
    "id": "sector",
    "type": "single_choice",
    "text": "sector",
    "profile": "sector",
    "options": [{"value": "dye", "label": "dye"}, {"value": "cnc", "label": "cnc"}],
}
Q = questionnaire(
    [
        scale("qa", "a", [0, 1, 2, 3]),
        scale("qb", "b", [0, 1, 2, 3]),
        scale("after_sales", "b", [0, 1, 2], allow_na=True),
        {
            "id": "systems",
            "type": "multiple_choice",
            "text": "systems",
            "profile": "systems",
            "options": [
                {"value": "erp", "label": "erp"},
                {"value": "mes", "label": "mes"},
                {"value": "none", "label": "none", "exclusive": True},
            ],
        },
        SHARE,
        SECTOR,
    ],
    pain_points=[
        {"id": "pa", "name": "pa", "description": "", "category": "a", "when": "qa == 's0'"},
        {"id": "pb", "name": "pb", "description": "", "category": "b", "when": "qb == 's0'"},
        {"id": "owner", "name": "owner", "description": "", "when": "qa == 's0'", "weight": 0.1},
    ],
)
LOW = {"qa": "s0", "qb": "s0"}


def _ids(recs: tuple) -> list[str]:
    return [r.solution for r in recs]


def test_what_the_answers_say_is_in_place_is_never_recommended_nor_needed() -> None:
    cat = catalogue(
        [
            {
                "id": "erp",
                "addresses": {"pain_points": {"pa": 3}, "categories": {"a": 3}},
                "in_place_if": "'erp' in systems",
            },
            {
                "id": "on_erp",
                "addresses": {"pain_points": {"pb": 3}},
                "prerequisites": {"solutions": ["erp"]},
            },
        ]
    )
    recs = recommend(assess(Q, {**LOW, "systems": ["erp"]}), cat, Profile())
    assert _ids(recs) == ["on_erp"] and recs[0].prerequisites == ()
    # the same low scores without an ERP: it is recommended, and first
    assert _ids(recommend(assess(Q, {**LOW, "systems": ["none"]}), cat, Profile())) == [
        "erp",
        "on_erp",
    ]
    why = {
        x.solution: x.reason.code
        for x in left_out(assess(Q, {**LOW, "systems": ["erp"]}), cat, Profile())
    }
    assert why == {"erp": "left_in_place"}


def test_a_scenario_answered_not_applicable_leaves_the_solution_out() -> None:
    cat = catalogue(
        [
            {
                "id": "tickets",
                "addresses": {"pain_points": {"pb": 3}},
                "scenarios": ["after_sales"],
            },
            {
                "id": "migrate",
                "addresses": {"pain_points": {"pb": 2}},
                "not_applicable_if": "'none' in systems",
            },
        ]
    )
    a = assess(Q, {**LOW, "after_sales": "n/a", "systems": ["none"]})
    assert recommend(a, cat, Profile()) == ()
    why = {x.solution: x.reason for x in left_out(a, cat, Profile())}
    assert why["tickets"].code == "left_not_applicable_scenario"
    assert why["tickets"].get("questions") == ("after_sales",)
    assert why["migrate"].code == "left_not_applicable"
    a = assess(Q, {**LOW, "after_sales": "s0", "systems": ["erp"]})
    assert set(_ids(recommend(a, cat, Profile()))) == {"tickets", "migrate"}


FACTS = [{"id": "live_data", "name": "machines report live", "when": "qb >= 's2'"}]


def test_a_missing_fact_is_established_first_by_what_sets_it_up() -> None:
    cat = catalogue(
        [
            {
                "id": "ai",
                "addresses": {"pain_points": {"pa": 3}, "categories": {"a": 3}},
                "requires": ["live_data"],
            },
            {
                "id": "gateway",
                "addresses": {"categories": {"b": 1}},
                "establishes": ["live_data"],
                "effort": "medium",
            },
        ],
        facts=FACTS,
    )
    recs = {r.solution: r for r in recommend(assess(Q, LOW), cat, Profile())}
    assert recs["gateway"].rank < recs["ai"].rank
    assert recs["ai"].prerequisites == ("gateway",)
    assert any(r.code == "needs_fact" for r in recs["ai"].reasons)
    # the fact holds: nothing is pulled in for it
    recs2 = recommend(assess(Q, {"qa": "s0", "qb": "s3"}), cat, Profile())
    assert _ids(recs2) == ["ai"]


def test_a_fact_nothing_can_set_up_leaves_the_solution_out_with_the_reason() -> None:
    cat = catalogue(
        [
            {
                "id": "ai",
                "addresses": {"pain_points": {"pa": 3}},
                "requires": ["live_data"],
            },
            {
                "id": "gateway",
                "addresses": {"categories": {"b": 1}},
                "establishes": ["live_data"],
                "sectors": ["cnc"],
            },
        ],
        facts=FACTS,
    )
    a = assess(Q, {**LOW, "sector": "dye"})
    assert recommend(a, cat, Profile(sector="dye")) == ()
    why = {x.solution: x.reason for x in left_out(a, cat, Profile(sector="dye"))}
    assert why["ai"].code == "left_waiting_fact" and why["ai"].get("facts") == ("live_data",)
    assert why["gateway"].code == "left_sector"


BUNDLE = [
    {"id": f"app{i}", "addresses": {"pain_points": {"pa": 2}}, "new_system": True} for i in range(3)
] + [
    {
        "id": "suite",
        "addresses": {"pain_points": {"pa": 3}},
        "includes": ["app0", "app1", "app2"],
        "new_system": True,
    }
]


def test_a_bundle_replaces_its_parts_never_both() -> None:
    cat = catalogue(BUNDLE)
    recs = recommend(assess(Q, LOW), cat, Profile())
    assert _ids(recs) == ["suite"]
    assert any(r.code == "bundle_covers" for r in recs[0].reasons)
    why = {x.solution: x.reason for x in left_out(assess(Q, LOW), cat, Profile())}
    assert why["app0"].code == "left_in_bundle" and why["app0"].get("solutions") == ("suite",)


def test_one_part_needed_is_planned_alone_and_the_bundle_left_out() -> None:
    cat = catalogue(
        [
            {"id": "app0", "addresses": {"pain_points": {"pa": 3}}},
            {"id": "app1", "addresses": {"pain_points": {"pb": 3}}, "in_place_if": "qb == 's0'"},
            {"id": "suite", "addresses": {"pain_points": {"pa": 2}}, "includes": ["app0", "app1"]},
        ]
    )
    a = assess(Q, LOW)
    assert _ids(recommend(a, cat, Profile())) == ["app0"]
    why = {x.solution: x.reason.code for x in left_out(a, cat, Profile())}
    assert why == {"app1": "left_in_place", "suite": "left_parts_instead"}


def test_now_holds_at_most_the_packs_number_of_new_systems() -> None:
    solutions = [
        {"id": f"sys{i}", "addresses": {"pain_points": {"pa": 3 - i % 2}}, "new_system": True}
        for i in range(4)
    ] + [{"id": "habit", "addresses": {"pain_points": {"pa": 1}}}]
    cat = catalogue(solutions, plan_rules={"now_max_new_systems": 1, "now_max_items": 3})
    recs = recommend(assess(Q, LOW), cat, Profile())
    now = [r for r in recs if r.phase == "now"]
    assert [r.solution for r in now if r.solution.startswith("sys")] == ["sys0"]
    assert "habit" in [r.solution for r in now]  # not a system: the cap does not hold it back
    queued = [r for r in recs if any(x.code == "quick_win_queued" for x in r.reasons)]
    assert {r.solution for r in queued} == {"sys1", "sys2", "sys3"}


def test_a_raised_pain_puts_the_packs_first_step_first() -> None:
    solutions = [
        {"id": "big_win", "addresses": {"pain_points": {"pa": 3}, "categories": {"a": 3}}},
        {"id": "lead", "addresses": {"pain_points": {"owner": 3}}},
    ]
    cat = catalogue(solutions, plan_rules={"first_when_raised": {"owner": "lead"}})
    recs = recommend(assess(Q, LOW), cat, Profile())
    assert _ids(recs) == ["lead", "big_win"] and recs[0].reasons[0].code == "first_step"
    # without the rule the small pain ranks last
    assert _ids(recommend(assess(Q, LOW), catalogue(solutions), Profile())) == ["big_win", "lead"]


def test_costs_compare_over_three_years() -> None:
    tiers = [
        {"id": "monthly", "label": "monthly", "max_cny": 10000, "monthly": True},
        {"id": "one_off", "label": "one-off", "max_cny": 60000},
    ]
    solutions = [
        # ¥10k a month is ¥360k over three years: dearer than ¥60k once
        {"id": "subscription", "addresses": {"pain_points": {"pa": 3}}, "cost_tier": "monthly"},
        {"id": "purchase", "addresses": {"pain_points": {"pa": 3}}, "cost_tier": "one_off"},
    ]
    rules = {"quick_win_max_tco_cny": 100000}
    recs = recommend(
        assess(Q, LOW), catalogue(solutions, cost_tiers=tiers, plan_rules=rules), Profile()
    )
    assert _ids(recs) == ["purchase", "subscription"]
    assert [r.phase for r in recs] == ["now", "next"]  # only the purchase is a quick win
    assert recs[0].priority > recs[1].priority
    from sme_assess.engine.plan_facts import tco_3y

    cat = catalogue(solutions, cost_tiers=tiers)
    by_id = {s.id: s for s in cat.solutions}
    assert tco_3y(cat, by_id["subscription"]) == 360000
    figures = catalogue(
        [{**solutions[0], "one_off_cny": 20000, "monthly_cny": 1000}], cost_tiers=tiers
    )
    assert tco_3y(figures, figures.solutions[0]) == 56000


def test_pain_severity_follows_the_energy_share_then_the_sector() -> None:
    q = questionnaire(
        [
            scale("qe", "a", [0, 1]),
            SHARE,
            SECTOR,
        ],
        pain_points=[
            {
                "id": "energy",
                "name": "energy",
                "description": "",
                "category": "a",
                "when": "qe == 's0'",
                "scale_by": {
                    "question": "share",
                    "factors": {"low": 0.5, "high": 1.5},
                    "by_sector": {"dye": 1.4, "cnc": 0.6},
                },
            }
        ],
    )

    def severity(answers: dict) -> float:
        return assess(q, {"qe": "s0", **answers}).pain_points[0].severity

    assert severity({"share": "high", "sector": "cnc"}) == 1.5  # the owner's figure wins
    assert severity({"share": "low", "sector": "dye"}) == 0.5
    assert severity({"share": "unknown", "sector": "dye"}) == 1.4  # else the sector's
    assert severity({"sector": "cnc"}) == 0.6
    assert severity({}) == 1.0


def test_a_note_cautions_every_new_system_when_its_condition_holds() -> None:
    cat = catalogue(
        [
            {"id": "system", "addresses": {"pain_points": {"pa": 3}}, "new_system": True},
            {"id": "habit", "addresses": {"pain_points": {"pb": 3}}},
        ],
        notes=[{"id": "validate", "when": "'mes' in systems", "text": "validate it first"}],
    )

    def noted(answers: dict) -> set[str]:
        recs = recommend(assess(Q, {**LOW, **answers}), cat, Profile())
        return {r.solution for r in recs if any(x.code == "plan_note" for x in r.reasons)}

    assert noted({"systems": ["mes"]}) == {"system"}  # the habit is no new system
    assert noted({"systems": ["erp"]}) == set()

"""The MIIT 2024 crosswalk: gates computed by hand, monotonicity, and the personas' estimates."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sme_assess.crosswalk import Estimate, estimate
from sme_assess.loading import load_pack
from sme_assess.models.crosswalk import Crosswalk
from sme_assess.yamldoc import load_yaml

from ..conftest import FIXTURES, PACKS

PACK = load_pack(PACKS / "manufacturing-sme")
Q = PACK.questionnaire
MIIT = next(c for c in Q.crosswalks if c.id == "miit_2024")
MANDATORY = [s.question for s in MIIT.scenarios if s.mandatory]
GUIDING = [s.question for s in MIIT.scenarios if not s.mandatory]

# Every scored item at the best answer the pack can give (hand-added: 60.325 points without
# the "business links run in systems" item, which counts scenarios at rung 2).
RICH: dict[str, Any] = {
    "network_build": ["machine_network", "workshop_wifi", "private_5g"],  # 6 of 8
    "equipment_digitised": "gt_80",  # 6
    "equipment_networked_pct": 80,  # 6
    "auto_data_collection": [
        "production_counts",
        "machine_status",
        "quality_results",
        "energy_use",
        "stock_moves",
        "customer_orders",
    ],  # 4.2
    "security_basics": ["antivirus", "firewall"],  # 2.5
    "security_owner": True,  # 1.25
    "backup": "offsite",  # 1.25
    "digital_plan": "managed",  # 3
    "digital_rules": ["project_review", "accounts", "master_data"],  # 5.625
    "digital_staff": "team",  # 3
    "skills_training": "yearly",  # 1.5
    "out_energy_per_revenue": "improved",  # 7
    "out_yield": "improved",  # 7
    "out_revenue_per_head": "improved",  # 3
    "out_cost_per_revenue": "improved",  # 3
}
RICH_POINTS = 60.325


def scenarios(rung: str, **at: str) -> dict[str, str]:
    """Every scenario at ``rung``, some at another."""
    return {s.question: at.get(s.question, rung) for s in MIIT.scenarios}


def est(answers: dict[str, Any], cw: Crosswalk = MIIT) -> Estimate:
    return estimate(cw, Q, answers)


def test_points_enough_but_one_scenario_short_of_level_2() -> None:
    at_l2 = {q: "l2" for q in MANDATORY[:3] + GUIDING[:2]}  # five at rung 2, three mandatory
    e = est({**RICH, **scenarios("l1", **at_l2)})
    # 60.325 + 5 (two or more, under 13, scenarios in systems)
    assert e.points == pytest.approx(RICH_POINTS + 5, abs=0.01)
    assert e.level == 1
    held = e.held_back_by
    assert held is not None and held.gate.level == 2
    assert (held.points_short, held.scenarios_short, held.mandatory_short) == (0, 1, 0)
    assert len(e.to_next) == 1 and e.to_next[0].rung == 1 and e.to_next[0].to_rung == 2


def test_mandatory_sub_count_short() -> None:
    at_l2 = {q: "l2" for q in MANDATORY[:2] + GUIDING[:4]}  # six at rung 2, two mandatory
    e = est({**RICH, **scenarios("l1", **at_l2)})
    assert e.level == 1
    held = e.held_back_by
    assert held is not None and held.gate.level == 2
    assert (held.scenarios_short, held.mandatory_short) == (0, 1)
    # the cheapest lift is one mandatory scenario from rung 1 to 2
    assert [(s.mandatory, s.rung, s.to_rung) for s in e.to_next] == [(True, 1, 2)]


def test_scenarios_enough_but_points_short() -> None:
    e = est(scenarios("l2"))  # every scenario in a system: 10 points, nothing else
    assert e.points == 10
    assert e.level == 0
    held = e.held_back_by
    assert held is not None and held.gate.level == 1 and held.points_short == 10
    assert held.scenarios_short == 0 and held.mandatory_short == 0
    assert e.to_next == ()


@pytest.mark.parametrize(
    ("rungs", "level"),
    [
        ({}, 0),  # nothing at rung 1
        ({q: "l1" for q in MANDATORY[:3] + GUIDING[:3]}, 1),
        ({q: "l2" for q in MANDATORY[:3] + GUIDING[:3]}, 2),
        ({q: "l3" for q in MANDATORY[:5] + GUIDING[:3]}, 3),
    ],
)
def test_every_level_by_hand(rungs: dict[str, str], level: int) -> None:
    e = est({**RICH, **scenarios("l0", **rungs)})
    assert e.level == level
    counts = {r.rung: (r.scenarios, r.mandatory) for r in e.rungs}
    if level:
        gate = MIIT.gates[level - 1]
        n, m = counts[gate.at_rung]
        assert n >= gate.min_scenarios and m >= gate.min_mandatory


def test_level_4_is_out_of_reach_of_this_pack_and_says_by_how_much() -> None:
    # every scenario at rung 4: 60.325 + 10 = 70.325 points, short of the 80 that 四级 needs
    e = est({**RICH, **scenarios("l4")})
    assert e.level == 3
    held = e.held_back_by
    assert held is not None and held.gate.level == 4
    assert held.points_short == pytest.approx(80 - RICH_POINTS - 10, abs=0.01)
    assert held.scenarios_short == 0


def test_level_4_with_a_lower_points_gate() -> None:
    gates = [g.model_copy(update={"min_points": min(g.min_points, 70)}) for g in MIIT.gates]
    cw = MIIT.model_copy(update={"gates": gates})
    e = est({**RICH, **scenarios("l4")}, cw)
    assert e.level == 4 and e.held_back_by is None and e.to_next == ()


def test_networking_rate_bands_are_upper_inclusive_as_miit_counts() -> None:
    def networked(pct: float) -> float:
        e = est({"equipment_networked_pct": pct})
        return next(i.points for i in e.items if i.item.id == "equipment_networked")

    assert [networked(p) for p in (10, 10.5, 20, 40, 60, 60.1, 100)] == [
        0,
        1.5,
        1.5,
        3,
        4.5,
        6,
        6,
    ]


def test_unknown_and_na_earn_nothing_and_do_not_rate_a_scenario() -> None:
    e = est({"digital_plan": "unknown", "sc_product_design": "n/a"})
    assert e.points == 0
    assert e.scenario_rungs["sc_product_design"] == 0


# --- property: a better answer never lowers the estimate --------------------------------

SCALE = ["l0", "l1", "l2", "l3", "l4"]
SINGLE = {
    item.question: [o.value for o in sorted(q.options, key=lambda o: o.score or 0)]
    for item in MIIT.items
    if item.question
    and (q := Q.question(item.question)) is not None
    and q.type in ("single_choice", "scale")
}


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {s.question: draw(st.sampled_from(SCALE)) for s in MIIT.scenarios}
    for qid, values in SINGLE.items():
        out[qid] = draw(st.sampled_from(values))
    out["equipment_networked_pct"] = draw(st.integers(0, 100))
    return out


@settings(max_examples=150, deadline=None)
@given(answers(), st.data())
def test_raising_a_rung_or_an_option_never_lowers_the_estimate(
    base: dict[str, Any], data: st.DataObject
) -> None:
    before = est(base)
    raised = dict(base)
    keys = [s.question for s in MIIT.scenarios] + list(SINGLE) + ["equipment_networked_pct"]
    key = data.draw(st.sampled_from(keys))
    if key == "equipment_networked_pct":
        raised[key] = data.draw(st.integers(base[key], 100))
    else:
        ladder = SINGLE.get(key, SCALE)
        raised[key] = data.draw(st.sampled_from(ladder[ladder.index(base[key]) :]))
    after = est(raised)
    assert after.level >= before.level
    assert after.points >= before.points - 1e-9


# --- the personas: the estimate and the reasons a consultant checks ----------------------


def persona(name: str) -> Estimate:
    from sme_assess.evaluation import evaluate
    from sme_assess.models import Answers

    doc = load_yaml(FIXTURES / "personas" / f"{name}.yaml")
    ev = evaluate(PACK, Answers.model_validate(doc.data))
    return ev.estimates[0]


def test_auto_parts_is_level_2_not_3_none_of_its_scenarios_is_at_rung_3() -> None:
    e = persona("auto_parts")
    assert e.level == 2
    counts = {r.rung: (r.scenarios, r.mandatory) for r in e.rungs}
    assert counts[2] == (13, 9) and counts[3] == (0, 0)
    held = e.held_back_by
    assert held is not None and held.gate.level == 3
    assert (held.scenarios_short, held.mandatory_short) == (8, 5)
    assert len(e.to_next) == 8 and sum(s.mandatory for s in e.to_next) >= 5


def test_food_processor_is_level_1_five_scenarios_at_rung_2_the_gate_needs_six() -> None:
    e = persona("food_processor")
    assert e.level == 1
    counts = {r.rung: r.scenarios for r in e.rungs}
    assert counts[2] == 5
    held = e.held_back_by
    assert held is not None and held.gate.level == 2 and held.scenarios_short == 1


def test_dyehouse_is_below_level_1_on_points() -> None:
    e = persona("textile_dyeing")
    assert e.level == 0
    held = e.held_back_by
    assert held is not None and held.gate.level == 1
    assert held.points_short > 0 and held.scenarios_short == 0 and held.mandatory_short == 0


def test_job_shop_is_below_level_1_with_two_mandatory_scenarios_at_rung_1() -> None:
    e = persona("job_shop")
    assert e.level == 0
    counts = {r.rung: r.mandatory for r in e.rungs}
    assert counts[1] == 2
    held = e.held_back_by
    assert held is not None and held.mandatory_short == 1


def test_electronics_assembler_is_level_2() -> None:
    assert persona("electronics_assembler").level == 2


def test_the_pack_says_what_it_could_not_verify() -> None:
    text = " ".join(str(u) for u in MIIT.unverified)
    for word in ("gates", "mandatory", "spend"):
        assert word in text

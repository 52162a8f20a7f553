"""Stage 3 ("Integrated") and 4 of the built-in pack hang on how many scenarios are at rung 3
(or 4), not on one self-classified answer (pack review §3 row 15): the count form of a level
requirement, what it says, and how the plan to a stage reads it."""

from __future__ import annotations

from functools import cache
from typing import Any

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.engine.records import LevelCheck, Reason
from sme_assess.engine.requirement_count import count_at_least
from sme_assess.models import Answers
from sme_assess.pack.loading import Pack, load_pack

from ..conftest import FIXTURES, PACKS


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


@cache
def auto_parts() -> Answers:
    # ERP, MES, WMS and QMS, an order entered once (interfaces), overall score above 60; two
    # scenarios (quality, warehousing) at rung 3
    return load_answers(FIXTURES / "personas" / "auto_parts.yaml")


SCENARIOS = [
    "sc_product_design", "sc_process_design", "sc_marketing", "sc_after_sales",
    "sc_planning_scheduling", "sc_production_control", "sc_quality", "sc_equipment_management",
    "sc_production_safety", "sc_energy", "sc_purchasing", "sc_warehousing_logistics",
    "sc_finance", "sc_hr", "sc_collaborative_office", "sc_decision_support",
]  # fmt: skip


def _with(lang: str = "en", target: int | None = None, **changes: Any) -> Evaluation:
    base = auto_parts()
    answers = base.model_copy(update={"answers": {**base.answers, **changes}})
    return evaluate(pack(), answers, Options(lang=lang, target_level=target))


def _stage(ev: Evaluation, level: int) -> LevelCheck:
    return next(c for c in ev.assessment.level_checks if c.level == level)


def _count_reason(check: LevelCheck) -> Reason:
    return next(r for r in check.reasons if r.code.startswith("requirement_count"))


def _texts(ev: Evaluation, level: int) -> list[str]:
    out = next(lv for lv in ev.result.levels if lv.level == level)
    return [r.text for r in out.reasons]


def test_an_order_entered_once_and_one_integrated_scenario_is_not_integrated() -> None:
    ev = _with(data_integration="interfaces", sc_warehousing_logistics="l2")
    a = ev.assessment
    assert (a.overall_score or 0) >= 60, "the score alone would make it stage 3"
    assert a.threshold_level == 3 and a.level == 2
    stage3 = _stage(ev, 3)
    assert not stage3.reached
    # the order flow still meets its own requirement: the count is what fails
    assert any(
        r.code == "requirement_met" and r.get("question") == "data_integration"
        for r in stage3.reasons
    )
    reason = _count_reason(stage3)
    assert reason.code == "requirement_count_unmet"
    assert (reason.get("count"), reason.get("min_count"), reason.get("total")) == (1, 8, 16)
    # it names the 7 closest to raise: scenarios one rung below (l2), in the pack's order
    missing = reason.get("questions")
    assert len(missing) == 7 and reason.get("short") == 7
    assert all(a.answers[q] == "l2" for q in missing)
    assert missing[0] == "sc_product_design"


def test_the_reason_names_what_is_missing_in_the_result_and_in_chinese() -> None:
    ev = _with(data_integration="interfaces", sc_warehousing_logistics="l2")
    text = next(t for t in _texts(ev, 3) if "rung 3" in t)
    assert "needs 8 of 16" in text and "you have 1" in text
    assert "linked with other systems" in text  # the pack's label of the mark
    assert "How are new products" in text  # the first scenario to raise, by its question
    zh = _with("zh", data_integration="interfaces", sc_warehousing_logistics="l2")
    zh_text = next(t for t in _texts(zh, 3) if "第三级" in t)
    assert "新产品" in zh_text  # the pack's words in the pack's language


def test_many_integrated_scenarios_and_one_erp_for_the_order_is_integrated() -> None:
    raised = {q: "l3" for q in SCENARIOS[:8]}
    ev = _with(systems_in_use=["erp"], data_integration="interfaces", **raised)
    a = ev.assessment
    assert a.level == 3
    stage3 = _stage(ev, 3)
    assert stage3.reached
    reason = _count_reason(stage3)
    assert reason.code == "requirement_count_met"
    assert reason.get("count") == 9  # the 8 raised and the quality ladder, already at l3
    assert any("9 of 16" in t and "needs 8" in t for t in _texts(ev, 3))


def test_eight_integrated_scenarios_without_an_order_entered_once_are_not_enough() -> None:
    raised = {q: "l3" for q in SCENARIOS[:8]}
    ev = _with(data_integration="files", **raised)
    assert ev.assessment.level == 2
    assert _count_reason(_stage(ev, 3)).code == "requirement_count_met"


def test_not_applicable_does_not_count_and_is_never_named_to_raise() -> None:
    ev = _with(sc_product_design="n/a", sc_after_sales="n/a")
    reason = _count_reason(_stage(ev, 3))
    assert reason.code == "requirement_count_unmet"
    assert "sc_product_design" not in reason.get("questions")
    assert "sc_after_sales" not in reason.get("questions")
    # unanswered ones do not count either; they can be answered, so they are named
    base = auto_parts()
    left = {k: v for k, v in base.answers.items() if k not in SCENARIOS}
    blank = evaluate(pack(), base.model_copy(update={"answers": left}), Options(lang="en"))
    got = _count_reason(_stage(blank, 3))
    assert got.get("count") == 0 and got.get("questions") == tuple(SCENARIOS[:8])


def test_stage_4_needs_ten_scenarios_at_rung_4_besides_the_data_platform() -> None:
    top = {q: "l4" for q in SCENARIOS[:9]}
    ev = _with(data_integration="platform", **top)
    stage4 = _stage(ev, 4)
    reason = _count_reason(stage4)
    assert (reason.code, reason.get("count"), reason.get("min_count")) == (
        "requirement_count_unmet",
        9,
        10,
    )
    assert len(reason.get("questions")) == 1 and reason.get("short") == 1
    assert not stage4.reached
    more = _with(data_integration="platform", **{q: "l4" for q in SCENARIOS[:10]})
    assert _count_reason(_stage(more, 4)).code == "requirement_count_met"


def test_count_at_least_reads_option_order_not_labels() -> None:
    q = pack().questionnaire
    req = next(r for r in q.level_rules.requirements if r.questions and r.level == 3)
    counted = count_at_least(q, req, {"sc_quality": "l4", "sc_finance": "l3", "sc_hr": "l2"})
    assert (counted.reached, counted.total, counted.met) == (2, 16, False)
    assert counted.missing[0] == "sc_hr"  # one rung below comes first


def test_the_plan_to_stage_3_is_judged_against_the_count_too() -> None:
    ev = _with(target=3)
    plan = ev.target
    assert plan is not None and not plan.already and plan.reachable
    assert plan.projected_level == 3
    # the score is already past 60: the plan is there to lift 6 more scenarios to rung 3, by
    # the page's assumption (a solution lifting to stage 3 brings the areas it mainly
    # addresses there), so its solutions must cover at least 6 scenarios below rung 3
    q = pack().questionnaire
    catalogue = {s.id: s for s in pack().catalogue.solutions}
    lifted = {
        sc
        for sid in plan.solutions
        if catalogue[sid].lifts.to_level >= 3
        for sc in SCENARIOS
        if ev.assessment.answers.get(sc) not in ("l3", "l4")
        and any(
            catalogue[sid].addresses.categories.get(cat, 0) >= 2
            for cat in ([q.question(sc).category] if q.question(sc) else [])  # type: ignore[union-attr]
        )
    }
    assert len(lifted) >= 6, lifted

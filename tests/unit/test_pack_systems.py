"""The system types Chinese SMEs really run (pack review section 3, row 13): 进销存, a light
work-order app, APS, SRM, CAD/CAM or cut-list software, LIMS. Ticking one never changes a
score (the question is a profile), but the plan stops selling the firm what it has, and says
where what it has is a start."""

from __future__ import annotations

from functools import cache
from typing import Any

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.engine.matching import left_out
from sme_assess.engine.visibility import visible_questions
from sme_assess.models import Answers
from sme_assess.models.catalogue import Solution
from sme_assess.models.questionnaire import MultipleChoiceQuestion
from sme_assess.pack.loading import Pack, load_pack

from ..conftest import FIXTURES, PACKS

NEW_TYPES = ["inventory", "work_order_app", "aps", "srm", "cad_cam", "lims"]


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


@cache
def persona(name: str) -> Answers:
    return load_answers(FIXTURES / "personas" / f"{name}.yaml")


def _with(name: str, **changes: Any) -> Evaluation:
    base = persona(name)
    answers = base.model_copy(update={"answers": {**base.answers, **changes}})
    return evaluate(pack(), answers, Options(lang="en"))


def _planned(ev: Evaluation) -> set[str]:
    """Every solution the plan sells as a step of its own."""
    return {r.solution for r in ev.recommendations}


def _left(ev: Evaluation) -> dict[str, str]:
    left = left_out(ev.assessment, pack().catalogue, ev.profile)
    return {x.solution: x.reason.code for x in left}


def _solution(sid: str) -> Solution:
    return next(s for s in pack().catalogue.solutions if s.id == sid)


def _systems(name: str, *extra: str) -> list[str]:
    ticked = [s for s in persona(name).answers["systems_in_use"] if s != "none"]
    return [*ticked, *extra]


def test_the_new_system_types_are_offered_in_both_languages_and_score_nothing() -> None:
    question = pack().questionnaire.question("systems_in_use")
    assert isinstance(question, MultipleChoiceQuestion)
    labels = {o.value: o.label for o in question.options}
    for value in NEW_TYPES:
        assert labels[value]["en"] and labels[value]["zh"], value
    assert labels["inventory"]["zh"] == "进销存软件"
    assert "拆单" in labels["cad_cam"]["zh"]
    assert question.options[-1].value == "none"  # "none of these" stays last
    # a profile question: ticking every new type moves no score and no stage
    base = _with("auto_parts")
    ticked = _with("auto_parts", systems_in_use=_systems("auto_parts", *NEW_TYPES))
    assert [(c.id, c.score) for c in ticked.assessment.categories] == [
        (c.id, c.score) for c in base.assessment.categories
    ]
    assert ticked.assessment.level == base.assessment.level


def test_a_firm_with_aps_is_sold_no_scheduling_tool() -> None:
    # the auto-parts supplier's plan holds APS while it has none
    assert "aps_scheduling" in _planned(_with("auto_parts"))
    ev = _with("auto_parts", systems_in_use=_systems("auto_parts", "aps"))
    planned = _planned(ev)
    assert not {"aps_scheduling", "production_plan_board"} & planned
    left = _left(ev)
    assert left["aps_scheduling"] == left["production_plan_board"] == "left_in_place"
    # the food plant (plans in spreadsheets) too: no APS, no plan board
    food = _with("food_processor", systems_in_use=_systems("food_processor", "aps"))
    assert not {"aps_scheduling", "production_plan_board"} & _planned(food)


def test_a_firm_with_jinxiaocun_is_not_told_to_start_inventory_from_zero() -> None:
    # the 15-person job shop keeps stock in 进销存 software and has no ERP
    ev = _with("job_shop", systems_in_use=["inventory"])
    assert "inventory_app" not in _planned(ev)
    assert _left(ev)["inventory_app"] == "left_in_place"
    # 进销存 is not an ERP: the cloud ERP stays in the plan, and says the data moves over
    assert "cloud_erp" in _planned(ev)
    summary = _solution("cloud_erp").summary
    assert "进销存" in summary["zh"] and "not a loss" in summary["en"]
    # whereas without it, the stock app is one of the steps it may be sold
    assert _left(_with("job_shop")).get("inventory_app") != "left_in_place"


def test_a_bundle_never_says_it_covers_what_the_firm_already_has() -> None:
    """The one-SaaS bundle names the parts the firm would get; with 进销存 ticked, its
    "one system instead of several: covers ..." no longer lists the stock app."""

    def covers(ev: Evaluation) -> dict[str, list[str]]:
        return {
            rec.solution: list(reason.params["solutions"])
            for rec in ev.result.recommendations
            for reason in rec.reasons
            if reason.code == "bundle_covers"
        }

    plain = covers(_with("job_shop"))
    assert "inventory_app" in plain["light_production_saas"]
    with_jxc = covers(_with("job_shop", systems_in_use=["inventory"]))
    assert "inventory_app" not in with_jxc["light_production_saas"]
    assert len(with_jxc["light_production_saas"]) >= 2


def test_a_work_order_app_counts_as_scan_reporting_and_half_an_mes() -> None:
    ev = _with("job_shop", systems_in_use=["work_order_app"])
    assert "scan_reporting" not in _planned(ev)
    assert _left(ev)["scan_reporting"] == "left_in_place"
    # linked to the ERP by an interface and covering the main workshops it is the MES-lite
    # (as an MES must cover them, since 1.3.0); on a pilot line, or not linked, the MES-lite
    # stays and its text says to link what the firm has first
    erp = _systems("electronics_assembler", "work_order_app")
    linked = _with(
        "electronics_assembler",
        systems_in_use=erp,
        erp_shopfloor_data="interface",
        mes_coverage="main",
    )
    assert "mes_lite" not in _planned(linked)
    assert _left(linked)["mes_lite"] == "left_in_place"
    pilot = _with(
        "electronics_assembler",
        systems_in_use=erp,
        erp_shopfloor_data="interface",
        mes_coverage="pilot",
    )
    assert _left(pilot).get("mes_lite") != "left_in_place"
    unlinked = _with("electronics_assembler", systems_in_use=erp)
    assert "mes_lite" in _planned(unlinked)
    assert "scan_reporting" not in _planned(unlinked)
    summary = _solution("mes_lite").summary
    assert "work-order app" in summary["en"] and "小工单" in summary["zh"]
    # the shop-floor reporting it brings counts for what needs it: nothing waits for it
    for r in unlinked.recommendations:
        for reason in r.reasons:
            if reason.code == "needs_fact":
                assert "shopfloor_reported" not in dict(reason.params)["facts"]


def test_srm_is_the_supplier_portal_and_lims_the_digital_inspection_records() -> None:
    base = _left(_with("electronics_assembler"))
    assert base["supplier_portal"] != "left_in_place"
    assert base["digital_inspection"] != "left_in_place"
    ev = _with("electronics_assembler", systems_in_use=_systems("electronics_assembler", "srm"))
    assert _left(ev)["supplier_portal"] == "left_in_place"
    ev = _with("food_processor", systems_in_use=_systems("food_processor", "lims"))
    assert "digital_inspection" not in _planned(ev)
    assert _left(ev)["digital_inspection"] == "left_in_place"


def test_cad_or_cut_list_software_alone_is_not_3d_design_or_version_control() -> None:
    # a CAD seat (2D, CAM or cut lists) is the first rung of product design, which the
    # design ladder scores; 3D CAD, a drawing library and PDM are still to be had
    ev = _with("job_shop", systems_in_use=["cad_cam"])
    left = _left(ev)
    for sid in ("cad_3d", "drawing_library", "plm_pdm", "furniture_order_loop"):
        assert left.get(sid) != "left_in_place", sid
    assert "drawing_library" in _planned(ev)


def test_a_firm_with_only_jinxiaocun_gets_no_erp_question_but_the_before_after_one() -> None:
    q = pack().questionnaire
    only_jxc = {**persona("job_shop").answers, "systems_in_use": ["inventory"]}
    shown = {x.id for x in visible_questions(q, only_jxc)}
    assert "erp_shopfloor_data" not in shown and "mes_coverage" not in shown
    assert "measured_before_after" in shown  # it runs a system, so "did you measure it?"
    nothing = {**persona("job_shop").answers, "systems_in_use": ["none"]}
    assert "measured_before_after" not in {x.id for x in visible_questions(q, nothing)}

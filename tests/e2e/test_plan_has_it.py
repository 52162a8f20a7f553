"""What an owner reads when the firm already has, or partly has, what a plan would sell it
(catalogue 1.3.0; the sweep behind it is ``scripts/audit_has_it.py``).

A plant that runs its MES or work-order app on one pilot line, or set one up and went back to
paper, was told to buy a subscription MES (catalogue 1.2.0: "Cloud MES-lite connected to the
ERP", a new system, ¥60k one-off). It needs what it has rolled out, or restarted: its plan
now says so, with the roll-out's own cost and first step, and never offers a second
shop-floor system. Where the firm has a thing in part (a CRM that keeps quotes, DingTalk with
attendance, a SCADA on some lines ...), the step's summary tells it to use what it has first.
Each test fails on catalogue 1.2.0.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.engine.matching import left_out
from sme_assess.models.catalogue import Solution
from sme_assess.pack.loading import Pack, load_pack

from ..conftest import FIXTURES, PACKS

ROLL_OUT = "Roll out the MES or work-order app you already have"
ROLL_OUT_ZH = "把已有的MES或小工单系统推广开"
MES_LITE = "Cloud MES-lite connected to the ERP"
MES_LITE_ZH = "与ERP打通的轻量云MES"
SAAS = "One lightweight production-management SaaS for the whole small plant"


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


def _solution(sid: str) -> Solution:
    return next(s for s in pack().catalogue.solutions if s.id == sid)


def _answers(persona: str, **changes: Any) -> dict[str, Any]:
    path = FIXTURES / "personas" / f"{persona}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            doc["answers"].pop(key, None)
        else:
            doc["answers"][key] = value
    return dict(doc)


def _write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _evaluate(
    tmp_path: Path, persona: str, target: int | None = None, **changes: Any
) -> Evaluation:
    path = _write(tmp_path, _answers(persona, **changes))
    return evaluate(pack(), load_answers(path), Options(lang="en", target_level=target))


def _why_left(ev: Evaluation, sid: str) -> str:
    left = left_out(ev.assessment, pack().catalogue, ev.profile)
    return next(x.reason.code for x in left if x.solution == sid)


# the electronics assembler (ERP, paper reporting) with an MES on one line, and idle
ELECTRONICS_MES = ["finance", "erp", "oa", "mes"]


@pytest.mark.parametrize("coverage", ["pilot", "idle"])
def test_an_mes_on_a_pilot_line_is_rolled_out_not_bought_again(
    cli: Any, tmp_path: Path, coverage: str
) -> None:
    doc = _answers("electronics_assembler", systems_in_use=ELECTRONICS_MES, mes_coverage=coverage)
    path = _write(tmp_path, doc)
    for lang, roll_out, mes_lite in (("en", ROLL_OUT, MES_LITE), ("zh", ROLL_OUT_ZH, MES_LITE_ZH)):
        score = cli("score", str(path), "--lang", lang)
        assert score.exit_code == 0, score.output
        assert roll_out in score.stdout
        assert mes_lite not in score.stdout
    result = cli("score", str(path), "--format", "json", "--target-level", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    planned = [r["solution"] for r in data["recommendations"]]
    assert "mes_rollout" in planned
    # no second shop-floor system, in the plan or on the way to level 3; no reporting app
    # beside the MES's own reporting
    on_path = set(data["target"]["solutions"])
    assert on_path
    for sid in ("mes_lite", "light_production_saas", "scan_reporting"):
        assert sid not in planned and sid not in on_path, sid
    ev = _evaluate(
        tmp_path, "electronics_assembler", systems_in_use=ELECTRONICS_MES, mes_coverage=coverage
    )
    assert _why_left(ev, "mes_lite") == "left_not_applicable"
    assert _why_left(ev, "scan_reporting") == "left_not_applicable"


def test_the_roll_out_is_no_new_system_and_costs_a_fraction_of_one() -> None:
    roll_out, mes_lite = _solution("mes_rollout"), _solution("mes_lite")
    assert mes_lite.new_system and not roll_out.new_system
    assert (roll_out.one_off_cny or 0) < (mes_lite.one_off_cny or 0)
    assert not roll_out.monthly_cny
    summary = " ".join(roll_out.summary["en"].split())
    # a restart for an idle system: find why it stalled first
    assert "left for paper" in summary and "find out why it stalled" in summary
    assert "上过又回到了纸上" in roll_out.summary["zh"]
    assert roll_out.action is not None
    assert "why people go back to paper" in roll_out.action.first_step["en"]
    assert "shopfloor_reported" in roll_out.establishes


def test_an_mes_in_the_main_workshops_is_rolled_out_already(tmp_path: Path) -> None:
    """The auto-parts supplier (MES in the main workshops): the roll-out is in place, as
    the MES-lite is; explain says so rather than 'does not apply'."""
    ev = _evaluate(tmp_path, "auto_parts")
    assert _why_left(ev, "mes_rollout") == "left_in_place"
    assert _why_left(ev, "mes_lite") == "left_in_place"


@pytest.mark.parametrize(
    "changes",
    [
        {},  # the job shop: no system at all ('none')
        {"systems_in_use": None},  # the systems question unanswered (the short form)
        {"systems_in_use": ["mes"], "mes_coverage": None},  # coverage unanswered
    ],
)
def test_the_roll_out_is_never_offered_without_a_pilot_the_firm_named(
    tmp_path: Path, changes: dict[str, Any]
) -> None:
    ev = _evaluate(tmp_path, "job_shop", target=3, **changes)
    planned = {r.solution for r in ev.recommendations}
    assert ev.target is not None
    assert "mes_rollout" not in planned | set(ev.target.solutions)
    assert _why_left(ev, "mes_rollout") == "left_not_applicable"


def test_an_mes_ticked_is_never_sold_a_second_one_whatever_its_coverage(tmp_path: Path) -> None:
    for coverage in ("idle", "pilot", "main", "all", None):
        ev = _evaluate(
            tmp_path,
            "electronics_assembler",
            target=4,
            systems_in_use=ELECTRONICS_MES,
            mes_coverage=coverage,
        )
        sold = {r.solution for r in ev.recommendations}
        assert ev.target is not None
        sold |= set(ev.target.solutions)
        assert not sold & {"mes_lite", "light_production_saas"}, coverage


@pytest.mark.parametrize("coverage", ["pilot", "idle"])
def test_a_work_order_app_on_a_pilot_line_is_rolled_out_with_its_modules(
    cli: Any, tmp_path: Path, coverage: str
) -> None:
    """The job shop with a work-order app on one line: rolled out, its modules switched on;
    not the one-SaaS bundle (a second light app) nor, with an ERP, the MES-lite."""
    path = _write(
        tmp_path, _answers("job_shop", systems_in_use=["work_order_app"], mes_coverage=coverage)
    )
    score = cli("score", str(path), "--lang", "en")
    assert score.exit_code == 0, score.output
    assert ROLL_OUT in score.stdout and SAAS not in score.stdout
    summary = " ".join(_solution("mes_rollout").summary["en"].split())
    assert "switching on its inspection, repair and stock modules" in summary
    with_erp = _evaluate(
        tmp_path,
        "electronics_assembler",
        target=3,
        systems_in_use=["finance", "erp", "work_order_app"],
        mes_coverage=coverage,
    )
    sold = {r.solution for r in with_erp.recommendations}
    assert with_erp.target is not None
    assert "mes_rollout" in sold
    assert not (sold | set(with_erp.target.solutions)) & {"mes_lite", "light_production_saas"}


def test_a_work_order_app_in_the_main_workshops_is_linked_not_replaced(tmp_path: Path) -> None:
    """In the main workshops, not linked to the ERP: catalogue 1.3.0 left the MES-lite to it
    (a new system, ¥60k and ¥5k a month), its text saying to link the app first. Since 1.11.0
    the link is the step (no new system, a fraction of the cost) and the MES-lite does not
    apply, on the way to level 4 too; no roll-out. Coverage unanswered, the MES-lite may stay
    and its text says what to do with the app."""
    ev = _evaluate(
        tmp_path,
        "electronics_assembler",
        target=4,
        systems_in_use=["finance", "erp", "work_order_app"],
        mes_coverage="main",
    )
    sold = {r.solution for r in ev.recommendations}
    assert ev.target is not None
    assert "mes_rollout" not in sold
    assert _why_left(ev, "mes_rollout") == "left_in_place"
    assert "work_order_app_link" in sold
    assert "mes_lite" not in sold | set(ev.target.solutions)
    assert _why_left(ev, "mes_lite") == "left_not_applicable"
    link, mes_lite = _solution("work_order_app_link"), _solution("mes_lite")
    assert mes_lite.new_system and not link.new_system
    assert (link.one_off_cny or 0) < (mes_lite.one_off_cny or 0) / 2
    assert (link.monthly_cny or 0) < (mes_lite.monthly_cny or 0) / 5
    summary = " ".join(mes_lite.summary["en"].split())
    assert "linked to the ERP where it covers the main workshops" in summary
    assert "主要车间都在用的先和ERP接通" in mes_lite.summary["zh"]


# --- in part: the step's summary tells the firm to use what it has first -------------------


@pytest.mark.parametrize(
    ("persona", "changes", "sid", "en", "zh"),
    [
        # an MES on a pilot line and paper inspection / repair: its modules, not apps
        (
            "electronics_assembler",
            {"systems_in_use": ELECTRONICS_MES, "mes_coverage": "pilot"},
            "cmms_tickets",
            "Where an MES or a work-order app is in use, switch on its maintenance module first",
            "先把它自带的设备维修模块用起来",
        ),
        # a work-order app on a pilot line: its inspection and stock modules, not apps
        (
            "job_shop",
            {"systems_in_use": ["work_order_app"], "mes_coverage": "pilot"},
            "digital_inspection",
            "Where an MES or a work-order app is in use, switch on its inspection module first",
            "先把它自带的质检模块用起来",
        ),
        (
            "job_shop",
            {"systems_in_use": ["work_order_app"], "mes_coverage": "pilot"},
            "inventory_app",
            "Where a work-order app or an MES is in use, switch on its stock module first",
            "先把它自带的库存模块用起来",
        ),
        # DingTalk / WeCom / Feishu have forms and attendance
        (
            "electronics_assembler",  # it runs an OA
            {"systems_in_use": ELECTRONICS_MES, "mes_coverage": "pilot"},
            "paper_to_online_forms",
            "DingTalk, WeCom and Feishu have one, so an OA already in use needs no other",
            "已经在用这些OA的，不用另买",
        ),
        (
            "food_processor",  # it runs an OA
            {},
            "hr_attendance_skills",
            "DingTalk, WeCom and Feishu have attendance and shift modules",
            "钉钉、企业微信、飞书都带考勤排班",
        ),
        # a SCADA or DCS on some lines: bring the others into it
        (
            "electronics_assembler",
            {"systems_in_use": ["finance", "erp", "oa", "scada"]},
            "machine_data_gateway",
            "Where a SCADA or DCS already watches some lines, bring the other machines into it",
            "把其余设备接进它，不要再另建一套采集系统",
        ),
        (
            "textile_dyeing",
            {"systems_in_use": ["finance", "erp", "scada"]},
            "dyehouse_central_control",
            "Where a SCADA or DCS already runs the dyeing machines, add what it lacks",
            "在它上面补齐缺的部分",
        ),
        # design software that may be 3D already: not another CAD
        (
            "auto_parts",
            {"sc_product_design": "l1", "systems_in_use": ["finance", "erp", "mes", "cad_cam"]},
            "cad_3d",
            "If you already design in 3D, the step is simulation",
            "不是再买一套CAD",
        ),
    ],
)
def test_a_step_the_firm_has_in_part_says_to_use_what_it_has(
    cli: Any, tmp_path: Path, persona: str, changes: dict[str, Any], sid: str, en: str, zh: str
) -> None:
    """The firm is planned the step, and the report it keeps (full edition: the whole plan)
    tells it, in its language, to use what it has first."""
    ev = _evaluate(tmp_path, persona, **changes)
    assert sid in {r.solution for r in ev.recommendations}, sid
    path = _write(tmp_path, _answers(persona, **changes))
    for lang, words in (("en", en), ("zh", zh)):
        out = tmp_path / f"report_{lang}.md"
        made = cli(
            "report", str(path), "-f", "md", "-o", str(out), "--edition", "full", "--lang", lang
        )
        assert made.exit_code == 0, made.output
        text = " ".join(out.read_text(encoding="utf-8").replace("\\", "").split())
        assert words in text, (lang, words)


@pytest.mark.parametrize(
    ("sid", "en", "zh"),
    [
        (
            "gmp_quality_systems",
            "Where a QMS or a LIMS is already in use, validate and extend it",
            "不要另换一套",
        ),
        ("service_ticketing", "A CRM in use often has a service module", "它多半带售后模块"),
        ("quoting_tool", "Where a CRM or the ERP already keeps quotes", "不用另买报价软件"),
        (
            "mould_management",
            "Where an MES is in use, switch on its mould module first",
            "先把它用起来",
        ),
        (
            "smt_traceability",
            "Where an MES is in use, ask first for its feeder-check module",
            "上料防错模块",
        ),
        ("furniture_order_loop", "Where cut-list software is already in use", "不用换掉"),
        (
            "cnc_program_tools",
            "if your CAM package has a program-management module",
            "先把它用起来",
        ),
        (
            "production_plan_board",
            "If the planner keeps it in a spreadsheet already",
            "不用从头再做",
        ),
        (
            "oee_dashboard",
            "Where a SCADA or an MES already collects the stops, build the board on its data",
            "直接用它的数据做看板",
        ),
        (
            "haccp_cold_chain",
            "Where a QMS is in use, keep the CCP records in it",
            "关键控制点记录放进QMS",
        ),
        ("rooftop_pv_ems", "Where panels are on the roof already", "不是再加板子"),
        ("data_classification", "do only what is missing", "只补缺的部分"),
        ("management_dashboard", "Many ERPs have a report or BI module", "不少ERP自带报表或BI模块"),
        (
            "capp_process_docs",
            "Where a PLM or PDM is in use, keep them in its process module",
            "它带工艺模块的话",
        ),
    ],
)
def test_sector_steps_the_firm_may_have_in_part_say_so(sid: str, en: str, zh: str) -> None:
    summary = _solution(sid).summary
    assert en in " ".join(summary["en"].split()), summary["en"]
    assert zh in summary["zh"], summary["zh"]

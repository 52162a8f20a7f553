"""The built-in catalogue's conditions decide only on what the firm said.

An unanswered question, a "don't know" or a "not applicable" makes every comparison false
(README, "Conditions"), so only a condition under ``not`` can turn silence into a decision:
catalogue 1.0.0's ``not permit_monitoring == 'online'`` dropped online monitoring from every
plan whose permit question was left blank. These tests hold the catalogue to the rule for
every solution (a firm that gave only its profile has nothing in place and nothing "not
applicable" but by its sector and size), and pin each condition catalogue 1.1.0 fixed: an
``or`` branch or a rung that let a firm count as having what it lacks.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.engine.matching import left_out
from sme_assess.engine.plan_facts import Screen, screen
from sme_assess.models import Answers
from sme_assess.models.catalogue import Solution
from sme_assess.models.questionnaire import SingleChoiceQuestion
from sme_assess.pack.loading import Pack, load_pack

from ..conftest import FIXTURES, PACKS


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


def _solution(sid: str) -> Solution:
    return next(s for s in pack().catalogue.solutions if s.id == sid)


def _options(qid: str) -> list[str]:
    question = pack().questionnaire.question(qid)
    assert isinstance(question, SingleChoiceQuestion), qid
    return [o.value for o in question.options]


def _screen(**answers: Any) -> Screen:
    return screen(pack().questionnaire, pack().catalogue, answers)


def _profile_only(sector: str, size: str, **more: Any) -> Evaluation:
    answers = Answers(
        questionnaire="manufacturing-sme",
        questionnaire_version=pack().questionnaire.version,
        answers={"company_sector": sector, "company_size": size, **more},
    )
    # lenient: the required questions are left unanswered on purpose
    return evaluate(pack(), answers, Options(lang="en", lenient=True))


def _every(flag: str, value: str) -> dict[str, str]:
    """``value`` for every question that allows it (``allow_unknown`` / ``allow_na``),
    leaving the profile as given."""
    return {
        q.id: value
        for q in pack().questionnaire.questions()
        if getattr(q, flag, False) and q.id not in ("company_sector", "company_size")
    }


# Steps that only make sense for what the firm said it has (catalogue 1.3.0: rolling out the
# MES or work-order app it runs on a pilot line; catalogue 1.11.0: linking to the ERP the
# work-order app it runs in its main workshops): silence rules them out, and nothing else.
FOR_WHAT_THE_FIRM_SAID = {"mes_rollout", "work_order_app_link"}
# Steps whose sectors are narrower while the firm has not said what it runs (pack 1.5.0:
# mould and die management goes to plants that run moulds or dies; unsaid, to plastics and
# rubber plants only, as with pack 1.4.0): silence leaves them out of the other sectors.
SECTORS_WHEN_SILENT = {
    "mould_management": {"plastics_rubber"},
    # catalogue 1.8.0: quick die change and tryout records follow the same rule
    "quick_die_change": {"plastics_rubber"},
    "die_tryout_records": {"plastics_rubber"},
}


def test_a_firm_that_gave_only_its_profile_has_nothing_in_place_and_nothing_ruled_out() -> None:
    """For every sector and size, and with every "don't know" it may give: no solution is
    in place, none "not applicable" but the steps for a system the firm said it has; only the
    sector and size leave the others out."""
    unknown = _every("allow_unknown", "unknown")
    assert "permit_monitoring" in unknown  # the question that removed online monitoring
    for sector in _options("company_sector"):
        for size in _options("company_size"):
            for more in ({}, unknown):
                ev = _profile_only(sector, size, **more)
                reasons = {
                    x.solution: x.reason.code
                    for x in left_out(ev.assessment, pack().catalogue, ev.profile)
                }
                scr = _screen(company_sector=sector, company_size=size, **more)
                assert not scr.in_place, (sector, size, sorted(scr.in_place))
                silenced = {sid for sid, fit in SECTORS_WHEN_SILENT.items() if sector not in fit}
                assert scr.not_applicable == FOR_WHAT_THE_FIRM_SAID | silenced, (sector, size)
                for s in pack().catalogue.solutions:
                    if s.id in FOR_WHAT_THE_FIRM_SAID:
                        assert reasons.get(s.id) == "left_not_applicable", s.id
                        continue
                    misfit = bool(s.sectors and sector not in s.sectors) or bool(
                        s.sizes and size not in s.sizes
                    )
                    why = reasons.get(s.id)
                    if s.id in silenced and not misfit:
                        assert why == "left_not_applicable", (sector, size, s.id, why)
                        continue
                    assert why not in ("left_in_place", "left_not_applicable"), (s.id, why)
                    assert (why in ("left_sector", "left_size")) == misfit, (
                        sector,
                        size,
                        s.id,
                        why,
                    )


def test_not_applicable_answers_rule_out_only_the_solutions_they_are_about() -> None:
    """Every "not applicable" the pack allows, at once: a solution drops out only when one
    of its own scenario questions was answered so (or, for a bundle, all its parts did)."""
    na = _every("allow_na", "n/a")
    scr = _screen(company_sector="other", company_size="small", **na)
    assert not scr.in_place
    by_id = {s.id: s for s in pack().catalogue.solutions}

    def about(sid: str) -> bool:
        s = by_id[sid]
        if s.includes:
            return all(about(part) for part in s.includes)
        silenced = sid in SECTORS_WHEN_SILENT and "other" not in SECTORS_WHEN_SILENT[sid]
        return any(qid in na for qid in s.scenarios) or sid in FOR_WHAT_THE_FIRM_SAID | (
            {sid} if silenced else set()
        )

    assert scr.not_applicable, "the pack's n/a questions rule something out"
    for sid in scr.not_applicable:
        assert about(sid), sid


# --- emission_monitoring: an unanswered permit question no longer removes it ---------------


@pytest.mark.parametrize("permit", [None, "unknown"])
def test_online_monitoring_stays_in_for_a_permit_the_firm_did_not_describe(
    permit: str | None,
) -> None:
    answers: dict[str, Any] = {"company_sector": "textiles_apparel", "env_monitoring": "contractor"}
    if permit is not None:
        answers["permit_monitoring"] = permit
    assert "emission_monitoring" not in _screen(**answers).not_applicable
    # ... and says to read the permit before buying analysers
    summary = _solution("emission_monitoring").summary
    assert "if you do not know, read its" in summary["en"].replace("\n", " ")
    assert "不清楚的，先看许可证" in summary["zh"]


def test_online_monitoring_is_ruled_out_by_what_the_firm_said_of_its_permit() -> None:
    assert "emission_monitoring" in _screen(permit_monitoring="periodic").not_applicable
    assert "emission_monitoring" in _screen(permit_monitoring="n/a").not_applicable
    assert "emission_monitoring" not in _screen(permit_monitoring="online").not_applicable


def test_explain_weighs_online_monitoring_for_a_dyehouse_that_does_not_know_its_permit() -> None:
    """Unanswered or "don't know": weighed like any solution (planned, or left for the plan's
    size or for nothing calling for it); "periodic testing": not applicable."""
    base = load_answers(FIXTURES / "personas" / "textile_dyeing.yaml")

    def why(permit: str | None) -> str:
        changed = {**base.answers, "env_monitoring": "contractor"}
        changed.pop("permit_monitoring")
        if permit is not None:
            changed["permit_monitoring"] = permit
        ev = evaluate(pack(), base.model_copy(update={"answers": changed}), Options(lang="en"))
        if "emission_monitoring" in {r.solution for r in ev.recommendations}:
            return "planned"
        left = left_out(ev.assessment, pack().catalogue, ev.profile)
        return next(x.reason.code for x in left if x.solution == "emission_monitoring")

    for permit in (None, "unknown"):
        assert why(permit) in ("planned", "left_plan_limit", "left_not_needed"), permit
    assert why("periodic") == "left_not_applicable"
    assert why("online") == "planned"


# --- plm_pdm: in place when the firm has a PDM or its equivalent, never by a QMS -------------


def test_pdm_is_in_place_by_a_pdm_or_design_documents_in_one_system_not_by_a_qms() -> None:
    # design rung 2: "drawings, BOMs or recipes ... kept in one system (PDM or similar)"
    assert "plm_pdm" in _screen(sc_product_design="l2").in_place
    assert "plm_pdm" in _screen(systems_in_use=["plm"]).in_place
    # design software only (rung 1) and a quality system: no PDM
    has_qms = _screen(sc_product_design="l1", systems_in_use=["erp", "qms"])
    assert "plm_pdm" not in has_qms.in_place


# --- finance: switching on modules is no new system; cloud accounting is for the rest -------


def test_a_dyehouse_with_finance_software_is_told_to_switch_on_its_modules() -> None:
    """Catalogue 1.2.0: the step for finance software that keeps only the books is a solution
    of its own, no new system to learn (1.1.0 said "switch on the modules" but still counted
    it against the plan's two new systems a quarter); cloud accounting is not applicable."""
    base = load_answers(FIXTURES / "personas" / "textile_dyeing.yaml")
    assert {"finance", "erp"} <= set(base.answers["systems_in_use"])
    assert base.answers["sc_finance"] == "l1"  # the books only; costs in spreadsheets
    for lang, says in (
        ("en", "switch on its modules"),
        ("zh", "模块用起来，不用另买一套"),
    ):
        ev = evaluate(pack(), base, Options(lang=lang))
        planned = {r.solution: r for r in ev.result.recommendations}
        assert "finance_modules" in planned and "cloud_finance_einvoice" not in planned
        summary = _solution("finance_modules").summary[lang]
        assert says in " ".join(summary.split()), summary
        left = left_out(ev.assessment, pack().catalogue, ev.profile)
        why = {x.solution: x.reason.code for x in left}
        assert why["cloud_finance_einvoice"] == "left_not_applicable"
    assert not _solution("finance_modules").new_system
    assert _solution("cloud_finance_einvoice").new_system
    # a firm with all its accounts in one finance system has it, whichever way it got there
    assert {"cloud_finance_einvoice", "finance_modules"} <= _screen(sc_finance="l2").in_place


def test_a_firm_without_finance_software_is_offered_cloud_accounting_as_a_new_system() -> None:
    none = _screen(systems_in_use=["none"], sc_finance="l0")
    assert "finance_modules" in none.not_applicable
    assert "cloud_finance_einvoice" not in none.not_applicable | none.in_place
    stock_only = _screen(systems_in_use=["inventory"], sc_finance="l0")
    assert "finance_modules" in stock_only.not_applicable
    # an ERP keeps books too: its modules, not another package
    erp = _screen(systems_in_use=["erp"], sc_finance="l1")
    assert "cloud_finance_einvoice" in erp.not_applicable
    assert "finance_modules" not in erp.not_applicable | erp.in_place
    # order costing waits for whichever of the two applies
    cost = _solution("cost_integration").prerequisites.solutions
    assert {"cloud_finance_einvoice", "finance_modules"} <= set(cost)


# --- light_production_saas: a bundle is in place only when its parts are ---------------------


def test_scanning_and_a_stock_system_do_not_make_the_six_apps_in_place() -> None:
    scr = _screen(work_reporting="scan", sc_warehousing_logistics="l2")
    # what those answers show is in place; repair tickets, inspection records and a plan
    # board are not, nor the bundle
    assert "scan_reporting" in scr.in_place and "inventory_app" in scr.in_place
    for sid in (
        "light_production_saas",
        "cmms_tickets",
        "digital_inspection",
        "production_plan_board",
    ):
        assert sid not in scr.in_place, sid


def test_a_plant_with_an_mes_is_not_sold_the_one_saas_nor_given_its_parts() -> None:
    scr = _screen(systems_in_use=["mes"])
    assert "light_production_saas" in scr.not_applicable
    assert not scr.in_place & set(_solution("light_production_saas").includes)


# --- the other `or` branches and rungs that admitted a firm lacking the thing ----------------


def test_forecasting_in_purchasing_is_not_a_sales_forecast() -> None:
    assert "ai_demand_forecast" not in _screen(sc_purchasing="l4").in_place
    assert "ai_demand_forecast" in _screen(sc_marketing="l4").in_place


def test_a_warehouse_is_run_with_scanners_only_when_stock_moves_reach_the_system() -> None:
    assert "wms_handheld" not in _screen(sc_warehousing_logistics="l3").in_place
    scanned = _screen(sc_warehousing_logistics="l3", auto_data_collection=["stock_moves"])
    assert "wms_handheld" in scanned.in_place
    assert "wms_handheld" in _screen(systems_in_use=["wms"]).in_place


def test_quality_rung_4_without_immediate_detection_is_no_vision_station() -> None:
    assert "machine_vision" not in _screen(sc_quality="l4", defect_detection="final").in_place
    # with it, since catalogue 1.2.0, neither: see the camera case below


def test_traceability_in_a_system_is_not_electronic_haccp_records() -> None:
    assert "haccp_cold_chain" not in _screen(sc_quality="l3").in_place
    automatic = _screen(sc_quality="l3", auto_data_collection=["quality_results"])
    assert "haccp_cold_chain" in automatic.in_place


# --- catalogue 1.2.0: what the scored answers cannot show is asked (tools_in_use, pack 1.4.0) -
# Each of these solutions was in place from an answer that may mean something else; now only
# the tick that says it puts it in place, and an unanswered tools_in_use (a short form, or
# answers given for 1.3.0) puts nothing in place.


@pytest.mark.parametrize(
    ("sid", "looks_like", "tick"),
    [
        # quality rung 4 is vision OR chain-wide data OR defect models, and defects caught at
        # once may be gauges: chain data and gauges here, no camera
        ("machine_vision", {"sc_quality": "l4", "defect_detection": "realtime"}, "vision"),
        # quality rung 4 is vision OR chain-wide data OR defect models: vision alone here
        (
            "ai_quality_prediction",
            {"sc_quality": "l4", "defect_detection": "realtime"},
            "defect_models",
        ),
        # equipment rung 3 is running data and OEE from the machines, not vibration sensors
        (
            "condition_monitoring",
            {
                "sc_equipment_management": "l3",
                "machine_data": "auto_live",
                "downtime_tracking": "automatic",
                "machine_data_use": "reviewed",
            },
            "condition_sensors",
        ),
        # defects caught at once by cameras, not gauges
        ("spc_gauges", {"defect_detection": "realtime"}, "spc_gauges"),
        # settings and fixes written down in a shared system, no photo or video
        ("video_work_instructions", {"know_how": "standard_docs"}, "video_instructions"),
        ("video_work_instructions", {"know_how": "knowledge_system"}, "video_instructions"),
        # cloud storage beside a server in the office
        (
            "cloud_migration",
            {"network_build": ["office_lan", "cloud"], "systems_in_use": ["erp"]},
            "cloud_only",
        ),
        # electricity sub-meters per line, no steam or gas meter
        (
            "steam_gas_metering",
            {"energy_cost": "by_line", "sc_energy": "l3", "production_type": "process"},
            "heat_meters",
        ),
        # a trace within the hour says nothing of reels checked at changeover
        (
            "smt_traceability",
            {"traceability": "within_hour", "company_sector": "electronics"},
            "smt_feeder_check",
        ),
    ],
)
def test_an_answer_that_may_mean_something_else_is_not_the_solution_in_place(
    sid: str, looks_like: dict[str, Any], tick: str
) -> None:
    assert sid not in _screen(**looks_like).in_place
    assert sid in _screen(**looks_like, tools_in_use=[tick]).in_place
    assert sid in _screen(tools_in_use=[tick]).in_place
    # "none of these" and an unanswered question put nothing in place
    assert sid not in _screen(**looks_like, tools_in_use=["none"]).in_place


def test_what_the_same_answers_still_show_stays_in_place() -> None:
    """The tightening is per solution: the neighbours those answers do show stay in place."""
    assert "energy_submetering" in _screen(energy_cost="by_line").in_place
    assert (
        "oee_dashboard"
        in _screen(downtime_tracking="automatic", machine_data_use="reviewed").in_place
    )
    assert "documents_in_system" in _screen(know_how="standard_docs").facts


def test_a_trace_within_the_hour_is_batch_traceability_only_with_lots_scanned_into_a_system() -> (
    None
):
    assert "batch_traceability" not in _screen(traceability="within_hour").in_place
    for scanned in ({"auto_data_collection": ["stock_moves"]}, {"erp_shopfloor_data": "scanned"}):
        assert "batch_traceability" in _screen(traceability="within_hour", **scanned).in_place
        assert "batch_traceability" not in _screen(traceability="same_day", **scanned).in_place


def test_every_tick_of_tools_in_use_puts_exactly_its_own_solution_in_place() -> None:
    question = pack().questionnaire.question("tools_in_use")
    ticks = [o.value for o in question.options if o.value != "none"]
    base = _screen(tools_in_use=["none"]).in_place
    assert not base
    found = {}
    for tick in ticks:
        found[tick] = _screen(tools_in_use=[tick]).in_place
        assert len(found[tick]) == 1, (tick, found[tick])
    assert len({sid for s in found.values() for sid in s}) == len(ticks)


def test_scan_reporting_tells_a_plant_with_an_mes_to_use_its_own_reporting() -> None:
    """An MES plant in its main workshops whose operators still report on paper is offered
    scan reporting: the text says to switch on the MES's own reporting, not to buy an app.
    (On a pilot line the MES is rolled out instead, reporting and all: catalogue 1.3.0.)"""
    base = load_answers(FIXTURES / "personas" / "auto_parts.yaml")
    assert "mes" in base.answers["systems_in_use"]
    paper = {**base.answers, "work_reporting": "paper_typed", "mes_coverage": "main"}
    scr = _screen(**paper)
    assert "scan_reporting" not in scr.in_place | scr.not_applicable
    for lang, says in (
        (
            "en",
            "Where an MES or the ERP's shop-floor module is in use, switch on its own reporting",
        ),
        ("zh", "已经在用MES或ERP车间模块的，把它自带的工位报工用起来，不用另买软件"),
    ):
        summary = _solution("scan_reporting").summary[lang]
        assert says in " ".join(summary.split()), summary


# --- pack 1.5.0: moulds, dies and CNC machines decide mould and die management and DNC -------

_DIES = ["injection_moulds", "die_casting_dies", "stamping_dies", "forging_dies"]


@pytest.mark.parametrize("sector", ["metal_products", "auto_parts", "plastics_rubber"])
@pytest.mark.parametrize("tick", _DIES)
def test_a_plant_that_runs_moulds_or_dies_is_offered_die_management(sector: str, tick: str) -> None:
    """A die-caster or press shop in metal products or auto parts was never offered it (no
    answer of pack 1.4.0 told it from a machining shop); now its tooling says so."""
    scr = _screen(company_sector=sector, production_type="discrete", production_tooling=[tick])
    assert "mould_management" not in scr.not_applicable


@pytest.mark.parametrize("ticks", [["cnc"], ["extrusion_dies"], ["none"]])
def test_no_die_management_for_a_plant_without_moulds_or_dies(ticks: list[str]) -> None:
    """A CNC job shop, a pipe extruder (its dies count no shots), or a plant with none of
    these: even a plastics plant is not told to count its moulds' shots."""
    scr = _screen(company_sector="plastics_rubber", production_tooling=ticks)
    assert "mould_management" in scr.not_applicable


@pytest.mark.parametrize(
    ("ticks", "offered"),
    [
        (["stamping_dies"], False),
        (["die_casting_dies"], False),
        (["cnc"], True),
        (["stamping_dies", "cnc"], True),
        (["none"], False),
    ],
)
def test_dnc_only_where_cnc_machines_run(ticks: list[str], offered: bool) -> None:
    """A press shop in auto parts was offered DNC, a system that sends programs to CNC
    machines it does not have."""
    scr = _screen(company_sector="auto_parts", production_tooling=ticks)
    assert ("cnc_program_tools" not in scr.not_applicable) == offered


@pytest.mark.parametrize("tooling", [None, "unknown"])
def test_unsaid_tooling_keeps_the_sector_rule_and_the_plan_says_so(tooling: str | None) -> None:
    """Never guessed from the sector: silence (answers for 1.4.0, the short form, "don't
    know") keeps 1.4.0's rule (die management for plastics plants, DNC for machining sectors)
    and each of the two says that it was offered by sector alone; other steps do not."""
    more = {} if tooling is None else {"production_tooling": tooling}
    for sector, sid, other in [
        ("plastics_rubber", "mould_management", "cnc_program_tools"),
        ("metal_products", "cnc_program_tools", "mould_management"),
    ]:
        scr = _screen(company_sector=sector, **more)
        assert sid not in scr.not_applicable
        assert other in scr.not_applicable or other not in {
            s.id for s in pack().catalogue.solutions if not s.sectors or sector in s.sectors
        }
    firm = load_answers(FIXTURES / "personas" / "job_shop.yaml")
    answers = dict(firm.answers)
    answers.pop("production_tooling")
    if tooling is not None:
        answers["production_tooling"] = tooling
    ev = evaluate(pack(), firm.model_copy(update={"answers": answers}), Options(lang="zh"))
    noted = {
        r.solution: [x.text for x in r.reasons if x.code == "plan_note"]
        for r in ev.result.recommendations
    }
    assert "cnc_program_tools" in noted
    assert any("不清楚您厂里用哪些设备和模具" in t for t in noted["cnc_program_tools"])
    assert not any(
        any("设备和模具" in t for t in v) for k, v in noted.items() if k != "cnc_program_tools"
    )
    # answered, the note is gone
    ev = evaluate(pack(), firm, Options(lang="zh"))
    assert not any(
        x.code == "plan_note"
        for r in ev.result.recommendations
        for x in r.reasons
        if r.solution == "cnc_program_tools"
    )

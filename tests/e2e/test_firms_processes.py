"""Pack 1.7.0 and catalogue 1.11.0: steps found from what a plant says it runs, not from its
sector, permit or energy share; and a work-order app in the main workshops linked to the ERP,
not replaced by MES-lite.

Catalogue 1.10.0 planned plating and etching bath records to electronics and metal plants with
process steps and an online-monitoring permit, furnace records to metal plants whose energy is
8 % of cost or more, and safety monitoring to every plant of 20 or more run on walk-rounds.
A PCB plant that sends its plating out still had the bath step; a machining shop outside the
metal sectors that hardens its own parts (the surgical-instrument maker in
tests/fixtures/firms) never had the furnace step. Pack 1.7.0 asks which of these processes
and rooms the plant runs (``plant_processes``, unscored, full form, plants of 20 or more);
unanswered, the sector rule stays and the plan says that the answers do not tell.

The wire and cable plant's work-order app scans its main lines: catalogue 1.10.0 offered it
MES-lite, a new system at ¥60k and ¥5k a month, its summary saying to link the app to the
ERP first. Catalogue 1.11.0 plans that link as its own step. Each test fails on pack 1.6.0
with catalogue 1.10.0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.answers_notes import short_form_ids
from sme_assess.engine.evaluation import Evaluation, Options, evaluate

from ..conftest import FIXTURES
from .test_firms import _evaluate, _planned, _why_left, _with, pack

FIRST_YEAR = ("now", "next")
BATH, FURNACE, SAFETY = "bath_chemistry_control", "furnace_heat_records", "safety_monitoring"
QUESTION_EN = "Which of these does your plant run itself?"
QUESTION_ZH = "下面这些，厂里自己有哪些？"


def _notes(ev: Evaluation, sid: str) -> list[str]:
    rec = next(r for r in ev.result.recommendations if r.solution == sid)
    return [x.text for x in rec.reasons if x.code == "plan_note"]


def _left_out(ev: Evaluation, sid: str) -> bool:
    return _why_left(ev, sid) in ("left_not_applicable", "left_sector")


# --- the question -----------------------------------------------------------------------


def test_the_question_is_asked_in_the_full_form_of_plants_of_twenty_or_more_and_not_scored() -> (
    None
):
    q = pack().questionnaire
    question = next(x for x in q.questions() if x.id == "plant_processes")
    assert question.text["en"] == QUESTION_EN and question.text["zh"] == QUESTION_ZH
    assert question.category is None and question.allow_unknown
    values = [o.value for o in question.options]  # type: ignore[attr-defined]
    assert values == [
        "wet_baths",
        "furnaces",
        "battery_rooms",
        "flammables",
        "combustible_dust",
        "none",
    ]
    assert "plant_processes" not in (short_form_ids(q) or set())
    assert question.show_if == "company_size in ['small', 'medium', 'large']"


def test_answers_for_1_6_0_are_scored_with_the_question_said_new(tmp_path: Path) -> None:
    text = (FIXTURES / "firms" / "pcb_fabrication.yaml").read_text(encoding="utf-8")
    old = tmp_path / "pcb_1_6_0.yaml"
    old.write_text(text.replace("questionnaire_version: 1.7.0", "questionnaire_version: 1.6.0"))
    ev = evaluate(pack(), load_answers(old), Options(lang="en"))
    assert ev.result.version_change is not None
    assert ev.result.version_change.new_unanswered == ["plant_processes"]
    # the older answers keep catalogue 1.10.0's rule, and say that they do not tell
    assert _planned(ev).get(BATH) in FIRST_YEAR
    assert any(QUESTION_EN in n for n in _notes(ev, BATH))


# --- plating and etching baths --------------------------------------------------------------


def test_a_pcb_plant_without_wet_lines_that_says_so_gets_no_bath_step() -> None:
    """It drills, images and tests, and sends plating and etching out: "none of these", or
    only a furnace, leaves the bath step out (and safety monitoring with "none")."""
    assert _planned(_evaluate("pcb_fabrication")).get(BATH) in FIRST_YEAR
    none = _with("pcb_fabrication", plant_processes=["none"])
    assert _why_left(none, BATH) == "left_not_applicable"
    assert _why_left(none, SAFETY) == "left_not_applicable"
    assert _why_left(_with("pcb_fabrication", plant_processes=["furnaces"]), BATH) == (
        "left_not_applicable"
    )


@pytest.mark.parametrize(("lang", "question"), [("en", QUESTION_EN), ("zh", QUESTION_ZH)])
def test_a_pcb_plant_with_wet_lines_keeps_the_step_without_the_unsaid_note(
    lang: str, question: str
) -> None:
    unsaid = _evaluate("pcb_fabrication", lang)
    assert any(question in n for n in _notes(unsaid, BATH))
    said = _with("pcb_fabrication", lang, plant_processes=["wet_baths"])
    assert _planned(said).get(BATH) in FIRST_YEAR
    assert not any(question in n for n in _notes(said, BATH))


def test_wet_baths_ticked_outside_the_sectors_and_without_the_permit_get_the_step() -> None:
    """A tap and valve maker (other) that chromes its own parts, tested periodically: the
    answer is the surer fact."""
    ev = _with(
        "die_caster_aluminium",
        company_sector="other",
        production_type="discrete",
        permit_monitoring="periodic",
        plant_processes=["wet_baths"],
    )
    assert _planned(ev).get(BATH) in FIRST_YEAR
    unsaid = _with(
        "die_caster_aluminium",
        company_sector="other",
        production_type="discrete",
        permit_monitoring="periodic",
    )
    assert _left_out(unsaid, BATH)


# --- furnaces -------------------------------------------------------------------------------


def test_a_machine_shop_outside_the_metal_sectors_with_its_own_furnace_gets_the_step() -> None:
    """The surgical-instrument maker (pharma and medical devices, energy 3-8 % of cost)
    hardens its instruments in its own vacuum furnace: the furnace records are in its first
    year; "don't know" leaves it to the sector rule, which does not reach it."""
    ev = _evaluate("surgical_instruments_en")
    assert _planned(ev).get(FURNACE) in FIRST_YEAR
    assert _left_out(_with("surgical_instruments_en", plant_processes="unknown"), FURNACE)


def test_a_press_shop_that_heat_treats_gets_the_step_at_any_energy_share() -> None:
    """Energy 3-8 % of cost kept the step from the press shop; its own furnace decides now."""
    assert _left_out(_evaluate("stamping_supplier_en"), FURNACE)
    ev = _with("stamping_supplier_en", plant_processes=["furnaces"])
    assert _planned(ev).get(FURNACE) in FIRST_YEAR


@pytest.mark.parametrize(("lang", "question"), [("en", QUESTION_EN), ("zh", QUESTION_ZH)])
def test_unanswered_the_bolt_maker_keeps_the_furnace_step_with_its_note(
    lang: str, question: str
) -> None:
    """Unanswered or "don't know": the sector rule (metal, energy 8 % or more) and the note
    that the answers do not say; answered, the answer decides and the note goes."""
    for ev in (
        _evaluate("fastener_cold_heading", lang),
        _with("fastener_cold_heading", lang, plant_processes="unknown"),
    ):
        assert _planned(ev).get(FURNACE) in FIRST_YEAR
        assert any(question in n for n in _notes(ev, FURNACE))
    said = _with("fastener_cold_heading", lang, plant_processes=["furnaces"])
    assert _planned(said).get(FURNACE) in FIRST_YEAR
    assert not any(question in n for n in _notes(said, FURNACE))
    outsourced = _with("fastener_cold_heading", lang, plant_processes=["combustible_dust"])
    assert _why_left(outsourced, FURNACE) == "left_not_applicable"


# --- high-risk rooms ------------------------------------------------------------------------


def test_safety_monitoring_follows_the_rooms_the_plant_says_it_has() -> None:
    """The battery-pack assembler (walk-rounds only) keeps the step with its note unanswered,
    without it when it ticks its ageing rooms; a plant with none of the rooms is not offered
    it; a battery room points at it even where hazards are kept in a ledger (rung 1)."""
    unsaid = _evaluate("battery_pack_assembly_en")
    assert _planned(unsaid).get(SAFETY) in FIRST_YEAR
    assert any(QUESTION_EN in n for n in _notes(unsaid, SAFETY))
    rooms = _with("battery_pack_assembly_en", plant_processes=["battery_rooms"])
    assert _planned(rooms).get(SAFETY) in FIRST_YEAR
    assert not any(QUESTION_EN in n for n in _notes(rooms, SAFETY))
    none = _with("battery_pack_assembly_en", plant_processes=["none"])
    assert _why_left(none, SAFETY) == "left_not_applicable"
    ledger = _with("battery_pack_assembly_en", sc_production_safety="l1")
    assert SAFETY not in _planned(ledger)
    assert SAFETY in _planned(
        _with(
            "battery_pack_assembly_en", sc_production_safety="l1", plant_processes=["battery_rooms"]
        )
    )


# --- a work-order app in the main workshops -------------------------------------------------


def test_the_wire_plant_links_its_work_order_app_instead_of_buying_mes_lite(cli: Any) -> None:
    """Its app scans the main lines, production figures scanned into the ERP: the plan links
    the app to the ERP (¥20k and ¥800 a month, no new system) and offers no MES-lite; the
    wider integration comes after the link."""
    ev = _evaluate("wire_cable_en")
    planned = _planned(ev)
    assert planned.get("work_order_app_link") in FIRST_YEAR
    assert _why_left(ev, "mes_lite") == "left_not_applicable"
    assert planned.get("system_integration") in (None, "later")
    result = cli("score", str(FIXTURES / "firms" / "wire_cable_en.yaml"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rec = next(r for r in data["recommendations"] if r["solution"] == "work_order_app_link")
    assert rec["name"] == "Link the work-order app to the ERP and use its progress reports"
    assert rec["cost_3y"] == 20000 + 36 * 800
    # the first year: no ¥5k a month of MES-lite subscription
    assert data["action_plan"]["months_12"]["monthly"]["high"] < 10000
    sol = next(s for s in pack().catalogue.solutions if s.id == "work_order_app_link")
    assert not sol.new_system


@pytest.mark.parametrize(("coverage", "fate"), [("main", "planned"), ("all", "planned"),
                                                 ("pilot", "left_not_applicable")])  # fmt: skip
def test_the_link_is_for_an_app_in_the_main_workshops_not_yet_linked(
    coverage: str, fate: str
) -> None:
    ev = _with("wire_cable_en", mes_coverage=coverage)
    got = (
        "planned" if "work_order_app_link" in _planned(ev) else _why_left(ev, "work_order_app_link")
    )
    assert got == fate
    assert "mes_lite" not in _planned(ev)
    linked = _with("wire_cable_en", mes_coverage=coverage, erp_shopfloor_data="interface")
    assert "work_order_app_link" not in _planned(linked)

"""Plans a consultant signs (catalogue 1.9.0), on eight more firms of tests/fixtures/firms.

A PCB fabricator in Huizhou (ERP, MES, AOI, online wastewater monitoring) and a tier-2 CNC
machining supplier in Ningbo under IATF 16949 (ERP, MES, QMS, EAM, SPC gauges; call-offs typed
from customer portals); a leather-shoe plant in Jinjiang paying piece rates from paper tickets;
a corrugated-carton plant in Bazhou with a work-order app it stopped using; a lithium
battery-pack assembler in Huizhou (no SMT line); a 12-person bakery central kitchen in
Chengdu; a syringe moulder in Yangzhou under ISO 13485; an aluminium extruder in Foshan.

What the review found: rooftop solar (¥1.2M) in the first twelve months of a press shop whose
meters the plan only installs; a syringe maker that ticks injection moulds had no mould step
(its sector, medical devices, was not among the step's sectors); an aluminium extruder with
3,000 dies on paper cards had no die step; a carton plant was offered kiln firing curves; the
SMT step offered by sector alone to a bare-board maker and a battery-pack assembler, without a
word. The tests marked "1.8.0" fail on catalogue 1.8.0 with its engine; the others hold what a
user would notice in these plans, and fail on a plan that sells the firm what it has or skips
the step its trade needs.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sme_assess.engine.plan_budget import budget_of, first_year_costs
from sme_assess.engine.plan_facts import compile_catalogue

from ..conftest import PACKS
from .test_firms import _evaluate, _planned, _summary, _why_left, _with, pack

FIRST_YEAR = ("now", "next")
NEW_FIRMS = (
    "pcb_fabrication",
    "tier2_machining_iatf_en",
    "shoe_oem_piece_rate",
    "corrugated_carton",
    "battery_pack_assembly_en",
    "bakery_central_kitchen",
    "medical_disposables_13485_en",
    "aluminium_extrusion",
)


def _reason(name: str, sid: str, code: str, lang: str = "en") -> str:
    """The texts of a planned step's reasons of one kind (a step may carry several notes)."""
    rec = next(r for r in _evaluate(name, lang).result.recommendations if r.solution == sid)
    texts = [x.text for x in rec.reasons if x.code == code]
    assert texts, (name, sid, code)
    return " | ".join(texts)


def _first_year(name: str) -> float:
    p = pack()
    costs = first_year_costs(p.catalogue, compile_catalogue(p.questionnaire, p.catalogue))
    ev = _evaluate(name)
    return sum(costs[r.solution] or 0.0 for r in ev.recommendations if r.phase in FIRST_YEAR)


# --- 1. rooftop solar waits for a year of the meters the plan installs (1.8.0) ----------------


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Energy is metered per line or product family"),
        ("zh", "能耗已按产线或产品大类分项计量"),
    ],
)
@pytest.mark.parametrize("name", ["stamping_supplier_en", "pcb_fabrication"])
def test_rooftop_solar_waits_for_a_year_of_the_meters_the_plan_installs(
    name: str, lang: str, words: str
) -> None:
    """The Wuhu press shop (paper work reports, meters per hall) had ¥1.2M of solar in its
    first twelve months, 57 % of the year's budget, beside the sub-metering that starts in
    "now". The roof is sized on a year of that metering: it waits, and says why."""
    ev = _evaluate(name, lang)
    planned = _planned(ev)
    assert planned.get("energy_submetering") == "now"
    assert planned.get("rooftop_pv_ems") == "later"
    assert words in _reason(name, "rooftop_pv_ems", "needs_history", lang)


def test_a_plant_that_meters_its_lines_already_may_still_put_up_solar_in_its_first_year() -> None:
    """Not a blanket delay: the frozen-food plant's energy data reaches its system already
    (cold stores, energy 8-15 % of cost, energy among its owner's priorities)."""
    ev = _evaluate("frozen_food_haccp")
    assert _planned(ev).get("rooftop_pv_ems") == "next"
    rec = next(r for r in ev.recommendations if r.solution == "rooftop_pv_ems")
    assert all(x.code != "needs_history" for x in rec.reasons)


# --- 2. what the firm's answers point at is not left out for its sector (1.8.0) -------------


def test_a_syringe_moulder_in_medical_devices_manages_its_moulds() -> None:
    """36 injection machines and its own moulds, maintenance in a spreadsheet: mould and die
    management was left out because medical devices was not among its sectors. Ticking
    injection moulds is the surer fact; SMED and tryout records follow, and each new system
    carries the ISO 13485 validation caution."""
    ev = _evaluate("medical_disposables_13485_en")
    planned = _planned(ev)
    assert planned.get("mould_management") in FIRST_YEAR, planned
    assert planned.get("die_tryout_records") in FIRST_YEAR, planned
    assert "validated" in _reason("medical_disposables_13485_en", "mould_management", "plan_note")


def test_any_plant_that_ticks_moulds_is_offered_mould_management_whatever_its_sector() -> None:
    """A frozen-food plant that blows its own bottles: the sector list does not hide it."""
    ev = _with("frozen_food_haccp", production_tooling=["injection_moulds"])
    assert "mould_management" in _planned(ev)


def test_the_size_still_counts_for_a_step_the_answers_point_at() -> None:
    """A micro plant numbers its few moulds in the one-SaaS bundle: size is not overridden."""
    ev = _with("bakery_central_kitchen", production_tooling=["injection_moulds"])
    assert _why_left(ev, "mould_management") == "left_size"


# --- 3. aluminium extrusion dies are counted by the billet (1.8.0) --------------------------


@pytest.mark.parametrize(("lang", "words"), [("en", "billets"), ("zh", "挤压支数")])
def test_an_aluminium_extruder_manages_its_dies_by_the_billet(lang: str, words: str) -> None:
    ev = _evaluate("aluminium_extrusion", lang)
    planned = _planned(ev)
    assert planned.get("mould_management") in FIRST_YEAR, planned
    assert "die_tryout_records" in planned
    assert words in _summary("mould_management", lang)


def test_a_plastics_pipe_extruder_still_gets_no_die_step() -> None:
    ev = _evaluate("pipe_extrusion")
    for sid in ("mould_management", "die_tryout_records", "quick_die_change"):
        assert sid not in _planned(ev), sid
    # and an aluminium extruder gets no quick die change: its dies are swapped hot already
    assert "quick_die_change" not in _planned(_evaluate("aluminium_extrusion"))


# --- 4. a carton plant has a boiler, not a kiln (1.8.0) ------------------------------------


def test_a_corrugated_carton_plant_is_not_offered_kiln_firing_curves() -> None:
    """Sector "other", mixed production, gas 8-15 % of cost for the corrugator's boiler: the
    kiln step is for firing plants. Its idle work-order app is rolled out, not replaced."""
    ev = _evaluate("corrugated_carton")
    planned = _planned(ev)
    assert "kiln_combustion" not in planned
    assert _why_left(ev, "kiln_combustion") == "left_not_applicable"
    assert planned.get("mes_rollout") in FIRST_YEAR
    for sid in ("light_production_saas", "mes_lite", "scan_reporting", "inventory_app"):
        assert sid not in planned, sid
    # the glassworks, a process plant in "other", keeps it
    assert _planned(_evaluate("glassware_gas_furnace")).get("kiln_combustion") in FIRST_YEAR


# --- 5. the SMT step says it was offered by sector alone (1.8.0) -----------------------------
# pack 1.6.0 lists SMT lines among the machines: a bare-board maker and a battery-pack
# assembler that say what they run, without SMT lines, are no longer offered it; unsaid,
# the sector rule holds and says so


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "we do not know whether you place components on SMT lines"), ("zh", "贴片线")],
)
@pytest.mark.parametrize("name", ["pcb_fabrication", "battery_pack_assembly_en"])
def test_the_smt_step_says_it_is_offered_by_sector_alone(name: str, lang: str, words: str) -> None:
    assert _why_left(_evaluate(name, lang), "smt_traceability") == "left_not_applicable"
    unsaid = _with(name, lang, production_tooling="unknown")
    rec = next(r for r in unsaid.result.recommendations if r.solution == "smt_traceability")
    assert any(words in x.text for x in rec.reasons if x.code == "plan_note"), rec.reasons


# --- 5b. the die steps no answer can find in place say so (1.8.0) --------------------------
# pack 1.6.0 asks how die and mould changes and tryouts run: unanswered, the plan says so
# beside both steps (it never takes them as done)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "your answers do not cover “How are die and mould changes and"),
        ("zh", "现在厂里换模、试模是怎么做的？"),
    ],
)
@pytest.mark.parametrize("name", ["injection_moulder", "die_caster_aluminium"])
def test_quick_die_change_says_no_answer_could_show_it_in_place(
    name: str, lang: str, words: str
) -> None:
    assert "quick_die_change" in _planned(_evaluate(name, lang))
    assert words in _reason(name, "quick_die_change", "in_place_unasked", lang)


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "sign off first articles for PPAP already"), ("zh", "PPAP")]
)
def test_an_iatf_press_shop_is_told_its_ppap_first_articles_count(lang: str, words: str) -> None:
    """The Wuhu press shop (IATF 16949) was told to start first-article sign-off "as in
    PPAP", which it does for every part it ships; the step now keeps only the tryout records."""
    assert words in _reason("stamping_supplier_en", "die_tryout_records", "plan_note", lang)
    notes = [
        x.code
        for r in _evaluate("injection_moulder").result.recommendations
        if r.solution == "die_tryout_records"
        for x in r.reasons
        if "PPAP" in x.text
    ]
    assert not notes  # a moulder outside IATF is not told so


@pytest.mark.parametrize(("lang", "words"), [("en", "your own labels"), ("zh", "自己的标签")])
def test_a_device_maker_is_told_the_artwork_step_is_about_its_own_labels(
    lang: str, words: str
) -> None:
    """Written for a printer of its customers' artworks; a syringe maker controls its own
    labels and instructions for use. The printer is not told so."""
    name = "medical_disposables_13485_en"
    assert "artwork_version_control" in _planned(_evaluate(name, lang))
    assert words in _reason(name, "artwork_version_control", "plan_note", lang)
    printer = _evaluate("pharma_packaging_gmp_en").result.recommendations
    rec = next(r for r in printer if r.solution == "artwork_version_control")
    assert all("own labels" not in x.text for x in rec.reasons)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "no question asks whether you run classified cleanrooms"), ("zh", "洁净车间")],
)
def test_a_syringe_maker_monitors_its_cleanroom_online(lang: str, words: str) -> None:
    """Particle counts and pressure differences written on forms twice a shift (the pack
    review's missing sector content): online monitoring is in its first year, saying that no
    answer tells a cleanroom; a plant outside GMP and ISO 13485 is not offered it."""
    name = "medical_disposables_13485_en"
    assert _planned(_evaluate(name, lang)).get("cleanroom_monitoring") in FIRST_YEAR
    assert words in _reason(name, "cleanroom_monitoring", "plan_note", lang)
    ev = _with(name, regulated_by=["none"])
    assert _why_left(ev, "cleanroom_monitoring") == "left_not_applicable"


# --- 6. plans that do not sell a firm what it has -------------------------------------------


@pytest.mark.parametrize(
    ("name", "has"),
    [
        # ERP, MES in the main workshops, AOI cameras, online wastewater monitors
        ("pcb_fabrication", ("mes_lite", "cloud_erp", "machine_vision", "emission_monitoring")),
        # ERP, MES everywhere, QMS, EAM, SPC gauges, interfaces, off-site backup
        (
            "tier2_machining_iatf_en",
            (
                "mes_lite",
                "light_production_saas",
                "spc_gauges",
                "cmms_tickets",
                "system_integration",
                "backup_321",
                "digital_inspection",
            ),
        ),
        # a cloud ERP, a work-order app scanning every workstation
        ("battery_pack_assembly_en", ("cloud_erp", "mes_lite", "scan_reporting")),
        # an ERP it types production into daily
        ("medical_disposables_13485_en", ("cloud_erp", "erp_put_to_use")),
    ],
)
def test_a_firm_is_not_sold_what_it_has(name: str, has: tuple[str, ...]) -> None:
    ev = _evaluate(name)
    for sid in has:
        assert sid not in _planned(ev), sid
        assert _why_left(ev, sid) in ("left_in_place", "left_not_applicable"), sid


def test_a_tier_2_supplier_typing_call_offs_links_its_customers_portals_first_year() -> None:
    """Call-offs from two tier-1 portals and an OEM's EDI form, typed in every morning: the
    customer link is its first-year step; an IATF plant is offered no online shop."""
    ev = _evaluate("tier2_machining_iatf_en")
    planned = _planned(ev)
    assert planned.get("customer_edi_link") in FIRST_YEAR
    assert "ecommerce_channel" not in planned


def test_a_shoe_plant_paying_piece_rates_scans_its_tickets_and_is_not_a_dyehouse() -> None:
    """260 people, paper piece-rate tickets typed at month end: the one-SaaS bundle (scan
    reporting) starts now, with the HR step in its first year; textiles is its sector, but it
    dyes nothing (discrete): no dyehouse control, dispensing or steam meters."""
    ev = _evaluate("shoe_oem_piece_rate")
    planned = _planned(ev)
    assert planned.get("light_production_saas") == "now"
    assert planned.get("hr_attendance_skills") in FIRST_YEAR
    for sid in ("dyehouse_central_control", "dye_dispensing", "steam_gas_metering"):
        assert _why_left(ev, sid) == "left_not_applicable", sid


def test_a_bakery_central_kitchen_starts_with_haccp_records_within_its_budget() -> None:
    """12 people, ¥4.2M revenue, cold rooms and vans logged in a notebook: electronic HACCP
    records and cold-room monitoring come first; the first year stays within ¥120k (3 % of
    revenue, ¥10k a head); no ERP, MES or shop-floor network for a micro plant."""
    ev = _evaluate("bakery_central_kitchen")
    planned = _planned(ev)
    assert planned.get("haccp_cold_chain") == "now"
    budget = budget_of(pack().catalogue.plan_rules, ev.assessment.answers)
    assert budget is not None and budget.amount == 120_000
    assert _first_year("bakery_central_kitchen") <= budget.amount
    for sid in ("cloud_erp", "mes_lite", "equipment_network"):
        assert _why_left(ev, sid) == "left_size", sid


@pytest.mark.parametrize("name", NEW_FIRMS)
def test_each_new_firm_keeps_its_first_year_within_its_budget(name: str) -> None:
    ev = _evaluate(name)
    budget = budget_of(pack().catalogue.plan_rules, ev.assessment.answers)
    assert budget is not None
    assert _first_year(name) <= budget.amount


# --- 7. audit_has_it.py --against checks the current catalogue's change --------------------


def _audit() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "scripts" / "audit_has_it.py"
    spec = importlib.util.spec_from_file_location("audit_has_it", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_audit_knows_what_the_current_catalogue_means_to_move() -> None:
    """--against filtered by catalogue 1.6.1's intended change and exited 1 on any later one;
    it now reads the intent recorded for the new catalogue's version."""
    intended = _audit().INTENDED
    assert pack().catalogue.version in intended
    assert {"rooftop_pv_ems", "kiln_combustion"} <= intended["1.9.0"]


def test_the_audit_refuses_a_comparison_with_no_stated_intent(tmp_path: Path, capsys: Any) -> None:
    new = tmp_path / "pack"
    shutil.copytree(PACKS / "manufacturing-sme", new)
    cat = new / "catalogue.yaml"
    cat.write_text(
        cat.read_text(encoding="utf-8").replace(
            f"version: {pack().catalogue.version}\n", "version: 9.9.9\n", 1
        )
    )
    audit = _audit()
    assert audit.main(["--against", str(PACKS / "manufacturing-sme"), "--pack", str(new)]) == 2
    assert "no intended change recorded for catalogue 9.9.9" in capsys.readouterr().err
    code = audit.main(
        ["--against", str(PACKS / "manufacturing-sme"), "--pack", str(new), "--firms", "3",
         "--expect", "rooftop_pv_ems"]
    )  # fmt: skip
    assert code == 0  # the same catalogue: no plan changes
    assert "3 synthetic firms, 0 plans or target paths changed" in capsys.readouterr().out

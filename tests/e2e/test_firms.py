"""Firms that are not the personas: what a demanding consultant checks in their plans.

Thirty-six answer files in tests/fixtures/firms, written for this check (sectors the personas
do not cover: a dyehouse with an energy monitoring system, a 15-person family workshop, an EMS
plant, custom furniture, injection moulding, auto stamping, printing and packaging, coatings, a
CNC job shop, frozen food, a packaging-machinery maker with its own after-sales service, a
garment cut-and-sew plant that dyes nothing, a PVC pipe extruder, an aluminium die-caster, a
press shop supplying car makers, a ceramic tile kiln plant, a wooden toy maker selling on
Amazon, a GMP pharmaceutical-packaging printer, a spring maker with an ERP only finance uses,
a glassworks with a gas furnace that gave neither its revenue figure nor its headcount;
and, for catalogue 1.9.0 (tests/e2e/test_firms_more.py), a PCB fabricator, a tier-2 CNC
machining supplier under IATF 16949, a leather-shoe plant paying piece rates, a corrugated
carton plant, a lithium battery-pack assembler, a 12-person bakery central kitchen, a
medical-disposables moulder under ISO 13485 and an aluminium extruder; for catalogue 1.10.0
(tests/e2e/test_firms_sectors.py), an iron foundry, a bolt maker under IATF 16949, a wire and
cable plant, a blown-film bag maker, a cosmetics OEM filler, a steel-structure fabricator and
a rubber-seal moulder; for pack 1.7.0 (tests/e2e/test_firms_processes.py), a surgical-instrument
maker that machines and hardens its own instruments; Chinese and English;
partly covered systems; "don't know" answers). Each test below names what a consultant
would refuse to sign, and fails on the catalogue before the fix it checks (1.3.0 for the
first five, 1.4.0 for the next eight, 1.5.0 for the next ones, 1.6.0 for the
last: checked by running each against that catalogue.yaml and its engine); the first test
only holds the files to the pack, so that a change of the pack that breaks them is seen.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.engine.matching import left_out
from sme_assess.models import Answers
from sme_assess.pack.loading import Pack, load_pack

from ..conftest import FIXTURES, PACKS

FIRMS = sorted((FIXTURES / "firms").glob("*.yaml"))


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


@cache
def _evaluate(name: str, lang: str = "en") -> Evaluation:
    answers = load_answers(FIXTURES / "firms" / f"{name}.yaml")
    return evaluate(pack(), answers, Options(lang=lang))


def _with(name: str, lang: str = "en", **more: Any) -> Evaluation:
    """A firm's answers with some changed (what another firm of its kind would answer)."""
    base = load_answers(FIXTURES / "firms" / f"{name}.yaml")
    doc = Answers(
        questionnaire=base.questionnaire,
        questionnaire_version=base.questionnaire_version,
        answers={**base.answers, **more},
    )
    return evaluate(pack(), doc, Options(lang=lang))


def _summary(sid: str, lang: str) -> str:
    sol = next(s for s in pack().catalogue.solutions if s.id == sid)
    return " ".join(sol.summary[lang].split())


def _fate(ev: Evaluation, sid: str) -> str:
    """The phase a solution is planned in, else why it was left out."""
    return _planned(ev).get(sid) or _why_left(ev, sid)


def _planned(ev: Evaluation) -> dict[str, str]:
    return {r.solution: r.phase for r in ev.recommendations}


def _why_left(ev: Evaluation, sid: str) -> str:
    left = left_out(ev.assessment, pack().catalogue, ev.profile)
    return next(x.reason.code for x in left if x.solution == sid)


def test_there_are_thirty_six_firms_and_each_fits_the_pack() -> None:
    assert len(FIRMS) == 36
    for path in FIRMS:
        ev = evaluate(pack(), load_answers(path), Options(lang="en"))
        assert not ev.ignored, (path.name, ev.ignored)
        assert ev.recommendations, path.name


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "energy management system"), ("zh", "能源管理系统")]
)
def test_the_dyehouse_with_an_energy_system_is_told_to_use_its_dashboard(
    lang: str, words: str
) -> None:
    """The Keqiao dyehouse runs an energy monitoring system (energy rung 2, meters per line,
    steam meters per machine). The energy dashboard step stays (energy per order is what it
    lacks) but must say that its own system's dashboard is the step, not a second system."""
    ev = _evaluate("dyehouse_energy_system", lang)
    rec = next(r for r in ev.recommendations if r.solution == "energy_dashboard")
    summary = next(s for s in pack().catalogue.solutions if s.id == rec.solution).summary[lang]
    assert words in " ".join(summary.split())
    # what it has in full is never sold: steam meters per machine, online emission monitoring
    assert "steam_gas_metering" not in _planned(ev)
    assert "emission_monitoring" not in _planned(ev)


def test_a_fifteen_person_workshop_first_year_budget_fits_its_size(cli: Any) -> None:
    """Shunde, 15 people, ¥2.5M revenue, no system. Catalogue 1.3.0 planned 22 measures for
    the first 12 months, ¥286k in the first year (one-off + 12 months of subscriptions, 11 %
    of revenue): a cloud ERP beside the one-SaaS bundle, a ¥4k-a-month IT retainer, HR with a
    skills matrix, an AI assistant, a ¥50-300k shop-floor network. A consultant would keep it
    to about 6 % of revenue and to one system for the whole plant."""
    result = cli("score", str(FIXTURES / "firms" / "family_workshop.yaml"), "--format", "json")
    assert result.exit_code == 0, result.output
    year = json.loads(result.stdout)["action_plan"]["months_12"]
    first_year = year["one_off"]["high"] + 12 * year["monthly"]["high"]
    assert first_year <= 150_000, first_year
    ev = _evaluate("family_workshop")
    planned = _planned(ev)
    assert planned.get("light_production_saas") == "now"
    for sid in ("cloud_erp", "it_service_retainer", "equipment_network", "hr_attendance_skills"):
        assert sid not in planned, sid
        assert _why_left(ev, sid) == "left_size"


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "takes the orders and items from the ERP"), ("zh", "从ERP取订单和物料")],
)
def test_a_job_shop_with_a_cloud_erp_is_told_to_keep_orders_and_stock_once(
    lang: str, words: str
) -> None:
    """Kunshan CNC job shop with a cloud ERP for quotes, orders and stock: its first system
    is the one-SaaS bundle, which keeps orders and stock of its own. Catalogue 1.3.0 did not
    say a word about the ERP: a second list of orders and items, the "every department has
    its own numbers" it was meant to end. The step now says to take them from the ERP."""
    ev = _evaluate("cnc_job_shop_en", lang)
    assert _planned(ev).get("light_production_saas") == "now"
    saas = next(s for s in pack().catalogue.solutions if s.id == "light_production_saas")
    assert words in " ".join(saas.summary[lang].split())


def test_rooftop_solar_is_not_offered_where_energy_is_under_three_percent_of_cost() -> None:
    """The Suzhou EMS plant (energy under 3 % of its cost) was told to put ¥1.2M of rooftop
    solar in its next twelve months; the frozen-food plant (8-15 %) keeps it."""
    ems = _evaluate("ems_assembler_en")
    assert "rooftop_pv_ems" not in _planned(ems)
    assert _why_left(ems, "rooftop_pv_ems") == "left_not_applicable"
    assert "rooftop_pv_ems" in _planned(_evaluate("frozen_food_haccp"))


def test_an_injection_moulder_is_told_to_manage_its_moulds_and_a_machining_shop_is_not() -> None:
    """Yuyao, 55 people, 28 presses, 300 moulds on Excel cards, shot counts copied from the
    machine counters: mould management is a moulder's first win. Catalogue 1.4.0 ranked it
    beyond the 30 measures the plan keeps (a 2-of-3 remedy for one pain), under a CRM, an AI
    assistant and data classification. Raised weights must not reach a machining shop that
    runs no dies (metal products; the pack does not ask), nor a stamping plant whose EAM
    keeps its dies, nor a pipe extruder (a process plant: its dies count no shots)."""
    ev = _evaluate("injection_moulder")
    assert _planned(ev).get("mould_management") in ("now", "next")
    assert "process settings" in _summary("mould_management", "en")
    for name in ("family_workshop", "cnc_job_shop_en", "metal_stamping", "pipe_extrusion"):
        assert "mould_management" not in _planned(_evaluate(name)), name
    assert _why_left(_evaluate("metal_stamping"), "mould_management") == "left_in_place"
    assert _why_left(_evaluate("pipe_extrusion"), "mould_management") == "left_not_applicable"


def test_a_contract_manufacturer_is_not_told_to_sell_online_or_service_in_the_field() -> None:
    """The Suzhou EMS plant builds its customers' designs: it has no products in the field and
    sells to its customers, not online. Catalogue 1.4.0 put an online shop and remote
    diagnosis of sold equipment in its next twelve months (a category gap alone called for
    them). A machinery maker that services its machines, and names sales and service, keeps
    remote diagnosis open."""
    ems = _evaluate("ems_assembler_en")
    for sid in ("ecommerce_channel", "remote_diagnosis"):
        assert sid not in _planned(ems), sid
        assert _why_left(ems, sid) == "left_not_applicable", sid
    oem = _evaluate("machinery_oem_service")
    assert _fate(oem, "remote_diagnosis") in ("now", "next", "later", "left_plan_limit")
    assert "service_ticketing" in _planned(oem)
    # an owner who names sales and service is still offered an online channel
    named = _with("ems_assembler_en", priorities=["customer", "quality"])
    assert _fate(named, "ecommerce_channel") != "left_not_applicable"


def test_a_small_firm_starts_one_sales_system_at_a_time() -> None:
    """Foshan custom furniture, 85 people, customers on salespeople's phones. Catalogue 1.4.0
    put a cloud CRM (customers and quotes) and a quoting tool both in "now": two sales systems
    in the same quarter. Quoting rates go into the CRM once it holds the customers."""
    planned = _planned(_evaluate("custom_furniture"))
    assert planned.get("cloud_crm") == "now"
    assert planned.get("quoting_tool") in ("next", "later")
    # a micro plant with no CRM keeps quoting (its few customers order by chat)
    assert "quoting_tool" in _planned(_evaluate("family_workshop"))


@pytest.mark.parametrize(("lang", "words"), [("en", "keep those meters"), ("zh", "保留原表")])
def test_sub_metering_beside_workshop_meters(lang: str, words: str) -> None:
    """A firm that reads energy per workshop already: catalogue 1.4.0 offered sub-metering as
    if it had only the bill. Where energy is under 3 % of cost (the EMS plant; the Ningbo
    garment plant, 260 people, energy on the bill only) ¥40k of meters is not a step unless
    the owner names energy among the biggest problems; where it is 8-15 % (the moulder) the
    step says to keep the workshop meters and add the lines and big machines."""
    for name in ("ems_assembler_en", "garment_cut_and_sew"):
        ev = _evaluate(name)
        assert "energy_submetering" not in _planned(ev), name
        assert _why_left(ev, "energy_submetering") == "left_not_applicable", name
    named = _with("garment_cut_and_sew", priorities=["green", "production"])
    assert "energy_submetering" in _planned(named)
    assert "energy_submetering" in _planned(_evaluate("injection_moulder"))
    assert words in _summary("energy_submetering", lang)


def test_a_carbon_footprint_is_not_a_sales_measure() -> None:
    """The Kunshan job shop named sales and service among its biggest problems; catalogue
    1.4.0 gave carbon footprint accounting the reason "you named Sales and service"."""
    for name in ("cnc_job_shop_en", "frozen_food_haccp", "injection_moulder"):
        for rec in _evaluate(name).recommendations:
            if rec.solution != "carbon_footprint":
                continue
            for reason in rec.reasons:
                if reason.code == "owner_priority":
                    assert "customer" not in reason.get("areas"), name


def test_an_iso_13485_plant_is_not_told_to_validate_its_energy_dashboard() -> None:
    """The EMS plant (ISO 13485 for one customer), were energy 8-15 % of its cost: catalogue
    1.4.0 told it to validate the energy dashboard (URS, IQ/OQ/PQ), which keeps no regulated
    record. The caution stays on systems that may."""
    ev = _with("ems_assembler_en", energy_share="p8_15")
    rec = next(r for r in ev.recommendations if r.solution == "energy_dashboard")
    assert "plan_note" not in [x.code for x in rec.reasons]
    noted = [r.solution for r in ev.recommendations if "plan_note" in [x.code for x in r.reasons]]
    assert noted, "the validation caution disappeared from every system"


def test_a_garment_plant_that_dyes_nothing_gets_no_dyehouse_or_meter_measures() -> None:
    """The Ningbo cut-and-sew plant buys dyed fabric (textiles and apparel, discrete, energy
    under 3 % of cost): the dyehouse and heat-metering measures of its sector must not reach
    it, nor ¥40k of electricity meters (catalogue 1.4.0 planned them, and the energy dashboard
    after them); its first shop-floor step is the piece-rate tickets scanned on the lines."""
    ev = _evaluate("garment_cut_and_sew")
    for sid in ("dyehouse_central_control", "dye_dispensing", "steam_gas_metering"):
        assert _why_left(ev, sid) == "left_not_applicable", sid
    for sid in ("energy_submetering", "energy_dashboard"):
        assert sid not in _planned(ev), sid
    assert _planned(ev).get("scan_reporting") == "now"


def _pain_ids(ev: Evaluation) -> list[str]:
    """The raised pain points, most severe first."""
    return [h.id for h in sorted(ev.assessment.pain_points, key=lambda h: -h.severity)]


def test_an_injection_moulder_with_workshop_meters_is_not_told_energy_is_its_first_pain() -> None:
    """Yuyao moulder, energy 8-15 % of cost, electricity read per workshop. Catalogue 1.5.0
    put "energy cost per product is unknown" first, at the weight of a plant that has only the
    bill. Its workshop meters now count: the pain stays (energy per product is still unknown)
    but below what it has not started; a plant with the bill alone is told just that."""
    moulder = _pain_ids(_evaluate("injection_moulder"))
    assert "energy_cost_unknown" in moulder
    assert moulder[0] != "energy_cost_unknown"
    extruder = _pain_ids(_evaluate("pipe_extrusion"))  # bill only, energy over 15 %
    assert extruder[0] == "energy_bill_only"
    assert "energy_cost_unknown" not in extruder
    hit = next(h for h in pack().questionnaire.pain_points if h.id == "energy_bill_only")
    assert hit.name["en"] == "Energy is known only from the bill"


def test_a_machinery_maker_that_services_its_machines_gets_remote_diagnosis_in_its_plan() -> None:
    """Ruian packaging-machinery maker, twenty service engineers on the road, its owner's
    first named problem sales and service. Catalogue 1.5.0 ranked remote diagnosis 58th of the
    measures called for (the plan keeps 30): no pain point said what its service costs, so the
    step lived on a category gap, a third of what one raised pain weighs. It is now in the plan,
    after the service tickets it builds on, for the pain "every service call means a trip"."""
    ev = _evaluate("machinery_oem_service")
    assert "service_by_travel" in _pain_ids(ev)
    planned = _planned(ev)
    assert "remote_diagnosis" in planned
    rec = next(r for r in ev.recommendations if r.solution == "remote_diagnosis")
    pains = [x.get("pain") for x in rec.reasons if x.code == "addresses_pain"]
    assert "service_by_travel" in pains
    order = [r.solution for r in ev.recommendations]
    assert order.index("service_ticketing") < order.index("remote_diagnosis")
    # a machining shop that sells no machines (after-sales not applicable) hears nothing of it
    assert "service_by_travel" not in _pain_ids(_evaluate("cnc_job_shop_en"))


def test_a_die_caster_starts_on_its_machining_centres_and_is_not_guessed_to_need_dies() -> None:
    """Dongguan aluminium die-caster, 140 people, 35 machining centres fed programs by USB
    stick. Catalogue 1.5.0 put the step written for such shops (DNC and tool management) sixth,
    behind the shop-floor Wi-Fi and the meters: a measure of its trade ranked under steps every
    plant is offered. It now comes right after the digital lead and the one-SaaS bundle. Die
    management was not offered while the pack's answers did not tell a die-caster from a
    machining shop (both are metal products); pack 1.5.0 asks which machines and tooling it
    runs (die-casting dies and CNC machines), so it gets both, in the words of dies: die
    management second (porosity and cold shuts are its owner's first worry), DNC the first
    quick win queued after the six of "now" (catalogue 1.8.0: behind only the dies' tryout
    records, which come after the die register; catalogue 1.10.0: and the records of its
    melting furnaces and the batch traceability an IATF plant tracing in days is pointed at).
    Unsaid, neither is guessed: die management stays out and DNC says it was offered by sector
    alone."""
    ev = _evaluate("die_caster_aluminium")
    rec = next(r for r in ev.recommendations if r.solution == "cnc_program_tools")
    before = [r.solution for r in ev.recommendations if 6 < r.rank < rec.rank]
    trade = {"die_tryout_records", "furnace_heat_records", "batch_traceability"}
    assert rec.phase in ("now", "next") and set(before) <= trade, rec
    dies = next(r for r in ev.recommendations if r.solution == "mould_management")
    assert dies.phase == "now" and dies.rank <= 3, dies
    unsaid = _with("die_caster_aluminium", production_tooling="unknown")
    assert _why_left(unsaid, "mould_management") == "left_not_applicable"
    dnc = next(r for r in unsaid.recommendations if r.solution == "cnc_program_tools")
    assert any(dict(x.params).get("note") == "tooling_unasked" for x in dnc.reasons)
    assert "stroke" in _summary("mould_management", "en")
    assert "cracked dies" in _summary("mould_management", "en")
    assert "冲头" in _summary("mould_management", "zh")


def test_a_press_shop_supplying_car_makers_is_not_told_to_sell_online() -> None:
    """Wuhu stamping supplier (IATF 16949, 210 people) whose owner named winning customers
    among the biggest problems. Catalogue 1.5.0 put an online shop in its next twelve months;
    it wins business by quotations and customer audits. Its customers' delivery schedules,
    typed in every morning, are the sales step: the EDI link is in the first year."""
    ev = _evaluate("stamping_supplier_en")
    assert _why_left(ev, "ecommerce_channel") == "left_not_applicable"
    assert _planned(ev).get("customer_edi_link") in ("now", "next")


def _first_year_systems(ev: Evaluation) -> list[str]:
    systems = {s.id for s in pack().catalogue.solutions if s.new_system}
    return [r.solution for r in ev.recommendations if r.phase != "later" and r.solution in systems]


def test_a_small_firm_is_not_asked_to_start_five_systems_in_its_first_year() -> None:
    """Catalogue 1.5.0 planned five new systems within twelve months for the 15-person family
    workshop and nine for the 85-person furniture plant (a CRM, quoting, service tickets, HR,
    a plan board, repair tickets, APS, inspection, the cut-list loop): no small plant learns
    that many at once. The first year now holds at most two new systems in "now" and, after
    them, one more for a micro plant, three for a small one and four for a medium one; the
    least valuable wait in "later", measures written for the firm's sector kept first."""
    assert len(_first_year_systems(_evaluate("family_workshop"))) <= 3
    furniture = _evaluate("custom_furniture")
    assert len(_first_year_systems(furniture)) <= 5
    assert _planned(furniture).get("furniture_order_loop") in ("now", "next")
    # the cap moves steps to "later", it does not drop them
    assert "quoting_tool" in _planned(_evaluate("family_workshop"))


def test_a_step_the_first_year_cap_put_off_says_why_it_waits() -> None:
    """The family workshop's quoting tool and drawing library were put in "later" by the first
    year's cap with nothing saying so: an owner read a step that tackles three of its raised
    pain points scheduled for next year and had no way to tell it was waiting only so that the
    workshop is not asked to learn two systems at once. Each such step now says it, right
    after its main reason (a report shows four), in English and Chinese; a step that is in
    "later" for another reason does not."""
    for lang, words in (("en", "put off to later"), ("zh", "放到之后再做")):
        ev = _evaluate("family_workshop", lang)
        systems = {s.id for s in pack().catalogue.solutions if s.new_system}
        recs = ev.result.recommendations
        capped = [r for r in recs if r.phase == "later" and r.solution in systems]
        told = [r for r in capped if any(x.code == "first_year_cap" for x in r.reasons)]
        assert {r.solution for r in told} >= {"quoting_tool"}, capped
        for rec in told:
            shown = rec.reasons[:4]
            cap = next(x for x in shown if x.code == "first_year_cap")
            assert words in cap.text and "1" in cap.text, cap.text
        others = [r for r in recs if r.phase != "later"]
        assert not any(x.code == "first_year_cap" for r in others for x in r.reasons)


def test_a_wooden_toy_maker_is_not_sold_the_custom_furniture_cut_list_loop() -> None:
    """Yunhe, 25 people, wooden toys made in batches and sold on Amazon: no design software,
    no orders to split into panels, no installers. Catalogue 1.6.0 put "Custom furniture: cut
    list to production, packing and installation" (¥120k, a new system) in its first year,
    for its sector alone (furniture_wood holds toys, stairs and flooring too). Custom furniture
    is designed in CAD or cut-list software: without it ticked the loop does not apply; the
    custom furniture plant keeps it, and an owner who did not say which systems run keeps it
    too (silence rules nothing out)."""
    toys = _evaluate("wooden_toys_amazon_en")
    assert "furniture_order_loop" not in _planned(toys)
    assert _why_left(toys, "furniture_order_loop") == "left_not_applicable"
    assert _planned(_evaluate("custom_furniture")).get("furniture_order_loop") in ("now", "next")
    base = load_answers(FIXTURES / "firms" / "custom_furniture.yaml")
    kept = {k: v for k, v in base.answers.items() if k != "systems_in_use"}
    doc = Answers(questionnaire=base.questionnaire, answers=kept)
    silent = evaluate(pack(), doc, Options(lang="en"))
    assert "furniture_order_loop" in _planned(silent)

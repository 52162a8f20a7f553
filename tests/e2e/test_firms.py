"""Firms that are not the personas: what a demanding consultant checks in their plans.

Ten answer files in tests/fixtures/firms, written for this check (sectors the personas do not
cover: a dyehouse with an energy monitoring system, a 15-person family workshop, an EMS plant,
custom furniture, injection moulding, auto stamping, printing and packaging, coatings, a CNC
job shop, frozen food; Chinese and English; partly covered systems; "don't know" answers).
Each test below names what a consultant would refuse to sign, and fails on catalogue 1.3.0
(checked by running it against main's catalogue.yaml); the first test only holds the files
to the pack, so that a change of the pack that breaks them is seen.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.engine.matching import left_out
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


def _planned(ev: Evaluation) -> dict[str, str]:
    return {r.solution: r.phase for r in ev.recommendations}


def _why_left(ev: Evaluation, sid: str) -> str:
    left = left_out(ev.assessment, pack().catalogue, ev.profile)
    return next(x.reason.code for x in left if x.solution == sid)


def test_there_are_ten_firms_and_each_fits_the_pack() -> None:
    assert len(FIRMS) == 10
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

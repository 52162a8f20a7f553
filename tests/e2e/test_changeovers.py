"""Pack 1.6.0: what a die or mould plant says about its changeovers and tryouts, and what an
electronics plant says about SMT lines, decides the steps written for them.

Catalogue 1.8.0 offered quick die change (SMED) and tryout records to every plant that runs
moulds or dies, and no answer could find them in place: a stamper with die carts, timed
changes and signed tryout sheets was told to start both. The SMT step went to every
electronics plant by sector, a bare-board maker and a battery-pack assembler included. These
tests fail on pack 1.5.0 (its answers cannot say any of it)."""

from __future__ import annotations

import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Options, evaluate

from ..conftest import FIXTURES
from .test_firms import _evaluate, _planned, _why_left, _with, pack

DONE = ["changeover_timed", "quick_change", "tryout_records"]


@pytest.mark.parametrize(
    "name", ["die_caster_aluminium", "metal_stamping", "stamping_supplier_en", "injection_moulder"]
)
def test_a_die_plant_that_already_runs_quick_changes_and_tryout_records_is_not_told_to_start_them(
    name: str,
) -> None:
    assert {"quick_die_change", "die_tryout_records"} <= set(_planned(_evaluate(name)))
    ev = _with(name, changeover_practice=DONE)
    assert _why_left(ev, "quick_die_change") == "left_in_place"
    assert _why_left(ev, "die_tryout_records") == "left_in_place"


def test_tryout_records_alone_leave_quick_die_change_in_the_plan() -> None:
    ev = _with("metal_stamping", changeover_practice=["tryout_records"])
    assert "quick_die_change" in _planned(ev)
    assert _why_left(ev, "die_tryout_records") == "left_in_place"


@pytest.mark.parametrize(
    ("ticked", "lang", "words"),
    [
        (["changeover_timed"], "en", "your changeovers are timed already"),
        (["changeover_timed"], "zh", "换模时间已经在记了"),
        (["quick_change"], "en", "each change's start and end in the work reports"),
        (["quick_change"], "zh", "每次换模的开始和结束时间记进报工"),
    ],
)
def test_half_of_quick_die_change_done_keeps_the_step_for_the_other_half(
    ticked: list[str], lang: str, words: str
) -> None:
    ev = _with("injection_moulder", lang, changeover_practice=ticked)
    rec = next(r for r in ev.result.recommendations if r.solution == "quick_die_change")
    notes = [x.text for x in rec.reasons if x.code == "plan_note"]
    assert any(words in n for n in notes), notes
    assert not any(x.code == "in_place_unasked" for x in rec.reasons)


@pytest.mark.parametrize("said", ["unknown", "left out"])
def test_an_unsaid_changeover_answer_never_puts_a_step_in_place(said: str) -> None:
    """ "Don't know", or no answer: both steps stay, the plan saying the question is open."""
    if said == "unknown":
        ev = _with("die_caster_aluminium", changeover_practice="unknown")
    else:
        base = load_answers(FIXTURES / "firms" / "die_caster_aluminium.yaml")
        assert "changeover_practice" not in base.answers
        ev = evaluate(pack(), base, Options(lang="en"))
    for sid in ("quick_die_change", "die_tryout_records"):
        rec = next(r for r in ev.result.recommendations if r.solution == sid)
        cautions = [x.text for x in rec.reasons if x.code == "in_place_unasked"]
        assert any("How are die and mould changes and" in c for c in cautions), (sid, cautions)


def test_none_of_these_keeps_both_steps_without_a_caution() -> None:
    ev = _with("metal_stamping", changeover_practice=["none"])
    for sid in ("quick_die_change", "die_tryout_records"):
        rec = next(r for r in ev.result.recommendations if r.solution == sid)
        assert not any(x.code == "in_place_unasked" for x in rec.reasons), sid


def test_an_smt_assembler_that_ticks_smt_lines_gets_feeder_checks_without_a_skip_note() -> None:
    """The electronics persona (180 people, SMT lines, traceability on paper) ticks SMT lines:
    the step is planned, no longer with "a bare-board maker ... should skip it" beside it;
    the same plant saying it runs none of the listed machines is not offered it, and the EMS
    plant with feeder checks in daily use has it in place."""
    answers = load_answers(FIXTURES / "personas" / "electronics_assembler.yaml")
    assert answers.answers["production_tooling"] == ["smt_lines"]
    ev = evaluate(pack(), answers, Options(lang="en"))
    rec = next(r for r in ev.result.recommendations if r.solution == "smt_traceability")
    assert not any("should skip it" in x.text for x in rec.reasons)
    none = answers.model_copy(
        update={"answers": {**answers.answers, "production_tooling": ["none"]}}
    )
    assert _why_left(evaluate(pack(), none, Options(lang="en")), "smt_traceability") == (
        "left_not_applicable"
    )
    assert _why_left(_evaluate("ems_assembler_en"), "smt_traceability") == "left_in_place"


def test_smt_lines_ticked_outside_electronics_still_get_the_step() -> None:
    """A car-electronics line in an auto-parts plant: the answer is the surer fact."""
    assert _why_left(_evaluate("tier2_machining_iatf_en"), "smt_traceability") in (
        "left_sector",
        "left_not_applicable",
    )
    ev = _with("tier2_machining_iatf_en", production_tooling=["cnc", "smt_lines"])
    assert "smt_traceability" in _planned(ev)

"""The built-in pack scores what the review (section 3, rows 13-15, 20, 22) says it must: how
well systems work together, not how many there are; knowledge capture once; no credit for
selling online; and an honest rung for a firm whose one ERP carries the whole order."""

from __future__ import annotations

from functools import cache
from typing import Any

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.models import Answers
from sme_assess.models.questionnaire import ScaleQuestion
from sme_assess.pack.loading import Pack, load_pack

from ..conftest import FIXTURES, PACKS


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


@cache
def electronics() -> Answers:
    # a cloud ERP for sales, purchasing, stock and finance; production typed in by clerks
    return load_answers(FIXTURES / "personas" / "electronics_assembler.yaml")


def _with(**changes: Any) -> Evaluation:
    base = electronics()
    answers = base.model_copy(update={"answers": {**base.answers, **changes}})
    return evaluate(pack(), answers, Options(lang="en"))


def _scores(ev: Evaluation) -> dict[str, float | None]:
    return {c.id: c.score for c in ev.assessment.categories}


def test_six_unconnected_systems_score_below_two_that_are_connected() -> None:
    six = _with(
        systems_in_use=["finance", "erp", "mes", "wms", "crm", "oa"],
        erp_shopfloor_data="typed_daily",
        data_integration="files",
    )
    two = _with(
        systems_in_use=["erp", "mes"], erp_shopfloor_data="interface", data_integration="interfaces"
    )
    assert (_scores(six)["data"] or 0) < (_scores(two)["data"] or 0)
    assert (six.assessment.overall_score or 0) < (two.assessment.overall_score or 0)
    # ticking more systems moves no score at all; finance software and an ERP no longer
    # count twice
    one = _with(systems_in_use=["erp"], erp_shopfloor_data="typed_daily", data_integration="files")
    assert _scores(six) == _scores(one)


def test_the_systems_ticked_still_decide_what_the_plan_calls_in_place() -> None:
    with_mes = _with(systems_in_use=["finance", "erp", "mes"], mes_coverage="all")
    without = _with(systems_in_use=["finance", "erp"])
    assert "mes_lite" not in [r.solution for r in with_mes.recommendations]
    assert "mes_lite" in [r.solution for r in without.recommendations]


def test_know_how_counts_once_in_design_and_still_raises_its_pain() -> None:
    written = _with(know_how="knowledge_system", sc_process_design="l1")
    in_heads = _with(know_how="heads", sc_process_design="l1")
    assert _scores(written)["design"] == _scores(in_heads)["design"]
    pains = {h.id for h in in_heads.assessment.pain_points}
    assert "design_knowledge_in_heads" in pains
    assert "design_knowledge_in_heads" not in {h.id for h in written.assessment.pain_points}
    # the process ladder carries the score: a better rung, a better design score
    better = _with(know_how="heads", sc_process_design="l2")
    assert (_scores(better)["design"] or 0) > (_scores(in_heads)["design"] or 0)


def test_a_contract_manufacturer_is_not_marked_down_for_not_selling_online() -> None:
    online, offline = _with(online_channels=True), _with(online_channels=False)
    assert _scores(online) == _scores(offline)
    # the plan still knows whether online sales are in place
    assert "ecommerce_channel" not in [r.solution for r in online.recommendations]


def test_a_firm_whose_one_erp_carries_the_order_has_an_honest_rung_that_meets_stage_3() -> None:
    q = pack().questionnaire.question("data_integration")
    assert isinstance(q, ScaleQuestion)
    rung = next(o for o in q.options if o.value == "interfaces")
    assert rung.descriptor is not None
    assert "one system" in rung.descriptor["en"] and "同一个系统" in rung.descriptor["zh"]
    assert "ERP, MES" not in rung.descriptor["en"]  # no longer four systems by name
    ev = _with(systems_in_use=["erp"], erp_shopfloor_data="scanned", data_integration="interfaces")
    stage3 = next(c for c in ev.assessment.level_checks if c.level == 3)
    assert any(
        r.code == "requirement_met" and r.get("question") == "data_integration"
        for r in stage3.reasons
    )


def _miit_outcome_points(ev: Evaluation) -> float:
    found = ev.estimates[0]
    return sum(ip.points for ip in found.items if ip.item.group == "outcomes")


def test_a_firm_with_no_retrofit_gets_nothing_for_retrofit_comparisons() -> None:
    """'Compared with before your digital retrofit' means nothing to a firm that has not
    finished one: its answers there (the first option, what Enter picks, is the best) gave a
    not-started firm outcome scores and MIIT outcome points. They are not asked of it now, and
    answers given anyway are set aside, said, and score nothing."""
    for stage in ("none", "learning", "planned"):
        claimed = _with(
            digital_stage=stage, out_energy_per_revenue="improved", out_yield="improved"
        )
        base = electronics()
        kept = {
            k: v
            for k, v in base.answers.items()
            if k not in ("out_energy_per_revenue", "out_yield")
        }
        silent = evaluate(
            pack(),
            base.model_copy(update={"answers": {**kept, "digital_stage": stage}}),
            Options(lang="en"),
        )
        assert _scores(claimed) == _scores(silent)
        assert _miit_outcome_points(claimed) == _miit_outcome_points(silent)
        said = [str(p) for p in claimed.ignored]
        assert "out_yield: not asked, because of earlier answers" in said
    done = _with(digital_stage="started", out_energy_per_revenue="improved", out_yield="improved")
    worse = _with(digital_stage="started", out_energy_per_revenue="worse", out_yield="worse")
    assert (_scores(done)["outcomes"] or 0) > (_scores(worse)["outcomes"] or 0)
    assert _miit_outcome_points(done) > _miit_outcome_points(worse)

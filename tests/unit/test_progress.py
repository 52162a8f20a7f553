"""`compare`'s core on persona pairs: the deltas a person checks by hand."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.engine.progress import compare, score_answers
from sme_assess.errors import UsageError
from sme_assess.models.progress import Progress
from sme_assess.pack.loading import Pack, load_pack

from ..conftest import FIXTURES, PACKS, SAMPLE

BEFORE = FIXTURES / "personas"
AFTER = FIXTURES / "progress"


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


def ev(path: Path, lang: str | None = None) -> Evaluation:
    return evaluate(pack(), load_answers(path), Options(lang=lang))


@cache
def pair(name: str) -> Progress:
    return compare(ev(BEFORE / f"{name}.yaml"), ev(AFTER / f"{name}_after.yaml"))


def moved(p: Progress) -> dict[str, float]:
    return {c.id: c.score.change for c in p.categories if c.score.change}  # type: ignore[misc]


def test_job_shop_that_named_a_digital_lead_and_scans_work_reports() -> None:
    p = pair("job_shop")
    assert (p.date_before, p.date_after) == ("2026-11-20", "2027-05-20")
    # only strategy (the lead), data (scanned reports feed the system) and production moved
    assert set(moved(p)) == {"strategy", "data", "production"}
    assert all(change > 0 for change in moved(p).values())
    strategy = next(c for c in p.categories if c.id == "strategy")
    # the lead raises the score, but with digital work not yet started (digital_stage: none,
    # asked since pack 1.1.0) strategy stays at stage 0
    assert (strategy.stage.before, strategy.stage.after, strategy.stage.moved_up) == (0, 0, False)
    assert strategy.score.change is not None and strategy.score.change > 5
    assert p.overall.change == pytest.approx(p.overall.after - p.overall.before, abs=0.05)  # type: ignore[operator]
    assert p.overall.change and p.overall.change > 0
    assert (p.stage.before, p.stage.after, p.stage.moved_up) == (0, 0, False)
    assert [i.id for i in p.pains_resolved] == ["no_digital_owner"]
    assert p.pains_new == []
    # the lead was in the plan; scan reporting is a part of the SaaS bundle in the plan
    in_place = {i.id: i.part_of for i in p.now_in_place}
    assert set(in_place) == {"digital_lead", "scan_reporting"}
    assert in_place["digital_lead"] is None
    assert in_place["scan_reporting"] == "轻量一体化生产管理SaaS"  # the answers are in Chinese
    assert "digital_lead" not in [m.solution for m in p.next_moves]
    assert p.notes == []


def test_auto_parts_supplier_that_integrated_erp_and_mes() -> None:
    p = pair("auto_parts")
    assert set(moved(p)) == {"data", "production"}
    production = next(c for c in p.categories if c.id == "production")
    assert (production.stage.before, production.stage.after) == (2, 3)
    assert production.score.change is not None and production.score.change > 15
    # overall still stage 2: "Integrated" needs 8 of the 16 scenarios at rung 3 and a year
    # later 4 are (planning and production control joined quality and warehousing)
    assert (p.stage.before, p.stage.after, p.stage.moved_up) == (2, 2, False)
    # scheduling now runs automatically in the MES (planning rung 3): what an APS would give
    assert [i.id for i in p.now_in_place] == ["aps_scheduling", "data_platform"]
    assert p.pains_resolved == [] and p.pains_new == []
    assert p.next_moves and all(m.phase == "now" for m in p.next_moves)
    assert "data_platform" not in [m.solution for m in p.next_moves]


def test_going_backwards_shows_new_pains_and_negative_changes() -> None:
    p = compare(ev(AFTER / "job_shop_after.yaml"), ev(BEFORE / "job_shop.yaml"))
    assert [i.id for i in p.pains_new] == ["no_digital_owner"]
    assert all(change < 0 for change in moved(p).values())
    assert p.now_in_place == []
    # the "earlier" file is dated after the later one: said, never reordered
    assert any("2027-05-20 > 2026-11-20" in n for n in p.notes)
    assert p.date_before == "2027-05-20"


def test_different_company_is_a_note_and_missing_dates_too() -> None:
    before = load_answers(BEFORE / "job_shop.yaml")
    other = before.model_copy(
        update={
            "respondent": before.respondent.model_copy(update={"company": "别的厂", "date": None})
        }
    )
    undated = before.model_copy(
        update={"respondent": before.respondent.model_copy(update={"date": None})}
    )
    p = compare(evaluate(pack(), undated, Options()), evaluate(pack(), other, Options()))
    assert any("别的厂" in n and "台州恒锐" in n for n in p.notes)
    assert any("第一个文件" in n for n in p.notes)  # no dates: file order, said (in Chinese)


def test_different_pack_versions_are_allowed_and_the_changed_questions_named() -> None:
    before = load_answers(BEFORE / "auto_parts.yaml")
    older = before.model_copy(
        update={
            "questionnaire_version": "0.9.0",
            "answers": {**before.answers, "erp_modules_count": 4},  # a question since removed
        }
    )
    p = compare(
        score_answers(pack(), older, False, None, "t0.yaml"), ev(AFTER / "auto_parts_after.yaml")
    )
    assert any("0.9.0" in n and "1.7.0" in n for n in p.notes)
    assert any("erp_modules_count" in n for n in p.notes)
    assert moved(p) == moved(pair("auto_parts"))  # the rest compares as before


def test_different_questionnaires_are_refused() -> None:
    sample = load_pack(SAMPLE)
    small = evaluate(sample, load_answers(FIXTURES / "answers" / "sample_small.yaml"))
    with pytest.raises(UsageError, match="different questionnaires"):
        compare(small, ev(BEFORE / "job_shop.yaml"))


@dataclass(frozen=True)
class FakeEstimate:
    """The shape of an official-framework estimate (issue 12's Result.estimates)."""

    framework: str
    level: int
    level_label: str
    points: float
    held_back_by: str | None


class WithEstimates:
    def __init__(self, result: object, estimates: list[FakeEstimate]) -> None:
        self._result, self.estimates = result, estimates

    def __getattr__(self, name: str) -> object:
        return getattr(self._result, name)


def test_framework_estimates_before_and_after_name_the_gate_passed() -> None:
    b, a = ev(BEFORE / "job_shop.yaml"), ev(AFTER / "job_shop_after.yaml")
    before = b._replace(
        result=WithEstimates(b.result, [FakeEstimate("miit2024", 1, "一级", 31.0, "二级：数据")])
    )  # type: ignore[arg-type]
    after = a._replace(
        result=WithEstimates(a.result, [FakeEstimate("miit2024", 2, "二级", 44.0, "三级：集成")])
    )  # type: ignore[arg-type]
    [e] = compare(before, after).estimates
    assert (e.framework, e.level_before, e.level_after, e.passed_level_2) == (
        "miit2024",
        1,
        2,
        True,
    )
    assert (e.label_before, e.label_after, e.held_back_by) == ("一级", "二级", "三级：集成")
    still = a._replace(
        result=WithEstimates(a.result, [FakeEstimate("miit2024", 1, "一级", 35.0, "二级：数据")])
    )  # type: ignore[arg-type]
    [e] = compare(before, still).estimates
    assert e.passed_level_2 is False and e.held_back_by == "二级：数据"
    # no estimates in the result: compare says nothing about them
    bare_b = b._replace(result=WithEstimates(b.result, []))  # type: ignore[arg-type]
    bare_a = a._replace(result=WithEstimates(a.result, []))  # type: ignore[arg-type]
    assert compare(bare_b, bare_a).estimates == []
    # the built-in pack's own MIIT estimate comes through, the gate that holds it in words
    real = {e.framework: e for e in compare(b, a).estimates}
    miit = real["miit_2024"]
    assert (miit.level_before, miit.level_after, miit.passed_level_2) == (0, 0, False)
    assert miit.label_after == "未达一级"
    assert miit.held_back_by is not None and miit.held_back_by.startswith("一级还差")

"""The built-in pack covers what it promises: the official frameworks' ground, both
languages everywhere, and a catalogue whose ladder holds together."""

from __future__ import annotations

from functools import cache

from sme_assess.models.questionnaire import ScaleQuestion
from sme_assess.pack.loading import Pack, load_pack
from sme_assess.pack.validation import is_scored, iter_texts
from sme_assess.pack.validation_conditions import _cycles

from ..conftest import PACKS

SCENARIOS = {
    "product_design",
    "process_design",
    "marketing",
    "after_sales",
    "planning_scheduling",
    "production_control",
    "quality",
    "equipment_management",
    "production_safety",
    "energy",
    "purchasing",
    "warehousing_logistics",
    "finance",
    "hr",
    "collaborative_office",
    "decision_support",
}
MIIT = {f"scenario:{s}" for s in SCENARIOS} | {
    "foundation:network_build",
    "foundation:equipment_digitisation",
    "foundation:equipment_networking",
    "foundation:data_collection",
    "foundation:system_coverage",
    "foundation:security",
    "management:planning",
    "management:talent",
    "management:spend",
    "outcomes:energy_per_revenue",
    "outcomes:yield",
    "outcomes:revenue_per_head",
    "outcomes:cost_per_revenue",
}
GBT = {
    "strategy",
    "organisation",
    "skills",
    "data",
    "integration",
    "information_security",
    "equipment",
    "network",
    "design",
    "process",
    "purchasing",
    "planning_scheduling",
    "production_operations",
    "equipment_management",
    "warehousing_distribution",
    "safety_environment",
    "energy",
    "logistics",
    "sales",
    "customer_service",
    "product_service",
}
DMA = {
    "digital_business_strategy",
    "digital_readiness",
    "human_centric",
    "data_management",
    "automation_ai",
    "green",
}


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


def test_all_sixteen_scenarios_have_a_level_ladder() -> None:
    found = {}
    for question in pack().questionnaire.questions():
        if not isinstance(question, ScaleQuestion):
            continue
        for ref in question.refs.get("miit_2024", []):
            if ref.startswith("scenario:"):
                found[ref.removeprefix("scenario:")] = question
    assert set(found) == SCENARIOS
    for scenario, question in found.items():
        assert isinstance(question, ScaleQuestion), scenario
        scores = [o.score for o in question.options]
        assert len(scores) >= 5 and scores == sorted(scores), scenario  # level 0 then 1..4
        assert all(o.descriptor for o in question.options), scenario


def test_size_and_shape_of_the_questionnaire() -> None:
    q = pack().questionnaire
    scored = [x for x in q.questions() if is_scored(x)]
    assert 45 <= len(scored) <= 70
    assert len(q.categories) >= 8
    assert sum(1 for p in q.pain_points if p.when) >= 12
    profile = {x.profile for x in q.questions() if x.profile}
    assert {"sector", "size", "revenue", "region", "production_type"} <= profile
    assert all(x.help for x in q.questions()), "every question explains its terms"
    assert sum(1 for x in q.questions() if x.show_if) >= 3
    assert sum(1 for x in q.questions() if x.allow_na) >= 3
    kinds = {type(x).__name__ for x in q.questions()}
    assert {
        "ScaleQuestion",
        "SingleChoiceQuestion",
        "MultipleChoiceQuestion",
        "NumberQuestion",
        "YesNoQuestion",
    } <= kinds


def test_every_string_is_in_english_and_chinese() -> None:
    for model in (pack().questionnaire, pack().catalogue):
        for loc, text in iter_texts(model):
            if isinstance(text, str):
                assert not any(ch.isalpha() for ch in text), (loc, text)
                continue
            assert text.get("en", "").strip() and text.get("zh", "").strip(), loc
            # words, not just "%"; a term used as-is in Chinese too ("ERP") is fine
            if any(ch.isalpha() for ch in text["en"]) and text["zh"] != text["en"]:
                assert any("\u4e00" <= ch <= "\u9fff" for ch in text["zh"]), (loc, text["zh"])


def test_framework_mapping_on_every_category_and_scored_question() -> None:
    q = pack().questionnaire
    for item in [*q.categories, *(x for x in q.questions() if is_scored(x))]:
        refs = item.refs
        assert refs.get("miit_2024") and refs.get("gbt_39116") and refs.get("eu_dma"), item.id
        assert set(refs["miit_2024"]) <= MIIT, item.id
        assert set(refs["gbt_39116"]) <= GBT, item.id
        assert set(refs["eu_dma"]) <= DMA, item.id
    sources = {s.id: s for s in q.sources}
    for sid in ("miit_2024", "gbt_39116", "eu_dma"):
        assert sources[sid].edition and sources[sid].year


def test_benchmark_is_stated_with_its_source() -> None:
    q = pack().questionnaire
    bench = q.benchmarks[0]
    assert abs(sum(bench.shares.values()) - 100) < 0.5
    assert bench.source in {s.id for s in q.sources} and bench.note


def test_catalogue_covers_every_pain_point_twice_with_a_sound_ladder() -> None:
    q, c = pack().questionnaire, pack().catalogue
    assert len(c.solutions) >= 40
    for pain in q.pain_points:
        addressing = [s.id for s in c.solutions if pain.id in s.addresses.pain_points]
        assert len(addressing) >= 2, pain.id
    ids = {s.id for s in c.solutions}
    graph = {}
    for sol in c.solutions:
        assert set(sol.prerequisites.solutions) <= ids, sol.id
        assert set(sol.prerequisites.min_levels) <= {cat.id for cat in q.categories}
        assert sol.evidence, f"{sol.id} says what it lets the firm show"
        assert sol.lifts.from_level < sol.lifts.to_level
        graph[sol.id] = set(sol.prerequisites.solutions)
    assert _cycles(graph) == []
    tiers = [t.id for t in c.cost_tiers]
    quick = [
        s
        for s in c.solutions
        if tiers.index(s.cost_tier) < 2
        and s.effort == "low"
        and s.time_to_value_months <= 3
        and not s.prerequisites.solutions
    ]
    assert len(quick) >= 8, "a firm on paper needs quick wins"


def test_the_ladder_puts_foundations_first() -> None:
    by_id = {s.id: s for s in pack().catalogue.solutions}

    def needs(sid: str) -> set[str]:
        out: set[str] = set()
        stack = list(by_id[sid].prerequisites.solutions)
        while stack:
            pre = stack.pop()
            if pre not in out:
                out.add(pre)
                stack.extend(by_id[pre].prerequisites.solutions)
        return out

    predictive = [s for s in by_id if "predictive" in s]
    assert predictive and all(
        any("gateway" in p or "acquisition" in p or "monitor" in p for p in needs(s))
        for s in predictive
    )


def test_priorities_question_offers_the_categories_and_caps_ticks(tmp_path) -> None:
    import shutil

    from sme_assess.engine.answers_check import check_value
    from sme_assess.pack.checking import check_paths

    q = pack().questionnaire
    priorities = next(x for x in q.questions() if x.profile == "priorities")
    assert {o.value for o in priorities.options} == {c.id for c in q.categories}
    assert check_value(priorities, ["green", "quality", "data"]) is None
    assert "at most 3" in (check_value(priorities, ["green", "quality", "data", "talent"]) or "")
    copy = tmp_path / "pack"
    shutil.copytree(PACKS / "manufacturing-sme", copy)
    path = copy / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("- {value: outcomes, label:") == 1
    path.write_text(text.replace("- {value: outcomes, label:", "- {value: outcome, label:"))
    findings = check_paths([copy]).findings
    assert any(
        f.rule == "unknown-reference" and "'outcome' is not a category" in f.message
        for f in findings
    )

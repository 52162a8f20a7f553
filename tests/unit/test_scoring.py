"""Scoring: hand-computed examples for every rule, and properties that must always hold."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sme_assess.engine.scoring import assess
from sme_assess.models.questionnaire import (
    ScaleQuestion,
    SingleChoiceQuestion,
)
from sme_assess.pack.conditions import names, parse_condition
from sme_assess.pack.loading import load_pack
from sme_assess.pack.validation import is_scored
from sme_assess.synthetic import random_answers

from ..conftest import PACKS
from .packs_factory import questionnaire, scale


def test_question_and_category_scores_by_hand() -> None:
    q = questionnaire(
        [
            scale("q1", "a", [0, 1, 2, 4], weight=2),  # answered s2: 2/4 = 0.5
            scale("q2", "a", [0, 5], weight=1),  # answered s1: 1.0
            {
                "id": "q3",
                "type": "multiple_choice",
                "text": "q3",
                "category": "b",
                "max_score": 2,
                "options": [
                    {"value": "x", "label": "x", "score": 1},
                    {"value": "y", "label": "y", "score": 1},
                    {"value": "z", "label": "z", "score": 1},
                ],
            },
        ]
    )
    a = assess(q, {"q1": "s2", "q2": "s1", "q3": ["x", "y", "z"]})
    # category a: (2*0.5 + 1*1.0) / 3 = 66.67; b: three ticks capped at 2 of 2 = 100
    assert a.category("a").score == pytest.approx(200 / 3)
    assert a.category("b").score == pytest.approx(100)
    assert a.overall_score == pytest.approx((200 / 3 + 100) / 2)
    assert assess(q, {"q3": ["x"]}).category("b").score == pytest.approx(50)


def test_na_leaves_the_denominator_and_unknown_lowers_confidence() -> None:
    q = questionnaire(
        [
            scale("q1", "a", [0, 1], allow_na=True, allow_unknown=True),
            scale("q2", "a", [0, 1], allow_na=True, allow_unknown=True),
            scale("q3", "b", [0, 1], allow_na=True),
        ]
    )
    a = assess(q, {"q1": "s1", "q2": "n/a", "q3": "s0"})
    assert a.category("a").score == 100 and a.category("a").coverage == 1.0
    a = assess(q, {"q1": "s1", "q2": "unknown", "q3": "s0"})
    cat = a.category("a")
    assert cat.score == 100
    assert cat.coverage == 0.5 and cat.confidence == 0.5
    # a category with nothing answered is "not assessed", never 0, and drops out of overall
    a = assess(q, {"q1": "s0", "q3": "n/a"})
    assert a.category("b").score is None and a.category("b").level is None
    assert a.overall_score == 0.0  # only category a counts


def test_number_bands_and_yes_no() -> None:
    q = questionnaire(
        [
            {
                "id": "share",
                "type": "number",
                "text": "share",
                "category": "a",
                "min": 0,
                "max": 100,
                "bands": [
                    {"max": 10, "score": 0},
                    {"min": 10, "max": 40, "score": 1},
                    {"min": 40, "score": 4},
                ],
            },
            {
                "id": "erp",
                "type": "yes_no",
                "text": "erp",
                "category": "b",
                "score_yes": 2,
                "score_no": 0,
            },
        ]
    )
    assert assess(q, {"share": 9.9}).category("a").score == 0
    assert assess(q, {"share": 10}).category("a").score == 25
    assert assess(q, {"share": 100}).category("a").score == 100
    assert assess(q, {"erp": True}).category("b").score == 100
    assert assess(q, {"erp": False}).category("b").score == 0


def test_level_from_score_thresholds() -> None:
    q = questionnaire([scale("q1", "a", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])])
    assert assess(q, {"q1": "s3"}).level == 0  # 30 < 40
    assert assess(q, {"q1": "s4"}).level == 1  # 40 reaches level 1 exactly
    assert assess(q, {"q1": "s7"}).level == 2
    check = assess(q, {"q1": "s5"}).level_checks[2]
    assert not check.reached and check.reasons[0].code == "score_below"


def test_cumulative_levels_need_every_category_at_the_level_below() -> None:
    qs = [
        scale("qa", "a", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        scale("qb", "b", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    ]
    plain = questionnaire(qs)
    cumulative = questionnaire(qs, level_rules={"cumulative": True})
    answers = {"qa": "s10", "qb": "s4"}  # overall 70: level 2 by score; b is at level 1
    assert assess(plain, answers).level == 2
    a = assess(cumulative, answers)
    assert a.threshold_level == 2 and a.level == 2  # b reaches level 1, the level below 2
    answers = {"qa": "s10", "qb": "s3"}  # overall 65 (level 1); b is at level 0
    a = assess(cumulative, {"qa": "s10", "qb": "s3"})
    assert a.level == 1  # level 1 needs level 0 everywhere: fine
    answers = {"qa": "s10", "qb": "s3"}
    q3 = questionnaire(qs, levels=[0, 40, 60], level_rules={"cumulative": True})
    a = assess(q3, answers)  # overall 65 reaches 60, but b (30) is below level 1
    assert a.threshold_level == 2 and a.level == 1
    reasons = a.level_checks[2].reasons
    assert any(r.code == "categories_below" and r.get("categories") == ("b",) for r in reasons)


def test_mandatory_items_cap_the_level() -> None:
    q = questionnaire(
        [scale("qa", "a", [0, 1, 2, 3]), scale("key", "b", [0, 1, 2, 3])],
        level_rules={"requirements": [{"level": 2, "question": "key", "at_least": "s3"}]},
    )
    assert assess(q, {"qa": "s3", "key": "s3"}).level == 2
    a = assess(q, {"qa": "s3", "key": "s2"})  # overall 83 would be level 2
    assert a.threshold_level == 2 and a.level == 1
    assert any(r.code == "requirement_unmet" for r in a.level_checks[2].reasons)


def test_rule_and_threshold_pain_points_ranked_by_severity() -> None:
    q = questionnaire(
        [scale("qa", "a", [0, 1, 2, 3, 4]), scale("qb", "b", [0, 1, 2, 3, 4])],
        pain_points=[
            {"id": "pa", "name": "pa", "description": "", "category": "a", "when": "qa <= 's1'"},
            {
                "id": "pb",
                "name": "pb",
                "description": "",
                "category": "b",
                "below": 60,
                "weight": 3,
            },
            {"id": "never", "name": "n", "description": "", "category": "b", "when": "qb == 's4'"},
        ],
    )
    a = assess(q, {"qa": "s1", "qb": "s2"})
    ids = [h.id for h in a.pain_points]
    assert ids == ["pb", "pa"]  # pb: gap 0.5 x 3 = 1.5; pa: gap 0.75 x 1
    pa = a.pain_points[1]
    assert pa.severity == pytest.approx(0.75)
    assert pa.triggers[0].question == "qa" and pa.triggers[0].answer == "s1"
    assert a.pain_points[0].triggers[0].threshold == 60


def test_hidden_questions_do_not_count() -> None:
    q = questionnaire(
        [scale("gate", "a", [0, 1]), scale("deep", "a", [0, 1], show_if="gate == 's1'")]
    )
    a = assess(q, {"gate": "s0", "deep": "s1"})
    assert a.category("a").score == 0 and a.hidden_answers == ("deep",)
    assert assess(q, {"gate": "s1", "deep": "s1"}).category("a").score == 100


# --- properties on the shipped packs ------------------------------------------------------


def _packs() -> list[Path]:
    return sorted(p for p in PACKS.iterdir() if (p / "catalogue.yaml").is_file())


def _random_answers(q, rnd: random.Random) -> dict:
    return random_answers(q, rnd)


@pytest.fixture(scope="module", params=_packs(), ids=lambda p: p.name)
def pack(request):
    return load_pack(request.param)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_scores_stay_in_range_and_are_deterministic(pack, seed: int) -> None:
    q = pack.questionnaire
    answers = _random_answers(q, random.Random(seed))
    a = assess(q, answers)
    for cat in a.categories:
        assert cat.score is None or 0 <= cat.score <= 100
        assert 0 <= cat.coverage <= 1 and 0 <= cat.confidence <= 1
    assert a.overall_score is None or 0 <= a.overall_score <= 100
    shuffled = list(answers.items())
    random.Random(seed + 1).shuffle(shuffled)
    b = assess(q, dict(shuffled))
    assert [c.score for c in a.categories] == [c.score for c in b.categories]
    assert (a.overall_score, a.level, a.pain_points) == (b.overall_score, b.level, b.pain_points)


def _referenced(q) -> set[str]:
    used: set[str] = set()
    for section in q.sections:
        for source in [section.show_if] + [x.show_if for x in section.questions]:
            if source:
                used.update(names(parse_condition(source)))
    return used


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_a_better_answer_never_lowers_a_score(pack, seed: int) -> None:
    q = pack.questionnaire
    rnd = random.Random(seed)
    answers = _random_answers(q, rnd)
    gated = _referenced(q)
    choices = [
        x
        for x in q.questions()
        if isinstance(x, SingleChoiceQuestion | ScaleQuestion)
        and is_scored(x)
        and x.id not in gated
        and x.id in answers
        and answers[x.id] not in ("n/a", "unknown")
    ]
    if not choices:
        return
    question = rnd.choice(choices)
    current = next(o for o in question.options if o.value == answers[question.id])
    better = [o for o in question.options if (o.score or 0) > (current.score or 0)]
    if not better:
        return
    before = assess(q, answers)
    after = assess(q, {**answers, question.id: rnd.choice(better).value})
    for cat_before, cat_after in zip(before.categories, after.categories, strict=True):
        if cat_before.score is not None:
            assert cat_after.score is not None and cat_after.score >= cat_before.score - 1e-9
    assert (after.overall_score or 0) >= (before.overall_score or 0) - 1e-9
    assert (after.level or 0) >= (before.level or 0)


def test_all_na_category_is_not_assessed(pack) -> None:
    q = pack.questionnaire
    for cat in q.categories:
        members = [
            x
            for x in q.questions()
            if is_scored(x)
            and cat.id in ((x.categories or {}) | ({x.category: 1} if x.category else {}))
        ]
        if not members or not all(x.allow_na for x in members):
            continue
        answers = {x.id: "n/a" for x in members}
        assert assess(q, answers).category(cat.id).score is None


def test_random_answers_are_valid_answers(pack) -> None:
    """The generator the benchmarks and properties rely on makes only valid answers."""
    from sme_assess.engine.answers_check import check_answers
    from sme_assess.models import Answers

    q = pack.questionnaire
    for seed in range(30):
        values = random_answers(q, random.Random(seed))
        answers = Answers(questionnaire=q.id, questionnaire_version=q.version, answers=values)
        problems = [p for p in check_answers(q, answers) if "required" not in p.message]
        assert problems == [], problems

"""The pack compiled once for many respondents holds exactly what the plain definitions give:
shared question records, level thresholds, the plan's per-solution constants, conditions as
plain data, and the Result built without validation."""

from __future__ import annotations

import math
import random

import pytest

from sme_assess.engine.compiled import compile_questionnaire
from sme_assess.engine.condition_compile import (
    compile_condition,
    compile_source,
    plain_names,
    plain_source,
)
from sme_assess.engine.construct import make
from sme_assess.engine.plan_facts import EFFORT_FACTOR, compile_catalogue, cost_factor, is_low_cost
from sme_assess.engine.scoring import score_question
from sme_assess.engine.visibility import option_order
from sme_assess.models.result import CategoryOut
from sme_assess.pack.cache import condition_sources
from sme_assess.pack.conditions import evaluate, names, parse_condition
from sme_assess.pack.loading import load_pack
from sme_assess.synthetic import random_answers

from ..conftest import PACKS

PACK = load_pack(PACKS / "manufacturing-sme")


def test_shared_question_records_are_what_scoring_one_answer_gives() -> None:
    q = PACK.questionnaire
    checked = 0
    for section in compile_questionnaire(q).sections:
        for plan in section.questions:
            x = plan.question
            assert plan.unanswered == score_question(x, {})
            assert plan.na == score_question(x, {x.id: "n/a"})
            assert plan.unknown == score_question(x, {x.id: "unknown"})
            for value, record in plan.answered.items():
                assert record == score_question(x, {x.id: value}), (x.id, value)
                checked += 1
    assert checked > 150  # every option of every choice question, and yes/no


def test_compiled_levels_give_the_highest_level_reached() -> None:
    q = PACK.questionnaire
    cq = compile_questionnaire(q)
    edges = [lv.min_score + d for lv in q.levels for d in (-1e-9, -2e-9, 0.0, 1e-12)]
    scores = [None, -5.0, 0.0, 19.999999999, 20.0, 33.3, 50.0, 79.9, 80.0, 100.0, *edges]
    for score in [*scores, math.nan, math.inf, -math.inf]:
        if score is None:
            assert cq.level_for(score) is None
            continue
        reached = [lv.number for lv in q.levels if score + 1e-9 >= lv.min_score]
        assert cq.level_for(score) == (max(reached) if reached else q.levels[0].number)


def test_the_plans_per_solution_constants_follow_their_definitions() -> None:
    q, c = PACK.questionnaire, PACK.catalogue
    cc = compile_catalogue(q, c)
    for sol in c.solutions:
        assert cc.divisor[sol.id] == cost_factor(c, cc, sol) * EFFORT_FACTOR[sol.effort]
        assert (sol.id in cc.quick_static) == (
            is_low_cost(c, sol, cc) and sol.effort == "low" and sol.time_to_value_months <= 3
        )
        pains = {pid: (s / 3) ** 2 for pid, s in sol.addresses.pain_points.items()}
        assert {p: f for p, _s, f, _key in cc.pain_weights[sol.id]} == pains
        # the key of the reason a term gives within one firm: one pain point and strength,
        # one area and the level the solution lifts it to
        assert all(key == (p, s) for p, s, _f, key in cc.pain_weights[sol.id])
        cats = {cid: 0.5 * s / 3 for cid, s in sol.addresses.categories.items()}
        assert {cid: f for cid, f, _key in cc.category_weights[sol.id]} == cats
        to = sol.lifts.to_level
        assert all(key == (cid, to, "category_gap") for cid, _f, key in cc.category_weights[sol.id])
        # a solution in place brings itself, and a bundle its parts with their facts
        parts, facts = cc.brings[sol.id]
        assert sol.id in parts and set(sol.includes) & set(cc.by_id) <= parts
        assert cc.establishes[sol.id] <= facts
    assert 0 < len(cc.quick_static) < len(c.solutions)
    assert all(math.isfinite(v) and v >= 1 for v in cc.divisor.values())


def test_conditions_as_plain_data_read_and_decide_as_the_parsed_ones() -> None:
    q, c = PACK.questionnaire, PACK.catalogue
    order = option_order(q)
    sources = condition_sources(q, c)
    assert len(sources) > 100
    rnd = random.Random(4)
    answers = [random_answers(q, rnd, skip=0.3, na=0.1, unknown=0.1) for _ in range(30)]
    for source in sources:
        cond = parse_condition(source)
        assert plain_names(plain_source(source)) == tuple(names(cond))
        fast, slow = compile_source(source, order), compile_condition(cond, order)
        for values in answers:
            assert fast(values) == slow(values) == evaluate(cond, values, order), source


def test_an_output_model_built_without_validation_is_the_validated_one() -> None:
    fields = dict(
        id="quality", name="Quality", short_name="Quality", score=None, level=None,
        level_name=None, coverage=0.5, confidence=1, weight=2,
    )  # fmt: skip
    built = make(CategoryOut, **fields)
    assert built == CategoryOut.model_validate(fields)
    assert built.model_dump_json() == CategoryOut.model_validate(fields).model_dump_json()
    assert isinstance(built.confidence, float) and isinstance(built.weight, float)
    with pytest.raises(TypeError, match=r"missing \['confidence'"):
        make(CategoryOut, **{k: v for k, v in fields.items() if k != "confidence"})

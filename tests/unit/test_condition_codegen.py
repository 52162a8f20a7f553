"""Conditions compiled into one generated function (``engine.condition_codegen``) give the
truth the condition evaluator gives, for every condition of the built-in pack's catalogue and
pain points and for odd answers, both while a ``truths`` function still answers with the
condition closures (its first calls) and once it runs its generated code; the catalogue's
screen built on them says what the evaluator says; and pack text never becomes code."""

from __future__ import annotations

import random
from functools import cache
from typing import Any

import pytest

from sme_assess.engine import condition_codegen
from sme_assess.engine.compiled import compile_questionnaire
from sme_assess.engine.condition_codegen import GENERATE_AFTER, generated, truths
from sme_assess.engine.condition_compile import plain_source
from sme_assess.engine.plan_facts import compile_catalogue, screen
from sme_assess.engine.visibility import option_order
from sme_assess.models import NA
from sme_assess.models.questionnaire import (
    MultipleChoiceQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
)
from sme_assess.pack.conditions import evaluate, parse_condition
from sme_assess.pack.loading import Pack, load_pack
from sme_assess.synthetic import random_answers

from ..conftest import PACKS
from .plan_oracle import had


@cache
def pack(pack_id: str) -> Pack:
    return load_pack(PACKS / pack_id)


def _odd_answers(p: Pack, rnd: random.Random) -> dict[str, Any]:
    """Valid answers with some replaced by what a careless export gives: reserved values
    anywhere, a text where a list belongs, a list where a text belongs, numbers, None."""
    q = p.questionnaire
    answers = random_answers(q, rnd, skip=rnd.random() * 0.5, na=0.1, unknown=0.1)
    for question in q.questions():
        if rnd.random() < 0.25:
            choice = isinstance(question, SingleChoiceQuestion | ScaleQuestion)
            if choice or isinstance(question, MultipleChoiceQuestion):
                options = [o.value for o in question.options]  # type: ignore[union-attr]
            else:
                options = []
            answers[question.id] = rnd.choice(
                [
                    "n/a",
                    "unknown",
                    "",
                    "not-an-option",
                    True,
                    False,
                    0,
                    3,
                    47.5,
                    None,
                    [],
                    options[:2],
                    ["n/a"],
                    [1, 2],
                    options[0] if options else "x",
                    "".join(options[:2]),
                ]
            )
    return answers


def _conditions(p: Pack) -> list[tuple[str | None, tuple[str, ...]]]:
    """Every condition the engine runs for each respondent: the catalogue's (in place, not
    applicable with its scenarios, facts, notes) and the pain points' rules."""
    c = p.catalogue
    found: list[tuple[str | None, tuple[str, ...]]] = []
    found += [(s.in_place_if, ()) for s in c.solutions if s.in_place_if]
    found += [
        (s.not_applicable_if, tuple(s.scenarios))
        for s in c.solutions
        if s.not_applicable_if or s.scenarios
    ]
    found += [(f.when, ()) for f in c.facts]
    found += [(n.when, ()) for n in c.notes]
    found += [(pain.when, ()) for pain in p.questionnaire.pain_points]
    return found


def _evaluated(
    conditions: list[tuple[str | None, tuple[str, ...]]],
    answers: dict[str, Any],
    order: Any,
) -> tuple[bool, ...]:
    return tuple(
        any(answers.get(qid) == NA for qid in scenarios)
        or (source is not None and evaluate(parse_condition(source), answers, order))
        for source, scenarios in conditions
    )


@pytest.mark.parametrize("make", [truths, generated])
@pytest.mark.parametrize("pack_id", ["manufacturing-sme", "sample"])
def test_generated_conditions_agree_with_the_evaluator_over_the_whole_pack(
    pack_id: str, make: Any
) -> None:
    p = pack(pack_id)
    order = option_order(p.questionnaire)
    conditions = _conditions(p)
    assert len(conditions) > 5
    fn = make([(plain_source(s) if s else None, scenarios) for s, scenarios in conditions], order)
    rnd = random.Random(41)
    held = [0] * len(conditions)
    for _ in range(400):
        answers = _odd_answers(p, rnd)
        got = fn(answers)
        assert got == _evaluated(conditions, answers, order)
        held = [h + bool(g) for h, g in zip(held, got, strict=True)]
    # the comparison saw most conditions both hold and fail
    assert sum(1 for h in held if 0 < h < 400) > len(conditions) // 2


@pytest.mark.parametrize("make", [truths, generated])
def test_generated_shapes_agree_with_the_evaluator_on_odd_answers(make: Any) -> None:
    order = {"stage": {"l0": 0, "l1": 1, "l2": 2, "l3": 3}}
    sources = [
        "stage == 'l2'",
        "stage == true",
        "stage == 3",
        "stage == 'n/a'",
        "stage != 'l2'",
        "stage in ['l1', 'l3']",
        "stage in ['l1', 'unknown']",
        "stage not in ['l1', 'l3']",
        "stage >= 'l2'",
        "stage < 'l2'",
        "stage > 'l9'",
        "stage <= 'l0'",
        "stage >= 2",
        "'l1' in stage",
        "'unknown' in stage",
        "'know' in stage",
        "stage in 'l1l2'",
        "stage",
        "not stage",
        "stage == 'l1' or other",
        "stage >= 'l1' and not (other == 'x')",
        "'l0' < stage < 'l3'",
    ]
    values: list[object] = [
        "l0", "l1", "l2", "l3", "l9", "n/a", "unknown", "", True, False, 0, 1, 2, 3, 2.0,
        ["l1"], ["l1", "l3"], [], ["unknown"], None, {"l1": 1},
    ]  # fmt: skip
    fn = make([(plain_source(s), ()) for s in sources], order)
    for value in values:
        for other in (None, "x", "y"):
            answers: dict[str, object] = {} if value is None else {"stage": value}
            if other is not None:
                answers["other"] = other
            expected = tuple(evaluate(parse_condition(s), answers, order) for s in sources)
            assert fn(answers) == expected, (value, other)


def test_pack_text_is_bound_as_values_never_written_into_the_code() -> None:
    """A value or question id that looks like code stays a value: the generated function
    compares with it and runs nothing."""
    hostile = "x'); __import__('os').system('false'); ('"
    order: dict[str, dict[str, int]] = {}
    fn = generated(
        [
            (("compare", ("name", "q"), (("eq", ("const", hostile)),)), ()),
            (("compare", ("const", hostile), (("in", ("name", "q2")),)), ()),
            (("value", ("name", "q\n__import__('os')")), ()),
        ],
        order,
    )
    assert fn({"q": hostile, "q2": [hostile], "q\n__import__('os')": True}) == (True, True, True)
    assert fn({"q": "x"}) == (False, False, False)


@pytest.mark.parametrize("pack_id", ["manufacturing-sme", "sample"])
def test_the_screen_says_what_the_evaluator_says(pack_id: str) -> None:
    """What the plan takes as in place, not applicable and holding, from the generated
    functions, is what evaluating each condition gives (a bundle in place brings its parts)."""
    p = pack(pack_id)
    q, c = p.questionnaire, p.catalogue
    order = option_order(q)
    cc = compile_catalogue(q, c)
    rnd = random.Random(8)
    for _ in range(200):
        answers = _odd_answers(p, rnd)
        scr = screen(q, c, answers)

        def holds(source: str | None, answers: dict[str, Any] = answers) -> bool:
            return bool(source) and evaluate(parse_condition(source or ""), answers, order)

        declared = [s.id for s in c.solutions if holds(s.in_place_if)]
        na = {
            s.id
            for s in c.solutions
            if any(answers.get(qid) == NA for qid in s.scenarios) or holds(s.not_applicable_if)
        }
        # a bundle in place brings its parts; one whose parts are all had is had
        assert scr.in_place == had(c.solutions, declared, na)
        assert scr.not_applicable == na
        set_up = frozenset().union(*(cc.brings[sid][1] for sid in declared))
        assert scr.facts == {f.id for f in c.facts if holds(f.when)} | set_up
        assert scr.notes == tuple((n.id, n.new_systems_only) for n in c.notes if holds(n.when))


def test_pain_point_rules_run_generated_with_the_evaluators_truth() -> None:
    p = pack("manufacturing-sme")
    q = p.questionnaire
    cq = compile_questionnaire(q)
    order = option_order(q)
    rnd = random.Random(13)
    for _ in range(200):
        answers = _odd_answers(p, rnd)
        expected = tuple(
            pain.when is not None and evaluate(parse_condition(pain.when), answers, order)
            for pain in q.pain_points
        )
        assert cq.pain_truths(answers) == expected


def test_one_firm_answered_by_the_closures_compiles_nothing_then_a_batch_generates_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`score` evaluates one firm: its few calls are answered without generating code (the
    compile a start-up paid); a batch's later calls run the code generated once, with the
    same truths as the first calls gave."""
    made: list[int] = []
    real = condition_codegen.generated

    def counting(items: Any, order: Any) -> Any:
        made.append(len(items))
        return real(items, order)

    monkeypatch.setattr(condition_codegen, "generated", counting)
    p = pack("manufacturing-sme")
    order = option_order(p.questionnaire)
    conditions = _conditions(p)
    fn = truths([(plain_source(s) if s else None, na) for s, na in conditions], order)
    rnd = random.Random(5)
    firms = [_odd_answers(p, rnd) for _ in range(3)]
    first = [fn(a) for a in firms]
    assert made == []
    for _ in range(GENERATE_AFTER):
        fn(firms[0])
    assert made == [len(conditions)]
    assert [fn(a) for a in firms] == first
    assert made == [len(conditions)]

"""Show-if expressions: what they mean, what they refuse, and that they never run code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sme_assess.pack.conditions import (
    ConditionSyntaxError,
    NameInfo,
    check,
    evaluate,
    names,
    parse_condition,
)

ORDER = {"erp": {"none": 0, "basic": 1, "integrated": 2}}


@pytest.mark.parametrize(
    ("expr", "answers", "expected"),
    [
        ("erp == 'basic'", {"erp": "basic"}, True),
        ("erp == 'basic'", {}, False),  # unanswered: every comparison is false
        ("erp != 'basic'", {}, False),
        ("erp == 'basic'", {"erp": "n/a"}, False),
        ("erp != 'basic'", {"erp": "unknown"}, False),
        ("erp >= 'basic'", {"erp": "integrated"}, True),  # option order, not alphabet
        ("erp >= 'basic'", {"erp": "none"}, False),
        ("erp < 'integrated'", {"erp": "basic"}, True),
        ("'cloud' in systems", {"systems": ["cloud", "mes"]}, True),
        ("'cloud' not in systems", {"systems": ["mes"]}, True),
        ("erp in ['basic', 'integrated']", {"erp": "basic"}, True),
        ("has_erp", {"has_erp": True}, True),
        ("has_erp", {"has_erp": False}, False),
        ("not has_erp", {}, True),
        ("has_erp == true and staff > 20", {"has_erp": True, "staff": 25}, True),
        ("has_erp == true and staff > 20", {"has_erp": True, "staff": 5}, False),
        ("has_erp == false or staff >= 100", {"has_erp": True, "staff": 100}, True),
        ("0 < staff < 50", {"staff": 10}, True),
        ("0 < staff < 50", {"staff": 60}, False),
        ("staff > 'x'", {"staff": 3}, False),  # a type clash is false, never an exception
    ],
)
def test_evaluate(expr: str, answers: dict[str, object], expected: bool) -> None:
    assert evaluate(parse_condition(expr), answers, ORDER) is expected


def test_names_in_order_of_use() -> None:
    assert names(parse_condition("b == 1 and (a or b > 2) and 'x' in c")) == ["b", "a", "c"]
    assert names(parse_condition("alone")) == ["alone"]


@pytest.mark.parametrize(
    "expr",
    [
        "__import__('os').system('true')",
        "erp.__class__",
        "erp['x']",
        "erp | upper",
        "lipsum.__globals__",
        "[x for x in y]",
        "erp ==",
        "erp == 'a' 'b' c",
        "range(10)",
        "erp ~ 'x'",
        "1 + 2 > 2",
        "erp if a else b",
    ],
)
def test_anything_beyond_the_grammar_is_refused(expr: str) -> None:
    with pytest.raises(ConditionSyntaxError):
        parse_condition(expr)


INFO = {
    "sector": NameInfo("choice", frozenset({"food", "metal"})),
    "systems": NameInfo("choices", frozenset({"erp", "mes"})),
    "staff": NameInfo("number", minimum=0, maximum=5000),
    "has_erp": NameInfo("bool"),
    "note": NameInfo("text"),
}


@pytest.mark.parametrize(
    ("expr", "rule"),
    [
        ("has_erp == 'yes'", "condition-type-mismatch"),
        ("staff == 'many'", "condition-type-mismatch"),
        ("sector == 3", "condition-type-mismatch"),
        ("systems == 'erp'", "condition-type-mismatch"),
        ("has_erp > true", "condition-type-mismatch"),
        ("staff", "condition-type-mismatch"),
        ("sector == 'fod'", "condition-never-true"),
        ("'crm' in systems", "condition-never-true"),
        ("staff > 6000", "condition-never-true"),
        ("staff < 0", "condition-never-true"),
        ("sector == 'food' and sector == 'metal'", "condition-never-true"),
    ],
)
def test_static_check_finds(expr: str, rule: str) -> None:
    assert rule in [p.rule for p in check(parse_condition(expr), INFO)]


@pytest.mark.parametrize(
    "expr",
    [
        "has_erp == true",
        "has_erp",
        "staff >= 20 and staff < 300",
        "sector in ['food', 'metal']",
        "'erp' in systems and not ('mes' in systems)",
        "sector == 'food' or sector == 'metal'",
        "'leak' in note",
    ],
)
def test_static_check_accepts_sound_conditions(expr: str) -> None:
    assert check(parse_condition(expr), INFO) == []


answer_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.floats(allow_nan=False),
    st.sampled_from(["none", "basic", "integrated", "n/a", "unknown", ""]),
    st.lists(st.sampled_from(["cloud", "mes", "erp"])),
)


@given(st.dictionaries(st.sampled_from(["erp", "systems", "staff", "has_erp"]), answer_values))
def test_evaluation_never_raises(answers: dict[str, object]) -> None:
    for expr in (
        "erp >= 'basic' and staff > 3",
        "'cloud' in systems or has_erp",
        "not (erp == 'none') and staff < 5",
        "erp in ['basic'] or systems",
    ):
        assert evaluate(parse_condition(expr), answers, ORDER) in (True, False)


def test_compiled_comparisons_of_an_answer_with_a_value_agree_with_the_evaluator() -> None:
    """The compiled shortcuts (``x == 'a'``, ``x in [...]``, ``x >= 'l2'``, ``'a' in x``) give
    the evaluator's truth for every kind of answer, odd ones included."""
    from sme_assess.engine.condition_compile import compile_condition
    from sme_assess.pack.conditions import evaluate, parse_condition

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
        "stage in 'l1l2'",
    ]
    values: list[object] = [
        "l0", "l1", "l2", "l3", "l9", "n/a", "unknown", "", True, False, 0, 1, 2, 3, 2.0,
        ["l1"], ["l1", "l3"], [], ["unknown"], None,
    ]  # fmt: skip
    checked = 0
    for source in sources:
        cond = parse_condition(source)
        compiled = compile_condition(cond, order)
        for value in values:
            answers = {} if value is None else {"stage": value}
            assert compiled(answers) == evaluate(cond, answers, order), (source, value)
            checked += 1
    assert checked == len(sources) * len(values)

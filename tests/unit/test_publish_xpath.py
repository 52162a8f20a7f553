"""Show-if conditions as XLSForm `relevant`: the XPath must mean exactly what the condition
means, for every answer, or the export must refuse.

The XPath is evaluated by a small XPath 1.0 evaluator (below) over the values the form
stores (option names, yes/no, "na"/"unknown" choices, the calculated n/a-capable numbers),
and compared with `conditions.evaluate` on the answers, for thousands of random conditions
and answers.
"""

from __future__ import annotations

import math
import random
import re
from typing import Any

import pytest

from sme_assess.engine.visibility import option_order
from sme_assess.models import NA, UNKNOWN
from sme_assess.models.questionnaire import (
    YesNoQuestion,
)
from sme_assess.pack.conditions import evaluate, parse_condition
from sme_assess.publish.xpath import Untranslatable, form_field, relevant

from .packs_factory import questionnaire


def choice(qid: str, values: list[str], kind: str = "single_choice", **extra: Any) -> dict:
    options = [{"value": v, "label": v} for v in values]
    return {"id": qid, "type": kind, "text": qid, "options": options, **extra}


Q = questionnaire(
    [
        choice("c", ["a", "b", "c"], allow_na=True, allow_unknown=True),
        choice("s", ["l0", "l1", "l2", "l3"], "scale"),
        choice("m", ["x", "y", "z"], "multiple_choice", allow_na=True),
        {"id": "y", "type": "yes_no", "text": "y", "allow_unknown": True},
        {"id": "n", "type": "number", "text": "n", "allow_na": True, "allow_unknown": True},
        {"id": "p", "type": "number", "text": "p", "integer": True},
        {"id": "t", "type": "text", "text": "t", "allow_na": True},
    ]
)
FIELDS = {x.id: form_field(x) for x in Q.questions()}


# --- a small XPath 1.0 evaluator for what the translation writes --------------------------

TOKEN = re.compile(
    r"\s*(?:(\$\{\w+\})|('[^']*'|\"[^\"]*\")|(-?\d+(?:\.\d+)?)|(!=|<=|>=|=|<|>)|([(),])"
    r"|(count-selected|selected|contains|not|true|false|and|or))"
)


def tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text.rstrip()):
        m = TOKEN.match(text, pos)
        assert m, f"cannot read the XPath at {text[pos:]!r}"
        kind = ["ref", "str", "num", "op", "punct", "word"][m.lastindex - 1]  # type: ignore[operator]
        out.append((kind, m.group(m.lastindex)))  # type: ignore[arg-type]
        pos = m.end()
    return out


def to_number(value: Any) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    try:
        return float(str(value).strip())
    except ValueError:
        return math.nan


def compare(a: Any, op: str, b: Any) -> bool:
    if op in ("=", "!="):
        if isinstance(a, bool) or isinstance(b, bool):
            x, y = bool(a), bool(b)
        elif isinstance(a, float) or isinstance(b, float):
            x, y = to_number(a), to_number(b)  # type: ignore[assignment]
        else:
            x, y = a, b
        return (x == y) if op == "=" else (x != y)
    x, y = to_number(a), to_number(b)  # type: ignore[assignment]
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]


class XPath:
    def __init__(self, text: str, values: dict[str, str]) -> None:
        self.toks = tokens(text)
        self.i = 0
        self.values = values

    def run(self) -> bool:
        result = self.or_expr()
        assert self.i == len(self.toks), self.toks[self.i :]
        return truth(result)

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.toks[self.i]
        assert value is None or tok[1] == value, (tok, value)
        self.i += 1
        return tok

    def or_expr(self) -> Any:
        left = self.and_expr()
        while self.peek() == ("word", "or"):
            self.take()
            right = self.and_expr()
            left = truth(left) or truth(right)
        return left

    def and_expr(self) -> Any:
        left = self.cmp()
        while self.peek() == ("word", "and"):
            self.take()
            right = self.cmp()
            left = truth(left) and truth(right)
        return left

    def cmp(self) -> Any:
        left = self.primary()
        tok = self.peek()
        if tok is not None and tok[0] == "op":
            self.take()
            return compare(left, tok[1], self.primary())
        return left

    def primary(self) -> Any:
        kind, value = self.take()
        if kind == "ref":
            return self.values.get(value[2:-1], "")
        if kind == "str":
            return value[1:-1]
        if kind == "num":
            return float(value)
        if value == "(":
            inner = self.or_expr()
            self.take(")")
            return inner
        assert kind == "word", (kind, value)
        self.take("(")
        args: list[Any] = []
        while self.peek() != ("punct", ")"):
            args.append(self.or_expr())
            if self.peek() == ("punct", ","):
                self.take()
        self.take(")")
        if value == "true":
            return True
        if value == "false":
            return False
        if value == "not":
            return not truth(args[0])
        if value == "selected":
            return str(args[1]) in str(args[0]).split()
        if value == "count-selected":
            return float(len(str(args[0]).split()))
        if value == "contains":
            return str(args[1]) in str(args[0])
        raise AssertionError(value)


def truth(value: Any) -> bool:
    if isinstance(value, float):
        return value != 0 and not math.isnan(value)
    return bool(value)


def stored(answers: dict[str, Any]) -> dict[str, str]:
    """What the published form holds for these answers."""
    out: dict[str, str] = {}
    for qid, value in answers.items():
        question = Q.question(qid)
        if isinstance(question, YesNoQuestion) and isinstance(value, bool):
            out[qid] = "yes" if value else "no"
        elif question is not None and question.type in ("number", "text"):
            out[qid] = str(value)  # numbers and text: the calculated field holds n/a as "n/a"
        elif value == NA:
            out[qid] = "na"
        elif isinstance(value, list):
            out[qid] = " ".join(value)
        else:
            out[qid] = str(value)
    return out


# --- random conditions and answers --------------------------------------------------------

LITERALS: dict[str, list[str]] = {
    "c": ["'a'", "'b'", "'c'", "'n/a'", "'unknown'", "'zz'", "['a', 'c']", "[]"],
    "s": ["'l0'", "'l1'", "'l2'", "'l3'", "'nope'", "['l1', 'l2']"],
    "y": ["true", "false", "[true]"],
    "n": ["0", "10", "50.5", "100", "[10, 20]", "'n/a'"],
    "p": ["0", "3", "7", "[3, 4]"],
    "t": ["'free'", "'n/a'", "['free', 'other']"],
}
OPS = ["==", "!=", "<", "<=", ">", ">=", "in", "not in"]


def random_condition(rnd: random.Random, depth: int = 0) -> str:
    roll = rnd.random()
    if depth < 2 and roll < 0.3:
        joiner = rnd.choice(["and", "or"])
        return f"({random_condition(rnd, depth + 1)} {joiner} {random_condition(rnd, depth + 1)})"
    if depth < 2 and roll < 0.4:
        return f"not {random_condition(rnd, depth + 1)}"
    if roll < 0.55:
        if rnd.random() < 0.5:
            return f"'{rnd.choice(['x', 'y', 'z', 'n/a', 'na'])}' {rnd.choice(['in', 'not in'])} m"
        return rnd.choice(["c", "s", "m", "y", "t"])  # a bare name
    if roll < 0.6:
        return f"'{rnd.choice(['a', 'fr'])}' {rnd.choice(['in', 'not in'])} {rnd.choice('ct')}"
    qid = rnd.choice(list(LITERALS))
    literal = rnd.choice(LITERALS[qid])
    op = rnd.choice(OPS)
    if rnd.random() < 0.2:
        return f"{literal} {op} {qid}"
    return f"{qid} {op} {literal}"


def random_answers(rnd: random.Random) -> dict[str, Any]:
    pools: dict[str, list[Any]] = {
        "c": ["a", "b", "c", NA, UNKNOWN],
        "s": ["l0", "l1", "l2", "l3"],
        "m": [["x"], ["y", "z"], ["x", "y", "z"], NA],
        "y": [True, False, UNKNOWN],
        "n": [0, 10, 50.5, 99, 100, NA, UNKNOWN],
        "p": [0, 3, 4, 7],
        "t": ["free", "free text", "other", "a"],
    }
    return {qid: rnd.choice(pool) for qid, pool in pools.items() if rnd.random() < 0.8}


def test_random_conditions_mean_the_same_in_xpath() -> None:
    rnd = random.Random(13)
    order = option_order(Q)
    translated = refused = 0
    for _ in range(1500):
        source = random_condition(rnd)
        try:
            xpath = relevant(source, FIELDS)
        except Untranslatable:
            refused += 1
            continue
        translated += 1
        for _ in range(12):
            answers = random_answers(rnd)
            want = evaluate(parse_condition(source), answers, order)
            got = XPath(xpath, stored(answers)).run()
            assert got == want, f"{source!r} -> {xpath!r} on {answers}: {got} != {want}"
    assert translated > 800 and refused > 100  # both paths were exercised


@pytest.mark.parametrize(
    ("source", "xpath"),
    [
        ("c == 'a'", "${c} = 'a'"),
        ("'x' in m", "selected(${m}, 'x')"),
        ("n >= 50", "${n} >= 50"),
        ("s >= 'l2'", "(${s} = 'l2' or ${s} = 'l3')"),
        ("y == true", "${y} = 'yes'"),
        ("c in ['a', 'b']", "(${c} = 'a' or ${c} = 'b')"),
    ],
)
def test_plain_conditions_read_as_a_form_designer_would_write_them(source: str, xpath: str) -> None:
    assert relevant(source, FIELDS) == xpath


def test_a_not_equal_leaves_out_unanswered_and_dont_know_answers() -> None:
    assert relevant("c != 'a'", FIELDS) == (
        "((${c} != '' and ${c} != 'na' and ${c} != 'unknown') and not(${c} = 'a'))"
    )


@pytest.mark.parametrize(
    "source",
    ["c == s", "t < 'b'", "n", "m == ['x']", "s > 5", "y > false", "t == 'it\\'s \"odd\"'"],
)
def test_what_xpath_cannot_say_exactly_is_refused(source: str) -> None:
    with pytest.raises(Untranslatable):
        relevant(source, FIELDS)

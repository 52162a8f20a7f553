"""Show-if / when expressions: parse (Jinja2's expression grammar), list names, check, evaluate.

The grammar is Jinja2's expression syntax, restricted to what a questionnaire needs:
names (question ids), literals (strings, numbers, true/false, lists), comparisons
(``== != < <= > >= in not in``) and ``and``/``or``/``not``. Nothing is ever executed:
evaluation walks the tree here, so an expression cannot call, index or reach attributes.

Semantics, chosen so a condition never fails at run time:
- an unanswered, ``n/a`` or ``unknown`` answer makes every comparison that uses it false;
- a bare name is true when the question has a truthy answer (yes, a non-empty choice...);
- ``<``/``>`` on a single-choice or scale question compare option *positions*, so
  ``erp_level >= 'integrated'`` means "integrated or a later option".

The engine runs conditions compiled to Python functions (``condition_compile``), with the
same truth as ``evaluate`` here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..limits import (
    MAX_CONDITION_CHARS,
    MAX_CONDITION_DEPTH,
    MAX_CONDITION_TOKENS,
    MAX_INT_DIGITS,
)
from ..models.common import RESERVED_VALUES

_ORDER_OPS = {"lt", "lteq", "gt", "gteq"}
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda a, b: bool(a == b),
    "ne": lambda a, b: bool(a != b),
    "lt": lambda a, b: bool(a < b),
    "lteq": lambda a, b: bool(a <= b),
    "gt": lambda a, b: bool(a > b),
    "gteq": lambda a, b: bool(a >= b),
    "in": lambda a, b: bool(a in b),
    "notin": lambda a, b: bool(a not in b),
}
_OP_TEXT = {
    "eq": "==",
    "ne": "!=",
    "lt": "<",
    "lteq": "<=",
    "gt": ">",
    "gteq": ">=",
    "in": "in",
    "notin": "not in",
}


class ConditionSyntaxError(ValueError):
    """The expression cannot be parsed, or uses something the grammar does not allow."""


@dataclass(frozen=True)
class Condition:
    source: str
    node: Any  # a jinja2.nodes.Expr


@lru_cache(maxsize=4096)
def parse_condition(source: str) -> Condition:
    """Parse an expression; raises ConditionSyntaxError with a plain message."""
    from jinja2 import Environment, TemplateSyntaxError
    from jinja2.parser import Parser

    env = _environment(Environment)
    try:
        _check_size(env, source)
        parser = Parser(env, source, state="variable")
        node = parser.parse_expression()
        if not parser.stream.eos:
            token = parser.stream.current
            raise ConditionSyntaxError(f"unexpected '{token.value}' after the expression")
        _check_allowed(node)
    except TemplateSyntaxError as exc:
        raise ConditionSyntaxError(exc.message or "cannot parse the expression") from None
    except RecursionError:  # a backstop: _check_size keeps expressions far from this
        raise ConditionSyntaxError("the expression nests too deeply") from None
    return Condition(source, node)


_ENV: list[Any] = []
_OPENING, _CLOSING = frozenset("([{"), frozenset(")]}")


def _check_size(env: Any, source: str) -> None:
    """Refuse what would make the parser or the tree walkers recurse too deep or work too long:
    a long expression, too many tokens, brackets nested too deep, an integer too long."""
    if len(source) > MAX_CONDITION_CHARS:
        raise ConditionSyntaxError(
            f"the expression is longer than {MAX_CONDITION_CHARS} characters; split it"
        )
    tokens = depth = 0
    for _, kind, value in env.lexer.tokeniter(source, None, state="variable"):
        if kind == "whitespace":
            continue
        tokens += 1
        if tokens > MAX_CONDITION_TOKENS:
            raise ConditionSyntaxError(
                f"the expression has more than {MAX_CONDITION_TOKENS} names, values and "
                "operators; split it or use 'in [...]'"
            )
        if kind == "operator" and value in _OPENING:
            depth += 1
            if depth > MAX_CONDITION_DEPTH:
                raise ConditionSyntaxError(
                    f"brackets are nested more than {MAX_CONDITION_DEPTH} deep"
                )
        elif kind == "operator" and value in _CLOSING:
            depth -= 1
        elif kind == "integer" and len(value.replace("_", "")) > MAX_INT_DIGITS:
            raise ConditionSyntaxError(f"a number has more than {MAX_INT_DIGITS} digits")


def _environment(factory: Any) -> Any:
    if not _ENV:
        _ENV.append(factory(autoescape=True))
    return _ENV[0]


def _check_allowed(node: Any) -> None:
    from jinja2 import nodes

    if isinstance(node, nodes.Name | nodes.Const):
        return
    if isinstance(node, nodes.List | nodes.Tuple):
        for item in node.items:
            if not isinstance(item, nodes.Const):
                raise ConditionSyntaxError("a list in a condition may hold only literal values")
        return
    if isinstance(node, nodes.And | nodes.Or):
        _check_allowed(node.left)
        _check_allowed(node.right)
        return
    if isinstance(node, nodes.Not):
        _check_allowed(node.node)
        return
    if isinstance(node, nodes.Compare):
        _check_allowed(node.expr)
        for operand in node.ops:
            if operand.op not in _OPS:
                raise ConditionSyntaxError(f"operator '{operand.op}' is not allowed")
            _check_allowed(operand.expr)
        return
    kind = type(node).__name__.lower()
    raise ConditionSyntaxError(
        f"'{kind}' is not allowed in a condition; use names, literals, comparisons, and/or/not"
    )


def names(cond: Condition) -> list[str]:
    """The question ids the expression reads, in order of first use."""
    return list(_names(cond.source))


@lru_cache(maxsize=4096)
def _names(source: str) -> tuple[str, ...]:
    cond = parse_condition(source)
    from jinja2 import nodes

    seen: dict[str, None] = {}
    for name in cond.node.find_all(nodes.Name):
        seen.setdefault(name.name, None)
    if isinstance(cond.node, nodes.Name):
        seen.setdefault(cond.node.name, None)
    return tuple(seen)


# --- evaluation ---------------------------------------------------------------------------

Order = Mapping[str, Mapping[str, int]]


def evaluate(cond: Condition, answers: Mapping[str, Any], order: Order | None = None) -> bool:
    """Evaluate against answers (question id -> value). Pure; never raises for missing data."""
    return bool(_truth(cond.node, answers, order or {}))


def _value(node: Any, answers: Mapping[str, Any]) -> tuple[Any, str | None]:
    """The value of an operand, and the question id if it is a name."""
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        value = answers.get(node.name)
        if isinstance(value, str) and value in RESERVED_VALUES:
            value = None
        return value, node.name
    if isinstance(node, nodes.Const):
        return node.value, None
    if isinstance(node, nodes.List | nodes.Tuple):
        return [item.value for item in node.items if isinstance(item, nodes.Const)], None
    raise ConditionSyntaxError("unsupported operand")  # prevented by _check_allowed


def _truth(node: Any, answers: Mapping[str, Any], order: Order) -> bool:
    from jinja2 import nodes

    if isinstance(node, nodes.And):
        return _truth(node.left, answers, order) and _truth(node.right, answers, order)
    if isinstance(node, nodes.Or):
        return _truth(node.left, answers, order) or _truth(node.right, answers, order)
    if isinstance(node, nodes.Not):
        return not _truth(node.node, answers, order)
    if isinstance(node, nodes.Compare):
        left, left_name = _value(node.expr, answers)
        for operand in node.ops:
            right, right_name = _value(operand.expr, answers)
            if not _compare(operand.op, left, right, left_name or right_name, order):
                return False
            left, left_name = right, right_name
        return True
    value, _ = _value(node, answers)
    return bool(value)


def _compare(op: str, left: Any, right: Any, name: str | None, order: Order) -> bool:
    """One comparison: false when either side is missing; option positions for ``<``/``>``
    on an ordered question; false rather than an error for values that do not compare."""
    if left is None or right is None:
        return False
    a, b = left, right
    if op in _ORDER_OPS:
        positions = order.get(name or "")
        if positions is not None and isinstance(a, str) and isinstance(b, str):
            if a not in positions or b not in positions:
                return False
            a, b = positions[a], positions[b]
    try:
        return _OPS[op](a, b)
    except TypeError:
        return False


# --- static checks ------------------------------------------------------------------------

# Kinds of value a question's answer has inside a condition.
KIND_CHOICE, KIND_CHOICES, KIND_NUMBER, KIND_BOOL, KIND_TEXT = (
    "choice",
    "choices",
    "number",
    "bool",
    "text",
)


@dataclass(frozen=True)
class NameInfo:
    """What a checker needs to know about a name: its kind, options, and number range."""

    kind: str
    options: frozenset[str] = frozenset()
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Problem:
    rule: str  # condition-type-mismatch | condition-never-true
    message: str


def _const_kind(value: Any) -> str:
    if isinstance(value, bool):
        return KIND_BOOL
    if isinstance(value, int | float):
        return KIND_NUMBER
    if isinstance(value, str):
        return KIND_TEXT
    if isinstance(value, list):
        return "list"
    return "none"


def check(cond: Condition, info: Mapping[str, NameInfo]) -> list[Problem]:
    """Type mismatches and comparisons that can never be true (names already known)."""
    from jinja2 import nodes

    problems: list[Problem] = []
    for compare in _walk(cond.node, nodes.Compare):
        left = compare.expr
        for operand in compare.ops:
            problems.extend(_check_pair(left, operand.op, operand.expr, info))
            left = operand.expr
    problems.extend(_contradictions(cond.node))
    for name_node in _bare_names(cond.node):
        meta = info.get(name_node)
        if meta is not None and meta.kind == KIND_NUMBER:
            problems.append(
                Problem(
                    "condition-type-mismatch",
                    f"'{name_node}' is a number; compare it (e.g. {name_node} > 0) "
                    "instead of using it alone",
                )
            )
    return problems


def _bare_names(node: Any) -> list[str]:
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return [node.name]
    if isinstance(node, nodes.And | nodes.Or):
        return _bare_names(node.left) + _bare_names(node.right)
    if isinstance(node, nodes.Not):
        return _bare_names(node.node)
    return []


def _check_pair(left: Any, op: str, right: Any, info: Mapping[str, NameInfo]) -> list[Problem]:
    from jinja2 import nodes

    text = _OP_TEXT[op]
    if isinstance(left, nodes.Name) and not isinstance(right, nodes.Name):
        name, meta, other, name_left = left.name, info.get(left.name), right, True
    elif isinstance(right, nodes.Name) and not isinstance(left, nodes.Name):
        name, meta, other, name_left = right.name, info.get(right.name), left, False
    else:
        return []  # name vs name or literal vs literal: nothing checkable cheaply
    if meta is None:
        return []
    value: Any = other.value if isinstance(other, nodes.Const) else [i.value for i in other.items]
    vkind = _const_kind(value)
    mismatch = Problem(
        "condition-type-mismatch",
        f"'{name}' is a {_describe(meta.kind)} answer; it cannot be compared with "
        f"{value!r} using '{text}'",
    )
    if meta.kind == KIND_CHOICES:
        # only: 'value' in name / 'value' not in name
        if op in ("in", "notin") and not name_left and vkind == KIND_TEXT:
            return _unknown_option(name, meta, [value], op)
        return [mismatch]
    if op in ("in", "notin"):
        if name_left and vkind == "list":
            expected = {KIND_CHOICE: KIND_TEXT, KIND_TEXT: KIND_TEXT}.get(meta.kind, meta.kind)
            bad = [v for v in value if _const_kind(v) != expected]
            if bad:
                return [mismatch]
            return _unknown_option(name, meta, value, op) if meta.kind == KIND_CHOICE else []
        if meta.kind == KIND_TEXT and vkind == KIND_TEXT:
            return []  # substring test on free text
        return [mismatch]
    if meta.kind == KIND_BOOL:
        if vkind != KIND_BOOL or op in _ORDER_OPS:
            return [mismatch]
        return []
    if meta.kind == KIND_NUMBER:
        if vkind != KIND_NUMBER:
            return [mismatch]
        return _number_never_true(name, meta, op if name_left else _flip(op), float(value))
    if meta.kind == KIND_CHOICE:
        if vkind != KIND_TEXT:
            return [mismatch]
        return _unknown_option(name, meta, [value], op)
    if meta.kind == KIND_TEXT and (vkind != KIND_TEXT or op in _ORDER_OPS):
        return [mismatch]
    return []


def _describe(kind: str) -> str:
    return {
        KIND_CHOICE: "single-choice",
        KIND_CHOICES: "multiple-choice (a list; use 'value' in name)",
        KIND_NUMBER: "number",
        KIND_BOOL: "yes/no (use true or false)",
        KIND_TEXT: "text",
    }[kind]


def _flip(op: str) -> str:
    return {"lt": "gt", "gt": "lt", "lteq": "gteq", "gteq": "lteq"}.get(op, op)


def _unknown_option(name: str, meta: NameInfo, values: list[Any], op: str) -> list[Problem]:
    unknown = [v for v in values if v not in meta.options]
    if not unknown:
        return []
    listed = ", ".join(repr(v) for v in unknown)
    if op in ("ne", "notin"):
        outcome = "so this comparison is always true"
    elif len(unknown) < len(values):
        outcome = "so it can never match"
    else:
        outcome = "so this comparison can never be true"
    options = ", ".join(sorted(meta.options))
    return [
        Problem(
            "condition-never-true",
            f"{listed} is not an option of '{name}' (options: {options}), {outcome}",
        )
    ]


def _number_never_true(name: str, meta: NameInfo, op: str, value: float) -> list[Problem]:
    lo, hi = meta.minimum, meta.maximum
    never = False
    if op == "eq":
        never = (lo is not None and value < lo) or (hi is not None and value > hi)
    elif op in ("gt", "gteq"):
        never = hi is not None and (value > hi or (op == "gt" and value == hi))
    elif op in ("lt", "lteq"):
        never = lo is not None and (value < lo or (op == "lt" and value == lo))
    if not never:
        return []
    return [
        Problem(
            "condition-never-true",
            f"'{name}' ranges over {lo if lo is not None else '-inf'}..."
            f"{hi if hi is not None else 'inf'}; '{name} {_OP_TEXT[op]} {value:g}' is never true",
        )
    ]


def _walk(node: Any, kind: type) -> list[Any]:
    """``node`` and its descendants of type ``kind`` (jinja's find_all skips the node)."""
    found = [node] if isinstance(node, kind) else []
    return found + list(node.find_all(kind))


def _contradictions(node: Any) -> list[Problem]:
    """``x == 'a' and x == 'b'``: the same answer cannot equal two different values."""
    from jinja2 import nodes

    problems: list[Problem] = []
    for conj in _walk(node, nodes.And):
        equals: dict[str, set[Any]] = {}
        for part in _flatten_and(conj):
            if (
                isinstance(part, nodes.Compare)
                and len(part.ops) == 1
                and part.ops[0].op == "eq"
                and isinstance(part.expr, nodes.Name)
                and isinstance(part.ops[0].expr, nodes.Const)
            ):
                equals.setdefault(part.expr.name, set()).add(part.ops[0].expr.value)
        for name, values in equals.items():
            if len(values) > 1:
                listed = " and ".join(repr(v) for v in sorted(values, key=repr))
                problem = Problem(
                    "condition-never-true",
                    f"'{name}' cannot equal {listed} at once; did you mean 'or'?",
                )
                if problem not in problems:  # nested 'and's see the same pair
                    problems.append(problem)
    return problems


def _flatten_and(node: Any) -> list[Any]:
    from jinja2 import nodes

    if isinstance(node, nodes.And):
        return _flatten_and(node.left) + _flatten_and(node.right)
    return [node]


# --- compiled evaluation (``condition_compile``) -----------------------------------------

Compiled = Callable[[Mapping[str, Any]], bool]


def compile_condition(cond: Condition, order: Order) -> Compiled:
    """The condition as a Python function of the answers (see ``condition_compile``)."""
    from ..engine.condition_compile import compile_condition as compiled

    return compiled(cond, order)

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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .limits import (
    MAX_CONDITION_CHARS,
    MAX_CONDITION_DEPTH,
    MAX_CONDITION_TOKENS,
    MAX_INT_DIGITS,
)
from .models.common import RESERVED_VALUES

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


# --- compiled evaluation ------------------------------------------------------------------

Compiled = Callable[[Mapping[str, Any]], bool]


def compile_condition(cond: Condition, order: Order) -> Compiled:
    """The condition as a Python function of the answers, for conditions evaluated for every
    respondent (catalogue facts): same semantics as ``evaluate``, without walking the tree."""
    return _compile_truth(plain(cond.node), order)


# A condition in plain data (nested tuples of text, numbers and booleans): what the engine
# compiles, and what the pack cache keeps, so that a cached pack needs no parser at all.
#   ("and" | "or", left, right), ("not", inner), ("value", operand),
#   ("compare", operand, ((op, operand), ...)); operands ("name", id), ("const", value),
#   ("list", (value, ...))
Plain = tuple[Any, ...]
_PRELOADED: dict[str, Plain] = {}


def plain(node: Any) -> Plain:
    """A parsed condition (``Condition.node``) as plain data."""
    from jinja2 import nodes

    if isinstance(node, nodes.And | nodes.Or):
        kind = "and" if isinstance(node, nodes.And) else "or"
        return (kind, plain(node.left), plain(node.right))
    if isinstance(node, nodes.Not):
        return ("not", plain(node.node))
    if isinstance(node, nodes.Compare):
        ops = tuple((operand.op, _plain_operand(operand.expr)) for operand in node.ops)
        return ("compare", _plain_operand(node.expr), ops)
    return ("value", _plain_operand(node))


def _plain_operand(node: Any) -> Plain:
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return ("name", node.name)
    if isinstance(node, nodes.Const):
        return ("const", node.value)
    if isinstance(node, nodes.List | nodes.Tuple):
        return ("list", tuple(item.value for item in node.items if isinstance(item, nodes.Const)))
    raise ConditionSyntaxError("unsupported operand")  # prevented by _check_allowed


def plain_source(source: str) -> Plain:
    """The condition ``source`` as plain data: from the pack cache when it holds it, else
    parsed (raises ConditionSyntaxError like ``parse_condition``)."""
    found = _PRELOADED.get(source)
    if found is None:
        found = _PRELOADED[source] = plain(parse_condition(source).node)
    return found


def preload(conditions: Mapping[str, Plain]) -> None:
    """Conditions already parsed (by the pack cache), by source."""
    if len(_PRELOADED) > 20_000:
        _PRELOADED.clear()
    _PRELOADED.update(conditions)


def compile_source(source: str, order: Order) -> Compiled:
    """``compile_condition(parse_condition(source), order)``, parsing only when needed."""
    return _compile_truth(plain_source(source), order)


def plain_names(tree: Plain) -> tuple[str, ...]:
    """The question ids a plain condition reads, in order of first use (as ``names``)."""
    seen: dict[str, None] = {}

    def walk(part: Plain) -> None:
        kind = part[0]
        if kind == "name":
            seen.setdefault(part[1], None)
        elif kind in ("and", "or"):
            walk(part[1])
            walk(part[2])
        elif kind in ("not", "value"):
            walk(part[1])
        elif kind == "compare":
            walk(part[1])
            for _op, operand in part[2]:
                walk(operand)

    walk(tree)
    return tuple(seen)


def _compile_value(operand: Plain) -> tuple[Callable[[Mapping[str, Any]], Any], str | None]:
    kind, value = operand
    if kind == "name":
        name = value

        def read(answers: Mapping[str, Any]) -> Any:
            value = answers.get(name)
            if isinstance(value, str) and value in RESERVED_VALUES:
                return None
            return value

        return read, name
    if kind == "const":
        const = value
        return (lambda _answers: const), None
    items = list(value)
    return (lambda _answers: items), None


def _compile_truth(tree: Plain, order: Order) -> Compiled:
    kind = tree[0]
    if kind == "and":
        left, right = _compile_truth(tree[1], order), _compile_truth(tree[2], order)
        return lambda answers: left(answers) and right(answers)
    if kind == "or":
        left, right = _compile_truth(tree[1], order), _compile_truth(tree[2], order)
        return lambda answers: left(answers) or right(answers)
    if kind == "not":
        inner = _compile_truth(tree[1], order)
        return lambda answers: not inner(answers)
    if kind == "compare":
        first = _compile_value(tree[1])
        steps = [(op, _compile_value(operand)) for op, operand in tree[2]]
        if len(steps) == 1:
            return _compile_one(first, steps[0], order)

        def compare(answers: Mapping[str, Any]) -> bool:
            left, left_name = first[0](answers), first[1]
            for op, (read, right_name) in steps:
                right = read(answers)
                if not _compare(op, left, right, left_name or right_name, order):
                    return False
                left, left_name = right, right_name
            return True

        return compare
    read, _ = _compile_value(tree[1])
    return lambda answers: bool(read(answers))


def _compile_one(
    first: tuple[Callable[[Mapping[str, Any]], Any], str | None],
    step: tuple[str, tuple[Callable[[Mapping[str, Any]], Any], str | None]],
    order: Order,
) -> Compiled:
    """One comparison (most conditions): ``_compare`` with its lookups done once."""
    (read_left, left_name), (op, (read_right, right_name)) = first, step
    fn = _OPS[op]
    positions = order.get(left_name or right_name or "") if op in _ORDER_OPS else None
    special = _name_against_constant(first, step, positions)
    if special is not None:
        return special

    def compare_one(answers: Mapping[str, Any]) -> bool:
        a = read_left(answers)
        if a is None:
            return False
        b = read_right(answers)
        if b is None:
            return False
        if positions is not None and isinstance(a, str) and isinstance(b, str):
            if a not in positions or b not in positions:
                return False
            a, b = positions[a], positions[b]
        try:
            return bool(fn(a, b))
        except TypeError:
            return False

    return compare_one


def _name_against_constant(
    first: tuple[Callable[[Mapping[str, Any]], Any], str | None],
    step: tuple[str, tuple[Callable[[Mapping[str, Any]], Any], str | None]],
    positions: Mapping[str, int] | None,
) -> Compiled | None:
    """The common shapes, ``answer OP 'value'`` and ``'value' in answer``, as one dictionary
    lookup and one comparison; the same truth as ``compare_one``, which handles the rest.
    None when the condition has another shape."""
    (read_left, name), (op, (read_right, right_name)) = first, step
    if name is None or right_name is not None:
        if op == "in" and name is None and right_name is not None:
            const = read_left({})
            if isinstance(const, str) and const not in RESERVED_VALUES:
                return _const_in_answer(const, right_name)
        return None
    const = read_right({})
    if const is None or (isinstance(const, list) and op not in ("in", "notin")):
        return None
    if isinstance(const, str) and const in RESERVED_VALUES:
        return None
    reserved = RESERVED_VALUES
    if op == "eq" and isinstance(const, str | bool | int | float):
        # a missing answer (None), "n/a" and "unknown" never equal a real value
        return lambda answers: bool(answers.get(name) == const)
    if op == "in" and isinstance(const, list) and all(isinstance(v, str) for v in const):
        allowed = frozenset(v for v in const if v not in reserved)
        listed = tuple(const)

        def within(answers: Mapping[str, Any]) -> bool:
            value = answers.get(name)
            if value.__class__ is str:
                return value in allowed
            if value is None:
                return False
            try:
                return bool(value in listed)
            except TypeError:
                return False

        return within
    if positions is not None and isinstance(const, str) and op in _ORDER_OPS:
        at = positions.get(const)
        fn = _OPS[op]

        def ordered(answers: Mapping[str, Any]) -> bool:
            value = answers.get(name)
            if not isinstance(value, str) or value in reserved:
                return False  # missing or reserved; other types do not compare with text
            found = positions.get(value)
            if found is None or at is None:
                return False
            return fn(found, at)

        return ordered
    return None


def _const_in_answer(const: str, name: str) -> Compiled:
    """``'value' in answer``: a ticked option of a multiple-choice answer."""

    def ticked(answers: Mapping[str, Any]) -> bool:
        value = answers.get(name)
        if value is None or (value.__class__ is str and value in RESERVED_VALUES):
            return False
        try:
            return bool(const in value)
        except TypeError:
            return False

    return ticked

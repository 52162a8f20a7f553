"""The names a condition reads, and its static checks: type mismatches, never-true comparisons."""

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from .condition_parse import _OP_TEXT, _ORDER_OPS, Condition, parse_condition


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


# Kinds of value a question's answer has inside a condition.
KIND_CHOICE, KIND_CHOICES, KIND_NUMBER, KIND_BOOL, KIND_TEXT = (
    "choice",
    "choices",
    "number",
    "bool",
    "text",
)


class NameInfo(NamedTuple):
    """What a checker needs to know about a name: its kind, options, and number range."""

    kind: str
    options: frozenset[str] = frozenset()
    minimum: float | None = None
    maximum: float | None = None


class Problem(NamedTuple):
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

"""Evaluate a parsed condition against answers: walk the tree, never execute, never raise."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..models.common import RESERVED_VALUES, PartlyKnown
from .condition_parse import _OPS, _ORDER_OPS, Condition, ConditionSyntaxError

# Question id -> option value -> position: ``<``/``>`` on an ordered question compare these.
Order = Mapping[str, Mapping[str, int]]
# A condition compiled to a Python function of the answers (``engine.condition_compile``).
Compiled = Callable[[Mapping[str, Any]], bool]


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
    """One comparison: false when either side is missing, or reads an option never asked
    (``undecided``); option positions for ``<``/``>``
    on an ordered question; false rather than an error for values that do not compare."""
    if left is None or right is None or undecided(op, left, right):
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


def undecided(op: str, left: Any, right: Any) -> bool:
    """Whether a comparison reads an option the answer never asked (``PartlyKnown``): then it
    is false, either way round, as a comparison with an unanswered question is.
    ``'x' in answer`` and ``'x' not in answer`` for an unknown option ``x``; an answer ``==``
    or ``!=`` a list."""
    if op in ("in", "notin"):
        return right.__class__ is PartlyKnown and not right.decides(left)
    if op in ("eq", "ne"):
        return (left.__class__ is PartlyKnown and isinstance(right, list)) or (
            right.__class__ is PartlyKnown and isinstance(left, list)
        )
    return False

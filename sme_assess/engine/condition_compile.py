"""Conditions compiled for the engine: the parsed tree as plain data (nested tuples, what
the pack cache keeps, so a cached pack needs no parser), and plain data as Python functions
of the answers with the same truth as ``conditions.evaluate``. The common shapes (an answer
against a value) become one lookup and one comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..models.common import RESERVED_VALUES, PartlyKnown
from ..pack.conditions import (
    _OPS,
    _ORDER_OPS,
    Compiled,
    Condition,
    ConditionSyntaxError,
    Order,
    _compare,
    parse_condition,
    undecided,
)


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


def within_other(value: Any, listed: tuple[str, ...]) -> bool:
    """``answer in [...]`` for an answer that is not text: never true when unanswered, false
    when the answer cannot be compared (a number against texts)."""
    if value is None:
        return False
    try:
        return bool(value in listed)
    except TypeError:
        return False


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
        if (a.__class__ is PartlyKnown or b.__class__ is PartlyKnown) and undecided(op, a, b):
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
            return within_other(value, listed)

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


def ticked_in(const: str, value: Any) -> bool:
    """``'value' in answer`` for one answer: false when unanswered, reserved (n/a, unknown),
    not a container of options, or when the answer never asked that option."""
    if value is None or (value.__class__ is str and value in RESERVED_VALUES):
        return False
    if value.__class__ is PartlyKnown and not value.decides(const):
        return False  # an option never asked: as for an unanswered question
    try:
        return bool(const in value)
    except TypeError:
        return False


def _const_in_answer(const: str, name: str) -> Compiled:
    """``'value' in answer``: a ticked option of a multiple-choice answer."""

    def ticked(answers: Mapping[str, Any]) -> bool:
        return ticked_in(const, answers.get(name))

    return ticked

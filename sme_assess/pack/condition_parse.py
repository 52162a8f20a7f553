"""Parse a show-if / when expression into a checked Jinja2 expression tree (see ``conditions``)."""

from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from ..limits import (
    MAX_CONDITION_CHARS,
    MAX_CONDITION_DEPTH,
    MAX_CONDITION_TOKENS,
    MAX_INT_DIGITS,
)

# The comparison operators the grammar allows (Jinja2's names), what they do, how they read.
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


class Condition(NamedTuple):
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

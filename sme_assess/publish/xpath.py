"""Show-if conditions (our Jinja-grammar expressions) as XLSForm ``relevant`` XPath.

The translation is exact or refused: every rule of ``conditions.evaluate`` is kept, in
particular that an unanswered, "n/a" or "don't know" answer makes every comparison that uses
it false (so ``x != 'a'`` becomes "x is answered, is not n/a or don't know, and is not a").
What XPath cannot say the same way (comparing two answers, ordering text, a multiple choice
compared with ``==``...) raises :class:`Untranslatable` with the reason.

How answers look in the published form (see ``xlsform.py``): a choice is its option value;
a yes/no is ``yes`` or ``no``; "n/a" is the choice ``na`` and "don't know" ``unknown``; a
number that allows them is a calculated field holding the number, ``na`` or ``unknown``.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..models import NA, UNKNOWN
from ..models.common import RESERVED_VALUES
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from ..pack.conditions import KIND_BOOL, KIND_CHOICE, KIND_CHOICES, KIND_NUMBER, KIND_TEXT
from ..pack.conditions import parse_condition as _parse

NA_NAME = "na"  # the choice name that stands for "n/a" (a slash is no choice name)
UNKNOWN_NAME = "unknown"
YES_NAME, NO_NAME = "yes", "no"
_ORDER = {"lt", "lteq", "gt", "gteq"}
_FLIP = {"lt": "gt", "gt": "lt", "lteq": "gteq", "gteq": "lteq"}
_XPATH_OP = {"eq": "=", "ne": "!=", "lt": "<", "lteq": "<=", "gt": ">", "gteq": ">="}


class Untranslatable(ValueError):
    """A condition that XPath cannot express with exactly the same meaning."""


@dataclass(frozen=True)
class Field:
    """What the translation needs to know about one question of the published form."""

    kind: str  # KIND_CHOICE, KIND_CHOICES, KIND_NUMBER, KIND_BOOL, KIND_TEXT
    options: tuple[str, ...] = ()  # option values in order (choice questions)
    reserved: tuple[str, ...] = ()  # the stored values that mean "n/a" or "don't know"

    def ref(self, name: str) -> str:
        return "${" + name + "}"


def relevant(source: str, fields: Mapping[str, Field]) -> str:
    """The XPath for a show-if condition; raises Untranslatable (or ConditionSyntaxError)."""
    return _Translator(fields).expr(_parse(source).node)


def literal(value: str) -> str:
    """A string as an XPath literal (XPath 1.0 has no escapes: pick the other quote)."""
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise Untranslatable(f"the text {value!r} holds both kinds of quote, which XPath cannot")


def number(value: float) -> str:
    """A number as an XPath literal (no exponent)."""
    if isinstance(value, bool) or not math.isfinite(value):
        raise Untranslatable(f"{value!r} is not a number XPath can write")
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.15f}".rstrip("0").rstrip(".")


class _Translator:
    def __init__(self, fields: Mapping[str, Field]) -> None:
        self.fields = fields

    def expr(self, node: Any) -> str:
        from jinja2 import nodes

        if isinstance(node, nodes.And):
            return f"({self.expr(node.left)} and {self.expr(node.right)})"
        if isinstance(node, nodes.Or):
            return f"({self.expr(node.left)} or {self.expr(node.right)})"
        if isinstance(node, nodes.Not):
            return f"not({self.expr(node.node)})"
        if isinstance(node, nodes.Compare):
            parts: list[str] = []
            left = node.expr
            for operand in node.ops:
                parts.append(self.compare(left, operand.op, operand.expr))
                left = operand.expr
            return parts[0] if len(parts) == 1 else "(" + " and ".join(parts) + ")"
        if isinstance(node, nodes.Name):
            return self.truthy(node.name)
        if isinstance(node, nodes.Const):
            return "true()" if node.value else "false()"
        if isinstance(node, nodes.List | nodes.Tuple):
            return "true()" if node.items else "false()"
        raise Untranslatable(f"'{type(node).__name__}' has no XPath form")  # pragma: no cover

    # -- pieces --

    def field(self, name: str) -> Field:
        found = self.fields.get(name)
        if found is None:
            raise Untranslatable(f"'{name}' is not a question of the form")
        return found

    def answered(self, name: str) -> str:
        """True when the question holds an answer that conditions can use."""
        f = self.field(name)
        ref = f.ref(name)
        if f.kind == KIND_BOOL:
            return f"({ref} = '{YES_NAME}' or {ref} = '{NO_NAME}')"
        if f.kind == KIND_CHOICES:
            guards = [f"count-selected({ref}) > 0"]
            guards += [f"not(selected({ref}, '{r}'))" for r in f.reserved]
        else:
            guards = [f"{ref} != ''"] + [f"{ref} != '{r}'" for r in f.reserved]
        return guards[0] if len(guards) == 1 else "(" + " and ".join(guards) + ")"

    def truthy(self, name: str) -> str:
        f = self.field(name)
        if f.kind == KIND_BOOL:
            return f"{f.ref(name)} = '{YES_NAME}'"
        if f.kind == KIND_NUMBER:
            raise Untranslatable(f"'{name}' is a number; compare it (e.g. {name} > 0)")
        return self.answered(name)

    def compare(self, left: Any, op: str, right: Any) -> str:
        from jinja2 import nodes

        left_name = isinstance(left, nodes.Name)
        right_name = isinstance(right, nodes.Name)
        if left_name and right_name:
            raise Untranslatable("comparing two answers with each other is not supported")
        if not left_name and not right_name:
            return "true()" if _constant_compare(_const(left), op, _const(right)) else "false()"
        name = left.name if left_name else right.name
        value = _const(right if left_name else left)
        if value is None:
            return "false()"  # a comparison with none is never true
        f = self.field(name)
        if op in ("in", "notin") and not left_name:
            found = self.contains(name, f, value)  # 'v' in name
        elif op in ("in", "notin"):
            found = self.member(name, f, value)  # name in [...]
        elif op in _ORDER:
            found = self.order(name, f, op if left_name else _FLIP[op], value)
        else:
            found = self.equals(name, f, value)
        if op in ("ne", "notin"):
            return f"({self.answered(name)} and not({found}))"
        return found

    def equals(self, name: str, f: Field, value: Any) -> str:
        ref = f.ref(name)
        if isinstance(value, str) and (value in RESERVED_VALUES or value in f.reserved):
            return "false()"  # an "n/a" or "don't know" answer equals nothing
        if f.kind == KIND_BOOL:
            if not isinstance(value, bool):
                raise Untranslatable(f"'{name}' is yes/no; compare it with true or false")
            return f"{ref} = '{YES_NAME if value else NO_NAME}'"
        if f.kind == KIND_NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise Untranslatable(f"'{name}' is a number; compare it with a number")
            return f"{ref} = {number(value)}"
        if f.kind in (KIND_CHOICE, KIND_TEXT):
            if not isinstance(value, str):
                raise Untranslatable(f"'{name}' holds text; compare it with text in quotes")
            return f"{ref} = {literal(value)}"
        raise Untranslatable(
            f"'{name}' is a multiple choice; test one option with 'value' in {name}"
        )

    def member(self, name: str, f: Field, values: Any) -> str:
        if not isinstance(values, list):
            raise Untranslatable(f"'{name} in ...' needs a list, e.g. {name} in ['a', 'b']")
        if f.kind == KIND_CHOICES:
            raise Untranslatable(
                f"'{name}' is a multiple choice; test one option with 'value' in {name}"
            )
        if not values:
            return "false()"
        return "(" + " or ".join(self.equals(name, f, v) for v in values) + ")"

    def contains(self, name: str, f: Field, value: Any) -> str:
        ref = f.ref(name)
        if not isinstance(value, str):
            raise Untranslatable(f"only text can be looked for in '{name}'")
        if f.kind == KIND_CHOICES:
            if value in f.reserved or value in RESERVED_VALUES:  # not a ticked option
                return "false()"
            return f"selected({ref}, {literal(value)})"
        if f.kind in (KIND_CHOICE, KIND_TEXT):
            return f"({self.answered(name)} and contains({ref}, {literal(value)}))"
        raise Untranslatable(f"'{name}' is not text; 'in' cannot look inside it")

    def order(self, name: str, f: Field, op: str, value: Any) -> str:
        ref = f.ref(name)
        if f.kind == KIND_NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise Untranslatable(f"'{name}' is a number; compare it with a number")
            return f"{ref} {_XPATH_OP[op]} {number(value)}"
        if f.kind == KIND_CHOICE:
            if not isinstance(value, str):
                raise Untranslatable(f"'{name}' is a choice; compare it with an option value")
            if value not in f.options:
                return "false()"
            at = f.options.index(value)
            chosen = [o for i, o in enumerate(f.options) if _constant_compare(i, op, at)]
            if not chosen:
                return "false()"
            return "(" + " or ".join(f"{ref} = {literal(o)}" for o in chosen) + ")"
        raise Untranslatable(f"'{name}' has no order; '<' and '>' work on numbers and scales")


def _const(node: Any) -> Any:
    from jinja2 import nodes

    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.List | nodes.Tuple):
        return [item.value for item in node.items if isinstance(item, nodes.Const)]
    raise Untranslatable("only names and literal values can be compared")  # pragma: no cover


def _constant_compare(a: Any, op: str, b: Any) -> bool:
    """Two literals compared as ``conditions.evaluate`` does (never raising)."""
    if a is None or b is None:
        return False
    try:
        return bool(_PY_OPS[op](a, b))
    except TypeError:
        return False


_PY_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "lteq": operator.le,
    "gt": operator.gt,
    "gteq": operator.ge,
    "in": lambda a, b: a in b,
    "notin": lambda a, b: a not in b,
}


def form_field(question: Question) -> Field:
    """How a question's answer looks in the published form, for show-if translation."""
    reserved = tuple(
        name
        for name, allowed in ((NA_NAME, question.allow_na), (UNKNOWN_NAME, question.allow_unknown))
        if allowed
    )
    if isinstance(question, SingleChoiceQuestion | ScaleQuestion):
        return Field(KIND_CHOICE, tuple(o.value for o in question.options), reserved)
    if isinstance(question, MultipleChoiceQuestion):
        return Field(KIND_CHOICES, tuple(o.value for o in question.options), reserved)
    if isinstance(question, YesNoQuestion):
        return Field(KIND_BOOL)
    stored = tuple(
        value
        for value, allowed in ((NA, question.allow_na), (UNKNOWN, question.allow_unknown))
        if allowed
    )
    if isinstance(question, NumberQuestion):
        return Field(KIND_NUMBER, reserved=stored)
    return Field(KIND_TEXT, reserved=tuple(sorted(RESERVED_VALUES)))

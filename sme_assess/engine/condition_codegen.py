"""Many conditions compiled into one generated Python function, for the conditions the engine
evaluates for every respondent in a row (the catalogue's screen, the pain points' rules).

``truths(items, order)`` returns a function of the answers giving one truth per item, the
same as the condition closures of ``condition_compile`` give (and so ``conditions.evaluate``):
each answer the conditions read is looked up once, and the common shapes (an answer against
a value) are written out inline instead of being called. Any other shape calls its closure.
The generated source holds only names this module makes up (``v0``, ``k3``...): the pack's
text, question ids and values are bound as variables, never written into the code.

Generating and compiling costs ~1.5 ms a function, which a batch pays once per worker but a
command scoring one firm (``score``) paid on every start for a handful of calls. So the
function ``truths`` returns answers its first calls with the condition closures (the
reference the generated code is held to) and generates its code only when called again
(``GENERATE_AFTER``); ``generated`` builds the code at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..models import NA
from ..models.common import RESERVED_VALUES
from ..pack.conditions import _ORDER_OPS, Compiled, Order
from .condition_compile import Plain, _compile_truth, ticked_in, within_other

Truths = Callable[[Mapping[str, Any]], tuple[bool, ...]]
# an item: a condition (None: none) and the questions whose "n/a" makes it true by itself
Item = tuple[Plain | None, tuple[str, ...]]

_SYMBOL = {"lt": "<", "lteq": "<=", "gt": ">", "gteq": ">="}


class _Source:
    """The generated function's source and the values its names stand for."""

    def __init__(self, order: Order) -> None:
        self.order = order
        self.bound: dict[str, Any] = {
            "_RESERVED": RESERVED_VALUES,
            "_within_other": within_other,
            "_ticked": ticked_in,
            "_NA": NA,
        }
        self.reads: dict[str, str] = {}  # question id -> variable
        self.temps = 0

    def bind(self, value: Any) -> str:
        name = f"k{len(self.bound)}"
        self.bound[name] = value
        return name

    def read(self, qid: str) -> str:
        found = self.reads.get(qid)
        if found is None:
            found = self.reads[qid] = f"v{len(self.reads)}"
        return found

    def item(self, item: Item) -> str:
        tree, na_questions = item
        parts = [f"{self.read(qid)} == _NA" for qid in na_questions]
        if tree is not None:
            parts.append(self.truth(tree))
        return "(" + " or ".join(parts) + ")" if parts else "False"

    def truth(self, tree: Plain) -> str:
        kind = tree[0]
        if kind in ("and", "or"):
            return f"({self.truth(tree[1])} {kind} {self.truth(tree[2])})"
        if kind == "not":
            return f"(not {self.truth(tree[1])})"
        if kind == "value" and tree[1][0] == "name":
            v = self.read(tree[1][1])
            return f"(False if isinstance({v}, str) and {v} in _RESERVED else bool({v}))"
        if kind == "compare" and len(tree[2]) == 1:
            inline = self.compare_one(tree[1], tree[2][0])
            if inline is not None:
                return inline
        return f"{self.bind(_compile_truth(tree, self.order))}(answers)"

    def compare_one(self, first: Plain, step: tuple[str, Plain]) -> str | None:
        """The shapes ``condition_compile._name_against_constant`` shortens, with its truth;
        None for any other shape."""
        op, second = step
        name = first[1] if first[0] == "name" else None
        right_name = second[1] if second[0] == "name" else None
        if name is None or right_name is not None:
            if op == "in" and name is None and right_name is not None:
                const = first[1] if first[0] == "const" else list(first[1])
                if isinstance(const, str) and const not in RESERVED_VALUES:
                    v = self.read(right_name)
                    k = self.bind(const)
                    return f"({k} in {v} if {v}.__class__ is list else _ticked({k}, {v}))"
            return None
        const = second[1] if second[0] == "const" else list(second[1])
        if const is None or (isinstance(const, list) and op not in ("in", "notin")):
            return None
        if isinstance(const, str) and const in RESERVED_VALUES:
            return None
        v = self.read(name)
        if op == "eq" and isinstance(const, str | bool | int | float):
            return f"({v} == {self.bind(const)})"
        if op == "in" and isinstance(const, list) and all(isinstance(x, str) for x in const):
            allowed = self.bind(frozenset(x for x in const if x not in RESERVED_VALUES))
            listed = self.bind(tuple(const))
            return f"({v} in {allowed} if {v}.__class__ is str else _within_other({v}, {listed}))"
        positions = self.order.get(name) if op in _ORDER_OPS else None
        if positions is not None and isinstance(const, str) and op in _ORDER_OPS:
            at = positions.get(const)
            if at is None:
                return "False"  # no answer is placed against a value that is not an option
            self.temps += 1
            t, p = f"t{self.temps}", self.bind(positions)
            return (
                f"(isinstance({v}, str) and {v} not in _RESERVED"
                f" and ({t} := {p}.get({v})) is not None and {t} {_SYMBOL[op]} {at!r})"
            )
        return None


# Calls a ``truths`` function answers with the closures before it generates its code: a few
# calls cost less than compiling (one firm's evaluation makes one or two), many calls less
# with the generated code (a batch).
GENERATE_AFTER = 8


def truths(items: Sequence[Item], order: Order) -> Truths:
    """One function of the answers giving each item's truth, in order (see the module): the
    closures' for its first ``GENERATE_AFTER`` calls, then the generated code's."""
    return _Deferred(tuple(items), order)


class _Deferred:
    """A ``truths`` function that generates its code once it has been called often enough."""

    __slots__ = ("_call", "_closures", "_items", "_left", "_order")

    def __init__(self, items: tuple[Item, ...], order: Order) -> None:
        self._items = items
        self._order = order
        self._left = GENERATE_AFTER
        self._closures: tuple[tuple[Compiled | None, tuple[str, ...]], ...] | None = None
        self._call: Truths = self._by_closures

    def __call__(self, answers: Mapping[str, Any]) -> tuple[bool, ...]:
        return self._call(answers)

    def _by_closures(self, answers: Mapping[str, Any]) -> tuple[bool, ...]:
        self._left -= 1
        if self._left < 0:
            self._call = generated(self._items, self._order)
            return self._call(answers)
        closures = self._closures
        if closures is None:
            closures = self._closures = tuple(
                (None if tree is None else _compile_truth(tree, self._order), na)
                for tree, na in self._items
            )
        get = answers.get
        return tuple(
            any(get(qid) == NA for qid in na) or (truth is not None and truth(answers))
            for truth, na in closures
        )


def generated(items: Sequence[Item], order: Order) -> Truths:
    """The generated function giving each item's truth, compiled now (see the module)."""
    src = _Source(order)
    exprs = [src.item(item) for item in items]
    lines = ["def truths(answers):", "    get = answers.get"]
    for qid, var in src.reads.items():
        lines.append(f"    {var} = get({src.bind(qid)})")
    lines.append("    return (" + "".join(f"{e}, " for e in exprs) + ")")
    namespace = dict(src.bound)
    exec(compile("\n".join(lines), "<conditions>", "exec"), namespace)
    found: Truths = namespace["truths"]
    return found

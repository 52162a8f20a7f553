"""The relevance pass of ``plan_relevance.relevances`` as one generated Python function per
compiled catalogue: each solution's pain points and category gaps written out in the
catalogue's sorted order, every severity and category gap read once into local variables,
each reason kept in a local variable once made (not looked up in the firm's memo), instead
of a loop reading each solution's row and looking each term up.

``relevance_pass(cc)`` returns a function of the eligible solutions and the firm's facts
(``Firm``) giving what the loop gives: each eligible solution's relevance and reasons
(``called``, in the sorted order) and those called for with their priority (``chosen``).
The terms are added in the loop's order, so the relevances are the same floats. The
generated source holds only names this module makes up and numbers: solution, pain point
and category ids and the reasons' keys are bound as variables, never written into the code
(as ``condition_codegen``). Like the condition functions, the code is generated only once the
pass has been called ``GENERATE_AFTER`` times (a command planning for one firm never pays
for it); until then the loop answers (``loop_relevance``), and a test holds the two to the
same results.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

from .condition_codegen import GENERATE_AFTER
from .records import Reason

# what relevance reads of each solution (plan_relevance's rows): pain weights (pain point,
# strength, factor, reason key), the level it lifts to, category weights (category, factor,
# reason key), cost factor x effort factor, what it mainly works on
Row = tuple[
    tuple[tuple[str, int, float, tuple[str, int]], ...],
    int,
    tuple[tuple[str, float, tuple[str, int, str]], ...],
    float,
    tuple[frozenset[str], tuple[str, ...]],
]
Called = dict[str, tuple[float, list[Reason]]]  # solution -> relevance and its reasons


class Firm(NamedTuple):
    """What the pass reads of one firm: raised pain points' severities, each assessed
    category's (level or 0, gap as a fraction, relative weight), the reasons made so far for
    this firm and how to make a new one, and how a relevance is boosted for the owner's
    priorities (None when the owner named none)."""

    severity: Mapping[str, float]
    gaps: Mapping[str, tuple[int, float, float]]
    memo: dict[tuple[Any, ...], Reason]
    pain_reason: Callable[[tuple[str, int]], Reason]
    category_reason: Callable[[tuple[str, int, str]], Reason]
    boosted: Callable[[str, float], float] | None


PassResult = tuple[Called, dict[str, float]]
PassFunction = Callable[[Sequence[str], AbstractSet[str], Firm], PassResult]


def loop_relevance(
    rows: Mapping[str, Row], sids: Sequence[str], eligible: AbstractSet[str], firm: Firm
) -> PassResult:
    """The relevance pass as a loop over the solutions' rows (the definition the generated
    function is held to). The pain point a solution fixes best counts fully, the others
    half; then the gaps of the categories it addresses below the level it lifts to."""
    severity_of, gaps_of, memo_get = firm.severity.get, firm.gaps.get, firm.memo.get
    called: Called = {}
    chosen: dict[str, float] = {}
    for sid in sids:
        pain_weights, to_level, category_weights, divisor, _strong = rows[sid]
        why: list[Reason] = []
        best = -1.0
        summed = 0.0
        found = False
        for pid, _strength, factor, key in pain_weights:
            severity = severity_of(pid)
            if severity is None:
                continue
            term = factor * severity
            summed += term
            if not found or term > best:
                best, found = term, True
            why.append(memo_get(key) or firm.pain_reason(key))
        total = best + 0.5 * (summed - best) if found else 0.0
        for cid, factor, cat_key in category_weights:
            got = gaps_of(cid)
            if got is None:
                continue
            below, gap, rel = got
            if below >= to_level:
                continue
            total += factor * gap * rel
            why.append(memo_get(cat_key) or firm.category_reason(cat_key))
        called[sid] = (total, why)
        if total <= 0:
            continue
        if firm.boosted is not None:
            total = firm.boosted(sid, total)
        chosen[sid] = total / divisor  # cost factor x effort factor
    return called, chosen


class _Source:
    """The generated function's lines and the values its names stand for."""

    def __init__(self) -> None:
        self.bound: dict[str, Any] = {}
        self.lines: list[str] = []

    def bind(self, value: Any) -> str:
        name = f"k{len(self.bound)}"
        self.bound[name] = value
        return name

    def number(self, value: float) -> str:
        """A number as a literal when it reads back as the same number, else a name."""
        if value.__class__ in (int, float) and math.isfinite(value):
            return repr(value)
        return self.bind(value)

    def say(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)


def generated_relevance(rows: Mapping[str, Row]) -> PassFunction:
    """The relevance pass over ``rows`` as generated code, compiled now (see the module)."""
    src = _Source()
    pains: dict[str, str] = {}  # pain point -> its severity's variable
    categories: dict[str, str] = {}  # category -> its variables' suffix
    for sid in sorted(rows):
        for pid, *_ in rows[sid][0]:
            pains.setdefault(pid, f"v{len(pains)}")
        for cid, *_ in rows[sid][2]:
            categories.setdefault(cid, str(len(categories)))
    src.say(0, "def relevance_pass(sids, eligible, firm):")
    src.say(1, "severity, gaps, _memo, pain_reason, category_reason, boosted = firm")
    src.say(1, "severity_of = severity.get; gaps_of = gaps.get")
    for pid, var in pains.items():
        src.say(1, f"{var} = severity_of({src.bind(pid)})")
    for cid, n in categories.items():
        src.say(1, f"g = gaps_of({src.bind(cid)})")
        src.say(1, f"if g is None: b{n} = None")  # never below a level: no gap counts
        src.say(1, f"else: b{n}, x{n}, r{n} = g")
    reasons: dict[Any, str] = {}  # a reason's key -> the local variable holding it
    for sid in sorted(rows):
        for *_, pain_key in rows[sid][0]:
            reasons.setdefault(pain_key, f"m{len(reasons)}")
        for *_, cat_key in rows[sid][2]:
            reasons.setdefault(cat_key, f"m{len(reasons)}")
    src.say(1, " = ".join(reasons.values()) + " = None")
    src.say(1, "called = {}; chosen = {}")
    for sid in sorted(rows):
        pain_weights, to_level, category_weights, divisor, _strong = rows[sid]
        name = src.bind(sid)
        src.say(1, f"if {name} in eligible:")
        src.say(2, "why = []; s = 0.0; b = None")
        for i, (pid, _strength, factor, key) in enumerate(pain_weights):
            src.say(2, f"if {pains[pid]} is not None:")
            src.say(3, f"t = {src.number(factor)} * {pains[pid]}; s += t")
            src.say(3, "b = t" if i == 0 else "if b is None or t > b: b = t")
            m = reasons[key]
            src.say(3, f"if {m} is None: {m} = pain_reason({src.bind(key)})")
            src.say(3, f"why.append({m})")
        src.say(2, "tot = 0.0 if b is None else b + 0.5 * (s - b)")
        for cid, factor, cat_key in category_weights:
            n = categories[cid]
            src.say(2, f"if b{n} is not None and b{n} < {src.number(to_level)}:")
            src.say(3, f"tot += {src.number(factor)} * x{n} * r{n}")
            m = reasons[cat_key]
            src.say(3, f"if {m} is None: {m} = category_reason({src.bind(cat_key)})")
            src.say(3, f"why.append({m})")
        src.say(2, f"called[{name}] = (tot, why)")
        src.say(2, "if tot > 0:")
        src.say(3, f"if boosted is not None: tot = boosted({name}, tot)")
        src.say(3, f"chosen[{name}] = tot / {src.number(divisor)}")
    src.say(1, "return called, chosen")
    namespace = dict(src.bound)
    exec(compile("\n".join(src.lines), "<relevance pass>", "exec"), namespace)
    found: PassFunction = namespace["relevance_pass"]
    return found


class RelevancePass:
    """The relevance pass of one compiled catalogue: the loop for its first
    ``GENERATE_AFTER`` calls, then the generated code. The generated code walks every
    solution in sorted order, so ``sids`` must be the eligible ones in sorted order."""

    __slots__ = ("_call", "_left", "_rows")

    def __init__(self, rows: Mapping[str, Row]) -> None:
        self._rows = rows
        self._left = GENERATE_AFTER
        self._call: PassFunction = self._by_loop

    def __call__(self, sids: Sequence[str], eligible: AbstractSet[str], firm: Firm) -> PassResult:
        return self._call(sids, eligible, firm)

    def _by_loop(self, sids: Sequence[str], eligible: AbstractSet[str], firm: Firm) -> PassResult:
        self._left -= 1
        if self._left < 0:
            self._call = generated_relevance(self._rows)
            return self._call(sids, eligible, firm)
        return loop_relevance(self._rows, sids, eligible, firm)

"""The questions' pass of ``scoring.score_categories`` as one generated Python function per
questionnaire: each question's show-if, answer, record and category sums written out in
order, the sums in local variables, instead of a loop reading each question's plan.

``question_pass(cq)`` returns a function of the answers giving what the loop gives: the
answers of the questions shown (``seen``), each shown question's record (``scores``), and
per category (in the questionnaire's order) its records, answered weight, weighted score,
"don't know" weight and applicable weight. The additions are made in the loop's order, so
the sums are the same floats. The generated source holds only names this module makes up:
question ids, records, weights and conditions are bound as variables, never written into the
code (as ``condition_codegen``). Like the condition functions, the code is generated only
once the function has been called ``GENERATE_AFTER`` times (a command scoring one firm never
pays for it); until then the loop answers (``loop_pass``), and a test holds the two to the
same results.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from ..models import NA, UNKNOWN
from .condition_codegen import GENERATE_AFTER
from .records import QuestionScore


class CompiledQuestionnaire(Protocol):
    """What the pass reads of ``compiled.CompiledQuestionnaire`` (which holds the pass, so
    is not imported here)."""

    @property
    def category_ids(self) -> tuple[str, ...]: ...

    @property
    def sections(self) -> tuple[Any, ...]: ...  # compiled.SectionPlan


# seen, scores, and per category: records, answered, weighted, unknown, applicable
Pass = tuple[
    dict[str, Any],
    dict[str, QuestionScore],
    tuple[list[QuestionScore], ...],
    tuple[float, ...],
    tuple[float, ...],
    tuple[float, ...],
    tuple[float, ...],
]
PassFunction = Callable[[Mapping[str, Any]], Pass]

_MISSING = object()


def loop_pass(cq: CompiledQuestionnaire, answers: Mapping[str, Any]) -> Pass:
    """The questions' pass as a loop over the compiled plans (the definition the generated
    function is held to). Conditions only look back: one pass in order is exact."""
    seen: dict[str, Any] = {}
    scores: dict[str, QuestionScore] = {}
    n = len(cq.category_ids)
    answered_w = [0.0] * n
    weighted = [0.0] * n
    unknown_w = [0.0] * n
    applicable_w = [0.0] * n
    items: list[list[QuestionScore]] = [[] for _ in range(n)]
    for section in cq.sections:
        if section.show_if is not None and not section.show_if(seen):
            continue
        for plan in section.questions:
            if plan.show_if is not None and not plan.show_if(seen):
                continue
            qid = plan.id
            value = answers.get(qid, _MISSING)
            if value is _MISSING:
                item = scores[qid] = plan.unanswered
                for ci, w in plan.slots:
                    items[ci].append(item)
                    applicable_w[ci] += w  # asked and not answered: counts against coverage
                continue
            seen[qid] = value
            if value == NA:
                item = scores[qid] = plan.na
                for ci, _w in plan.slots:
                    items[ci].append(item)
                continue
            if value == UNKNOWN:
                item = scores[qid] = plan.unknown
                for ci, w in plan.slots:
                    items[ci].append(item)
                    applicable_w[ci] += w
                    unknown_w[ci] += w
                continue
            found = plan.answered.get(value) if value.__class__ is plan.key_type else None
            item = scores[qid] = (
                found
                if found is not None
                else QuestionScore(
                    qid, "answered", value, plan.fraction(value), plan.weight, plan.categories
                )
            )
            frac = item.fraction or 0.0
            for ci, w in plan.slots:
                items[ci].append(item)
                applicable_w[ci] += w
                answered_w[ci] += w
                weighted[ci] += w * frac
    return (
        seen,
        scores,
        tuple(items),
        tuple(answered_w),
        tuple(weighted),
        tuple(unknown_w),
        tuple(applicable_w),
    )


class _Source:
    """The generated function's lines and the values its names stand for."""

    def __init__(self) -> None:
        self.bound: dict[str, Any] = {
            "_MISSING": _MISSING,
            "_NA": NA,
            "_UNKNOWN": UNKNOWN,
            "_QS": QuestionScore,
        }
        self.lines: list[str] = []

    def bind(self, value: Any) -> str:
        name = f"k{len(self.bound)}"
        self.bound[name] = value
        return name

    def say(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)


def generated_pass(cq: CompiledQuestionnaire) -> PassFunction:
    """The questions' pass of ``cq`` as generated code, compiled now (see the module)."""
    src = _Source()
    n = len(cq.category_ids)
    src.say(0, "def question_pass(answers):")
    src.say(1, "get = answers.get")
    src.say(1, "seen = {}")
    src.say(1, "scores = {}")
    for i in range(n):
        src.say(1, f"r{i} = []; a{i} = 0.0; s{i} = 0.0; u{i} = 0.0; p{i} = 0.0")
    for section in cq.sections:
        depth = 1
        if section.show_if is not None:
            src.say(depth, f"if {src.bind(section.show_if)}(seen):")
            depth += 1
        src.say(depth, "pass")
        for plan in section.questions:
            d = depth
            if plan.show_if is not None:
                src.say(d, f"if {src.bind(plan.show_if)}(seen):")
                d += 1
            qid = src.bind(plan.id)
            slots = [(ci, src.bind(w)) for ci, w in plan.slots]
            src.say(d, f"v = get({qid}, _MISSING)")
            src.say(d, "if v is _MISSING:")
            rec = src.bind(plan.unanswered)
            src.say(d + 1, f"scores[{qid}] = {rec}")
            for ci, w in slots:
                src.say(d + 1, f"r{ci}.append({rec}); p{ci} += {w}")
            src.say(d, "else:")
            src.say(d + 1, f"seen[{qid}] = v")
            src.say(d + 1, "if v == _NA:")
            rec = src.bind(plan.na)
            src.say(d + 2, f"scores[{qid}] = {rec}")
            for ci, _w in slots:
                src.say(d + 2, f"r{ci}.append({rec})")
            src.say(d + 1, "elif v == _UNKNOWN:")
            rec = src.bind(plan.unknown)
            src.say(d + 2, f"scores[{qid}] = {rec}")
            for ci, w in slots:
                src.say(d + 2, f"r{ci}.append({rec}); p{ci} += {w}; u{ci} += {w}")
            src.say(d + 1, "else:")
            made = (
                f"_QS({qid}, 'answered', v, {src.bind(plan.fraction)}(v), "
                f"{src.bind(plan.weight)}, {src.bind(plan.categories)})"
            )
            if plan.key_type is not None:
                src.say(
                    d + 2,
                    f"it = {src.bind(plan.answered)}.get(v) "
                    f"if v.__class__ is {src.bind(plan.key_type)} else None",
                )
                src.say(d + 2, "if it is None:")
                src.say(d + 3, f"it = {made}")
            else:
                src.say(d + 2, f"it = {made}")
            src.say(d + 2, f"scores[{qid}] = it")
            if slots:
                src.say(d + 2, "f = it.fraction or 0.0")
            for ci, w in slots:
                src.say(d + 2, f"r{ci}.append(it); p{ci} += {w}; a{ci} += {w}; s{ci} += {w} * f")

    def row(prefix: str) -> str:
        return "(" + "".join(f"{prefix}{i}, " for i in range(n)) + ")"

    src.say(
        1,
        f"return seen, scores, {row('r')}, {row('a')}, {row('s')}, {row('u')}, {row('p')}",
    )
    namespace = dict(src.bound)
    exec(compile("\n".join(src.lines), "<question pass>", "exec"), namespace)
    found: PassFunction = namespace["question_pass"]
    return found


class QuestionPass:
    """``question_pass``'s function: the loop for its first ``GENERATE_AFTER`` calls, then
    the generated code."""

    __slots__ = ("_call", "_cq", "_left")

    def __init__(self) -> None:
        self._cq: CompiledQuestionnaire | None = None
        self._left = GENERATE_AFTER
        self._call: PassFunction = self._by_loop

    def bind(self, cq: CompiledQuestionnaire) -> None:
        self._cq = cq

    def __call__(self, answers: Mapping[str, Any]) -> Pass:
        return self._call(answers)

    def _by_loop(self, answers: Mapping[str, Any]) -> Pass:
        cq = self._cq
        assert cq is not None
        self._left -= 1
        if self._left < 0:
            self._call = generated_pass(cq)
            return self._call(answers)
        return loop_pass(cq, answers)

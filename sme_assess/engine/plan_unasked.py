"""Which planned solutions the firm may already have without having said so.

A solution counts as in place only when its ``in_place_if`` holds for the firm's answers, and
a condition on a question the firm did not answer (not asked in the short form, skipped,
"don't know") is false. So a plan can hold something the firm already uses. This module
finds, for one planned solution, the questions that leave it open: questions its condition
reads that were shown to the firm (or would be) but not answered, where some answer to them
would make the condition hold. The plan then says so beside the solution ("you did not say
whether you already have this"), instead of recommending it as if it were known to be missing.

A question hidden by the firm's other answers (its show-if is false) is not "unanswered":
the firm's answers already rule it out. "Not applicable" is an answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import product
from typing import Any

from ..models import Questionnaire
from ..models.common import UNKNOWN
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from .compiled import compile_questionnaire
from .plan_facts import CompiledCatalogue
from .visibility import visible_questions

# Above this many combinations of trial answers the solution is said to be open: saying
# "you did not say" once too often is better than recommending silently what a firm has.
_MAX_TRIALS = 512


def open_questions(
    holds: Callable[[Mapping[str, Any]], bool],
    reads: Sequence[str],
    answers: Mapping[str, Any],
    shown: Callable[[], frozenset[str]],
    by_id: Mapping[str, Question],
) -> tuple[str, ...]:
    """The questions ``reads`` (those the in-place condition ``holds`` reads) that the firm
    left unanswered although they were shown (``shown()``, computed only when needed), when
    some answers to them would make the condition hold; () when nothing is left open."""
    missing = [qid for qid in reads if _unanswered(answers.get(qid))]
    if not missing:
        return ()
    visible = shown()
    missing = [qid for qid in missing if qid in visible and qid in by_id]
    if not missing:
        return ()
    choices = [_trials(by_id[qid]) for qid in missing]
    if any(c is None for c in choices):
        return tuple(missing)  # a text question, say: any answer might do
    count = 1
    for c in choices:
        count *= len(c or ())
    if count > _MAX_TRIALS:
        return tuple(missing)
    trial = dict(answers)
    for values in product(*(c or () for c in choices)):
        trial.update(zip(missing, values, strict=True))
        if holds(trial):
            return tuple(missing)
    return ()


def shown_questions(q: Questionnaire, answers: Mapping[str, Any]) -> frozenset[str]:
    """The ids of the questions the firm's answers lead to (show-if holds)."""
    return frozenset(question.id for question in visible_questions(q, answers))


def _unanswered(value: Any) -> bool:
    return value is None or value == UNKNOWN or value == [] or value == ""


def _trials(question: Question) -> list[Any] | None:
    """Answers to try for a question, or None when they cannot be listed."""
    if isinstance(question, SingleChoiceQuestion | ScaleQuestion):
        return [o.value for o in question.options]
    if isinstance(question, MultipleChoiceQuestion):
        values = [o.value for o in question.options]
        # one tick at a time, and every tick at once (a condition may need two)
        return [[v] for v in values] + [values]
    if isinstance(question, YesNoQuestion):
        return [True, False]
    if isinstance(question, NumberQuestion):  # a condition may name a band, or compare
        return [b.value for b in question.bands if b.value is not None] + list(_numbers(question))
    return None


def _numbers(question: NumberQuestion) -> Iterator[float]:
    """Numbers on both sides of every edge the question names, and its own bounds."""
    edges = {0.0, 1.0, 10.0, 100.0, 1000.0, 1e6}
    for band in question.bands:
        for edge in (band.min, band.max):
            if edge is not None:
                edges |= {edge - 1, edge, edge + 1}
    for bound in (question.min, question.max):
        if bound is not None:
            edges.add(bound)
    low = question.min if question.min is not None else float("-inf")
    high = question.max if question.max is not None else float("inf")
    for edge in sorted(edges):
        if low <= edge <= high:
            yield int(edge) if question.integer else edge


class OpenCheck:
    """For one firm: the questions that leave each planned solution possibly in place (its
    own in-place condition's, and those of the bundles that would bring it)."""

    __slots__ = ("_answers", "_cc", "_holds", "_q", "_shown")

    def __init__(self, cc: CompiledCatalogue, q: Questionnaire, answers: Mapping[str, Any]):
        self._cc = cc
        self._q = q
        self._answers = answers
        self._holds: dict[str, Callable[[Mapping[str, Any]], bool]] | None = None
        self._shown: frozenset[str] | None = None

    def questions(self, sid: str) -> tuple[str, ...]:
        """The unanswered questions (ids, in the conditions' order) that leave ``sid`` open."""
        reads_of, answers = self._cc.in_place_reads, self._answers
        found: dict[str, None] = {}
        for one in (sid, *self._cc.bundle_of.get(sid, ())):
            reads = reads_of.get(one)
            if not reads or not any(_unanswered(answers.get(qid)) for qid in reads):
                continue  # the usual case: every question it reads was answered
            if self._holds is None:
                self._holds = dict(self._cc.in_place)
            holds = self._holds.get(one)
            if holds is None:
                continue
            by_id = compile_questionnaire(self._q).by_id
            found.update(dict.fromkeys(open_questions(holds, reads, answers, self._seen, by_id)))
        return tuple(found)

    def _seen(self) -> frozenset[str]:
        if self._shown is None:
            self._shown = shown_questions(self._q, self._answers)
        return self._shown

"""Which planned solutions the firm may already have without having said so.

A solution counts as in place only when its ``in_place_if`` holds for the firm's answers, and
a condition on a question the firm did not answer (not asked in the short form, skipped,
"don't know") is false. So a plan can hold something the firm already uses. This module
finds, for one planned solution, the questions that leave it open: questions its condition
reads that were shown to the firm (or would be) but not answered, where some answer to them
would make the condition hold. The plan then says so beside the solution ("you may have this
already: your answers do not cover …"), instead of recommending it as if known to be missing.

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
from ..pack.conditions import Compiled
from .compiled import CompiledQuestionnaire, compile_questionnaire
from .condition_compile import plain_names, plain_source
from .plan_facts import CompiledCatalogue

# solution -> (itself or a bundle that would bring it, the questions that one's in-place
# condition reads, the condition)
_Checks = Mapping[str, tuple[tuple[str, tuple[str, ...], Compiled], ...]]

# Above this many combinations of trial answers the solution is said to be open: saying
# "you did not say" once too often is better than recommending silently what a firm has.
_MAX_TRIALS = 512


def open_questions(
    holds: Compiled,
    reads: Sequence[str],
    answers: Mapping[str, Any],
    shown: Callable[[str], bool],
    by_id: Mapping[str, Question],
    shows: Callable[[str, Mapping[str, Any]], bool] | None = None,
    show_reads: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[str, ...]:
    """The questions ``reads`` (those the in-place condition ``holds`` reads) that the firm
    left unanswered although they were shown (``shown(id)``), when some answers to them
    would make the condition hold; () when nothing is left open.

    A question the firm's answers hide counts too when its show-if reads a question the firm
    was shown and left unanswered (``show_reads``): an answer to that one could bring it up
    (the short form does not ask which systems the firm uses, so how far its MES reaches is
    never asked either). Both are tried, the hidden one also unanswered, and answered only
    where ``shows(id, answers)`` says the trial answers would show it."""
    unsaid = [q for q in reads if _unanswered(answers.get(q)) and q in by_id]
    missing = [q for q in unsaid if shown(q)]
    hidden: list[str] = []
    behind: list[str] = []  # shown, unanswered, and deciding whether a hidden one shows
    if shows is not None and show_reads is not None:
        for qid in unsaid:
            if qid in missing:
                continue
            up = [
                r
                for r in show_reads.get(qid, ())
                if r in by_id and _unanswered(answers.get(r)) and shown(r)
            ]
            if up:
                hidden.append(qid)
                behind += [r for r in up if r not in missing and r not in behind]
    if not missing and not hidden:
        return ()
    varied = missing + behind + hidden
    choices: list[list[Any] | None] = [_trials(by_id[qid]) for qid in missing + behind]
    choices += [[None, *(_trials(by_id[qid]) or ())] for qid in hidden]
    if any(c is None for c in choices):
        return tuple(missing + behind + hidden)  # a text question, say: any answer might do
    count = 1
    for c in choices:
        count *= len(c or ())
    if count > _MAX_TRIALS:
        return tuple(missing + behind + hidden)
    trial = {qid: answers.get(qid) for qid in reads}  # all that the condition reads
    for values in product(*(c or () for c in choices)):
        tried = dict(zip(varied, values, strict=True))
        if hidden and shows is not None:
            merged = {**answers, **tried}
            if any(tried[q] is not None and not shows(q, merged) for q in hidden):
                continue  # an answer to a question these answers would not show
        trial.update((q, v) for q, v in tried.items() if q in trial)
        if holds(trial):
            return tuple(q for q in varied if q not in hidden or tried[q] is not None)
    return ()


class OpenCheck:
    """For one firm: the questions that leave each planned solution possibly in place (its
    own in-place condition's, and those of the bundles that would bring it)."""

    __slots__ = ("_answers", "_checks", "_cq", "_memo", "_reads", "_show_reads", "_unanswered")

    def __init__(self, cc: CompiledCatalogue, q: Questionnaire, answers: Mapping[str, Any]):
        self._checks, self._memo, self._reads = _checks(cc)
        self._cq = compile_questionnaire(q)
        self._show_reads = _show_reads(q)
        self._answers = answers
        self._unanswered: frozenset[str] | None = None

    def questions(self, sid: str) -> tuple[str, ...]:
        """The unanswered questions (ids, in the conditions' order) that leave ``sid`` open."""
        checks = self._checks.get(sid)
        if not checks:
            return ()
        unanswered = self._unanswered
        if unanswered is None:  # once per firm: the questions some condition reads, unsaid
            answers = self._answers
            unanswered = self._unanswered = frozenset(
                qid for qid in self._reads if _unanswered(answers.get(qid))
            )
        if not unanswered:
            return ()
        answers = self._answers
        found: dict[str, None] = {}
        for one, reads, holds in checks:
            if unanswered.isdisjoint(reads):
                continue  # the usual case: every question it reads was answered
            said = tuple([_key(answers.get(qid)) for qid in reads])
            # what was shown is part of the key: the same answers, another section shown;
            # and for a hidden question, what its show-if reads (an answer could show it)
            shown = tuple([self._shown(qid) for qid in reads])
            behind = tuple(
                [
                    (r, _key(answers.get(r)), self._shown(r))
                    for qid, seen in zip(reads, shown, strict=True)
                    if not seen
                    for r in self._show_reads.get(qid, ())
                ]
            )
            memo_key: tuple[Any, ...] | None = (one, said, shown, behind)
            try:
                open_ = self._memo.get(memo_key)
            except TypeError:  # an answer that cannot be a key: work it out, do not keep it
                memo_key, open_ = None, None
            if open_ is None:
                open_ = open_questions(
                    holds,
                    reads,
                    answers,
                    self._shown,
                    self._cq.by_id,
                    self._shows,
                    self._show_reads,
                )
                if memo_key is not None and len(self._memo) < 65_536:  # a batch meets few
                    self._memo[memo_key] = open_
            found.update(dict.fromkeys(open_))
        return tuple(found)

    def _shown(self, qid: str) -> bool:
        """Whether the firm's answers lead to the question (its section's and its own show-if
        hold). The answers are the usable ones (a hidden question's answer is set aside) and
        conditions only look back, so this is ``visibility.visible_questions``' verdict."""
        return self._shows(qid, self._answers)

    def _shows(self, qid: str, answers: Mapping[str, Any]) -> bool:
        """Whether ``answers`` lead to the question."""
        where = _where(self._cq).get(qid)
        if where is None:
            return False
        section_if, question_if = where
        return (section_if is None or section_if(answers)) and (
            question_if is None or question_if(answers)
        )


# per compiled catalogue: its checks, and the memo of trials, keyed by what the firm said to
# the questions a condition reads and which of them it was shown (nothing else decides)
_Memo = dict[Any, tuple[str, ...]]
_CHECKS: dict[int, tuple[CompiledCatalogue, _Checks, _Memo, frozenset[str]]] = {}


def _checks(cc: CompiledCatalogue) -> tuple[_Checks, _Memo, frozenset[str]]:
    """The checks, the memo and every question some in-place condition reads."""
    hit = _CHECKS.get(id(cc))
    if hit is not None and hit[0] is cc:
        return hit[1], hit[2], hit[3]
    holds_of = dict(cc.in_place)
    checks: dict[str, tuple[tuple[str, tuple[str, ...], Compiled], ...]] = {}
    for sid in cc.by_id:
        entries = []
        for one in (sid, *cc.bundle_of.get(sid, ())):
            reads, holds = cc.in_place_reads.get(one), holds_of.get(one)
            if reads and holds is not None:
                entries.append((one, reads, holds))
        if entries:
            checks[sid] = tuple(entries)
    if len(_CHECKS) > 16:
        _CHECKS.clear()
    memo: _Memo = {}
    reads_all = frozenset(qid for reads in cc.in_place_reads.values() for qid in reads)
    _CHECKS[id(cc)] = (cc, checks, memo, reads_all)
    return checks, memo, reads_all


_WHERE: dict[int, tuple[CompiledQuestionnaire, dict[str, tuple[Any, Any]]]] = {}


def _where(cq: CompiledQuestionnaire) -> dict[str, tuple[Any, Any]]:
    """Question id -> (its section's show-if, its own), compiled."""
    hit = _WHERE.get(id(cq))
    if hit is not None and hit[0] is cq:
        return hit[1]
    where = {
        plan.id: (section.show_if, plan.show_if)
        for section in cq.sections
        for plan in section.questions
    }
    if len(_WHERE) > 16:
        _WHERE.clear()
    _WHERE[id(cq)] = (cq, where)
    return where


_SHOW_READS: dict[int, tuple[Questionnaire, dict[str, tuple[str, ...]]]] = {}


def _show_reads(q: Questionnaire) -> dict[str, tuple[str, ...]]:
    """Question id -> the questions its section's and its own show-if read."""
    hit = _SHOW_READS.get(id(q))
    if hit is not None and hit[0] is q:
        return hit[1]
    found: dict[str, tuple[str, ...]] = {}
    for section in q.sections:
        above = plain_names(plain_source(section.show_if)) if section.show_if else ()
        for question in section.questions:
            own = plain_names(plain_source(question.show_if)) if question.show_if else ()
            names = tuple(dict.fromkeys((*above, *own)))
            if names:
                found[question.id] = names
    if len(_SHOW_READS) > 16:
        _SHOW_READS.clear()
    _SHOW_READS[id(q)] = (q, found)
    return found


def _key(value: Any) -> Any:
    """An answer as a memo key (a multiple choice's list as a tuple)."""
    return tuple(value) if isinstance(value, list) else value


def _unanswered(value: Any) -> bool:
    return value is None or value == UNKNOWN or value == () or value == [] or value == ""


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

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
from itertools import compress, product
from typing import Any

from ..models import Questionnaire
from ..models.common import UNKNOWN, PartlyKnown
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

# What leaves a question unsaid: no answer, "don't know", nothing ticked, an empty text (a
# tuple: a list answer is not hashable; each is compared by identity, then equality)
_UNSAID: tuple[Any, ...] = (None, UNKNOWN, (), [], "")

# Above this many combinations of trial answers the solution is said to be open: saying
# "you did not say" once too often is better than recommending silently what a firm has.
_MAX_TRIALS = 512


def _open(
    holds: Compiled,
    reads: Sequence[str],
    answers: Mapping[str, Any],
    missing: Sequence[str],
    by_id: Mapping[str, Question],
    hidden: Sequence[str] = (),
    behind: Sequence[str] = (),
    shows: Callable[[str, Mapping[str, Any]], bool] | None = None,
) -> tuple[str, ...]:
    """The unanswered questions that leave ``holds`` open, when some trial answers to them
    make it true, else (). ``missing``: the unanswered, shown questions of ``reads``.

    ``hidden``: unanswered questions of ``reads`` the firm's answers hide but that an answer
    to a shown, unanswered question (``behind``) could bring up (the short form does not ask
    which systems the firm uses, so how far its MES reaches is never asked either). They are
    tried unanswered too, and answered only where ``shows(id, answers)`` says the trial
    answers would show them."""
    varied = [*missing, *behind, *hidden]
    choices: list[list[Any] | None] = [_trials(by_id[qid]) for qid in (*missing, *behind)]
    choices += [[None, *(_trials(by_id[qid]) or ())] for qid in hidden]
    if any(c is None for c in choices):
        return tuple(varied)  # a text question, say: any answer might do
    count = 1
    for c in choices:
        count *= len(c or ())
    if count > _MAX_TRIALS:
        return tuple(varied)
    trial = {qid: answers.get(qid) for qid in reads}  # all that the condition reads
    if not hidden:
        for values in product(*(c or () for c in choices)):
            trial.update(zip(missing, values, strict=True))
            if holds(trial):
                return tuple(missing)
        return ()
    for values in product(*(c or () for c in choices)):
        tried = dict(zip(varied, values, strict=True))
        merged = {**answers, **tried}
        if shows is not None and any(tried[q] is not None and not shows(q, merged) for q in hidden):
            continue  # an answer to a question these answers would not show
        trial.update((q, v) for q, v in tried.items() if q in trial)
        if holds(trial):
            return tuple(q for q in varied if q not in hidden or tried[q] is not None)
    return ()


class OpenCheck:
    """For one firm: the questions that leave each planned solution possibly in place (its
    own in-place condition's, and those of the bundles that would bring it).

    Made for every firm, asked for each of its ~30 planned solutions: most firms answered
    every question a solution's conditions read. So the firm's unsaid questions are found
    once, and from them ``maybe``, the solutions a check of which reads one: the others are
    not open, and the plan asks only about these."""

    __slots__ = (
        "_answers",
        "_checks",
        "_cq",
        "_memo",
        "_show_reads",
        "_shown",
        "_unanswered",
        "maybe",
    )

    def __init__(self, cc: CompiledCatalogue, q: Questionnaire, answers: Mapping[str, Any]):
        self._checks, self._memo, readers = _checks(cc)
        self._cq = compile_questionnaire(q)
        self._show_reads = _show_reads(q)
        self._answers = answers
        self._shown: dict[str, bool] = {}
        # the questions some in-place condition reads that the firm left unsaid (no answer,
        # "don't know", nothing ticked, an empty text)
        # (in C: ``v in _UNSAID`` is ``v is None or v == UNKNOWN or v == () ...``)
        unsaid = map(_UNSAID.__contains__, map(answers.get, readers))
        unanswered = self._unanswered = frozenset(compress(readers, unsaid))
        maybe: set[str] = set()
        for qid in unanswered:
            maybe |= readers[qid]
        self.maybe = maybe

    def questions(self, sid: str) -> tuple[str, ...]:
        """The unanswered questions (ids, in the conditions' order) that leave ``sid`` open."""
        if sid not in self.maybe:
            return ()  # the usual case: every question its checks read was answered
        entry = self._checks[sid]
        unanswered = self._unanswered
        answers = self._answers
        by_id = self._cq.by_id
        found: dict[str, None] = {}
        for one, reads, holds in entry:
            if unanswered.isdisjoint(reads):
                continue
            # the unsaid questions the firm was shown (or would be): nothing else is open
            missing = tuple(
                [qid for qid in reads if qid in unanswered and qid in by_id and self.shown(qid)]
            )
            hidden, behind = self._behind(reads, missing)
            if not missing and not hidden:
                continue
            # what the firm said to the questions the condition reads, which of the unsaid
            # ones it was shown, and for a hidden one what its show-if reads, decide the
            # trials: the memo's key
            memo_key: tuple[Any, ...] | None = (
                one,
                tuple([_key(answers.get(qid)) for qid in reads]),
                missing,
                tuple(
                    [
                        (r, _key(answers.get(r)), self.shown(r))
                        for qid in hidden
                        for r in self._show_reads[qid]
                    ]
                ),
            )
            try:
                open_ = self._memo.get(memo_key)
            except TypeError:  # an answer that cannot be a key: work it out, do not keep it
                memo_key, open_ = None, None
            if open_ is None:
                open_ = _open(holds, reads, answers, missing, by_id, hidden, behind, self._shows)
                if memo_key is not None and len(self._memo) < 65_536:  # a batch meets few
                    self._memo[memo_key] = open_
            found.update(dict.fromkeys(open_))
        return tuple(found)

    def shown(self, qid: str) -> bool:
        """Whether the firm's answers lead to the question (its section's and its own show-if
        hold). The answers are the usable ones (a hidden question's answer is set aside) and
        conditions only look back, so this is ``visibility.visible_questions``' verdict."""
        known = self._shown.get(qid)
        if known is None:
            known = self._shown[qid] = self._shows(qid, self._answers)
        return known

    def _shows(self, qid: str, answers: Mapping[str, Any]) -> bool:
        """Whether ``answers`` lead to the question."""
        where = _where(self._cq).get(qid)
        if where is None:
            return False
        section_if, question_if = where
        return (section_if is None or bool(section_if(answers))) and (
            question_if is None or bool(question_if(answers))
        )

    def _behind(
        self, reads: Sequence[str], missing: Sequence[str]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The unsaid questions of ``reads`` the firm's answers hide but whose show-if reads a
        shown, unanswered question (which an answer could bring up), and those questions."""
        hidden: list[str] = []
        behind: list[str] = []
        unanswered, answers, by_id = self._unanswered, self._answers, self._cq.by_id
        for qid in reads:
            if qid not in unanswered or qid in missing or qid not in by_id:
                continue
            up = [
                r
                for r in self._show_reads.get(qid, ())
                if r in by_id and _unanswered(answers.get(r)) and self.shown(r)
            ]
            if up:
                hidden.append(qid)
                behind += [r for r in up if r not in missing and r not in behind]
        return tuple(hidden), tuple(behind)


# per compiled catalogue: its checks, and the memo of trials, keyed by what the firm said to
# the questions a condition reads and which of the unsaid ones it was shown (nothing else
# decides)
_Check = tuple[str, tuple[str, ...], Compiled]
_Checks = Mapping[str, tuple[_Check, ...]]
_Memo = dict[Any, tuple[str, ...]]
_Readers = Mapping[str, frozenset[str]]
_CHECKS: dict[int, tuple[CompiledCatalogue, _Checks, _Memo, _Readers]] = {}


def _checks(cc: CompiledCatalogue) -> tuple[_Checks, _Memo, _Readers]:
    """Per solution, its checks (itself or a bundle that would bring it, the questions that
    one's in-place condition reads, the condition); the memo; and for every question some
    in-place condition reads, the solutions a check of which reads it."""
    hit = _CHECKS.get(id(cc))
    if hit is not None and hit[0] is cc:
        return hit[1], hit[2], hit[3]
    holds_of = dict(cc.in_place)
    checks: dict[str, tuple[_Check, ...]] = {}
    readers: dict[str, set[str]] = {}
    for sid in cc.by_id:
        entries = []
        for one in (sid, *cc.bundle_of.get(sid, ())):
            reads, holds = cc.in_place_reads.get(one), holds_of.get(one)
            if reads and holds is not None:
                entries.append((one, reads, holds))
                for qid in reads:
                    readers.setdefault(qid, set()).add(sid)
        if entries:
            checks[sid] = tuple(entries)
    if len(_CHECKS) > 16:
        _CHECKS.clear()
    memo: _Memo = {}
    frozen = {qid: frozenset(sids) for qid, sids in readers.items()}
    _CHECKS[id(cc)] = (cc, checks, memo, frozen)
    return checks, memo, frozen


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


def _unanswered(value: Any) -> bool:
    return value is None or value == UNKNOWN or value == () or value == [] or value == ""


def _key(value: Any) -> Any:
    """An answer as a memo key (a multiple choice's list as a tuple; with the options it
    never asked, which conditions read apart)."""
    if value.__class__ is PartlyKnown:
        return (tuple(value), value.unknown)
    return tuple(value) if isinstance(value, list) else value


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

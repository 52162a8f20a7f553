"""Planned steps that an option the firm was never asked may decide.

An answer given for a version of the pack before some options of a multiple-choice question
were added could not tick them (``models.common.PartlyKnown``): whether they hold is unknown,
and a condition on one reads as on an unanswered question, so a step it would leave out (it
does not apply, or it is in place) stays in the plan. This module finds, for one planned
step, the questions whose unknown options would decide it: some ticking of them makes its
``not_applicable_if`` or an ``in_place_if`` (its own, or a bundle's that would bring it) hold.
The plan then says so beside the step, as it does for a question left unanswered.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import chain, combinations, product
from typing import Any

from ..models.common import PartlyKnown
from ..pack.conditions import Compiled
from .condition_compile import compile_source, plain_names, plain_source
from .plan_facts import CompiledCatalogue

# Above this many trial answers the step is said to be open (saying it once too often beats
# leaving out a caution)
_MAX_TRIALS = 64

_Check = tuple[tuple[str, ...], Compiled]


def partly_known(answers: Mapping[str, Any]) -> dict[str, PartlyKnown]:
    """The answers with options never asked, by question (usually none)."""
    return {qid: v for qid, v in answers.items() if v.__class__ is PartlyKnown}


class UnknownCheck:
    """For one firm whose answers could not tick some options: per planned step, the
    question and the options that may decide it."""

    def __init__(self, cc: CompiledCatalogue, answers: Mapping[str, Any]) -> None:
        self._cc = cc
        self._answers = answers
        self._partly = partly_known(answers)

    def options(self, sid: str) -> tuple[str, tuple[str, ...]] | None:
        """The first question (and its unknown options) that would decide ``sid``, if any."""
        if not self._partly:
            return None
        for reads, holds in _checks(self._cc, sid):
            varied = [qid for qid in reads if qid in self._partly]
            if varied and self._could_hold(holds, varied):
                qid = varied[0]
                return qid, tuple(sorted(self._partly[qid].unknown))
        return None

    def _could_hold(self, holds: Compiled, varied: list[str]) -> bool:
        """Whether some ticking of the unknown options of ``varied`` makes ``holds`` true."""
        choices = [_subsets(self._partly[qid]) for qid in varied]
        count = 1
        for c in choices:
            count *= len(c)
        if count > _MAX_TRIALS:
            return True
        trial = dict(self._answers)
        for ticks in product(*choices):
            trial.update(zip(varied, ticks, strict=True))
            if holds(trial):
                return True
        return False


def _subsets(answer: PartlyKnown) -> list[list[str]]:
    """The answer's ticks with each set of its unknown options added (a plain, known list)."""
    unknown = sorted(answer.unknown)
    every = chain.from_iterable(combinations(unknown, n) for n in range(len(unknown) + 1))
    return [[*answer, *extra] for extra in every]


_CHECKS: dict[int, tuple[CompiledCatalogue, dict[str, tuple[_Check, ...]]]] = {}


def _checks(cc: CompiledCatalogue, sid: str) -> tuple[_Check, ...]:
    """The conditions that would leave ``sid`` out of a plan, with the questions they read:
    its not_applicable_if, and the in_place_if of itself and of each bundle bringing it."""
    hit = _CHECKS.get(id(cc))
    if hit is None or hit[0] is not cc:
        if len(_CHECKS) > 16:
            _CHECKS.clear()
        hit = _CHECKS[id(cc)] = (cc, {})
    found = hit[1].get(sid)
    if found is None:
        sources = [cc.by_id[sid].not_applicable_if]
        sources += [cc.by_id[one].in_place_if for one in (sid, *cc.bundle_of.get(sid, ()))]
        found = hit[1][sid] = tuple(
            (plain_names(plain_source(source)), compile_source(source, cc.order))
            for source in sources
            if source
        )
    return found

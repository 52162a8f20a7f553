"""A level requirement's count form: at least ``min_count`` of ``questions`` answered at or
above option ``at_least`` (the pack's own "N scenarios at rung k", as MIIT gates its levels).
Pure; ``scoring`` checks the levels with it, ``targeting`` projects them."""

from collections.abc import Mapping
from typing import Any, NamedTuple

from ..models import NA, Questionnaire
from ..models.questionnaire import LevelRequirement
from .compiled import option_order
from .crosswalk import fewest_raises
from .records import Reason


class Counted(NamedTuple):
    """A count requirement against the answers: how many of its questions are at the mark,
    and the fewest, smallest raises that would meet it (none when met)."""

    reached: int
    total: int
    min_count: int
    missing: tuple[str, ...]

    @property
    def met(self) -> bool:
        return self.reached >= self.min_count

    def reason(self, index: int, req: LevelRequirement) -> Reason:
        """requirement_count_met / _unmet; ``requirement`` is the rule's index in the pack's
        ``level_rules.requirements`` (its label is the pack's), ``questions`` what is missing."""
        if self.met:
            return Reason.of(
                "requirement_count_met",
                at_least=req.at_least,
                count=self.reached,
                min_count=self.min_count,
                requirement=index,
                total=self.total,
            )
        return Reason.of(
            "requirement_count_unmet",
            at_least=req.at_least,
            count=self.reached,
            min_count=self.min_count,
            questions=self.missing,
            requirement=index,
            short=self.min_count - self.reached,
            total=self.total,
        )


def gaps_below(
    q: Questionnaire, req: LevelRequirement, answers: Mapping[str, Any]
) -> dict[str, int | None]:
    """Each of the requirement's questions (once, in its order) -> how many options below
    ``at_least`` its answer is: 0 at or above, an unknown or unanswered one one below the
    lowest option, None when it cannot count (n/a, or the question lacks the option: a rule
    `validate` reports)."""
    order = option_order(q)
    out: dict[str, int | None] = {}
    for qid in req.questions or ():
        if qid in out:
            continue
        positions = order.get(qid, {})
        need = positions.get(req.at_least)
        answer = answers.get(qid)
        if need is None or answer == NA:
            out[qid] = None
            continue
        have = positions.get(answer) if isinstance(answer, str) else None
        out[qid] = max(0, need - (have if have is not None else -1))
    return out


def count_at_least(q: Questionnaire, req: LevelRequirement, answers: Mapping[str, Any]) -> Counted:
    """How many of a count requirement's questions are answered at or above ``at_least``
    (option order; n/a, don't know and unanswered never count), and which to raise: the
    closest below (an n/a one is not named, it cannot be raised)."""
    gaps = gaps_below(q, req, answers)
    count = sum(1 for g in gaps.values() if g == 0)
    below = {qid: g for qid, g in gaps.items() if g}
    min_count = req.min_count or len(gaps)
    short = max(0, min_count - count)
    missing = tuple(fewest_raises(below, short)) if short else ()
    return Counted(count, len(gaps), min_count, missing)

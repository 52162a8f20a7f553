"""The walk through a questionnaire as pure state: order, visibility, back, answers a change hides.

No prompts and no files here: the runner asks, this decides what to ask next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..engine.answers_notes import short_form_ids
from ..engine.visibility import visible_questions
from ..models import Questionnaire
from ..models.questionnaire import Question


def asking_order(q: Questionnaire, short: bool = False) -> list[Question]:
    """Profile questions first, then the rest in the pack's order; with ``short``, only the
    pack's short form besides the profile."""
    questions = q.questions()
    rest = [x for x in questions if not x.profile]
    asked = short_form_ids(q) if short else None
    if asked is not None:
        rest = [x for x in rest if x.id in asked]
    return [x for x in questions if x.profile] + rest


@dataclass
class Interview:
    questionnaire: Questionnaire
    answers: dict[str, Any] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)  # left unanswered on purpose (kept in the draft)
    short: bool = False  # ask only the pack's short form
    # answered, but to be shown again (the question changed since it was answered)
    recheck: set[str] = field(default_factory=set)
    # saved answers to questions the saved answers themselves hide: kept as they were (in the
    # draft's and the finished answers, not scored), never counted unasked (see ``rest``)
    dormant: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._order = asking_order(self.questionnaire, self.short)
        self._section_of = {
            x.id: i for i, s in enumerate(self.questionnaire.sections) for x in s.questions
        }
        # profile questions are all asked first, with the profile: in the header they belong
        # to the section the first of them is in, not to a later section (that made it jump
        # from "12/13" back to section 2)
        profile = [x.id for x in self._order if x.profile]
        for qid in profile:
            self._section_of[qid] = self._section_of[profile[0]]

    def visible(self) -> list[Question]:
        shown = {x.id for x in visible_questions(self.questionnaire, self.answers)}
        return [x for x in self._order if x.id in shown]

    def question(self, qid: str) -> Question:
        return next(x for x in self._order if x.id == qid)

    def is_open(self, qid: str) -> bool:
        """Still to ask: neither answered nor skipped, or answered but to be checked again."""
        return qid in self.recheck or (qid not in self.answers and qid not in self.skipped)

    def first_unanswered(self) -> Question | None:
        """The first shown question still to ask (``is_open``)."""
        return next((x for x in self.visible() if self.is_open(x.id)), None)

    def next_open(self, qid: str) -> Question | None:
        """The first shown question after ``qid`` neither answered nor skipped; else the first
        such question anywhere (None: all done). A resumed run goes on to what is left, not
        through the answers already given."""
        ids = [x.id for x in self.visible()]
        later = ids[ids.index(qid) + 1 :] if qid in ids else []
        left = (x for x in later if self.is_open(x))
        found = next(left, None)
        return self.question(found) if found is not None else self.first_unanswered()

    def after(self, qid: str) -> Question | None:
        """The next visible question after ``qid``, answered or not."""
        ids = [x.id for x in self.visible()]
        if qid not in ids:
            return self.first_unanswered()
        i = ids.index(qid)
        return self.question(ids[i + 1]) if i + 1 < len(ids) else None

    def before(self, qid: str) -> Question | None:
        """The visible question before ``qid`` (None at the first)."""
        ids = [x.id for x in self.visible()]
        if qid not in ids:
            return None
        i = ids.index(qid)
        return self.question(ids[i - 1]) if i > 0 else None

    def progress(self, qid: str) -> tuple[int, int, int, int]:
        """(section number, sections, question number, visible questions), 1-based."""
        ids = [x.id for x in self.visible()]
        number = ids.index(qid) + 1 if qid in ids else len(ids)
        return (
            self._section_of[qid] + 1,
            len(self.questionnaire.sections),
            number,
            len(ids),
        )

    def section_title(self, qid: str) -> Any:
        return self.questionnaire.sections[self._section_of[qid]].title

    def set(self, qid: str, value: Any) -> list[str]:
        """Record an answer (None clears it); returns the ids of answers this made irrelevant."""
        self.recheck.discard(qid)
        if value is None:
            self.answers.pop(qid, None)
            self.skipped.add(qid)
        else:
            self.answers[qid] = value
            self.skipped.discard(qid)
        return self.prune()

    def rest(self) -> list[str]:
        """At the start: the saved answers to questions the saved answers themselves do not
        lead to are put to rest (``dormant``), not set aside; nothing the owner did hid them,
        so a run that changes nothing hands them back unchanged. Returns their ids."""
        given = dict(self.answers)
        hidden = self.prune()
        self.dormant.update({k: given[k] for k in hidden})
        return hidden

    def woken(self) -> dict[str, Any]:
        """The dormant answers whose question a change now leads to, taken out of
        ``dormant``: never counted unasked, they are offered as the default when it is."""
        shown = {x.id for x in visible_questions(self.questionnaire, self.answers)}
        woke = {k: v for k, v in self.dormant.items() if k in shown}
        for key in woke:
            del self.dormant[key]
        return woke

    def kept(self) -> dict[str, Any]:
        """Every answer the draft and the finished answers hold: the answers given, then the
        dormant ones as they were."""
        return {**self.answers, **{k: v for k, v in self.dormant.items() if k not in self.answers}}

    def prune(self) -> list[str]:
        """Take out the answers to questions no longer shown (not scored); return their ids
        (the run keeps them aside in the draft)."""
        shown = {x.id for x in visible_questions(self.questionnaire, self.answers)}
        dropped = [k for k in self.answers if k not in shown]
        for key in dropped:
            del self.answers[key]
        return dropped

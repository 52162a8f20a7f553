"""One question asked and its answer kept: the run's state (pack, answers, draft) and the
prompter it talks through, shared by the run (``runner``) and the confirmation of a
prefilled run (``confirm``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..engine.answers_check import check_value
from ..models import Answers, Respondent, text_for
from ..models.questionnaire import Question
from ..pack.loading import Pack
from ..wording.messages import Namer
from .draft import Draft, SetAside, save_draft
from .prompts import Action, Ask
from .session import Interview
from .words import word


class Prompter(Protocol):
    def ask(self, ask: Ask) -> Action: ...

    def choose(
        self,
        message: str,
        choices: list[tuple[str, str]],
        default: str | None,
        lang: str,
        numbered_from: int | None = None,
    ) -> str: ...

    def company(self, message: str, default: str) -> str: ...

    def take_back(self, qid: str) -> None:
        """Going back to ``qid``: what the screen shows of its answer is taken off."""
        ...

    def screen(self) -> tuple[int, int]:
        """The terminal's (columns, rows), to fit what is shown."""
        ...


@dataclass
class RunState:
    pack: Pack
    lang: str
    draft_path: Path
    interview: Interview
    respondent: Respondent = field(default_factory=Respondent)
    position: str | None = None
    ask_company: bool = True
    notes: list[str] = field(default_factory=list)  # to show with the next prompt
    confirm: list[str] | None = None  # run --from: sections still to confirm or change
    set_aside: list[SetAside] = field(default_factory=list)  # saved answers that no longer fit

    def draft(self) -> Draft:
        q = self.pack.questionnaire
        return Draft(
            questionnaire=q.id,
            questionnaire_version=q.version,
            language=self.lang,
            respondent=self.respondent,
            answers=self.interview.kept(),
            position=self.position,
            recheck=sorted(self.interview.recheck) or None,
            confirm=self.confirm,
            skipped=sorted(self.interview.skipped) or None,
            short_form=self.interview.short,
            set_aside=list(self.set_aside),
        )

    def save(self) -> None:
        save_draft(self.draft_path, self.draft())

    def answers(self) -> Answers:
        """The finished answers; ``short_form`` only when the pack's short form was asked;
        dated the day they were finished unless they carry a date (``run --from``: today),
        so that a report made from them later, ``run --from`` and ``compare`` say when the
        firm answered, not the day they were read."""
        answers = self.draft().to_answers()
        asked_short = self.interview.short and self.pack.questionnaire.short_form is not None
        respondent = answers.respondent
        if respondent.date is None:
            respondent = respondent.model_copy(update={"date": dt.date.today()})
        return answers.model_copy(
            update={"short_form": True if asked_short else None, "respondent": respondent}
        )

    def offered(self, qid: str) -> Any:
        """The answer kept aside for ``qid`` that may be given again (None: none): the last
        one set aside for this version of the pack that still fits the question."""
        fits = [x.value for x in self.set_aside if self._again(x, qid)]
        return fits[-1] if fits else None

    def keep_aside(self, given: dict[str, Any], why: str) -> None:
        """Keep ``given`` answers aside (not scored): one entry per question, the latest."""
        version = self.pack.questionnaire.version
        self.set_aside = [
            x for x in self.set_aside if not any(self._again(x, qid) for qid in given)
        ]
        self.set_aside += [
            SetAside(question=qid, value=value, version=version, why=why)
            for qid, value in given.items()
        ]

    def taken_back(self, qid: str) -> None:
        """``qid`` is answered again: what was kept aside for it is no longer needed."""
        self.set_aside = [x for x in self.set_aside if not self._again(x, qid)]

    def _again(self, entry: SetAside, qid: str) -> bool:
        q = self.pack.questionnaire
        question = q.question(qid)
        return (
            entry.question == qid
            and entry.version == q.version
            and question is not None
            and check_value(question, entry.value) is None
        )

    def answers_path(self) -> Path:
        """Where the finished answers go unless told otherwise: beside the draft."""
        return self.draft_path.with_name(self.draft_path.stem + ".answers.json")


def ask_question(
    state: RunState, prompter: Prompter, current: Question, can_go_back: bool
) -> Action:
    """Ask one question (its earlier answer as the default) with the notes so far; a request
    for help leaves the help as a note for asking again."""
    q = state.pack.questionnaire
    lang = state.lang
    iv = state.interview
    if state.position != current.id:  # where the owner is, on disk before the question
        state.position = current.id  # (run --from stopped here goes on here, not before)
        state.save()
    s, sn, number, total = iv.progress(current.id)
    header = word(
        "progress",
        lang,
        s=s,
        sn=sn,
        q=number,
        qn=total,
        title=text_for(iv.section_title(current.id), lang, q.default_language),
    )
    given = iv.answers.get(current.id)
    action = prompter.ask(
        Ask(
            question=current,
            lang=lang,
            fallback=q.default_language,
            # an answer kept aside when a change hid this question is offered again
            current=given if current.id in iv.answers else state.offered(current.id),
            header=header,
            can_go_back=can_go_back,
            notes=tuple(state.notes),
        )
    )
    state.notes = []
    if action.kind == "help":
        help_text = text_for(current.help, lang, q.default_language)
        state.notes.append(word("help_title", lang, help=help_text))
    return action


def record(state: RunState, namer: Namer, current: Question, action: Action) -> None:
    """Keep an answer (or a skip), save the draft. The answers it made irrelevant are kept
    aside in the draft (not scored, offered again if their question comes back), and named
    in a note."""
    value = None if action.kind == "skip" else action.value
    before = dict(state.interview.answers)
    dropped = state.interview.set(current.id, value)
    if value is not None:
        state.taken_back(current.id)
    woken = state.interview.woken()
    if woken:  # offered as the default when asked, never counted unasked
        state.keep_aside(woken, word("hidden_before", state.lang))
    if dropped:
        lang = state.lang
        state.keep_aside({d: before[d] for d in dropped}, word("not_shown", lang))
        lines = [word("kept_aside", lang, n=len(dropped))]
        lines += [f"  • {namer.question(d, 60)}" for d in dropped]
        state.notes.append("\n".join(lines))
    state.save()

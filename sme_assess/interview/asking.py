"""One question asked and its answer kept: the run's state (pack, answers, draft) and the
prompter it talks through, shared by the run (``runner``) and the confirmation of a
prefilled run (``confirm``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

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
        self, message: str, choices: list[tuple[str, str]], default: str | None, lang: str
    ) -> str: ...

    def company(self, message: str, default: str) -> str: ...


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
            answers=dict(self.interview.answers),
            position=self.position,
            confirm=self.confirm,
            short_form=self.interview.short,
            set_aside=list(self.set_aside),
        )

    def save(self) -> None:
        save_draft(self.draft_path, self.draft())

    def answers(self) -> Answers:
        """The finished answers; ``short_form`` only when the pack's short form was asked."""
        answers = self.draft().to_answers()
        asked_short = self.interview.short and self.pack.questionnaire.short_form is not None
        return answers.model_copy(update={"short_form": True if asked_short else None})

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
    state.position = current.id
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
    action = prompter.ask(
        Ask(
            question=current,
            lang=lang,
            fallback=q.default_language,
            current=iv.answers.get(current.id),
            header=header,
            can_go_back=can_go_back,
            notes=tuple(state.notes),
        )
    )
    state.notes = []
    if action.kind == "help":
        help_text = text_for(current.help, lang, q.default_language)
        state.notes.append(f"{word('help_title', lang)}: {help_text}")
    return action


def record(state: RunState, namer: Namer, current: Question, action: Action) -> None:
    """Keep an answer (or a skip), note the answers it made irrelevant, save the draft."""
    value = None if action.kind == "skip" else action.value
    dropped = state.interview.set(current.id, value)
    if dropped:
        names = "; ".join(namer.question(d, 50) for d in dropped)
        state.notes.append(word("dropped", state.lang, names=names))
    state.save()

"""The interactive run: ask, save the draft after every answer, review, hand back the answers.

Talks to the person through an injected prompter (questionary in real use). Notes (help,
answers removed, what happened to saved answers) go into the next prompt, above the
question, so that they stay on a small screen. Ctrl-C or a closed terminal propagate as
KeyboardInterrupt or EOFError after the last answer is already on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

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


def run_interview(state: RunState, prompter: Prompter) -> Answers:
    """Walk the respondent through the pack until they finish; returns their answers."""
    q = state.pack.questionnaire
    lang = state.lang
    namer = Namer(q, state.pack.catalogue, lang)
    iv = state.interview
    if state.ask_company:
        name = prompter.company(word("company", lang), state.respondent.company or "").strip()
        state.respondent = state.respondent.model_copy(update={"company": name or None})
        state.ask_company = False
        state.save()

    if state.confirm:
        from .confirm import confirm_sections

        confirm_sections(state, prompter, namer)
    current = iv.question(state.position) if state.position else iv.first_unanswered()
    if current is not None and current.id not in {x.id for x in iv.visible()}:
        current = iv.first_unanswered()
    while True:
        if current is None:
            current = _review(state, prompter, namer)
            if current is None:
                state.position = None
                state.save()
                return state.answers()
            reviewing = True
        else:
            reviewing = False
        previous = iv.before(current.id)
        action = ask_question(state, prompter, current, previous is not None)
        if action.kind == "help":
            continue
        if action.kind == "back":
            current = previous or current
            continue
        record(state, namer, current, action)
        current = iv.first_unanswered() if reviewing else iv.after(current.id)


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


def _review(state: RunState, prompter: Prompter, namer: Namer) -> Any:
    """The review screen: None to finish, or the question to change."""
    iv = state.interview
    lang = state.lang
    choices: list[tuple[str, str]] = [(word("finish", lang), "\x00finish")]
    for number, question in enumerate(iv.visible(), start=1):
        value = iv.answers.get(question.id)
        shown = (
            namer.answer(question.id, value)
            if question.id in iv.answers
            else word("unanswered", lang)
        )
        choices.append((f"{number}. {namer.question(question.id, 50)} — {shown}", question.id))
    state.position = None
    state.save()
    message = "\n".join([*state.notes, word("review", lang)])
    state.notes = []
    chosen = prompter.choose(message, choices, "\x00finish", lang)
    if chosen == "\x00finish":
        return None
    return iv.question(chosen)


__all__ = ["RunState", "run_interview"]

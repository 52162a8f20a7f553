"""The interactive run: ask, save the draft after every answer, review, hand back the answers.

Talks to the person through an injected prompter (questionary in real use). Notes (help,
answers kept aside, what happened to saved answers) go into the next prompt, above the
question, so that they stay on a small screen. Ctrl-C or a closed terminal propagate as
KeyboardInterrupt or EOFError after the last answer is already on disk.
"""

from __future__ import annotations

from typing import Any

from ..models import Answers
from ..wording.messages import Namer
from .asking import Prompter, RunState, ask_question, record
from .confirm import confirm_sections
from .words import word


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
        confirm_sections(state, prompter, namer)
    current = iv.question(state.position) if state.position else iv.first_unanswered()
    if current is not None and current.id not in {x.id for x in iv.visible()}:
        current = iv.first_unanswered()
    walking_back = False  # gone back: walk forward through the answers given since
    picked: str | None = None  # the question picked on the review and gone back from
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
            picked = current.id if reviewing else picked
            current = previous or current
            prompter.take_back(current.id)
            walking_back = True
            continue
        record(state, namer, current, action)
        if reviewing or current.id == picked:  # back to the review, not on to the end
            picked, walking_back = None, False
            current = iv.first_unanswered()
        elif walking_back:
            current = iv.after(current.id)
            walking_back = current is not None and not iv.is_open(current.id)
        else:
            current = iv.next_open(current.id)


def _review(state: RunState, prompter: Prompter, namer: Namer) -> Any:
    """The review screen: None to finish, or the question to change. Questions skipped (in
    this run or before it stopped) come first, so that none is missed in a long list."""
    iv = state.interview
    lang = state.lang
    choices: list[tuple[str, str]] = [(word("finish", lang), "\x00finish")]
    shown_list: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    for number, question in enumerate(iv.visible(), start=1):
        value = iv.answers.get(question.id)
        if question.id in iv.answers:
            shown = namer.answer(question.id, value)
        elif question.id in iv.skipped:
            shown = word("skipped", lang)
        else:
            shown = word("unanswered", lang)
        line = (f"{number}. {namer.question(question.id, 50)} — {shown}", question.id)
        shown_list.append(line)
        if question.id in iv.skipped and question.id not in iv.answers:
            skipped.append(line)
    state.position = None
    state.save()
    said = word("review_skipped", lang, n=len(skipped)) if skipped else word("review", lang)
    message = "\n".join([*state.notes, said])
    state.notes = []
    items = choices + skipped + shown_list
    chosen = prompter.choose(message, items, "\x00finish", lang, len(choices) + len(skipped))
    if chosen == "\x00finish":
        return None
    return iv.question(chosen)


__all__ = ["RunState", "run_interview"]

"""``run --from``: the earlier answers shown section by section, each kept as a whole or
changed question by question (the earlier answer as the default). Every step is saved, so
an interrupted re-assessment continues at the section it stopped in."""

from __future__ import annotations

from ..models import text_for
from ..wording.messages import Namer
from .asking import Prompter, RunState, ask_question, record
from .words import word

KEEP, CHANGE = "keep", "change"


def confirm_sections(state: RunState, prompter: Prompter, namer: Namer) -> None:
    """Walk ``state.confirm`` (section ids) until every section is kept or changed."""
    q = state.pack.questionnaire
    lang = state.lang
    iv = state.interview
    sections = {s.id: (i, s) for i, s in enumerate(q.sections)}
    previous = state.respondent.model_extra or {}
    date = str(previous.get("previous_date") or word("from_undated", lang))
    while state.confirm:
        sid = state.confirm[0]
        if sid not in sections:
            state.confirm.pop(0)
            continue
        number, section = sections[sid]
        ids = {x.id for x in section.questions}
        shown = [x for x in iv.visible() if x.id in ids]
        answered = [x for x in shown if x.id in iv.answers]
        if state.position in ids:
            # stopped while changing this section: its answers are partly new, so they are not
            # shown again as the earlier ones; the change goes on where it stopped
            _change(state, prompter, namer, ids, state.position)
            _done(state)
            continue
        if not answered:  # nothing to confirm here: new questions are asked afterwards
            state.confirm.pop(0)
            state.save()
            continue
        title = text_for(section.title, lang, q.default_language)
        lines = [
            *state.notes,
            word("from_walk", lang, s=number + 1, sn=len(q.sections), title=title, date=date),
        ]
        lines += [
            f"  • {namer.question(x.id, 60)} — {namer.answer(x.id, iv.answers[x.id])}"
            for x in answered
        ]
        lines.append(word("from_question", lang))
        state.notes = []
        choices = [(word("keep", lang), KEEP), (word("change_some", lang), CHANGE)]
        # the cursor on no choice: Enter alone neither keeps nor changes an earlier answer
        if prompter.choose("\n".join(lines), choices, None, lang) == CHANGE:
            _change(state, prompter, namer, ids)
        _done(state)
    state.confirm = None
    state.save()


def _done(state: RunState) -> None:
    """The first section still to confirm is confirmed: saved, so a resumed run goes on."""
    assert state.confirm
    state.confirm.pop(0)
    state.position = None
    state.save()


def _change(
    state: RunState, prompter: Prompter, namer: Namer, ids: set[str], start: str | None = None
) -> None:
    """Ask each shown question of one section, the earlier answer as the default, from
    ``start`` (the question a stopped run was at) or the first."""

    iv = state.interview
    first = [x.id for x in iv.visible() if x.id in ids]
    i = first.index(start) if start in first else 0
    while True:
        shown = [x for x in iv.visible() if x.id in ids]
        if i >= len(shown):
            return
        action = ask_question(state, prompter, shown[i], i > 0)
        if action.kind == "help":
            continue
        if action.kind == "back":
            i = max(0, i - 1)
            continue
        record(state, namer, shown[i], action)
        i += 1

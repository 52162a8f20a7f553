"""``run --from``: the earlier answers shown section by section, each kept as a whole or
changed question by question (the earlier answer as the default). Every step is saved, so
an interrupted re-assessment continues at the section it stopped in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..messages import Namer
from ..models import text_for
from .prompts import Ask
from .words import word

if TYPE_CHECKING:
    from .runner import Prompter, RunState

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
        if prompter.choose("\n".join(lines), choices, KEEP, lang) == CHANGE:
            _change(state, prompter, namer, ids)
        state.confirm.pop(0)
        state.position = None
        state.save()
    state.confirm = None
    state.save()


def _change(state: RunState, prompter: Prompter, namer: Namer, ids: set[str]) -> None:
    """Ask each shown question of one section, the earlier answer as the default."""
    q = state.pack.questionnaire
    lang = state.lang
    iv = state.interview
    i = 0
    while True:
        shown = [x for x in iv.visible() if x.id in ids]
        if i >= len(shown):
            return
        current = shown[i]
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
                can_go_back=i > 0,
                notes=tuple(state.notes),
            )
        )
        state.notes = []
        if action.kind == "help":
            help_text = text_for(current.help, lang, q.default_language)
            state.notes.append(f"{word('help_title', lang)}: {help_text}")
            continue
        if action.kind == "back":
            i = max(0, i - 1)
            continue
        dropped = iv.set(current.id, None if action.kind == "skip" else action.value)
        if dropped:
            names = "; ".join(namer.question(d, 50) for d in dropped)
            state.notes.append(word("dropped", lang, names=names))
        state.save()
        i += 1

"""``run --from``: the earlier answers shown section by section, each kept as a whole or
changed question by question (the earlier answer as the default). Every step is saved, so
an interrupted re-assessment continues at the section it stopped in."""

from __future__ import annotations

from ..models import text_for
from ..wording.messages import Namer
from .asking import Prompter, RunState, ask_question, record
from .layout import wrap_message
from .words import word

KEEP, CHANGE, MORE, EARLIER = "keep", "change", "more", "earlier"


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
        walk = word("from_walk", lang, s=number + 1, sn=len(q.sections), title=title, date=date)
        bullets = [
            f"  • {namer.question(x.id, 60)} — {namer.answer(x.id, iv.answers[x.id])}"
            for x in answered
        ]
        if _seen_then_chosen(state, prompter, walk, bullets) == CHANGE:
            _change(state, prompter, namer, ids)
        _done(state)
    state.confirm = None
    state.save()


def _seen_then_chosen(state: RunState, prompter: Prompter, walk: str, bullets: list[str]) -> str:
    """Keep or change one section, asked once every earlier answer of it has been on the
    screen: a list taller than the terminal is shown a page at a time ("more answers"), and
    "keep" is offered on the last page only, so no answer is kept unseen."""
    lang = state.lang
    pages = _pages(state.notes, walk, bullets, prompter.screen())
    page = 0
    while True:
        a, b = pages[page]
        part = word("from_part", lang, a=a + 1, b=b, n=len(bullets)) if len(pages) > 1 else ""
        lines = [*(state.notes if page == 0 else []), walk + part, *bullets[a:b]]
        last = page == len(pages) - 1
        lines.append(word("from_question" if last else "from_more_question", lang))
        choices = [(word("keep", lang), KEEP)] if last else [(word("from_more", lang), MORE)]
        choices.append((word("change_some", lang), CHANGE))
        if page:
            choices.append((word("from_earlier", lang), EARLIER))
        chosen = prompter.choose("\n".join(lines), choices, None, lang)
        if chosen == MORE:
            page += 1
        elif chosen == EARLIER:
            page -= 1
        else:
            state.notes = []
            return chosen


def _pages(
    notes: list[str], walk: str, bullets: list[str], screen: tuple[int, int]
) -> list[tuple[int, int]]:
    """The bullets split into pages (start, end) that fit the screen with the section's line,
    the question, its menu (four rows) and a spare row; the notes take room on the first."""
    columns, rows = screen

    def height(lines: list[str]) -> int:
        return wrap_message("\n".join(lines), columns).count("\n") + 1 if lines else 0

    pages: list[tuple[int, int]] = []
    start = 0
    while start < len(bullets) or not pages:
        room = rows - height([*(notes if not pages else []), walk]) - 2 - 5 - 1
        end = start + 1
        while end < len(bullets) and height(bullets[start : end + 1]) <= room:
            end += 1
        pages.append((start, min(end, len(bullets))))
        start = end
    return pages


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
            prompter.take_back(shown[i].id)
            continue
        record(state, namer, shown[i], action)
        i += 1

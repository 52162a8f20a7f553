"""Rich renderables for ``explain``: each answer's contribution, the next rung, why each stage
was or was not reached, and what the plan leaves out. Nothing prints here; file texts pass
through ``plain`` / ``markup`` as in ``views``."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..adding import added
from ..engine.evaluation import Evaluation
from ..engine.scoring import CategoryScore, QuestionScore
from ..i18n import translator
from ..models import text_for
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
)
from ..wording.messages import Namer, label, render
from .steady import plain
from .views import _num, answers_notes_view, estimate_panel, for_language, markup


def next_rung(question: Question, value: Any, namer: Namer) -> str | None:
    """The next option up the ladder from the current answer (what the next level looks like);
    for a number, the next band that scores more ("at least 40 %")."""
    if isinstance(question, NumberQuestion) and isinstance(value, int | float):
        return _next_band(question, float(value), namer)
    if not isinstance(question, SingleChoiceQuestion | ScaleQuestion):
        return None
    ordered = sorted(
        (o for o in question.options if o.score is not None),
        key=lambda o: o.score or 0.0,
    )
    current = next((o for o in ordered if o.value == value), None)
    higher = [o for o in ordered if current is None or (o.score or 0) > (current.score or 0)]
    if not higher:
        return None
    step = higher[0]
    text = text_for(step.label, namer.lang, namer.questionnaire.default_language)
    if step.descriptor:
        said = text_for(step.descriptor, namer.lang, namer.questionnaire.default_language)
        # a description that starts with the label says it once: "An HR system — An HR
        # system (or the HR part of DingTalk …) handles …" read as a slip
        if said.casefold().startswith(text.casefold()):
            return said
        text += " — " + said
    return text


def _next_band(question: NumberQuestion, value: float, namer: Namer) -> str | None:
    from ..engine.compiled import band_for

    current = band_for(question, value)
    now = current.score or 0.0 if current is not None else 0.0
    better = [b for b in question.bands if (b.score or 0.0) > now and b.min is not None]
    if not better:
        return None
    step = min(better, key=lambda b: b.min or 0.0)
    unit = text_for(question.unit, namer.lang, namer.questionnaire.default_language)
    amount = f"{step.min:g} {unit}".strip() if question.unit else f"{step.min:g}"
    _ = translator(namer.lang)
    return _("at least {amount}", amount=amount)


def _contribution(cat: CategoryScore, item: QuestionScore) -> float | None:
    if item.status != "answered" or item.fraction is None:
        return None
    total = added(
        x.weight * x.categories[cat.id]
        for x in cat.questions
        if x.status == "answered" and x.fraction is not None
    )
    if total <= 0:
        return None
    return 100 * item.weight * item.categories[cat.id] * item.fraction / total


def explain_view(ev: Evaluation, category: str | None = None) -> RenderableType:
    a = ev.assessment
    namer = ev.namer
    lang = namer.lang
    q = ev.pack.questionnaire
    by_id = {x.id: x for x in q.questions()}
    parts: list[RenderableType] = list(answers_notes_view(ev))
    cats = [c for c in a.categories if category is None or c.id == category]
    for cat in cats:
        title = (
            f"{namer.area(cat.id)} · {_num(cat.score)} · "
            f"{'' if cat.level is None else label('stage_n', lang, n=cat.level)}"
        )
        table = Table(title=markup(title), title_justify="left", show_edge=False)
        table.add_column(label("question", lang), ratio=3, overflow="fold")
        table.add_column(label("answer", lang), ratio=2, overflow="fold")
        table.add_column(label("score", lang), justify="right", overflow="fold")
        table.add_column(label("weight", lang), justify="right", overflow="fold")
        table.add_column(label("points", lang), justify="right", overflow="fold")
        for item in cat.questions:
            share = item.weight * item.categories[cat.id]
            contribution = _contribution(cat, item)
            table.add_row(
                markup(namer.question(item.id, 300)),
                markup(namer.answer(item.id, item.answer)),
                "—" if item.fraction is None else f"{item.fraction:.2f}",
                f"{share:g}",
                "—" if contribution is None else f"{contribution:.1f}",
            )
        parts.append(table)
        answered = sorted(
            (x for x in cat.questions if x.status == "answered" and x.fraction is not None),
            key=lambda x: (x.fraction or 0.0, x.id),
        )
        lines = Text()
        for item in answered[:3]:
            question = by_id[item.id]
            step = next_rung(question, item.answer, namer)
            if isinstance(question, MultipleChoiceQuestion) and (item.fraction or 0) < 1:
                missing = [
                    text_for(o.label, lang, q.default_language)
                    for o in question.options
                    if (o.score or 0) > 0 and o.value not in (item.answer or [])
                ]
                _ = translator(lang)
                step = _.pgettext("punctuation", "; ").join(missing[:3]) or None
            if step is None:
                continue
            lines.append(f"• {plain(namer.question(item.id, 300))}\n", style="bold")
            answer = plain(namer.answer(item.id, item.answer))
            _ = translator(lang)
            colon = _(": ")
            lines.append(f"  {label('now_answer', lang)}{colon}{answer}\n")
            lines.append(f"  {label('next_rung', lang)}{colon}{plain(step)}\n", style="green")
        if lines:
            parts.append(Panel(lines, title=Text(label("next_level", lang)), expand=False))
    if category is None:
        _ = translator(lang)
        semicolon = _.pgettext("punctuation", "; ")
        levels = Table(title=label("why_level", lang), title_justify="left", show_edge=False)
        levels.add_column(label("level", lang), overflow="fold")
        levels.add_column("", overflow="fold")
        levels.add_column("", overflow="fold")
        for chk in a.level_checks:
            state = label("reached" if chk.reached else "not_reached", lang)
            levels.add_row(
                f"{chk.level} {markup(namer.level(chk.level))}",
                Text(state, style="green" if chk.reached else "red"),
                markup(semicolon.join(render(r, namer) for r in chk.reasons)),
            )
        parts.append(levels)
        parts.extend(estimate_panel(ev.result))
        from .plan_views import plan_panel

        parts.append(plan_panel(ev))
        parts.append(left_out_view(ev))
    return for_language(Group(*parts), lang)


def left_out_view(ev: Evaluation) -> RenderableType:
    """Every catalogue solution not in the plan, with why: in place, not applicable, waiting
    for a fact, another sector or size, covered by a bundle, not needed."""
    from ..engine.matching import left_out

    namer = ev.namer
    lang = namer.lang
    table = Table(title=label("left_out", lang), title_justify="left", show_edge=False)
    table.add_column(label("solution", lang), ratio=2, overflow="fold")
    table.add_column(label("why", lang), ratio=3, overflow="fold")
    for item in left_out(ev.assessment, ev.pack.catalogue, ev.profile):
        table.add_row(markup(namer.solution(item.solution)), markup(render(item.reason, namer)))
    return table

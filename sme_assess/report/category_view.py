"""The report's page per category: what the firm does today, what the next stage looks
like, and the pain points its answers raise (with the answer that raised each). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..engine.evaluation import Evaluation
from ..engine.scoring import Trigger
from ..i18n import Translator
from ..models import text_for
from ..models.questionnaire import MultipleChoiceQuestion, Question
from ..terminal.explain_views import next_rung
from ..terminal_text import cluster_start
from ..wording.messages import Namer
from .peer_view import score_text

# The answers said in the tool's own words (not an option's label): not answered, not
# applicable, don't know; yes and no are the booleans.
OWN_WORDS = (None, "n/a", "unknown")
ANSWER_CHARS = 600  # a free-text answer as the report shows it (the JSON result keeps it whole)


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class PainView:
    name: str
    description: str
    why: list[str]


@dataclass(frozen=True)
class CategoryView:
    id: str
    name: str
    description: str
    score: float | None
    level: int | None
    level_name: str
    coverage: float
    confidence: float
    today: list[Row]
    next_steps: list[Row]
    pains: list[PainView]


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending with an ellipsis when cut, never
    inside a character as a reader sees it (an accent, an emoji sequence, a flag)."""
    if len(text) <= limit:
        return text
    return text[: cluster_start(text, limit - 1)].rstrip() + "…"


_fmt = score_text


def answer_text(namer: Namer, qid: str, value: Any, _: Translator, quoted: bool = False) -> str:
    """An answer as the report shows it. The options ticked in a multiple choice are set
    apart by "; " (in a quote, each quoted on its own: “A”, “B”): their labels hold commas
    and start with a capital, so the ", " of the JSON result ran them together ("…kept
    updated, A hardware firewall…")."""
    if isinstance(value, list) and len(value) > 1:
        parts = [namer.answer(qid, v) for v in value]
        if quoted:
            return _.pgettext("between quoted answers", "”, “").join(parts)
        return _.pgettext("punctuation", "; ").join(parts)
    shown = namer.answer(qid, value)
    if not quoted and (isinstance(value, bool) or value in OWN_WORDS):
        # the tool's own words standing alone in a table cell ("No", "Not applicable", as
        # the options' labels beside them are): lower case, they read as cut from a sentence
        return shown[:1].upper() + shown[1:]
    return shown


def _why(trigger: Trigger, ev: Evaluation, _: Translator) -> str:
    namer = ev.namer
    if trigger.question is not None:
        question = namer.question(trigger.question, 300)
        answer = answer_text(namer, trigger.question, trigger.answer, _, quoted=True)
        return _("You answered “{answer}” to “{question}”", answer=answer, question=question)
    category = namer.category(trigger.category or "")
    return _(
        "“{category}” scores {score}, below {threshold}",
        category=category,
        score=_fmt(trigger.score),
        threshold=_fmt(trigger.threshold),
    )


def category_views(ev: Evaluation, _: Translator) -> list[CategoryView]:
    """One view per category, headed by its neutral short name (never a pain statement)."""
    r = ev.result
    a = ev.assessment
    q = ev.pack.questionnaire
    lang = r.language
    namer = ev.namer

    def t(text: Any) -> str:
        return text_for(text, lang, q.default_language)

    by_id = {x.id: x for x in q.questions()}
    pains_by_cat: dict[str | None, list[PainView]] = {}
    for hit in a.pain_points:
        pain = next(p for p in q.pain_points if p.id == hit.id)
        pains_by_cat.setdefault(hit.category, []).append(
            PainView(t(pain.name), t(pain.description), [_why(tr, ev, _) for tr in hit.triggers])
        )
    categories: list[CategoryView] = []
    for cat_out, cat in zip(r.categories, a.categories, strict=True):
        cat_model = next(c for c in q.categories if c.id == cat.id)
        today = [
            Row(
                namer.question(item.id, 200),
                clip(answer_text(namer, item.id, item.answer, _), ANSWER_CHARS),
            )
            for item in cat.questions
        ]
        next_steps: list[Row] = []
        answered = sorted(
            (x for x in cat.questions if x.status == "answered" and x.fraction is not None),
            key=lambda x: (x.fraction or 0.0, x.id),
        )
        for item in answered:
            if len(next_steps) >= 3 or (item.fraction or 0) >= 1:
                continue
            question: Question = by_id[item.id]
            step = next_rung(question, item.answer, namer)
            if isinstance(question, MultipleChoiceQuestion):
                missing = [
                    t(o.label)
                    for o in question.options
                    if (o.score or 0) > 0 and o.value not in (item.answer or [])
                ]
                step = _.pgettext("punctuation", "; ").join(missing[:3]) or None
            if step:
                next_steps.append(Row(namer.question(item.id, 200), step))
        categories.append(
            CategoryView(
                id=cat.id,
                name=namer.area(cat.id),  # the neutral short name, never a pain statement
                description=t(cat_model.description),
                score=cat_out.score,
                level=cat_out.level,
                level_name=cat_out.level_name or _("not assessed"),
                coverage=cat_out.coverage,
                confidence=cat_out.confidence,
                today=today,
                next_steps=next_steps,
                pains=pains_by_cat.get(cat.id, []),
            )
        )
    return categories

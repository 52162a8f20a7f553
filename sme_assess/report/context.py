"""Evaluation -> the data a report template shows, in one language. Pure; no markup here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from .. import __version__
from ..evaluation import Evaluation
from ..matching import PHASES
from ..messages import label
from ..models import text_for
from ..models.questionnaire import MultipleChoiceQuestion, Question
from ..peers import Peers
from ..plan_page import action_plan_view
from ..scoring import Trigger
from ..views import cost_text, next_rung
from . import charts
from .strings import s


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


@dataclass(frozen=True)
class SolutionView:
    rank: int  # its number in the plan as shown: 1, 2, 3 ... without gaps across phases
    name: str
    summary: str
    cost: str
    effort: str
    months: str
    prerequisites: list[str]
    reasons: list[str]
    priority: int = 0  # its rank in the full list (the JSON result), which has them all


@dataclass(frozen=True)
class BenchmarkRow:
    level: int
    name: str
    share: float
    you: bool


@dataclass(frozen=True)
class EstimateView:
    """A framework estimate (e.g. MIIT 2024) as the report shows it."""

    headline: str
    points: str
    held: str
    steps: list[str]
    method: str
    unverified: list[str]


def _estimate_views(ev: Evaluation) -> list[EstimateView]:
    from ..estimate_text import headline, held_line, points_line, step_lines

    r = ev.result
    lang = r.language
    names = {rec.solution: rec.name for rec in r.recommendations}
    return [
        EstimateView(
            headline=headline(e, lang),
            points=points_line(e, lang),
            held=held_line(e, lang),
            steps=step_lines(e, lang, names),
            method=s("estimate_method", lang, name=e.name),
            unverified=list(e.unverified),
        )
        for e in r.estimates
    ]


@dataclass
class ReportContext:
    lang: str
    html_lang: str
    title: str
    company: str  # at most COMPANY_CHARS characters
    company_given: bool
    date: str
    pack_id: str
    pack_version: str
    pack_title: str
    overall_score: float | None
    overall_level: int | None
    level_name: str
    level_description: str
    strengths: list[Row]
    gaps: list[Row]
    actions_now: list[SolutionView]
    radar_svg: str
    bars_svg: str
    categories: list[CategoryView]
    roadmap: dict[str, list[SolutionView]]
    target: dict[str, Any] | None
    evidence: list[tuple[str, list[str]]]
    benchmark: dict[str, Any] | None
    sources: list[str]
    answers: list[tuple[str, list[Row]]]
    more: dict[str, int] = field(default_factory=dict)  # per phase: not shown in the report
    estimates: list[EstimateView] = field(default_factory=list)
    version: str = __version__
    company_short: str = ""  # for the running header of every page
    progress: Any = None  # report --previous: a report.progress.ProgressView
    # notes on the answers: given for an earlier version of the pack, or the short form
    answer_notes: list[str] = field(default_factory=list)
    action_plan: Any = None  # page 2: a plan_page.ActionPlanView (action_plan.html.j2)
    peers: Peers | None = None  # a report from a batch: the firm against its cohort


# How much of a text from the answers file a report shows (the JSON result keeps it whole). A
# name of thousands of characters would fill pages and, unbroken, make the PDF take minutes.
COMPANY_CHARS = 150
HEADER_CHARS = 50
ANSWER_CHARS = 600


# How many solutions per phase a report shows (the JSON result has them all): enough to plan
# a year, few enough that an owner reads them.
PHASE_LIMITS = {"now": 6, "next": 8, "later": 6}


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _why(trigger: Trigger, ev: Evaluation) -> str:
    namer = ev.namer
    if trigger.question is not None:
        question = namer.question(trigger.question, 80)
        answer = namer.answer(trigger.question, trigger.answer)
        if namer.lang == "zh":
            return f"“{question}”您的回答是“{answer}”"
        return f"You answered “{answer}” to “{question}”"
    category = namer.category(trigger.category or "")
    if namer.lang == "zh":
        return f"“{category}”得分{_fmt(trigger.score)}，低于{_fmt(trigger.threshold)}"
    return f"“{category}” scores {_fmt(trigger.score)}, below {_fmt(trigger.threshold)}"


def _solution_view(ev: Evaluation, index: int) -> SolutionView:
    rec = ev.result.recommendations[index]
    sol = next(x for x in ev.pack.catalogue.solutions if x.id == rec.solution)
    lang = ev.namer.lang
    q = ev.pack.questionnaire
    return SolutionView(
        rank=rec.rank,
        priority=rec.rank,
        name=rec.name,
        summary=text_for(sol.summary, lang, q.default_language),
        cost=cost_text(rec.cost, rec.cost_3y, lang),
        effort=s(f"effort_{rec.effort}", lang),
        months=s("months", lang, n=f"{rec.time_to_value_months:g}"),
        prerequisites=[ev.namer.solution(p) for p in rec.prerequisites],
        reasons=[r.text for r in rec.reasons][:4],
    )


def _numbered(roadmap: dict[str, list[SolutionView]]) -> dict[str, list[SolutionView]]:
    """The shown plan numbered 1, 2, 3 ... across phases: items left out of a phase (they are
    counted in ``more``) leave no gap in the numbers."""
    out: dict[str, list[SolutionView]] = {}
    number = 0
    for phase, items in roadmap.items():
        out[phase] = []
        for item in items:
            number += 1
            out[phase].append(replace(item, rank=number))
    return out


def _answer_notes(ev: Evaluation) -> list[str]:
    """The result's notes on its answers (an earlier version of the pack, the short form),
    with the questions the short form did not ask named."""
    r = ev.result
    notes = [x.note for x in (r.version_change, r.short_form) if x is not None]
    if r.short_form is not None and r.short_form.left_out:
        names = "; ".join(ev.namer.question(x, 200) for x in r.short_form.left_out)
        notes.append(f"{label('not_asked', r.language)}: {names}")
    return notes


def build_context(
    ev: Evaluation, date: dt.date | None = None, peers: Peers | None = None
) -> ReportContext:
    """Everything the templates show, already in the report's language; ``peers`` (from a
    batch) puts the firm's percentile in the action plan's headline."""
    r = ev.result
    a = ev.assessment
    q = ev.pack.questionnaire
    lang = r.language
    namer = ev.namer

    def t(text: Any) -> str:
        return text_for(text, lang, q.default_language)

    company = str(r.respondent.get("company") or "").strip()
    when = date or ev.answers.respondent.date or dt.date.today()
    level = next((lv for lv in q.levels if lv.number == r.overall.level), None)
    assessed = [c for c in r.categories if c.score is not None]
    by_score = sorted(assessed, key=lambda c: (-(c.score or 0), c.id))
    strengths = [Row(namer.area(c.id), _fmt(c.score)) for c in by_score[:3]]
    gaps = [
        Row(namer.area(c.id), _fmt(c.score))
        for c in sorted(assessed, key=lambda c: (c.score or 0, c.id))[:3]
    ]
    indexes = {rec.solution: i for i, rec in enumerate(r.recommendations)}
    roadmap: dict[str, list[SolutionView]] = {
        phase: [
            _solution_view(ev, indexes[rec.solution])
            for rec in r.recommendations
            if rec.phase == phase
        ]
        for phase in PHASES
    }
    points = [charts.Point(namer.area(c.id), c.score) for c in r.categories]
    thresholds = [lv.min_score for lv in q.levels]
    bands = [(lv.min_score, f"{lv.number} {t(lv.name)}") for lv in q.levels]

    by_id = {x.id: x for x in q.questions()}
    pains_by_cat: dict[str | None, list[PainView]] = {}
    for hit in a.pain_points:
        pain = next(p for p in q.pain_points if p.id == hit.id)
        pains_by_cat.setdefault(hit.category, []).append(
            PainView(t(pain.name), t(pain.description), [_why(tr, ev) for tr in hit.triggers])
        )
    categories: list[CategoryView] = []
    for cat_out, cat in zip(r.categories, a.categories, strict=True):
        cat_model = next(c for c in q.categories if c.id == cat.id)
        today = [
            Row(
                namer.question(item.id, 200), clip(namer.answer(item.id, item.answer), ANSWER_CHARS)
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
                step = "; ".join(missing[:3]) or None
            if step:
                next_steps.append(Row(namer.question(item.id, 200), step))
        categories.append(
            CategoryView(
                id=cat.id,
                name=cat_out.name,
                description=t(cat_model.description),
                score=cat_out.score,
                level=cat_out.level,
                level_name=cat_out.level_name or s("not_assessed", lang),
                coverage=cat_out.coverage,
                confidence=cat_out.confidence,
                today=today,
                next_steps=next_steps,
                pains=pains_by_cat.get(cat.id, []),
            )
        )

    target = None
    if r.target is not None:
        target = {
            "level": r.target.level,
            "reachable": r.target.reachable,
            "already": r.target.already_reached,
            "solutions": [namer.solution(x) for x in r.target.solutions],
            "projected_score": r.target.projected_score,
            "projected_level": r.target.projected_level,
            "rows": [
                Row(c.name, f"{_fmt(c.score)} → {_fmt(r.target.projected_categories.get(c.id))}")
                for c in r.categories
            ],
            "assumption": r.target.assumption,
        }

    shown_roadmap = _numbered(
        {phase: items[: PHASE_LIMITS[phase]] for phase, items in roadmap.items()}
    )
    more = {phase: len(items) - len(shown_roadmap[phase]) for phase, items in roadmap.items()}
    shown_ids = {sol.priority for items in shown_roadmap.values() for sol in items}
    evidence: list[tuple[str, list[str]]] = []
    for rec in r.recommendations:
        if rec.rank not in shown_ids:
            continue
        sol = next(x for x in ev.pack.catalogue.solutions if x.id == rec.solution)
        if sol.evidence:
            evidence.append((rec.name, [t(e) for e in sol.evidence]))

    benchmark = None
    if q.benchmarks:
        bench = q.benchmarks[0]
        source = next((x for x in q.sources if x.id == bench.source), None)
        bench_rows = [
            BenchmarkRow(
                lv.number,
                t(lv.name),
                bench.shares.get(lv.number, 0.0),
                lv.number == r.overall.level,
            )
            for lv in q.levels
            if lv.number in bench.shares or lv.number == r.overall.level
        ]
        benchmark = {
            "name": t(bench.name),
            "source": bench.source
            if source is None
            else ", ".join(x for x in (t(source.name), source.edition or "") if x),
            "year": bench.year,
            "note": t(bench.note) if bench.note else "",
            "rows": bench_rows,
        }
    sources = [
        ", ".join(
            part for part in (t(src.name), src.edition or "", str(src.year), src.url or "") if part
        )
        for src in q.sources
    ]
    answers: list[tuple[str, list[Row]]] = []
    for section in q.sections:
        rows = [
            Row(
                namer.question(x.id, 300),
                clip(namer.answer(x.id, ev.answers.answers.get(x.id)), ANSWER_CHARS),
            )
            for x in section.questions
            if x.id in ev.answers.answers
        ]
        if rows:
            answers.append((t(section.title), rows))

    return ReportContext(
        lang=lang,
        html_lang="zh-CN" if lang == "zh" else lang,
        title=s("report_title", lang),
        company=clip(company, COMPANY_CHARS) or s("unnamed_company", lang),
        company_short=clip(company, HEADER_CHARS) or s("unnamed_company", lang),
        company_given=bool(company),
        date=when.isoformat(),
        pack_id=q.id,
        pack_version=q.version,
        pack_title=t(q.title),
        overall_score=r.overall.score,
        overall_level=r.overall.level,
        level_name=r.overall.level_name or "",
        level_description=t(level.description) if level else "",
        strengths=strengths,
        gaps=gaps,
        actions_now=shown_roadmap["now"][:3],
        radar_svg=charts.radar(points, thresholds, s("radar_caption", lang)),
        bars_svg=charts.bars(points, bands, s("bars_caption", lang)),
        categories=categories,
        roadmap=shown_roadmap,
        more=more,
        target=target,
        evidence=evidence,
        benchmark=benchmark,
        sources=sources,
        answers=answers,
        estimates=_estimate_views(ev),
        answer_notes=_answer_notes(ev),
        action_plan=action_plan_view(ev, peers, when),
        peers=peers,
    )

"""Evaluation -> the data a report template shows, in one language: the cover, the summary,
the charts and the profile answers here; the areas (``category_view``), the plan
(``plan_view``), the estimates (``estimate_view``), peers and appendix beside it. Pure; no
markup here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..engine.evaluation import Evaluation
from ..engine.peers import Peers
from ..i18n import translator
from ..models import text_for
from ..wording.language import html_lang, is_cjk
from ..wording.messages import label
from ..wording.plan_page import action_plan_view
from ..wording.set_aside import SHOW_SET_ASIDE, more_set_aside, set_aside, set_aside_line
from . import charts
from .appendix import BenchmarkView, benchmark_view, sources_view
from .category_view import ANSWER_CHARS, CategoryView, Row, answer_text, category_views, clip
from .estimate_view import EstimateView, estimate_views
from .peer_view import PeerView, peer_view, score_text
from .plan_view import SolutionView, plan_view

# The two editions: ``brief`` (about 6 pages for the bank and the district office: cover,
# summary and action plan, charts, the weakest categories, "now" and "next", method note) and
# ``full`` (everything: every category, the whole plan, evidence, benchmark, method, answers).
EDITIONS = ("brief", "full")
DEFAULT_EDITION = "brief"


@dataclass
class ReportContext:
    lang: str
    html_lang: str  # the BCP 47 tag of the report's words (wording.language.html_lang)
    # the tag of the pack's texts (questions, answers, areas, the catalogue's words) where
    # their language is not the words' (a German report over a Chinese pack), else ""
    text_lang: str
    company_lang: str  # the tag of the company's name where it is not in the words' language
    font_lang: str  # whose fonts come first: the pack texts' language when it is CJK
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
    benchmark: BenchmarkView | None
    sources: list[str]
    answers: list[tuple[str, list[Row]]]  # those not shown with their category (answers once)
    more: dict[str, int] = field(default_factory=dict)  # per phase: in the annex, not detailed
    edition: str = DEFAULT_EDITION
    focus: list[str] = field(default_factory=list)  # category ids the brief edition details
    annex: list[SolutionView] = field(default_factory=list)  # full: the plan's other items
    strength_floor: float = 0.0  # a category scoring less is no strength
    peers: PeerView | None = None
    next_stage: str = ""  # "Stage 1 from 20": the line the charts draw
    estimates: list[EstimateView] = field(default_factory=list)
    version: str = __version__
    company_short: str = ""  # for the running header of every page
    progress: Any = None  # report --previous: a report.progress.ProgressView
    # notes on the answers: given for an earlier version of the pack, or the short form
    answer_notes: list[str] = field(default_factory=list)
    # answers set aside (a question its stage hides, not in the pack, --lenient), by question
    set_aside: list[str] = field(default_factory=list)
    action_plan: Any = None  # page 2: a plan_page.ActionPlanView (action_plan.html.j2)


HAS_HAN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")

# How much of a text from the answers file a report shows (the JSON result keeps it whole). A
# name of thousands of characters would fill pages and, unbroken, make the PDF take minutes.
COMPANY_CHARS = 150
HEADER_CHARS = 50


# A category is a strength from this stage on ("Systematic"); below it, none is called one.
STRENGTH_LEVEL = 2


_fmt = score_text


def _set_aside(ev: Evaluation) -> list[str]:
    """The answers set aside, each said with its question's words (the first 20, then how
    many more): an owner reads the question, not its id."""
    left = set_aside(ev)
    shown = left if len(left) <= SHOW_SET_ASIDE + 1 else left[:SHOW_SET_ASIDE]
    lines = [set_aside_line(p, ev, 200) for p in shown]
    if len(shown) < len(left):
        lines.append(more_set_aside(len(left) - len(shown), ev.result.language))
    return lines


def _answer_notes(ev: Evaluation) -> list[str]:
    """The result's notes on its answers (an earlier version of the pack, the short form),
    with the questions the short form did not ask named."""
    r = ev.result
    notes = [x.note for x in (r.version_change, r.short_form) if x is not None]
    if r.short_form is not None and r.short_form.left_out:
        _ = translator(r.language)
        names = _.pgettext("punctuation", "; ").join(
            ev.namer.question(x, 200) for x in r.short_form.left_out
        )
        notes.append(f"{label('not_asked', r.language)}{_(': ')}{names}")
    return notes


def build_context(
    ev: Evaluation,
    date: dt.date | None = None,
    edition: str = DEFAULT_EDITION,
    peers: Peers | None = None,
    lang: str | None = None,
) -> ReportContext:
    """Everything the templates show, already in the report's language, for one edition;
    with ``peers`` (a batch's cohort), the firm's place among them on page 2 and the charts.

    ``lang`` is the language of the report's own words (default: the result's); a language
    the pack does not have shows the pack's texts in the language the result has them in."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    r = ev.result
    a = ev.assessment
    q = ev.pack.questionnaire
    text_lang = r.language
    lang = lang or text_lang
    _ = translator(lang)
    namer = ev.namer

    def t(text: Any) -> str:
        return text_for(text, text_lang, q.default_language)

    company = str(r.respondent.get("company") or "").strip()
    when = date or ev.answers.respondent.date or dt.date.today()
    level = next((lv for lv in q.levels if lv.number == r.overall.level), None)
    assessed = [c for c in r.categories if c.score is not None]
    by_score = sorted(assessed, key=lambda c: (-(c.score or 0), c.id))
    floor = next((lv.min_score for lv in q.levels if lv.number == STRENGTH_LEVEL), 40.0)
    strengths = [
        Row(namer.area(c.id), _fmt(c.score)) for c in by_score[:3] if (c.score or 0) >= floor
    ]
    weakest = sorted(assessed, key=lambda c: (c.score or 0, c.id))[:3]
    gaps = [Row(namer.area(c.id), _fmt(c.score)) for c in weakest]
    everyone = peers.group("all") if peers is not None else None
    medians = everyone.category_medians if everyone is not None else {}
    points = [charts.Point(namer.area(c.id), c.score, medians.get(c.id)) for c in r.categories]
    thresholds = [lv.min_score for lv in q.levels]
    bands = [(lv.min_score, f"{lv.number} {t(lv.name)}") for lv in q.levels]
    aim = r.target.level if r.target is not None else (r.overall.level or 0) + 1
    aim_level = next((lv for lv in q.levels if lv.number == aim), None)
    next_stage = (
        _("Stage {n} starts at {m}", n=aim_level.number, m=_fmt(aim_level.min_score))
        if aim_level is not None
        else ""
    )
    peer_shown = peer_view(peers, _) if peers is not None else None
    overlay = charts.Overlay(
        you=_("This firm"),
        peer=peer_shown.legend if peer_shown is not None and medians else "",
        target=next_stage,
        target_score=aim_level.min_score if aim_level is not None else None,
    )

    categories = category_views(ev, _)

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

    radar_caption = _("Score per category (0-100); rings mark the stage thresholds.")
    bars_caption = _("Score per category against the stage bands.")
    plan = plan_view(ev, edition, _)

    in_categories = {item.id for cat in a.categories for item in cat.questions}
    answers: list[tuple[str, list[Row]]] = []
    for section in q.sections:
        rows = [
            Row(
                namer.question(x.id, 300),
                clip(answer_text(namer, x.id, ev.answers.answers.get(x.id), _), ANSWER_CHARS),
            )
            for x in section.questions
            if x.id in ev.answers.answers and x.id not in in_categories
        ]
        if rows:
            answers.append((t(section.title), rows))

    # a report in a third language over a Chinese pack: the questions, answers and category
    # names are Chinese, so the Chinese fonts come first (punctuation, quotes)
    fonts_for = text_lang if is_cjk(text_lang) and not is_cjk(lang) else lang
    other = html_lang(text_lang) if html_lang(text_lang) != html_lang(lang) else ""
    # a name written in Chinese characters in a report that is not Chinese: in the language
    # the answers were given in when that is CJK, else Chinese (a firm the pack serves)
    answers_lang = ev.answers.language or text_lang
    name_lang = html_lang(answers_lang if is_cjk(answers_lang) else "zh")
    company_lang = name_lang if HAS_HAN.search(company) and not is_cjk(lang) else ""
    return ReportContext(
        lang=lang,
        html_lang=html_lang(lang),
        text_lang=other,
        company_lang=company_lang,
        font_lang=fonts_for,
        title=_("Digital readiness report"),
        company=clip(company, COMPANY_CHARS) or _("(company not named)"),
        company_short=clip(company, HEADER_CHARS) or _("(company not named)"),
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
        actions_now=plan.roadmap["now"][:3],
        radar_svg=charts.radar(points, thresholds, radar_caption, fonts_for, overlay),
        bars_svg=charts.bars(points, bands, bars_caption, fonts_for, overlay),
        categories=categories,
        roadmap=plan.roadmap,
        more=plan.more,
        target=target,
        evidence=plan.evidence,
        benchmark=benchmark_view(q, text_lang),
        sources=sources_view(q, text_lang),
        answers=answers,
        estimates=estimate_views(ev, _),
        answer_notes=_answer_notes(ev),
        set_aside=_set_aside(ev),
        action_plan=action_plan_view(ev, peers, when, lang),
        edition=edition,
        focus=[c.id for c in weakest],
        annex=plan.annex,
        strength_floor=floor,
        peers=peer_shown,
        next_stage=next_stage,
    )

"""The progress between two assessments as a page (HTML, Markdown, PDF) and as the
"progress since <date>" section of a report: words, rows and rendering. No markup here;
the templates escape everything they show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import __version__
from ..errors import UsageError
from ..i18n import N_, Translator, translator
from ..models.progress import PlanItem, Progress, ScoreChange, StageChange
from .category_view import clip
from .peer_view import score_text

PROGRESS_HTML = "progress.html.j2"
PROGRESS_MD = "progress.md.j2"

# The headings the templates show (``ProgressView.labels``).
LABELS = {
    "category": N_("Category"),
    "before": N_("Before"),
    "after": N_("After"),
    "change": N_("Change"),
    "estimates": N_("Official framework estimate"),
    "framework": N_("Framework"),
    "none": N_("None."),
    "notes": N_("Notes"),
    "page_title": N_("Progress report"),
}


def number(value: float | None) -> str:
    """A score as ``score`` and the report print it: whole, "—" when none."""
    return score_text(value)


def signed(before: float | None, after: float | None) -> str:
    """The change between two scores as they are shown (whole), so that the columns add up:
    "+2", "-3", "0" when the shown scores are the same (never "±0.0" for a change of 0.02)."""
    if before is None or after is None:
        return "—"
    change = int(score_text(after)) - int(score_text(before))
    return f"{change:+d}" if change else "0"


def stage_text(number_: int | None, name: str | None, _: Translator) -> str:
    if number_ is None:
        return "—"
    head = _("Stage {n}", n=number_)
    return f"{head} · {name}" if name else head


def stage_move(stage: StageChange, _: Translator) -> str:
    if stage.before is None or stage.after is None:
        return ""
    if stage.after > stage.before:
        return _("moved up")
    return _("moved down") if stage.after < stage.before else _("unchanged")


@dataclass(frozen=True)
class Line:
    label: str
    before: str
    after: str
    change: str


@dataclass(frozen=True)
class ProgressView:
    """Everything the progress section shows, as text in one language."""

    lang: str
    title: str
    assessed: str
    overall: Line
    stage: Line
    categories: list[Line]
    estimates: list[Line]
    lists: list[tuple[str, list[str]]]  # heading, items (an empty list shows "None.")
    notes: list[str]
    labels: dict[str, str]


def _plan_item(item: PlanItem, _: Translator) -> str:
    if item.part_of is None:
        return item.name
    return _("{item} (part of: {bundle})", item=item.name, bundle=item.part_of)


def _score_line(label: str, change: ScoreChange) -> Line:
    return Line(
        label, number(change.before), number(change.after), signed(change.before, change.after)
    )


def progress_view(p: Progress) -> ProgressView:
    lang = p.language
    _ = translator(lang)
    undated = _("date not given")
    title = (
        _("Progress since {date}", date=p.date_before)
        if p.date_before
        else _("Progress since the earlier assessment")
    )
    estimates = []
    for e in p.estimates:
        if e.passed_level_2:
            change = _("passed the level-2 gate")
        elif e.held_back_by:
            change = _("held back by: {gate}", gate=e.held_back_by)
        else:
            change = ""
        name = e.name or e.framework  # a result without names (lean results): the id
        estimates.append(Line(name, e.label_before or "—", e.label_after or "—", change))
    return ProgressView(
        lang=lang,
        title=title,
        assessed=_(
            "Assessed on {before} and {after}.",
            before=p.date_before or undated,
            after=p.date_after or undated,
        ),
        overall=_score_line(_("Overall score"), p.overall),
        stage=Line(
            _("Stage"),
            stage_text(p.stage.before, p.stage.before_name, _),
            stage_text(p.stage.after, p.stage.after_name, _),
            stage_move(p.stage, _),
        ),
        categories=[
            Line(
                c.short_name,
                number(c.score.before),
                number(c.score.after),
                signed(c.score.before, c.score.after)
                + (" · " + _("Stage {n}", n=c.stage.after) if c.stage.moved_up else ""),
            )
            for c in p.categories
        ],
        estimates=estimates,
        lists=[
            (_("Pain points resolved"), [i.name for i in p.pains_resolved]),
            (_("New pain points"), [i.name for i in p.pains_new]),
            (_("Plan items now in place"), [_plan_item(i, _) for i in p.now_in_place]),
            (_("Next moves"), [m.name for m in p.next_moves]),
        ],
        notes=list(p.notes),
        labels={key: _.text(message) for key, message in LABELS.items()},
    )


@dataclass(frozen=True)
class ProgressPage:
    """The standalone page of ``sme-assess compare``: ``ctx.progress`` is the section."""

    progress: ProgressView
    company: str
    date: str
    version: str = __version__

    @property
    def lang(self) -> str:
        return self.progress.lang

    @property
    def html_lang(self) -> str:
        from ..wording.language import html_lang

        return html_lang(self.lang)

    @property
    def footer(self) -> str:
        _ = translator(self.lang)
        return _(
            "Generated by sme-assess {version} on {date}. Self-assessment based on the "
            "company's own answers; not an official evaluation.",
            version=self.version,
            date=self.date,
        )


def _render(name: str, page: ProgressPage, *, markdown: bool) -> str:
    from jinja2 import TemplateError

    from .render import environment, template_dirs

    env = environment(template_dirs(None), markdown=markdown, lang=page.lang)
    try:
        return str(env.get_template(name).render(ctx=page))
    except TemplateError as exc:
        raise UsageError(f"progress template error: {exc}") from None


def progress_document(p: Progress, fmt: str, date: dt.date | None = None) -> bytes:
    """The comparison as md, html or pdf bytes (json is the model itself)."""
    if fmt == "json":
        return (p.model_dump_json(indent=2) + "\n").encode("utf-8")
    company = p.company_after or p.company_before or ""
    page = ProgressPage(progress_view(p), clip(company, 150), (date or dt.date.today()).isoformat())
    if fmt == "md":
        return _render(PROGRESS_MD, page, markdown=True).encode("utf-8")
    html = _render(PROGRESS_HTML, page, markdown=False)
    if fmt == "html":
        return html.encode("utf-8")
    from .cohort import render_cohort_pdf  # HTML -> PDF, fetching nothing outside

    return render_cohort_pdf(html, page.lang)

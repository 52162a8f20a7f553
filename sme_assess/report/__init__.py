"""The report: PDF, HTML, Markdown or JSON from one evaluation, in the respondent's language."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

from ..engine.evaluation import Evaluation
from ..engine.peers import Peers
from ..errors import UsageError
from ..i18n import has_catalogue
from ..models.progress import Progress
from ..models.questionnaire import Questionnaire


class ReportFormat(StrEnum):
    pdf = "pdf"
    html = "html"
    md = "md"
    json = "json"


EXTENSIONS = {
    ".pdf": ReportFormat.pdf,
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".md": ReportFormat.md,
    ".markdown": ReportFormat.md,
    ".json": ReportFormat.json,
}


STDOUT = "-"


def report_languages(q: Questionnaire, lang: str | None) -> tuple[str | None, str | None]:
    """``report --lang``: the language to score in and the language of the report's own
    words (None: the result's). A language of the pack is both. A language the pack lacks
    but the tool has a message catalogue for gives the report's words in it over the pack's
    texts in its default language. Anything else is left for ``evaluate`` to refuse."""
    if lang is None:
        return None, None
    base = lang.replace("_", "-").split("-")[0].lower()
    if any(have == lang or have.split("-")[0].lower() == base for have in q.languages):
        return lang, None
    if has_catalogue(lang):
        return q.default_language, lang
    return lang, None


def is_stdout(path: Path) -> bool:
    """``-o -``: the report goes to standard output."""
    return str(path) == STDOUT


def format_for(path: Path, given: ReportFormat | None) -> ReportFormat:
    """The format asked for, else the one the file name says."""
    if given is not None:
        return given
    found = EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise UsageError(
            f"cannot tell the format from '{path.name}'; use --format pdf|html|md|json"
        )
    return found


def build_report(
    ev: Evaluation,
    fmt: ReportFormat,
    template: Path | None = None,
    date: dt.date | None = None,
    previous: Progress | None = None,
    edition: str | None = None,
    peers: Peers | None = None,
    lang: str | None = None,
) -> bytes:
    """The report's bytes in ``fmt`` and ``edition`` ("brief" or "full", default brief);
    with ``previous``, a "progress since" section; with ``peers`` (a batch's cohort), the
    firm's place among them. ``lang``: the language of the report's own words when it is
    not the result's (a language with a message catalogue that the pack does not have: the
    pack's texts stay in the result's language)."""
    if fmt == ReportFormat.json:
        from ..wording.plan_page import result_with_plan

        return (result_with_plan(ev, peers, date).model_dump_json(indent=2) + "\n").encode("utf-8")
    from .context import DEFAULT_EDITION, build_context
    from .render import render_html, render_markdown, render_pdf_report

    ctx = build_context(ev, date, edition or DEFAULT_EDITION, peers, lang)
    if previous is not None:
        from dataclasses import replace

        from .progress import progress_view

        ctx = replace(ctx, progress=progress_view(previous))
    if fmt == ReportFormat.md:
        return render_markdown(ctx, template).encode("utf-8")
    if fmt == ReportFormat.pdf:
        return render_pdf_report(ctx, template)
    return render_html(ctx, template).encode("utf-8")

"""`score`, `explain` and `report`: one answers file evaluated, shown or written as a report."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    AnswersArg,
    Edition,
    EditionOption,
    LangOption,
    LenientOption,
    PackOption,
    _,
    consoles,
    evaluate_answers,
    friendly,
    nothing_left_to_close,
)
from .group import command_help

commands = typer.Typer()


def _estimates_help() -> str:
    """What the framework estimates are, for every command that prints them."""
    return _(
        'The MIIT and GB/T estimates are not official. Unanswered and "don\'t know" '
        "answers count as 0, so with questions left open an estimate can be a range "
        '("Below level 1 (up to Level 1)": answered, the level could be higher) and what '
        "the next level needs is counted on the answers given; with nothing it reads "
        'answered it says "not enough answers to estimate".'
    )


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"


@commands.command(
    help=command_help(
        "score",
        _(
            "Shows each category's score, level and coverage, the overall score and level, "
            "the top pain points and the top recommendations by phase (now / next / later), "
            "then the action plan: the first three actions with owner, cost and KPI target, "
            "and the money for 90 days, 12 months and the whole plan. --format json prints "
            "the result model, with the action plan as action_plan (see `sme-assess schema "
            "result`). An answers file that does not fit the pack is refused with every "
            "problem listed at file:line:col (exit 2) unless --lenient. Answers given for an "
            "earlier version of the pack are scored with the pack's migrations and a note "
            "(new questions unanswered, answers that no longer fit); a newer version is "
            "refused. Answers not counted are listed last, each named by its question."
        )
        + "\n\n"
        + _estimates_help(),
    )
)
@friendly
def score(
    answers: AnswersArg,
    pack: PackOption = None,
    output_format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help=_("table or json."))
    ] = ScoreFormat.table,
    target_level: Annotated[
        int | None,
        typer.Option(
            "--target-level",
            help=_("Also plan the cheapest set of solutions expected to reach this level."),
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    lenient: LenientOption = False,
) -> None:
    """Score an answers file: stage, MIIT estimate, pain points and a phased plan."""
    ev = evaluate_answers(answers, pack, lang, lenient, target_level)
    if output_format == ScoreFormat.json:
        from ..wording.plan_page import result_with_plan

        sys.stdout.write(result_with_plan(ev).model_dump_json(indent=2) + "\n")
        nothing_left_to_close()
        return
    from ..terminal.views import score_view

    out, _err = consoles()
    out.print(score_view(ev))
    nothing_left_to_close()


@commands.command(
    help=command_help(
        "explain",
        _(
            "For every category: each question's answer, 0-1 score, weight and points "
            "contributed; what the next level needs (the next rung of the lowest-scoring "
            "answers); for the overall level, which rule each level passed or failed; and "
            "every catalogue solution not in the plan with why (in place, not applicable, "
            "waiting for a fact, another sector or size, covered by a bundle, not needed)."
        )
        + "\n\n"
        + _estimates_help(),
    )
)
@friendly
def explain(
    answers: AnswersArg,
    category: Annotated[
        str | None,
        typer.Option(
            "--category", "-c", help=_("Only this category (its id)."), show_default=False
        ),
    ] = None,
    pack: PackOption = None,
    lang: LangOption = None,
    lenient: LenientOption = False,
) -> None:
    """Why each score and stage: contributions, the MIIT estimate, the next step."""
    ev = evaluate_answers(answers, pack, lang, lenient)
    if category is not None and category not in {c.id for c in ev.assessment.categories}:
        from ..errors import UsageError

        known = ", ".join(c.id for c in ev.assessment.categories)
        raise UsageError(f"unknown category '{category}' (categories: {known})")
    from ..terminal.explain_views import explain_view

    out, _err = consoles()
    out.print(explain_view(ev, category))
    nothing_left_to_close()


@commands.command(
    help=command_help(
        "report",
        _(
            "The report an owner can act on, keeps, and shows the bank or the district "
            "office.\n\n"
            "--edition brief (the default, at most 8 pages): cover, the one-page action plan "
            "(first three actions with owner, cost and KPI target, money for 90 days and 12 "
            'months, funding hints), summary and charts, the three weakest areas, "now" and '
            '"next", method note. --edition full: also every area with its answers, the '
            "whole plan (annex), evidence checklist, published benchmark; in English or "
            "Chinese. The file is written atomically; -o - writes to standard output "
            "(Markdown unless --format says otherwise; a PDF only into a pipe, not onto a "
            "terminal). Answers given for an earlier version of the pack, or with the short "
            "form, are said on stderr and in the report's method section, where the answers "
            "not counted are listed by their questions."
        )
        + "\n\n"
        + _estimates_help(),
    )
)
@friendly
def report(
    answers: AnswersArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=_("Report file to write ('-': standard output)."),
            show_default=False,
        ),
    ],
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=_("pdf, html, md or json. Default: from the file extension."),
            show_default=False,
        ),
    ] = None,
    pack: PackOption = None,
    lang: LangOption = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help=_(
                "Folder with a report.html.j2 (report.md.j2 for Markdown) that extends "
                "base/report.html.j2 and overrides blocks (logo, colours, cover text). Only "
                "files inside the folder are used."
            ),
            show_default=False,
        ),
    ] = None,
    target_level: Annotated[
        int | None,
        typer.Option("--target-level", help=_("Add the path to this level."), show_default=False),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            help=_(
                'An earlier answers file of the same firm: adds a "progress since <date>" '
                "section (pdf, html, md)."
            ),
            show_default=False,
        ),
    ] = None,
    lenient: LenientOption = False,
    edition: EditionOption = Edition.brief,
) -> None:
    """Write the report: PDF, HTML, Markdown or JSON."""
    from rich.text import Text

    from ..atomic import check_target, write_bytes
    from ..errors import UsageError, display_path
    from ..report import ReportFormat, build_report, format_for, is_stdout
    from ..terminal_text import visible

    fmt = None
    if output_format is not None:
        try:
            fmt = ReportFormat(output_format.lower())
        except ValueError:
            raise UsageError(f"--format {output_format}: use pdf, html, md or json") from None
    # Everything that can be refused is refused before the answers are scored.
    to_stdout = is_stdout(output)
    if not to_stdout:
        check_target(output)
    fmt = format_for(output, fmt or (ReportFormat.md if to_stdout else None))
    if to_stdout and fmt == ReportFormat.pdf and sys.stdout.isatty():
        raise UsageError("a PDF cannot be shown on a terminal; give -o FILE.pdf or pipe it")
    if template is not None:
        from ..report.render import check_template_dir

        check_template_dir(template, fmt.value)
    if previous is not None and fmt == ReportFormat.json:
        raise UsageError(
            "--previous adds a section to pdf, html or md reports; for JSON use "
            "`sme-assess compare --format json`"
        )
    ev = evaluate_answers(answers, pack, lang, lenient, target_level)
    since = None
    if previous is not None:
        from ..engine.progress import progress_since

        since = progress_since(previous, ev, lenient)
    data = build_report(ev, fmt, template, previous=since, edition=edition.value)
    _out, err = consoles()
    for note in (x.note for x in (ev.result.version_change, ev.result.short_form) if x):
        err.print(Text(f"note: {visible(note, newlines=False)}", "yellow"), soft_wrap=True)
    if to_stdout:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_bytes(output, data)
    shown = visible(display_path(output), newlines=False)
    err.print(Text(f"report written to {shown} ({fmt.value}, {ev.result.language})"))

"""The command line: parse options, call the core, print with Rich, map errors to exit codes.

Keep this module's imports light: `sme-assess --help` must not load pydantic models,
WeasyPrint, questionary or openpyxl. Each command imports what it needs when it runs.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    SmeAssessError,
    unexpected,
)
from .terminal_text import visible

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 findings (validate, doctor) or some inputs failed (batch); "
    "2 bad usage or unreadable input; 130 interrupted."
)

app = typer.Typer(
    name="sme-assess",
    help=(
        "Digital-transformation readiness for small and medium manufacturers: a questionnaire, "
        "scores per pain-point category, matched solutions and a report.\n\n" + EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _consoles() -> tuple[Any, Any]:
    from rich.console import Console

    return Console(highlight=False), Console(stderr=True, highlight=False)


def _fail(exc: SmeAssessError) -> None:
    from rich.markup import escape

    from .terminal_text import visible

    # Messages quote file names and file contents: control characters are shown, not obeyed.
    _, err = _consoles()
    err.print(f"[bold red]error:[/] {escape(visible(str(exc), newlines=False))}", soft_wrap=True)
    for line in getattr(exc, "details", [])[:50]:
        err.print(f"  {escape(visible(line, newlines=False))}", soft_wrap=True)
    hidden = len(getattr(exc, "details", [])) - 50
    if hidden > 0:
        err.print(f"  … and {hidden} more")


def friendly(fn: F) -> F:
    """The one place where errors become a message and an exit code (never a traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except SmeAssessError as exc:
            _fail(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _, err = _consoles()
            err.print("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            raise typer.Exit(EXIT_OK) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as exc:  # a bug, or an input that breaks a library: still one line
            if os.environ.get("SME_ASSESS_DEBUG"):
                raise
            _, err = _consoles()
            err.print(f"error: {visible(unexpected(exc), newlines=False)}", markup=False)
            err.print(
                "  this is a bug in sme-assess; SME_ASSESS_DEBUG=1 shows the traceback",
                markup=False,
            )
            raise typer.Exit(EXIT_USAGE) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sme-assess {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Digital-transformation readiness for small and medium manufacturers."""


class FindingsFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class SchemaName(StrEnum):
    questionnaire = "questionnaire"
    catalogue = "catalogue"
    answers = "answers"
    result = "result"
    progress = "progress"


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"


PackOption = Annotated[
    str | None,
    typer.Option(
        "--pack",
        "-p",
        help="Built-in pack id or a pack folder. Default: the built-in manufacturing-sme.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the output (en, zh). Default: the answers' language.",
        show_default=False,
    ),
]
LenientOption = Annotated[
    bool,
    typer.Option("--lenient", help="Score anyway, leaving out answers that do not fit."),
]
AnswersArg = Annotated[
    Path,
    typer.Argument(help="Answers file (JSON or YAML).", show_default=False, metavar="ANSWERS"),
]


RunLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the questions and the report (en, zh). Default: when resuming, "
        "the saved answers' language; else your system's language if the pack has it; else "
        "the pack's default.",
        show_default=False,
    ),
]
TemplateLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the question texts and answer labels (en, zh). "
        "Default: the pack's default language.",
        show_default=False,
    ),
]


@app.command()
@friendly
def run(
    pack: PackOption = None,
    lang: RunLangOption = None,
    draft: Annotated[
        Path | None,
        typer.Option(
            "--draft",
            help="A new file to autosave to (default: a new file in the user data folder). "
            "An existing file is refused: continue it with --resume.",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            help="Continue a saved draft at its first unanswered question (the draft is "
            "locked while the run lasts). Given a finished answers file, a new draft starts "
            "from its answers and the file is left unchanged.",
            show_default=False,
        ),
    ] = None,
    from_answers: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Re-assess from an earlier answers file (after support, a year on): its "
            "answers are shown section by section to keep or change, the new answers are "
            "dated today with the earlier date kept (previous_date); the file is left "
            "unchanged. Then compare the two with `sme-assess compare`.",
            show_default=False,
            metavar="OLD_ANSWERS",
        ),
    ] = None,
    answers_out: Annotated[
        Path | None,
        typer.Option(
            "--answers-out",
            help="Where to write the answers (JSON). Default: beside the draft.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The PDF report to write."),
    ] = Path("report.pdf"),
    short: Annotated[
        bool | None,
        typer.Option(
            "--short/--full",
            help="--short asks only the pack's short form (the built-in pack: the profile, the "
            "16 scenarios and the items the MIIT estimate scores, 25-30 minutes instead of "
            "35-45); enough for the estimated MIIT level; the result and report say it is the "
            "short form. The draft remembers it: --resume continues the form the draft was "
            "started with; --short or --full given with --resume changes it (and says so).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Answer the questionnaire interactively (the main job).

    One question at a time with help, "don't know", "not applicable" and back; every
    answer is saved at once to a draft, so Ctrl-C or a closed terminal loses nothing
    (continue with --resume). One run at a time per draft: a second run on a draft in use
    is refused, naming the run that has it. At the end: a review, your scores and plan,
    the answers as JSON and the PDF report.
    """
    from rich.text import Text

    from .interview.start import has_terminal, prepare

    if not has_terminal():
        from .errors import UsageError

        raise UsageError(
            "`sme-assess run` asks questions and needs a terminal; to answer in a file, "
            "start from `sme-assess template` or an answers file and use `sme-assess score` "
            "or `sme-assess report`"
        )
    from .interview.prompts import QuestionaryPrompter
    from .interview.runner import run_interview
    from .interview.start import resume_command
    from .interview.words import word
    from .report import ReportFormat, build_report, format_for
    from .terminal_text import visible

    # a wrong report name is said now, not after the last question
    fmt = format_for(output, None if output.suffix else ReportFormat.pdf)
    out, err = _consoles()
    prepared = prepare(pack, lang, draft, resume, answers_out, from_answers, short)
    state = prepared.state
    with prepared.lock:
        draft_shown = visible(str(state.draft_path), newlines=False)
        out.print(Text(prepared.title, "bold"))
        short = state.interview.short  # as asked, or as the resumed draft was started
        if short and state.pack.questionnaire.short_form is None:
            out.print(Text(word("no_short_form", state.lang), "yellow"))
        duration = prepared.duration(short)
        if duration:
            out.print(Text(duration))
        out.print(Text(word("saving", state.lang, path=draft_shown), "dim"))
        state.notes.extend(prepared.notes)  # shown with the first question, so they stay
        try:
            answers = run_interview(state, QuestionaryPrompter())
        except (KeyboardInterrupt, EOFError):
            command = resume_command(state.draft_path)  # the draft remembers the form
            stopped = word("stopped", state.lang, path=draft_shown, command=visible(command))
            err.print(Text(stopped), soft_wrap=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None

        from .answer_io.native import answers_json
        from .atomic import write_bytes, write_text
        from .engine.evaluation import Options, evaluate
        from .terminal.views import score_view

        target = answers_out or state.answers_path()
        write_text(target, answers_json(answers))
        ev = evaluate(state.pack, answers, Options(lenient=True, lang=state.lang))
        out.print(score_view(ev, top_recs=5))
        shown = visible(str(target), newlines=False)
        out.print(Text(word("answers_written", state.lang, path=shown), "green"))
        write_bytes(output, build_report(ev, fmt))
        shown = visible(str(output), newlines=False)
        out.print(Text(word("report_written", state.lang, path=shown), "green"))


@app.command()
@friendly
def score(
    answers: AnswersArg,
    pack: PackOption = None,
    output_format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="table or json.")
    ] = ScoreFormat.table,
    target_level: Annotated[
        int | None,
        typer.Option(
            "--target-level",
            help="Also plan the cheapest set of solutions expected to reach this level.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    lenient: LenientOption = False,
) -> None:
    """Score an answers file: stage, MIIT estimate, pain points and a phased plan.

    Shows each category's score, level and coverage, the overall score and level, the top
    pain points and the top recommendations by phase (now / next / later), then the action
    plan: the first three actions with owner, cost and KPI target, and the money for 90 days,
    12 months and the whole plan. --format json prints the result model, with the action
    plan as action_plan (see `sme-assess schema result`). An answers file that does not
    fit the pack is refused with every problem listed at file:line:col (exit 2) unless
    --lenient. Answers given for an earlier version of the pack are scored with the pack's
    migrations and a note (new questions unanswered, answers that no longer fit); a newer
    version is refused.
    """
    ev = _evaluate(answers, pack, lang, lenient, target_level)
    if output_format == ScoreFormat.json:
        from .wording.plan_page import result_with_plan

        sys.stdout.write(result_with_plan(ev).model_dump_json(indent=2) + "\n")
        return
    from .terminal.views import score_view

    out, _ = _consoles()
    out.print(score_view(ev))


@app.command()
@friendly
def explain(
    answers: AnswersArg,
    category: Annotated[
        str | None,
        typer.Option("--category", "-c", help="Only this category (its id).", show_default=False),
    ] = None,
    pack: PackOption = None,
    lang: LangOption = None,
    lenient: LenientOption = False,
) -> None:
    """Why each score and stage: contributions, the MIIT estimate, the next step.

    For every category: each question's answer, 0-1 score, weight and points contributed;
    what the next level needs (the next rung of the lowest-scoring answers); for the
    overall level, which rule each level passed or failed; and every catalogue solution
    not in the plan with why (in place, not applicable, waiting for a fact, another sector
    or size, covered by a bundle, not needed).
    """
    ev = _evaluate(answers, pack, lang, lenient)
    if category is not None and category not in {c.id for c in ev.assessment.categories}:
        from .errors import UsageError

        known = ", ".join(c.id for c in ev.assessment.categories)
        raise UsageError(f"unknown category '{category}' (categories: {known})")
    from .terminal.views import explain_view

    out, _ = _consoles()
    out.print(explain_view(ev, category))


class Edition(StrEnum):
    brief = "brief"
    full = "full"


EditionOption = Annotated[
    Edition,
    typer.Option(
        "--edition",
        help="brief: about 6 pages for the bank or the district office (summary and action "
        "plan, charts, the three weakest areas, \"now\" and \"next\", method); full: "
        "everything (every area and answer, the whole plan in an annex, evidence, "
        "benchmark).",
    ),
]


@app.command()
@friendly
def report(
    answers: AnswersArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Report file to write ('-': standard output).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="pdf, html, md or json. Default: from the file extension.",
            show_default=False,
        ),
    ] = None,
    pack: PackOption = None,
    lang: LangOption = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Folder with a report.html.j2 (report.md.j2 for Markdown) that extends "
            "base/report.html.j2 and overrides blocks (logo, colours, cover text). Only files "
            "inside the folder are used.",
            show_default=False,
        ),
    ] = None,
    target_level: Annotated[
        int | None,
        typer.Option("--target-level", help="Add the path to this level.", show_default=False),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            help="An earlier answers file of the same firm: adds a \"progress since <date>\" "
            "section (pdf, html, md).",
            show_default=False,
        ),
    ] = None,
    lenient: LenientOption = False,
    edition: EditionOption = Edition.brief,
) -> None:
    """Write the report: PDF, HTML, Markdown or JSON.

    The report an owner can act on, keeps, and shows the bank or the district office.

    --edition brief (the default, at most 8 pages): cover, the one-page action plan (first
    three actions with owner, cost and KPI target, money for 90 days and 12 months, funding
    hints), summary and charts, the three weakest areas, "now" and "next", method note.
    --edition full: also every area with its answers, the whole plan (annex), evidence
    checklist, published benchmark; in English or Chinese.
    The file is written atomically; -o - writes to standard output (Markdown unless --format
    says otherwise; a PDF only into a pipe, not onto a terminal). Answers given for an
    earlier version of the pack, or with the short form, are said on stderr and in the
    report's method section.
    """
    from rich.text import Text

    from .atomic import check_target, write_bytes
    from .errors import UsageError, display_path
    from .report import ReportFormat, build_report, format_for, is_stdout
    from .terminal_text import visible

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
        from .report.templates import check_template_dir

        check_template_dir(template, fmt.value)
    if previous is not None and fmt == ReportFormat.json:
        raise UsageError("--previous adds a section to pdf, html or md reports; for JSON use "
                         "`sme-assess compare --format json`")
    ev = _evaluate(answers, pack, lang, lenient, target_level)
    since = None
    if previous is not None:
        from .engine.progress import progress_since

        since = progress_since(previous, ev, lenient)
    data = build_report(ev, fmt, template, previous=since, edition=edition.value)
    _, err = _consoles()
    for note in (x.note for x in (ev.result.version_change, ev.result.short_form) if x):
        err.print(Text(f"note: {visible(note, newlines=False)}", "yellow"), soft_wrap=True)
    if to_stdout:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_bytes(output, data)
    shown = visible(display_path(output), newlines=False)
    err.print(Text(f"report written to {shown} ({fmt.value}, {ev.result.language})"))


class CompareFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"
    pdf = "pdf"


@app.command()
@friendly
def compare(
    before: Annotated[
        Path, typer.Argument(help="The earlier answers file (T0).", show_default=False)
    ],
    after: Annotated[
        Path, typer.Argument(help="The later answers file (T1).", show_default=False)
    ],
    output_format: Annotated[
        CompareFormat,
        typer.Option("--format", "-f", help="table, json, md, html or pdf."),
    ] = CompareFormat.table,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (needed for pdf). Default: standard output.",
            show_default=False,
        ),
    ] = None,
    pack: PackOption = None,
    lang: LangOption = None,
    lenient: LenientOption = False,
) -> None:
    """What moved between two assessments of one firm (before and after support).

    The overall score and stage before and after, each category's change, the official
    framework estimate before and after when the result has one (which gate was passed),
    pain points resolved and new, plan items now in place (recommended before, declared in
    place after) and the next moves. Both files must be for the same questionnaire; different
    pack versions are scored with the current pack and the answers that no longer fit are
    named (with --lenient). Different company names, or an "earlier" file dated after the
    later one, give a note, not a refusal: the files are never reordered.
    """
    from rich.text import Text

    from .atomic import check_target, write_bytes
    from .engine.progress import compare_files
    from .errors import UsageError, display_path
    from .terminal_text import visible

    for path in (before, after):
        if path.is_dir():
            raise UsageError(f"{display_path(path)} is a folder; give an answers file")
    to_file = output is not None and str(output) != "-"
    if output_format == CompareFormat.pdf and not to_file and sys.stdout.isatty():
        raise UsageError("a PDF cannot be shown on a terminal; give -o FILE.pdf or pipe it")
    if output_format == CompareFormat.table and to_file:
        raise UsageError("--format table is for the terminal; use json, md, html or pdf with -o")
    if to_file:
        assert output is not None
        check_target(output)
    _, progress = compare_files(before, after, pack, lang, lenient)
    out, err = _consoles()
    if output_format == CompareFormat.table:
        from .terminal.progress_views import progress_table

        out.print(progress_table(progress))
        return
    from .report.progress import progress_document

    data = progress_document(progress, output_format.value)
    for line in progress.notes:
        err.print(Text.assemble(("note: ", "yellow"), visible(line)), soft_wrap=True)
    if not to_file:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    assert output is not None
    write_bytes(output, data)
    shown = visible(display_path(output), newlines=False)
    err.print(Text(f"comparison written to {shown} ({output_format.value})"))


@app.command(options_metavar="-o OUTDIR [OPTIONS]")
@friendly
def batch(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Answers files (JSON, YAML), survey exports (CSV, XLSX) and folders of them.",
            show_default=False,
            metavar="INPUT...",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Folder for the results. Required (except with --check-mapping).",
            show_default=False,
            metavar="OUTDIR",
        ),
    ] = None,
    pack: PackOption = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            help="YAML file: columns -> question ids, and cell texts -> option values.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help=(
                "The survey platform the CSV/XLSX exports come from, instead of detecting it "
                "per file: wjx, wjx-numbers, tencent, jinshuju, google, msforms, "
                "surveymonkey, qualtrics, kobo, limesurvey, generic."
            ),
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help="Worker processes. Default: all cores.", show_default=False
        ),
    ] = None,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help="Also write each firm's PDF report, made at the end with the firm's "
            "percentile and the medians of its peers in this batch.",
        ),
    ] = False,
    edition: EditionOption = Edition.brief,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help=(
                "local: worker processes on this machine; dask: a Dask cluster (a local one "
                "of --jobs workers, or --scheduler's). Dask needs pip install "
                "'sme-assess[dask]'."
            ),
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="With --engine dask: the address of a running cluster (tcp://host:8786).",
            show_default=False,
            metavar="ADDRESS",
        ),
    ] = None,
    full_results: Annotated[
        bool,
        typer.Option(
            "--full-results",
            help=(
                "results.jsonl with the whole result per firm, reason texts included "
                "(default: the lean form, <= 5 KB: decisions as ids, codes and numbers, "
                "plus the answers as read)."
            ),
        ),
    ] = False,
    lang: LangOption = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue in OUTDIR: skip respondents already scored.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the results already in OUTDIR.")
    ] = False,
    lenient: Annotated[
        bool,
        typer.Option(
            "--lenient",
            help=(
                "Score anyway, leaving out answers that do not fit and questions a file has "
                "no column for (each firm's notes say which; the count is printed)."
            ),
        ),
    ] = False,
    id_column: Annotated[
        str | None,
        typer.Option(
            "--id-column",
            help=(
                "Match firms assessed more than once (T0, T1) by this respondent field or "
                "column, e.g. 统一社会信用代码, or fields joined with '+' (company+region); "
                "writes progress.csv, progress_ambiguous.csv, a progress column in the summary "
                "and a T0→T1 section in the cohort page."
            ),
            show_default=False,
            metavar="FIELD",
        ),
    ] = None,
    check_mapping: Annotated[
        bool,
        typer.Option(
            "--check-mapping",
            help=(
                "Only show how every column and value maps to the pack, and which platform "
                "each file comes from; score nothing. Exit 1 unless every required and "
                "scored question has a column and every value can be read."
            ),
        ),
    ] = False,
) -> None:
    """Score many answers files and survey exports at once into OUTDIR (-o, required).

    Reads the tool's JSON/YAML answers files and CSV/XLSX exports from 问卷星 (wjx),
    腾讯问卷, 金数据, Google Forms, Microsoft Forms, SurveyMonkey, Qualtrics, KoboToolbox,
    LimeSurvey or `sme-assess template` (one row per firm; the platform is detected per
    file, --source overrides; columns and options matched by id or text in any language;
    --mapping overrides). A firm whose file has no column for a scored question it was
    asked is not scored (errors.csv) unless --lenient. Writes to OUTDIR: summary.csv/.parquet
    (column ids), summary.xlsx (headers and labels in the batch's language, formats,
    filter, links to the reports), results.jsonl (lean unless --full-results), errors.csv,
    cohort.html/.pdf,
    and with --pdf one report per firm in reports/. Runs on local processes or a Dask
    cluster (--engine dask). With --id-column, firms assessed twice are matched (T0, T1 by
    the respondent date) into progress.csv; ids that cannot be paired for certain go to
    progress_ambiguous.csv, never guessed. Every respondent lands in summary.csv or
    errors.csv. Exit codes: 0 all scored, 1 some failed, 2 nothing readable or bad usage,
    130 interrupted (what was done is written; continue with --resume).
    """
    from rich.text import Text

    from .answer_io.mapping import MappingFile, Matcher
    from .answer_io.platforms import by_name
    from .batch import views
    from .batch.run import BatchOptions, choose_pack, default_jobs, load_mapping, run_batch
    from .errors import UsageError
    from .terminal_text import visible

    if output is None and not check_mapping:
        raise UsageError("batch needs -o OUTDIR (or --check-mapping)")
    out, err = _consoles()
    loaded = choose_pack(pack, inputs)
    rules = load_mapping(mapping, loaded) if mapping is not None else None
    if id_column is not None:
        from .batch.progress import id_columns

        rules = id_columns(id_column, rules)
    platform = by_name(source) if source is not None else None
    matcher = Matcher(
        loaded.questionnaire, rules if rules is not None else MappingFile(), source=platform
    )
    exclude = [p for p in (mapping, loaded.root) if p is not None]
    if check_mapping or output is None:
        from .batch.check import check_mapping as run_check

        report = run_check(loaded, inputs, matcher, exclude)
        out.print(views.check_view(report), soft_wrap=True)
        raise typer.Exit(EXIT_OK if report.clean else EXIT_FINDINGS)
    options = BatchOptions(
        outdir=output,
        jobs=jobs if jobs is not None else default_jobs(),
        pdf=pdf,
        lang=lang,
        resume=resume,
        force=force,
        lenient=lenient,
        id_column=id_column,
        engine=engine,
        scheduler=scheduler,
        full_results=full_results,
        edition=edition.value,
    )
    with views.ProgressPrinter(out) as progress:
        result = run_batch(loaded, inputs, options, matcher, progress, exclude)
    try:  # the terminal may be gone (SIGHUP): the outputs are written, the exit code stands
        out.print(views.outcome_view(result), soft_wrap=True)
        for note in result.notes:
            err.print(Text.assemble(("note: ", "yellow"), visible(note)), soft_wrap=True)
        if result.failures or result.report_failures:
            err.print(views.failures_view(result), soft_wrap=True)
        if result.interrupted:
            err.print("interrupted: what was done is written; continue with --resume")
    except OSError:
        pass
    raise typer.Exit(result.exit_code)


class TemplateFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


@app.command()
@friendly
def template(
    output_format: Annotated[
        TemplateFormat, typer.Option("--format", "-f", help="csv or xlsx.")
    ] = TemplateFormat.csv,
    pack: PackOption = None,
    lang: TemplateLangOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write ('-': stdout, CSV only). Default: <pack>-template.<format>.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a blank answer sheet for offline collection (CSV or XLSX).

    One column per question, headed by its id and text, with the allowed answers listed
    (a second row in CSV, an "options" sheet with dropdowns in XLSX). Fill one row per
    firm, then score the file with `sme-assess batch`.
    """
    from rich.text import Text

    from .answer_io.template import template_csv, template_xlsx
    from .atomic import check_target, write_bytes
    from .errors import UsageError, display_path
    from .pack.loading import load_pack
    from .pack.locate import resolve_pack
    from .terminal_text import visible
    from .wording.messages import pick_language, require_language

    xlsx = output_format == TemplateFormat.xlsx
    to_stdout = output is not None and str(output) == "-"
    if to_stdout and xlsx:
        raise UsageError("an XLSX template cannot go to standard output; give -o FILE")
    if output is not None and not to_stdout:
        check_target(output)
    loaded = load_pack(resolve_pack(pack))
    q = loaded.questionnaire
    require_language(q, lang)
    language = pick_language(q, lang)
    target = output or Path(f"{q.id}-template.{output_format.value}")
    if not to_stdout:
        check_target(target)
    data = template_xlsx(q, language) if xlsx else template_csv(q, language)
    if to_stdout:
        sys.stdout.buffer.write(data)
        return
    write_bytes(target, data)
    _, err = _consoles()
    shown = visible(display_path(target), newlines=False)
    err.print(Text(f"template written to {shown} ({len(q.questions())} questions, {language})"))


class ExportTarget(StrEnum):
    xlsform = "xlsform"
    wjx = "wjx"


@app.command()
@friendly
def export(
    to: Annotated[
        ExportTarget,
        typer.Option(
            "--to",
            help="xlsform (KoboToolbox, ODK, Enketo, ArcGIS Survey123) or wjx (问卷星 text "
            "import).",
            show_default=False,
        ),
    ],
    pack: PackOption = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="xlsform: the form's default language (every language of the pack is a "
            "label column). wjx: the language of the text. Default: the pack's default "
            "language; zh for wjx when the pack has it.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write ('-': stdout, wjx only). Default: <pack>-xlsform.xlsx or "
            "<pack>-wjx.txt.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Publish the questionnaire to a survey platform.

    xlsform: an XLSForm to upload to KoboToolbox, ODK Central, Enketo or ArcGIS Survey123:
    one group per section, choices named by option value, show-if as relevant, number
    ranges and "at most N" as constraints, every language of the pack as labels. Export
    the data as "XML values and headers" (CSV or XLSX) and score it with `sme-assess batch`:
    no mapping file is needed.

    wjx: 问卷星's text import format (numbered questions, [单选题]/[多选题]/[填空题], one
    option per line, （选填） for optional questions). 问卷星 cannot import show-if
    logic: the rules to set by hand are printed. Its "按文本" Excel export reads back.
    """
    from rich.markup import escape

    from .atomic import write_bytes
    from .errors import UsageError
    from .pack.loading import load_pack
    from .pack.locate import resolve_pack
    from .terminal_text import visible
    from .wording.messages import pick_language, require_language

    loaded = load_pack(resolve_pack(pack))
    q = loaded.questionnaire
    require_language(q, lang)
    if output is not None and str(output) != "-" and output.is_dir():
        raise UsageError(f"-o {output}: is a folder; give a file name")
    _, err = _consoles()
    if to == ExportTarget.xlsform:
        if output is not None and str(output) == "-":
            raise UsageError("an XLSForm is a workbook and cannot go to standard output")
        from .publish.xlsform import xlsform_bytes

        language = pick_language(q, lang)
        target = output or Path(f"{q.id}-xlsform.xlsx")
        write_bytes(target, xlsform_bytes(q, language))
        shown = escape(visible(str(target), newlines=False))
        err.print(
            f"XLSForm written to {shown} ({len(q.questions())} questions, "
            f"default language {language})",
            soft_wrap=True,
        )
        return
    from .publish.wjx import wjx_text

    language = pick_language(q, lang, "zh")
    document = wjx_text(q, language)
    if output is not None and str(output) == "-":
        sys.stdout.write(document.text)
    else:
        target = output or Path(f"{q.id}-wjx.txt")
        write_bytes(target, document.text.encode("utf-8"))
        shown = escape(visible(str(target), newlines=False))
        err.print(
            f"问卷星 text written to {shown} ({document.count} questions, {language})",
            soft_wrap=True,
        )
    if document.logic:
        err.print(f"set these show-if rules by hand in 问卷星 ({len(document.logic)}):")
        for line in document.logic:
            err.print(f"  {escape(visible(line, newlines=False))}", soft_wrap=True)


@app.command()
@friendly
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Pack folders, folders holding packs, or files of a pack.",
            show_default=False,
            metavar="PATH...",
        ),
    ],
    output_format: Annotated[
        FindingsFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (default), json, github (workflow commands; the default when "
            "GITHUB_ACTIONS=true) or sarif (2.1.0).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
) -> None:
    """Check questionnaire packs for mistakes (CI, pre-commit).

    Checks the schema, references, show-if conditions, levels, scores and translations.

    Reports every finding as file:line:col rule-id message. Exit codes: 0 clean,
    1 findings (errors; warnings too with --strict), 2 bad usage or unreadable input.
    """
    from .pack.checking import check_paths

    run = check_paths(paths)
    fmt = output_format
    if fmt is None:
        fmt = FindingsFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else None
    if fmt is None or fmt == FindingsFormat.text:
        _print_findings_text(run)
    else:
        from .pack import findings_format as ff

        if fmt == FindingsFormat.json:
            text = ff.to_json(run.findings, run.packs)
        elif fmt == FindingsFormat.github:
            from .terminal_text import visible

            text = visible(ff.to_github(run.findings))  # a CI log is a terminal too
        else:
            text = ff.to_sarif(run.findings)
        if text:
            sys.stdout.write(text + "\n")
    if run.unreadable:
        raise typer.Exit(EXIT_USAGE)
    if run.errors or (strict and run.warnings):
        raise typer.Exit(EXIT_FINDINGS)


def _print_findings_text(run: Any) -> None:
    from rich.markup import escape

    from .terminal_text import visible

    def shown(text: str) -> str:
        return escape(visible(text, newlines=False))

    out, _ = _consoles()
    sources: dict[str, list[str]] = {}
    for f in run.findings:
        colour = "red" if f.level == "error" else "yellow"
        out.print(
            f"[bold]{shown(f.path)}:{f.line}:{f.col}[/] [{colour}]{f.rule}[/] {shown(f.message)}",
            soft_wrap=True,
        )
        if f.path not in sources:
            try:
                sources[f.path] = Path(f.path).read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError):
                sources[f.path] = []
        lines = sources[f.path]
        if 0 < f.line <= len(lines):
            src = lines[f.line - 1].rstrip()
            out.print(f"  [dim]{f.line:>4} |[/] {shown(src)}", soft_wrap=True)
            out.print(f"  [dim]     |[/] {' ' * (f.col - 1)}[{colour}]^[/]")
    packs = len(run.packs)
    noun = "pack" if packs == 1 else "packs"
    if run.findings:
        out.print(f"[bold]{run.errors} error(s), {run.warnings} warning(s)[/] in {packs} {noun}")
    else:
        out.print(f"[green]✓[/] {packs} {noun} valid: {shown(', '.join(run.packs))}")


@app.command()
@friendly
def packs(
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="table or json.")
    ] = ListFormat.table,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the titles.", show_default=False)
    ] = None,
) -> None:
    """List the built-in packs.

    Shows id, version, languages, number of questions and of solutions.
    """
    import dataclasses
    import json

    from .pack.locate import builtin_packs, summarize

    summaries = [summarize(path, lang) for path in builtin_packs().values()]
    if output_format == ListFormat.json:
        rows = [dataclasses.asdict(s) for s in summaries]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    out, _ = _consoles()
    if out.width < 100:
        _print_packs_narrow(out, summaries)
        return
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Built-in packs", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("version", no_wrap=True)
    table.add_column("languages", no_wrap=True)
    table.add_column("questions", justify="right", no_wrap=True)
    table.add_column("scored", justify="right", no_wrap=True)
    table.add_column("solutions", justify="right", no_wrap=True)
    table.add_column("title", min_width=12)
    for s in summaries:
        table.add_row(
            s.id,
            s.version,
            ", ".join(s.languages),
            str(s.questions),
            str(s.scored_questions),
            str(s.solutions),
            escape(s.title) if s.valid else "[red]invalid: run sme-assess validate[/]",
        )
    out.print(table)


def _print_packs_narrow(out: Any, summaries: list[Any]) -> None:
    """`packs` on a narrow terminal (80 columns): two wrapped lines per pack, nothing cut."""
    from rich.text import Text

    out.print(Text("Built-in packs", "bold"))
    for s in summaries:
        line = Text()
        line.append(s.id, "bold")
        line.append(f" {s.version}  ")
        line.append(s.title if s.valid else "invalid: run sme-assess validate")
        out.print(line)
        out.print(
            f"  {', '.join(s.languages)} · {s.questions} questions ({s.scored_questions} "
            f"scored) · {s.solutions} solutions",
            highlight=False,
        )


@app.command()
@friendly
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which file format.")],
) -> None:
    """Print the JSON Schema of a file format.

    Editors use it to complete and check questionnaire, catalogue and answers files;
    `result` documents the output of `score --format json`, `progress` that of
    `compare --format json`.
    """
    from .pack.schema_export import schema_text

    sys.stdout.write(schema_text(name.value))


def _evaluate(
    answers_path: Path,
    pack: str | None,
    lang: str | None,
    lenient: bool,
    target_level: int | None = None,
) -> Any:
    from .answer_io.native import load_answers_doc
    from .engine.evaluation import Options, evaluate
    from .pack.loading import load_pack
    from .pack.locate import pack_for

    if answers_path.is_dir():
        from .errors import UsageError, display_path

        raise UsageError(
            f"{display_path(answers_path)} is a folder; give an answers file (.yaml, .json)"
        )
    answers, doc = load_answers_doc(answers_path)
    loaded = load_pack(pack_for(pack, answers.questionnaire))
    options = Options(lenient=lenient, target_level=target_level, lang=lang)
    return evaluate(loaded, answers, options, doc=doc)


@app.command()
@friendly
def doctor(
    pack: Annotated[
        str | None,
        typer.Option(
            "--pack",
            "-p",
            help="Check the fonts for this pack's languages (built-in id or folder). "
            "Default: every built-in pack.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check what reports need: WeasyPrint, fonts, HarfBuzz.

    Reports Python, WeasyPrint, Pango and the HarfBuzz subset library, and the fonts for
    every language of the pack (default: of every built-in pack); says how to fix what is
    missing. Exit code 1 when something is missing.
    """
    from rich.markup import escape
    from rich.table import Table

    from .report.doctor import pack_languages, run_checks
    from .terminal_text import visible

    checks = run_checks(pack_languages(pack))
    out, _ = _consoles()
    table = Table(show_header=False, show_edge=False)
    for check in checks:
        mark = "[green]ok[/]" if check.ok else "[red]missing[/]"
        table.add_row(mark, escape(visible(check.name)), escape(visible(check.detail)))
        if check.fix:
            table.add_row("", "", f"[yellow]fix:[/] {escape(visible(check.fix))}")
    out.print(table)
    if not all(c.ok for c in checks):
        raise typer.Exit(EXIT_FINDINGS)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # outside a command (e.g. while parsing)
        sys.stderr.write("interrupted\n")
        sys.exit(EXIT_INTERRUPTED)

"""`sme-assess batch`: many answers files and survey exports scored into one folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import EXIT_FINDINGS, EXIT_OK
from .common import Edition, EditionOption, LangOption, PackOption, _, consoles, friendly
from .group import command_help

commands = typer.Typer()


@commands.command(
    options_metavar=_("-o OUTDIR [OPTIONS]"),
    help=command_help(
        "batch",
        _(
            "Reads the tool's JSON/YAML answers files and CSV/XLSX exports from 问卷星 (wjx), "
            "腾讯问卷, 金数据, Google Forms, Microsoft Forms, SurveyMonkey, Qualtrics, "
            "KoboToolbox, ODK Central, LimeSurvey, a Feishu or DingTalk table, or `sme-assess "
            "template` (one row per firm; "
            "the platform is detected per file, --source overrides; columns and options matched "
            "by id or "
            "text in any language; --mapping overrides). A firm whose file has no column for a "
            "scored question it was asked, or for one not scored that the plan or an estimate "
            "may read (said apart), is not scored (errors.csv) unless --lenient. Writes "
            "to OUTDIR: summary.csv/.parquet (column ids), summary.xlsx (headers and labels in "
            "the batch's language, formats, filter, links to the reports), results.jsonl "
            "(lean unless --full-results), errors.csv, cohort.html/.pdf, duplicates.csv when "
            "a company name is given in more than one submission (each is scored and said), "
            "and with --pdf one report per firm in reports/. Runs on local processes or a Dask "
            "cluster (--engine dask). With --id-column, firms assessed twice are matched (T0, "
            "T1 by the respondent date) into progress.csv; ids that cannot be paired for "
            "certain go to "
            "progress_ambiguous.csv, never guessed. Every respondent lands in summary.csv or "
            "errors.csv; a filled cell that is not read is said in the firm's notes. Exit codes: 0 "
            "all scored, 1 some failed or a filled cell was not read, 2 nothing readable or bad "
            "usage, 130 interrupted (what was done is written; continue with --resume)."
        ),
    ),
)
@friendly
def batch(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help=_("Answers files (JSON, YAML), survey exports (CSV, XLSX) and folders of them."),
            show_default=False,
            metavar="INPUT...",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("Folder for the results. Required (except with --check-mapping)."),
            show_default=False,
            metavar="OUTDIR",
        ),
    ] = None,
    pack: PackOption = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            help=_(
                "YAML file: columns -> question ids, cell texts -> option values, and the "
                "scale of a % question written as fractions (scales: fraction or percent)."
            ),
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help=_(
                "The survey platform the CSV/XLSX exports come from, instead of detecting it "
                "per file: wjx, wjx-numbers, tencent, jinshuju, google, msforms, "
                "surveymonkey, qualtrics, kobo, odk, limesurvey, generic."
            ),
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help=_("Worker processes. Default: all cores."), show_default=False
        ),
    ] = None,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help=_(
                "Also write each firm's PDF report, made at the end with the firm's "
                "percentile and the medians of its peers in this batch."
            ),
        ),
    ] = False,
    edition: EditionOption = Edition.brief,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help=_(
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
            help=_("With --engine dask: the address of a running cluster (tcp://host:8786)."),
            show_default=False,
            metavar="ADDRESS",
        ),
    ] = None,
    full_results: Annotated[
        bool,
        typer.Option(
            "--full-results",
            help=_(
                "results.jsonl with the whole result per firm, reason texts included "
                "(default: the lean form, <= 5 KB: decisions as ids, codes and numbers, "
                "plus the answers as read)."
            ),
        ),
    ] = False,
    lang: LangOption = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help=_("Continue in OUTDIR: skip respondents already scored.")),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace the results already in OUTDIR."))
    ] = False,
    lenient: Annotated[
        bool,
        typer.Option(
            "--lenient",
            help=_(
                "Score anyway, leaving out answers that do not fit and questions a file has "
                "no column for (each firm's notes say which; the count is printed)."
            ),
        ),
    ] = False,
    id_column: Annotated[
        str | None,
        typer.Option(
            "--id-column",
            help=_(
                "Match firms assessed more than once (T0, T1) by this respondent field or "
                "column, e.g. 统一社会信用代码, or fields joined with '+' (company+region); "
                "writes progress.csv, progress_ambiguous.csv, a progress column in the "
                "summary and a T0→T1 section in the cohort page."
            ),
            show_default=False,
            metavar="FIELD",
        ),
    ] = None,
    check_mapping: Annotated[
        bool,
        typer.Option(
            "--check-mapping",
            help=_(
                "Only show how every column and value maps to the pack, and which platform "
                "each file comes from; score nothing. Exit 1 unless every required question "
                "and every question answered by a choice or a number, scored or not (said "
                "apart), has a column "
                "(and every option of a question read from one "
                "column per option), every value can be read and no filled cell "
                "is under a column that matches no question (map it, or map it to ignore), "
                "under an empty header or right of the last header."
            ),
        ),
    ] = False,
) -> None:
    """Score many answers files and survey exports at once into OUTDIR (-o, required)."""
    from rich.text import Text

    from ..answer_io.mapping import MappingFile, Matcher
    from ..answer_io.platforms import by_name
    from ..batch import views
    from ..batch.run import BatchOptions, choose_pack, default_jobs, load_mapping, run_batch
    from ..batch.words import operator_words
    from ..errors import UsageError
    from ..terminal.steady import plain

    _ = operator_words()  # what the batch says to the person running it (not --help's words)
    if output is None and not check_mapping:
        raise UsageError(_("batch needs -o OUTDIR (or --check-mapping)"))
    out, err = consoles()
    loaded = choose_pack(pack, inputs)
    rules = load_mapping(mapping, loaded) if mapping is not None else None
    if id_column is not None:
        from ..batch.progress import id_columns

        rules = id_columns(id_column, rules)
    platform = by_name(source) if source is not None else None
    matcher = Matcher(
        loaded.questionnaire, rules if rules is not None else MappingFile(), source=platform
    )
    exclude = [p for p in (mapping, loaded.root) if p is not None]
    if check_mapping or output is None:
        from ..batch.check import check_mapping as run_check

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
            err.print(Text.assemble((_("note: "), "yellow"), plain(note)), soft_wrap=True)
        if result.failures or result.report_failures:
            err.print(views.failures_view(result), soft_wrap=True)
        if result.interrupted:
            err.print(_("interrupted: what was done is written; continue with --resume"))
    except OSError:
        pass
    raise typer.Exit(result.exit_code)

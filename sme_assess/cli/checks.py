"""`validate`, `packs` and `schema`: check packs, list the built-in ones, print the file formats."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import EXIT_FINDINGS, EXIT_USAGE
from .common import _, consoles, friendly, nothing_left_to_close, words
from .group import command_help

commands = typer.Typer()


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


@commands.command(
    help=command_help(
        "validate",
        _(
            "Checks the schema, references, show-if conditions, levels, scores and "
            "translations.\n\n"
            "Reports every finding as file:line:col rule-id message. Exit codes: 0 clean, "
            "1 findings (errors; warnings too with --strict), 2 bad usage or unreadable input."
        ),
    )
)
@friendly
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help=_("Pack folders, folders holding packs, or files of a pack."),
            show_default=False,
            metavar="PATH...",
        ),
    ],
    output_format: Annotated[
        FindingsFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_(
                "text (default), json, github (workflow commands; the default when "
                "GITHUB_ACTIONS=true) or sarif (2.1.0)."
            ),
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=_("Warnings fail too."))] = False,
) -> None:
    """Check questionnaire packs for mistakes (CI, pre-commit)."""
    from ..pack.checking import check_paths

    run = check_paths(paths)
    fmt = output_format
    if fmt is None:
        fmt = FindingsFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else None
    if fmt is None or fmt == FindingsFormat.text:
        _print_findings_text(run)
    else:
        from ..pack import findings_format as ff

        if fmt == FindingsFormat.json:
            text = ff.to_json(run.findings, run.packs)
        elif fmt == FindingsFormat.github:
            from ..terminal_text import visible

            text = visible(ff.to_github(run.findings))  # a CI log is a terminal too
        else:
            text = ff.to_sarif(run.findings)
        if text:
            sys.stdout.write(text + "\n")
    nothing_left_to_close()  # everything is printed: the process may end at once
    if run.unreadable:
        raise typer.Exit(EXIT_USAGE)
    if run.errors or (strict and run.warnings):
        raise typer.Exit(EXIT_FINDINGS)


def _print_findings_text(run: Any) -> None:
    """The findings as file:line:col lines, then the count, in the interface language (as
    --help's: SME_ASSESS_LANG, else the system's language; the findings stay as written)."""
    from rich.markup import escape

    from ..errors import InputError
    from ..pack.findings_words import said
    from ..pack.yamldoc import read_text
    from ..terminal_text import visible

    def shown(text: str) -> str:
        return escape(visible(text, newlines=False))

    _ = words()  # read now: a test or a wrapper may set SME_ASSESS_LANG
    out, _err = consoles()
    sources: dict[str, list[str]] = {}
    for f in run.findings:
        colour = "red" if f.level == "error" else "yellow"
        message = shown(said(f.message, _))
        out.print(
            f"[bold]{shown(f.path)}:{f.line}:{f.col}[/] [{colour}]{f.rule}[/] {message}",
            soft_wrap=True,
        )
        if f.path not in sources:
            try:  # never waits on a named pipe, never reads past the size limit
                sources[f.path] = read_text(Path(f.path)).splitlines()
            except InputError:
                sources[f.path] = []
        lines = sources[f.path]
        if 0 < f.line <= len(lines):
            src = lines[f.line - 1].rstrip()
            out.print(f"  [dim]{f.line:>4} |[/] {shown(src)}", soft_wrap=True)
            out.print(f"  [dim]     |[/] {' ' * (f.col - 1)}[{colour}]^[/]")
    packs = len(run.packs)
    if run.findings:
        errors = "[bold]" + _.ngettext("{n} error", "{n} errors", run.errors) + "[/]"
        warnings = "[bold]" + _.ngettext("{n} warning", "{n} warnings", run.warnings) + "[/]"
        out.print(
            _(
                "{errors}, {warnings} in {packs}",
                errors=errors,
                warnings=warnings,
                packs=_.ngettext("{n} pack", "{n} packs", packs),
            )
        )
    else:
        names = shown(", ".join(run.packs))
        valid = _.ngettext(
            "{n} pack valid: {names}", "{n} packs valid: {names}", packs, names=names
        )
        out.print(f"[green]✓[/] {valid}")


@commands.command(
    help=command_help(
        "packs", _("Shows id, version, languages, number of questions and of solutions.")
    )
)
@friendly
def packs(
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help=_("table or json."))
    ] = ListFormat.table,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help=_("Language of the titles."), show_default=False),
    ] = None,
) -> None:
    """List the built-in packs."""
    import dataclasses
    import json

    from ..pack.locate import builtin_packs
    from ..pack.summary import summarize

    summaries = [summarize(path, lang) for path in builtin_packs().values()]
    if output_format == ListFormat.json:
        rows = [dataclasses.asdict(s) for s in summaries]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    out, _err = consoles()
    if out.width < 100:
        _print_packs_narrow(out, summaries)
        return
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    _ = words()
    table = Table(title=_("Built-in packs"), box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(_.pgettext("packs column", "id"), no_wrap=True)
    table.add_column(_.pgettext("packs column", "version"), no_wrap=True)
    table.add_column(_.pgettext("packs column", "languages"), no_wrap=True)
    table.add_column(_.pgettext("packs column", "questions"), justify="right", no_wrap=True)
    table.add_column(_.pgettext("packs column", "scored"), justify="right", no_wrap=True)
    table.add_column(_.pgettext("packs column", "solutions"), justify="right", no_wrap=True)
    table.add_column(_.pgettext("packs column", "title"), min_width=12, overflow="fold")
    invalid = escape(_("invalid: run sme-assess validate"))
    for s in summaries:
        table.add_row(
            s.id,
            s.version,
            ", ".join(s.languages),
            str(s.questions),
            str(s.scored_questions),
            str(s.solutions),
            escape(s.title) if s.valid else f"[red]{invalid}[/]",
        )
    out.print(table)


def _print_packs_narrow(out: Any, summaries: list[Any]) -> None:
    """`packs` on a narrow terminal (80 columns): two wrapped lines per pack, nothing cut."""
    from rich.text import Text

    _ = words()
    out.print(Text(_("Built-in packs"), "bold"))
    for s in summaries:
        line = Text()
        line.append(s.id, "bold")
        line.append(f" {s.version}  ")
        line.append(s.title if s.valid else _("invalid: run sme-assess validate"))
        out.print(line)
        counts = [
            _.ngettext(
                "{n} question ({scored} scored)",
                "{n} questions ({scored} scored)",
                s.questions,
                scored=s.scored_questions,
            ),
            _.ngettext("{n} solution", "{n} solutions", s.solutions),
        ]
        out.print(Text("  " + " · ".join([", ".join(s.languages), *counts])), highlight=False)


@commands.command(
    help=command_help(
        "schema",
        _(
            "Editors use it to complete and check questionnaire, catalogue and answers files; "
            "`result` documents the output of `score --format json`, `progress` that of "
            "`compare --format json`."
        ),
    )
)
@friendly
def schema(
    name: Annotated[SchemaName, typer.Argument(help=_("Which file format."))],
) -> None:
    """Print the JSON Schema of a file format."""
    from ..pack.schema_export import schema_text

    sys.stdout.write(schema_text(name.value))

"""`sme-assess compare`: what moved between two assessments of one firm."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from .common import LangOption, LenientOption, PackOption, _, consoles, friendly
from .group import command_help

commands = typer.Typer()


class CompareFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"
    pdf = "pdf"


@commands.command(
    help=command_help(
        "compare",
        _(
            "The overall score and stage before and after, each category's change, the "
            "official framework estimate before and after when the result has one (which "
            "gate was passed), pain points resolved and new, plan items now in place "
            "(recommended before, declared in place after) and the next moves. Both files "
            "must be for the same questionnaire; different pack versions are scored with the "
            "current pack and the answers that no longer fit are named (with --lenient). "
            'Different company names, or an "earlier" file dated after the later one, give '
            "a note, not a refusal: the files are never reordered."
        ),
    )
)
@friendly
def compare(
    before: Annotated[
        Path, typer.Argument(help=_("The earlier answers file (T0)."), show_default=False)
    ],
    after: Annotated[
        Path, typer.Argument(help=_("The later answers file (T1)."), show_default=False)
    ],
    output_format: Annotated[
        CompareFormat,
        typer.Option("--format", "-f", help=_("table, json, md, html or pdf.")),
    ] = CompareFormat.table,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("File to write (needed for pdf). Default: standard output."),
            show_default=False,
        ),
    ] = None,
    pack: PackOption = None,
    lang: LangOption = None,
    lenient: LenientOption = False,
) -> None:
    """What moved between two assessments of one firm (before and after support)."""
    from rich.text import Text

    from ..atomic import check_target, write_bytes
    from ..engine.progress import compare_files
    from ..errors import UsageError, display_path
    from ..terminal.steady import plain

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
    try:
        _before, progress = compare_files(before, after, pack, lang, lenient)
    except InputError as exc:
        raise _named_file(exc, pack, after, before) from None
    out, err = consoles()
    if output_format == CompareFormat.table:
        from ..terminal.progress_views import progress_table

        out.print(progress_table(progress))
        return
    from ..report.progress import progress_document

    data = progress_document(progress, output_format.value)
    for line in progress.notes:
        err.print(Text.assemble(("note: ", "yellow"), plain(line)), soft_wrap=True)
    if not to_file:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    assert output is not None
    write_bytes(output, data)
    shown = plain(display_path(output), newlines=False)
    err.print(Text(f"comparison written to {shown} ({output_format.value})"))


def _named_file(exc: InputError, pack: str | None, *paths: Path) -> InputError:
    """``exc`` at the file and line that name a pack nobody has (compare loads the pack the
    later file names, and says no file), else ``exc`` as it is."""
    if exc.where is not None or pack is not None:
        return exc
    from ..answer_io.native import load_answers_doc, where_in
    from ..pack.locate import unknown_pack

    for path in paths:
        answers, doc = load_answers_doc(path)
        if unknown_pack(answers.questionnaire):
            return InputError(exc.message, where_in(doc, ("questionnaire",)))
    return exc

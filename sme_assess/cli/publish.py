"""`template` and `export`: the questionnaire as a blank sheet or on a survey platform."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .common import PackOption, _, consoles, friendly
from .group import command_help

commands = typer.Typer()


class TemplateFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


class ExportTarget(StrEnum):
    xlsform = "xlsform"
    wjx = "wjx"


TemplateLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=_(
            "Language of the question texts and answer labels (en, zh). "
            "Default: the pack's default language."
        ),
        show_default=False,
    ),
]


@commands.command(
    help=command_help(
        "template",
        _(
            "One column per question, headed by its id and text, with the allowed answers "
            'listed (a second row in CSV, an "options" sheet with dropdowns in XLSX). Fill '
            "one row per firm, then score the file with `sme-assess batch`."
        ),
    )
)
@friendly
def template(
    output_format: Annotated[
        TemplateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_("csv or xlsx. Default: the -o file's (.xlsx or .csv), else csv."),
            show_default=False,
        ),
    ] = None,
    pack: PackOption = None,
    lang: TemplateLangOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("File to write ('-': stdout, CSV only). Default: <pack>-template.<format>."),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a blank answer sheet for offline collection (CSV or XLSX)."""
    from rich.text import Text

    from ..answer_io.template import template_csv, template_xlsx
    from ..atomic import check_target, write_bytes
    from ..errors import UsageError, display_path
    from ..pack.loading import load_pack
    from ..pack.locate import resolve_pack
    from ..terminal_text import visible
    from ..wording.messages import pick_language, require_language

    to_stdout = output is not None and str(output) == "-"
    output_format = _template_format(output_format, None if to_stdout else output)
    xlsx = output_format == TemplateFormat.xlsx
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
    _out, err = consoles()
    shown = visible(display_path(target), newlines=False)
    err.print(Text(f"template written to {shown} ({len(q.questions())} questions, {language})"))


def _template_format(given: TemplateFormat | None, output: Path | None) -> TemplateFormat:
    """--format, else the one the -o name says; a name that says the other one is refused
    (a CSV file named .xlsx opens in Excel as a damaged workbook)."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    named = TemplateFormat(suffix) if suffix in TemplateFormat.__members__ else None
    if given is not None and named is not None and given != named:
        from ..errors import UsageError

        raise UsageError(
            f"--format {given.value} but -o names a .{named.value} file; give the same in both"
        )
    return given or named or TemplateFormat.csv


@commands.command(
    help=command_help(
        "export",
        _(
            "xlsform: an XLSForm to upload to KoboToolbox, ODK Central, Enketo or ArcGIS "
            "Survey123: one group per section, choices named by option value, show-if as "
            'relevant, number ranges and "at most N" as constraints, every language of the '
            'pack as labels. Export the data as "XML values and headers" (CSV or XLSX) and '
            "score it with `sme-assess batch`: no mapping file is needed.\n\n"
            "wjx: 问卷星's text import format (numbered questions, [单选题]/[多选题]/[填空题], "
            "one option per line, （选填） for optional questions). 问卷星 cannot import "
            'show-if logic: the rules to set by hand are printed. Its "按文本" Excel export '
            "reads back."
        ),
    )
)
@friendly
def export(
    to: Annotated[
        ExportTarget,
        typer.Option(
            "--to",
            help=_(
                "xlsform (KoboToolbox, ODK, Enketo, ArcGIS Survey123) or wjx (问卷星 text import)."
            ),
            show_default=False,
        ),
    ],
    pack: PackOption = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=_(
                "xlsform: the form's default language (every language of the pack is a "
                "label column). wjx: the language of the text. Default: the pack's default "
                "language; zh for wjx when the pack has it."
            ),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_(
                "File to write ('-': stdout, wjx only). Default: <pack>-xlsform.xlsx or "
                "<pack>-wjx.txt."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Publish the questionnaire to a survey platform."""
    from rich.markup import escape

    from ..atomic import write_bytes
    from ..errors import UsageError
    from ..pack.loading import load_pack
    from ..pack.locate import resolve_pack
    from ..terminal_text import visible
    from ..wording.messages import pick_language, require_language

    loaded = load_pack(resolve_pack(pack))
    q = loaded.questionnaire
    require_language(q, lang)
    if output is not None and str(output) != "-" and output.is_dir():
        raise UsageError(f"-o {output}: is a folder; give a file name")
    _out, err = consoles()
    if to == ExportTarget.xlsform:
        if output is not None and str(output) == "-":
            raise UsageError("an XLSForm is a workbook and cannot go to standard output")
        from ..publish.xlsform import xlsform_bytes

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
    from ..publish.wjx import wjx_text

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

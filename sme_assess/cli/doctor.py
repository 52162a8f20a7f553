"""`sme-assess doctor`: whether this machine can make reports (WeasyPrint, fonts, HarfBuzz)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import EXIT_FINDINGS
from .common import _, consoles, friendly, words
from .group import command_help

commands = typer.Typer()


@commands.command(
    help=command_help(
        "doctor",
        _(
            "Reports Python, WeasyPrint, Pango and the HarfBuzz subset library, and the fonts "
            "for every language of the pack (default: of every built-in pack); says how to "
            "fix what is missing. Exit code 1 when something is missing."
        ),
    )
)
@friendly
def doctor(
    pack: Annotated[
        str | None,
        typer.Option(
            "--pack",
            "-p",
            help=_(
                "Check the fonts for this pack's languages (built-in id or folder). "
                "Default: every built-in pack."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check what reports need: WeasyPrint, fonts, HarfBuzz."""
    from rich.markup import escape
    from rich.table import Table

    from ..report.doctor import pack_languages, run_checks
    from ..terminal.steady import plain

    checks = run_checks(pack_languages(pack))
    _ = words()
    out, _err = consoles()
    table = Table(show_header=False, show_edge=False)
    ok = escape(_.pgettext("doctor", "ok"))
    missing = escape(_.pgettext("doctor", "missing"))
    fix = _.pgettext("doctor", "fix:")
    fix = escape(fix) + ("" if fix.endswith("：") else " ")  # a full-width colon holds its space
    for check in checks:
        name, detail, how = check.said(_)
        mark = f"[green]{ok}[/]" if check.ok else f"[red]{missing}[/]"
        table.add_row(mark, escape(plain(name)), escape(plain(detail)))
        if how:
            table.add_row("", "", f"[yellow]{fix}[/]{escape(plain(how))}")
    out.print(table)
    if not all(c.ok for c in checks):
        raise typer.Exit(EXIT_FINDINGS)

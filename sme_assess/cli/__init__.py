"""The command line: parse options, call the core, print with Rich, map errors to exit codes.

Keep start-up light: `sme-assess --help` lists the commands from a table (cli/group.py) and
loads no command module, no pydantic model, WeasyPrint, questionary or openpyxl; a command
imports its own module (one per command group) and what it needs when it runs.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from .. import __version__
from ..errors import EXIT_INTERRUPTED
from .common import _, friendly
from .group import LazyGroup

__all__ = ["app", "friendly", "main"]

EXIT_CODES_HELP = _(
    "Exit codes: 0 ok; 1 findings (validate, doctor) or some inputs failed (batch); "
    "2 bad usage or unreadable input; 130 interrupted."
)

app = typer.Typer(
    name="sme-assess",
    cls=LazyGroup,
    help=(
        _(
            "Digital-transformation readiness for small and medium manufacturers: a "
            "questionnaire, scores per pain-point category, matched solutions and a report."
        )
        + "\n\n"
        + EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sme-assess {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version.")),
    ] = False,
) -> None:
    """Digital-transformation readiness for small and medium manufacturers."""


def main() -> None:
    """Console-script entry point."""
    # When pydantic builds its first validator it looks for plugins in the metadata of every
    # installed package (~35 ms of each start); the tool uses none. A user's setting wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    try:
        app()
    except KeyboardInterrupt:  # outside a command (e.g. while parsing)
        sys.stderr.write("interrupted\n")
        sys.exit(EXIT_INTERRUPTED)

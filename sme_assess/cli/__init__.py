"""The command line: parse options, call the core, print with Rich, map errors to exit codes.

Keep start-up light: `sme-assess --help` lists the commands from a table (cli/group.py) and
loads no command module, no pydantic model, WeasyPrint, questionary or openpyxl; a command
imports its own module (one per command group) and what it needs when it runs.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Annotated

import typer

from .. import __version__
from ..errors import EXIT_INTERRUPTED
from .common import _, friendly, may_end_at_once
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


_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_plugin_loader() -> None:
    """With plugins off, pydantic's plugin loader still imports importlib.metadata (email,
    zipfile, csv...: ~15 ms of each start) only to return no plugins. Stand in for it with a
    module that returns none; any other name asked of it loads the real one."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != "1" or _PLUGIN_LOADER in sys.modules:
        return
    import types

    stub = types.ModuleType(_PLUGIN_LOADER)

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> object:
        if name.startswith("__"):  # the import system asks for __path__, __spec__...
            raise AttributeError(name)
        import importlib

        del sys.modules[_PLUGIN_LOADER]
        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    stub.get_plugins = get_plugins  # type: ignore[attr-defined]
    stub.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[_PLUGIN_LOADER] = stub


def main() -> None:
    """Console-script entry point."""
    # When pydantic builds its first validator it looks for plugins in the metadata of every
    # installed package (~35 ms of each start); the tool uses none. A user's setting wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    _no_plugin_loader()
    may_end_at_once()  # forget what an earlier command in this process said
    # No cyclic garbage collection while the command line is parsed and the command loads:
    # the group turns it back on unless the command is one that prints and ends at once
    # (``group.WITHOUT_GC``); a caller in this process gets it back when ``main`` returns.
    gc.disable()
    try:
        app()
    except KeyboardInterrupt:  # outside a command (e.g. while parsing)
        sys.stderr.write(_("interrupted") + "\n")
        sys.exit(EXIT_INTERRUPTED)
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
        if isinstance(code, int) and may_end_at_once():
            _end_at_once(code)
        raise
    finally:
        gc.enable()
    if may_end_at_once():
        _end_at_once()


def _end_at_once(code: int = 0) -> None:
    """After a command that only read and printed (``common.nothing_left_to_close``), skip
    the interpreter's shutdown, which tears down ~400 modules and their objects (~70 ms of
    CPU, a tenth of `score`): flush the output, then leave with the command's exit code (0,
    or `validate`'s 1 for findings and 2 for an unreadable pack). When the output cannot be
    flushed (a closed pipe), the normal exit deals with it, as it always did."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)

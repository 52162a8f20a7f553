"""The commands by name, listed for --help from a table; a command's module is imported only
when that command runs (or shows its own help), so one command never pays for the others."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_command_name

from ..i18n import N_
from .common import _
from .help_page import HelpContext, translated_help_option

try:  # newer Typer carries its own copy of Click (typer._click)
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
    from typer._click.utils import make_default_short_help
except ImportError:  # pragma: no cover - older Typer on Click
    from click.exceptions import ClickException, NoArgsIsHelpError  # type: ignore[assignment]
    from click.utils import make_default_short_help  # type: ignore[no-redef]

# name: (module of sme_assess.cli, the help's first paragraph, also the line in the list)
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("run", N_("Answer the questionnaire interactively (the main job).")),
    "score": (
        "scoring",
        N_("Score an answers file: stage, MIIT estimate, pain points and a phased plan."),
    ),
    "explain": (
        "scoring",
        N_("Why each score and stage: contributions, the MIIT estimate, the next step."),
    ),
    "report": ("scoring", N_("Write the report: PDF, HTML, Markdown or JSON.")),
    "compare": (
        "compare",
        N_("What moved between two assessments of one firm (before and after support)."),
    ),
    "batch": (
        "batch",
        N_("Score many answers files and survey exports at once into OUTDIR (-o, required)."),
    ),
    "template": (
        "publish",
        N_("Write a blank answer sheet for offline collection (CSV or XLSX)."),
    ),
    "export": ("publish", N_("Publish the questionnaire to a survey platform.")),
    "validate": ("checks", N_("Check questionnaire packs for mistakes (CI, pre-commit).")),
    "packs": ("checks", N_("List the built-in packs.")),
    "schema": ("checks", N_("Print the JSON Schema of a file format.")),
    "doctor": ("doctor", N_("Check what reports need: WeasyPrint, fonts, HarfBuzz.")),
}

# Commands that read one answers file, print and end at once (``common.nothing_left_to_close``):
# ``cli.main`` turns the cyclic garbage collector off for the start-up and they run without
# it. Nearly every object their start-up makes lives until the end (modules, classes, the
# pack); the collector scanned them ~120 times for nothing (~15-25 ms of `score`'s CPU) and
# the process ends at once. Every other command gets the collector back before it runs.
WITHOUT_GC = frozenset({"score", "explain"})


def command_help(name: str, body: str) -> str:
    """A command's whole help: its line from the table, then ``body`` (already translated)."""
    return _.text(COMMANDS[name][1]) + "\n\n" + body


class Command(TyperCommand):
    """A command whose help page speaks the help's language."""

    context_class = HelpContext

    def get_help_option(self, ctx: Any) -> Any:
        return translated_help_option(super().get_help_option(ctx))


class _Commands(MutableMapping[str, Any]):
    """The group's commands: every name is known, a command is built when first asked for."""

    def __init__(self, group: LazyGroup) -> None:
        self._group = group
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = self._group.build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self._built]))

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._built))


def _in_language(exc: ClickException) -> ClickException:
    """A Click error to be shown in the interface language (a help page asked for by running
    a command without arguments is shown as it is: it is in the language already)."""
    if isinstance(exc, NoArgsIsHelpError) or getattr(exc, "original", None) is not None:
        return exc
    from .click_words import InLanguage

    return InLanguage(exc)


class LazyGroup(TyperGroup):
    """The root command: lists every command from :data:`COMMANDS`, builds only the one run."""

    context_class = HelpContext

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(self)

    def build(self, name: str) -> Any:
        """Import the command's module and turn its function into a Click command."""
        module = importlib.import_module(f"{__package__}.{COMMANDS[name][0]}")
        registered: typer.Typer = module.commands
        for info in registered.registered_commands:
            assert info.callback is not None
            if (info.name or get_command_name(info.callback.__name__)) == name:
                if info.cls in (None, TyperCommand):
                    info.cls = Command
                return get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=self.rich_markup_mode
                )
        raise KeyError(name)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except ClickException as exc:
            raise _in_language(exc) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ClickException as exc:
            raise _in_language(exc) from None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        found = super().resolve_command(ctx, args)
        if found[0] not in WITHOUT_GC:
            gc.enable()
        return found

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def get_help_option(self, ctx: Any) -> Any:
        return translated_help_option(super().get_help_option(ctx))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list from the table (no command module is imported for it)."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, make_default_short_help(_.text(line), limit))
            for name, (_module, line) in COMMANDS.items()
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

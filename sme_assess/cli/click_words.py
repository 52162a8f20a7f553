"""Typer's and Click's own words (a usage error, ``[default: ...]``) in the interface language.

Typer 0.29 carries its own copy of Click (``typer._click``) whose messages are English
f-strings, with no gettext domain to translate them; Typer's few ``gettext`` calls use the
process-wide default domain, chosen by LANG, not by SME_ASSESS_LANG. So the words are said
where they are shown: the root group (``group.LazyGroup``) hands a Click error to
:class:`InLanguage`, which prints the usage line, the hint and the error in the interface
language (Click's own output, unchanged, in English); the help page
(``help_page.HelpFormatter``) says an option's ``[default: x; required]`` with
:func:`help_extras`. Parameters (option names, values, commands) stay as typed. Imported only
when a usage error or a help page is shown.
"""

from __future__ import annotations

import re
from typing import IO, Any

from ..i18n import N_, NP_, Message, Translator, is_source_language, shaped

try:  # newer Typer carries its own copy of Click (typer._click)
    from typer._click.exceptions import ClickException
    from typer._click.utils import echo
except ImportError:  # pragma: no cover - older Typer on Click
    from click.exceptions import ClickException  # type: ignore[assignment]
    from click.utils import echo

# Click's and Typer's error messages, as they build them (longest first where one starts
# another).
SHAPES = (
    N_("No such command {name}. Did you mean {suggestions}?"),
    N_("No such command {name}."),
    N_("Missing command."),
    N_("No such option: {name} (Possible options: {options})"),
    N_("No such option: {name}"),
    N_("Missing argument {name}."),
    N_("Missing option {name}."),
    N_("Missing parameter: {name}"),
    N_("Option {name} requires an argument."),
    N_("Option {name} does not take a value."),
    N_("Got unexpected extra argument(s) ({values})"),
    N_("Invalid value for {name}: {reason}"),
    N_("Invalid value: {reason}"),
)
# Why a value is refused (Typer's and pydantic's words, after "Invalid value for ...: ").
REASONS = (
    N_("Value error, {value} is not one of {choices}."),
    N_("{value} is not one of {choices}."),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid number, unable to parse string as a number"),
    N_("Input should be a valid boolean, unable to interpret input"),
)
_EXTRAS = re.compile(r"(?P<text>.*?)(?P<gap>\s*)\[(?P<extras>[^\[\]]*)\]\Z", re.DOTALL)
_EXTRA_SHAPES: tuple[Message, ...] = (
    N_("default: {default}"),
    N_("env var: {var}"),
    NP_("an option", "required"),
)


def _reason(text: str, _: Translator) -> str:
    said = shaped(text, REASONS, _, lambda _k, v: v)
    return text if said is None else said


def message(text: str, _: Translator) -> str:
    """A Click error message in ``_``'s language when its shape is known, else as built."""
    if is_source_language(_.lang):
        return text
    said = shaped(text, SHAPES, _, lambda k, v: _reason(v, _) if k == "reason" else v)
    return text if said is None else said


def help_extras(text: str, _: Translator) -> str:
    """An option's help with Typer's ``[default: x; required]`` said in ``_``'s language."""
    found = _EXTRAS.match(text)
    if found is None or is_source_language(_.lang):
        return text
    parts = found["extras"].split("; ")
    said = [shaped(p, _EXTRA_SHAPES, _, lambda _k, v: v) for p in parts]
    if any(s is None for s in said):  # not Typer's (a help text ending in brackets)
        return text
    return f"{found['text']}{found['gap']}[{'; '.join(s for s in said if s)}]"


class InLanguage(ClickException):
    """A Click error (usage, bad value) shown in the interface language."""

    def __init__(self, original: ClickException) -> None:
        super().__init__(original.message)
        self.original = original
        self.exit_code = original.exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        from .common import words

        _ = words()
        if is_source_language(_.lang):
            self.original.show(file)
            return
        ctx: Any = getattr(self.original, "ctx", None)
        color = None
        if ctx is not None:
            color = ctx.color
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                command = f"{ctx.command_path} {ctx.help_option_names[0]}"
                hint = _("Try '{command}' for help.", command=command) + "\n"
            echo(f"{ctx.get_usage()}\n{hint}", file=file, err=True, color=color)
        said = message(self.original.format_message(), _)
        echo(_("Error: {error}", error=said), file=file, err=True, color=color)

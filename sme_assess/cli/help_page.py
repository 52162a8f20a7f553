"""Click's help page in the help's language: its headings translated, and Chinese (wide)
text wrapped by the columns it takes on a terminal, not by its number of characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from contextlib import AbstractContextManager
from functools import cache
from typing import Any

from typer.core import TyperCommand

from ..i18n import N_
from .common import _

_HEADINGS = {"Arguments": N_("Arguments"), "Options": N_("Options"), "Commands": N_("Commands")}
_WIDE = (
    "\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
)


@cache
def _tokens() -> re.Pattern[str]:
    """A wide character, a run of other non-space characters, or a run of spaces (compiled
    when a help text is wide, not on every start)."""
    return re.compile(rf"[{_WIDE}]|[^\s{_WIDE}]+|\s+")


# never at the start of a line (Chinese line-breaking rules, the common part)
_NO_LINE_START = set("，。、；：？！）》」』】〕”’…,.;:?!)]")


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def is_wide(text: str) -> bool:
    """Whether ``text`` holds characters that take two columns (Chinese, Japanese, Korean)."""
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


def wrap_wide(text: str, width: int) -> list[str]:
    """One paragraph in lines of at most ``width`` columns (a closing mark may pass it by
    one character rather than start a line), breaking between wide characters or at spaces."""
    lines: list[str] = []
    line, used, space = "", 0, False
    for token in _tokens().findall(text):
        if token.isspace():
            space = bool(line)
            continue
        size = _cells(token) + (1 if space else 0)
        if line and used + size > width and token[0] not in _NO_LINE_START:
            lines.append(line)
            line, used, space = "", 0, False
            size = _cells(token)
        line += (" " if space else "") + token
        used += size
        space = False
    if line:
        lines.append(line)
    return lines


def _paragraphs(text: str, width: int, indent: str = "") -> str:
    return "\n\n".join(
        "\n".join(indent + line for line in wrap_wide(p, max(width - len(indent), 10)))
        for p in text.split("\n\n")
    )


_Context: Any = TyperCommand.context_class
_Formatter: Any = _Context.formatter_class


class HelpFormatter(_Formatter):  # type: ignore[misc]
    """Click's help layout: translated headings; wide text wrapped by its columns."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = _("Usage: ") if prefix is None else prefix
        args = args.replace("[OPTIONS]", _("[OPTIONS]"), 1)  # as batch's "-o OUTDIR [OPTIONS]"
        if not is_wide(prefix + args):
            super().write_usage(prog, args, prefix)
            return
        first = f"{prefix:>{self.current_indent}}{prog} "
        width = self.width - self.current_indent
        if _cells(first) + 20 <= width:  # the arguments to the right of the prefix
            indent = " " * _cells(first)
            lines = wrap_wide(args, width - _cells(first)) or [""]
        else:  # on the next lines
            self.write(first + "\n")
            indent = " " * (max(self.current_indent, _cells(prefix)) + 4)
            lines = wrap_wide(args, width - len(indent)) or [""]
            first = indent
        self.write("\n".join([first + lines[0], *(indent + line for line in lines[1:])]) + "\n")

    def section(self, name: str) -> AbstractContextManager[None]:
        heading = _HEADINGS.get(name)
        return super().section(_.text(heading) if heading else name)  # type: ignore[no-any-return]

    def write_heading(self, heading: str) -> None:
        if not is_wide(heading):
            super().write_heading(heading)
            return
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        if not is_wide(text):
            super().write_text(text)
            return
        self.write(_paragraphs(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        if any(second.endswith("]") for _first, second in rows):
            from .click_words import help_extras  # Typer's [default: x; required]

            rows = [(first, help_extras(second, _)) for first, second in rows]
        if not any(is_wide(second) for _first, second in rows):
            super().write_dl(rows, col_max, col_spacing)
            return
        first_col = min(max(len(first) for first, _second in rows), col_max) + col_spacing
        pad = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - len(first)))
            else:
                self.write("\n" + pad)
            lines = _paragraphs(second, max(self.width - first_col - 2, 10)).splitlines()
            self.write("\n".join([lines[0], *(pad + line if line else "" for line in lines[1:])]))
            self.write("\n")


class HelpContext(_Context):  # type: ignore[misc]
    formatter_class = HelpFormatter


def translated_help_option(option: Any) -> Any:
    """The -h/--help option, its own help in the help's language. Its default is False, not
    None: Typer leaves a bool that is already a bool alone, but builds a pydantic validator
    (importing pydantic, ~150 ms) to turn None into one, on every command's start."""
    if option is not None:
        option.help = _("Show this message and exit.")
        option.default = False
    return option

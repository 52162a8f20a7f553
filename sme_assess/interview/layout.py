"""Fitting prompts to the terminal: long labels and descriptions wrapped, never cut at the edge.

questionary draws each choice on one line and a narrow terminal cuts what does not fit, so
choice titles are wrapped here to the window's width (counting a Chinese character as two
columns), continuation lines indented under the label. Messages and choices are wrapped each
time they are drawn, so a window resized in the middle of a question is fitted again.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from typing import Any

# a run of characters that breaks only at spaces (Latin words), or one wide character
_WIDE = (
    "\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
)
_CLOSING = "。，、；：？！）》」』”’"
_PIECES = re.compile(rf"\s+|[{_WIDE}][{_CLOSING}]*|[^\s{_WIDE}]+")

# combining marks past the fourth on one letter (no language stacks more; "Zalgo" text does):
# drawn, thousands of them cost prompt_toolkit seconds a frame (it re-measures the growing
# character per mark), so a draft holding such an answer froze the review screen
_MARK = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_PILED = re.compile(f"([{_MARK}]{{4}})[{_MARK}]+")

# questionary's pointer (3 columns) before each choice, and a checkbox's "○ " after it
POINTER = 3
INDICATOR = 2
QMARK = 2  # "? " before a prompt's first line


def cells(text: str) -> int:
    from prompt_toolkit.utils import get_cwidth

    return sum(get_cwidth(ch) for ch in text)


def columns() -> int:
    """The width of the terminal the prompts are drawn on (80 when unknown)."""
    from prompt_toolkit.application.current import get_app_session

    try:
        width = get_app_session().output.get_size().columns
    except Exception:  # any trouble asking the terminal: assume the classic width
        return 80
    return width if width > 0 else 80


def calm(text: str) -> str:
    """``text`` as drawn: at most four combining marks on a letter (shown only: an answer
    itself is kept as it was)."""
    return _PILED.sub(r"\1", text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, breaking at spaces or between wide
    characters; a word longer than a line is split. Chinese (Japanese, Korean) breaks by the
    screens' rules (``terminal.cjk_wrap``): no line starts with "，" or "）" or ends with "（",
    a number stays with its unit."""
    width = max(width, 8)
    from ..terminal.cjk_wrap import has_cjk

    if has_cjk(text):
        return _wrap_cjk(" ".join(text.split()), width)
    lines: list[str] = []
    line = ""
    space = False  # a space comes before the next piece
    for piece in _PIECES.findall(text):
        if piece.isspace():
            space = bool(line)
            continue
        sep = " " if space else ""
        space = False
        if cells(line + sep + piece) <= width:
            line += sep + piece
            continue
        if line:
            lines.append(line)
        while cells(piece) > width:
            cut = 1
            while cells(piece[: cut + 1]) <= width:
                cut += 1
            lines.append(piece[:cut])
            piece = piece[cut:]
        line = piece
    if line:
        lines.append(line)
    return lines or [""]


def _wrap_cjk(text: str, width: int) -> list[str]:
    from ..terminal.cjk_wrap import divide_cjk

    edges = [0, *divide_cjk(text, width), len(text)]
    lines = [text[a:b].strip() for a, b in itertools.pairwise(edges)]
    return [line for line in lines if line] or [""]


def wrapped_choice(
    title: str, description: str | None, indent: int, width: int, style: str = ""
) -> list[tuple[str, str]]:
    """Formatted text for a choice: the title (in ``style``), then the description in a
    dimmer style, each wrapped to ``width`` with continuation lines indented by ``indent``
    columns."""
    room = max(width - indent - 1, 20)
    pad = " " * indent
    out: list[tuple[str, str]] = []
    for i, line in enumerate(wrap(title, room)):
        out.append((style, ("\n" + pad if i else "") + line))
    if description:
        for line in wrap(description, room - 2):
            out.append(("class:instruction", f"\n{pad}  {line}"))
    return out


def wrap_message(text: str, width: int, tail: str = "") -> str:
    """A prompt's message wrapped to ``width``, keeping each line's leading indent (the first
    line leaves room for questionary's "? " before it). ``tail``: what questionary draws after
    the message (its instruction); when it does not fit after the last line it starts a line
    of its own, whole, instead of being broken at the edge of the terminal."""
    text = calm(text)
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        indent = len(line) - len(line.lstrip(" "))
        pad = " " * indent
        room = max(width - indent - 1 - (0 if i else QMARK), 20)
        parts = wrap(line.strip(), room)
        if not i and len(parts) > 1:  # the rest of a first line has the whole width
            parts = parts[:1] + wrap(" ".join(parts[1:]), room + QMARK)
        out.extend(pad + part for part in parts)
    if tail and out:
        last = out[-1]
        used = cells(last) + (QMARK if len(out) == 1 else 0) + 2  # a space either side
        if used + cells(tail) > width - 1:
            out[-1] = last + "\n" + " " * (len(last) - len(last.lstrip(" ")))
    return "\n".join(out)


def fit_title(text: str, description: str | None, indent: int, width: int, style: str = "") -> Any:
    """A choice title that fits ``width``: plain when it does, wrapped lines when not (or
    when it has a ``style`` of its own)."""
    text = calm(text)
    description = None if description is None else calm(description)
    if description is None and not style and cells(text) <= width - indent - 1:
        return text
    return wrapped_choice(text, description, indent, width, style)


class FittedMessage(str):
    """A prompt's message that wraps itself to the terminal's width whenever it is drawn.

    questionary formats its message (``" {} ".format(message)``) at every redraw, and
    prompt_toolkit redraws when the window is resized: the message follows the new width.
    ``tail`` is the instruction questionary draws after it, kept whole on one line.
    """

    tail: str

    def __new__(cls, text: str, tail: str = "") -> FittedMessage:
        made = super().__new__(cls, text)
        made.tail = tail
        return made

    def __format__(self, spec: str) -> str:
        return wrap_message(str.__str__(self), columns(), self.tail)


@cache
def _fitted_choice_class() -> Any:
    from questionary import Choice

    class FittedChoice(Choice):
        """A choice whose title is wrapped to the terminal's width whenever it is drawn."""

        def __init__(
            self,
            text: str,
            description: str | None,
            indent: int,
            value: Any,
            checked: bool,
            style: str = "",
        ) -> None:
            self._fit = (text, description, indent, style)
            super().__init__(title=text, value=value, checked=checked)

        @property
        def title(self) -> Any:
            text, description, indent, style = self._fit
            return fit_title(text, description, indent, columns(), style)

        @title.setter
        def title(self, value: Any) -> None:
            pass  # the title is made from the text as it is drawn

        def retitle(self, text: str, style: str) -> None:
            """Say something else on this row (drawn at the next redraw)."""
            self._fit = (text, self._fit[1], self._fit[2], style)

    return FittedChoice


def fitted_choice(
    text: str,
    value: Any,
    indent: int,
    description: str | None = None,
    checked: bool = False,
    style: str = "",
) -> Any:
    """A questionary choice that keeps fitting the terminal, however it is resized."""
    return _fitted_choice_class()(text, description, indent, value, checked, style)

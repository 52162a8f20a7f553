"""Line breaking on the terminal that keeps a number with its unit. Nothing prints here.

Rich breaks a line at any white space, a no-break space included, so "¥15,000 over 3" |
"years" and a third language's "¥24 000" (a narrow no-break space between its digit groups)
were parted. :class:`KeepText` breaks where Rich does except where
``wording.typography.no_break_points`` says no line may break; the text shown is unchanged.
:func:`keep_aware` applies it to a view's tables, panels and texts (``cjk_wrap`` builds on
both for Chinese, Japanese and Korean).
"""

from __future__ import annotations

from typing import Any

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.containers import Lines
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..wording.typography import no_break_points
from .panels import FitPanel


def divide_kept(text: str, width: int, fold: bool = True) -> list[int]:
    """Rich's ``divide_line`` for ``text``, never at a place no line may break."""
    if cell_len(text) <= width:
        return []  # it fits: Rich would not break it either
    return divide_line(no_break_points(text), width, fold=fold)


class KeepText(Text):
    """A Rich text that never parts a number from its unit at a line's end."""

    __slots__ = ("_measured",)  # the text it last measured, and the measure

    def divide_at(self, plain: str, width: int, fold: bool) -> list[int]:
        """Where one line of the text breaks (``CjkText`` adds its rules)."""
        return divide_kept(plain, width, fold)

    def wrap(
        self,
        console: Any,
        width: int,
        *,
        justify: Any = None,
        overflow: Any = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(
                console,
                width,
                justify=justify,
                overflow=overflow,
                tab_size=tab_size,
                no_wrap=no_wrap,
            )
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            new_lines = line.divide(self.divide_at(line.plain, width, wrap_overflow == "fold"))
            for part in new_lines:
                part.rstrip_end(width)
            if wrap_justify:
                new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for part in new_lines:
                part.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        """As Rich measures a text, its narrowest width the widest piece no line breaks in.
        Neither depends on the width offered (Rich caps the measure after), so a text
        measured again unchanged is not measured again: a table cell is measured by each
        panel and table around it, then when it is drawn (~4 % of a zh `score`'s drawing)."""
        plain = self.plain
        measured = getattr(self, "_measured", None)
        if measured is not None and measured[0] == plain:
            return measured[1]  # type: ignore[no-any-return]
        found = super().__rich_measure__(console, options)
        pieces = no_break_points(plain).split()
        widest = max((cell_len(x) for x in pieces), default=found.minimum)
        found = Measurement(min(max(found.minimum, widest), found.maximum), found.maximum)
        self._measured = (plain, found)
        return found


def as_kept(text: Text | str, cls: type[KeepText] = KeepText) -> KeepText:
    """A text (or a string of Rich markup) as a ``cls``, styles kept."""
    source = Text.from_markup(text, emoji=False) if isinstance(text, str) else text
    out = cls(
        "",
        style=source.style,
        justify=source.justify,
        overflow=source.overflow,
        no_wrap=source.no_wrap,
        end=source.end,
        tab_size=source.tab_size,
    )
    out.append_text(source)
    return out


def keep_aware(view: RenderableType, cls: type[KeepText] = KeepText) -> RenderableType:
    """``view`` with every text in its groups, panels and table cells a ``cls`` (changed in
    place; returned for convenience). Table and panel titles stay as they are."""
    if isinstance(view, Group):
        view.renderables[:] = [keep_aware(x, cls) for x in view.renderables]
    elif isinstance(view, Panel):
        view.renderable = keep_aware(view.renderable, cls)
        if isinstance(view, FitPanel):  # it measures its texts: the same objects as drawn
            inner = view.renderable
            parts = inner.renderables if isinstance(inner, Group) else []
            view._texts = [x for x in parts if isinstance(x, Text)]
    elif isinstance(view, Table):
        for column in view.columns:
            column._cells = [
                as_kept(c, cls) if isinstance(c, str | Text) else keep_aware(c, cls)
                for c in column._cells
            ]
    elif isinstance(view, Text) and not isinstance(view, cls):
        return as_kept(view, cls)
    return view

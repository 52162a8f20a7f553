"""A Rich panel that measures what it holds only when it has to. Nothing prints here."""

from __future__ import annotations

from copy import copy
from typing import Any

from rich.console import Group, RenderableType
from rich.measure import Measurement
from rich.panel import Panel
from rich.text import Text


class FitPanel(Panel):
    """A panel around ``parts`` (one under the other), as wide as they are, like
    ``Panel(Group(*parts), expand=False)`` and drawn the same.

    Such a panel measures everything it holds before drawing it: every cell of a table in
    it is measured, then measured again when the table is laid out. When one of the parts
    that is text already needs the whole width, the measuring can only find the whole width:
    the panel is then drawn as an expanded one (the same width, so the same output) without
    measuring the tables (~1 % of `score`'s instructions for the action plan's panel)."""

    def __init__(self, parts: list[RenderableType], **kwargs: Any) -> None:
        super().__init__(Group(*parts), **kwargs)
        self._texts = [x for x in parts if isinstance(x, Text)]

    def __rich_console__(self, console: Any, options: Any) -> Any:
        if not self.expand and self._text_fills(console, options):
            wide = copy(self)
            wide.expand = True
            return wide.__rich_console__(console, options)
        return super().__rich_console__(console, options)

    def _text_fills(self, console: Any, options: Any) -> bool:
        """Whether measuring would give the whole width. Rich's Panel measures its contents
        inside its border (2 columns) wrapped in its padding (one column each side, the
        default), which adds 2 to the widest part's measure and caps the sum at the width
        inside the border; a group measures as its widest part, each part capped there."""
        if self.width is not None or self.padding != (0, 1):
            return False
        inside = options.update_width(options.max_width - 2)
        if inside.max_width - 2 < 1:  # Rich takes the whole width there without measuring
            return False
        return any(
            Measurement.get(console, inside, text).maximum >= inside.max_width - 2
            for text in self._texts
        )

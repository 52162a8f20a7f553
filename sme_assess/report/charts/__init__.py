"""SVG charts drawn by hand: a radar of categories and bars against level bands.

Deterministic (same input, same bytes), text as real <text> in the report's fonts so Chinese
labels render and stay selectable, every label escaped. Every label is wrapped (or cut with an
ellipsis) to the room it has, so that no text leaves the canvas in either language.

The parts: ``text`` (a label's script, width, wrapping and fonts), ``canvas`` (the series,
palette, sizes and the canvas both charts draw on), ``radar_chart`` and ``bar_chart``.
"""

from __future__ import annotations

from .bar_chart import bars, clear_of
from .canvas import LABEL, SMALL, Overlay, Point
from .radar_chart import radar
from .text import font_stack, is_wide, label_lang, text_width, wrap

__all__ = [
    "LABEL",
    "SMALL",
    "Overlay",
    "Point",
    "bars",
    "clear_of",
    "font_stack",
    "is_wide",
    "label_lang",
    "radar",
    "text_width",
    "wrap",
]

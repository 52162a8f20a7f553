"""What both charts share: the series they draw (``Point``, ``Overlay``), the palette and
label sizes, numbers written the same on every platform, and the canvas that collects the
SVG parts with the box of all that is drawn, its text and its legend.

A chart is printed at its own size, one unit a CSS pixel (0.75 pt; the stylesheet does not
scale it up on the page), so the font sizes below are the sizes on paper: the categories'
names and scores at 9 pt, the band heads, ring values and legend at 7.5 pt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from .text import label_lang, wrap

ACCENT = "#1f6f8b"
PEER = "#c2571a"
TARGET = "#2f7d32"
GRID = "#c9d3da"
BAND_FILLS = ("#f3f6f8", "#e6edf1")
LABEL = 12.0  # a category's name and score: 9 pt on paper
SMALL = 10.0  # band heads, ring values, legend: 7.5 pt on paper


@dataclass(frozen=True)
class Point:
    label: str
    score: float | None  # None: not assessed
    peer: float | None = None  # the peers' median, when a cohort is given


@dataclass(frozen=True)
class Overlay:
    """What the charts draw besides the firm: peer medians and a target score, with the
    legend's words in the report's language ("" for a series not drawn)."""

    you: str = ""
    peer: str = ""
    target: str = ""
    target_score: float | None = None


def num(value: float) -> str:
    """Fixed formatting so output is byte-identical across runs and platforms."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Canvas:
    """SVG parts plus the box of everything drawn, so the viewBox can hold it all."""

    def __init__(self, width: float, lang: str = "en") -> None:
        self.width = width
        self.lang = lang
        self.parts: list[str] = []
        self.top = 0.0
        self.bottom = 0.0

    def grow(self, top: float, bottom: float) -> None:
        self.top = min(self.top, top)
        self.bottom = max(self.bottom, bottom)

    def text(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        size: float,
        anchor: str = "start",
        attrs: str = "",
        line_h: float | None = None,
    ) -> None:
        """Lines of text, the first baseline at ``y``."""
        step = line_h or size * 1.2
        self.grow(y - size, y + step * (len(lines) - 1) + size * 0.3)
        body = "".join(
            f'<tspan x="{num(x)}" dy="{"0" if k == 0 else num(step)}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        self.parts.append(
            f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" '
            f'text-anchor="{anchor}"{attrs}{label_lang("".join(lines), self.lang)}>{body}</text>'
        )

    def svg(self, font: str, title: str) -> str:
        top = math.floor(self.top - 4)
        height = math.ceil(self.bottom + 4) - top
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {top} {num(self.width)} {height}" '
            f'width="{num(self.width)}" height="{height}" font-family="{escape(font)}" '
            f'role="img" aria-label="{escape(title)}">' + "".join(self.parts) + "</svg>"
        )


def legend(canvas: Canvas, y: float, overlay: Overlay) -> None:
    """One line of keys under the chart, for the series drawn."""
    keys = [(overlay.you, ACCENT, "")]
    if overlay.peer:
        keys.append((overlay.peer, PEER, ' stroke-dasharray="4 3"'))
    if overlay.target:
        keys.append((overlay.target, TARGET, ' stroke-dasharray="2 2"'))
    keys = [k for k in keys if k[0]]
    if len(keys) < 2:
        return
    size = SMALL
    room = (canvas.width - 10) / len(keys) - 26
    x = 10.0
    for label, colour, dash in keys:
        canvas.parts.append(
            f'<line x1="{num(x)}" y1="{num(y - 3)}" x2="{num(x + 18)}" y2="{num(y - 3)}" '
            f'stroke="{colour}" stroke-width="2"{dash}/>'
        )
        canvas.text(x + 22, y, wrap(label, room, size), size, attrs=' fill="#3d4b55"')
        x += 26 + room

"""The radar chart: one axis per category, a ring per stage threshold, the firm's scores as a
filled outline, the peers' medians and the target as dashed ones."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .canvas import ACCENT, GRID, LABEL, PEER, SMALL, TARGET, Canvas, Overlay, Point, legend, num
from .text import font_stack, wrap


def radar(
    points: Sequence[Point],
    thresholds: Sequence[float],
    title: str = "",
    lang: str = "en",
    overlay: Overlay | None = None,
) -> str:
    """A radar chart: one axis per category, a ring per level threshold, the peer median and
    the target as dashed outlines when given."""
    overlay = overlay or Overlay()
    width, cx, cy, r = 520.0, 260.0, 0.0, 125.0
    n = max(len(points), 3)
    canvas = Canvas(width, lang)
    canvas.grow(cy - r, cy + r)

    def at(i: float, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * value / 100 * math.cos(angle), cy + r * value / 100 * math.sin(angle)

    def outline(values: Sequence[float]) -> str:
        return " ".join(f"{num(x)},{num(y)}" for x, y in (at(i, v) for i, v in enumerate(values)))

    for t in sorted({*thresholds, 100.0}):
        if t <= 0:
            continue
        canvas.parts.append(
            f'<polygon points="{outline([t] * n)}" fill="none" stroke="{GRID}" stroke-width="1"/>'
        )
        # ring values between the first two axes, clear of the labels at the axes' ends
        x, y = at(0.5, t)
        canvas.text(x + 2, y + 3, [num(t)], SMALL, attrs=' fill="#8a99a4"')
    if overlay.target_score is not None:
        canvas.parts.append(
            f'<polygon points="{outline([overlay.target_score] * n)}" fill="none" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="2 2"/>'
        )
    size, line_h = LABEL, LABEL * 1.2
    for i, point in enumerate(points):
        x, y = at(i, 100)
        canvas.parts.append(
            f'<line x1="{num(cx)}" y1="{num(cy)}" x2="{num(x)}" y2="{num(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        lx, ly = at(i, 112)
        dx = lx - cx
        if abs(dx) < 12:
            anchor, room = "middle", 2 * min(lx, width - lx) - 8
        elif dx > 0:
            anchor, room = "start", width - lx - 6
        else:
            anchor, room = "end", lx - 6
        lines = wrap(point.label, min(room, 150), size)
        score = "—" if point.score is None else num(round(point.score))
        block = len(lines) + 1
        # the label block sits outside the ring: above the top axes, below the bottom ones
        sin = (ly - cy) / (r * 1.12)
        if sin < -0.3:
            first = ly - line_h * (block - 1)
        elif sin > 0.3:
            first = ly + size
        else:
            first = ly - line_h * (block - 1) / 2 + size * 0.35
        canvas.text(lx, first, lines, size, anchor, line_h=line_h)
        canvas.text(
            lx,
            first + line_h * len(lines),
            [score],
            size,
            anchor,
            attrs=f' font-weight="bold" fill="{ACCENT}"',
        )
    peers = [p.peer for p in points]
    if overlay.peer and any(v is not None for v in peers):
        canvas.parts.append(
            f'<polygon points="{outline([v or 0.0 for v in peers])}" fill="none" '
            f'stroke="{PEER}" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    canvas.parts.append(
        f'<polygon points="{outline([p.score or 0.0 for p in points])}" fill="{ACCENT}" '
        f'fill-opacity="0.25" stroke="{ACCENT}" stroke-width="2"/>'
    )
    for i, p in enumerate(points):
        if p.score is not None:
            x, y = at(i, p.score)
            canvas.parts.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="3" fill="{ACCENT}"/>')
    legend(canvas, canvas.bottom + 16, overlay)
    return canvas.svg(font_stack(lang), title)

"""The bar chart: one bar per category over the shaded stage bands, labelled at the top; the
peers' median a tick on each row, the target a line down the bands."""

from __future__ import annotations

from collections.abc import Sequence

from .canvas import (
    ACCENT,
    BAND_FILLS,
    LABEL,
    PEER,
    SMALL,
    TARGET,
    Canvas,
    Overlay,
    Point,
    legend,
    num,
)
from .text import font_stack, text_width, wrap


def clear_of(left: float, width: float, lines: Sequence[float], gap: float = 3.0) -> float:
    """Where a label ``width`` wide, wanted at ``left``, starts so that no vertical line at
    ``lines`` crosses it: moved past each line it would touch (a score of 37 sat across the
    dotted "stage 2 starts at 40" line)."""
    for line in sorted(lines):
        if left - gap < line < left + width + gap:
            left = line + gap
    return left


def bars(
    points: Sequence[Point],
    bands: Sequence[tuple[float, str]],
    title: str = "",
    lang: str = "en",
    overlay: Overlay | None = None,
) -> str:
    """Horizontal bars, one per category, over shaded level bands labelled at the top; the
    peer median as a tick on each row and the target as a line, when given."""
    overlay = overlay or Overlay()
    size = LABEL
    # the names in one line where the widest fits (every built-in one, in both languages), a
    # row as high as its name needs: 13 rows still fit under the brief's summary
    label_w, bar_w = 216.0, 350.0
    names = [wrap(point.label, label_w - 10, size) for point in points]
    row_h = max(18.0, max((len(n) for n in names), default=1) * size * 1.15 + 4)
    width = label_w + bar_w + 34
    x0 = label_w
    canvas = Canvas(width, lang)

    def x(score: float) -> float:
        return x0 + bar_w * score / 100

    edges = [b[0] for b in bands] + [100.0]
    band_size = SMALL
    heads = [
        wrap(name, x(edges[k + 1]) - x(start) - 4, band_size, 3)
        for k, (start, name) in enumerate(bands)
    ]
    head_lines = max((len(h) for h in heads), default=1)
    top = head_lines * band_size * 1.2 + 8
    height = row_h * len(points)
    for k, (start, _name) in enumerate(bands):
        end = edges[k + 1]
        canvas.parts.append(
            f'<rect x="{num(x(start))}" y="{num(top - 4)}" width="{num(x(end) - x(start))}" '
            f'height="{num(height + 4)}" fill="{BAND_FILLS[k % 2]}"/>'
        )
        canvas.text(
            (x(start) + x(end)) / 2,
            band_size,
            heads[k],
            band_size,
            "middle",
            attrs=' fill="#5b6b77"',
        )
    bar_h = min(row_h - 6, 14.0)
    for i, (point, lines) in enumerate(zip(points, names, strict=True)):
        y = top + i * row_h
        first = y + row_h / 2 + size * 0.35 - (len(lines) - 1) * size * 0.575
        canvas.text(label_w - 8, first, lines, size, "end", line_h=size * 1.15)
        middle = y + row_h / 2 + size * 0.35
        if point.score is None:
            canvas.text(x0 + 4, middle, ["—"], size, attrs=' fill="#7a8a96"')
        else:
            canvas.parts.append(
                f'<rect x="{num(x0)}" y="{num(y + (row_h - bar_h) / 2)}" '
                f'width="{num(x(point.score) - x0)}" height="{num(bar_h)}" fill="{ACCENT}"/>'
            )
            label = num(round(point.score))
            peer = point.peer if overlay.peer else None
            lines_at = [x(v) for v in (overlay.target_score, peer) if v is not None]
            canvas.text(
                clear_of(x(point.score) + 4, text_width(label, size), lines_at),
                middle,
                [label],
                size,
            )
        if overlay.peer and point.peer is not None:
            px = x(point.peer)
            canvas.parts.append(
                f'<line x1="{num(px)}" y1="{num(y + 2)}" x2="{num(px)}" y2="{num(y + row_h - 2)}" '
                f'stroke="{PEER}" stroke-width="2.5" stroke-dasharray="4 3"/>'
            )
    canvas.grow(0, top + height)
    if overlay.target_score is not None:
        tx = x(overlay.target_score)
        canvas.parts.append(
            f'<line x1="{num(tx)}" y1="{num(top - 4)}" x2="{num(tx)}" y2="{num(top + height)}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="2 2"/>'
        )
    legend(canvas, top + height + 16, overlay)
    return canvas.svg(font_stack(lang), title)

"""SVG charts drawn by hand: a radar of categories and bars against level bands.

Deterministic (same input, same bytes), text as real <text> in the report's fonts so Chinese
labels render and stay selectable, every label escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

FONT_STACK = (
    "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, WenQuanYi Micro Hei, "
    "Noto Sans, DejaVu Sans, sans-serif"
)
ACCENT = "#1f6f8b"
GRID = "#c9d3da"
BAND_FILLS = ("#f3f6f8", "#e6edf1")


@dataclass(frozen=True)
class Point:
    label: str
    score: float | None  # None: not assessed


def _f(value: float) -> str:
    """Fixed formatting so output is byte-identical across runs and platforms."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _wrap(label: str, width: int) -> list[str]:
    """Split a label into at most two lines (CJK by characters, others by words)."""
    if len(label) <= width:
        return [label]
    if " " not in label:
        return [
            label[:width],
            label[width : 2 * width - 1] + ("…" if len(label) > 2 * width - 1 else ""),
        ]
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
        if len(lines[1]) > width:
            lines[1] = lines[1][: width - 1] + "…"
    return lines


def radar(points: Sequence[Point], thresholds: Sequence[float], title: str = "") -> str:
    """A radar chart: one axis per category, a ring per level threshold."""
    size, cx, cy, r = 440, 220, 205, 130
    n = max(len(points), 3)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size - 20}" '
        f'width="{size}" height="{size - 20}" font-family="{escape(FONT_STACK)}" '
        f'role="img" aria-label="{escape(title)}">'
    ]

    def at(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * value / 100 * math.cos(angle), cy + r * value / 100 * math.sin(angle)

    for t in sorted({*thresholds, 100.0}):
        if t <= 0:
            continue
        ring = " ".join(f"{_f(x)},{_f(y)}" for x, y in (at(i, t) for i in range(n)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="{GRID}" stroke-width="1"/>')
        x, y = at(0, t)
        parts.append(
            f'<text x="{_f(x + 4)}" y="{_f(y + 4)}" font-size="9" fill="#7a8a96">{_f(t)}</text>'
        )
    for i, point in enumerate(points):
        x, y = at(i, 100)
        parts.append(
            f'<line x1="{cx}" y1="{cy}" x2="{_f(x)}" y2="{_f(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        lx, ly = at(i, 118)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        lines = _wrap(point.label, 12 if _is_cjk(point.label) else 20)
        score = "—" if point.score is None else _f(round(point.score))
        parts.append(f'<text x="{_f(lx)}" y="{_f(ly)}" font-size="11" text-anchor="{anchor}">')
        for k, line in enumerate(lines):
            dy = "0" if k == 0 else "13"
            parts.append(f'<tspan x="{_f(lx)}" dy="{dy}">{escape(line)}</tspan>')
        parts.append(
            f'<tspan x="{_f(lx)}" dy="13" font-weight="bold" fill="{ACCENT}">{score}</tspan>'
        )
        parts.append("</text>")
    shape = " ".join(
        f"{_f(x)},{_f(y)}" for x, y in (at(i, p.score or 0.0) for i, p in enumerate(points))
    )
    parts.append(
        f'<polygon points="{shape}" fill="{ACCENT}" fill-opacity="0.25" stroke="{ACCENT}" '
        'stroke-width="2"/>'
    )
    for i, p in enumerate(points):
        if p.score is not None:
            x, y = at(i, p.score)
            parts.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3" fill="{ACCENT}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _is_cjk(text: str) -> bool:
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


def bars(points: Sequence[Point], bands: Sequence[tuple[float, str]], title: str = "") -> str:
    """Horizontal bars, one per category, over shaded level bands labelled at the top."""
    label_w, bar_w, row_h, top = 200, 300, 26, 34
    width = label_w + bar_w + 50
    height = top + row_h * len(points) + 10
    x0 = label_w

    def x(score: float) -> float:
        return x0 + bar_w * score / 100

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="{escape(FONT_STACK)}" '
        f'role="img" aria-label="{escape(title)}">'
    ]
    edges = [b[0] for b in bands] + [100.0]
    for k, (start, name) in enumerate(bands):
        end = edges[k + 1]
        parts.append(
            f'<rect x="{_f(x(start))}" y="{top - 6}" width="{_f(x(end) - x(start))}" '
            f'height="{row_h * len(points) + 6}" fill="{BAND_FILLS[k % 2]}"/>'
        )
        parts.append(
            f'<text x="{_f((x(start) + x(end)) / 2)}" y="{top - 12}" font-size="9" '
            f'text-anchor="middle" fill="#5b6b77">{escape(name)}</text>'
        )
    for i, point in enumerate(points):
        y = top + i * row_h
        label = _wrap(point.label, 14 if _is_cjk(point.label) else 30)[0]
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 14}" font-size="11" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        if point.score is None:
            parts.append(f'<text x="{x0 + 4}" y="{y + 14}" font-size="10" fill="#7a8a96">—</text>')
            continue
        parts.append(
            f'<rect x="{x0}" y="{y + 3}" width="{_f(x(point.score) - x0)}" height="{row_h - 10}" '
            f'fill="{ACCENT}"/>'
        )
        parts.append(
            f'<text x="{_f(x(point.score) + 4)}" y="{y + 14}" font-size="10">'
            f"{_f(round(point.score))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)

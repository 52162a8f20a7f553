"""SVG charts drawn by hand: a radar of categories and bars against level bands.

Deterministic (same input, same bytes), text as real <text> in the report's fonts so Chinese
labels render and stay selectable, every label escaped. Every label is wrapped (or cut with an
ellipsis) to the room it has, its width estimated with ``text_width`` (a CJK character counts
as wide as two Latin ones), so that no text leaves the canvas in either language.

A chart is printed at its own size, one unit a CSS pixel (0.75 pt; the stylesheet does not
scale it up on the page), so the font sizes below are the sizes on paper: the categories'
names and scores at 9 pt, the band heads, ring values and legend at 7.5 pt.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..terminal_text import cluster_start
from ..wording.language import html_lang, is_cjk

LATIN_FONTS = "DejaVu Sans, Noto Sans, Liberation Sans, Arial, sans-serif"
CJK_FONTS = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, WenQuanYi Micro Hei"
FONT_STACK = f"{CJK_FONTS}, {LATIN_FONTS}"
ACCENT = "#1f6f8b"
PEER = "#c2571a"
TARGET = "#2f7d32"
GRID = "#c9d3da"
BAND_FILLS = ("#f3f6f8", "#e6edf1")
LATIN_EM = 0.62  # a Latin character's width in em, DejaVu Sans' average rounded up
BOLD = 1.08  # bold text is this much wider
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


def font_stack(lang: str) -> str:
    """Latin fonts first for English (no CJK font embedded unless a label needs one)."""
    return FONT_STACK if lang.startswith(("zh", "ja", "ko")) else f"{LATIN_FONTS}, {CJK_FONTS}"


_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\u1100-\u11ff\uac00-\ud7a3]")
_LATIN = re.compile("[A-Za-z]")


def label_lang(text: str, lang: str) -> str:
    """The ``lang`` and font a label needs where its script is not its chart's: a Chinese
    category name (a pack's text with no English) in an English chart is tagged ``zh-CN``
    with the CJK fonts first, an English one in a Chinese chart ``en`` with the Latin fonts
    first; "" where the chart's own serve (WeasyPrint picks an SVG text's font by its
    font-family alone, a browser by its lang too)."""
    wide = any(is_wide(ch) for ch in text)
    if wide and not is_cjk(lang):
        tag = "ja" if _KANA.search(text) else "ko" if _HANGUL.search(text) else html_lang("zh")
        return f' lang="{tag}" font-family="{escape(FONT_STACK)}"'
    if not wide and is_cjk(lang) and _LATIN.search(text):
        return f' lang="en" font-family="{escape(font_stack("en"))}"'
    return ""


def is_wide(ch: str) -> bool:
    """A CJK ideograph, kana, hangul or full-width form: as wide as the font size."""
    return (
        "\u1100" <= ch <= "\u11ff"
        or "\u2e80" <= ch <= "\ua4cf"
        or "\uac00" <= ch <= "\ud7a3"
        or "\uf900" <= ch <= "\ufaff"
        or "\ufe30" <= ch <= "\ufe4f"
        or "\uff00" <= ch <= "\uff60"
        or "\uffe0" <= ch <= "\uffe6"
    )


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in user units of ``text`` at font ``size``: CJK counts double."""
    ems = sum(1.0 if is_wide(ch) else LATIN_EM for ch in text)
    return ems * size * (BOLD if bold else 1.0)


def _f(value: float) -> str:
    """Fixed formatting so output is byte-identical across runs and platforms."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _tokens(text: str) -> list[str]:
    """Words for Latin text; single characters for CJK (which breaks between any two)."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch == " ":
            if word:
                out.append(word)
            word = ""
        elif is_wide(ch):
            if word:
                out.append(word)
            word = ""
            out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    return out


def _join(left: str, right: str) -> str:
    if not left:
        return right
    glue = "" if is_wide(left[-1]) or is_wide(right[0]) else " "
    return left + glue + right


def _cut(text: str, room: float, size: float) -> str:
    """``text`` cut with an ellipsis to fit ``room``."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[: cluster_start(text, len(text) - 1)]
    return text.rstrip() + "…"


def wrap(text: str, room: float, size: float, max_lines: int = 2) -> list[str]:
    """``text`` in at most ``max_lines`` lines no wider than ``room``; the last line cut with
    an ellipsis when the text does not fit (a word longer than a line is cut too)."""
    lines: list[str] = []
    line = ""
    tokens = _tokens(text)
    for k, token in enumerate(tokens):
        candidate = _join(line, token)
        if text_width(candidate, size) <= room or not line:
            line = candidate
            continue
        lines.append(line)
        line = token
        if len(lines) == max_lines - 1:
            rest = line
            for later in tokens[k + 1 :]:
                rest = _join(rest, later)
            line = rest
            break
    lines.append(line)
    return [_cut(x, room, size) for x in lines[:max_lines]]


def clear_of(left: float, width: float, lines: Sequence[float], gap: float = 3.0) -> float:
    """Where a label ``width`` wide, wanted at ``left``, starts so that no vertical line at
    ``lines`` crosses it: moved past each line it would touch (a score of 37 sat across the
    dotted "stage 2 starts at 40" line)."""
    for line in sorted(lines):
        if left - gap < line < left + width + gap:
            left = line + gap
    return left


class _Canvas:
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
            f'<tspan x="{_f(x)}" dy="{"0" if k == 0 else _f(step)}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        self.parts.append(
            f'<text x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}" '
            f'text-anchor="{anchor}"{attrs}{label_lang("".join(lines), self.lang)}>{body}</text>'
        )

    def svg(self, font: str, title: str) -> str:
        top = math.floor(self.top - 4)
        height = math.ceil(self.bottom + 4) - top
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {top} {_f(self.width)} {height}" '
            f'width="{_f(self.width)}" height="{height}" font-family="{escape(font)}" '
            f'role="img" aria-label="{escape(title)}">' + "".join(self.parts) + "</svg>"
        )


def _legend(canvas: _Canvas, y: float, overlay: Overlay) -> None:
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
            f'<line x1="{_f(x)}" y1="{_f(y - 3)}" x2="{_f(x + 18)}" y2="{_f(y - 3)}" '
            f'stroke="{colour}" stroke-width="2"{dash}/>'
        )
        canvas.text(x + 22, y, wrap(label, room, size), size, attrs=' fill="#3d4b55"')
        x += 26 + room


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
    canvas = _Canvas(width, lang)
    canvas.grow(cy - r, cy + r)

    def at(i: float, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * value / 100 * math.cos(angle), cy + r * value / 100 * math.sin(angle)

    def outline(values: Sequence[float]) -> str:
        return " ".join(f"{_f(x)},{_f(y)}" for x, y in (at(i, v) for i, v in enumerate(values)))

    for t in sorted({*thresholds, 100.0}):
        if t <= 0:
            continue
        canvas.parts.append(
            f'<polygon points="{outline([t] * n)}" fill="none" stroke="{GRID}" stroke-width="1"/>'
        )
        # ring values between the first two axes, clear of the labels at the axes' ends
        x, y = at(0.5, t)
        canvas.text(x + 2, y + 3, [_f(t)], SMALL, attrs=' fill="#8a99a4"')
    if overlay.target_score is not None:
        canvas.parts.append(
            f'<polygon points="{outline([overlay.target_score] * n)}" fill="none" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="2 2"/>'
        )
    size, line_h = LABEL, LABEL * 1.2
    for i, point in enumerate(points):
        x, y = at(i, 100)
        canvas.parts.append(
            f'<line x1="{_f(cx)}" y1="{_f(cy)}" x2="{_f(x)}" y2="{_f(y)}" '
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
        score = "—" if point.score is None else _f(round(point.score))
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
            canvas.parts.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3" fill="{ACCENT}"/>')
    _legend(canvas, canvas.bottom + 16, overlay)
    return canvas.svg(font_stack(lang), title)


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
    canvas = _Canvas(width, lang)

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
            f'<rect x="{_f(x(start))}" y="{_f(top - 4)}" width="{_f(x(end) - x(start))}" '
            f'height="{_f(height + 4)}" fill="{BAND_FILLS[k % 2]}"/>'
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
                f'<rect x="{_f(x0)}" y="{_f(y + (row_h - bar_h) / 2)}" '
                f'width="{_f(x(point.score) - x0)}" height="{_f(bar_h)}" fill="{ACCENT}"/>'
            )
            label = _f(round(point.score))
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
                f'<line x1="{_f(px)}" y1="{_f(y + 2)}" x2="{_f(px)}" y2="{_f(y + row_h - 2)}" '
                f'stroke="{PEER}" stroke-width="2.5" stroke-dasharray="4 3"/>'
            )
    canvas.grow(0, top + height)
    if overlay.target_score is not None:
        tx = x(overlay.target_score)
        canvas.parts.append(
            f'<line x1="{_f(tx)}" y1="{_f(top - 4)}" x2="{_f(tx)}" y2="{_f(top + height)}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="2 2"/>'
        )
    _legend(canvas, top + height + 16, overlay)
    return canvas.svg(font_stack(lang), title)

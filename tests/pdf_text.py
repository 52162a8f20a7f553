"""Where a PDF page shows its text: each text's size on paper, its height from the page's
bottom, where it starts and ends across the page (from its font's glyph widths), and whether
it sits inside a drawing (a form XObject: the charts), following the content stream's
transformations; and where a drawing's dashed vertical lines run (the charts' stage line).
Used by the report tests that read layout back."""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import pypdf
from pypdf.generic import ContentStream

Matrix = list[float]
IDENTITY: Matrix = [1.0, 0, 0, 1, 0, 0]


class Shown(NamedTuple):
    size: float  # pt on paper
    y: float  # pt from the page's bottom
    in_drawing: bool
    x: float = 0.0  # pt from the page's left edge, where the text starts
    right: float = 0.0  # where it ends (its glyphs' advance; x when its font is not known)


class Dash(NamedTuple):
    """A dashed vertical line, in pt from the page's left edge and bottom."""

    x: float
    low: float
    high: float


def _advance(font: Any, data: Any) -> float:
    """The advance of ``data`` (a Tj string or a TJ array) in text space units per 1 pt
    of font size: the glyphs' widths (a CID font's /W, a simple font's /Widths) and TJ's
    adjustments."""
    if font is None:
        return 0.0
    if font.get("/Subtype") == "/Type0":
        cid = font["/DescendantFonts"][0].get_object()
        default, widths = float(cid.get("/DW", 1000)), {}
        spec = list(cid.get("/W", []))
        k = 0
        while k < len(spec):
            first = int(spec[k])
            if isinstance(spec[k + 1], list):
                for j, w in enumerate(spec[k + 1]):
                    widths[first + j] = float(w)
                k += 2
            else:
                for c in range(first, int(spec[k + 1]) + 1):
                    widths[c] = float(spec[k + 2])
                k += 3

        def glyphs(b: bytes) -> float:
            codes = [b[i] * 256 + b[i + 1] for i in range(0, len(b) - 1, 2)]
            return sum(widths.get(c, default) for c in codes)
    else:
        start, table = int(font.get("/FirstChar", 0)), [float(w) for w in font.get("/Widths", [])]

        def glyphs(b: bytes) -> float:
            return sum(table[c - start] if 0 <= c - start < len(table) else 0.0 for c in b)

    parts = data if isinstance(data, list) else [data]
    total = 0.0
    for part in parts:
        if isinstance(part, (bytes, str)):
            raw = getattr(part, "original_bytes", part)
            total += glyphs(raw if isinstance(raw, bytes) else raw.encode("latin-1"))
        else:
            total -= float(part)
    return total / 1000


def times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    return [
        a * n[0] + b * n[2],
        a * n[1] + b * n[3],
        c * n[0] + d * n[2],
        c * n[1] + d * n[3],
        e * n[0] + f * n[2] + n[4],
        e * n[1] + f * n[3] + n[5],
    ]


def shown_texts(
    reader: pypdf.PdfReader,
    stream: Any,
    resources: Any,
    ctm: Matrix = IDENTITY,
    in_drawing: bool = False,
) -> list[Shown]:
    """Every text shown by ``stream`` (a page's contents or a drawing), drawings included."""
    shown: list[Shown] = []
    saved: list[Matrix] = []
    tm: Matrix = list(IDENTITY)
    size = 0.0
    font: Any = None
    fonts = resources.get("/Font", {}) if resources is not None else {}
    for operands, op in ContentStream(stream, reader).operations:
        if op == b"q":
            saved.append(ctm)
        elif op == b"Q":
            ctm = saved.pop()
        elif op == b"cm":
            ctm = times([float(x) for x in operands], ctm)
        elif op == b"BT":
            tm = list(IDENTITY)
        elif op == b"Tm":
            tm = [float(x) for x in operands]
        elif op == b"Td":
            tm = times([1, 0, 0, 1, float(operands[0]), float(operands[1])], tm)
        elif op == b"Tf":
            size = float(operands[1])
            font = fonts[operands[0]].get_object() if operands[0] in fonts else None
        elif op in (b"Tj", b"TJ"):
            m = times(tm, ctm)
            width = _advance(font, operands[0]) * size * m[0]
            scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
            shown.append(Shown(size * scale, m[5], in_drawing, m[4], m[4] + width))
        elif op == b"Do" and resources is not None:
            form = resources["/XObject"][operands[0]].get_object()
            if form["/Subtype"] == "/Form":
                matrix = [float(v) for v in form.get("/Matrix", IDENTITY)]
                inner = form.get("/Resources", resources)
                shown += shown_texts(reader, form, inner, times(matrix, ctm), True)
    return shown


def dashed_verticals(
    reader: pypdf.PdfReader, stream: Any, resources: Any, ctm: Matrix = IDENTITY
) -> list[Dash]:
    """Every dashed vertical line ``stream`` draws, drawings included."""
    found: list[Dash] = []
    saved: list[tuple[Matrix, bool]] = []
    dashed = False
    start: tuple[float, float] | None = None
    for operands, op in ContentStream(stream, reader).operations:
        if op == b"q":
            saved.append((ctm, dashed))
        elif op == b"Q":
            ctm, dashed = saved.pop()
        elif op == b"cm":
            ctm = times([float(x) for x in operands], ctm)
        elif op == b"d":
            dashed = len(operands[0]) > 0
        elif op == b"m":
            start = (float(operands[0]), float(operands[1]))
        elif op == b"l" and start is not None:
            end = (float(operands[0]), float(operands[1]))
            if dashed and abs(end[0] - start[0]) < 0.01 and abs(end[1] - start[1]) > 1:
                ys = [start[1] * ctm[3] + ctm[5], end[1] * ctm[3] + ctm[5]]
                found.append(Dash(start[0] * ctm[0] + ctm[4], min(ys), max(ys)))
            start = end
        elif op == b"Do" and resources is not None:
            form = resources["/XObject"][operands[0]].get_object()
            if form["/Subtype"] == "/Form":
                matrix = [float(v) for v in form.get("/Matrix", IDENTITY)]
                inner = form.get("/Resources", resources)
                found += dashed_verticals(reader, form, inner, times(matrix, ctm))
    return found

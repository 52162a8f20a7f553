"""Where a PDF page shows its text: each text's size on paper, its height from the page's
bottom, and whether it sits inside a drawing (a form XObject: the charts), following the
content stream's transformations. Used by the report tests that read layout back."""

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
        elif op in (b"Tj", b"TJ"):
            m = times(tm, ctm)
            shown.append(Shown(size * math.sqrt(abs(m[0] * m[3] - m[1] * m[2])), m[5], in_drawing))
        elif op == b"Do" and resources is not None:
            form = resources["/XObject"][operands[0]].get_object()
            if form["/Subtype"] == "/Form":
                matrix = [float(v) for v in form.get("/Matrix", IDENTITY)]
                inner = form.get("/Resources", resources)
                shown += shown_texts(reader, form, inner, times(matrix, ctm), True)
    return shown

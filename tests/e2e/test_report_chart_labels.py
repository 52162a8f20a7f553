"""The charts read at print size: every piece of text on the charts' page (the categories'
names and scores, band heads, legend, ring values) is at least 7.5 pt on paper, read back
from the PDF in English and Chinese. Scaled to 100 mm under the brief's summary, the bars
printed their names and scores at 5.3 pt and their band heads at 4.5 pt."""

from __future__ import annotations

import io
import math
from typing import Any

import pypdf
import pytest
from pypdf.generic import ContentStream

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.pack.loading import load_pack
from sme_assess.report import ReportFormat, build_report

from ..conftest import FIXTURES, PACKS

FIRM = FIXTURES / "firms" / "cnc_job_shop_en.yaml"
HEADING = {"en": "Scores at a glance", "zh": "各方面得分一览"}
Matrix = list[float]


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    return [
        a * n[0] + b * n[2],
        a * n[1] + b * n[3],
        c * n[0] + d * n[2],
        c * n[1] + d * n[3],
        e * n[0] + f * n[2] + n[4],
        e * n[1] + f * n[3] + n[5],
    ]


def text_sizes(reader: pypdf.PdfReader, stream: Any, resources: Any, ctm: Matrix) -> list[tuple]:
    """(size on paper in pt, inside a drawing) of every text shown by ``stream``, following
    the transformations and the drawings (form XObjects: the charts) it places."""
    sizes: list[tuple] = []
    saved: list[Matrix] = []
    tm: Matrix = [1, 0, 0, 1, 0, 0]
    size = 0.0
    for operands, op in ContentStream(stream, reader).operations:
        if op == b"q":
            saved.append(ctm)
        elif op == b"Q":
            ctm = saved.pop()
        elif op == b"cm":
            ctm = _times([float(x) for x in operands], ctm)
        elif op == b"BT":
            tm = [1, 0, 0, 1, 0, 0]
        elif op == b"Tm":
            tm = [float(x) for x in operands]
        elif op == b"Td":
            tm = _times([1, 0, 0, 1, float(operands[0]), float(operands[1])], tm)
        elif op == b"Tf":
            size = float(operands[1])
        elif op in (b"Tj", b"TJ"):
            m = _times(tm, ctm)
            sizes.append((size * math.sqrt(abs(m[0] * m[3] - m[1] * m[2])), ctm))
        elif op == b"Do":
            form = resources["/XObject"][operands[0]].get_object()
            if form["/Subtype"] == "/Form":
                matrix = [float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                inner = text_sizes(
                    reader, form, form.get("/Resources", resources), _times(matrix, ctm)
                )
                sizes.extend((s, "drawing") for s, _m in inner)
    return sizes


@pytest.mark.parametrize(("lang", "edition"), [("en", "brief"), ("zh", "brief"), ("en", "full")])
def test_chart_labels_are_readable_on_paper(lang: str, edition: str) -> None:
    ev = evaluate(load_pack(PACKS / "manufacturing-sme"), load_answers(FIRM), Options(lang=lang))
    reader = pypdf.PdfReader(io.BytesIO(build_report(ev, ReportFormat.pdf, edition=edition)))
    page = next(p for p in reader.pages if HEADING[lang] in p.extract_text())
    sizes = text_sizes(reader, page.get_contents(), page["/Resources"], [1, 0, 0, 1, 0, 0])
    drawn = [s for s, where in sizes if where == "drawing"]
    assert len(drawn) >= 13  # the charts' texts: at least a name per category
    small = sorted({round(s, 2) for s, _where in sizes if s < 7.4})
    assert not small, f"text at {small} pt on the charts' page"

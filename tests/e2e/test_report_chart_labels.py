"""The charts read at print size: every piece of text on the charts' page (the categories'
names and scores, band heads, legend, ring values) is at least 7.5 pt on paper, read back
from the PDF in English and Chinese. Scaled to 100 mm under the brief's summary, the bars
printed their names and scores at 5.3 pt and their band heads at 4.5 pt. No label is crossed
by the dotted stage line ("Data and systems" 37 sat across "Stage 2 starts at 40")."""

from __future__ import annotations

import io

import pypdf
import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.pack.loading import load_pack
from sme_assess.report import ReportFormat, build_report

from ..conftest import FIXTURES, PACKS
from ..pdf_text import dashed_verticals, shown_texts

FIRM = FIXTURES / "firms" / "cnc_job_shop_en.yaml"
HEADING = {"en": "Scores at a glance", "zh": "各方面得分一览"}


@pytest.mark.parametrize(("lang", "edition"), [("en", "brief"), ("zh", "brief"), ("en", "full")])
def test_chart_labels_are_readable_on_paper(lang: str, edition: str) -> None:
    ev = evaluate(load_pack(PACKS / "manufacturing-sme"), load_answers(FIRM), Options(lang=lang))
    reader = pypdf.PdfReader(io.BytesIO(build_report(ev, ReportFormat.pdf, edition=edition)))
    page = next(p for p in reader.pages if HEADING[lang] in p.extract_text())
    shown = shown_texts(reader, page.get_contents(), page["/Resources"])
    drawn = [t for t in shown if t.in_drawing]
    assert len(drawn) >= 13  # the charts' texts: at least a name per category
    small = sorted({round(t.size, 2) for t in shown if t.size < 7.4})
    assert not small, f"text at {small} pt on the charts' page"


@pytest.mark.parametrize(
    ("name", "lang"),
    [("cnc_job_shop_en", "en"), ("cnc_job_shop_en", "zh"), ("electronics_assembler", "en")],
)
def test_no_label_is_crossed_by_the_stage_line(name: str, lang: str) -> None:
    """cnc_job_shop_en's "Data and systems" scores 37 and electronics_assembler has five
    categories at 36-40, all by the line where the next stage (2) starts at 40."""
    folder = "personas" if name == "electronics_assembler" else "firms"
    answers = load_answers(FIXTURES / folder / f"{name}.yaml")
    ev = evaluate(load_pack(PACKS / "manufacturing-sme"), answers, Options(lang=lang))
    reader = pypdf.PdfReader(io.BytesIO(build_report(ev, ReportFormat.pdf, edition="brief")))
    page = next(p for p in reader.pages if HEADING[lang] in p.extract_text())
    lines = dashed_verticals(reader, page.get_contents(), page["/Resources"])
    assert len(lines) == 1  # the bar chart's stage line
    line = lines[0]
    glyphs = shown_texts(reader, page.get_contents(), page["/Resources"])
    beside = [t for t in glyphs if line.low < t.y < line.high and t.right > t.x]
    assert len(beside) > 13  # the bars' names and scores are read with their widths
    crossed = [t for t in beside if t.x - 1 < line.x < t.right + 1]
    assert not crossed, f"the stage line at x={line.x:.1f} pt crosses text at {crossed}"

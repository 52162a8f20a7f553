"""The full edition's pages as an owner turns them (read back with pypdf): a category's
heading, score and description never stand alone at a page's foot with its answers on the
next page ("Digital skills" at the foot of auto_parts' page 6), and no page holds a single
row of answers before the roadmap starts on the next, or the summary's strengths and gaps
alone before the charts (textile_dyeing's page 4)."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.pack.loading import load_pack
from sme_assess.report import ReportFormat, build_report

from ..conftest import FIXTURES, PACKS

STATS = re.compile(r"^(Score \d+ · Stage|得分 \d+ · 档位)")
TABLE = re.compile("WHAT YOU DO TODAY|WHAT THE NEXT STAGE LOOKS LIKE|现在的做法|再上一档是什么样")


@pytest.mark.parametrize(
    ("name", "lang"), [("auto_parts", "en"), ("textile_dyeing", "en"), ("textile_dyeing", "zh")]
)
def test_no_category_heading_is_left_at_a_page_foot(name: str, lang: str) -> None:
    pack = load_pack(PACKS / "manufacturing-sme")
    ev = evaluate(pack, load_answers(FIXTURES / "personas" / f"{name}.yaml"), Options(lang=lang))
    reader = pypdf.PdfReader(io.BytesIO(build_report(ev, ReportFormat.pdf, edition="full")))
    for number, page in enumerate(reader.pages, start=1):
        lines = [x for x in page.extract_text().splitlines() if x.strip()]
        heads = [k for k, line in enumerate(lines) if STATS.search(line)]
        if heads:  # the last category begun on this page shows some of its answers here
            rest = "\n".join(lines[heads[-1] :])
            assert TABLE.search(rest), (number, lines[heads[-1] - 1])
        body = "".join(lines[1:-1])
        if 1 < number < len(reader.pages):  # never a row or two alone on a page
            assert len(body) > 200, (number, lines)

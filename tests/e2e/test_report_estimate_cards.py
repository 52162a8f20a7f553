"""The summary's cards for the MIIT level and the GB/T 39116 band (read back with pypdf): a
bank officer skimming page 3 saw "工信部中小企业数字化水平评测 … 二级" in large type with only a
small badge; each card now says under its level that it is estimated from these answers and
is not an official level."""

from __future__ import annotations

import io

import pypdf
import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.pack.loading import load_pack
from sme_assess.report import ReportFormat, build_report

from ..conftest import FIXTURES, PACKS

SAID = {
    "en": "estimate, not an official level",
    "zh": "估算，不是官方评定的等级",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_estimate_card_says_it_is_not_an_official_level(lang: str) -> None:
    pack = load_pack(PACKS / "manufacturing-sme")
    answers = load_answers(FIXTURES / "personas" / "electronics_assembler.yaml")
    ev = evaluate(pack, answers, Options(lang=lang))
    reader = pypdf.PdfReader(io.BytesIO(build_report(ev, ReportFormat.pdf, edition="brief")))
    summary = next(
        p.extract_text()
        for p in reader.pages
        if "Executive summary" in p.extract_text() or "总体结论" in p.extract_text()
    )
    flat = "".join(summary.split())
    assert flat.count("".join(SAID[lang].split())) == 2, summary[:600]

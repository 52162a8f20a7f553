"""The batch's cohort page (cohort.pdf) as a district office reads it, in English and Chinese
(text read back with pypdf): this tool's scale called "stage" as in the firms' reports, the
range after the median said to be the middle half, the box plots' 0-100 scale, and a median
of fewer than five firms marked as saying little."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest

from ..conftest import FIXTURES


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cohort_page_says_what_its_figures_are(cli, tmp_path: Path, lang: str) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for persona in sorted((FIXTURES / "personas").glob("*.yaml")):
        shutil.copy(persona, inputs / persona.name)
    out = tmp_path / "out"
    result = cli("batch", str(inputs), "-o", str(out), "--lang", lang, "--jobs", "1")
    assert result.exit_code == 0, result.output
    pages = pypdf.PdfReader(out / "cohort.pdf").pages
    text = re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in pages))
    flat = text.replace(" ", "")
    assert " 0 50 100 " in text  # the box plots' scale over their column
    if lang == "en":
        # "Level distribution" / "Level 2": the firms' reports say "stage" for this scale
        # and keep "level" for a framework's (MIIT); "(24–40)" read as lowest and highest
        assert "Stage distribution" in text and "Level" not in text
        assert "Stage 0" in text and "Stage 4" in text
        assert re.search(r"median; the middle half of the firms scores \d+–\d+", text)
        # five personas, each of its own sector: every sector's median is of one firm
        assert re.search(r"\d+\*", text)
        assert "* Fewer than 5 firms: a median of so few says little." in text
    else:
        assert "档位分布" in flat and "等级" not in flat and "第4档" in flat
        assert re.search(r"总分中位数；中间一半的企业得分在\d+–\d+之间", flat)
        assert "*不足5家企业：这么少的企业算出的中位数参考意义不大。" in flat

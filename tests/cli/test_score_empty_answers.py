"""`score`, `report` and `compare` on an answers file with nothing answered (the built-in pack,
--lenient): no stage, said plainly in both languages, never "Stage None" or "第None档"."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from ..conftest import FIXTURES

NO_STAGE = {"en": "not enough answers for a stage", "zh": "答案太少，评不出档位"}


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_score_on_an_empty_file_says_there_is_no_stage(cli, empty: Path, lang: str) -> None:
    result = cli("score", str(empty), "--lenient", "--lang", lang, env={"SME_ASSESS_LANG": lang})
    assert result.exit_code == 0, result.output
    shown = one_line(result.stdout)
    assert "None" not in shown
    assert NO_STAGE[lang] in shown
    headline = {
        "en": "On this tool's own scale there are not enough answers for a stage.",
        "zh": "按本工具自己的档位，答案太少，还评不出档位。",
    }
    assert headline[lang] in shown
    assert "stage —" not in shown and "第—档" not in shown
    # compare of two such files: "—" for the stage, never "None"
    env = {"SME_ASSESS_LANG": lang}
    compared = cli("compare", str(empty), str(empty), "--lenient", "--lang", lang, env=env)
    assert compared.exit_code == 0, compared.output
    assert "Stage None" not in compared.stdout and "第None档" not in compared.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_on_an_empty_file_says_there_is_no_stage(
    cli, empty: Path, tmp_path: Path, lang: str
) -> None:
    md = tmp_path / f"r-{lang}.md"
    assert cli("report", str(empty), "--lenient", "-o", str(md), "--lang", lang).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert "None" not in text
    assert NO_STAGE[lang] in text
    pdf = tmp_path / f"r-{lang}.pdf"
    assert cli("report", str(empty), "--lenient", "-o", str(pdf), "--lang", lang).exit_code == 0
    pages = one_line("".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
    assert "None" not in pages
    assert NO_STAGE[lang].replace(" ", "") in pages.replace(" ", "")
    means = {"en": "What this stage means", "zh": "这一档意味着"}[lang]
    assert means not in pages and means not in text  # no stage: nothing to explain


NO_ESTIMATE = {"en": "not enough answers to estimate", "zh": "答案太少，无法估算"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_framework_level_is_estimated_from_no_answers(cli, empty: Path, lang: str) -> None:
    """An empty file is not "below MIIT level 1": nobody answered, so nothing is estimated."""
    result = cli("score", str(empty), "--lenient", "--lang", lang, env={"SME_ASSESS_LANG": lang})
    assert result.exit_code == 0, result.output
    shown = one_line(result.stdout).replace(" ", "")
    assert NO_ESTIMATE[lang].replace(" ", "") in shown
    below = {"en": "Belowlevel1", "zh": "未达一级"}[lang]
    assert below not in shown


def test_an_estimate_with_questions_left_open_says_how_high_it_could_be(
    cli, tmp_path: Path
) -> None:
    """The tile plant left its digital spend unanswered: below level 1 on the points given,
    level 1 within reach of the unanswered question, and the report says both."""
    firm = FIXTURES / "firms" / "ceramic_tile_kiln.yaml"
    en = cli("score", str(firm), "--lang", "en")
    assert en.exit_code == 0, en.output
    shown = one_line(en.stdout.replace("│", " "))
    assert "Below level 1 (up to Level 1)" in shown
    assert "2 questions it reads are unanswered or “don't know”" in shown
    zh = cli("score", str(firm), "--lang", "zh", env={"SME_ASSESS_LANG": "zh"})
    assert "（最高可能到一级）" in zh.stdout.replace("│", "").replace(" ", "").replace("\n", "")
    md = tmp_path / "tile.md"
    assert cli("report", str(firm), "-o", str(md), "--lang", "en").exit_code == 0
    assert "Below level 1 \\(up to Level 1\\)" in md.read_text(encoding="utf-8")  # md-escaped

"""`score`, `report` and `compare` on an answers file with nothing answered (the built-in pack,
--lenient): no stage, said plainly in both languages, never "Stage None" or "第None档"."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

EMPTY = 'questionnaire: manufacturing-sme\nquestionnaire_version: "1.5.0"\nanswers: {}\n'
NO_STAGE = {"en": "not enough answers for a stage", "zh": "答案太少，评不出档位"}


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.yaml"
    path.write_text(EMPTY, encoding="utf-8")
    return path


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

"""The report as an owner reads it: a funding programme's conditions read as what it asks, not
as facts about the firm ("the plant is in a pilot city"); the summary's stage line and each
estimate stay paragraphs of their own in Markdown; no "—/100" where there is no score."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import FIXTURES

JOB_SHOP = FIXTURES / "personas" / "job_shop.yaml"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "; who qualifies: the plant is in a pilot city"),
        ("zh", "；申请条件：工厂所在城市列入试点"),
    ],
)
def test_a_programmes_conditions_are_said_as_conditions(
    cli, tmp_path: Path, lang: str, said: str
) -> None:
    for ext in ("md", "html"):
        out = tmp_path / f"js-{lang}.{ext}"
        assert cli("report", str(JOB_SHOP), "-o", str(out), "--lang", lang).exit_code == 0
        text = out.read_text(encoding="utf-8")
        assert said in text, ext


def test_the_summarys_paragraphs_stay_apart_in_markdown(cli, tmp_path: Path) -> None:
    """ "What this stage means: …" and the two estimates ran together into one paragraph."""
    out = tmp_path / "js.md"
    assert cli("report", str(JOB_SHOP), "-o", str(out), "--lang", "en").exit_code == 0
    paragraphs = out.read_text(encoding="utf-8").split("\n\n")
    means = next(p for p in paragraphs if p.startswith("What this stage means"))
    assert "Estimated" not in means
    estimates = [p for p in paragraphs if p.lstrip().startswith("**Estimated")]
    assert len(estimates) == 2 and all(p.count("**Estimated") == 1 for p in estimates)


def test_no_score_is_shown_as_a_dash_out_of_100(cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text(
        'questionnaire: manufacturing-sme\nquestionnaire_version: "1.5.0"\nanswers: {}\n',
        encoding="utf-8",
    )
    for ext in ("md", "html"):
        out = tmp_path / f"e.{ext}"
        args = ("report", str(empty), "--lenient", "-o", str(out), "--lang", "en")
        assert cli(*args).exit_code == 0
        text = out.read_text(encoding="utf-8")
        assert "not enough answers for a stage" in text
        assert "—/100" not in text and "—</strong>/100" not in text, ext

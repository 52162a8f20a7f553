"""What a person may type for a number: "nan", "inf" and "1e999" are what Python's float()
reads, not numbers; they are refused like any other text (an integer question crashed the
run on them: the validator converted nan to int). "1,5" is 1.5 or 15: asked again (it was
read as 15); full-width "１２．５" is 12.5."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import FIXTURES, SAMPLE
from .driver import BACKSPACE, DOWN, ENTER, run


def test_nan_and_infinity_are_refused_and_the_run_goes_on(tmp_path: Path) -> None:
    keys = (
        ENTER  # company
        + DOWN
        + ENTER  # sector: machinery (down from "no answer yet")
        + DOWN
        + DOWN
        + ENTER  # size: small
        + DOWN
        + DOWN
        + ENTER  # machine_data: spreadsheet
        + "nan"
        + ENTER  # networked_share: refused
        + BACKSPACE * 3
        + "1e999"
        + ENTER  # refused
        + BACKSPACE * 5
        + "1,5"  # 1.5 or 15? refused, asked again (it was read as 15)
        + ENTER
        + BACKSPACE * 3
        + "１２．５"  # full-width digits and point are a number
        + ENTER
        + " "
        + ENTER  # sensors: the first ticked
        + DOWN
        + ENTER  # has_erp: yes
        + "inf"
        + ENTER  # erp_age (a whole number): refused, not a crash
        + BACKSPACE * 3
        + "nan"
        + ENTER
        + BACKSPACE * 3
        + "3"
        + ENTER
        + DOWN
        + ENTER  # daily_entry
        + ENTER  # free text: skipped
        + ENTER  # review: finish
    )
    draft = tmp_path / "d.json"
    result = run(["--pack", str(SAMPLE), "--draft", str(draft), "-o", str(tmp_path / "r.md")], keys)
    assert result.exit_code == 0, result.output
    answers = json.loads((tmp_path / "d.answers.json").read_text(encoding="utf-8"))["answers"]
    assert answers["networked_share"] == 12.5
    assert answers["erp_age"] == 3


def test_a_precise_saved_number_is_given_back_exactly_and_kept_on_enter(tmp_path: Path) -> None:
    """An earlier answer of 12.3456789 is shown in the box as it was saved: shown as
    "12.3457" (Python's short form), Enter on it recorded a different answer."""
    answers = tmp_path / "answers.yaml"
    text = (FIXTURES / "answers" / "sample_small.yaml").read_text(encoding="utf-8")
    answers.write_text(text.replace("networked_share: 5", "networked_share: 12.3456789"))
    result = run(
        [
            "--resume",
            str(answers),
            "--draft",
            str(tmp_path / "d.json"),
            "-o",
            str(tmp_path / "r.json"),
        ],
        "4"
        + ENTER  # review: question 4, the networked share, by its number
        + ENTER  # the earlier answer as it is
        + ENTER,  # review: finish
    )
    assert result.exit_code == 0, result.output
    assert "12.3456789" in result.prompts
    final = json.loads((tmp_path / "d.answers.json").read_text(encoding="utf-8"))["answers"]
    assert final["networked_share"] == 12.3456789

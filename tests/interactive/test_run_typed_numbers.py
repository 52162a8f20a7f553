"""What a person may type for a number: "nan", "inf" and "1e999" are what Python's float()
reads, not numbers; they are refused like any other text (an integer question crashed the
run on them: the validator converted nan to int). "1,5" is 1.5 or 15: asked again (it was
read as 15); full-width "１２．５" is 12.5."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import SAMPLE
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

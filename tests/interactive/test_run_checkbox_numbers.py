"""Tick boxes by their number, as single-choice answers are picked by theirs: typing an
option's number ticks it (again: unticks it), and the hint says so in the run's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import SAMPLE
from .driver import CTRL_C, DOWN, ENTER, run

pytestmark = pytest.mark.timeout(60)

TO_SENSORS = (
    ENTER  # company
    + DOWN
    + ENTER  # sector
    + DOWN * 2
    + ENTER  # size: small
    + DOWN * 2
    + ENTER  # machine_data: spreadsheet (sensors are asked)
    + "10"
    + ENTER  # networked_share
)


def test_typing_an_options_number_ticks_it_and_again_unticks_it(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    keys = TO_SENSORS + "1" + "3" + "1" + ENTER + CTRL_C  # counts, energy, counts again
    result = run(["--pack", str(SAMPLE), "--draft", str(draft), "--lang", "en"], keys)
    assert result.exit_code == 130, result.output
    assert "(space or the answer's number ticks, Enter confirms)" in result.prompts
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["answers"]["sensors"] == ["energy"]


def test_the_hint_says_it_in_chinese(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    result = run(
        ["--pack", str(SAMPLE), "--draft", str(draft), "--lang", "zh"],
        TO_SENSORS + "2" + ENTER + CTRL_C,
    )
    assert result.exit_code == 130, result.output
    assert "（空格键或选项编号勾选，回车确认）" in result.prompts
    assert json.loads(draft.read_text(encoding="utf-8"))["answers"]["sensors"] == ["stops"]

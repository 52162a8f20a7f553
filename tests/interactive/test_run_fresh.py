"""A question never answered records only what the owner chose: Enter alone on a fresh menu
answers nothing (outcome questions list the best option first, and their order cannot
change), while the arrows, "don't know", back, and a saved answer as the start still work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import SAMPLE
from .driver import CTRL_C, DOWN, ENTER, UP, down, run

pytestmark = pytest.mark.timeout(60)


def _saved(draft: Path) -> dict[str, object]:
    answers: dict[str, object] = json.loads(draft.read_text(encoding="utf-8"))["answers"]
    return answers


def test_enter_on_a_fresh_menu_records_nothing_and_says_what_to_do(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    # the keys run out at the sector question: what it shows then is on the screen
    shown = run(["--pack", str(SAMPLE), "--draft", str(draft)], "Acme" + ENTER)
    assert " » (no answer yet: ↓ to the answer, then Enter)\r\n   1. Machinery" in shown.prompts
    draft.unlink()
    # Enter twice on the untouched question (the keys run out: the run stops, 130)
    result = run(["--pack", str(SAMPLE), "--draft", str(draft)], "Acme" + ENTER + ENTER + ENTER)
    assert result.exit_code == 130
    assert _saved(draft) == {}, "Enter alone picked the first option"
    assert " » Choose an answer first: ↓ moves to the options, Enter confirms" in result.prompts


def test_the_first_option_is_one_arrow_away(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    keys = ENTER + DOWN + ENTER + down(2) + ENTER + CTRL_C  # sector: 1st, size: 2nd
    result = run(["--pack", str(SAMPLE), "--draft", str(draft)], keys)
    assert result.exit_code == 130
    assert _saved(draft) == {"company_sector": "machinery", "company_size": "small"}


def test_enter_on_a_fresh_yes_no_records_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    keys = (
        ENTER
        + DOWN + ENTER  # sector
        + DOWN + ENTER  # size
        + DOWN + ENTER  # machine_data: paper (sensors not shown)
        + "10" + ENTER  # networked_share
        + ENTER + ENTER  # has_erp: untouched
        + CTRL_C
    )  # fmt: skip
    result = run(["--pack", str(SAMPLE), "--draft", str(draft)], keys)
    assert result.exit_code == 130
    assert "has_erp" not in _saved(draft)
    assert _saved(draft)["networked_share"] == 10


def test_enter_on_an_empty_number_records_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    keys = ENTER + DOWN + ENTER + DOWN + ENTER + DOWN + ENTER + ENTER  # the number: Enter
    result = run(["--pack", str(SAMPLE), "--draft", str(draft)], keys)
    assert result.exit_code == 130
    assert "networked_share" not in _saved(draft)
    assert "Please type a number" in result.prompts


def test_dont_know_and_back_work_from_the_no_answer_row(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    keys = (
        ENTER
        + down(2) + ENTER  # sector: food
        + UP + ENTER  # size, from "no answer yet" up to the last row: back to sector
        + ENTER  # sector starts on its answer (food): kept
        + DOWN + ENTER  # size: micro
        + DOWN + ENTER  # machine_data: paper
        + "-" + ENTER  # networked_share: don't know
        + down(2) + ENTER  # has_erp: no
        # daily_entry: from the no-answer row down its 3 options, past the separator
        + down(4) + ENTER  # "Don't know"
        + CTRL_C
    )  # fmt: skip
    result = run(["--pack", str(SAMPLE), "--draft", str(draft)], keys)
    assert result.exit_code == 130
    assert _saved(draft) == {
        "company_sector": "food",
        "company_size": "micro",
        "machine_data": "paper",
        "networked_share": "unknown",
        "has_erp": False,
        "daily_entry": "unknown",
    }

"""Skipping a question is a choice the run remembers: a resumed run does not ask it again,
the review lists it first, and it can be answered there, picked by its number (pipe input)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import SAMPLE
from .driver import CTRL_C, DOWN, ENTER, down, run

pytestmark = pytest.mark.timeout(60)


def test_a_skip_is_not_asked_again_on_resume_and_is_listed_first_on_the_review(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "d.json"
    first = run(
        ["--pack", str(SAMPLE), "--draft", str(draft)],
        "Acme"
        + ENTER
        + down(3)
        + ENTER  # sector: no answer yet, machinery, food, ---, skip
        + CTRL_C,  # at company size
    )
    assert first.exit_code == 130, first.output
    assert json.loads(draft.read_text(encoding="utf-8"))["skipped"] == ["company_sector"]

    second = run(
        ["--resume", str(draft), "-o", str(tmp_path / "r.json")],
        DOWN
        + ENTER  # size: fewer than 20 (the skipped sector is not asked again)
        + DOWN
        + ENTER  # machine data: paper
        + "5"
        + ENTER  # networked share
        + down(2)
        + ENTER  # ERP: no
        + DOWN
        + ENTER  # daily entry: never
        + ENTER  # biggest worry: skipped
        + down(2)
        + ENTER  # review: finish, then the skipped ones first: sector, worry
        + "Paper gets lost"
        + ENTER  # worry, answered now
        + "1"
        + ENTER  # review: question 1, the sector, picked by its number
        + DOWN
        + ENTER  # sector: machinery
        + ENTER,  # review: finish
    )
    assert second.exit_code == 0, second.output
    shown = second.prompts
    assert "You skipped 1 question before: it is not asked again; the review at the end" in shown
    first_question = shown.index("How many people work for you?")
    assert "What do you mainly make?" not in shown[:first_question]
    review = shown.index("All questions done; 2 skipped, listed first")
    assert "What do you mainly make?" not in shown[:review], "asked only when chosen"
    assert "All questions done; 1 skipped" in shown[review:], "the sector is still skipped"
    answers = json.loads((tmp_path / "d.answers.json").read_text(encoding="utf-8"))["answers"]
    assert answers["biggest_worry"] == "Paper gets lost" and answers["company_size"] == "micro"
    assert answers["company_sector"] == "machinery"

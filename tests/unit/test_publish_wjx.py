"""`sme-assess export --to wjx`: what 问卷星's export could not tell apart is refused, and a
hint that would hide the question from the reader is left out."""

from __future__ import annotations

from typing import Any

import pytest

from sme_assess.errors import InputError
from sme_assess.publish.wjx import wjx_text

from .packs_factory import questionnaire


def choice(qid: str, text: str, labels: list[str], **extra: Any) -> dict[str, Any]:
    options = [{"value": f"o{i}", "label": label} for i, label in enumerate(labels)]
    return {"id": qid, "type": "single_choice", "text": text, "options": options, **extra}


def test_two_options_with_the_same_text_are_refused() -> None:
    q = questionnaire([choice("q", "Which?", ["Same", "same"])])
    with pytest.raises(InputError, match=r"question 'q'.*“same” would read back as 'o0'"):
        wjx_text(q, "en")


def test_two_questions_with_the_same_text_are_refused() -> None:
    q = questionnaire([choice("a", "Which?", ["x", "y"]), choice("b", "Which?", ["x", "y"])])
    with pytest.raises(InputError, match=r"question .a.*“\d+、Which\?” would not be read.*several"):
        wjx_text(q, "en")


def test_a_hint_is_dropped_when_the_question_text_ends_in_brackets() -> None:
    """The reader sets trailing brackets aside: "Share (%)" plus a hint would read as "Share"."""
    number = {"id": "n", "type": "number", "text": "Share (%)", "min": 0, "max": 100}
    plain = {"id": "m", "type": "number", "text": "Staff", "min": 0}
    doc = wjx_text(questionnaire([number, plain]), "en")
    titles = [line.split(". ", 1)[-1] for line in doc.text.splitlines()]
    assert "Share (%)[填空题]（选填）" in titles
    assert "Staff（a number; at least 0）[填空题]（选填）" in titles


def test_dont_know_and_not_applicable_are_options_the_reader_knows() -> None:
    q = questionnaire([choice("q", "Which?", ["x", "y"], allow_na=True, allow_unknown=True)])
    lines = [line.split(". ", 1)[-1] for line in wjx_text(q, "en").text.splitlines()]
    start = lines.index("Which?[单选题]（选填）")
    assert lines[start + 1 : start + 5] == ["A x", "B y", "C not applicable", "D don't know"]

"""The same question in two columns of a table (a merged export, a column copied by hand):
the second used to be ignored whatever it said. Now one answer is read from whichever is
filled, and two different answers stop the row instead of scoring the first in silence."""

from __future__ import annotations

import pytest

from sme_assess.answer_io.mapping import Matcher
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE

HEADERS = ["company", "machine_data", "has_erp", "machine_data"]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_pack(SAMPLE).questionnaire)


def test_the_second_column_answers_when_the_first_is_empty(matcher: Matcher) -> None:
    plan = matcher.plan(HEADERS)
    assert plan.questions["machine_data"] == 1
    read = matcher.row(plan, ["A", "", "yes", "gateway"])
    assert read.doc["answers"]["machine_data"] == "gateway"
    assert read.clashes == []


def test_two_columns_that_agree_give_one_answer(matcher: Matcher) -> None:
    read = matcher.row(matcher.plan(HEADERS), ["A", "paper", "yes", "Paper"])
    assert read.doc["answers"]["machine_data"] == "paper"
    assert read.clashes == []


def test_two_columns_that_disagree_are_named_not_scored_in_silence(matcher: Matcher) -> None:
    read = matcher.row(matcher.plan(HEADERS), ["A", "paper", "yes", "gateway"])
    assert read.clashes == ["machine_data: column B says 'paper', column D says 'gateway'"]
    assert read.doc["answers"]["machine_data"] == "paper"  # what --lenient scores


def test_check_mapping_says_how_the_second_column_is_read(matcher: Matcher) -> None:
    column = matcher.plan(HEADERS).columns[3]
    assert column.kind == "ignored" and column.twin_of == 1
    assert "read when that one is empty" in column.how

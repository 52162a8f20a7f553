"""Answers that do not fit the pack: every problem at once, with the answer's key."""

from __future__ import annotations

from sme_assess.engine.answers_check import check_answers
from sme_assess.models import Answers
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE


def _answers(answers: dict, **top: object) -> Answers:
    return Answers.model_validate(
        {"questionnaire": "sample", "questionnaire_version": "1.0.0", **top, "answers": answers}
    )


def test_every_problem_is_listed_with_its_key() -> None:
    q = load_pack(SAMPLE).questionnaire
    problems = check_answers(
        q,
        _answers(
            {
                "company_sector": "shipbuilding",  # not an option
                "machine_data": 3,  # wrong type
                "networked_share": 140,  # above max
                "sensors": ["counts", "none"],  # exclusive option combined
                "has_erp": "yes",  # yes/no needs true/false
                "daily_entry": "n/a",  # n/a not allowed here
                "colour": "blue",  # no such question
            }
        ),
    )
    keys = [p.key for p in problems]
    assert keys == [
        "company_sector",
        "machine_data",
        "networked_share",
        "sensors",
        "has_erp",
        "daily_entry",
        "colour",
    ]
    text = {p.key: p.message for p in problems}
    assert "'shipbuilding' is not an option" in text["company_sector"]
    assert "above the maximum 100" in text["networked_share"]
    assert "true or false" in text["has_erp"]


def test_missing_required_is_a_problem_unless_new_since_the_answers_version() -> None:
    q = load_pack(SAMPLE).questionnaire
    problems = check_answers(q, _answers({}))
    assert [p.key for p in problems] == ["machine_data"]  # required
    # the version is carried over before (versions.carry_over): a question new since then
    # may be unanswered
    assert check_answers(q, _answers({}), lambda qid: qid == "machine_data") == []


def test_answers_for_another_questionnaire_are_refused_outright() -> None:
    q = load_pack(SAMPLE).questionnaire
    other = Answers.model_validate({"questionnaire": "other-pack", "answers": {"x": 1}})
    problems = check_answers(q, other)
    assert len(problems) == 1 and not problems[0].ignorable

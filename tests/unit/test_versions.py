"""Answers given for an earlier version of a pack: versions compared, the pack's migrations
applied, and the note said about it (versions.py, answers_notes.py)."""

from __future__ import annotations

import pytest

from sme_assess.engine.answers_check import check_answers
from sme_assess.engine.answers_notes import version_change
from sme_assess.errors import AnswersError
from sme_assess.models import Answers
from sme_assess.pack.versions import carry_over, is_older, version_key

from .packs_factory import questionnaire, scale

QUESTIONS = [
    scale("machines", "a", [0, 1, 2]),
    {
        "id": "tools",
        "type": "multiple_choice",
        "text": "tools",
        "category": "b",
        "options": [
            {"value": "cad", "label": "cad", "score": 1},
            {"value": "erp", "label": "erp", "score": 1},
        ],
    },
    {**scale("planning", "b", [0, 1]), "required": True},
    {
        "id": "machines_count",
        "type": "number",
        "text": "n",
        "category": "a",
        "bands": [{"max": 10, "score": 0}, {"min": 10, "score": 1}],
    },
]
MIGRATION = {
    "version": "1.0.0",
    "added": ["planning", "machines_count"],
    "questions": {"machine_level": "machines"},
    "options": {"machines": {"old_s1": "s1"}, "tools": {"autocad": "cad"}},
    "dropped": {"networked_pct": {"en": "a percentage then, counts now"}},
}


def _q(migrations: list[dict] | None = None, version: str = "1.1.0"):  # type: ignore[no-untyped-def]
    return questionnaire(QUESTIONS, version=version, migrations=migrations or [])


def _answers(values: dict, version: str | None = "1.0.0") -> Answers:
    return Answers.model_validate(
        {"questionnaire": "t", "questionnaire_version": version, "answers": values}
    )


def test_versions_compare_as_numbers_and_a_pre_release_comes_first() -> None:
    assert is_older("1.9.0", "1.10.0") and not is_older("1.10.0", "1.9.0")
    assert is_older("1.1.0-rc.1", "1.1.0")
    assert version_key("banana") is None and not is_older("banana", "1.0.0")


def test_the_pack_migration_renames_questions_and_options_and_says_what_it_drops() -> None:
    q = _q([MIGRATION])
    old = _answers({"machine_level": "old_s1", "tools": ["autocad", "erp"], "networked_pct": 40})
    carried = carry_over(q, old)
    assert carried.answers.answers == {"machines": "s1", "tools": ["cad", "erp"]}
    assert carried.moved == {"machines": "machine_level"}  # to name the answer where it stands
    lines = carried.applied_lines("en", "en")
    assert "question machine_level is now machines" in lines
    assert "machines: option 'old_s1' is now 's1'" in lines
    assert "tools: option 'autocad' is now 'cad'" in lines
    assert "networked_pct: not carried over (a percentage then, counts now)" in lines
    # the required question added since 1.0.0 is not a problem in these answers
    assert check_answers(q, carried.answers, carried.may_be_unanswered) == []
    change = version_change(carried, q, "en", carried.answers.answers, [])
    assert change is not None and change.new_unanswered == ["planning", "machines_count"]
    assert change.note.startswith(
        "Answered for version 1.0.0, scored against 1.1.0: 2 questions unanswered (new) "
        "(planning, machines_count); 0 answers no longer fit"
    )
    assert "4 changes of the pack applied" in change.note


def test_a_reworded_question_keeps_its_answer_and_every_output_says_to_check_it() -> None:
    q = _q(
        [
            {
                **MIGRATION,
                "reworded": {"tools": {"en": "rungs now follow MIIT", "zh": "按工信部档位改写"}},
            }
        ]
    )
    carried = carry_over(q, _answers({"tools": ["autocad"], "machine_level": "old_s1"}))
    assert carried.answers.answers["tools"] == ["cad"]  # kept, not dropped
    change = version_change(carried, q, "zh", carried.answers.answers, [])
    assert change is not None
    assert "tools：按原答案沿用，但题目措辞已改（按工信部档位改写），请核对" in change.note
    # answers that do not touch the reworded question get no such line
    untouched = carry_over(q, _answers({"machine_level": "old_s1"}))
    assert untouched.reworded == ()


def test_without_a_migration_the_unanswered_are_not_called_new_for_sure() -> None:
    q = _q()
    carried = carry_over(q, _answers({"machines": "s2", "tools": ["gone"]}))
    problems = check_answers(q, carried.answers, carried.may_be_unanswered)
    # the required question may be new: not a problem; the removed option is one
    assert [p.key for p in problems] == ["tools"]
    values = {"machines": "s2"}
    change = version_change(carried, q, "en", values, problems)
    assert change is not None and not change.new_declared
    assert "2 questions unanswered (new, or left blank: the pack does not list" in change.note
    assert (
        "1 answer no longer fits (options or questions removed or renamed) and were left "
        "out (tools)" in change.note
    )
    assert change.no_longer_fit == ["tools: not options: 'gone' (cad, erp)"]


def test_a_required_question_not_new_is_still_a_problem_when_the_pack_lists_what_is_new() -> None:
    q = _q([{**MIGRATION, "added": []}])
    carried = carry_over(q, _answers({"machines": "s0"}))
    problems = check_answers(q, carried.answers, carried.may_be_unanswered)
    assert [(p.key, p.message) for p in problems] == [
        ("planning", "required question is not answered")
    ]


def test_this_version_or_none_is_taken_as_it_is() -> None:
    q = _q([MIGRATION])
    for version in ("1.1.0", None):
        carried = carry_over(q, _answers({"machine_level": "old_s1"}, version))
        assert carried.old_version is None
        assert carried.answers.answers == {"machine_level": "old_s1"}  # no migration applied


@pytest.mark.parametrize(
    ("version", "said"),
    [
        ("1.2.0", "given for version 1.2.0 of 't', newer than this pack's version 1.1.0"),
        ("2.0", "questionnaire_version '2.0', which is not a version like 1.1.0"),
    ],
)
def test_newer_or_unreadable_versions_are_refused_in_one_line(version: str, said: str) -> None:
    with pytest.raises(AnswersError) as caught:
        carry_over(_q([MIGRATION]), _answers({}, version))
    assert said in caught.value.message and caught.value.details == []


def test_the_note_is_said_in_chinese() -> None:
    q = _q([MIGRATION])
    carried = carry_over(q, _answers({"machine_level": "s0"}))
    change = version_change(carried, q, "zh", carried.answers.answers, [])
    assert change is not None
    assert change.note.startswith("答案按 1.0.0 版填写，按 1.1.0 版评分")
    assert "2 道题未回答（新增题）" in change.note

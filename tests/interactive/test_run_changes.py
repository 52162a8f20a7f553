"""Changing an answer that decides which questions are shown, and continuing a draft: keys
through prompt_toolkit pipe input (driver.run). Nothing the owner said is lost, nothing hidden
is scored, and a resumed run asks only what is left."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import SAMPLE
from ..drafts import write_draft
from .driver import BACKSPACE, CTRL_C, DOWN, ENTER, SPACE, UP, down, run

pytestmark = pytest.mark.timeout(60)

# The sample pack in order: company name, company_sector, company_size, machine_data,
# networked_share, [sensors], has_erp (Yes, No, ---, Skip, Help, Back), [erp_age, shown when
# has_erp], daily_entry (never, week, same_day, ---, Don't know, Help, Back), biggest_worry.
# A menu never answered starts on a "no answer yet" row above its options: one more DOWN.


def _saved(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _sample_draft(path: Path, **answers: object) -> Path:
    """A draft of the sample pack 1.0.0 in English, with ``answers`` given so far."""
    return write_draft(path, answers)


def test_a_hidden_answer_is_kept_aside_and_offered_again_when_its_question_returns(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "d.json"
    first = run(
        ["--pack", str(SAMPLE), "--draft", str(draft), "-o", str(tmp_path / "r.json")],
        ENTER  # no company name
        + DOWN
        + ENTER
        + DOWN
        + ENTER  # machinery, micro (down from "no answer yet" to the first option)
        + DOWN
        + ENTER  # machine_data: paper (sensors not shown)
        + "40"
        + ENTER  # networked_share
        + DOWN
        + ENTER  # has_erp: yes -> erp_age shown
        + "7"
        + ENTER  # erp_age
        + down(6)
        + ENTER  # daily_entry: back
        + BACKSPACE
        + "<"
        + ENTER  # erp_age (7 typed in): back
        + DOWN
        + ENTER  # has_erp: no -> erp_age hidden
        + CTRL_C,  # at daily_entry
    )
    assert first.exit_code == 130, first.output
    assert (
        "1 saved answer that no longer fits is kept aside in the draft (not deleted, not scored)."
        "\n  • How many years have you used it?" in first.prompts.replace("\r", "")
    )
    saved = _saved(draft)
    assert "erp_age" not in saved["answers"], "a hidden answer is not scored"
    assert saved["answers"]["has_erp"] is False
    assert [(x["question"], x["value"]) for x in saved["set_aside"]] == [("erp_age", 7)]

    second = run(
        ["--resume", str(draft), "-o", str(tmp_path / "r.json")],
        DOWN
        + ENTER  # daily_entry: never
        + ENTER  # biggest_worry: skipped
        + down(6)
        + ENTER  # review: item 5, has_erp (after the skipped worry, listed first)
        + UP
        + ENTER  # has_erp: yes -> erp_age shown again
        + ENTER  # erp_age: the answer kept aside is offered (Enter takes it)
        + ENTER,  # review: finish
    )
    assert second.exit_code == 0, second.output
    answers = _saved(tmp_path / "d.answers.json")["answers"]
    assert answers["has_erp"] is True and answers["erp_age"] == 7
    assert _saved(draft)["set_aside"] == [], "given again, it is no longer kept aside"


def test_a_hidden_answer_changed_when_it_returns_is_not_kept_twice(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    result = run(
        ["--pack", str(SAMPLE), "--draft", str(draft), "-o", str(tmp_path / "r.json")],
        ENTER
        + DOWN
        + ENTER
        + DOWN
        + ENTER
        + DOWN
        + ENTER
        + "40"
        + ENTER
        + DOWN
        + ENTER  # has_erp: yes
        + "7"
        + ENTER  # erp_age 7
        + down(6)
        + ENTER  # daily_entry: back
        + BACKSPACE
        + "<"
        + ENTER  # erp_age (7 typed in): back
        + DOWN
        + ENTER  # has_erp: no -> 7 kept aside
        + down(6)
        + ENTER  # daily_entry: back
        + UP
        + ENTER  # has_erp: yes -> erp_age offered with 7
        + BACKSPACE
        + "9"
        + ENTER  # erp_age: 9 instead
        + DOWN
        + ENTER  # daily_entry: never
        + ENTER  # biggest_worry: skipped
        + ENTER,  # review: finish
    )
    assert result.exit_code == 0, result.output
    assert _saved(tmp_path / "d.answers.json")["answers"]["erp_age"] == 9
    assert _saved(draft)["set_aside"] == []


def test_a_resumed_draft_asks_what_is_left_not_every_answer_again(tmp_path: Path) -> None:
    draft = _sample_draft(
        tmp_path / "d.json",
        company_sector="food",
        company_size="small",
        machine_data="paper",
        has_erp=False,
        daily_entry="week",
        biggest_worry="late data",
    )
    result = run(
        ["--resume", str(draft), "-o", str(tmp_path / "r.json")],
        "12" + ENTER + ENTER,  # networked_share, the one question left; then finish
    )
    assert result.exit_code == 0, result.output
    assert (
        "Do orders, stock and invoices"
        not in result.prompts.split("What share")[1].split("Review your answers")[0]
    ), "an answered question was asked again"
    answers = _saved(tmp_path / "d.answers.json")["answers"]
    assert answers == {
        "company_sector": "food",
        "company_size": "small",
        "machine_data": "paper",
        "networked_share": 12,
        "has_erp": False,
        "daily_entry": "week",
        "biggest_worry": "late data",
    }


def test_going_back_then_on_walks_through_the_answers_given_since(tmp_path: Path) -> None:
    """Back is still a walk: after going back, Enter goes through the later answers (each as
    its default) up to where the owner was."""
    draft = tmp_path / "d.json"
    result = run(
        ["--pack", str(SAMPLE), "--draft", str(draft), "-o", str(tmp_path / "r.json")],
        ENTER
        + DOWN
        + ENTER
        + DOWN
        + ENTER
        + DOWN
        + ENTER  # machine_data: paper
        + "40"
        + ENTER
        + down(2)
        + ENTER  # has_erp: no
        + down(6)
        + ENTER  # daily_entry: back
        + down(3)
        + ENTER  # has_erp (cursor on No): back
        + BACKSPACE * 2
        + "<"
        + ENTER  # networked_share (40 typed in): back
        + ENTER  # machine_data: paper again
        + ENTER  # networked_share: 40 kept
        + ENTER  # has_erp: no kept
        + down(2)
        + ENTER  # daily_entry: week
        + ENTER  # biggest_worry: skipped
        + ENTER,  # finish
    )
    assert result.exit_code == 0, result.output
    answers = _saved(tmp_path / "d.answers.json")["answers"]
    assert answers == {
        "company_sector": "machinery",
        "company_size": "micro",
        "machine_data": "paper",
        "networked_share": 40,
        "has_erp": False,
        "daily_entry": "week",
    }


@pytest.mark.parametrize("where", ["menu", "ticks", "review"])
def test_ctrl_d_in_a_menu_stops_the_run_like_in_a_typed_answer(tmp_path: Path, where: str) -> None:
    """Ctrl-D is the terminal's "I am done": in a menu it stops at once, keeps every answer
    given and records nothing for the question it was pressed on."""
    draft = tmp_path / "d.json"
    before = {
        "menu": ENTER + DOWN + ENTER,  # at company_size
        "ticks": ENTER + (DOWN + ENTER) * 2 + down(2) + ENTER + "40" + ENTER,  # at sensors
        "review": ENTER
        + (DOWN + ENTER) * 3
        + "40"
        + ENTER
        + down(2)
        + ENTER
        + DOWN
        + ENTER
        + ENTER,
    }[where]
    result = run(
        ["--pack", str(SAMPLE), "--draft", str(draft), "-o", str(tmp_path / "r.json")],
        before + "\x04" + " " + ENTER + ENTER,  # keys after Ctrl-D must do nothing
    )
    assert result.exit_code == 130, result.output
    assert "Stopped. Your answers are saved in" in result.stderr
    answers = _saved(draft)["answers"]
    expected = {
        "menu": {"company_sector": "machinery"},
        "ticks": {
            "company_sector": "machinery",
            "company_size": "micro",
            "machine_data": "spreadsheet",
            "networked_share": 40,
        },
        "review": {
            "company_sector": "machinery",
            "company_size": "micro",
            "machine_data": "paper",
            "networked_share": 40,
            "has_erp": False,
            "daily_entry": "never",
        },
    }[where]
    assert answers == expected
    assert not (tmp_path / "d.answers.json").exists()


def test_a_resumed_answer_the_others_no_longer_lead_to_is_named(tmp_path: Path) -> None:
    """Kept as it was when the draft is continued (answers brought in from a file, a newer
    pack's show-if): the note says which question, not only how many."""
    answers = tmp_path / "a.json"
    answers.write_text(
        json.dumps(
            {
                "questionnaire": "sample",
                "questionnaire_version": "1.0.0",
                "language": "en",
                "answers": {"company_sector": "food", "has_erp": False, "erp_age": 7},
            }
        ),
        encoding="utf-8",
    )
    draft = tmp_path / "d.json"
    result = run(["--resume", str(answers), "--draft", str(draft)], CTRL_C)
    assert result.exit_code == 130, result.output
    assert (
        "1 saved answer is to a question your other answers do not lead to: kept with the "
        "answers as it was, not scored (asked, with it as the default, if a change leads to it)."
        "\n  • How many years have you used it?" in result.prompts.replace("\r", "")
    )
    assert _saved(draft)["answers"]["erp_age"] == 7 and not _saved(draft).get("set_aside")


def test_ticks_with_not_applicable_are_refused_not_recorded_as_not_applicable(
    tmp_path: Path,
) -> None:
    """A tick list with "Not applicable" (or "Don't know", "Skip") besides real ticks was
    recorded as that choice alone, the ticks dropped unsaid: it is refused and asked again."""
    draft = tmp_path / "d.json"
    result = run(
        ["--pack", str(SAMPLE), "--draft", str(draft)],
        ENTER
        + (DOWN + ENTER) * 2
        + down(2)
        + ENTER  # machine_data: spreadsheet -> sensors
        + "40"
        + ENTER
        # sensors: counts, stops, energy, none, ---, skip, n/a, help, back
        + " "
        + down(5)
        + " "
        + ENTER  # part counts and not applicable: refused
        + " "
        + ENTER  # not applicable unticked: part counts
        + CTRL_C,
    )
    assert result.exit_code == 130, result.output
    assert _saved(draft)["answers"]["sensors"] == ["counts"]
    # the refusal, as the owner reads it: tests/interactive/test_run_small_terminal.py


def test_a_command_typed_after_the_earlier_answer_in_the_box_is_the_command(
    tmp_path: Path,
) -> None:
    """Walking back, a typed question shows its answer in the box: "<" typed at its end goes
    back (it was refused as "7<", not a number), "-" after a number says don't know."""
    draft = tmp_path / "d.json"
    result = run(
        ["--pack", str(SAMPLE), "--draft", str(draft), "-o", str(tmp_path / "r.json")],
        ENTER
        + DOWN
        + ENTER
        + DOWN
        + ENTER
        + DOWN
        + ENTER  # machine_data: paper
        + "40"
        + ENTER
        + DOWN
        + ENTER  # has_erp: yes
        + "7"
        + ENTER  # erp_age
        + down(6)
        + ENTER  # daily_entry: back
        + "<"
        + ENTER  # erp_age, "7" in the box: back
        + down(4)
        + ENTER  # has_erp (cursor on Yes): back
        + "-"
        + ENTER  # networked_share, "40" in the box: don't know
        + ENTER  # has_erp: yes kept
        + ENTER  # erp_age: 7 kept
        + DOWN
        + ENTER  # daily_entry: never
        + ENTER  # biggest_worry: skipped
        + ENTER,  # finish
    )
    assert result.exit_code == 0, result.output
    answers = _saved(tmp_path / "d.answers.json")["answers"]
    assert answers["networked_share"] == "unknown"
    assert answers["has_erp"] is True and answers["erp_age"] == 7
    assert answers["daily_entry"] == "never"


def test_back_from_a_question_picked_on_the_review_returns_to_the_review(tmp_path: Path) -> None:
    """Picked on the review, then Back to the question before it: once both are confirmed the
    review comes back, not every later question up to the end."""
    draft, report = tmp_path / "d.json", tmp_path / "r.json"
    result = run(
        ["--pack", str(SAMPLE), "--draft", str(draft), "-o", str(report)],
        ENTER
        + DOWN
        + ENTER
        + DOWN
        + ENTER
        + DOWN
        + ENTER  # machine_data: paper
        + "40"
        + ENTER
        + down(2)
        + ENTER  # has_erp: no
        + DOWN
        + ENTER  # daily_entry: never
        + ENTER  # biggest_worry: skipped
        + down(6)
        + ENTER  # review: item 5, has_erp (after the skipped worry, listed first)
        + down(3)
        + ENTER  # has_erp (cursor on No): back
        + BACKSPACE * 2
        + "12"
        + ENTER  # networked_share: 40 -> 12
        + ENTER  # has_erp: no, kept
        + ENTER,  # the review again: finish
    )
    assert result.exit_code == 0, result.output
    answers = _saved(tmp_path / "d.answers.json")["answers"]
    assert answers["networked_share"] == 12 and answers["has_erp"] is False
    assert answers["daily_entry"] == "never"


def _reworded_has_erp(tmp_path: Path) -> tuple[Path, Path]:
    """The sample pack 1.1.0, whose has_erp was reworded since 1.0.0, and a 1.0.0 draft that
    answered every question."""
    from ..versioned_pack import bumped

    pack = bumped(tmp_path, migrations=False)
    q = pack / "questionnaire.yaml"
    q.write_text(
        q.read_text(encoding="utf-8")
        + "\nmigrations:\n  - version: 1.0.0\n    reworded:\n      has_erp:\n"
        + "        en: it counts a cloud system too now\n        zh: 现在云上的系统也算\n",
        encoding="utf-8",
    )
    draft = _sample_draft(
        tmp_path / "d.json",
        company_sector="food",
        company_size="small",
        machine_data="paper",
        networked_share=5,
        has_erp=False,
        daily_entry="week",
        biggest_worry="late data",
    )
    return pack, draft


def test_a_question_reworded_since_it_was_answered_is_asked_again_on_resume(
    tmp_path: Path,
) -> None:
    """The note says the question changed and asks the owner to check the answer: the run
    asks it again, the kept answer as the default, instead of going straight to the review."""
    pack, draft = _reworded_has_erp(tmp_path)
    result = run(
        ["--pack", str(pack), "--resume", str(draft), "-o", str(tmp_path / "r.json")],
        UP + ENTER + "2" + ENTER + ENTER,  # has_erp: yes now; erp_age shown: 2; finish
    )
    assert result.exit_code == 0, result.output
    shown = result.prompts.replace("\r", "")
    assert "has changed since you answered it (it counts a cloud system too now)" in shown
    assert "is asked again with it as the default" in " ".join(shown.split())
    assert "? Do orders, stock and invoices live in one business system (ERP)? Yes" in shown
    answers = _saved(tmp_path / "d.answers.json")["answers"]
    assert answers["has_erp"] is True and answers["erp_age"] == 2
    assert answers["daily_entry"] == "week", "the other answers are not asked again"


def test_a_reworded_question_is_still_asked_again_after_a_stop_before_it(
    tmp_path: Path,
) -> None:
    """The first resume saves the draft at the new version at once, so the version no longer
    says the question changed: the draft remembers it is to be asked again."""
    pack, draft = _reworded_has_erp(tmp_path)
    args = ["--pack", str(pack), "--resume", str(draft), "-o", str(tmp_path / "r.json")]
    first = run(args, CTRL_C)  # stopped at the reworded question, before answering it
    assert first.exit_code == 130
    second = run(args, ENTER + ENTER)  # has_erp asked again: No kept; finish
    assert second.exit_code == 0, second.output
    shown = second.prompts.replace("\r", "")
    assert "? Do orders, stock and invoices live in one business system (ERP)? No" in shown
    assert "recheck" not in _saved(draft), "checked: nothing left to ask again"


def test_a_question_whose_answer_could_not_tick_an_added_option_is_asked_again(
    tmp_path: Path,
) -> None:
    """Energy use was added to "Which of these do your machines report?" since 1.0.0 (the
    migration's options_added, with no note of the pack's own): the resumed run asks the
    question again, the answer as the default, so the owner can tick it."""
    from ..versioned_pack import bumped

    pack = bumped(tmp_path, migrations=False)
    q = pack / "questionnaire.yaml"
    q.write_text(
        q.read_text(encoding="utf-8")
        + "\nmigrations:\n  - version: 1.0.0\n    options_added: {sensors: [energy]}\n",
        encoding="utf-8",
    )
    draft = _sample_draft(
        tmp_path / "d.json",
        company_sector="food",
        company_size="small",
        machine_data="spreadsheet",
        sensors=["counts"],
        networked_share=5,
        has_erp=False,
        daily_entry="week",
        biggest_worry="late data",
    )
    result = run(
        ["--pack", str(pack), "--resume", str(draft), "-o", str(tmp_path / "r.json")],
        DOWN + DOWN + SPACE + ENTER + ENTER,  # sensors: counts kept, energy ticked; finish
    )
    assert result.exit_code == 0, result.output
    shown = " ".join(result.prompts.replace("\r", "").split())
    assert (
        "“Which of these do your machines report?” did not list “Energy use” when it was "
        "answered, so whether it applies is not known" in shown
    )
    assert "? Which of these do your machines report?" in shown
    answers = _saved(tmp_path / "d.answers.json")["answers"]
    assert answers["sensors"] == ["counts", "energy"]
    assert answers["daily_entry"] == "week", "the other answers are not asked again"

"""`run --resume` of a draft saved with an earlier version of the pack, and the short form
remembered by the draft: keys through prompt_toolkit pipe input (driver.run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..drafts import write_draft
from ..versioned_pack import bumped
from .driver import CTRL_C, DOWN, ENTER, SPACE, run

pytestmark = pytest.mark.timeout(60)

OLD_ANSWERS = {
    "company_sector": "machinery",
    "company_size": "small",
    "machine_level": "typed",  # renamed question, renamed option
    "networked_pct": 20,  # cannot be carried over (the pack says why)
    "sensors": ["counts", "smoke"],  # 'smoke' is no longer an option
    "retired": "x",  # no longer a question
}
OLD_CO = {"company": "Old Co"}


def flat(text: str) -> str:
    return " ".join(text.split())


def test_an_older_draft_resumes_keeping_what_fits_and_setting_the_rest_aside(
    tmp_path: Path,
) -> None:
    pack = bumped(tmp_path)
    draft = write_draft(tmp_path / "old.json", OLD_ANSWERS, respondent=OLD_CO)
    keys = "5" + ENTER + CTRL_C  # networked_share: the first question not answered
    result = run(["--pack", str(pack), "--resume", str(draft)], keys)
    assert result.exit_code == 130, result.output
    shown = flat(result.prompts)
    assert "The questionnaire changed from version 1.0.0 to 1.1.0" in shown
    assert "1 saved answer was carried over to the new version of its question" in shown
    assert (
        "An earlier answer cannot be carried over: it was a percentage of machines; the "
        "question now asks a share it can score." in shown
    )
    assert "“Which of these do your machines report?”: “smoke” is not one of the options" in shown
    assert "1 saved answer belongs to a question no longer in the questionnaire" in shown
    assert "The 3 saved answers that no longer fit are kept aside in the draft" in shown
    assert (
        "1 new question will be asked: “When does a finished order show up in the system?”" in shown
    )
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["questionnaire_version"] == "1.1.0"
    assert saved["answers"] == {
        "company_sector": "machinery",
        "company_size": "small",
        "machine_data": "spreadsheet",  # carried over by the pack's migration
        "networked_share": 5,
    }
    aside = {x["question"]: x for x in saved["set_aside"]}
    assert set(aside) == {"networked_pct", "sensors", "retired"}
    assert aside["sensors"]["value"] == ["counts", "smoke"]
    assert all(x["version"] == "1.0.0" for x in aside.values())
    assert "percentage" in aside["networked_pct"]["why"]

    # resumed again: what was set aside stays on record, and is not said again
    again = run(["--pack", str(pack), "--resume", str(draft)], CTRL_C)
    assert again.exit_code == 130
    assert "kept aside" not in again.prompts and "changed from version" not in again.prompts
    assert json.loads(draft.read_text(encoding="utf-8"))["set_aside"] == saved["set_aside"]


def test_a_draft_of_a_newer_version_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    pack = bumped(tmp_path)
    draft = write_draft(
        tmp_path / "old.json", OLD_ANSWERS, respondent=OLD_CO, questionnaire_version="1.2.0"
    )
    before = draft.read_bytes()
    result = run(["--pack", str(pack), "--resume", str(draft)], "")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "given for version 1.2.0 of 'sample', newer than this pack's version 1.1.0" in lines[0]
    assert draft.read_bytes() == before


def _short_draft(tmp_path: Path, pack: Path) -> Path:
    """A draft started with --short, stopped at its first question."""
    draft = tmp_path / "d.json"
    started = run(["--pack", str(pack), "--short", "--draft", str(draft)], "Short Co" + ENTER)
    assert started.exit_code == 130, started.output
    assert json.loads(draft.read_text(encoding="utf-8"))["short_form"] is True
    return draft


def test_resume_continues_the_short_form_without_the_flag(tmp_path: Path) -> None:
    pack = bumped(tmp_path, short_form=True)
    draft = _short_draft(tmp_path, pack)
    keys = (
        DOWN
        + ENTER  # sector: machinery
        + DOWN
        + ENTER  # size: micro
        + DOWN
        + ENTER  # machine_data: paper (no sensors: hidden)
        + DOWN
        + DOWN
        + ENTER  # has_erp: no
        + DOWN
        + ENTER  # daily_entry: never
        + "None"
        + ENTER  # biggest_worry
        + ENTER  # review: finish
    )
    result = run(["--pack", str(pack), "--resume", str(draft), "-o", str(tmp_path / "r.md")], keys)
    assert result.exit_code == 0, result.output
    assert "This draft was started with the short form (run --short): continuing it" in flat(
        result.prompts
    )
    assert "About 3-4 minutes" in result.stdout
    answers = json.loads((tmp_path / "d.answers.json").read_text(encoding="utf-8"))
    assert answers["short_form"] is True
    assert "networked_share" not in answers["answers"]  # not in the short form: not asked
    out = flat(result.stdout)
    assert "! Short form (run --short): 2 questions were not asked" in out
    assert (
        "Not asked (short form): What share of your machines are connected to a network?; "
        "Which of these do your machines report?" in out
    )
    assert "what the short form aims at is the estimate of Demo framework" in out
    report = flat((tmp_path / "r.md").read_text(encoding="utf-8")).replace("\\", "")
    assert "Short form (run --short): 2 questions were not asked" in report
    assert "Not asked (short form): What share of your machines are connected" in report


def test_an_explicit_full_wins_over_the_draft_and_says_so(tmp_path: Path) -> None:
    pack = bumped(tmp_path, short_form=True)
    draft = _short_draft(tmp_path, pack)
    keys = (DOWN + ENTER) * 3 + CTRL_C  # profile, machine_data; then networked_share
    result = run(["--pack", str(pack), "--resume", str(draft), "--full"], keys)
    assert result.exit_code == 130
    shown = flat(result.prompts)
    assert "This draft was started with the short form; --full asks every question" in shown
    assert "What share of your machines are connected to a network?" in shown
    assert json.loads(draft.read_text(encoding="utf-8"))["short_form"] is False
    assert "--short" not in result.stderr  # the resume command needs no flag: the draft knows


def test_a_saved_answer_the_other_answers_do_not_lead_to_is_kept_as_it_was_not_set_aside(
    tmp_path: Path,
) -> None:
    # erp_age is asked only when has_erp is yes: a draft holding both 'no' and an age (a
    # newer pack's show-if, or answers brought in from a survey export) keeps the age with
    # the answers as it was, named, not scored (the owner hid nothing: nothing is set aside)
    draft = write_draft(
        tmp_path / "old.json",
        {"company_sector": "machinery", "has_erp": False, "erp_age": 7},
        respondent={"company": "Hidden Co"},
    )
    result = run(["--pack", "sample", "--resume", str(draft)], CTRL_C)
    assert result.exit_code == 130, result.output
    assert (
        "1 saved answer is to a question your other answers do not lead to: kept with the "
        "answers as it was, not scored" in flat(result.prompts)
    )
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["answers"] == {"company_sector": "machinery", "has_erp": False, "erp_age": 7}
    assert saved.get("set_aside", []) == []


def test_resuming_answers_for_pack_1_4_0_asks_only_the_questions_new_to_it(
    tmp_path: Path,
) -> None:
    """Pack 1.5.0 added one question (which machines and tooling the plant depends on); a
    1.4.0 answers file resumed asks it, then pack 1.7.0's question on special processes and
    high-risk rooms (the job shop has 25 people), and nothing else, then the review: the
    sector is never taken as either answer. (1.6.0's changeover question follows only where
    moulds or dies are ticked: not for these CNC machines.)"""
    from ..conftest import FIXTURES

    text = (FIXTURES / "personas" / "job_shop.yaml").read_text(encoding="utf-8")
    text = text.replace("questionnaire_version: 1.7.0", "questionnaire_version: 1.4.0")
    text = "\n".join(
        x for x in text.splitlines() if "production_tooling" not in x and "plant_processes" not in x
    )
    old = tmp_path / "job_shop_1_4_0.yaml"
    old.write_text(text, encoding="utf-8")
    draft = tmp_path / "d.json"
    # tick CNC machine tools, confirm; tick "none of these" (the sixth), confirm; stop at the
    # review
    keys = SPACE + ENTER + "6" + ENTER + CTRL_C
    result = run(["--resume", str(old), "--draft", str(draft), "--lang", "en"], keys)
    assert result.exit_code == 130, result.output
    shown = flat(result.prompts)
    assert "The questionnaire changed from version 1.4.0 to 1.7.0" in shown
    assert (
        "2 new questions will be asked: “Which of these machines and tools does your "
        "production depend on?”, “Which of these does your plant run itself?”" in shown
    )
    assert shown.count("(space or the answer's number ticks, Enter confirms)") == 2
    assert "All questions answered. Review your answers" in shown
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["questionnaire_version"] == "1.7.0"
    assert saved["answers"]["production_tooling"] == ["cnc"]
    assert saved["answers"]["plant_processes"] == ["none"]
    assert old.read_text(encoding="utf-8") == text  # the answers file is never written


def test_resuming_a_die_plant_s_answers_for_pack_1_5_0_asks_its_changeovers(
    tmp_path: Path,
) -> None:
    """Pack 1.6.0 asks die and mould plants how changes and tryouts run, and lists SMT lines
    among the machines: an injection moulder's 1.5.0 answers resumed ask the machines again
    (its answer the default, the note saying SMT lines are new), then the changeover question
    and pack 1.7.0's special processes, nothing else; what the owner ticks is saved, the file
    never written."""
    from ..conftest import FIXTURES

    text = (FIXTURES / "firms" / "injection_moulder.yaml").read_text(encoding="utf-8")
    text = text.replace("questionnaire_version: 1.7.0", "questionnaire_version: 1.5.0")
    old = tmp_path / "moulder_1_5_0.yaml"
    old.write_text(text, encoding="utf-8")
    draft = tmp_path / "d.json"
    # keep the machines as they were; tick "every change is timed"; tick "flammables" (the
    # fourth: its paint store); stop at the review
    keys = ENTER + SPACE + ENTER + "4" + ENTER + CTRL_C
    result = run(["--resume", str(old), "--draft", str(draft), "--lang", "en"], keys)
    assert result.exit_code == 130, result.output
    shown = flat(result.prompts)
    assert "The questionnaire changed from version 1.5.0 to 1.7.0" in shown
    assert "it lists SMT lines now" in shown
    assert "How are die and mould changes and tryouts done in your plant today?" in shown
    assert "All questions answered. Review your answers" in shown
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["questionnaire_version"] == "1.7.0"
    assert saved["answers"]["production_tooling"] == ["injection_moulds"]
    assert saved["answers"]["changeover_practice"] == ["changeover_timed"]
    assert saved["answers"]["plant_processes"] == ["flammables"]
    assert old.read_text(encoding="utf-8") == text

"""`sme-assess run` driven like a person would: keys through prompt_toolkit pipe input under
Typer's CliRunner, and once in a real pseudo-terminal."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sme_assess.cli import app

from ..conftest import SAMPLE
from ..drafts import write_draft
from .driver import BACKSPACE, CTRL_C, DOWN, ENTER, SPACE, UP, Pty, down, run

pytestmark = pytest.mark.timeout(60)

# The sample pack in order: company name, company_sector, company_size, machine_data (scale),
# networked_share (number), [sensors (checkbox), shown when machine_data >= spreadsheet],
# has_erp (yes/no), [erp_age (number), shown when has_erp], daily_entry, biggest_worry (text).
# Select menus end with: separator, extras (don't know / skip, n/a, help, back).


def test_a_whole_run_with_every_kind_of_answer(tmp_path: Path) -> None:
    keys = (
        "Lin & Sons <b>"
        + ENTER  # company name, with characters that must stay text
        + DOWN
        + ENTER  # sector: machinery (down from "no answer yet" to the first option)
        + down(2)
        + ENTER  # size: small
        + down(2)
        + ENTER  # machine_data: spreadsheet -> sensors appears
        # refused: not a number, then out of range (the typed text stays, so erase it); then
        # "-" for don't know
        + "abc"
        + ENTER
        + BACKSPACE * 3
        + "150"
        + ENTER
        + BACKSPACE * 3
        + "-"
        + ENTER
        + SPACE
        + DOWN
        + SPACE
        + ENTER  # sensors: counts + stops
        + DOWN
        + ENTER  # has_erp: yes -> erp_age appears
        + "3"
        + ENTER  # erp_age
        + down(3)
        + ENTER  # daily_entry: same_day
        + "Downtime is invisible"
        + ENTER  # free text
        + ENTER  # review: finish
    )
    draft = tmp_path / "d.json"
    result = run(["--pack", str(SAMPLE), "--draft", str(draft), "-o", str(tmp_path / "r.md")], keys)
    assert result.exit_code == 0, result.output
    answers = json.loads((tmp_path / "d.answers.json").read_text(encoding="utf-8"))
    assert answers["respondent"]["company"] == "Lin & Sons <b>"
    # dated: a report made from them later, run --from and compare say when they were given
    assert answers["respondent"]["date"] == dt.date.today().isoformat()
    assert answers["answers"] == {
        "company_sector": "machinery",
        "company_size": "small",
        "machine_data": "spreadsheet",
        "networked_share": "unknown",
        "sensors": ["counts", "stops"],
        "has_erp": True,
        "erp_age": 3,
        "daily_entry": "same_day",
        "biggest_worry": "Downtime is invisible",
    }
    assert "Overall" in result.stdout and "Report written to" in result.stdout
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Lin & Sons \\<b\\>" in report


def test_back_across_sections_help_and_a_question_that_disappears(tmp_path: Path) -> None:
    keys = (
        ENTER  # no company name
        + DOWN
        + ENTER
        + DOWN
        + ENTER  # sector: machinery; size: micro
        + down(3)
        + ENTER  # machine_data: gateway -> sensors shown
        + "40"
        + ENTER  # networked_share
        + SPACE
        + ENTER  # sensors: counts
        # has_erp (section 3) menu: no answer yet, Yes, No, ---, Skip, Help, Back: back to
        # section 2
        + down(5)
        + ENTER
        + ENTER  # sensors again, counts still ticked: confirm
        + DOWN
        + ENTER  # has_erp: yes -> erp_age shown
        + "<"
        + ENTER  # erp_age: back to has_erp
        + down(3)
        + ENTER  # has_erp, cursor on the current answer (Yes): help
        + DOWN
        + ENTER  # has_erp: no -> erp_age hidden
        + DOWN
        + ENTER  # daily_entry: never
        + ENTER  # biggest_worry: empty, skipped
        + down(4)
        + ENTER  # review: change item 3, machine_data (after the skipped worry, listed first)
        + UP
        + UP
        + ENTER  # paper -> sensors no longer applies: dropped with a note
        + ENTER  # review: finish
    )
    draft = tmp_path / "d.json"
    result = run(
        ["--pack", str(SAMPLE), "--draft", str(draft), "-o", str(tmp_path / "r.json")], keys
    )
    assert result.exit_code == 0, result.output
    shown = result.prompts
    assert "About this question: ERP is software that keeps orders" in shown
    assert (
        "1 saved answer that no longer fits is kept aside in the draft (not deleted, not scored)."
        "\n  • Which of these do your machines report?" in shown.replace("\r", "")
    )
    answers = json.loads((tmp_path / "d.answers.json").read_text(encoding="utf-8"))["answers"]
    assert answers == {
        "company_sector": "machinery",
        "company_size": "micro",
        "machine_data": "paper",
        "networked_share": 40,
        "has_erp": False,
        "daily_entry": "never",
    }
    aside = json.loads(draft.read_text(encoding="utf-8"))["set_aside"]
    assert [(x["question"], x["value"]) for x in aside] == [("sensors", ["counts"])]


def test_interrupt_then_resume_loses_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    first = run(
        ["--pack", str(SAMPLE), "--draft", str(draft), "-o", str(tmp_path / "r.json")],
        "Acme" + ENTER + DOWN + ENTER + down(2) + ENTER + down(2) + ENTER + "12" + ENTER + CTRL_C,
    )
    assert first.exit_code == 130
    assert "saved in" in first.stderr and str(draft) in first.stderr
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["answers"] == {
        "company_sector": "machinery",
        "company_size": "small",
        "machine_data": "spreadsheet",
        "networked_share": 12,
    }
    assert saved["respondent"]["company"] == "Acme"
    second = run(
        ["--resume", str(draft), "-o", str(tmp_path / "r.json")],
        # continues at sensors, the first unanswered question
        SPACE + ENTER + down(2) + ENTER + DOWN + ENTER + ENTER + ENTER,
    )
    assert second.exit_code == 0, second.output
    final = json.loads((tmp_path / "d.answers.json").read_text(encoding="utf-8"))
    assert final["respondent"]["company"] == "Acme"
    assert final["answers"]["networked_share"] == 12  # kept from the first session
    assert final["answers"]["sensors"] == ["counts"]
    assert final["answers"]["has_erp"] is False
    assert (
        json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["questionnaire"] == "sample"
    )


def test_closed_terminal_exits_130_with_answers_saved(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    result = run(["--pack", str(SAMPLE), "--draft", str(draft)], "X" + ENTER + DOWN + ENTER)
    assert result.exit_code == 130
    assert json.loads(draft.read_text(encoding="utf-8"))["answers"] == {
        "company_sector": "machinery"
    }


def test_resume_after_the_pack_changed_asks_misfits_again(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE, pack)
    q = pack / "questionnaire.yaml"
    q.write_text(q.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0", 1))
    answers = {
        "company_sector": "machinery",
        "company_size": "huge",  # no longer an option
        "dropped_question": 3,  # no longer in the pack
    }
    draft = write_draft(tmp_path / "old.json", answers, respondent={"company": "Old Co"})
    keys = down(2) + ENTER + DOWN + ENTER + "5" + ENTER + CTRL_C  # size again: small; paper
    result = run(["--pack", str(pack), "--resume", str(draft)], keys)
    assert result.exit_code == 130
    shown = result.prompts
    assert "from version 1.0.0 to 1.1.0" in shown
    assert "“How many people work for you?”: “huge” is not one of the options; it will be " in shown
    assert "1 saved answer belongs to a question no longer in the questionnaire" in shown
    assert "company_size" not in shown and "dropped_question" not in shown
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["questionnaire_version"] == "1.1.0"
    assert saved["answers"] == {
        "company_sector": "machinery",
        "company_size": "small",
        "machine_data": "paper",
        "networked_share": 5,
    }


def test_chinese_prompts(tmp_path: Path) -> None:
    result = run(
        ["--pack", str(SAMPLE), "--lang", "zh", "--draft", str(tmp_path / "d.json")],
        "宁波精工" + ENTER + CTRL_C,
    )
    assert result.exit_code == 130
    saved = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert saved["language"] == "zh" and saved["respondent"]["company"] == "宁波精工"
    assert "数字化小测评" in result.stdout


def test_default_draft_lives_in_the_user_data_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = run(["--pack", str(SAMPLE)], "A" + ENTER + CTRL_C)
    assert result.exit_code == 130
    drafts = list((tmp_path / "data" / "sme-assess" / "drafts").glob("sample-*.json"))
    assert len(drafts) == 1
    assert str(drafts[0]) in result.stdout  # the location is printed at the start


def test_a_report_name_it_cannot_write_is_refused_before_the_first_question(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "d.json"
    result = run(["--pack", str(SAMPLE), "--draft", str(draft), "-o", "report.txt"], ENTER)
    assert result.exit_code == 2 and "--format" in result.stderr
    assert not draft.exists(), "no question was asked, nothing was saved"


@pytest.mark.parametrize("option", ["-o", "--answers-out"])
def test_an_output_that_cannot_be_written_is_refused_before_the_first_question(
    tmp_path: Path, option: str
) -> None:
    """Not after forty minutes of answers: a folder named as a file, a path through a file."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    draft = tmp_path / "d.json"
    for target in (blocker / "out.json", tmp_path):
        result = run(["--pack", str(SAMPLE), "--draft", str(draft), option, str(target)], ENTER)
        assert result.exit_code == 2, result.output
        assert "cannot write" in result.stderr or "is a folder" in result.stderr
        assert "Company name" not in result.prompts
        assert not draft.exists(), "no question was asked, nothing was saved"
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


FINISH_SAMPLE = (
    ENTER + (DOWN + ENTER) * 3 + "5" + ENTER + down(2) + ENTER + DOWN + ENTER + ENTER + ENTER
)  # no company, machinery, micro, paper, 5 %, no ERP, never, worry skipped, finish


def test_the_default_report_name_never_replaces_an_earlier_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two firms assessed in one folder: the second run's report.pdf does not silently take
    the place of the first firm's; it is report-2.pdf, and the run says so."""
    monkeypatch.chdir(tmp_path)
    earlier = tmp_path / "report.pdf"
    earlier.write_bytes(b"%PDF- the first firm's report")
    result = run(["--pack", str(SAMPLE), "--draft", str(tmp_path / "d.json")], FINISH_SAMPLE)
    assert result.exit_code == 0, result.output
    assert earlier.read_bytes() == b"%PDF- the first firm's report"
    assert (tmp_path / "report-2.pdf").read_bytes().startswith(b"%PDF")
    assert "Report written to report-2.pdf" in result.stdout

    # named with -o, the file is the owner's choice: it is replaced
    named = tmp_path / "mine.md"
    named.write_text("old", encoding="utf-8")
    result = run(
        ["--pack", str(SAMPLE), "--draft", str(tmp_path / "e.json"), "-o", str(named)],
        FINISH_SAMPLE,
    )
    assert result.exit_code == 0, result.output
    assert named.read_text(encoding="utf-8") != "old"
    assert not (tmp_path / "mine-2.md").exists()


def test_without_a_terminal_it_says_what_to_do_instead() -> None:
    result = CliRunner().invoke(app, ["run", "--pack", str(SAMPLE)], input="")
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr and "sme-assess score" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_end_to_end_in_a_real_terminal(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "sme-assess"
    env = {**os.environ, "COLUMNS": "120", "LINES": "40", "TERM": "xterm", "LANG": "C.UTF-8"}
    term = Pty(
        [str(exe), "run", "--pack", str(SAMPLE), "--draft", str(tmp_path / "d.json")],
        tmp_path,
        env,
    )
    term.expect("Company name")
    term.send("Pty Works" + ENTER)
    for marker, keys in (
        ("What do you mainly make?", DOWN + ENTER),
        ("How many people work for you?", down(2) + ENTER),
        ("How do machine counts", DOWN + ENTER),
        ("What share of your machines", "8" + ENTER),
        ("Do orders, stock and invoices", down(2) + ENTER),
        ("When does a finished order", down(2) + ENTER),
        ("What worries you most", "paper everywhere" + ENTER),
        ("Review your answers", ENTER),
    ):
        term.expect(marker)
        time.sleep(0.1)
        term.send(keys)
    assert term.wait() == 0, term.seen[-3000:]
    answers = json.loads((tmp_path / "d.answers.json").read_text(encoding="utf-8"))
    assert answers["respondent"]["company"] == "Pty Works"
    assert answers["answers"]["networked_share"] == 8
    assert answers["answers"]["machine_data"] == "paper"
    report = tmp_path / "report.pdf"
    assert report.is_file() and report.read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_built_in_pack_end_to_end_in_a_real_terminal(tmp_path: Path) -> None:
    """Answer every question of the built-in pack the way a hurried owner would (down to the
    first option, the first box ticked, a number where one is asked), then finish the review."""
    exe = Path(sys.executable).parent / "sme-assess"
    env = {**os.environ, "COLUMNS": "160", "LINES": "50", "TERM": "xterm", "LANG": "C.UTF-8"}
    term = Pty(
        [str(exe), "run", "--lang", "en", "--draft", str(tmp_path / "d.json")], tmp_path, env
    )
    term.expect("Company name")
    term.send("Whole Pack Ltd" + ENTER)
    markers = {
        "(arrow keys or the answer's number, then Enter)": DOWN + ENTER,  # the first option
        "(space or the answer's number ticks, Enter confirms)": SPACE + ENTER,
        "(type < to go back": "10" + ENTER,
        "Review your answers": ENTER,
    }
    asked = 0
    while "Review your answers" not in term.seen or asked == 0:
        chunk = term.next_prompt(list(markers), timeout=20, first=("Review your answers",))
        if chunk == "Review your answers":
            term.send(ENTER)
            break
        term.send(markers[chunk])
        asked += 1
        assert asked < 200, "the run does not end"
    assert term.wait() == 0, term.seen[-3000:]
    answers = json.loads((tmp_path / "d.answers.json").read_text(encoding="utf-8"))
    assert answers["questionnaire"] == "manufacturing-sme"
    assert answers["respondent"]["company"] == "Whole Pack Ltd"
    assert len(answers["answers"]) >= 40
    assert answers["answers"]["equipment_networked_pct"] == 10
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")

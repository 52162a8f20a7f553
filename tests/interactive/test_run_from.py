"""`run --from OLD`: the earlier answers confirmed or changed section by section (pipe input),
both dates recorded, the earlier file never written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from ..conftest import FIXTURES
from .driver import BACKSPACE, CTRL_C, DOWN, ENTER, SPACE, UP, run

pytestmark = pytest.mark.timeout(60)

ANSWERS = FIXTURES / "answers" / "sample_small.yaml"
# a section's question starts on no choice: Keep is one down, Change some two
KEEP, CHANGE = DOWN + ENTER, DOWN + DOWN + ENTER


def _earlier(tmp_path: Path, old: str, new: str) -> Path:
    """The sample answers, with ``old`` written as ``new``, as an earlier answers file."""
    path = tmp_path / "t0.yaml"
    path.write_text(ANSWERS.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return path


@pytest.fixture
def old(tmp_path: Path) -> Path:
    return _earlier(tmp_path, "size: small}", "size: small, date: 2026-01-15}")


def test_keeping_every_section_gives_the_same_answers_dated_today(
    old: Path, tmp_path: Path
) -> None:
    before = old.read_bytes()
    result = run(
        ["--from", str(old), "--draft", str(tmp_path / "t1.json"), "-o", str(tmp_path / "r.json")],
        KEEP * 3 + ENTER,  # every section kept, then the review: finish
    )
    assert result.exit_code == 0, result.output
    assert "Re-assessing from the answers of 2026-01-15" in result.prompts
    assert "Section 2/3: Shop floor. Your answers of 2026-01-15:" in result.prompts
    assert "How do machine counts and stops reach the office? — Written on paper" in result.prompts
    final = json.loads((tmp_path / "t1.answers.json").read_text(encoding="utf-8"))
    assert final["respondent"]["date"] == dt.date.today().isoformat()
    assert final["respondent"]["previous_date"] == "2026-01-15"
    assert final["respondent"]["company"] == "Lin Precision Parts"
    old_answers = yaml.safe_load(before)["answers"]
    assert final["answers"] == old_answers
    assert old.read_bytes() == before


def test_changing_one_section_asks_its_questions_with_the_old_answers_as_defaults(
    old: Path, tmp_path: Path
) -> None:
    keys = (
        KEEP  # profile
        + CHANGE  # shop floor
        + DOWN
        + ENTER  # machine data: from "paper" (the default) one down: a spreadsheet
        + BACKSPACE
        + "40"
        + ENTER  # networked share: 5 -> 40
        + SPACE
        + ENTER  # a question the new answers bring up: part counts
        + KEEP  # office
        + ENTER  # review: finish
    )
    result = run(
        ["--from", str(old), "--draft", str(tmp_path / "t1.json"), "-o", str(tmp_path / "r.json")],
        keys,
    )
    assert result.exit_code == 0, result.output
    final = json.loads((tmp_path / "t1.answers.json").read_text(encoding="utf-8"))["answers"]
    assert final["machine_data"] == "spreadsheet" and final["networked_share"] == 40
    assert final["sensors"] == ["counts"]
    assert final["daily_entry"] == "week" and final["company_size"] == "small"  # kept


def test_an_interrupted_re_assessment_continues_at_the_section_it_stopped_in(
    old: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "t1.json"
    first = run(
        ["--from", str(old), "--draft", str(draft), "-o", str(tmp_path / "r.json")], KEEP + CTRL_C
    )
    assert first.exit_code == 130
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["confirm"] == ["shop_floor", "office"]
    assert saved["respondent"]["previous_date"] == "2026-01-15"
    second = run(["--resume", str(draft), "-o", str(tmp_path / "r.json")], KEEP * 2 + ENTER)
    assert second.exit_code == 0, second.output
    assert "Section 1/3" not in second.prompts and "Section 2/3: Shop floor" in second.prompts
    final = json.loads((tmp_path / "t1.answers.json").read_text(encoding="utf-8"))
    assert final["respondent"]["previous_date"] == "2026-01-15"
    assert "confirm" not in final


def test_a_re_assessment_stopped_while_changing_a_section_goes_on_changing_it(
    old: Path, tmp_path: Path
) -> None:
    """Its answers are partly new then: they are not listed again as the earlier ones, and
    the owner is not asked a second time whether to keep or change the section."""
    draft = tmp_path / "t1.json"
    first = run(
        ["--from", str(old), "--draft", str(draft), "-o", str(tmp_path / "r.json")],
        KEEP  # profile
        + CHANGE  # shop floor
        + DOWN
        + DOWN
        + ENTER  # machine data: paper -> read automatically
        + CTRL_C,  # at networked share
    )
    assert first.exit_code == 130, first.output
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["answers"]["machine_data"] == "gateway"
    second = run(
        ["--resume", str(draft), "-o", str(tmp_path / "r.json")],
        ENTER  # networked share, where it stopped: 5 kept
        + SPACE
        + ENTER  # sensors (shown now): part counts
        + KEEP  # office
        + ENTER,  # review: finish
    )
    assert second.exit_code == 0, second.output
    assert "Your answers of 2026-01-15:\n  • How do machine counts" not in second.prompts.replace(
        "\r", ""
    ), "an answer changed in this re-assessment is shown as the earlier one"
    assert "Section 2/3: Shop floor" not in second.prompts
    # it goes on at the question it stopped at, not at the one answered before it
    assert "? How do machine counts and stops reach the office?" not in second.prompts
    assert "Section 3/3: Office. Your answers of 2026-01-15:" in second.prompts
    final = json.loads((tmp_path / "t1.answers.json").read_text(encoding="utf-8"))["answers"]
    assert final["machine_data"] == "gateway" and final["sensors"] == ["counts"]
    assert final["networked_share"] == 5 and final["daily_entry"] == "week"


def test_from_and_resume_together_are_refused(old: Path, tmp_path: Path) -> None:
    result = run(["--from", str(old), "--resume", str(old)], ENTER)
    assert result.exit_code == 2
    assert "give one" in result.stderr and result.prompts == ""


def test_compare_reads_the_two_files_a_re_assessment_leaves(old: Path, tmp_path: Path) -> None:
    keys = KEEP + CHANGE + DOWN + ENTER + BACKSPACE + "40" + ENTER + SPACE + ENTER + KEEP + ENTER
    result = run(
        ["--from", str(old), "--draft", str(tmp_path / "t1.json"), "-o", str(tmp_path / "r.json")],
        keys,
    )
    assert result.exit_code == 0, result.output
    from typer.testing import CliRunner

    from sme_assess.cli import app

    shown = CliRunner().invoke(
        app, ["compare", str(old), str(tmp_path / "t1.answers.json"), "-f", "json"]
    )
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert data["date_before"] == "2026-01-15" and data["date_after"] == dt.date.today().isoformat()
    equipment = next(c for c in data["categories"] if c["id"] == "equipment")
    assert equipment["score"]["change"] > 0


def test_an_undated_earlier_file_reads_as_last_time_in_chinese(tmp_path: Path) -> None:
    undated = tmp_path / "t0.yaml"
    undated.write_bytes(ANSWERS.read_bytes())
    args = ["--from", str(undated), "--draft", str(tmp_path / "t1.json")]
    result = run([*args, "-o", str(tmp_path / "r.json"), "--lang", "zh"], KEEP * 3 + ENTER)
    assert result.exit_code == 0, result.output
    assert "中上次的答案为基础重新评估" in result.prompts, result.prompts
    assert "您上次的回答：" in result.prompts, result.prompts
    assert " 上次 " not in result.prompts  # a word in a sentence, not a date set apart


def test_enter_alone_neither_keeps_nor_changes_an_earlier_section(
    old: Path, tmp_path: Path
) -> None:
    """The earlier answers become today's only when the owner chooses "Keep": Enter pressed
    without reading (the cursor starts on no choice) keeps nothing and says what to do."""
    draft = tmp_path / "t1.json"
    result = run(
        ["--from", str(old), "--draft", str(draft), "-o", str(tmp_path / "r.json")],
        ENTER * 3,  # the keys run out: the run stops
    )
    assert result.exit_code == 130, result.output
    assert "Keep these answers, or change some? (arrow keys, Enter)\r\n » (no answer yet" in (
        result.prompts
    )
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["confirm"] == ["profile", "shop_floor", "office"], "nothing was kept unread"


PERSONAS = sorted((FIXTURES / "personas").glob("*.yaml"))


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.stem for p in PERSONAS])
def test_re_assessing_a_persona_unchanged_sets_nothing_aside(persona: Path, tmp_path: Path) -> None:
    """Answers to questions the earlier answers themselves do not lead to (the pack's show-if
    since they were given) were set aside as "no longer reached" though the owner changed
    nothing: they stay with the answers as they were, and the answers come back unchanged."""
    from sme_assess.interview.start import prepare

    prepared = prepare(None, "en", tmp_path / "t1.json", None, None, persona)
    with prepared.lock:
        state = prepared.state
        assert state.set_aside == []
        assert state.answers().answers == yaml.safe_load(persona.read_text("utf-8"))["answers"]
    saved = json.loads((tmp_path / "t1.json").read_text(encoding="utf-8"))
    assert saved.get("set_aside", []) == []


@pytest.fixture
def hidden(tmp_path: Path) -> Path:
    """An earlier answers file with an answer its own other answers do not lead to."""
    return _earlier(tmp_path, "has_erp: false", "has_erp: false\n  erp_age: 7")


def test_an_answer_the_earlier_answers_hide_comes_back_unchanged_when_all_is_kept(
    hidden: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "t1.json"
    result = run(
        ["--from", str(hidden), "--draft", str(draft), "-o", str(tmp_path / "r.json")],
        KEEP * 3 + ENTER,
    )
    assert result.exit_code == 0, result.output
    assert "no longer fit" not in result.prompts and "kept aside" not in result.prompts
    final = json.loads((tmp_path / "t1.answers.json").read_text(encoding="utf-8"))
    assert final["answers"] == yaml.safe_load(hidden.read_text("utf-8"))["answers"]
    assert not json.loads(draft.read_text(encoding="utf-8")).get("set_aside")


def test_an_answer_the_earlier_answers_hide_is_asked_when_a_change_leads_to_it(
    hidden: Path, tmp_path: Path
) -> None:
    keys = (
        KEEP * 2  # profile, shop floor
        + CHANGE  # office
        + UP
        + ENTER  # has_erp: no -> yes
        + ENTER  # erp_age: asked, the 7 it held as the default
        + ENTER  # daily_entry kept
        + ENTER  # biggest_worry kept
        + ENTER  # review: finish
    )
    draft = tmp_path / "t1.json"
    result = run(
        ["--from", str(hidden), "--draft", str(draft), "-o", str(tmp_path / "r.json")], keys
    )
    assert result.exit_code == 0, result.output
    assert "How many years have you used it?" in result.prompts
    final = json.loads((tmp_path / "t1.answers.json").read_text(encoding="utf-8"))["answers"]
    assert final["has_erp"] is True and final["erp_age"] == 7
    assert not json.loads(draft.read_text(encoding="utf-8")).get("set_aside")

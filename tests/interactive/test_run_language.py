"""Every word of a run in the run's language, and no empty tick list taken as an answer
(pipe input, in-process; what the prompts drew is read back as text)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ..conftest import SAMPLE
from ..drafts import write_draft
from .driver import BACKSPACE, CTRL_C, DOWN, ENTER, SPACE, UP, down, run

pytestmark = pytest.mark.timeout(60)

# questionary's own English, which must never reach a person
ENGLISH = ("Use arrow keys", "done (", "selections", "Description:", "<space> to select")

# to the sensors checkbox of the sample pack: company, sector, size, machine_data
# (spreadsheet: sensors shown), networked_share
TO_SENSORS = "Acme" + ENTER + (DOWN + ENTER) * 2 + down(2) + ENTER + "40" + ENTER


def _pack_with_at_most_two(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE, pack)
    q = pack / "questionnaire.yaml"
    text = q.read_text(encoding="utf-8")
    q.write_text(text.replace("max_score: 2\n", "max_score: 2\n        max_selected: 2\n", 1))
    return pack


def test_enter_with_nothing_ticked_asks_again(tmp_path: Path) -> None:
    """(What it says is read off a real screen in test_run_small_terminal.)"""
    draft = tmp_path / "d.json"
    keys = TO_SENSORS + ENTER + SPACE + ENTER + CTRL_C  # nothing ticked; then counts
    result = run(["--pack", str(SAMPLE), "--draft", str(draft)], keys)
    assert result.exit_code == 130, result.output
    answers = json.loads(draft.read_text(encoding="utf-8"))["answers"]
    assert answers["sensors"] == ["counts"]


def test_none_of_these_is_an_answer_and_nothing_ticked_is_not(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    keys = TO_SENSORS + ENTER + ENTER + down(3) + SPACE + ENTER + CTRL_C
    result = run(["--pack", str(SAMPLE), "--draft", str(draft)], keys)
    assert result.exit_code == 130, result.output
    assert json.loads(draft.read_text(encoding="utf-8"))["answers"]["sensors"] == ["none"]


def test_a_saved_empty_tick_list_is_asked_again(tmp_path: Path) -> None:
    answers = {"machine_data": "gateway", "sensors": []}
    draft = write_draft(tmp_path / "old.json", answers, language="zh")
    result = run(["--resume", str(draft)], CTRL_C)
    assert result.exit_code == 130
    assert "“设备能自动报上来哪些数据？”：之前一项也没勾选，稍后会重新问。" in result.prompts


def test_a_chinese_run_shows_no_english(tmp_path: Path) -> None:
    """Refused answers (above the maximum, too many ticks, 'none' with others) are not
    recorded; the refusals' words are read off a real screen in test_run_small_terminal."""
    pack = _pack_with_at_most_two(tmp_path)
    draft = tmp_path / "d.json"
    keys = (
        "宁波精工"
        + ENTER
        + DOWN
        + ENTER
        + DOWN
        + ENTER
        + down(2)
        + ENTER  # machine_data: 录进Excel
        + "150"
        + ENTER  # refused: above the maximum
        + BACKSPACE * 3
        + "40"
        + ENTER
        + SPACE
        + DOWN
        + SPACE
        + DOWN
        + SPACE
        + ENTER  # three ticked: refused
        + SPACE  # untick energy (the cursor is on it)
        + UP
        + SPACE  # untick stops
        + DOWN
        + DOWN
        + SPACE
        + ENTER  # counts and none: refused
        + SPACE  # untick none
        + UP
        + UP
        + SPACE
        + ENTER  # counts and stops
        + CTRL_C
    )
    result = run(["--pack", str(pack), "--lang", "zh", "--draft", str(draft)], keys)
    assert result.exit_code == 130, result.output
    shown = result.prompts
    assert "? 设备能自动报上来哪些数据？ 产量、停机和原因" in shown  # the answered line
    assert "（方向键或答案前的数字选择，回车确认）" in shown  # where Ctrl-C left the run
    for english in (*ENGLISH, "is above the maximum", "tick at most", "cannot be combined"):
        assert english not in shown, english
    assert "已暂停，答案都保存在" in result.stderr
    answers = json.loads(draft.read_text(encoding="utf-8"))["answers"]
    assert answers["sensors"] == ["counts", "stops"] and answers["networked_share"] == 40


def test_chinese_resume_notes_name_questions_by_their_text(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE, pack)
    q = pack / "questionnaire.yaml"
    q.write_text(q.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0", 1))
    answers = {"company_size": "huge", "networked_share": 150, "gone_q": 1}
    draft = write_draft(tmp_path / "old.json", answers, language="zh")
    result = run(["--pack", str(pack), "--resume", str(draft)], CTRL_C)
    assert result.exit_code == 130
    shown = result.prompts
    assert "保存这些答案之后，问卷从 1.0.0 版更新到了 1.1.0 版。" in shown
    assert "“员工有多少人？”：“huge”不是可选项，稍后会重新问。" in shown
    assert "“联网的设备占多大比例？”：150 大于最大值 100，稍后会重新问。" in shown
    assert "有 1 个已保存的回答对应的题目已不在问卷里。" in shown
    # no longer deleted: kept aside in the draft, said in the run's language
    assert "不再适用的 3 个已保存回答另存在草稿里（不删除，也不计分）。" in shown
    for raw in ("company_size", "networked_share", "gone_q"):
        assert raw not in shown


def test_the_review_and_the_removed_answers_note_in_chinese(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    keys = (
        ENTER  # no company
        + DOWN
        + ENTER
        + DOWN
        + ENTER
        + down(3)
        + ENTER  # machine_data: gateway -> sensors
        + "40"
        + ENTER
        + SPACE
        + ENTER  # sensors: counts
        + down(2)
        + ENTER  # has_erp: no
        + DOWN
        + ENTER  # daily_entry
        + ENTER  # biggest_worry: skipped
        + down(4)
        + ENTER  # review: item 3, machine_data (after the skipped worry, listed first)
        + UP
        + UP
        + ENTER  # paper: sensors kept aside
        + CTRL_C  # at the review, with the note
    )
    result = run(["--pack", str(SAMPLE), "--lang", "zh", "--draft", str(draft)], keys)
    assert result.exit_code == 130, result.output
    shown = result.prompts.replace("\r", "")
    note = (
        "不再适用的 1 个已保存回答另存在草稿里（不删除，也不计分）。\n"
        "  • 设备能自动报上来哪些数据？"
    )
    # the note is part of the review prompt drawn after it, not a line that scrolls away
    review = shown.rindex("题目都答完了")
    assert note in shown[:review] and shown.rindex(note) > shown.rindex("? 机器的产量")
    for english in ENGLISH:
        assert english not in shown, english


def test_a_question_explained_in_chinese_reads_as_chinese(tmp_path: Path) -> None:
    """The help note says "题目说明：" with the Chinese colon, not "题目说明: "."""
    keys = "Acme" + ENTER + ("1" + ENTER) * 3 + "?" + ENTER  # share: help, then the keys end
    draft = tmp_path / "d.json"
    result = run(["--pack", str(SAMPLE), "--lang", "zh", "--draft", str(draft)], keys)
    assert result.exit_code == 130, result.output
    assert "题目说明：数据能被系统读到的设备才算联网。" in result.prompts

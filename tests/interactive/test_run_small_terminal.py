"""A Chinese run in a real 80x24 pseudo-terminal, read off the screen as a person sees it
(a terminal emulator draws what the program writes): nothing cut at the edge, notes that
stay in sight, refusals in Chinese, no English anywhere."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from ..conftest import FIXTURES, SAMPLE
from .driver import BACKSPACE, DOWN, ENTER, SPACE, UP, Pty, terminal_env

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

EXE = Path(sys.executable).parent / "sme-assess"
ENGLISH = ("Use arrow keys", "done (", "selections", "Description:", "<space> to select")
LONG = (
    "网关自动读取每台设备控制器里的产量、停机和报警数据，生产管理系统里随时都能看到每台机器"
    "现在的状态和今天的产量。"
)


def _pack(tmp_path: Path) -> Path:
    """The sample pack with a scale description longer than a line and at most two ticks."""
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE, pack)
    q = pack / "questionnaire.yaml"
    text = q.read_text(encoding="utf-8").replace("网关自动读控制器，系统里实时能看到。", LONG)
    text = text.replace("max_score: 2\n", "max_score: 2\n        max_selected: 2\n", 1)
    q.write_text(text, encoding="utf-8")
    return pack


def test_a_chinese_run_at_80x24(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    args = [str(EXE), "run", "--pack", str(_pack(tmp_path)), "--lang", "zh"]
    term = Pty([*args, "--draft", str(draft)], tmp_path, terminal_env(), rows=24, cols=80)
    term.wait_screen("企业名称")
    term.send("宁波精工" + ENTER)
    term.wait_screen("主要做什么产品")
    term.wait_screen("» （还没有回答：按 ↓ 移到答案上，再按回车）")  # the cursor is on no option
    term.send(ENTER)  # untouched: nothing is recorded, the row says what to do
    term.wait_screen("» 请先选一个答案：按 ↓ 移到选项上，回车确认")
    term.send(DOWN + ENTER)
    term.wait_screen("员工有多少人")
    term.send(DOWN + ENTER)
    term.wait_screen("机器的产量和停机情况怎么报到办公室")
    # the long description is wrapped under its label, whole, not cut at the edge
    term.wait_screen("自动采集" + LONG)
    assert all(len(row.rstrip()) <= 80 for row in term.display)
    term.send(DOWN * 3 + ENTER)
    term.wait_screen("联网的设备占多大比例")
    term.send("150" + ENTER)
    term.wait_screen("150 大于最大值 100")
    term.send(BACKSPACE * 3 + "40" + ENTER)
    term.wait_screen("设备能自动报上来哪些数据")
    term.send(ENTER)  # nothing ticked
    term.wait_screen("请用空格键至少勾选一项；都不符合请勾选“都没有”")
    term.send(SPACE + DOWN + SPACE + DOWN + SPACE + ENTER)  # three ticked
    term.wait_screen("最多勾选 2 项（已勾选 3 项）")
    term.send(SPACE + UP + SPACE + DOWN + DOWN + SPACE + ENTER)  # counts and none
    term.wait_screen("“都没有”不能和其他选项同时勾选")
    term.send(SPACE + UP + UP + SPACE + DOWN * 4 + SPACE + ENTER)  # counts, stops and n/a
    term.wait_screen("“我们没有这项业务（不适用）”不能和其他选项同时勾选")
    term.send(SPACE + ENTER)  # counts and stops
    term.wait_screen("? 设备能自动报上来哪些数据？ 产量、停机和原因")
    term.wait_screen("订单、库存、开票")
    term.send(DOWN * 2 + ENTER)  # no ERP
    term.wait_screen("订单完工后多久")
    term.send(DOWN + ENTER)
    term.wait_screen("最担心")
    term.send(ENTER)  # skipped
    term.wait_screen("题目都答完了")
    term.send(DOWN * 4 + ENTER)  # change machine_data (after the skipped worry, listed first)
    term.wait_screen("机器的产量和停机情况怎么报到办公室")
    term.send(UP + UP + ENTER)  # paper: the sensors answer no longer applies
    term.wait_screen("题目都答完了")
    # the note is on the screen together with the review it belongs to
    note = "不再适用的 1 个已保存回答另存在草稿里（不删除，也不计分）。• 设备能自动报上来哪些数据？"
    assert note in term.flat()
    term.send(ENTER)  # finish
    assert term.wait() == 0, "\n".join(term.display)
    for english in ENGLISH:
        assert english not in term.everything, english
    answers = json.loads((tmp_path / "d.answers.json").read_text(encoding="utf-8"))["answers"]
    assert answers["machine_data"] == "paper" and "sensors" not in answers
    assert answers["networked_share"] == 40


def test_a_window_narrowed_in_the_middle_of_a_question_is_fitted_again(tmp_path: Path) -> None:
    """Started at 120 columns, narrowed to 60 while a question is asked: the question and
    every choice's description are wrapped again to the new width, whole, none cut."""
    args = [str(EXE), "run", "--pack", str(_pack(tmp_path)), "--lang", "zh"]
    args += ["--draft", str(tmp_path / "d.json")]
    term = Pty(args, tmp_path, terminal_env(), rows=30, cols=120)
    term.wait_screen("企业名称")
    term.send(ENTER + DOWN + ENTER + DOWN + ENTER)
    term.wait_screen("自动采集" + LONG)
    term.resize(30, 60)
    term.send(DOWN)  # the owner moves on the same question
    term.wait_screen("网关" + LONG[2:])
    assert all(len(row.rstrip()) <= 60 for row in term.display)
    assert "机器的产量和停机情况怎么报到办公室？" in term.flat()
    term.resize(30, 100)
    term.send(UP)
    term.wait_screen("自动采集" + LONG)
    term.send(DOWN + ENTER)  # paper (up was back on the no-answer row)
    term.wait_screen("联网的设备占多大比例")
    term.proc.kill()
    term.wait()
    saved = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert saved["answers"]["machine_data"] == "paper"


def test_killed_between_questions_the_draft_is_whole_and_the_next_run_goes_on(
    tmp_path: Path,
) -> None:
    """kill -9 (no Ctrl-C handler runs): the draft holds every answer given, as valid JSON,
    no temporary file is left beside it, and the next run takes the lock over and asks the
    next question."""
    draft = tmp_path / "d.json"
    args = [str(EXE), "run", "--pack", str(_pack(tmp_path)), "--lang", "en"]
    term = Pty([*args, "--draft", str(draft)], tmp_path, terminal_env(), rows=30, cols=100)
    term.wait_screen("Company name")
    term.send("Kill Co" + ENTER)
    term.wait_screen("What do you mainly make?")
    term.send(DOWN * 2 + ENTER)
    term.wait_screen("How many people work for you?")
    term.send(DOWN + ENTER)
    term.wait_screen("How do machine counts")
    term.proc.kill()
    term.wait()
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["respondent"]["company"] == "Kill Co"
    assert saved["answers"] == {"company_sector": "food", "company_size": "micro"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json", "d.json.lock", "pack"]
    again = Pty([*args, "--resume", str(draft)], tmp_path, terminal_env(), rows=30, cols=100)
    again.wait_screen("ended without closing it")
    again.wait_screen("How do machine counts")
    again.send(DOWN + ENTER)
    again.wait_screen("What share of your machines")
    again.proc.kill()
    again.wait()
    assert json.loads(draft.read_text(encoding="utf-8"))["answers"]["machine_data"] == "paper"


def test_escape_sequences_in_a_company_name_are_shown_not_obeyed(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    text = (FIXTURES / "answers" / "sample_small.yaml").read_text(encoding="utf-8")
    answers.write_text(
        text.replace("company: Lin Precision Parts", 'company: "Lin\\e]0;pwned\\aParts"'),
        encoding="utf-8",
    )
    before = answers.read_bytes()
    term = Pty(
        [str(EXE), "run", "--resume", str(answers), "--draft", str(tmp_path / "d.json")],
        tmp_path,
        terminal_env(),
        rows=24,
        cols=80,
    )
    term.wait_screen("Review your answers")
    term.send(ENTER)
    assert term.wait() == 0, "\n".join(term.display)
    assert "\x1b]0;pwned" not in term.everything
    assert "Lin\\x1b]0;pwned\\x07Parts" in term.everything
    assert answers.read_bytes() == before

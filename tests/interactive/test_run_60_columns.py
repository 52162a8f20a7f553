"""An owner on a 60x20 terminal, in Chinese (a real pseudo-terminal read through a terminal
emulator): answers picked by typing their number, instructions and answered lines broken
only where Chinese may break, run --from's earlier answers all seen before they are kept."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from ..conftest import FIXTURES
from .driver import CTRL_C, DOWN, ENTER, SPACE, Pty, terminal_env

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

EXE = Path(sys.executable).parent / "sme-assess"
PERSONA = FIXTURES / "personas" / "job_shop.yaml"
HINT = "（方向键或答案前的数字选择，回车确认）"


def test_numbers_pick_answers_and_nothing_breaks_mid_word_at_60_columns(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    args = [str(EXE), "run", "--lang", "zh", "--draft", str(draft)]
    term = Pty(args, tmp_path, terminal_env(), rows=20, cols=60)
    term.wait_screen("企业名称")
    term.send(ENTER)
    term.wait_screen("12. 其他")  # each answer shows its number
    term.send("12" + ENTER)  # two digits make one number: the twelfth answer
    term.wait_screen("现在有多少员工")
    term.send("9" + "2" + ENTER)  # no ninth answer: 2 alone counts
    for question in ("去年营业收入", "主要工厂在哪个地区", "主要是哪种生产方式"):
        term.wait_screen(question)
        term.send("1" + ENTER)
    term.wait_screen("生产上要符合下面哪些体系或规范")
    term.send(DOWN * 5 + SPACE + ENTER)  # skipped
    term.wait_screen("能源费（电、蒸汽、天然气、燃料）大约占生产成本的多少？")
    rows = [row.strip() for row in term.display]
    assert HINT in rows, "the instruction is broken across lines:\n" + "\n".join(rows)
    assert not any(row.endswith("（") for row in rows), "\n".join(rows)
    term.send("1" + ENTER)
    term.wait_screen("眼下最让您头疼的是哪几件事")  # the next question is drawn
    rows = [row.strip() for row in term.display]
    said = next(i for i, row in enumerate(rows) if row.startswith("? 能源费"))
    assert "3%以下" in rows[said] + rows[said + 1] and not rows[said + 1].startswith("以下"), (
        "the answer 3%以下 is cut in two:\n" + "\n".join(rows)
    )
    term.send(CTRL_C)
    assert term.wait() == 130
    rows = [row.rstrip() for row in term.display]
    # the command that continues starts a line of its own, not in the middle of a row
    assert any(row.endswith("继续请运行：") for row in rows), "\n".join(rows)
    answers = json.loads(draft.read_text(encoding="utf-8"))["answers"]
    assert answers["company_sector"] == "other" and answers["company_size"] == "small"
    assert answers["energy_share"] == "lt_3"


def test_run_from_offers_keep_only_once_every_earlier_answer_was_on_the_screen(
    tmp_path: Path,
) -> None:
    """A section's earlier answers taller than the terminal are shown a page at a time:
    "keep" (which makes them today's answers) comes on the last page, not under a list whose
    end is cut off."""
    draft = tmp_path / "t1.json"
    args = [str(EXE), "run", "--from", str(PERSONA), "--lang", "zh", "--draft", str(draft)]
    term = Pty(args, tmp_path, terminal_env(), rows=20, cols=60)
    term.wait_screen("本部分后面还有回答：先看完再决定保留。")
    assert "保留，都没变" not in term.flat()
    seen = term.flat()
    term.send(DOWN + ENTER)  # more answers of this section
    term.wait_screen("保留，都没变")
    seen += term.flat()
    for question in ("主要做什么产品", "主要是哪种生产方式", "眼下最让您头疼的是哪几件事"):
        assert question in seen, question
    term.send(DOWN + ENTER)  # keep
    term.wait_screen("第 2/13 部分")
    term.send(CTRL_C)
    assert term.wait() == 130
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["confirm"][0] != "profile" and "profile" not in saved["confirm"]

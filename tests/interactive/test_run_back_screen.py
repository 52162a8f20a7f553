"""After Back, the screen shows one answer to a question, the one kept: the line the first
answer left ("? How many people work for you? Fewer than 20") is taken off when the owner
goes back to it (it stayed above the new one: scrolling up, an owner read two answers to
one question). In a real terminal, English at 80x24 and Chinese at 60x20, scrollback
included."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from ..conftest import SAMPLE
from .driver import DOWN, ENTER, UP, Pty, terminal_env

pytestmark = pytest.mark.timeout(120)

EXE = Path(sys.executable).parent / "sme-assess"

# language, rows, columns, the size question, its first and second answers, the machine
# question
CASES = {
    "en-80x24": (
        "en",
        24,
        80,
        "How many people work for you?",
        "Fewer than 20",
        "20 to 299",
        "How do machine counts",
    ),
    "zh-60x20": ("zh", 20, 60, "员工有多少人？", "20人以下", "20到299人", "机器的产量"),
}


def _everything(term: Pty, rows: int, cols: int) -> list[str]:
    """Every row the terminal shows or has scrolled up, as an owner scrolling up reads it."""
    import pyte

    screen = pyte.HistoryScreen(cols, rows, history=1000)
    pyte.Stream(screen).feed(term.everything)
    top = ["".join(c.data for c in row.values()).rstrip() for row in screen.history.top]
    return [*top, *(row.rstrip() for row in screen.display)]


@pytest.mark.parametrize("case", list(CASES))
def test_going_back_leaves_one_answered_line_per_question(tmp_path: Path, case: str) -> None:
    lang, rows, cols, size_q, first, second, machine_q = CASES[case]
    draft = tmp_path / "d.json"
    args = [str(EXE), "run", "--pack", str(SAMPLE), "--lang", lang, "--draft", str(draft)]
    term = Pty(args, tmp_path, terminal_env(), rows=rows, cols=cols)
    term.wait_screen("?")
    term.send(ENTER)  # no company name
    # each prompt is waited for by its header (the question's text stays on the screen in
    # the answered lines, so it may show before the prompt is there to read a key)
    header = "Question {}/7" if lang == "en" else "第 {}/7 题"
    term.wait_screen(header.format(1))
    term.send(DOWN + ENTER)  # sector
    term.wait_screen(header.format(2))
    term.send(DOWN + ENTER)  # size: the first
    term.wait_screen(header.format(3))
    term.send(DOWN + ENTER)  # machine data: paper
    term.wait_screen(header.format(4))
    term.send("<" + ENTER)  # back to the machine question
    term.wait_screen(header.format(3))
    term.send(UP + ENTER)  # its menu's last choice: back to the size question
    term.wait_screen(header.format(2))
    term.send(DOWN + ENTER)  # the second size
    term.wait_screen(header.format(3))
    term.send(ENTER)  # paper again, as it was
    term.wait_screen(header.format(4))
    shown = _everything(term, rows, cols)
    term.proc.kill()
    term.wait()
    answered = [row for row in shown if row.startswith("? ")]
    sizes = [row for row in answered if size_q in row]
    assert len(sizes) == 1 and second in sizes[0], "\n".join(shown)
    assert not any(first in row for row in shown), "\n".join(shown)
    assert len([row for row in answered if machine_q in row]) == 1, "\n".join(shown)
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["answers"]["company_size"] == "small"

"""A review taller than the terminal scrolls inside the screen, leaving a spare line under
it: a menu as tall as the screen scrolled a real terminal (tmux, xterm) as it was drawn, and
once an item was picked its drawing stayed above the question, to be read as the answers.
(pyte, the emulator the tests read, does not keep that leftover: the test checks that the
review, its message and menu, is shorter than the screen, and that nothing of it is left once
an item is picked.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pyte
import pytest

from ..conftest import FIXTURES
from .driver import DOWN, ENTER, Pty, terminal_env
from .test_run_small_terminal import EXE

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]


def _everything(term: Pty) -> str:
    """The scrollback and the screen, one line a row."""
    screen = term.screen
    assert isinstance(screen, pyte.HistoryScreen)
    gone = ["".join(row[x].data for x in range(screen.columns)) for row in screen.history.top]
    return "\n".join(row.rstrip() for row in [*gone, *screen.display])


def _shorter_than_the_screen(term: Pty) -> None:
    """The review's first line (its note) is not the screen's first row: a row is left."""
    top = [i for i, row in enumerate(term.display) if row.startswith("? Starting a new draft")]
    assert top and top[0] >= 1, "the review fills the screen:\n" + _everything(term)


@pytest.mark.parametrize("rows", [9, 12])
def test_a_review_taller_than_the_screen_leaves_nothing_behind(tmp_path: Path, rows: int) -> None:
    answers = FIXTURES / "answers" / "sample_small.yaml"
    args = [str(EXE), "run", "--resume", str(answers), "--draft", str(tmp_path / "d.json")]
    cols = 80
    term = Pty(args, tmp_path, terminal_env(), rows=rows, cols=cols)
    term.screen = pyte.HistoryScreen(cols, rows, history=1000)
    term._stream = pyte.Stream(term.screen)
    term.wait_screen("Review your answers")
    _shorter_than_the_screen(term)
    term.send(DOWN * 7)  # the last item, far below the screen's first drawing
    term.wait_screen("» 7. What worries you most")
    _shorter_than_the_screen(term)
    term.send(ENTER)
    term.wait_screen("(type < to go back")
    shown = _everything(term)
    assert "All questions answered" not in shown, shown
    assert "1. What do you mainly make?" not in shown, shown
    term.proc.kill()
    term.wait()

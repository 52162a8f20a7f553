"""A refusal (nothing ticked, not a number) is wrapped to a narrow terminal, whole: it was
one line cut at the edge, so the owner could not read what to do."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ..conftest import SAMPLE
from .driver import DOWN, ENTER, Pty, terminal_env
from .test_run_small_terminal import EXE

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]


def test_refusals_are_whole_at_60_columns(tmp_path: Path) -> None:
    args = [str(EXE), "run", "--pack", str(SAMPLE), "--lang", "en"]
    args += ["--draft", str(tmp_path / "d.json")]
    term = Pty(args, tmp_path, terminal_env(), rows=24, cols=60)
    term.wait_screen("Company name")
    term.send(ENTER + DOWN + ENTER + DOWN + ENTER)
    term.wait_screen("How do machine counts")
    term.send(DOWN * 2 + ENTER)  # a spreadsheet: the sensors question is shown
    term.wait_screen("What share of your machines")
    term.send("abc" + ENTER)
    term.wait_screen("Please type a number")
    term.send("\x7f" * 3 + "40" + ENTER)
    term.wait_screen("Which of these do your machines report?")
    term.send(ENTER)  # nothing ticked
    said = "Tick at least one option with the space bar, or tick “None of these” if none apply"
    term.wait_screen("Tick at least one option")
    term.wait_screen("apply")  # the end of it, on the screen too
    assert said.replace(" ", "") in term.flat().replace(" ", ""), "\n".join(term.display)
    assert all(len(row.rstrip()) <= 60 for row in term.display)
    term.proc.kill()
    term.wait()

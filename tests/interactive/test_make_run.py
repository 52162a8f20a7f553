"""`make run` in a real pseudo-terminal: the tool's own exit code, no "Error 130" from make,
and a resume command that works from where the user is (`make run ARGS=...`)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from ..conftest import FIXTURES, REPO, SAMPLE
from .driver import CTRL_C, ENTER, Pty

VENV = Path(sys.prefix)
STAMP = VENV / ".installed"

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
    pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make"),
    pytest.mark.skipif(
        not STAMP.exists() or STAMP.stat().st_mtime < (REPO / "pyproject.toml").stat().st_mtime,
        reason="the venv was not installed by the Makefile (make run would reinstall)",
    ),
]


def _make_run(tmp: Path, args: str) -> Pty:
    env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1"}
    for var in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "SME_ASSESS_VIA_MAKE"):
        env.pop(var, None)
    make = ["-C", str(REPO), "--no-print-directory", "run", f"VENV={VENV}", f"ARGS={args}"]
    # as from a shell prompt, which shows the code the user gets
    shell = ["bash", "-c", 'make "$@"; echo "[exit $?]"', "make-run", *make]
    return Pty(shell, tmp, env, rows=24, cols=80)


def _exit_code(term: Pty) -> int:
    assert term.wait() == 0
    said = term.everything.replace("\r", "")
    return int(said.rsplit("[exit ", 1)[1].split("]", 1)[0])


def test_ctrl_c_under_make_ends_with_130_and_a_make_command_to_resume(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    term = _make_run(tmp_path, f"--pack {SAMPLE} --draft {draft}")
    term.wait_screen("Company name")
    term.send("Acme" + ENTER)
    term.wait_screen("What do you mainly make?")
    term.send(CTRL_C)
    assert _exit_code(term) == 130
    said = term.everything.replace("\r", "")
    # the command may start a line of its own (a narrow terminal)
    assert f'continue with: make run ARGS="--resume {draft}"' in " ".join(said.split())
    assert "make: ***" not in said and "Error" not in said
    # the printed command continues the draft
    again = _make_run(tmp_path, f"--resume {draft}")
    again.wait_screen("What do you mainly make?")
    again.send(CTRL_C)
    assert _exit_code(again) == 130


def test_a_finished_run_under_make_ends_with_0(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_bytes((FIXTURES / "answers" / "sample_small.yaml").read_bytes())
    args = f"--resume {answers} --draft {tmp_path / 'd.json'} -o {tmp_path / 'r.json'}"
    term = _make_run(tmp_path, args)
    term.wait_screen("Review your answers")
    term.send(ENTER)
    assert _exit_code(term) == 0
    assert (tmp_path / "r.json").is_file() and "make:" not in term.everything


def test_a_usage_error_under_make_ends_with_2(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    term = _make_run(tmp_path, f"--draft {tmp_path / 'folder'}")
    assert _exit_code(term) == 2
    assert "is a folder" in term.everything

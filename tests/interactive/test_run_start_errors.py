"""Why a run cannot start is said in the run's language (--lang), not the system's; the
lock's holder too, even when it left no record of itself."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import SAMPLE
from .driver import CTRL_C, DOWN, ENTER, run

pytestmark = pytest.mark.timeout(60)

ENGLISH_SYSTEM = {"SME_ASSESS_LANG": "", "LC_ALL": "en_US.UTF-8", "LANG": "en_US.UTF-8"}


def _error(stderr: str) -> str:
    lines = [x for x in stderr.splitlines() if x.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_a_missing_draft_is_said_in_the_language_asked_for(tmp_path: Path) -> None:
    missing = tmp_path / "nosuch.json"
    chinese = run(["--lang", "zh", "--resume", str(missing)], ENTER, env=ENGLISH_SYSTEM)
    assert chinese.exit_code == 2
    assert _error(chinese.stderr) == f"错误：{missing}: 文件不存在"
    english = run(["--resume", str(missing)], ENTER, env=ENGLISH_SYSTEM)
    assert _error(english.stderr) == f"error: {missing}: no such file"


def test_an_unreadable_draft_is_said_in_the_language_asked_for(tmp_path: Path) -> None:
    broken = tmp_path / "d.json"
    broken.write_text('{"kind": "sme-assess-draft", "answers": ', encoding="utf-8")
    result = run(["--lang", "zh", "--resume", str(broken)], ENTER, env=ENGLISH_SYSTEM)
    assert result.exit_code == 2
    line = result.stderr.splitlines()[0]
    assert line.startswith("错误：") and "error" not in line, result.stderr


def test_an_existing_draft_is_refused_in_the_language_asked_for(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    draft.write_text("{}", encoding="utf-8")
    result = run(
        ["--pack", str(SAMPLE), "--lang", "zh", "--draft", str(draft)], ENTER, env=ENGLISH_SYSTEM
    )
    assert result.exit_code == 2
    assert _error(result.stderr).startswith(f"错误：--draft {draft} 已存在")


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_a_lock_holder_that_left_no_record_is_another_process_in_chinese(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "d.json"
    first = run(
        ["--pack", str(SAMPLE), "--draft", str(draft)], "Acme" + ENTER + DOWN + ENTER + CTRL_C
    )
    assert first.exit_code == 130
    lock = tmp_path / "d.json.lock"
    lock.write_bytes(b"")
    # a process that holds the lock and wrote nothing in it (it died writing, or another tool)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys; f = open(sys.argv[1], 'a'); "
            f"fcntl.flock(f, {fcntl.LOCK_EX}); print('held', flush=True); sys.stdin.read()",
            str(lock),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = run(["--lang", "zh", "--resume", str(draft)], ENTER, env=ENGLISH_SYSTEM)
    finally:
        holder.communicate("", timeout=10)
    assert result.exit_code == 2
    line = _error(result.stderr)
    assert line.startswith(f"错误：{draft} 正被另一次 run 使用（另一个进程）"), line
    assert json.loads(draft.read_text(encoding="utf-8"))["answers"] == {
        "company_sector": "machinery"
    }
    assert os.path.exists(lock)

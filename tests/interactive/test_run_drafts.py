"""`run` never loses or overwrites an answers file or a draft: claimed names, a lock per
draft, resume from a finished answers file into a new draft (pipe input, in-process)."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from sme_assess.interview.draft import claim_default

from ..conftest import FIXTURES, SAMPLE
from .driver import CTRL_C, DOWN, ENTER, SPACE, run

pytestmark = pytest.mark.timeout(60)

ANSWERS = FIXTURES / "answers" / "sample_small.yaml"


def _one_error_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_resuming_a_finished_answers_file_starts_a_new_draft_and_leaves_it_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(ANSWERS.read_bytes())
    # every question is answered: straight to the review; change nothing, then stop
    result = run(["--resume", str(answers), "-o", str(tmp_path / "r.json")], CTRL_C)
    assert result.exit_code == 130, result.output
    assert answers.read_bytes() == ANSWERS.read_bytes()
    drafts = list((tmp_path / "data" / "sme-assess" / "drafts").glob("sample-*.json"))
    assert len(drafts) == 1
    saved = json.loads(drafts[0].read_text(encoding="utf-8"))
    assert saved["kind"] == "sme-assess-draft"
    assert saved["answers"]["biggest_worry"] == "We never know which machine is down."
    assert saved["respondent"]["company"] == "Lin Precision Parts"
    assert "Starting a new draft from the answers in" in result.prompts
    assert str(drafts[0]) in result.stderr  # the resume command names the new draft


def test_finishing_from_an_answers_file_writes_beside_the_new_draft(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(ANSWERS.read_bytes())
    draft = tmp_path / "new.json"
    result = run(
        ["--resume", str(answers), "--draft", str(draft), "-o", str(tmp_path / "r.json")],
        ENTER,  # review: finish
    )
    assert result.exit_code == 0, result.output
    assert answers.read_bytes() == ANSWERS.read_bytes()
    final = json.loads((tmp_path / "new.answers.json").read_text(encoding="utf-8"))
    assert final["answers"]["networked_share"] == 5
    assert not (tmp_path / "new.json.lock").exists(), "the lock goes with the run"


def test_an_existing_draft_without_resume_is_refused_before_the_first_question(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "d.json"
    first = run(["--pack", str(SAMPLE), "--draft", str(draft)], "Acme" + ENTER + ENTER + CTRL_C)
    assert first.exit_code == 130
    before = draft.read_bytes()
    second = run(["--pack", str(SAMPLE), "--draft", str(draft)], "Other" + ENTER + ENTER)
    assert second.exit_code == 2
    line = _one_error_line(second.stderr)
    assert f"--draft {draft} already exists" in line and f"--resume {draft}" in line
    assert second.prompts == "", "no question was asked"
    assert draft.read_bytes() == before


def test_an_answers_file_given_as_draft_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(ANSWERS.read_bytes())
    result = run(["--pack", str(SAMPLE), "--draft", str(answers)], "X" + ENTER)
    assert result.exit_code == 2 and "already exists" in _one_error_line(result.stderr)
    assert answers.read_bytes() == ANSWERS.read_bytes()


def test_a_folder_as_draft_is_refused_before_the_first_question(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    result = run(["--pack", str(SAMPLE), "--draft", str(folder)], "Acme" + ENTER + ENTER)
    assert result.exit_code == 2
    assert "is a folder" in _one_error_line(result.stderr)
    assert result.prompts == ""
    assert list(folder.iterdir()) == []


def test_answers_out_cannot_be_the_draft(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    result = run(["--pack", str(SAMPLE), "--draft", str(draft), "--answers-out", str(draft)], ENTER)
    assert result.exit_code == 2 and "is the draft" in _one_error_line(result.stderr)
    assert not draft.exists(), "the claimed name is given back"


def test_a_draft_in_use_is_refused_naming_the_run_that_has_it(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    first = run(
        ["--pack", str(SAMPLE), "--draft", str(draft)], "Acme" + ENTER + DOWN + ENTER + CTRL_C
    )
    assert first.exit_code == 130
    before = draft.read_bytes()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from sme_assess.interview.lock import "
            "DraftLock; lock = DraftLock(Path(sys.argv[1])); lock.acquire(); "
            "print('held', flush=True); sys.stdin.read()",
            str(draft),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        second = run(["--resume", str(draft)], DOWN + ENTER)
        chinese = run(["--resume", str(draft)], DOWN + ENTER, env={"SME_ASSESS_LANG": "zh"})
    finally:
        holder.communicate("", timeout=10)
    assert second.exit_code == 2
    line = _one_error_line(second.stderr)
    assert f"is in use by another run (process {holder.pid} on {socket.gethostname()}" in line
    # the holder said in the interface's language too, not in English inside a Chinese line
    assert chinese.exit_code == 2
    line = _one_error_line(chinese.stderr)
    assert f"正被另一次 run 使用（{socket.gethostname()} 上的进程 {holder.pid}，开始于" in line
    assert draft.read_bytes() == before
    # once the holder is gone the draft continues
    third = run(["--resume", str(draft)], DOWN + DOWN + ENTER + CTRL_C)
    assert third.exit_code == 130
    assert json.loads(draft.read_text(encoding="utf-8"))["answers"]["company_size"] == "small"


def test_the_lock_of_a_run_that_was_killed_is_taken_over_with_a_note(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    first = run(["--pack", str(SAMPLE), "--draft", str(draft)], "Acme" + ENTER + ENTER + CTRL_C)
    assert first.exit_code == 130
    # what a killed run leaves: its record in the lock file, and no lock held
    record = {"pid": 4_000_000, "host": socket.gethostname(), "started": "2026-11-01T09:00:00"}
    (tmp_path / "d.json.lock").write_text(json.dumps(record), encoding="utf-8")
    result = run(["--resume", str(draft)], SPACE + ENTER + CTRL_C)
    assert result.exit_code == 130, result.output
    assert "An earlier run on this draft ended without closing it (process 4000000" in (
        result.prompts
    )
    assert not (tmp_path / "d.json.lock").exists()


def test_runs_started_in_the_same_second_get_their_own_drafts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    now = dt.datetime(2026, 11, 29, 10, 15, 0)
    first, second, third = (claim_default("sample", now) for _ in range(3))
    assert len({first, second, third}) == 3
    assert first.name == "sample-20261129-101500.json"
    assert second.name == "sample-20261129-101500-2.json"
    assert all(p.exists() for p in (first, second, third))


def test_two_default_runs_keep_both_drafts(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for company in ("First", "Second"):
        result = run(["--pack", str(SAMPLE)], company + ENTER + CTRL_C)
        assert result.exit_code == 130
    drafts = sorted((tmp_path / "data" / "sme-assess" / "drafts").glob("sample-*.json"))
    companies = {json.loads(p.read_text(encoding="utf-8"))["respondent"]["company"] for p in drafts}
    assert companies == {"First", "Second"}


def test_the_resume_command_works_from_where_the_user_is(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    result = run(["--pack", str(SAMPLE), "--draft", str(draft)], "A" + ENTER + CTRL_C)
    assert result.exit_code == 130
    # in-process the program is this Python with -m: a command that runs as printed
    command = result.stderr.split("continue with: ", 1)[1].strip()
    assert command == f"{sys.executable} -m sme_assess run --resume {draft}"
    under_make = run(["--resume", str(draft)], CTRL_C, env={"SME_ASSESS_VIA_MAKE": "1"})
    assert under_make.exit_code == 130
    # on a narrow terminal the command starts a line of its own
    said = " ".join(under_make.stderr.split())
    assert f'continue with: make run ARGS="--resume {draft}"' in said


def test_the_installed_program_is_named_as_the_path_finds_it(tmp_path: Path) -> None:
    """Outside make, the printed command is `sme-assess` only when the PATH finds it."""
    exe = Path(sys.executable).parent / "sme-assess"
    code = (
        "import sys; sys.argv = [sys.argv[1]]; from pathlib import Path; "
        "from sme_assess.interview.start import resume_command; "
        "print(resume_command(Path('/x/d.json')))"
    )
    on_path = {**os.environ, "PATH": f"{exe.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    off_path = {**os.environ, "PATH": "/usr/bin:/bin"}
    on_path.pop("SME_ASSESS_VIA_MAKE", None)
    off_path.pop("SME_ASSESS_VIA_MAKE", None)
    found = subprocess.run(
        [sys.executable, "-c", code, str(exe)], env=on_path, capture_output=True, text=True
    )
    assert found.stdout.strip() == "sme-assess run --resume /x/d.json"
    hidden = subprocess.run(
        [sys.executable, "-c", code, str(exe)],
        env=off_path,
        capture_output=True,
        text=True,
        cwd=exe.parent.parent.parent,
    )
    shown = hidden.stdout.strip()
    assert shown.endswith("sme-assess run --resume /x/d.json") and "/" in shown.split()[0]

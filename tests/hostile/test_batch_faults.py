"""`batch` killed as users kill it: kill -9, SIGTERM, a closed terminal (SIGHUP), a second
batch into the same folder. Each test runs the real command over hundreds of answers files,
stops it once results.jsonl has some lines, and checks what a user would: the exit code, that
no worker process outlives the run, that no temporary file is left after `--resume`, and that
the resumed summary holds every firm exactly once with the same scores as a run that was
never interrupted.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import json
import os
import pty
import random
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sme_assess.batch.outdir import OutdirLock
from sme_assess.pack.loading import load_pack
from sme_assess.pack.locate import resolve_pack
from sme_assess.synthetic import random_answers

N_FILES = 1000
JOBS = "2"

pytestmark = [
    pytest.mark.skipif(
        not Path("/proc/self/stat").exists(), reason="reads the process table from /proc"
    ),
    pytest.mark.timeout(300),  # several whole runs each, on a shared 2-core machine
]


def batch_cmd(*extra: str) -> list[str]:
    return [
        *[sys.executable, "-m", "sme_assess", "batch", "in", "-o", "out"],
        *["-p", "sample", "-j", JOBS, *extra],
    ]


def env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "PYTHONUNBUFFERED": "1"}


def summary_rows(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    """summary.csv by (source, row); fails on a firm listed twice."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_key = {(r["source"], r["row"]): r for r in rows}
    assert len(by_key) == len(rows), "a firm is listed twice in summary.csv"
    return by_key


def journal_keys(path: Path) -> list[str]:
    """Sources of the whole (newline-ended, parseable) lines of results.jsonl."""
    keys = []
    for raw in path.read_bytes().splitlines(keepends=True):
        if raw.endswith(b"\n"):
            try:
                keys.append(json.loads(raw)["source"])
            except ValueError:
                continue
    return keys


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """N_FILES answers files for the sample pack under in/ (two folders deep)."""
    root = tmp_path_factory.mktemp("batch-faults")
    q = load_pack(resolve_pack("sample")).questionnaire
    rnd = random.Random(10)
    for i in range(N_FILES):
        doc = {
            "questionnaire": q.id,
            "questionnaire_version": q.version,
            "respondent": {"company": f"Firm {i:04d}"},
            "answers": random_answers(q, rnd),
        }
        folder = root / "in" / f"part{i // 200}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"firm{i:04d}.json").write_text(json.dumps(doc), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def uninterrupted(workdir: Path) -> dict[tuple[str, str], dict[str, str]]:
    """The summary of a run that nobody stopped."""
    base = workdir / "base"
    base.mkdir()
    (base / "in").symlink_to(workdir / "in")
    done = subprocess.run(
        batch_cmd(), cwd=base, env=env(), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    rows = summary_rows(base / "out" / "summary.csv")
    assert len(rows) == N_FILES
    return rows


STARTED: list[int] = []  # process groups this module started, ended at teardown


@pytest.fixture
def here(workdir: Path, tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "in").symlink_to(workdir / "in")
    yield tmp_path
    while STARTED:  # a failed test must not leave a batch running
        pgid = STARTED.pop()
        if group_members(pgid):  # a group id is not reused while the group lives: ours
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pgid, signal.SIGKILL)


def group_members(pgid: int) -> dict[int, str]:
    """Live (not zombie) processes of a process group: pid -> state."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, pgrp = fields[0], int(fields[2])
        if pgrp == pgid and state != "Z":
            found[int(entry.name)] = state
    return found


class Terminal:
    """A pseudo-terminal that the batch runs in (as its controlling terminal), and that the
    test can close as a user closes the window."""

    def __init__(self) -> None:
        self.master, self.slave = pty.openpty()
        os.set_blocking(self.master, False)

    def take_control(self) -> None:  # in the child, before exec
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    def drain(self) -> None:
        with contextlib.suppress(OSError):
            while os.read(self.master, 65536):
                pass

    def close(self) -> None:
        os.close(self.master)


def start_and_wait_for_journal(
    cwd: Path, terminal: Terminal | None = None
) -> subprocess.Popen[str]:
    """Start a batch in its own session and process group; return once results.jsonl has a
    line and the workers are running (the run is then well under way, far from done)."""
    if terminal is None:
        proc = subprocess.Popen(
            batch_cmd(),
            cwd=cwd,
            env=env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    else:
        proc = subprocess.Popen(
            batch_cmd(),
            cwd=cwd,
            env={**env(), "TERM": "xterm"},
            stdin=terminal.slave,
            stdout=terminal.slave,
            stderr=terminal.slave,
            text=True,
            start_new_session=True,
            preexec_fn=terminal.take_control,
        )
        os.close(terminal.slave)
    STARTED.append(proc.pid)
    journal = cwd / "out" / "results.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if terminal is not None:
            terminal.drain()
        if journal.is_file() and journal.stat().st_size and len(group_members(proc.pid)) > 1:
            break
        if proc.poll() is not None:
            pytest.fail("the batch ended before it could be stopped")
        time.sleep(0.01)
    else:
        proc.kill()
        pytest.fail("results.jsonl got no line in 120 s")
    return proc


def assert_no_process_left(pgid: int) -> None:
    deadline = time.monotonic() + 10
    while group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert group_members(pgid) == {}, "worker processes outlived the batch"


def resume(cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        batch_cmd("--resume"), cwd=cwd, env=env(), capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def assert_same_as_uninterrupted(
    out: Path, uninterrupted: dict[tuple[str, str], dict[str, str]]
) -> None:
    assert summary_rows(out / "summary.csv") == uninterrupted
    keys = journal_keys(out / "results.jsonl")
    assert sorted(keys) == sorted(k[0] for k in uninterrupted)  # each firm once
    assert [p.name for p in out.rglob("*.tmp")] == []
    assert (out / "cohort.pdf").is_file()


def test_sigterm_stops_like_ctrl_c_and_resume_finishes(
    here: Path, uninterrupted: dict[tuple[str, str], dict[str, str]]
) -> None:
    proc = start_and_wait_for_journal(here)
    assert set(group_members(proc.pid)) - {proc.pid}, "no worker processes were running"
    os.kill(proc.pid, signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=120)
    assert "Traceback" not in stdout + stderr, stderr
    assert proc.returncode == 130, stdout + stderr
    assert "interrupted: what was done is written; continue with --resume" in stderr
    assert_no_process_left(proc.pid)
    partial = assert_partial_and_consistent(here / "out", uninterrupted)

    done = resume(here)
    assert f"{len(partial)} from the earlier run" in done.stdout
    assert_same_as_uninterrupted(here / "out", uninterrupted)


@pytest.mark.skipif(sys.platform != "linux", reason="a Linux pseudo-terminal")
def test_closing_the_terminal_stops_like_ctrl_c_and_resume_finishes(
    here: Path, uninterrupted: dict[tuple[str, str], dict[str, str]]
) -> None:
    terminal = Terminal()
    proc = start_and_wait_for_journal(here, terminal)
    assert set(group_members(proc.pid)) - {proc.pid}, "no worker processes were running"
    terminal.close()  # the kernel sends SIGHUP to the batch and its workers
    assert proc.wait(timeout=120) == 130
    assert_no_process_left(proc.pid)
    partial = assert_partial_and_consistent(here / "out", uninterrupted)

    done = resume(here)
    assert f"{len(partial)} from the earlier run" in done.stdout
    assert_same_as_uninterrupted(here / "out", uninterrupted)


def assert_partial_and_consistent(
    out: Path, uninterrupted: dict[tuple[str, str], dict[str, str]]
) -> dict[tuple[str, str], dict[str, str]]:
    """The interrupted run's own summary: some firms, the same as its journal, same scores."""
    partial = summary_rows(out / "summary.csv")
    assert 0 < len(partial) < N_FILES
    assert sorted(journal_keys(out / "results.jsonl")) == sorted(k[0] for k in partial)
    assert all(uninterrupted[key]["score"] == row["score"] for key, row in partial.items())
    return partial


def test_kill_9_keeps_every_finished_firm_and_leaves_no_worker(
    here: Path, uninterrupted: dict[tuple[str, str], dict[str, str]]
) -> None:
    proc = start_and_wait_for_journal(here)
    workers = set(group_members(proc.pid)) - {proc.pid}
    assert workers, "no worker processes were running"
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert_no_process_left(proc.pid)

    out = here / "out"
    journal = out / "results.jsonl"
    kept = journal_keys(journal)
    assert 0 < len(kept) < N_FILES
    assert not (out / "summary.csv").exists()  # never a summary that looks complete
    # a run killed while writing leaves a torn last line: cut the last line in half
    data = journal.read_bytes()
    whole = data[: data.rindex(b"\n") + 1]
    last_start = whole.rindex(b"\n", 0, len(whole) - 1) + 1
    journal.write_bytes(whole[: last_start + (len(whole) - last_start) // 2])
    # stale temporary files of ours, and files of the user that must stay
    (out / ".summary.csv.k3j9x_2a.tmp").write_text("half a summary")
    (out / ".results.jsonl.abcd1234.tmp").write_text("{")
    (out / ".my-notes.tmp").write_text("mine")
    (out / "notes.txt").write_text("mine")

    done = resume(here)
    assert f"{len(kept) - 1} from the earlier run" in done.stdout
    assert "1 damaged line of results.jsonl" in done.stderr
    assert (out / ".my-notes.tmp").read_text() == "mine"
    assert (out / "notes.txt").read_text() == "mine"
    (out / ".my-notes.tmp").unlink()
    assert_same_as_uninterrupted(out, uninterrupted)


def test_a_second_batch_into_the_same_folder_is_refused_while_the_first_runs(
    here: Path,
) -> None:
    out = here / "out"
    out.mkdir()
    with OutdirLock(out).acquire():  # as a running batch holds it
        second = subprocess.run(
            batch_cmd(), cwd=here, env=env(), capture_output=True, text=True, timeout=120
        )
    assert second.returncode == 2
    assert "another batch is writing there" in second.stderr
    assert "Traceback" not in second.stderr
    assert list(out.iterdir()) == []

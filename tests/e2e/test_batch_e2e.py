"""Batch runs end to end: interrupted and resumed, a worker dying, reports per firm."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import openpyxl
import pypdf
import pytest

from sme_assess.batch import chunking
from sme_assess.batch import run as batch_run
from sme_assess.batch.inflight import WORKER_DIED
from sme_assess.batch.pool import MAX_DEATHS_IN_A_ROW
from sme_assess.batch.run import BatchOptions, Progress, run_batch
from sme_assess.batch.work import Chunk, run_chunk
from sme_assess.pack.loading import load_pack

from ..conftest import FIXTURES, SAMPLE

N_FILES = 40
CSV_ROWS = 12  # plus one row that fails


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def keys(rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(r["source"], r["row"]) for r in rows]


def result_keys(path: Path) -> list[tuple[str, str]]:
    lines = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
    return [(x["source"], "" if x["row"] is None else str(x["row"])) for x in lines]


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """40 answers files and a table of 13 rows (one with an unknown label)."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    (folder / "files").mkdir(parents=True)
    options = ["paper", "spreadsheet", "gateway"]
    for i in range(N_FILES):
        doc = {
            "questionnaire": "sample",
            "respondent": {"company": f"Firm {i}"},
            "answers": {"machine_data": options[i % 3], "has_erp": i % 2 == 0},
        }
        (folder / "files" / f"f{i:02d}.json").write_text(json.dumps(doc), encoding="utf-8")
    lines = [
        "Company name,How do machine counts and stops reach the office?,networked_share,"
        "has_erp,daily_entry"  # every scored question paper-based firms are asked
    ]
    lines += [f"Row firm {i},Written on paper,{i},no,never" for i in range(CSV_ROWS)]
    lines.append("Bad firm,Semaphore flags,5,no,never")
    (folder / "table.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def expected_scored() -> set[tuple[str, str]]:
    files = {(f"in/files/f{i:02d}.json", "") for i in range(N_FILES)}
    rows = {("in/table.csv", str(i + 2)) for i in range(CSV_ROWS)}
    return files | rows


def assert_complete_once(out: Path) -> None:
    summary = keys(read_csv(out / "summary.csv"))
    assert len(summary) == len(set(summary)), "duplicates in summary.csv"
    assert set(summary) == expected_scored()
    results = result_keys(out / "results.jsonl")
    assert Counter(results) == Counter(summary), "results.jsonl and summary.csv disagree"
    assert keys(read_csv(out / "errors.csv")) == [("in/table.csv", str(CSV_ROWS + 2))]


class StopAfter:
    """A progress callback that presses Ctrl-C after some progress reports."""

    def __init__(self, reports: int, real_signal: bool = False) -> None:
        self.left = reports
        self.real_signal = real_signal

    def __call__(self, progress: Progress) -> None:
        self.left -= 1
        if self.left == 0:
            if self.real_signal:
                os.kill(os.getpid(), signal.SIGINT)
            else:
                raise KeyboardInterrupt


@pytest.mark.parametrize(("jobs", "real_signal"), [(1, False), (2, False), (1, True), (2, True)])
def test_an_interrupted_run_writes_what_is_done_and_resume_finishes_it(
    inputs: Path, jobs: int, real_signal: bool
) -> None:
    pack = load_pack(SAMPLE)
    out = inputs.parent / "out"
    first = run_batch(
        pack, [inputs], BatchOptions(out, jobs=jobs), progress=StopAfter(2, real_signal)
    )
    assert first.interrupted and first.exit_code == 130
    partial = keys(read_csv(out / "summary.csv"))
    assert 0 < len(partial) < len(expected_scored())
    assert len(set(partial)) == len(partial)
    assert Counter(result_keys(out / "results.jsonl")) == Counter(partial)
    assert (out / "summary.xlsx").is_file() and (out / "cohort.html").is_file()
    assert not (out / "cohort.pdf").exists()  # made when the run completes
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handler restored

    second = run_batch(pack, [inputs], BatchOptions(out, jobs=jobs, resume=True))
    assert not second.interrupted and second.exit_code == 1  # the bad row
    assert second.skipped == len(partial)
    assert second.new == len(expected_scored()) - len(partial)
    assert_complete_once(out)
    assert (out / "cohort.pdf").read_bytes().startswith(b"%PDF")


def test_resume_rescores_what_is_missing_from_results(cli, inputs: Path) -> None:
    out = inputs.parent / "out"
    assert cli("batch", "in", "-o", "out", "-p", str(SAMPLE)).exit_code == 1
    lines = (out / "results.jsonl").read_text("utf-8").splitlines(keepends=True)
    kept = lines[::2]
    (out / "results.jsonl").write_text("".join(kept) + '{"source": "cut', encoding="utf-8")
    again = cli("batch", "in", "-o", "out", "-p", str(SAMPLE), "--resume")
    assert again.exit_code == 1, again.output
    assert f"{len(lines) - len(kept)} scored now, {len(kept)} from the earlier run" in again.stdout
    assert_complete_once(out)


def test_resume_refuses_results_of_another_pack(cli, inputs: Path) -> None:
    out = inputs.parent / "out"
    out.mkdir()
    (out / "results.jsonl").write_text(
        json.dumps({"source": "x.json", "row": None, "questionnaire": "other", "overall": {}})
        + "\n",
        encoding="utf-8",
    )
    (out / "summary.csv").write_text("their summary", encoding="utf-8")
    result = cli("batch", "in", "-o", "out", "-p", str(SAMPLE), "--resume")
    assert result.exit_code == 2
    assert "questionnaire 'other'" in result.stderr
    assert (out / "summary.csv").read_text("utf-8") == "their summary"  # nothing touched


_PARENT = os.getpid()


def crash_in_workers(chunk: object) -> object:
    """Kill the worker process on its first chunk (simulates running out of memory)."""
    if os.getpid() != _PARENT:
        os._exit(1)
    return run_chunk(chunk)  # type: ignore[arg-type]


def test_workers_that_always_die_lose_nobody(inputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_run, "run_chunk", crash_in_workers)
    out = inputs.parent / "out"
    result = run_batch(load_pack(SAMPLE), [inputs], BatchOptions(out, jobs=2))
    summary = keys(read_csv(out / "summary.csv"))
    errors = read_csv(out / "errors.csv")
    everyone = expected_scored() | {("in/table.csv", str(CSV_ROWS + 2))}
    assert set(summary) | set(keys(errors)) == everyone
    assert len(summary) + len(errors) == len(everyone)
    died = [e for e in errors if e["error"].startswith("the worker process stopped unexpectedly")]
    assert 0 < len(died) <= MAX_DEATHS_IN_A_ROW  # then the rest is scored in the main process
    assert any("scored in the main process" in n for n in result.notes)
    assert result.exit_code == 1


def crash_on_f07_while_f01_runs_long(chunk: Chunk) -> object:
    """In a worker: f07 kills its worker at once; f01, the first time, keeps the other worker
    busy for 30 s (its pid left in the file SLOW_PID), as a long respondent would."""
    if os.getpid() != _PARENT:
        sources = [i.source for i in chunk.items]
        if any(s.endswith("f07.json") for s in sources):
            time.sleep(0.5)  # f01's worker is busy by now
            os._exit(1)
        marker = Path(os.environ["SLOW_PID"])
        if any(s.endswith("f01.json") for s in sources) and not marker.exists():
            marker.write_text(str(os.getpid()), encoding="utf-8")
            time.sleep(30)
    return run_chunk(chunk)


def running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting to be reaped does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_worker_dying_ends_the_broken_pools_other_workers(
    inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other workers of a pool broken by a death are ended, not left running a chunk whose
    result is thrown away (Python 3.12 and later end them with SIGTERM and wait: when workers
    ignored it, the batch hung for ever)."""
    marker = inputs.parent / "slow.pid"
    monkeypatch.setenv("SLOW_PID", str(marker))
    monkeypatch.setattr(batch_run, "run_chunk", crash_on_f07_while_f01_runs_long)
    monkeypatch.setattr(batch_run, "CHUNK", 1)
    out = inputs.parent / "out"
    result = run_batch(load_pack(SAMPLE), [inputs], BatchOptions(out, jobs=2))
    summary = keys(read_csv(out / "summary.csv"))
    assert set(summary) == expected_scored() - {("in/files/f07.json", "")}
    assert result.exit_code == 1
    slow = int(marker.read_text(encoding="utf-8"))
    deadline = time.monotonic() + 10
    while running(slow) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not running(slow), "a worker of the broken pool is still running"


def crash_on_one_file(chunk: Chunk) -> object:
    """A worker dies (as the out-of-memory killer would end it) whenever it reaches f07."""
    if os.getpid() != _PARENT and any(i.source.endswith("f07.json") for i in chunk.items):
        os._exit(1)
    return run_chunk(chunk)


def test_a_worker_killed_by_one_input_loses_only_that_input(
    inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_run, "run_chunk", crash_on_one_file)
    monkeypatch.setattr(batch_run, "CHUNK", 8)  # several chunks in flight when it dies
    out = inputs.parent / "out"
    result = run_batch(load_pack(SAMPLE), [inputs], BatchOptions(out, jobs=2))
    summary = keys(read_csv(out / "summary.csv"))
    errors = read_csv(out / "errors.csv")
    assert set(summary) == expected_scored() - {("in/files/f07.json", "")}
    assert len(summary) == len(set(summary))
    died = [(e["source"], e["error"]) for e in errors if "worker" in e["error"]]
    assert died == [("in/files/f07.json", WORKER_DIED)]
    assert Counter(result_keys(out / "results.jsonl")) == Counter(summary)
    assert result.exit_code == 1 and not result.notes


def test_reports_get_safe_unique_names(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = ["../../etc/x", "CON", "a/b", "Same Co", "Same Co", "宁波精工", ""]
    rows = ["企业名称,机器的产量和停机情况怎么报到办公室？"]
    rows += [f'"{name}",手写在纸上' for name in names]
    (tmp_path / "firms.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli(  # --lenient: the table answers only one question
        "batch", "firms.csv", "-o", "out", "-p", str(SAMPLE), "--pdf", "--jobs", "2", "--lenient"
    )
    assert result.exit_code == 0, result.output
    reports = tmp_path / "out" / "reports"
    made = sorted(p.name for p in reports.iterdir())
    assert len(made) == len(names)
    assert {"etc_x.pdf", "_CON.pdf", "a_b.pdf", "宁波精工.pdf", "respondent.pdf"} <= set(made)
    same = [n for n in made if n.startswith("Same Co")]
    assert len(same) == 2 and "Same Co.pdf" in same
    assert any(n.startswith("Same Co (row ") for n in same)
    assert not (tmp_path / "etc").exists() and not (tmp_path / "a").exists()
    for path in reports.iterdir():
        assert path.resolve().parent == reports.resolve()
        assert path.read_bytes().startswith(b"%PDF")
    summary = read_csv(tmp_path / "out" / "summary.csv")
    assert sorted(r["report"].removeprefix("reports/") for r in summary) == made
    chinese = next(r for r in summary if r["company"] == "宁波精工")
    text = "".join(
        p.extract_text() for p in pypdf.PdfReader(tmp_path / "out" / chinese["report"]).pages
    )
    flat = text.replace(" ", "").replace("\n", "")
    assert "宁波精工" in flat
    # made at the end, with the cohort: the percentile, the median and where they come from
    percentile = chinese["percentile"]
    assert f"的7家企业中，本企业高于其中{percentile}%的企业（中位数" in flat
    assert "同批测评的7家企业" in flat
    sheet = openpyxl.load_workbook(tmp_path / "out" / "summary.xlsx").active
    links = [c.hyperlink.target for c in sheet[get_column(sheet, "报告")] if c.hyperlink]
    assert len(links) == len(names)
    assert all((tmp_path / "out" / unquote(t)).is_file() for t in links)


def get_column(sheet: Any, header: str) -> str:
    """The letter of the column with this header."""
    return next(c.column_letter for c in sheet[1] if c.value == header)


def test_the_mixed_fixtures_are_in_place() -> None:
    """The committed fixtures (tests/fixtures/batch/make_fixtures.py writes them)."""
    folder = FIXTURES / "batch" / "mixed"
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "broken.json",
        "forms_extra_sheet.xlsx",
        "gb18030.csv",
        "good.json",
        "google_bom.csv",
        "kobo_semicolon.csv",
        "nested",
        "other_pack.yaml",
    ]
    raw = (folder / "gb18030.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert (folder / "google_bom.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_table_that_breaks_the_reader_unexpectedly_is_one_row_of_errors(
    inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = chunking.open_export

    def broken(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "table.csv":
            raise ValueError("zipfile said something odd\n  on two lines")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(chunking, "open_export", broken)
    out = inputs.parent / "out"
    result = run_batch(load_pack(SAMPLE), [inputs], BatchOptions(out, jobs=1))
    assert result.exit_code == 1
    errors = read_csv(out / "errors.csv")
    why = "cannot read: internal error: ValueError: zipfile said something odd on two lines"
    assert [(e["source"], e["error"]) for e in errors] == [("in/table.csv", why)]
    assert len(read_csv(out / "summary.csv")) == N_FILES


@pytest.mark.parametrize(
    ("error", "why"),
    [
        (MemoryError(), "too large to read: out of memory (MemoryError)"),
        (RecursionError("maximum recursion depth exceeded"), "nested too deeply to read"),
        (ValueError("bad\nvalue"), "internal error: ValueError: bad value"),
    ],
)
def test_any_error_scoring_one_input_is_its_row_and_the_rest_is_scored(
    inputs: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, why: str
) -> None:
    from sme_assess.batch import work

    real = work.score_one

    def failing(pack: object, answers: object, options: object, **kw: object) -> object:
        if kw.get("source") == "in/files/f03.json":
            raise error
        return real(pack, answers, options, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(work, "score_one", failing)
    out = inputs.parent / "out"
    result = run_batch(load_pack(SAMPLE), [inputs], BatchOptions(out, jobs=1))
    assert result.exit_code == 1
    errors = {e["source"]: e["error"] for e in read_csv(out / "errors.csv")}
    assert errors["in/files/f03.json"].startswith(why)
    assert set(keys(read_csv(out / "summary.csv"))) == expected_scored() - {
        ("in/files/f03.json", "")
    }


_UNDER_FORKSERVER = """
import multiprocessing, sys
multiprocessing.set_start_method("forkserver")  # Python 3.14's default on Linux
from sme_assess.cli import main
sys.argv = ["sme-assess", "batch", sys.argv[1], "-o", sys.argv[2], "--jobs", "2"]
main()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fork start method")
def test_workers_are_forked_whatever_python_starts_processes_with(tmp_path: Path) -> None:
    """Under the fork server (Python 3.14's default on Linux) every worker stopped at once and
    four of five firms were reported as having killed it: the pool forks its workers."""
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", _UNDER_FORKSERVER, str(FIXTURES / "personas"), str(out)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert len(read_csv(out / "summary.csv")) == len(list((FIXTURES / "personas").glob("*.yaml")))
    assert read_csv(out / "errors.csv") == []


def test_report_workers_are_forked_from_a_single_threaded_process(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fork while another thread holds a lock can hang the child (Python 3.12 warns of it):
    the scoring pool's threads are gone before the report workers are forked."""
    import threading

    real_fork = os.fork
    threads_at_fork: list[list[str]] = []

    def fork() -> int:
        others = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
        threads_at_fork.append(others)
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.chdir(tmp_path)
    rows = ["企业名称,机器的产量和停机情况怎么报到办公室？"]
    rows += [f"Firm {i},手写在纸上" for i in range(6)]
    (tmp_path / "firms.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli(
        "batch", "firms.csv", "-o", "out", "-p", str(SAMPLE), "--pdf", "--jobs", "2", "--lenient"
    )
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out" / "reports").iterdir())) == 6
    assert len(threads_at_fork) >= 4  # two scoring workers, then two report workers
    assert threads_at_fork == [[]] * len(threads_at_fork)

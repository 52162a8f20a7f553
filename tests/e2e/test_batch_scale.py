"""Batch at programme scale: the Dask engine (on a LocalCluster) gives what local processes
give, lean results that still resume, re-render and re-score, summary.parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from sme_assess.batch import run as batch_run
from sme_assess.batch.lean import answers_of, expand
from sme_assess.batch.run import BatchOptions, run_batch
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE
from .test_batch_e2e import (
    StopAfter,
    assert_complete_once,
    expected_scored,
    inputs,  # noqa: F401  (fixture)
    keys,
    read_csv,
    result_keys,
)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A running Dask cluster (two worker threads in this process), as `dask scheduler` and
    `dask worker` would give, to which `--scheduler ADDRESS` sends the work."""
    import logging

    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def lines_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()]


def test_dask_gives_what_local_processes_give(inputs: Path, scheduler: str) -> None:  # noqa: F811
    pack = load_pack(SAMPLE)
    local = inputs.parent / "local"
    dask = inputs.parent / "dask"
    first = run_batch(pack, [inputs], BatchOptions(local, jobs=2))
    second = run_batch(pack, [inputs], BatchOptions(dask, engine="dask", scheduler=scheduler))
    assert (first.exit_code, second.exit_code) == (1, 1)  # the one bad row, both times
    for name in ("summary.csv", "errors.csv"):
        assert (dask / name).read_bytes() == (local / name).read_bytes(), name
    assert_complete_once(dask)
    by_key = {(x["source"], x["row"]): x for x in lines_of(local / "results.jsonl")}
    for line in lines_of(dask / "results.jsonl"):
        assert line == by_key[(line["source"], line["row"])]


def test_dask_run_interrupted_then_resumed(
    inputs: Path,  # noqa: F811
    scheduler: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch_run, "CHUNK", 1)  # many chunks: some are still to do at Ctrl-C
    pack = load_pack(SAMPLE)
    out = inputs.parent / "out"
    options = BatchOptions(out, engine="dask", scheduler=scheduler)
    first = run_batch(pack, [inputs], options, progress=StopAfter(2, True))
    assert first.interrupted and first.exit_code == 130
    partial = keys(read_csv(out / "summary.csv"))
    assert 0 < len(partial) < len(expected_scored())
    assert sorted(result_keys(out / "results.jsonl")) == sorted(partial)
    again = BatchOptions(out, engine="dask", scheduler=scheduler, resume=True)
    second = run_batch(pack, [inputs], again)
    assert second.skipped == len(partial) and second.exit_code == 1
    assert_complete_once(out)


def test_engine_options_are_checked(cli, inputs: Path) -> None:  # noqa: F811
    wrong = cli("batch", "in", "-o", "out", "-p", str(SAMPLE), "--engine", "spark")
    assert wrong.exit_code == 2 and "--engine spark: use local or dask" in wrong.stderr
    lonely = cli("batch", "in", "-o", "out", "-p", str(SAMPLE), "--scheduler", "tcp://x:1")
    assert lonely.exit_code == 2 and "--scheduler needs --engine dask" in lonely.stderr
    assert not (inputs.parent / "out" / "summary.csv").exists()


def test_dask_local_cluster_from_the_command_line(cli, inputs: Path) -> None:  # noqa: F811
    """No --scheduler: the tool starts a LocalCluster of worker processes and stops it."""
    result = cli("batch", "in", "-o", "out", "-p", str(SAMPLE), "--engine", "dask", "-j", "1")
    assert result.exit_code == 1, result.output  # the bad row
    assert_complete_once(inputs.parent / "out")


def test_lean_results_are_small_and_give_back_the_full_result(tmp_path: Path) -> None:
    """The built-in pack: a lean line half the full one or less; the reason texts and
    names rendered again (from the kept answers) equal the full form's and are said to match
    the line; the answers kept score to the same result."""
    import random

    from sme_assess.batch.lean import lean_json
    from sme_assess.models import Answers
    from sme_assess.pack.locate import pack_for
    from sme_assess.synthetic import random_answers

    pack = load_pack(pack_for("manufacturing-sme", None))
    q = pack.questionnaire
    rnd = random.Random(3)
    for i in range(5):
        answers = Answers.model_validate(
            {
                "questionnaire": q.id,
                "respondent": {"company": f"F{i}"},
                "answers": random_answers(q, rnd),
            }
        )
        result = evaluate(pack, answers, Options()).result
        full = json.loads(result.model_dump_json())
        lean = lean_json(result, answers)
        assert len(lean.encode()) * 2 < len(result.model_dump_json().encode())
        back = expand(json.loads(lean), pack)
        assert back["matches_line"] is True
        for mine, theirs in zip(back["recommendations"], full["recommendations"], strict=True):
            assert (mine["name"], mine["reasons"]) == (theirs["name"], theirs["reasons"])
        assert [lv["reasons"] for lv in back["levels"]] == [lv["reasons"] for lv in full["levels"]]
        assert [p["name"] for p in back["pain_points"]] == [p["name"] for p in full["pain_points"]]
        again = evaluate(pack, answers_of(json.loads(lean)), Options()).result
        assert again.model_dump_json() == result.model_dump_json()


def test_resume_reads_full_and_lean_lines(cli, inputs: Path) -> None:  # noqa: F811
    """A run with --full-results, cut short, resumed in the lean form: one summary, the
    same as a fresh run's; the new lines are lean, the old ones stay full."""
    assert cli("batch", "in", "-o", "fresh", "-p", str(SAMPLE)).exit_code == 1
    assert cli("batch", "in", "-o", "out", "-p", str(SAMPLE), "--full-results").exit_code == 1
    out = inputs.parent / "out"
    lines = (out / "results.jsonl").read_text("utf-8").splitlines(keepends=True)
    assert all("results_form" not in json.loads(x) for x in lines)
    assert all("text" in json.loads(x)["levels"][0]["reasons"][0] for x in lines)
    (out / "results.jsonl").write_text("".join(lines[::2]), encoding="utf-8")
    assert cli("batch", "in", "-o", "out", "-p", str(SAMPLE), "--resume").exit_code == 1
    forms = [
        json.loads(x).get("results_form") for x in (out / "results.jsonl").open(encoding="utf-8")
    ]
    assert forms.count("lean") == len(lines) - len(lines[::2])
    fresh = (inputs.parent / "fresh" / "summary.csv").read_bytes()
    assert (out / "summary.csv").read_bytes() == fresh
    assert_complete_once(out)


def test_summary_parquet_is_the_summary_typed(cli, inputs: Path) -> None:  # noqa: F811
    assert cli("batch", "in", "-o", "out", "-p", str(SAMPLE)).exit_code == 1
    out = inputs.parent / "out"
    table = pq.read_table(out / "summary.parquet")
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert table.column_names == list(rows[0])
    assert table.num_rows == len(rows)
    data = table.to_pylist()
    for mine, theirs in zip(data, rows, strict=True):
        assert mine["source"] == theirs["source"]
        assert mine["row"] == (int(theirs["row"]) if theirs["row"] else None)
        assert mine["score"] == float(theirs["score"])
        assert mine["percentile"] == int(theirs["percentile"])
        assert mine["company"] == theirs["company"]
    assert str(table.schema.field("score").type) == "double"
    assert str(table.schema.field("level").type) == "int64"


def quoted_newline_table(folder: Path) -> Path:
    """A CSV whose company cells hold line breaks, a blank row, then a quote never closed:
    rows 2-4 and 6-12 are firms (row 5 is blank), row 13 breaks the file on line 25."""
    folder.mkdir()
    lines = [
        "Company name,How do machine counts and stops reach the office?,networked_share,"
        "has_erp,daily_entry\n"
    ]
    for i in range(11):
        if i == 3:
            lines.append("\n")
        lines.append(f'"Row firm {i}\nsecond line, with a comma",Written on paper,{i},no,never\n')
    lines.append('"Broken firm,Written on paper,5,no,never\n')
    path = folder / "table.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_csv_rows_read_by_the_workers_keep_their_numbers_and_resume(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    """Local processes and a Dask LocalCluster of processes read the table in row ranges
    (two rows each here): every firm is scored once with the row a spreadsheet shows, the
    bad row is named with its row and line, and --resume scores only what is missing."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(batch_run, "CHUNK", 4)  # spans of 2 rows: boundaries inside the table
    quoted_newline_table(tmp_path / "in")
    args = ["batch", "in", "-o", "out", "-p", str(SAMPLE), "--engine", engine, "-j", "2"]
    assert cli(*args).exit_code == 1
    out = tmp_path / "out"
    firms = [2, 3, 4, *range(6, 14)]
    rows = read_csv(out / "summary.csv")
    assert [int(r["row"]) for r in rows] == firms
    assert [r["company"] for r in rows] == [
        f"Row firm {i}\nsecond line, with a comma" for i in range(11)
    ]
    (error,) = read_csv(out / "errors.csv")
    assert error["source"] == "in/table.csv" and error["row"] == ""
    assert (
        "stopped reading: row 14 (line 25): a quote opened in this row is never closed"
        in (error["error"])
    )
    lines = (out / "results.jsonl").read_text("utf-8").splitlines(keepends=True)
    kept = [x for x in lines if json.loads(x)["row"] not in (3, 7, 8, 13)]
    (out / "results.jsonl").write_text("".join(kept), encoding="utf-8")
    again = cli(*args, "--resume")
    assert again.exit_code == 1
    assert sorted(result_keys(out / "results.jsonl")) == sorted(
        ("in/table.csv", str(n)) for n in firms
    )
    assert [int(r["row"]) for r in read_csv(out / "summary.csv")] == firms
    assert len(read_csv(out / "errors.csv")) == 1


def test_summary_order_spilled_to_disk_and_lines_found_twice(
    cli,
    inputs: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The summary's order sorted in runs of 5 keys spilled to temporary files (as 100,000
    firms are, in runs of 20,000) gives the same files as one sort in memory; a journal
    holding some firms twice (the second line with another score) keeps the first line in
    the summary, the quartiles and the percentiles; no temporary file is left."""
    from sme_assess.batch import order

    assert cli("batch", "in", "-o", "memory", "-p", str(SAMPLE)).exit_code == 1
    monkeypatch.setattr(order, "RUN_SIZE", 5)
    assert cli("batch", "in", "-o", "spilled", "-p", str(SAMPLE)).exit_code == 1
    memory, spilled = inputs.parent / "memory", inputs.parent / "spilled"
    for name in ("summary.csv", "cohort.html", "errors.csv"):
        assert (spilled / name).read_bytes() == (memory / name).read_bytes(), name
    assert sorted(p.name for p in spilled.iterdir()) == sorted(p.name for p in memory.iterdir())

    lines = (spilled / "results.jsonl").read_text("utf-8").splitlines(keepends=True)
    again = []
    for line in lines[::4]:
        data = json.loads(line)
        data["overall"][0] = 99.9  # lean line: [score, level, ...]
        again.append(json.dumps(data, ensure_ascii=False) + "\n")
    with (spilled / "results.jsonl").open("a", encoding="utf-8") as handle:
        handle.writelines(again)
    assert cli("batch", "in", "-o", "spilled", "-p", str(SAMPLE), "--resume").exit_code == 1
    assert len((spilled / "results.jsonl").read_text("utf-8").splitlines()) == len(lines) + len(
        again
    )
    for name in ("summary.csv", "cohort.html"):
        assert (spilled / name).read_bytes() == (memory / name).read_bytes(), name
    assert not [p for p in spilled.iterdir() if p.name.startswith(".")]  # no temporary file

"""`batch --pdf`: the reports are made at the end with the cohort's peers; Ctrl-C while they
are made keeps what is done and --resume makes the rest."""

from __future__ import annotations

import csv
import os
import signal
from pathlib import Path
from typing import Any

import pypdf
import pytest

from sme_assess.batch import reports
from sme_assess.batch.run import BatchOptions, run_batch
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE

FIRMS = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]


@pytest.fixture
def table(tmp_path: Path) -> Path:
    answers = ["Written on paper", "Typed into a spreadsheet", "Read automatically"]
    rows = ["company,How do machine counts and stops reach the office?"]
    rows += [f"{name},{answers[i % 3]}" for i, name in enumerate(FIRMS)]
    path = tmp_path / "firms.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _summary(out: Path) -> dict[str, dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {r["company"]: r for r in csv.DictReader(handle)}


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


def test_ctrl_c_while_reports_are_made_then_resume_makes_them_all(
    table: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = load_pack(SAMPLE)
    out = tmp_path / "out"
    calls = []
    real = reports.render_one

    def render_then_ctrl_c(*args: Any) -> bytes | str:
        calls.append(1)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGINT)  # during the second report
        return real(*args)

    monkeypatch.setattr(reports, "render_one", render_then_ctrl_c)
    options = BatchOptions(out, jobs=1, pdf=True, lenient=True)
    first = run_batch(pack, [table], options)
    assert first.interrupted and first.exit_code == 130
    summary = _summary(out)
    assert set(summary) == set(FIRMS)  # every firm scored and in the summary
    made = {name for name, r in summary.items() if r["report"]}
    assert made == {"Alpha", "Beta"}  # the one being made when Ctrl-C came is kept
    assert "--resume makes it" in summary["Gamma"]["notes"]
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["Alpha.pdf", "Beta.pdf"]
    assert not (out / "cohort.pdf").exists()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler

    monkeypatch.setattr(reports, "render_one", real)
    second = run_batch(
        pack, [table], BatchOptions(out, jobs=2, pdf=True, lenient=True, resume=True)
    )
    assert not second.interrupted and second.exit_code == 0
    summary = _summary(out)
    assert all(r["report"] == f"reports/{name}.pdf" for name, r in summary.items())
    assert not any("report not written" in r["notes"] for r in summary.values())
    for name, row in summary.items():
        text = _text(out / row["report"])
        assert name in text
        percentile = row["percentile"]
        assert f"this firm scores higher than {percentile} % (median" in text
        assert "this batch of 6 firms scored together on" in text
    assert (out / "cohort.pdf").is_file()


def test_too_few_firms_are_said_not_compared(table: Path, tmp_path: Path) -> None:
    lines = table.read_text(encoding="utf-8").splitlines()[:4]  # three firms
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch(load_pack(SAMPLE), [table], BatchOptions(out, pdf=True, lenient=True))
    assert result.exit_code == 0
    text = _text(out / "reports" / "Alpha.pdf")
    assert "Too few firms to compare with peers (this batch of" in text
    assert "scores higher than" not in text


def test_too_few_firms_get_no_percentile_in_any_summary_either(table: Path, tmp_path: Path) -> None:
    import openpyxl
    import pyarrow.parquet as pq

    lines = table.read_text(encoding="utf-8").splitlines()[:5]  # four firms: one short of five
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch(load_pack(SAMPLE), [table], BatchOptions(out, lenient=True))
    assert result.exit_code == 0
    summary = _summary(out)
    assert len(summary) == 4 and all(r["percentile"] == "" for r in summary.values())
    sheet = openpyxl.load_workbook(out / "summary.xlsx").active
    header = [c.value for c in sheet[1]]
    column = header.index("Percentile in this batch")
    assert [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)] == [None] * 4
    assert pq.read_table(out / "summary.parquet").column("percentile").null_count == 4
    assert any("4 scored firms are too few to rank (5 at least)" in n for n in result.notes)

    again = tmp_path / "five"
    table.write_text("\n".join([*lines, "Epsilon,Written on paper"]) + "\n", encoding="utf-8")
    result = run_batch(load_pack(SAMPLE), [table], BatchOptions(again, lenient=True))
    assert all(r["percentile"] != "" for r in _summary(again).values())
    assert not any("too few to rank" in n for n in result.notes)


def test_resume_names_the_pdfs_it_did_not_write_and_keeps_them(table: Path, tmp_path: Path) -> None:
    pack = load_pack(SAMPLE)
    out = tmp_path / "out"
    first = run_batch(pack, [table], BatchOptions(out, pdf=True, lenient=True))
    assert first.exit_code == 0 and not any("did not write" in n for n in first.notes)
    mine = out / "reports" / "Old name.pdf"  # an earlier run's report, or the user's file
    mine.write_bytes(b"%PDF-1.4 kept as it is")
    an_hour_ago = (mine.stat().st_mtime - 3600,) * 2
    os.utime(mine, an_hour_ago)
    for name in FIRMS:  # the reports of the first run are older too: all rewritten now
        os.utime(out / "reports" / f"{name}.pdf", an_hour_ago)

    second = run_batch(pack, [table], BatchOptions(out, pdf=True, lenient=True, resume=True))
    assert second.exit_code == 0
    notes = [n for n in second.notes if "did not write" in n]
    assert notes == [
        "reports/ keeps 1 PDF file this run did not write (from an earlier run, under a "
        "name no firm has now, or put there by hand; left as it is): Old name.pdf"
    ]
    assert mine.read_bytes() == b"%PDF-1.4 kept as it is"
    assert set(_summary(out)) == set(FIRMS)


_PARENT = os.getpid()
_RENDER = reports.render_one


def render_or_die_on_gamma(answers: Any, peers: Any) -> bytes | str:
    """In a worker, Gamma's report kills the worker (as the out-of-memory killer would)."""
    if os.getpid() != _PARENT and answers.respondent.company == "Gamma":
        os._exit(1)
    return _RENDER(answers, peers)


def test_a_worker_dying_on_one_report_fails_only_what_it_took_and_the_batch_ends(
    table: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch ends (on Python 3.12 and later it used to wait for ever), Gamma's report is
    said to have failed, every other report is made (those that went down with the pool are
    made again, one at a time), and --resume makes Gamma's once the cause is gone."""
    real = reports.render_one
    monkeypatch.setattr(reports, "render_one", render_or_die_on_gamma)
    out = tmp_path / "out"
    pack = load_pack(SAMPLE)
    first = run_batch(pack, [table], BatchOptions(out, jobs=2, pdf=True, lenient=True))
    assert first.exit_code == 1
    summary = _summary(out)
    assert set(summary) == set(FIRMS)
    assert not summary["Gamma"]["report"]
    failed = {n for n, r in summary.items() if "stopped unexpectedly" in r["notes"]}
    assert "Gamma" in failed
    made = {name for name, r in summary.items() if r["report"]}
    assert made == set(FIRMS) - {"Gamma"}  # those in flight with it are made again, alone
    monkeypatch.setattr(reports, "render_one", real)
    second = run_batch(
        pack, [table], BatchOptions(out, jobs=2, pdf=True, lenient=True, resume=True)
    )
    assert second.exit_code == 0
    assert all(r["report"] == f"reports/{n}.pdf" for n, r in _summary(out).items())

"""The batch journal read back after a kill, the output folder's rules, CSV cells made safe."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sme_assess.batch import outputs as out
from sme_assess.batch.journal import AppendLog, read_back
from sme_assess.batch.outdir import clean_stale_temps, had_no_results, open_outdir
from sme_assess.errors import InputError, UsageError


def line(source: str) -> str:
    return json.dumps({"source": source, "row": None, "overall": {"score": 1.0}}) + "\n"


def good(text: str) -> bool:
    return out.parse_results_line(text) is not None


def test_a_torn_last_line_is_cut_off_and_appending_goes_on_after_the_good_lines(
    tmp_path: Path,
) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text(line("a") + line("b") + line("c")[:20], encoding="utf-8")
    seen: list[str] = []
    dropped = read_back(path, lambda t: good(t) and not seen.append(t))
    assert dropped == 1
    assert [json.loads(t)["source"] for t in seen] == ["a", "b"]
    log = AppendLog.reopen(path)
    log.append(line("c").encode())
    log.close()
    sources = [json.loads(x)["source"] for x in path.read_text("utf-8").splitlines()]
    assert sources == ["a", "b", "c"]


def test_bad_lines_inside_the_journal_are_dropped_and_the_good_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text(line("a") + "{not json\n" + "\x00\x00\n" + line("b"), encoding="utf-8")
    assert read_back(path, good) == 2
    assert path.read_text("utf-8") == line("a") + line("b")
    assert [p.name for p in tmp_path.iterdir()] == ["results.jsonl"]  # no temp file left


def test_a_missing_or_empty_journal_is_nothing_to_resume(tmp_path: Path) -> None:
    assert read_back(tmp_path / "results.jsonl", good) == 0
    (tmp_path / "results.jsonl").write_bytes(b"")
    assert read_back(tmp_path / "results.jsonl", good) == 0


def test_only_our_own_stale_temp_files_are_removed(tmp_path: Path) -> None:
    ours = [".summary.csv.k3j9x_2a.tmp", ".results.jsonl.abcd1234.tmp"]
    theirs = [".notes.tmp", "summary.csv.k3j9x_2a.tmp", ".summary.csv.tmp", "data.tmp"]
    for name in ours + theirs:
        (tmp_path / name).write_text("x")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / ".Acme Co.pdf.zz99zz99.tmp").write_text("x")
    (tmp_path / "reports" / "Acme Co.pdf").write_text("x")
    removed = clean_stale_temps(tmp_path)
    assert sorted(removed) == sorted([*ours, ".Acme Co.pdf.zz99zz99.tmp"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*theirs, "reports"])
    assert [p.name for p in (tmp_path / "reports").iterdir()] == ["Acme Co.pdf"]


def test_an_outdir_of_a_run_that_scored_nobody_can_be_used_again(tmp_path: Path) -> None:
    for name in out.OUTPUT_FILES:
        (tmp_path / name).write_text("" if name == out.RESULTS else "x")
    assert had_no_results(tmp_path)
    with open_outdir(tmp_path, resume=False, force=False):
        assert list(tmp_path.iterdir()) == []
    (tmp_path / out.RESULTS).write_text(line("a"))
    assert not had_no_results(tmp_path)
    (tmp_path / out.RESULTS).write_text("")
    (tmp_path / "my notes.txt").write_text("mine")
    assert not had_no_results(tmp_path)  # a file that is not ours: never touched
    with pytest.raises(UsageError, match="is not empty"):
        open_outdir(tmp_path, resume=False, force=False)


def test_an_outdir_under_a_regular_file_is_one_usage_error(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(UsageError, match=r"cannot write there: Not a directory"):
        open_outdir(tmp_path / "file.txt" / "out", resume=False, force=False)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\r=1", "'\r=1"),
        ("Acme = good", "Acme = good"),
        ("", ""),
        (-12.5, -12.5),
        (-3, -3),
    ],
)
def test_csv_cells_that_start_like_a_formula_are_text(cell: object, written: object) -> None:
    assert out.neutralise(cell) == written


def test_csv_rows_keep_our_negative_numbers_as_numbers() -> None:
    data = out.csv_rows([["source", "score"], ["-x.json", -1.5]], bom=True)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["source", "score"], ["'-x.json", "-1.5"]]


def test_a_journal_never_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("precious")
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "errors.csv").symlink_to(target)
    log = AppendLog.create(outdir / "errors.csv", b"head\n")
    log.close()
    assert target.read_text() == "precious"
    assert not (outdir / "errors.csv").is_symlink()
    assert (outdir / "errors.csv").read_bytes() == b"head\n"
    (outdir / "results.jsonl").symlink_to(target)
    with pytest.raises(InputError, match="cannot write"):
        AppendLog.reopen(outdir / "results.jsonl")
    assert target.read_text() == "precious"

"""`batch` on tables a consultant receives that look readable but are not, for certain: what
errors.csv, summary.csv's notes and --check-mapping say. A cell that cannot be read for
certain stops its firm's row (errors.csv names the question, column and cell) or, with
--lenient, is left out and said in the notes; never read as a guess."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from ..conftest import SAMPLE

HEAD = ["company", "machine_data", "networked_share", "sensors", "has_erp", "erp_age"]
HEAD += ["daily_entry"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, lines: list[str]) -> None:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def batch(cli, *args: str):  # type: ignore[no-untyped-def]
    return cli("batch", *args, "--pack", str(SAMPLE), "--jobs", "1")


def test_a_formula_never_calculated_stops_the_row_and_is_named(cli, here: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEAD)
    sheet.append(["Typed", "paper", 20, "counts", "yes", 3, "week"])
    sheet.append(["Scripted", "paper", "=10*2", "counts", "yes", 3, "week"])
    buffer = io.BytesIO()
    book.save(buffer)  # as a script writes it: the formula, no value
    (here / "firms.xlsx").write_bytes(buffer.getvalue())
    result = batch(cli, "firms.xlsx", "-o", "out")
    assert result.exit_code == 1, result.output
    assert [r["company"] for r in read_csv(here / "out" / "summary.csv")] == ["Typed"]
    (failed,) = read_csv(here / "out" / "errors.csv")
    assert (failed["company"], failed["row"]) == ("Scripted", "3")
    assert (
        "networked_share: column C: '=10*2' holds a formula (=10*2) whose value was never "
        "calculated" in failed["problems"]
    )
    assert "open and save the file in Excel or WPS, or export values" in failed["problems"]
    lenient = batch(cli, "firms.xlsx", "-o", "out2", "--lenient")
    assert lenient.exit_code == 0, lenient.output
    notes = {r["company"]: r["notes"] for r in read_csv(here / "out2" / "summary.csv")}
    assert "never calculated" in notes["Scripted"] and "formula" not in notes["Typed"]


def test_a_csv_row_shifted_by_an_unquoted_comma_is_an_error_even_with_lenient(
    cli, here: Path
) -> None:
    write(
        here / "firms.csv",
        [
            ",".join(HEAD),
            "Quoted,paper,20,counts,yes,3,week",
            # "Acme, Inc" unquoted: every later cell moves one column right, and the numbers
            # that land under networked_share and erp_age would read as answers
            "Acme, Inc,paper,20,counts,yes,3,week",
        ],
    )
    for extra in ([], ["--lenient"]):
        out = "out" + "".join(extra)
        result = batch(cli, "firms.csv", "-o", out, *extra)
        assert result.exit_code == 1, result.output
        assert [r["company"] for r in read_csv(here / out / "summary.csv")] == ["Quoted"]
        (failed,) = read_csv(here / out / "errors.csv")
        assert failed["row"] == "3"
        assert "the row has 8 cells and the header 7" in failed["error"]
        assert "no cell of the row can be trusted" in failed["error"]
    check = cli("batch", "firms.csv", "--check-mapping", "--pack", str(SAMPLE))
    assert check.exit_code == 1, check.output
    assert "row 3: the row has 8 cells and the header 7" in " ".join(check.output.split())


def test_a_short_csv_row_is_scored_with_a_note_saying_so(cli, here: Path) -> None:
    write(here / "firms.csv", [",".join(HEAD), "Cut,paper,20,counts,no"])
    result = batch(cli, "firms.csv", "-o", "out", "--lenient")
    assert result.exit_code == 0, result.output
    (row,) = read_csv(here / "out" / "summary.csv")
    assert "the row ends after column E with 5 cells, the header has 7" in row["notes"]


def test_values_under_an_empty_header_are_said_in_the_notes_and_the_check(cli, here: Path) -> None:
    write(
        here / "firms.csv",
        [
            ",".join([*HEAD[:2], "", *HEAD[2:]]),
            "Noted,paper,called back twice,20,counts,yes,3,week",
        ],
    )
    result = batch(cli, "firms.csv", "-o", "out")
    assert result.exit_code == 0, result.output
    (row,) = read_csv(here / "out" / "summary.csv")
    assert "column C has no header but holds 'called back twice': not read" in row["notes"]
    check = cli("batch", "firms.csv", "--check-mapping", "--pack", str(SAMPLE))
    said = " ".join(check.output.split())
    assert (
        "column C has no header but holds 1 filled cell (row 2, e.g. 'called back twice')" in said
    )
    assert "1 filled cell with no header above it (not read)" in said
    assert check.exit_code == 1  # a question whose header was deleted would lose its answers


def test_check_mapping_says_each_column_with_no_header_once_and_exits_1(cli, here: Path) -> None:
    """Filled cells under an empty header, and right of the last header of a workbook, were
    a note per row and exit 0: now one line per column naming the rows they span, counted
    at the end like the cells under a header that matches no question (exit 1)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([*HEAD[:2], None, *HEAD[2:]])
    for n, note in enumerate(["called back", None, "twice", "again"]):
        sheet.append([f"Firm {n}", "paper", note, 20, "counts", "yes", 3, "week", None, None])
    sheet.append(["Late", "paper", None, 20, "counts", "yes", 3, "week", None, "phoned"])
    book.save(here / "firms.xlsx")
    check = cli("batch", "firms.xlsx", "--check-mapping", "--pack", str(SAMPLE))
    assert check.exit_code == 1, check.output
    lines = [" ".join(line.split()) for line in check.output.splitlines()]
    assert (
        "✗ column C has no header but holds 3 filled cells (rows 2–5, e.g. 'called back'): not "
        "read (give it a header, or delete it)" in lines
    )
    assert (
        "✗ right of the last header (column I on): 1 filled cell (row 6, e.g. 'phoned'): not "
        "read (give the column a header, or delete it)" in lines
    )
    assert "4 filled cells with no header above them (not read)" in lines[-1]
    assert not any(line.startswith("! row") for line in lines)  # not said again per row


def test_a_decimal_comma_is_refused_naming_the_cell(cli, here: Path) -> None:
    write(
        here / "firms.csv",
        [
            ",".join(HEAD),
            'Comma,paper,"1,5",counts,yes,3,week',
            'Grouped,paper,"1,500",x,yes,3,week',
        ],
    )
    result = batch(cli, "firms.csv", "-o", "out")
    assert result.exit_code == 1, result.output
    failed = {r["company"]: r for r in read_csv(here / "out" / "errors.csv")}
    said = failed["Comma"]["problems"]
    assert (
        "networked_share: column C: '1,5' is a number with a comma not followed by three "
        "digits: 1.5 (a decimal comma) or a typo for thousands?" in said
    )
    # "1,500" is read as 1500 (a share above 100 is wrong, and said so: read, not refused)
    assert "networked_share: 1500 is above the maximum 100" in failed["Grouped"]["problems"]


def test_a_qualtrics_numeric_yes_no_is_refused_as_ambiguous(cli, here: Path) -> None:
    codes = ["StartDate", "EndDate", "Finished", "ResponseId", *HEAD]
    imports = ",".join(f'"{{""ImportId"": ""{c}""}}"' for c in codes)
    write(
        here / "qualtrics.csv",
        [
            ",".join(codes),
            ",".join(codes),
            imports,
            "x,x,1,R_1,Coded,paper,20,counts,1,3,week",
            "x,x,1,R_2,Worded,paper,20,counts,Yes,3,week",
        ],
    )
    result = batch(cli, "qualtrics.csv", "-o", "out")
    assert result.exit_code == 1, result.output
    assert [r["company"] for r in read_csv(here / "out" / "summary.csv")] == ["Worded"]
    (failed,) = read_csv(here / "out" / "errors.csv")
    assert failed["company"] == "Coded"
    assert "has_erp: column I: '1' is a numeric code: Qualtrics" in failed["problems"]
    assert "may mean yes or no" in failed["problems"]

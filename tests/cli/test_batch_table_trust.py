"""`batch` on tables a consultant receives, where a quiet reading would be wrong: one company
in two submissions (both scored, each said), numbers that read two ways ("1.500"; "1,500" in
a ;-separated European file), 1/0 under a yes/no question of a table of no platform, and the
company of a row shifted by an unquoted comma."""

from __future__ import annotations

import io
from pathlib import Path

from ..conftest import SAMPLE
from .test_batch_tables_for_certain import HEAD, here, read_csv, write

__all__ = ["here"]  # the fixture, shared with the other tables tests
ZH = {"SME_ASSESS_LANG": "zh", "GITHUB_ACTIONS": "false"}
EN = {"SME_ASSESS_LANG": "en", "GITHUB_ACTIONS": "false"}


def batch(cli, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return cli("batch", *args, "--pack", str(SAMPLE), "--jobs", "1", env=env or EN)


def one_line(text: str) -> str:
    return " ".join(text.split())


# -- one company, two submissions --

TWICE = [
    ",".join(HEAD),
    "Acme Ltd,paper,20,counts,yes,3,week",
    "Beta,spreadsheet,40,stops,no,,never",
    "ACME LTD.,gateway,80,counts,yes,2,same_day",
]


def test_two_submissions_of_one_company_are_both_scored_and_said(cli, here: Path) -> None:
    write(here / "firms.csv", TWICE)
    result = batch(cli, "firms.csv", "-o", "out")
    assert result.exit_code == 0, result.output
    rows = {r["row"]: r for r in read_csv(here / "out" / "summary.csv")}
    assert sorted(rows) == ["2", "3", "4"]  # both kept, neither dropped
    said = "the same company name as 1 other submission (see duplicates.csv): both are scored"
    assert said in rows["2"]["notes"] and said in rows["4"]["notes"]
    assert "same company" not in rows["3"]["notes"]
    listed = read_csv(here / "out" / "duplicates.csv")
    assert [(r["group"], r["submissions"], r["row"], r["company"]) for r in listed] == [
        ("1", "2", "2", "Acme Ltd"),
        ("1", "2", "4", "ACME LTD."),
    ]
    assert [r["score"] for r in listed] == [rows["2"]["score"], rows["4"]["score"]]
    shown = one_line(result.output)
    assert "1 company name is given in more than one submission (2 rows)" in shown
    assert "duplicates.csv" in shown
    zh = batch(cli, "firms.csv", "-o", "zh", "--lang", "zh", env=ZH)
    assert "有 1 个企业名称出现在多份提交中（共 2 行）" in one_line(zh.output)
    from openpyxl import load_workbook

    sheet = load_workbook(here / "zh" / "summary.xlsx", read_only=True).worksheets[0]
    head, *rest = list(sheet.iter_rows(values_only=True))
    notes = [row[list(head).index("备注")] or "" for row in rest]
    assert sum("与另外 1 份提交的企业名称相同（见 duplicates.csv）" in n for n in notes) == 2


def test_visits_paired_by_id_column_are_not_called_duplicates(cli, here: Path) -> None:
    write(here / "firms.csv", TWICE)
    result = batch(cli, "firms.csv", "-o", "out", "--id-column", "company")
    assert result.exit_code in (0, 1), result.output
    assert not (here / "out" / "duplicates.csv").exists()
    assert all("same company" not in r["notes"] for r in read_csv(here / "out" / "summary.csv"))


def test_a_resumed_run_does_not_call_a_respondent_its_own_duplicate(cli, here: Path) -> None:
    write(here / "firms.csv", TWICE[:3])
    first = batch(cli, "firms.csv", "-o", "out")
    assert first.exit_code == 0, first.output
    again = batch(cli, "firms.csv", "-o", "out", "--resume")
    assert again.exit_code == 0, again.output
    assert not (here / "out" / "duplicates.csv").exists()
    write(here / "firms.csv", TWICE)  # a new row of the same company: now said
    (here / "out2").mkdir()
    later = batch(cli, "firms.csv", "-o", "out2")
    assert later.exit_code == 0, later.output
    assert len(read_csv(here / "out2" / "duplicates.csv")) == 2


# -- numbers that read two ways --


def test_a_point_before_three_digits_is_refused_and_plain_numbers_are_read(cli, here: Path) -> None:
    write(
        here / "firms.csv",
        [
            ",".join(HEAD),
            "Point,paper,1.500,counts,yes,3,week",
            "Decimal,paper,1.5,counts,yes,3,week",
            "Zero,paper,0.125,counts,yes,3,week",
        ],
    )
    result = batch(cli, "firms.csv", "-o", "out")
    assert result.exit_code == 1, result.output
    (failed,) = read_csv(here / "out" / "errors.csv")
    assert failed["company"] == "Point"
    assert "networked_share: column C: '1.500' could be 1.5 or 1500" in failed["problems"]
    assert sorted(r["company"] for r in read_csv(here / "out" / "summary.csv")) == [
        "Decimal",
        "Zero",
    ]


def test_a_comma_before_three_digits_in_a_semicolon_file_is_refused(cli, here: Path) -> None:
    """Excel writes ;-separated CSV where the comma is the decimal mark: "1,500" may be 1.5."""
    write(
        here / "firms.csv",
        [
            ";".join(HEAD),
            "Comma;paper;20;counts;yes;1,500;week",
            "Point;paper;1.5;counts;yes;3;week",
        ],
    )
    result = batch(cli, "firms.csv", "-o", "out")
    assert result.exit_code == 1, result.output
    (failed,) = read_csv(here / "out" / "errors.csv")
    assert failed["company"] == "Comma"
    assert "erp_age: column F: '1,500' could be 1500 or 1.5" in failed["problems"]
    assert [r["company"] for r in read_csv(here / "out" / "summary.csv")] == ["Point"]
    check = cli("batch", "firms.csv", "--check-mapping", "--pack", str(SAMPLE), env=ZH)
    assert "'1,500' ×1 → 未读取：可能是 1500，也可能是 1.5" in one_line(check.stdout)


def test_a_number_cell_of_a_workbook_with_three_decimals_is_read(cli, here: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEAD)
    sheet.append(["Exact", "paper", 12.125, "counts", "yes", 3, "week"])
    sheet.append(["Typed", "paper", "12.125", "counts", "yes", 3, "week"])
    buffer = io.BytesIO()
    book.save(buffer)
    (here / "firms.xlsx").write_bytes(buffer.getvalue())
    result = batch(cli, "firms.xlsx", "-o", "out")
    assert result.exit_code == 1, result.output
    (row,) = read_csv(here / "out" / "summary.csv")
    assert row["company"] == "Exact"  # a number cell is a number: never in doubt
    (failed,) = read_csv(here / "out" / "errors.csv")
    assert failed["company"] == "Typed"  # a typed text may be 12125
    assert "could be 12.125 or 12125" in failed["problems"]


# -- 1/0 under a yes/no question of a table of no platform --


def test_one_zero_under_a_yes_no_question_is_refused_unless_the_mapping_says(
    cli, here: Path
) -> None:
    write(here / "firms.csv", [",".join(HEAD), "Coded,paper,20,counts,1,3,week"])
    result = batch(cli, "firms.csv", "-o", "out")
    assert result.exit_code == 1, result.output
    (failed,) = read_csv(here / "out" / "errors.csv")
    assert (
        "has_erp: column E: '1' is a number in a yes/no column of a table that names no "
        "survey platform" in failed["problems"]
    )
    check = cli("batch", "firms.csv", "--check-mapping", "--pack", str(SAMPLE), env=EN)
    assert check.exit_code == 1
    assert "'1' ×1 → not read: is a number in a yes/no column" in one_line(check.stdout)
    (here / "map.yaml").write_text("values:\n  has_erp: {'1': 'yes', '0': 'no'}\n")
    mapped = batch(cli, "firms.csv", "-o", "mapped", "--mapping", "map.yaml")
    assert mapped.exit_code == 0, mapped.output
    (row,) = read_csv(here / "mapped" / "summary.csv")
    assert row["company"] == "Coded"


# -- the company of a shifted row --


def test_a_shifted_rows_company_is_in_errors_csv_when_it_can_be_read(cli, here: Path) -> None:
    write(
        here / "first.csv",
        [",".join(HEAD), "Acme, Inc,paper,20,counts,yes,3,week"],
    )
    later = ["networked_share", "company", *[h for h in HEAD if h not in HEAD[:3]]]
    later.insert(2, "machine_data")
    write(
        here / "middle.csv",
        [
            ",".join(later),
            "20,Beta,paper,counts and stops, and energy,yes,3,week",
            "20,Gamma, Ltd,paper,counts,yes,3,week",
        ],
    )
    result = batch(cli, "first.csv", "middle.csv", "-o", "out")
    assert result.exit_code == 1, result.output
    failed = {(r["source"], r["row"]): r for r in read_csv(here / "out" / "errors.csv")}
    # the company column is the first: nothing left of it can move it ("Acme", cut at its comma)
    assert failed[("first.csv", "2")]["company"] == "Acme"
    # a shift right of the company column leaves it in place, one left of it moves it: not
    # said as if certain, both cells are given
    assert failed[("middle.csv", "2")]["company"] == ""
    assert failed[("middle.csv", "2")]["problems"] == (
        "company: 'Beta' (column B) if the shift is right of it, 'paper' (column C) if left of it"
    )
    assert failed[("middle.csv", "3")]["company"] == ""
    assert (
        "'Gamma' (column B) if the shift is right of it, 'Ltd' (column C)"
        in (failed[("middle.csv", "3")]["problems"])
    )
    assert "row 2 (Acme): the row has 8 cells" in one_line(result.output)

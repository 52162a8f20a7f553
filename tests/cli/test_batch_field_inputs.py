"""Tables as offices really send them, scored with `batch`: what cannot be read right is
named per firm in errors.csv (or, with --lenient, in the notes), never scored in silence."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from ..conftest import SAMPLE


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[list[str]], newline: str = "\r\n") -> None:
    text = newline.join(",".join(r) for r in rows) + newline
    path.write_bytes(text.encode("utf-8"))


# every scored question of the sample pack has a column (sensors is asked only past paper)
HEAD = ["company", "machine_data", "networked_share", "sensors", "has_erp", "erp_age"]
HEAD += ["daily_entry"]
REST = ["20", "counts", "yes", "3", "week"]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_question_in_two_columns_that_disagree_is_a_failed_row(cli, here: Path) -> None:
    write_csv(
        here / "merged.csv",
        [
            [*HEAD, "machine_data"],
            ["Agree", "paper", *REST, "paper"],
            ["Second only", "", *REST, "gateway"],
            ["Disagree", "paper", *REST, "gateway"],
        ],
    )
    result = cli("batch", "merged.csv", "-o", "out", "--pack", str(SAMPLE), "--jobs", "1")
    assert result.exit_code == 1, result.output
    scored = {r["company"]: r for r in read_csv(here / "out" / "summary.csv")}
    assert set(scored) == {"Agree", "Second only"}
    (failed,) = read_csv(here / "out" / "errors.csv")
    assert (failed["company"], failed["row"]) == ("Disagree", "4")
    assert "answered differently in two columns" in failed["error"]
    assert "column B says 'paper', column H says 'gateway'" in failed["problems"]
    lenient = cli(
        "batch", "merged.csv", "-o", "out2", "--pack", str(SAMPLE), "--jobs", "1", "--lenient"
    )
    assert lenient.exit_code == 0, lenient.output
    notes = {r["company"]: r["notes"] for r in read_csv(here / "out2" / "summary.csv")}
    said = "column B says 'paper', column H says 'gateway': the first is scored"
    assert said in notes["Disagree"]


def test_a_size_column_with_head_counts_says_why_the_size_question_is_unanswered(
    cli, here: Path
) -> None:
    """Offices ask "员工人数" as a number: the cell is kept as the firm's size (text), and the
    pack's size question, which it cannot answer, is said to be unanswered, with why."""
    write_csv(
        here / "office.csv",
        [
            ["企业名称", "员工人数", *HEAD[1:]],
            ["Counted", "150", "paper", *REST],
            ["Banded", "20到299人", "paper", *REST],
        ],
    )
    result = cli("batch", "office.csv", "-o", "out", "--pack", str(SAMPLE), "--jobs", "1")
    assert result.exit_code == 0, result.output
    rows = {r["company"]: r for r in read_csv(here / "out" / "summary.csv")}
    assert rows["Banded"]["size"] == "small"
    assert rows["Counted"]["size"] == "150"
    assert (
        "company_size: '150' matches no option: kept as the firm's size, the question is not "
        "answered" in rows["Counted"]["notes"]
    )
    assert "company_size" not in rows["Banded"]["notes"]


def test_check_mapping_names_the_rows_whose_two_columns_disagree(cli, here: Path) -> None:
    write_csv(
        here / "merged.csv",
        [
            [*HEAD, "machine_data"],
            ["Agree", "paper", *REST, "paper"],
            ["Disagree", "paper", *REST, "gateway"],
        ],
    )
    result = cli("batch", "--check-mapping", "merged.csv", "--pack", str(SAMPLE))
    assert result.exit_code == 1, result.output
    assert "row 3: machine_data: column B says 'paper', column H says 'gateway'" in result.output
    assert "row 2:" not in result.output
    assert "1 cell with values that match no option" in result.output


def test_resume_refuses_an_export_downloaded_again_since_the_earlier_run(cli, here: Path) -> None:
    """--resume keeps earlier results by file and row: the export downloaded again, newest
    first, put a new firm in row 2, which kept the old firm's result and was never scored."""
    first = [["Old firm", "paper", *REST], ["Second firm", "paper", *REST]]
    write_csv(here / "export.csv", [HEAD, *first])
    args = ("batch", "export.csv", "-o", "out", "--pack", str(SAMPLE), "--jobs", "1")
    assert cli(*args).exit_code == 0
    resumed = cli(*args, "--resume")  # nothing changed: nothing to do, not refused
    assert resumed.exit_code == 0, resumed.output
    results = here / "out" / "results.jsonl"
    before = results.read_bytes()
    write_csv(here / "export.csv", [HEAD, ["New firm", "gateway", *REST], *first])
    stamp = results.stat().st_mtime_ns + 1_000_000_000
    os.utime(here / "export.csv", ns=(stamp, stamp))
    refused = cli(*args, "--resume")
    assert refused.exit_code == 2
    assert "--resume: export.csv was changed after the earlier run" in refused.output
    assert "--force" in refused.output
    assert results.read_bytes() == before  # nothing written
    again = cli(*args, "--force")
    assert again.exit_code == 0
    companies = [r["company"] for r in read_csv(here / "out" / "summary.csv")]
    assert companies == ["New firm", "Old firm", "Second firm"]


def test_a_survey_exports_region_answer_fills_the_region_column(cli, here: Path) -> None:
    # a 金数据 export answers 贵公司所在地区 (the pack's region question) but has no
    # respondent region: the summary's region column used to stay empty for every firm
    export = Path(__file__).parents[1] / "fixtures" / "platforms" / "jinshuju.xlsx"
    result = cli("batch", str(export), "-o", "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    rows = read_csv(here / "out" / "summary.csv")
    regions = [r["region"] for r in rows]
    assert regions[:2] == ["north_china", "northeast"], regions
    assert sum(1 for r in regions if r) > len(regions) // 2, regions
    import openpyxl

    sheet = openpyxl.load_workbook(here / "out" / "summary.xlsx").active
    assert sheet is not None
    values = [c for row in sheet.iter_rows(max_row=2, values_only=True) for c in row]
    assert "华北（京津冀、山西、内蒙古）" in values


def test_a_one_column_per_option_header_naming_no_option_is_not_passed_as_read(
    cli, here: Path
) -> None:
    # 腾讯问卷 splits a multiple choice into one 0/1 column per option; an office that
    # re-typed an option ("ISO13485医疗器械" for "ISO 13485（医疗器械）") used to see the
    # column matched to the question by similarity, then dropped in silence: ticks lost,
    # --check-mapping all green (exit 0)
    import openpyxl

    export = Path(__file__).parents[1] / "fixtures" / "platforms" / "tencent.xlsx"
    book = openpyxl.load_workbook(export)
    sheet = book.active
    assert sheet is not None
    cell = next(c for c in sheet[1] if "ISO 13485" in str(c.value))
    cell.value = str(cell.value).split(":")[0] + ":ISO13485医疗器械"
    book.save(here / "tencent.xlsx")
    result = cli("batch", "--check-mapping", "tencent.xlsx")
    assert result.exit_code == 1, result.output
    assert "'ISO13485医疗器械' is not an option of regulated_by" in result.output
    assert "1 column of a question that is not read" in result.output

"""`sme-assess batch` and `sme-assess template` as a consultant uses them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl

from sme_assess.engine.evaluation import evaluate
from sme_assess.models import Answers
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE

SCORED = {
    ("in/forms_extra_sheet.xlsx", "2"),
    ("in/forms_extra_sheet.xlsx", "3"),
    ("in/gb18030.csv", "2"),
    ("in/gb18030.csv", "3"),
    ("in/good.json", ""),
    ("in/google_bom.csv", "2"),
    ("in/google_bom.csv", "4"),
    ("in/kobo_semicolon.csv", "2"),
    ("in/kobo_semicolon.csv", "3"),
    ("in/nested/good.yaml", ""),
}
FAILED = {("in/broken.json", ""), ("in/google_bom.csv", "5"), ("in/other_pack.yaml", "")}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def keys(rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(r["source"], r["row"]) for r in rows]


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return h.hexdigest()


def native_score(answers: dict[str, Any], **top: Any) -> float | None:
    pack = load_pack(SAMPLE)
    doc = {"questionnaire": "sample", "questionnaire_version": "1.0.0", **top, "answers": answers}
    return evaluate(pack, Answers.model_validate(doc)).result.overall.score


def test_help_lists_batch_and_template(cli) -> None:
    result = cli("--help")
    assert "batch" in result.stdout and "template" in result.stdout


def test_mixed_inputs_every_respondent_is_accounted_for_exactly_once(cli, work: Path) -> None:
    before = digest(work / "in")
    result = cli("batch", "in", "-o", "out", "--pack", str(SAMPLE), "--jobs", "2")
    assert result.exit_code == 1, result.output
    out = work / "out"
    summary, errors = read_csv(out / "summary.csv"), read_csv(out / "errors.csv")
    assert set(keys(summary)) == SCORED and len(summary) == len(SCORED)
    assert set(keys(errors)) == FAILED and len(errors) == len(FAILED)
    assert digest(work / "in") == before, "inputs must never be modified"

    by_key = {(r["source"], r["row"]): r for r in summary}
    assert by_key[("in/kobo_semicolon.csv", "3")]["company"] == "Kobo Dairy; Ltd"
    assert by_key[("in/gb18030.csv", "2")]["company"] == "宁波精工机械"
    assert by_key[("in/gb18030.csv", "2")]["language"] == "zh"
    assert by_key[("in/good.json", "")]["sector"] == "machinery"
    assert all(r["percentile"] for r in summary)
    assert by_key[("in/google_bom.csv", "2")]["solution_1"]  # top solutions named

    reasons = {(r["source"], r["row"]): r for r in errors}
    assert "not valid JSON" in reasons[("in/broken.json", "")]["error"]
    assert "'Carrier pigeon' is not an option" in reasons[("in/google_bom.csv", "5")]["problems"]
    assert reasons[("in/google_bom.csv", "5")]["company"] == "Pigeon Post Ltd"
    assert "'another-pack', not 'sample'" in reasons[("in/other_pack.yaml", "")]["problems"]

    lines = [json.loads(x) for x in (out / "results.jsonl").read_text("utf-8").splitlines()]
    assert {(x["source"], "" if x["row"] is None else str(x["row"])) for x in lines} == SCORED
    assert all(x["questionnaire"] == "sample" and "categories" in x for x in lines)

    book = openpyxl.load_workbook(out / "summary.xlsx")
    assert book.active.max_row == len(SCORED) + 1
    html = (out / "cohort.html").read_text("utf-8")
    assert "Cohort overview" in html or "企业群体概览" in html
    assert (out / "cohort.pdf").read_bytes().startswith(b"%PDF")

    assert "google_bom.csv row 5" in result.stderr
    assert "skipped 1 file that is neither answers nor a table" in result.stderr
    assert "README.md" in result.stderr
    assert "10 respondents in the summary" in result.stdout


def test_one_job_and_two_jobs_give_the_same_summary(cli, work: Path) -> None:
    assert cli("batch", "in", "-o", "one", "-p", str(SAMPLE), "--jobs", "1").exit_code == 1
    assert cli("batch", "in", "-o", "two", "-p", str(SAMPLE), "--jobs", "2").exit_code == 1
    for name in ("summary.csv", "errors.csv"):
        assert (work / "one" / name).read_bytes() == (work / "two" / name).read_bytes()


def test_a_non_empty_outdir_is_refused_without_force_or_resume(cli, work: Path) -> None:
    (work / "out").mkdir()
    (work / "out" / "keep.txt").write_text("mine")
    result = cli("batch", "in/good.json", "-o", "out", "-p", str(SAMPLE))
    assert result.exit_code == 2
    assert "is not empty" in result.stderr
    assert cli("batch", "in/good.json", "-o", "out", "-p", str(SAMPLE), "--force").exit_code == 0
    assert (work / "out" / "keep.txt").read_text() == "mine"  # --force replaces only ours
    assert len(read_csv(work / "out" / "summary.csv")) == 1
    both = cli("batch", "in/good.json", "-o", "out", "-p", str(SAMPLE), "--force", "--resume")
    assert both.exit_code == 2


def test_nothing_readable_is_exit_2_with_the_reason_written(cli, work: Path) -> None:
    result = cli("batch", "in/broken.json", "no/such/file.csv", "-o", "out", "-p", str(SAMPLE))
    assert result.exit_code == 2
    errors = read_csv(work / "out" / "errors.csv")
    assert keys(errors) == [("in/broken.json", ""), ("no/such/file.csv", "")]
    assert errors[1]["error"] == "no such file or folder"
    assert read_csv(work / "out" / "summary.csv") == []
    # the user fixes the file and runs the same command again: nothing was scored, so
    # there is nothing to lose and no --force to remember
    shutil.copy(work / "in" / "good.json", work / "in" / "broken.json")
    again = cli("batch", "in/broken.json", "-o", "out", "-p", str(SAMPLE))
    assert again.exit_code == 0, again.output
    assert keys(read_csv(work / "out" / "summary.csv")) == [("in/broken.json", "")]
    assert read_csv(work / "out" / "errors.csv") == []


def test_help_says_that_o_is_required(cli) -> None:
    text = cli("batch", "--help").stdout
    assert "Usage: sme-assess batch -o OUTDIR" in text
    assert re.search(r"-o, --output OUTDIR\s+Folder for the results\. Required \(except", text)


def test_no_inputs_at_all_is_bad_usage(cli, work: Path) -> None:
    (work / "empty").mkdir()
    result = cli("batch", "empty", "-o", "out", "-p", str(SAMPLE))
    assert result.exit_code == 2
    assert "no answers files or tables found" in result.stderr
    assert not (work / "out").exists()
    assert cli("batch", "in", "-p", str(SAMPLE)).exit_code == 2  # no -o


def test_check_mapping_shows_every_column_and_value_and_writes_nothing(cli, work: Path) -> None:
    result = cli("batch", "--check-mapping", "in", "-p", str(SAMPLE))
    assert result.exit_code == 1  # an unknown label and unusable files
    text = result.stdout
    assert "in/google_bom.csv" in text and "UTF-8 with BOM, comma-separated" in text
    assert "in/kobo_semicolon.csv" in text and "semicolon-separated" in text
    assert "in/gb18030.csv" in text and "GB18030" in text
    assert "sheet 'Form1' (not read: 'Read me')" in text
    assert "Internal note" in text and "not mapped" in text
    assert "'Carrier pigeon' ×1" in text and "not read" in text
    assert "add it under 'machine_data' in --mapping values" in text  # advice that works
    assert "'Typed into a spreadsheet' ×1 → spreadsheet" in text
    assert "'产量、停机和原因' ×1 → [counts, stops]" in text
    assert "respondent.company" in text and "survey metadata" in text
    assert "questions with no column, not scored (1): biggest_worry" in text
    assert "in/broken.json" in text and "in/other_pack.yaml" in text
    assert not (work / "out").exists()

    clean = cli("batch", "--check-mapping", "zh_google.csv", "-p", str(SAMPLE))
    assert clean.exit_code == 0, clean.stdout
    assert "every required and scored question has a column" in clean.stdout


def test_a_chinese_google_forms_export_maps_itself(cli, work: Path) -> None:
    result = cli("batch", "zh_google.csv", "-o", "out", "-p", str(SAMPLE), "--jobs", "1")
    assert result.exit_code == 0, result.output
    rows = {r["row"]: r for r in read_csv(work / "out" / "summary.csv")}
    assert set(rows) == {"2", "3"}
    first = rows["2"]
    assert (first["company"], first["region"], first["language"]) == ("温州鞋材厂", "浙江", "zh")
    assert first["level_name"] in ("起步", "系统化", "尚未起步")
    expected = native_score(
        {
            "company_sector": "machinery",
            "company_size": "small",
            "machine_data": "gateway",
            "networked_share": 45,
            "sensors": ["counts", "stops", "energy"],
            "has_erp": True,
            "erp_age": 3,
            "daily_entry": "same_day",
        }
    )
    assert float(first["score"]) == expected
    second = native_score(
        {
            "company_sector": "machinery",
            "company_size": "medium",
            "machine_data": "spreadsheet",
            "networked_share": 10,
            "sensors": ["counts", "stops"],
            "has_erp": False,
            "daily_entry": "week",
        }
    )
    assert float(rows["3"]["score"]) == second


def test_a_mapping_file_reads_an_export_with_its_own_words(cli, work: Path) -> None:
    (work / "odd.csv").write_text(
        "Firm;Machines;ERP?;Province;Ticket\n"
        "Odd Works;Clipboard;Kingdee;Zhejiang;77\n"
        "Even Works;Excel sheets;none;Jiangsu;78\n",
        encoding="utf-8",
    )
    (work / "map.yaml").write_text(
        "columns:\n  Firm: company\n  Machines: machine_data\n  ERP?: has_erp\n"
        "  Province: region\n  Ticket: ignore\n"
        "values:\n  machine_data: {Clipboard: paper, Excel sheets: spreadsheet}\n"
        "  has_erp: {Kingdee: true, none: false}\n",
        encoding="utf-8",
    )
    check = cli("batch", "--check-mapping", "odd.csv", "--mapping", "map.yaml", "-p", str(SAMPLE))
    # every value is read, but four scored questions have no column: not an all-clear
    assert check.exit_code == 1, check.stdout
    assert "mapping file" in check.stdout
    assert "scored questions with no column (4): networked_share, sensors" in check.stdout
    strict = cli("batch", "odd.csv", "--mapping", "map.yaml", "-o", "out0", "-p", str(SAMPLE))
    assert strict.exit_code == 1, strict.output  # never a silent wrong score
    failed = read_csv(work / "out0" / "errors.csv")
    assert len(failed) == 2 and all("no column" in r["error"] for r in failed)
    result = cli(
        "batch", "odd.csv", "--mapping", "map.yaml", "-o", "out", "-p", str(SAMPLE), "--lenient"
    )
    assert result.exit_code == 0, result.output
    assert "2 respondents scored with questions missing" in result.stdout
    rows = read_csv(work / "out" / "summary.csv")
    assert [(r["company"], r["region"]) for r in rows] == [
        ("Odd Works", "Zhejiang"),
        ("Even Works", "Jiangsu"),
    ]
    assert float(rows[0]["score"]) == native_score({"machine_data": "paper", "has_erp": True})

    (work / "bad.yaml").write_text("columns: {Machines: machine_dta}\n", encoding="utf-8")
    bad = cli("batch", "odd.csv", "--mapping", "bad.yaml", "-o", "out2", "-p", str(SAMPLE))
    assert bad.exit_code == 2
    assert "machine_dta" in bad.stderr and "not a question id" in bad.stderr


def test_lenient_scores_the_row_with_an_unknown_label_and_says_what_it_left_out(
    cli, work: Path
) -> None:
    result = cli("batch", "in/google_bom.csv", "-o", "out", "-p", str(SAMPLE), "--lenient")
    assert result.exit_code == 0, result.output
    rows = {r["row"]: r for r in read_csv(work / "out" / "summary.csv")}
    assert set(rows) == {"2", "4", "5"}
    assert "Carrier pigeon" in rows["5"]["notes"]


def _fill_csv(template: bytes, rows: list[dict[str, str]]) -> bytes:
    lines = list(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    header = lines[0]
    ids = [h.split(" - ")[0] for h in header]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(lines)
    for row in rows:
        writer.writerow([row.get(i, "") for i in ids])
    return buffer.getvalue().encode("utf-8-sig")


FILLED = [
    {
        "company": "模板一厂",
        "company_sector": "机械和金属件",
        "company_size": "small",
        "machine_data": "录进Excel",
        "networked_share": "30%",
        "sensors": "产量;停机和原因",
        "has_erp": "是",
        "erp_age": "2",
        "daily_entry": "当天",
        "biggest_worry": "数据不准",
    },
    {
        "company": "Template Two",
        "company_sector": "food",
        "company_size": "Fewer than 20",
        "machine_data": "paper",
        "networked_share": "unknown",
        "has_erp": "false",
        "daily_entry": "week",
    },
]
FILLED_NATIVE = [
    {
        "company_sector": "machinery",
        "company_size": "small",
        "machine_data": "spreadsheet",
        "networked_share": 30,
        "sensors": ["counts", "stops"],
        "has_erp": True,
        "erp_age": 2,
        "daily_entry": "same_day",
        "biggest_worry": "数据不准",
    },
    {
        "company_sector": "food",
        "company_size": "micro",
        "machine_data": "paper",
        "networked_share": "unknown",
        "has_erp": False,
        "daily_entry": "week",
    },
]


def test_template_csv_round_trip(cli, work: Path) -> None:
    result = cli("template", "--format", "csv", "--lang", "zh", "-p", str(SAMPLE), "-o", "t.csv")
    assert result.exit_code == 0, result.output
    filled = work / "filled.csv"
    filled.write_bytes(_fill_csv((work / "t.csv").read_bytes(), FILLED))
    run = cli("batch", "filled.csv", "-o", "out", "-p", str(SAMPLE), "--jobs", "1")
    assert run.exit_code == 0, run.output
    rows = read_csv(work / "out" / "summary.csv")
    assert [r["row"] for r in rows] == ["3", "4"]  # header, options row, then the firms
    assert [r["company"] for r in rows] == ["模板一厂", "Template Two"]
    for row, answers in zip(rows, FILLED_NATIVE, strict=True):
        assert float(row["score"]) == native_score(answers)


def test_template_xlsx_round_trip(cli, work: Path) -> None:
    result = cli("template", "-f", "xlsx", "-p", str(SAMPLE), "-o", "t.xlsx")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(work / "t.xlsx")
    sheet = book["answers"]
    ids = [str(c.value).split(" - ")[0] for c in sheet[1]]
    for row in FILLED:
        sheet.append([row.get(i) for i in ids])
    book.save(work / "filled.xlsx")
    run = cli("batch", "filled.xlsx", "-o", "out", "-p", str(SAMPLE), "--jobs", "1")
    assert run.exit_code == 0, run.output
    rows = read_csv(work / "out" / "summary.csv")
    assert [r["row"] for r in rows] == ["2", "3"]
    for row, answers in zip(rows, FILLED_NATIVE, strict=True):
        assert float(row["score"]) == native_score(answers)


def test_template_to_stdout_and_default_name(cli, work: Path) -> None:
    result = cli("template", "-p", str(SAMPLE), "-o", "-")
    assert result.exit_code == 0
    assert "machine_data - How do machine counts" in result.stdout
    assert cli("template", "-f", "xlsx", "-p", str(SAMPLE), "-o", "-").exit_code == 2
    assert cli("template", "-p", str(SAMPLE)).exit_code == 0
    assert (work / "sample-template.csv").is_file()


def test_the_cohort_page_escapes_what_respondents_typed(cli, work: Path) -> None:
    (work / "x.csv").write_text(
        "Company name,Industry,machine_data\n"
        '"<img src=x onerror=alert(1)>","<script>alert(1)</script>",paper\n',
        encoding="utf-8",
    )
    result = cli("batch", "x.csv", "-o", "out", "-p", str(SAMPLE), "--jobs", "1", "--lenient")
    assert result.exit_code == 0, result.output
    html = (work / "out" / "cohort.html").read_text("utf-8")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the sector, as text

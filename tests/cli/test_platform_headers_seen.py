"""Platform system columns checked against genuine exports found in public code (the
sources are named per test). Only what was seen is asserted; README "For consultants" says
what stays unchecked (Feishu and DingTalk forms, 腾讯文档收集表)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from ..conftest import FIXTURES

# The header row of a real Microsoft Forms download (a canteen feedback form of 149
# responses, downloaded with the English interface; kept as SOURCE_HEADERS in the tests of a
# public feedback converter, found with the code search of this project's tooling): after
# Name come Language (the language the respondent filled the form in) and Last modified
# time. Language matched no question: every row was said to hold a cell that is not read,
# and --check-mapping exited 1.
MSFORMS_SYSTEM = ["ID", "Start time", "Completion time", "Email", "Name", "Language"]
MSFORMS_AFTER = ["Last modified time"]


def _msforms_with_language(tmp_path: Path) -> Path:
    """The committed Microsoft Forms fixture with the genuine system columns in front."""
    book = openpyxl.load_workbook(FIXTURES / "platforms" / "msforms.xlsx")
    sheet = book.active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:5] == ["ID", "开始时间", "完成时间", "电子邮件", "名称"]
    out = openpyxl.Workbook()
    target = out.active
    assert target is not None
    target.append(MSFORMS_SYSTEM + MSFORMS_AFTER + rows[0][5:])
    for row in rows[1:]:
        target.append([row[0], "2026/5/6 10:00", "2026/5/6 10:20", "anonymous", ""])
        target.cell(target.max_row, 6, "中文(中国)")
        target.cell(target.max_row, 7, "2026/5/6 10:20")
        for i, value in enumerate(row[5:]):
            target.cell(target.max_row, 8 + i, value)
    path = tmp_path / "forms_language.xlsx"
    out.save(path)
    return path


def test_the_language_column_of_microsoft_forms_is_no_answer(cli, tmp_path: Path) -> None:
    path = _msforms_with_language(tmp_path)
    result = cli("batch", "--check-mapping", str(path))
    out = " ".join(result.output.split())
    assert "Microsoft Forms (detected)" in out, out[:600]
    assert "Language" in out and "matches no question" not in out
    assert result.exit_code == 0, result.output


def test_the_language_column_costs_no_firm_a_note(cli, tmp_path: Path) -> None:
    path = _msforms_with_language(tmp_path)
    out = tmp_path / "out"
    result = cli("batch", str(path), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 20
    assert not [r["notes"] for r in rows if "Language" in r["notes"] or "中文" in r["notes"]]

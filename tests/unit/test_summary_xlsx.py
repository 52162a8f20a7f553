"""summary.xlsx as a consultant opens it: the streamed writer read back with openpyxl, and
the sheet's labels in the batch's language."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest

from sme_assess.answer_io.xlsx_write import Column, link_target, table_xlsx, text_width
from sme_assess.batch.outputs import summary_columns
from sme_assess.batch.summary_sheet import SummarySheet, held_text, notes_text
from sme_assess.pack.loading import load_pack

from ..conftest import PACKS

COLUMNS = [
    Column("企业名称", max_width=40),
    Column("Company", max_width=40),
    Column("Score", fmt="0.0", scale=True),
    Column("Coverage", fmt="0%"),
    Column("Report", link=True),
    Column("Notes", max_width=20),
]


def _book(tmp_path: Path, rows: list[list[object]]) -> openpyxl.Workbook:
    out = tmp_path / "out"
    out.mkdir()
    (out / "reports").mkdir()
    (out / "reports" / "宁波 精工 #1.pdf").write_bytes(b"%PDF-1.7")
    (out / "summary.xlsx").write_bytes(table_xlsx(rows, "汇总", "B2", COLUMNS, autofilter=True))
    return openpyxl.load_workbook(out / "summary.xlsx")


ROWS: list[list[object]] = [
    ["宁波精工机械", "Ningbo Jing", 61.25, 0.881, "reports/宁波 精工 #1.pdf", "x" * 300],
    ["A", "A much longer company name", 7.0, 1, "", None],
]


def test_header_frozen_filter_on_the_table_and_number_formats(tmp_path: Path) -> None:
    sheet = _book(tmp_path, ROWS)["汇总"]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:F3"
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    assert all(c.font.b for c in sheet[1])
    score, coverage = sheet["C2"], sheet["D2"]
    assert (score.value, score.number_format) == (61.25, "0.0")  # shown 61.3, kept exact
    assert (coverage.value, coverage.number_format) == (0.881, "0%")  # shown 88%
    assert sheet["A2"].number_format == "General"
    assert sheet.print_title_rows == "$1:$1"


def test_a_colour_scale_on_score_columns_only(tmp_path: Path) -> None:
    sheet = _book(tmp_path, ROWS)["汇总"]
    ranges = {str(cf.sqref): cf.rules for cf in sheet.conditional_formatting}
    assert list(ranges) == ["C2:C3"]
    (rule,) = ranges["C2:C3"]
    assert rule.type == "colorScale"
    assert [v.val for v in rule.colorScale.cfvo] == [0, 50, 100]  # fixed: 40 is 40


def test_widths_fit_the_content_wide_characters_count_double_and_are_capped(
    tmp_path: Path,
) -> None:
    sheet = _book(tmp_path, ROWS)["汇总"]
    width = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert width["A"] == text_width("宁波精工机械") + 2 == 14  # 6 Chinese characters
    assert width["B"] == len("A much longer company name") + 2
    assert width["F"] == 22  # 300 characters, capped at 20
    assert text_width("宁波ab") == 6


def test_hyperlinks_are_relative_and_still_open_when_the_folder_moves(tmp_path: Path) -> None:
    _book(tmp_path, ROWS)
    moved = tmp_path / "elsewhere" / "batch"
    shutil.move(tmp_path / "out", moved)
    sheet = openpyxl.load_workbook(moved / "summary.xlsx")["汇总"]
    link = sheet["E2"].hyperlink
    assert link is not None and not link.target.startswith(("/", "file:"))
    assert (moved / unquote(link.target)).read_bytes().startswith(b"%PDF")
    assert sheet["E3"].hyperlink is None  # no report, no link
    assert link_target("reports/A B#1.pdf") == "reports/A%20B%231.pdf"


def test_without_columns_the_first_row_is_the_header(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(table_xlsx([["a", "b"], [1, "宁波"]]))
    sheet = openpyxl.load_workbook(path).active
    assert [[c.value for c in r] for r in sheet.iter_rows()] == [["a", "b"], [1, "宁波"]]
    assert sheet.auto_filter.ref is None and sheet.freeze_panes is None


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(PACKS / "manufacturing-sme")


def test_a_chinese_sheet_has_chinese_headers_and_labels_and_keeps_numbers(pack) -> None:  # type: ignore[no-untyped-def]
    ids = summary_columns(pack.questionnaire)
    sheet = SummarySheet(pack, "zh", ids)
    headers = [c.header for c in sheet.columns]
    assert headers[0] == "企业名称"  # the firm first: it stays in view with the frozen pane
    assert not [h for h in headers if "_" in h], headers  # no column id shown
    assert {"行业", "规模", "地区", "覆盖率", "本批百分位", "报告", "备注"} <= set(headers)
    miit = [h for h in headers if "估算" in h or "原因" in h]
    assert len(miit) == 3 * len(pack.questionnaire.crosswalks) and miit
    row: list[object] = [""] * len(ids)
    given = {
        "company": "常州金轮",
        "sector": "auto_parts",
        "size": "medium",
        "region": "east_china",
        "language": "zh",
        "score": 55.5,
        "notes": "backup_restore_test: not asked, because of earlier answers; odd: new note",
    }
    for key, value in given.items():
        row[ids.index(key)] = value
    shown = dict(zip(headers, sheet.row(row), strict=True))
    assert shown["企业名称"] == "常州金轮"
    assert (shown["行业"], shown["规模"]) == ("汽车零部件", "300到999人")
    assert shown["地区"].startswith("华东")
    # whole, as the reports, the cohort page and compare show it (summary.csv keeps 55.5)
    assert shown["语言"] == "中文" and shown["总分"] == 56
    assert "未计入" in shown["备注"] and "另有 1 条说明" in shown["备注"]
    assert not any(w in shown["备注"] for w in ("not asked", "backup_restore_test"))
    formats = {c.header: c.fmt for c in sheet.columns}
    assert formats["总分"] == "0" and formats["覆盖率"] == "0%"
    # the reports' rounding, not Excel's: 62.5 reads 62 in the PDF, so 62 here too
    row[ids.index("score")] = 62.5
    assert dict(zip(headers, sheet.row(row), strict=True))["总分"] == 62
    assert sum(c.scale for c in sheet.columns) == 1 + len(pack.questionnaire.categories)


def test_an_english_sheet_keeps_the_notes_as_written(pack) -> None:  # type: ignore[no-untyped-def]
    sheet = SummarySheet(pack, "en", summary_columns(pack.questionnaire))
    assert sheet.columns[0].header == "Company" and sheet.title == "summary"
    note = "q1: not asked, because of earlier answers"
    assert notes_text(note, "en", {}) == note


def test_notes_in_chinese_name_the_question_and_never_drop_one() -> None:
    questions = {"q1": "有没有备份？"}
    said = notes_text(
        "q1: 'other' answer not scored: 手工; "
        "questionnaire_version: answers were given for version 0.9; the pack is version 1.0; "
        "scored without (no column): q1, q2; report not written: font missing",
        "zh",
        questions,
    )
    assert said.split("；") == [
        "“有没有备份？”：“其他”答案未计分（手工）",
        "答案按问卷 0.9 版填写，现为 1.0 版",
        "表格中无对应列、未计入评分的题：“有没有备份？”、q2",
        "报告未生成（原因见 summary.csv）",
    ]


def test_the_gate_code_in_words() -> None:
    code = "L3: points-6.2,scenarios-8@3"
    assert held_text(code, "zh") == "距3级：差 6.2 分；第 3 级场景差 8 个"
    assert held_text(code, "en") == "for level 3: 6.2 points short; 8 scenarios short at rung 3"
    assert held_text("odd", "zh") == "odd"


def test_a_long_header_wraps_in_a_taller_row_instead_of_widening_its_column(
    tmp_path: Path,
) -> None:
    columns = [Column("工信部中小企业数字化水平评测（2024年版） 估算分", fmt="0.0")]
    path = tmp_path / "t.xlsx"
    path.write_bytes(table_xlsx([[41.5]], columns=columns))
    sheet = openpyxl.load_workbook(path).active
    assert sheet.column_dimensions["A"].width == 18  # 16 + margin, not 48
    assert sheet.row_dimensions[1].height == 15 * 3 + 2  # 46 columns of text in 16


def test_the_note_on_a_language_nobody_has_is_said_in_chinese() -> None:
    from sme_assess.engine.answers_notes import language_notes

    from ..conftest import SAMPLE

    q = load_pack(SAMPLE).questionnaire
    (note,) = language_notes(q, None, "xx", "en")
    assert notes_text(str(note), "zh", {}) == "答卷要求的语言“xx”问卷和本工具都没有：结果用 en 给出"
    assert language_notes(q, "zh", "xx", "zh") == ()  # --lang chose the language
    assert language_notes(q, None, "zh-TW", "zh") == ()  # the pack has Chinese

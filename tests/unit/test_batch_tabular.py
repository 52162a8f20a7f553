"""Reading CSV/XLSX exports and writing tables and templates."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import openpyxl
import pytest

from sme_assess.answer_io.mapping import Matcher
from sme_assess.answer_io.tabular import (
    OPTIONS_MARK,
    cell_text,
    decode,
    read_table,
    sniff_delimiter,
    table_xlsx,
)
from sme_assess.answer_io.template import template_columns, template_csv, template_xlsx
from sme_assess.errors import InputError
from sme_assess.pack.loading import load_pack

from ..conftest import FIXTURES, SAMPLE

MIXED = FIXTURES / "batch" / "mixed"


def test_decode_utf8_bom_utf16_and_gb18030() -> None:
    assert decode(codecs.BOM_UTF8 + "企业".encode(), "x") == ("企业", "UTF-8 with BOM")
    assert decode("企业".encode(), "x") == ("企业", "UTF-8")
    assert decode("企业".encode("gb18030"), "x") == ("企业", "GB18030")
    assert decode("企业".encode("utf-16"), "x") == ("企业", "UTF-16")
    with pytest.raises(InputError, match="not text in UTF-8 or GB18030"):
        decode(b"ok\n\xff\xff\xff\xff", "x.csv")


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2;3\n", ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ('"Orders, stock";b;c\n"1,5";2;3\n', ";"),  # commas inside a ;-separated file
        ('q1,"Part counts; Stops",q3\n1,"a;b",3\n', ","),
        ("just one column\nvalue\n", ","),
        # old Mac line ends (Excel for Mac's "CSV (Macintosh)"): comma was chosen
        ("Energy (power, steam, gas);b;c\r1;2;3\r4;5;6\r", ";"),
        ("a;b;c\r\n1,5;2;3\r\n", ";"),
    ],
)
def test_sniff_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_csv_rows_keep_spreadsheet_numbers_and_skip_blank_and_options_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "\n"  # a blank line before the header
        "company,machine_data\n"
        f"{OPTIONS_MARK} (not read),paper | spreadsheet\n"
        "A,paper\n"
        ",\n"
        '"B, multi\nline",gateway\n'
        "C,spreadsheet\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.headers == ["company", "machine_data"]
    assert table.header_row == 2
    rows = list(table.rows())
    assert [r[0] for r in rows] == [4, 6, 7]
    assert rows[1][1] == ["B, multi\nline", "gateway"]
    assert table.detail == "CSV, UTF-8, comma-separated"


def test_an_empty_csv_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_table(path)


def test_xlsx_picks_the_sheet_that_maps_best_and_reads_cells_as_shown() -> None:
    matcher = Matcher(load_pack(SAMPLE).questionnaire)
    table = read_table(
        MIXED / "forms_extra_sheet.xlsx", lambda headers: matcher.plan(headers).mapped
    )
    assert table.other_sheets == []  # a notes sheet: no firms the batch must say it left
    assert "sheet 'Form1' (not read: 'Read me')" in table.detail
    assert table.sheet == "Form1"
    rows = list(table.rows())
    assert [number for number, _ in rows] == [2, 3]
    first = rows[0][1]
    assert first[1] == "2024-05-06 09:00:00"  # a datetime cell
    assert first[9] == "35%"  # 0.35 formatted as a percentage
    assert first[12] == "8"  # a whole number, not "8.0"


def test_a_broken_xlsx_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="not a readable XLSX"):
        read_table(path)


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (None, None, ""),
        (True, None, "TRUE"),
        (3.0, None, "3"),
        (0.1 + 0.2, None, "0.3"),
        (0.15, "0%", "15%"),
        (12, "General", "12"),
        ("  padded ", None, "padded"),
    ],
)
def test_cell_text(value: object, fmt: str | None, text: str) -> None:
    assert cell_text(value, fmt) == text


def test_table_xlsx_reads_back_with_numbers_text_and_escaping(tmp_path: Path) -> None:
    rows = [
        ["name", "score", "ok", "note"],
        ["A&B <Co> \x01 宁波", 61.5, True, None],
        ["=1+1", 3, False, ""],
    ]
    path = tmp_path / "t.xlsx"
    path.write_bytes(table_xlsx(rows, "summary", freeze="B2"))
    book = openpyxl.load_workbook(path)
    sheet = book["summary"]
    assert sheet.freeze_panes == "B2"
    assert sheet["A1"].font.b
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1] == ["A&B <Co>  宁波", 61.5, True, None]
    assert values[2] == ["=1+1", 3, False, None]
    assert sheet["A3"].data_type == "s"  # text, never a formula


def test_template_columns_carry_id_text_and_allowed_answers() -> None:
    q = load_pack(SAMPLE).questionnaire
    columns = {c.key: c for c in template_columns(q, "zh")}
    # the sample pack asks sector and size as profile questions: no separate columns
    assert list(columns)[:4] == ["company", "region", "contact", "date"]
    assert columns["machine_data"].header == "machine_data - 机器的产量和停机情况怎么报到办公室？"
    assert columns["machine_data"].allowed.startswith("(必答) paper = 手写在纸上")
    assert "n/a = 不适用" in columns["sensors"].allowed
    assert columns["networked_share"].allowed == "数字 0-100 % | unknown = 不清楚"
    assert columns["has_erp"].choices == (("true", "是"), ("false", "否"))


def test_template_csv_has_a_header_and_an_options_row() -> None:
    q = load_pack(SAMPLE).questionnaire
    data = template_csv(q, "en")
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[0][0] == "company - Company name"
    assert rows[1][0].startswith(OPTIONS_MARK)
    assert len(rows[0]) == len(rows[1]) == 4 + len(q.questions())


def test_template_xlsx_has_answers_and_options_sheets_with_dropdowns(tmp_path: Path) -> None:
    q = load_pack(SAMPLE).questionnaire
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_xlsx(q, "en"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["answers", "options"]
    headers = [c.value for c in book["answers"][1]]
    assert "machine_data - How do machine counts and stops reach the office?" in headers
    options = [[c.value for c in row] for row in book["options"].iter_rows()]
    assert [
        "machine_data",
        "How do machine counts and stops reach the office?",
        "scale",
        "gateway",
        "Read automatically",
    ] in options
    formulas = [dv.formula1 for dv in book["answers"].data_validations.dataValidation]
    assert formulas and all(f.startswith("'options'!$E$") for f in formulas)


def test_a_title_row_above_the_header_is_passed_over_in_csv_and_xlsx(tmp_path: Path) -> None:
    """Offices put the survey's name above the column names (merged across the sheet, or
    'Title,,,,' in a CSV): the header is the row with the column names, and row numbers stay
    the spreadsheet's."""
    rows = [["company", "machine_data"], ["Firm A", "paper"]]
    csv_path = tmp_path / "titled.csv"
    csv_path.write_text(
        "2024年数字化转型调查,,\r\n\r\ncompany;machine_data\r\nFirm A;paper\r\n", encoding="utf-8"
    )
    table = read_table(csv_path)
    assert (table.header_row, table.headers) == (3, rows[0])
    assert list(table.rows()) == [(4, rows[1])]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2024年数字化转型调查"])
    sheet.append(["导出时间：2024-05-01"])
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:B1")
    xlsx_path = tmp_path / "titled.xlsx"
    book.save(xlsx_path)
    table = read_table(xlsx_path)
    assert (table.header_row, table.headers) == (3, rows[0])
    assert list(table.rows()) == [(4, rows[1])]


def test_a_one_column_table_still_has_its_header() -> None:
    from sme_assess.answer_io.tabular import header_of

    assert header_of(iter([(1, ["company"]), (2, ["Firm A"])])) == (1, ["company"])
    assert header_of(iter([(1, [""]), (2, ["", ""])])) is None


def test_utf8_with_one_damaged_character_is_an_error_at_its_line(tmp_path: Path) -> None:
    """A UTF-8 export with a character cut short (a file mended by hand) is an error at the
    line of the damage, not at line 1 (the range reader took it for GB18030 and failed on
    the header), nor read as GB18030 nonsense."""
    from sme_assess.answer_io.csv_ranges import csv_file

    rows = ["企业名称,数字化有没有规划？"]
    rows += [f"企业{n:02d},有想法，但没写成文字" for n in range(30)]
    raw = "\r\n".join(rows).encode("utf-8")
    cut = raw.index("企业05".encode()) + 2  # the last byte of 企
    path = tmp_path / "export.csv"
    path.write_bytes(raw[:cut] + raw[cut + 1 :])
    assert csv_file(path) is None  # read whole, to say where
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.where is not None and caught.value.where.line == 7
    gb = tmp_path / "gb.csv"
    gb.write_bytes("\r\n".join(rows).encode("gb18030"))
    assert read_table(gb).headers == ["企业名称", "数字化有没有规划？"]
    assert csv_file(gb) is not None

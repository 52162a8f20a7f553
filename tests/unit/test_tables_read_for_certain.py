"""Cells of survey tables that look readable but are not, for certain: a formula saved
without its value, a number with a comma that is not a thousands separator, a d/m vs m/d
date, a yes/no "1" in a platform's numeric codes, a row wider than its header, values under
an empty header. Each is refused (the cell, named) or noted, never read as a guess."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from sme_assess.answer_io.intake import open_export
from sme_assess.answer_io.mapping import Matcher, parse_date, parse_number
from sme_assess.answer_io.plan import row_shape
from sme_assess.answer_io.platforms import by_name
from sme_assess.answer_io.tabular import read_table
from sme_assess.answer_io.text import date_doubt, number_doubt
from sme_assess.errors import InputError
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_pack(SAMPLE).questionnaire)


@pytest.mark.parametrize("text", ["1,5", "12,50", "-3,25", "1,5000", "1,5%", "１，５"])
def test_a_comma_not_followed_by_three_digits_is_not_read_as_a_number(text: str) -> None:
    assert parse_number(text) is None
    assert "comma" in (number_doubt(text) or "")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,500", 1500),
        ("1.5", 1.5),
        ("12,345,678", 12345678),
        ("１，５００", 1500),
        ("15%", 15),
        ("1,500.25", 1500.25),
    ],
)
def test_thousands_and_decimal_points_are_still_read(text: str, value: float) -> None:
    assert parse_number(text) == value
    assert number_doubt(text) is None


@pytest.mark.parametrize("text", ["1.500", "12.500", "-1.500", "123.456", "1.000", "1.500%"])
def test_a_point_before_exactly_three_digits_reads_two_ways_and_is_not_read(text: str) -> None:
    assert parse_number(text) is None
    assert "a point or comma before three digits" in (number_doubt(text) or "")


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.500", 0.5), ("1.5", 1.5), ("1.50", 1.5), ("1.5000", 1.5), ("1234.567", 1234.567)],
)
def test_a_point_that_can_only_be_decimal_is_read(text: str, value: float) -> None:
    assert parse_number(text) == value
    assert number_doubt(text) is None


def test_where_the_comma_may_be_decimal_one_group_of_three_is_not_read() -> None:
    """A ;-separated file (Excel's CSV where the comma is the decimal mark)."""
    assert parse_number("1,500", decimal_comma=True) is None
    assert "could be 1500 or 1.5" in (number_doubt("1,500", decimal_comma=True) or "")
    assert parse_number("1,500,000", decimal_comma=True) == 1500000  # only thousands
    assert parse_number("1,500.5", decimal_comma=True) == 1500.5
    assert parse_number("1.5", decimal_comma=True) == 1.5
    assert parse_number("1,500") == 1500  # a comma-separated file: thousands, as before


def test_a_number_cell_with_a_decimal_comma_is_refused_naming_it(matcher: Matcher) -> None:
    match = matcher.value("networked_share", "1,5")
    assert not match.ok and match.refused
    assert "1.5" in match.how and "thousands" in match.how
    assert matcher.value("networked_share", "1,500").value == 1500


@pytest.mark.parametrize("text", ["03/05/2024", "3/5/2024 10:11", "05/03/24"])
def test_a_date_with_day_and_month_both_twelve_or_less_is_not_read(text: str) -> None:
    assert parse_date(text) is None
    assert "either way round" not in (date_doubt(text) or "x")  # says which two readings
    assert "day" in (date_doubt(text) or "")


@pytest.mark.parametrize("source", ["google", "msforms", "qualtrics", "wjx", "generic"])
def test_no_platform_reads_a_date_either_way_round(matcher: Matcher, source: str) -> None:
    """No platform writes d/m/y dates in one documented order (Google and Microsoft Forms
    follow the locale): a date that reads either way round is never read as one of them."""
    plan = matcher.plan(["date", "company"], by_name(source))
    read = matcher.row(plan, ["03/05/2024", "Acme"])
    assert "date" not in read.doc["respondent"]
    assert not hasattr(by_name(source), "date_order")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2024/03/05 10:11:12 GMT+8", dt.date(2024, 3, 5)),
        ("2024年3月5日", dt.date(2024, 3, 5)),
        ("13/5/2024", dt.date(2024, 5, 13)),
        ("5/13/2024", dt.date(2024, 5, 13)),
        ("05/05/2024", dt.date(2024, 5, 5)),
    ],
)
def test_certain_dates_are_read(text: str, day: dt.date) -> None:
    assert parse_date(text) == day
    assert date_doubt(text) is None


def test_an_ambiguous_date_cell_is_kept_as_text_with_a_note(matcher: Matcher) -> None:
    plan = matcher.plan(["date", "company"])
    read = matcher.row(plan, ["03/05/2024", "Acme"])
    assert read.doc["respondent"] == {"date_text": "03/05/2024", "company": "Acme"}
    assert any("day 3 of month 5 or day 5 of month 3" in n for n in read.notes)


@pytest.mark.parametrize("source", ["qualtrics", "kobo", "odk", "wjx", "surveymonkey"])
@pytest.mark.parametrize("cell", ["1", "2", "0"])
def test_a_platforms_numeric_yes_no_code_is_refused(
    matcher: Matcher, source: str, cell: str
) -> None:
    match = matcher.cells.value("has_erp", cell, by_name(source))
    assert match.refused and not match.ok
    assert "numeric code" in match.how and "may mean yes or no" in match.how


def test_yes_no_words_on_a_platform_and_our_own_numbers_are_read(matcher: Matcher) -> None:
    assert matcher.cells.value("has_erp", "Yes", by_name("qualtrics")).value is True
    assert matcher.cells.value("has_erp", "no", by_name("kobo")).value is False
    numbers = by_name("wjx-numbers")  # `export --to wjx` publishes 是 first, 否 second
    assert matcher.cells.value("has_erp", "1", numbers, numbers=True).value is True
    assert matcher.cells.value("has_erp", "2", numbers, numbers=True).value is False
    assert not matcher.cells.value("has_erp", "0", numbers, numbers=True).ok


def test_a_csv_row_wider_than_its_header_is_an_error(matcher: Matcher) -> None:
    plan = matcher.plan(["company", "networked_share", "erp_age"])
    plan.row_width = 3
    with pytest.raises(InputError, match="the row has 4 cells and the header 3"):
        row_shape(plan, ["Acme", " Inc", "20", "3"])
    assert row_shape(plan, ["Acme", "20", "3", "", ""]) == []  # empty extra cells: fine


def test_a_short_csv_row_says_its_questions_are_read_as_not_answered(matcher: Matcher) -> None:
    plan = matcher.plan(["company", "networked_share", "erp_age"])
    plan.row_width = 3
    (note,) = row_shape(plan, ["Acme", "20"])
    assert "the row ends after column B with 2 cells" in note
    assert "columns C on are read as not answered" in note
    plan.row_width = None  # a workbook's row ends at its last filled cell: nothing to say
    assert row_shape(plan, ["Acme", "20"]) == []


def test_values_under_an_empty_header_are_said(matcher: Matcher) -> None:
    plan = matcher.plan(["company", "", "erp_age"])
    read = matcher.row(plan, ["Acme", "see note", "3"])
    assert "column B has no header but holds 'see note': not read" in " ".join(read.notes)
    assert read.doc["answers"] == {"erp_age": 3}


def _workbook(tmp_path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / "scripted.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)  # openpyxl saves formulas without their values
    path.write_bytes(buffer.getvalue())
    return path


def test_a_formula_saved_without_its_value_is_refused_not_read_as_empty(
    matcher: Matcher, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path,
        [["company", "networked_share", None, "erp_age"], ["Acme", "=10*2", "=B2", 3]],
    )
    export = open_export(path, matcher)
    ((_, cells),) = list(export.rows())
    read = matcher.row(export.plan, cells)
    assert read.doc["answers"]["networked_share"] == ["=10*2"]  # no question accepts it
    said = " ".join(read.notes)
    assert "networked_share: column B: '=10*2' holds a formula (=10*2)" in said
    assert "never calculated" in said and "open and save the file in Excel or WPS" in said
    assert "column C has no header but holds '=B2'" in said


def test_values_right_of_the_last_header_of_a_workbook_are_said(
    matcher: Matcher, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path,
        [["company", "erp_age"], ["Acme", 3, None, None, "phoned back"], [None, None, "memo"]],
    )
    table = read_table(path)
    rows = list(table.rows())
    assert [n for n, _ in rows] == [2]  # a row filled only right of the table: no firm
    read = matcher.row(matcher.plan(table.headers), rows[0][1])
    assert "cells right of the last header (column C on) hold 'phoned back': not read" in (
        " ".join(read.notes)
    )

"""Survey columns and cells -> questions and answers: the pure mapping rules."""

from __future__ import annotations

import datetime as dt

import pytest

from sme_assess.answer_io.mapping import (
    MappingFile,
    Matcher,
    column_letter,
    mapping_problems,
    normalise,
    parse_date,
    parse_number,
    strip_numbering,
)
from sme_assess.engine.answers_check import check_answers
from sme_assess.models import Answers
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE
from .packs_factory import questionnaire


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_pack(SAMPLE).questionnaire)


def test_normalise_ignores_case_width_punctuation_and_spacing() -> None:
    assert normalise("  How do machine counts   and stops reach the office? ") == normalise(
        "how do machine counts and stops reach the office"
    )
    assert normalise("主要做什么产品？") == normalise("主要做什么产品?") == "主要做什么产品"
    assert normalise("Ｐａｒｔ　ｃｏｕｎｔｓ") == "part counts"  # full-width forms
    assert normalise("N/A") == "n/a"
    assert normalise("Don't know") == "dont know"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Q12. Text", "Text"),
        ("12) Text", "Text"),
        ("3、文字", "文字"),
        ("第3题 文字", "文字"),
        ("(1) Text", "Text"),
        ("2024 sales", "sales"),
        ("Text", "Text"),
    ],
)
def test_strip_numbering(header: str, expected: str) -> None:
    assert strip_numbering(header) == expected


@pytest.mark.parametrize(
    ("header", "qid", "how"),
    [
        ("machine_data", "machine_data", "question id"),
        ("MACHINE_DATA", "machine_data", "question id"),
        ("shop_floor/machine_data", "machine_data", "question id (group path)"),
        ("machine_data - How do machine counts…", "machine_data", "question id before the text"),
        ("machine_data: anything", "machine_data", "question id before the text"),
        ("How do machine counts and stops reach the office?", "machine_data", "question text (en)"),
        ("how do MACHINE counts and stops reach the office", "machine_data", "question text (en)"),
        ("机器的产量和停机情况怎么报到办公室？", "machine_data", "question text (zh)"),
        ("Q3. How do machine counts and stops reach the office?", "machine_data", None),
        ("3. 机器的产量和停机情况怎么报到办公室？", "machine_data", None),
        ("What worries you most about your data today? (optional)", "biggest_worry", None),
        ("联网的设备占多大比例？（必填）", "networked_share", None),
        ("Section 2 - What do you mainly make?", "company_sector", None),
        ("How do machine counts and stops reach the…", "machine_data", None),
    ],
)
def test_a_header_names_a_question_by_id_or_text(
    matcher: Matcher, header: str, qid: str, how: str | None
) -> None:
    column = matcher.match_header(0, header)
    assert (column.kind, column.target) == ("question", qid)
    if how is not None:
        assert column.how == how


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Company name", "company"),
        ("企业名称", "company"),
        ("公司名称", "company"),
        ("Timestamp", "date"),
        ("时间戳", "date"),
        ("_submission_time", "date"),
        ("Completion time", "date"),
        ("Industry", "sector"),
        ("所在地区", "region"),
        ("Email", "contact"),
        ("company - 企业名称", "company"),
    ],
)
def test_respondent_columns_are_recognised(matcher: Matcher, header: str, field: str) -> None:
    column = matcher.match_header(0, header)
    assert (column.kind, column.target) == ("respondent", field)


def test_metadata_and_unknown_columns_are_reported_not_mapped(matcher: Matcher) -> None:
    plan = matcher.plan(["_uuid", "Start time", "Favourite colour", ""])
    kinds = [(c.kind, c.how) for c in plan.columns]
    assert kinds == [
        ("ignored", "survey metadata"),
        ("ignored", "survey metadata"),
        ("unmapped", "matches no question"),
        ("unmapped", "empty header"),
    ]
    assert plan.mapped == 0


def test_a_second_column_for_the_same_question_is_ignored_and_said_so(matcher: Matcher) -> None:
    plan = matcher.plan(["machine_data", "How do machine counts and stops reach the office?"])
    assert plan.columns[0].kind == "question"
    assert plan.columns[1].kind == "ignored"
    assert "already comes from column A" in plan.columns[1].how
    assert plan.questions == {"machine_data": 0}


def test_a_header_matching_two_questions_is_ambiguous() -> None:
    q = questionnaire(
        [
            {"id": "x", "type": "yes_no", "text": "Same text?", "category": "a"},
            {"id": "y", "type": "yes_no", "text": "Same text?", "category": "b"},
        ]
    )
    column = Matcher(q).match_header(0, "Same text?")
    assert column.kind == "unmapped"
    assert "several questions: x, y" in column.how


def test_plan_knows_the_language_of_the_headers(matcher: Matcher) -> None:
    assert matcher.plan(["主要做什么产品？", "员工有多少人？", "Company"]).language == "zh"
    assert matcher.plan(["What do you mainly make?"]).language == "en"
    assert matcher.plan(["machine_data"]).language is None


@pytest.mark.parametrize(
    ("qid", "cell", "value"),
    [
        ("machine_data", "spreadsheet", "spreadsheet"),  # option value
        ("machine_data", "Typed into a spreadsheet", "spreadsheet"),  # English label
        ("machine_data", "录进Excel", "spreadsheet"),  # Chinese label
        ("machine_data", "  typed INTO a spreadsheet. ", "spreadsheet"),
        ("sensors", "Part counts, Stops and their reasons", ["counts", "stops"]),  # Google
        ("sensors", "Part counts;Stops and their reasons;", ["counts", "stops"]),  # MS Forms
        ("sensors", "产量、停机和原因", ["counts", "stops"]),
        ("sensors", "产量，能耗", ["counts", "energy"]),
        ("sensors", "counts stops", ["counts", "stops"]),  # Kobo codes
        ("sensors", "None of these", ["none"]),
        ("sensors", "不适用", "n/a"),
        ("networked_share", "15%", 15),
        ("networked_share", "15 %", 15),
        ("networked_share", "0.5", 0.5),
        ("networked_share", "Don't know", "unknown"),
        ("networked_share", "不清楚", "unknown"),
        ("erp_age", "3 years", 3),
        ("erp_age", "3年", 3),
        ("erp_age", "3.0", 3),
        ("has_erp", "Yes", True),
        ("has_erp", "是", True),
        ("has_erp", "TRUE", True),
        ("has_erp", "否", False),
        ("has_erp", "no", False),
        ("daily_entry", "unknown", "unknown"),
        ("biggest_worry", "  Paper, everywhere  ", "Paper, everywhere"),
    ],
)
def test_cells_become_answers(matcher: Matcher, qid: str, cell: str, value: object) -> None:
    match = matcher.value(qid, cell)
    assert match.ok, match
    assert match.value == value


def test_numbers_in_the_thousands() -> None:
    assert parse_number("1,200") == 1200
    assert parse_number("1 200") == 1200
    assert parse_number("1,234,567.5") == 1234567.5
    assert parse_number("-3") == -3
    assert parse_number("about 15") is None
    assert parse_number("") is None
    assert parse_number("nan") is None


def test_an_unknown_label_is_passed_on_and_caught_by_the_answers_check(matcher: Matcher) -> None:
    match = matcher.value("machine_data", "Carrier pigeon")
    assert not match.ok and match.value == "Carrier pigeon"
    multi = matcher.value("sensors", "Part counts, Smoke signals")
    assert not multi.ok and multi.value == ["counts", "Smoke signals"]
    assert not matcher.value("has_erp", "maybe").ok
    assert not matcher.value("networked_share", "lots").ok
    answers = Answers.model_validate(
        {"questionnaire": "sample", "answers": {"machine_data": match.value}}
    )
    problems = [str(p) for p in check_answers(matcher.questionnaire, answers)]
    assert problems == [
        "machine_data: 'Carrier pigeon' is not an option (paper, spreadsheet, gateway)"
    ]


def test_na_for_a_question_that_does_not_allow_it_is_caught(matcher: Matcher) -> None:
    match = matcher.value("daily_entry", "n/a")
    answers = Answers.model_validate(
        {"questionnaire": "sample", "answers": {"daily_entry": match.value}}
    )
    assert any("n/a" in str(p) for p in check_answers(matcher.questionnaire, answers))


def test_a_label_with_a_comma_survives_comma_joined_multiple_choice() -> None:
    q = questionnaire(
        [
            {
                "id": "tools",
                "type": "multiple_choice",
                "text": "Tools",
                "category": "a",
                "options": [
                    {"value": "office", "label": "Spreadsheets, email and chat", "score": 1},
                    {"value": "erp", "label": "ERP", "score": 1},
                    {"value": "mes", "label": "MES", "score": 1},
                ],
            }
        ]
    )
    m = Matcher(q)
    assert m.value("tools", "Spreadsheets, email and chat, ERP").value == ["office", "erp"]
    assert m.value("tools", "MES, Spreadsheets, email and chat").value == ["mes", "office"]


def test_kobo_one_column_per_option(matcher: Matcher) -> None:
    plan = matcher.plan(["company", "g/sensors/counts", "g/sensors/stops", "g/sensors/energy"])
    assert [c.kind for c in plan.columns] == ["respondent", "option", "option", "option"]
    doc = matcher.row_answers(plan, ["Kobo Ltd", "1", "0", "1"])
    assert doc["answers"] == {"sensors": ["counts", "energy"]}
    empty = matcher.row_answers(plan, ["Kobo Ltd", "", "", ""])
    assert "sensors" not in empty["answers"]


def test_a_row_becomes_an_answers_document(matcher: Matcher) -> None:
    plan = matcher.plan(
        [
            "时间戳",
            "企业名称",
            "行业",
            "机器的产量和停机情况怎么报到办公室？",
            "用了几年了？",
            "备注",
        ]
    )
    doc = matcher.row_answers(
        plan, ["2024/05/01 10:00:00 GMT+8", "宁波某厂", "机械和金属件", "自动采集", "", "x"]
    )
    assert doc == {
        "questionnaire": "sample",
        "questionnaire_version": "1.0.0",
        "language": "zh",
        "respondent": {"date": "2024-05-01", "company": "宁波某厂"},
        # a sector column answers the pack's sector question when no other column does
        "answers": {"company_sector": "machinery", "machine_data": "gateway"},
    }
    short = matcher.row_answers(plan, ["", "Short row"])  # fewer cells than headers
    assert short["answers"] == {} and short["respondent"] == {"company": "Short row"}
    odd = matcher.row_answers(plan, ["soon", "X", "", "", "", ""])
    assert odd["respondent"] == {"date_text": "soon", "company": "X"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01", dt.date(2024, 5, 1)),
        ("2024-05-01T09:20:00.000+08:00", dt.date(2024, 5, 1)),
        ("2024/05/01 10:11:12 GMT+8", dt.date(2024, 5, 1)),
        ("5/13/2024 10:11:12", dt.date(2024, 5, 13)),
        ("13/5/2024", dt.date(2024, 5, 13)),
        ("5/1/24 10:11", None),  # 5 January or 1 May: not read (date_doubt says why)
        ("5/13/24 10:11", dt.date(2024, 5, 13)),
        ("2024年5月1日", dt.date(2024, 5, 1)),
        ("2024-13-45", None),
        ("yesterday", None),
    ],
)
def test_dates_in_survey_timestamps(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_a_mapping_file_overrides_columns_and_values() -> None:
    q = load_pack(SAMPLE).questionnaire
    rules = MappingFile.model_validate(
        {
            "columns": {
                "Machines?": "machine_data",
                "ERP in use": "has_erp",
                "How do machine counts and stops reach the office?": "ignore",
                "Firm": "company",
                "Province": "respondent.province",
            },
            "values": {
                "machine_data": {"Clipboard": "paper", "Excel sheets": "spreadsheet"},
                "has_erp": {"Kingdee": "yes"},
                "sensors": {"Output": "counts"},
                "sector": {"Metalwork": "machinery"},
            },
        }
    )
    assert mapping_problems(q, rules) == []
    m = Matcher(q, rules)
    plan = m.plan(
        [
            "Firm",
            "machines?",  # matched after normalising
            "ERP in use",
            "How do machine counts and stops reach the office?",
            "Province",
            "Sector",
            "Which of these do your machines report?",
        ]
    )
    assert [c.how for c in plan.columns][:5] == ["mapping file"] * 2 + ["mapping file"] + [
        "mapping file: ignore",
        "mapping file",
    ]
    doc = m.row_answers(
        plan, ["Acme", "excel sheets", "Kingdee", "paper", "Zhejiang", "Metalwork", "Output"]
    )
    assert doc["answers"] == {
        "machine_data": "spreadsheet",
        "has_erp": True,
        "sensors": ["counts"],
        "company_sector": "machinery",  # the sector column, read with the 'sector' values
    }
    assert doc["respondent"] == {"company": "Acme", "province": "Zhejiang"}


def test_mapping_problems_name_what_is_wrong() -> None:
    q = load_pack(SAMPLE).questionnaire
    rules = MappingFile.model_validate(
        {
            "columns": {"A": "no_such_question", "B": "respondent.", "C": "ignore"},
            "values": {"machine_data": {"x": "fax"}, "ghost": {"a": "b"}},
        }
    )
    problems = mapping_problems(q, rules)
    assert len(problems) == 4
    assert any("'A' -> 'no_such_question'" in p for p in problems)
    assert any("'fax' is not an option of 'machine_data'" in p for p in problems)
    assert any("'ghost' is not a question id" in p for p in problems)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]

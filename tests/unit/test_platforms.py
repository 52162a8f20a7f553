"""Each platform's conventions, one rule at a time: what the issue found read wrong."""

from __future__ import annotations

import pytest

from sme_assess.answer_io.mapping import MappingFile, Matcher, mapping_problems
from sme_assess.answer_io.platforms import by_name, detect
from sme_assess.errors import UsageError
from sme_assess.pack.loading import load_pack
from sme_assess.pack.locate import pack_for

WJX = by_name("wjx")


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_pack(pack_for(None, None)).questionnaire)


def columns(matcher: Matcher, headers: list[str], platform: str = "generic") -> dict[str, tuple]:
    plan = matcher.plan(headers, by_name(platform))
    return {c.header: (c.kind, c.target, c.option) for c in plan.columns}


def test_platforms_are_detected_from_their_own_columns() -> None:
    def name(headers: list[str], rows: list[list[str]] = []) -> str:  # noqa: B006
        return detect(headers, rows).name

    assert name(["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、x"]) == "wjx"
    assert name(["序号", "提交答卷时间", "所用时间", "来源详情", "3、(选项)"]) == "wjx-numbers"
    assert name(["编号", "开始答题时间", "结束答题时间", "答题时长", "1.x"]) == "tencent"
    assert name(["序号", "x", "提交人", "修改时间", "填写设备", "填写时长"]) == "jinshuju"
    assert name(["Timestamp", "Q"]) == name(["时间戳", "Q"]) == "google"
    assert name(["ID", "Start time", "Completion time", "Email", "Name", "Q"]) == "msforms"
    assert name(["Respondent ID", "Collector ID", "Start Date"]) == "surveymonkey"
    assert name(["StartDate", "EndDate", "ResponseId", "Q1"]) == "qualtrics"
    assert name(["start", "q", "_uuid", "_submission_time"]) == "kobo"
    assert name(["Response ID", "Date submitted", "Last page", "Start language"]) == "limesurvey"
    assert name(["企业名称", "q"]) == "generic"


def test_an_unknown_source_is_bad_usage_listing_the_names() -> None:
    with pytest.raises(UsageError, match="tencent, wjx, wjx-numbers"):
        by_name("typeform")


def test_wjx_ticks_are_split_only_at_its_separator(matcher: Matcher) -> None:
    # labels with 、 and ， stay whole; "其他〖…〗" is an 'other' fill-in, not an answer
    cell = (
        "车间里有WiFi或网线覆盖┋有系统跑在云上（云ERP、云MES、云盘等）┋其他〖自己拉的专线，很快〗"
    )
    match = matcher.cells.value("network_build", cell, WJX)
    assert match.ok and match.value == ["workshop_wifi", "cloud"]
    assert match.other == "其他〖自己拉的专线，很快〗"


def test_wjx_skip_and_empty_markers_are_no_answer(matcher: Matcher) -> None:
    plan = matcher.plan(["企业名称", "1、主要工厂在哪个地区？", "2、主要是哪种生产方式？"], WJX)
    read = matcher.row(plan, ["甲厂", "(跳过)", "(空)"])
    assert read.doc["answers"] == {}


@pytest.mark.parametrize(
    ("platform", "headers", "cells"),
    [
        (
            "tencent",
            [
                "3.厂里现在有哪些网络？:办公室有宽带和局域网",
                "3.厂里现在有哪些网络？:都没有，就靠手机流量",
            ],
            ["1", "0"],
        ),
        ("wjx-numbers", ["14、(办公室有宽带和局域网)", "14、(都没有，就靠手机流量)"], ["1", "0"]),
        (
            "limesurvey",
            [
                "Which networks does your plant have? "
                "[Broadband and a wired network in the office]",
                "Which networks does your plant have? [Wi-Fi or cabling that covers the workshops]",
            ],
            ["Yes", ""],
        ),
        (
            "kobo",
            ["infrastructure/network_build/office_lan", "infrastructure/network_build/none"],
            ["1", "0"],
        ),
    ],
)
def test_one_column_per_option_is_one_question_not_duplicates(
    matcher: Matcher, platform: str, headers: list[str], cells: list[str]
) -> None:
    found = columns(matcher, headers, platform)
    assert [v[0] for v in found.values()] == ["option", "option"], found
    assert {v[1] for v in found.values()} == {"network_build"}
    assert next(iter(found.values()))[2] == "office_lan"
    plan = matcher.plan(headers, by_name(platform))
    assert matcher.row(plan, cells).doc["answers"] == {"network_build": ["office_lan"]}


def test_a_sub_item_that_is_no_option_is_not_read_as_the_whole_question(matcher: Matcher) -> None:
    found = columns(matcher, ["Which networks does your plant have? [Pigeons]"], "limesurvey")
    kind, target, _ = found["Which networks does your plant have? [Pigeons]"]
    assert (kind, target) == ("unmapped", "network_build")
    plan = matcher.plan(["Which networks does your plant have? [Pigeons]"])
    assert "network_build/<option>" in plan.columns[0].how  # advice that works


def test_an_option_named_like_another_question_stays_an_option(matcher: Matcher) -> None:
    # Kobo: digital_rules has an option 'master_data', which is also a question's id
    found = columns(matcher, ["g/digital_rules/master_data", "g/master_data"], "kobo")
    assert found["g/digital_rules/master_data"] == ("option", "digital_rules", "master_data")
    assert found["g/master_data"] == ("question", "master_data", None)


def test_grid_rows_are_questions(matcher: Matcher) -> None:
    found = columns(
        matcher,
        [
            "和改造前比、上年和前年比，下列指标有什么变化？ [月度产品一次合格率]",  # Google Forms
            "5、和改造前比、上年和前年比，下列指标有什么变化？—人均营业收入",  # wjx matrix
            "Last year against the year before, how have these changed? - Revenue per employee",
        ],
    )
    assert [v[1] for v in found.values()] == [
        "out_yield",
        "out_revenue_per_head",
        "out_revenue_per_head",
    ]
    # the grid's shared columns name the one option that holds them
    assert matcher.cells.value("out_yield", "变好", WJX).value == "improved"
    assert matcher.cells.value("out_cost_per_revenue", "变差", WJX).value == "worse"


def test_an_offices_own_profile_wording(matcher: Matcher) -> None:
    found = columns(
        matcher, ["贵公司所属行业", "贵公司员工人数", "联系人姓名", "手机号码", "企业名称"]
    )
    assert found["贵公司所属行业"] == ("question", "company_sector", None)
    assert found["贵公司员工人数"] == ("question", "company_size", None)
    assert found["联系人姓名"][:2] == ("respondent", "contact")
    assert found["企业名称"][:2] == ("respondent", "company")


def test_a_contact_blocks_lines_are_who_answered_only_under_a_contact_title(
    matcher: Matcher,
) -> None:
    """A SurveyMonkey contact form's lines, a Tencent block's 公司名称: who answered. The same
    line under an office's own question ("Which channels do you sell through? [Phone]",
    LimeSurvey's one column per option, holding "Yes") is no contact: its "Yes" was read as
    the firm's phone; it stays a column of no question, said per row."""
    found = columns(
        matcher,
        [
            "Contact information [Company]",
            "Contact information [Phone Number]",
            "联系方式:公司名称",
            "Which channels do you sell through? [Phone]",
        ],
    )
    assert found["Contact information [Company]"][:2] == ("respondent", "company")
    assert found["Contact information [Phone Number]"][:2] == ("respondent", "contact")
    assert found["联系方式:公司名称"][0] == "ignored"  # a second company column: noted
    assert found["Which channels do you sell through? [Phone]"][0] == "unmapped"


def test_reworded_question_texts_match_only_when_clearly_one_question(matcher: Matcher) -> None:
    assert columns(matcher, ["工人是如何报工的?"])["工人是如何报工的?"][1] == "work_reporting"
    for unrelated in ("贵公司有多少台设备？", "What share of your machines are monitored?"):
        assert columns(matcher, [unrelated])[unrelated][0] == "unmapped"


def test_a_mapping_file_can_name_one_option_of_a_question() -> None:
    q = load_pack(pack_for(None, None)).questionnaire
    rules = MappingFile.model_validate(
        {"columns": {"Has WiFi": "network_build/workshop_wifi", "Odd": "network_build/nope"}}
    )
    assert mapping_problems(q, rules) == [
        "columns: 'Odd' -> 'network_build/nope': not a question id, 'question/option', a "
        "respondent field (company, sector, size, region, contact, date, respondent.<name>) "
        "or 'ignore'"
    ]
    m = Matcher(
        q, MappingFile.model_validate({"columns": {"Has WiFi": "network_build/workshop_wifi"}})
    )
    plan = m.plan(["Has WiFi"])
    assert m.row(plan, ["1"]).doc["answers"] == {"network_build": ["workshop_wifi"]}


def test_a_scored_question_with_no_column_is_named_for_each_firm_asked_it(matcher: Matcher) -> None:
    plan = matcher.plan(["企业名称", "主要做什么产品？", "有没有通过线上渠道接询盘或订单？"])
    assert "company_size" in plan.missing_required and "online_channels" not in plan.missing
    read = matcher.row(plan, ["甲厂", "汽车零部件", "是"])
    assert "machine_data" in read.missing and "company_size" in read.missing
    # a question hidden by the firm's own answers is not missing for that firm
    assert "machine_data_use" not in read.missing


@pytest.mark.parametrize(("combined", "expected"), [("na", "n/a"), ("unknown", "unknown")])
def test_n_a_in_the_combined_column_is_kept_when_no_option_column_is_ticked(
    matcher: Matcher, combined: str, expected: str
) -> None:
    # Kobo writes "not applicable" only in the combined select_multiple column; its
    # one-column-per-option columns are all 0 then. Reading them alone gave an empty tick list.
    headers = ["g/network_build", "g/network_build/office_lan", "g/network_build/machine_network"]
    plan = matcher.plan(headers, by_name("kobo"))
    assert matcher.row(plan, [combined, "0", "0"]).doc["answers"]["network_build"] == expected
    ticked = matcher.row(plan, ["office_lan", "1", "0"]).doc["answers"]["network_build"]
    assert ticked == ["office_lan"]


def test_an_answer_read_from_part_of_a_label_is_said_in_the_notes(matcher: Matcher) -> None:
    # a cell naming one word of a label is a guess: it is scored, and the summary says so
    plan = matcher.plan(
        ["How are new products (or new recipes) developed, and how are design documents kept?"]
    )
    read = matcher.row(plan, ["documents managed"])
    assert read.doc["answers"]["sc_product_design"] == "l2"
    said = "sc_product_design: 'documents managed' read as 'l2' (part of its label)"
    assert read.notes == [said]
    exact = matcher.row(plan, ["Design documents managed in a system"])
    assert exact.notes == []


@pytest.mark.parametrize(
    ("qid", "cell"),
    [
        ("mes_coverage", "no"),  # was read as 'all': "no" is a word of its label
        ("digital_owner", "no"),
        ("skills_training", "没有"),  # was 'ad_hoc'
        ("sc_equipment_management", "系统"),  # a word inside one label: was 'l2'
        ("machine_data", "自动"),
        ("month_close", "每天"),
        ("work_reporting", "Excel"),
        ("energy_share", "15"),  # in "15%以上" and in "8%到15%"
        ("downtime_tracking", "system"),
    ],
)
def test_a_word_that_only_occurs_in_a_label_is_not_an_answer(
    matcher: Matcher, qid: str, cell: str
) -> None:
    """A yes/no word, a number or one word inside a label says too little to choose an
    option: the cell is reported as matching none (errors.csv), not scored as a guess."""
    match = matcher.cells.value(qid, cell, WJX)
    assert not match.ok, (qid, cell, match)


def test_a_whole_part_of_a_label_between_brackets_or_commas_is_still_read(
    matcher: Matcher,
) -> None:
    assert matcher.cells.value("digital_plan", "没有规划", WJX).value == "none"
    assert matcher.cells.value("out_yield", "improved", WJX).value == "improved"

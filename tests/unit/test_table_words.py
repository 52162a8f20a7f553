"""Every refusal and note of the table reader, said in English (errors.csv, summary.csv: exact
for scripts) and in Chinese (the operator's terminal), from the message it was built with,
never from matching its English (``answer_io.words``, ``i18n.Said``). Each case reads a real
row, cell or table; the last test checks that every message of ``answer_io.words`` has a case,
so a new refusal cannot reach a Chinese terminal in English unseen."""

from __future__ import annotations

import pickle
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sme_assess.answer_io import words
from sme_assess.answer_io.intake import open_export
from sme_assess.answer_io.mapping import Matcher
from sme_assess.answer_io.plan import ShiftedRow, row_shape
from sme_assess.answer_io.platforms import by_name
from sme_assess.answer_io.text import UNCALCULATED
from sme_assess.batch.chunking import unread_sheets
from sme_assess.batch.failure import Failed
from sme_assess.batch.words import said
from sme_assess.batch.work import Item, Scored, Setup, process, slim
from sme_assess.engine.evaluation import Options
from sme_assess.i18n import Said, translator
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE

PACK = load_pack(SAMPLE)
M = Matcher(PACK.questionnaire)
ZH = translator("zh")
SCORED = ["machine_data", "networked_share", "sensors", "has_erp", "erp_age", "daily_entry"]
ROW = ["paper", "20", "counts", "yes", "3", "week"]


@dataclass(frozen=True)
class Case:
    said: Callable[[], list[str]]  # what the reader says (errors.csv / notes), from a real input
    english: str
    chinese: str


def _notes(headers: list[str], cells: list[str], source: str | None = None) -> list[str]:
    plan = M.plan(headers, by_name(source) if source else None)
    return list(M.row(plan, cells).notes)


def _shape(headers: list[str], cells: list[str], csv: bool = True) -> list[str]:
    plan = M.plan(headers)
    plan.row_width = len(headers) if csv else None
    return list(row_shape(plan, cells))


def _older_survey_notes(headers: list[str], cells: list[str]) -> list[str]:
    """The sample pack at 1.1.0, whose migration says daily_entry was added since 1.0.0."""
    from ..versioned_pack import bumped

    with tempfile.TemporaryDirectory() as root:
        matcher = Matcher(load_pack(bumped(Path(root))).questionnaire)
        read = matcher.row(matcher.plan(headers), cells)
    assert read.missing == []
    return list(read.notes)


def _fraction_notes(headers: list[str], rows: list[list[str]]) -> list[str]:
    """The first row's notes, its table's % column holding only numbers from 0 to 1."""
    from sme_assess.answer_io.percent_scale import fraction_columns

    plan = M.plan(headers)
    numbered = [(n, cells) for n, cells in enumerate(rows, start=2)]
    plan.fractions = frozenset(fraction_columns(plan, M.lookups, M.mapping, numbered))
    return list(M.row(plan, rows[0]).notes)


def _refused(qid: str, cell: str, source: str = "generic", comma: bool = False) -> list[str]:
    match = M.cells.value(qid, cell, by_name(source), decimal_comma=comma)
    assert match.refused and not match.ok
    return [match.how]


def _spaced_either_way(cell: str) -> list[str]:
    """A Kobo label export's cell, from the sample pack with "Energy use" labelled "counts
    stops": the values counts and stops, or the one label?"""
    with tempfile.TemporaryDirectory() as root:
        pack = Path(root) / "pack"
        shutil.copytree(SAMPLE, pack)
        yaml = pack / "questionnaire.yaml"
        yaml.write_text(
            yaml.read_text(encoding="utf-8").replace("en: Energy use", "en: counts stops"),
            encoding="utf-8",
        )
        matcher = Matcher(load_pack(pack).questionnaire)
    match = matcher.cells.value("sensors", cell, by_name("kobo"))
    assert match.refused and not match.ok
    return [match.how]


def _shifted() -> list[str]:
    plan = M.plan(["networked_share", "company", "erp_age"])
    plan.row_width = 3
    with pytest.raises(ShiftedRow) as raised:
        row_shape(plan, ["20", "Acme", "Beta", "3"])
    assert raised.value.company == ""  # Acme or Beta: not said as if certain
    return [raised.value.message, *raised.value.problems]


def _other_text() -> list[str]:
    """A Qualtrics export's column of the text typed for "Other" (its question not named)."""
    lines = [
        "ResponseId,company,Q1,Q1_4_TEXT",  # Q1: machine_data, by its text
        "Response ID,company,How do machine counts and stops reach the office?,"
        "Machines - Other - Text",
        '"{""ImportId"":""_recordId""}","{""ImportId"":""QID0""}","{""ImportId"":""QID1""}",'
        '"{""ImportId"":""QID1_4_TEXT""}"',
        "R_1,Acme,paper,a clipboard",
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "qualtrics.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        export = open_export(path, M)
        return [n for _, row in export.rows() for n in M.row(export.plan, row).notes]


def _joined() -> list[str]:
    plan = M.plan(["company", "erp_age"])
    plan.row_width = 2
    with pytest.raises(ShiftedRow) as raised:
        row_shape(plan, ["Acme", "3\ufeffBeta", "4"])
    return [raised.value.message]


def _other_sheet() -> list[str]:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    for sheet, firm in ((first, "Acme"), (book.create_sheet("Autumn"), "Beta")):
        sheet.append(["company", *SCORED])
        sheet.append([firm, *ROW])
    first.title = "Spring"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rounds.xlsx"
        book.save(path)
        return list(unread_sheets(open_export(path, M).table))


def _failed(headers: list[str], cells: list[str], lenient: bool = False) -> Failed | Scored:
    setup = Setup(slim(PACK), M, Options(lenient=lenient))
    return process(setup, M.plan(headers), Item("t.csv", 2, cells=tuple(cells)))


def _failure(headers: list[str], cells: list[str]) -> list[str]:
    failed = _failed(headers, cells)
    assert isinstance(failed, Failed)
    return [failed.message, *failed.problems[:1]]


UNSCORED_QUESTION = """      - id: staff_count
        type: number
        min: 0
        text: {en: How many staff work in the plant?, zh: 工厂有多少员工？}
"""


def _unscored_failure() -> list[str]:
    """The sample pack with a question no category scores (a figure): every scored question
    has a column, that one has none."""
    with tempfile.TemporaryDirectory() as root:
        pack = Path(root) / "pack"
        shutil.copytree(SAMPLE, pack)
        yaml_path = pack / "questionnaire.yaml"
        text = yaml_path.read_text(encoding="utf-8")
        text = text.replace(
            "      - id: biggest_worry", UNSCORED_QUESTION + "      - id: biggest_worry"
        )
        yaml_path.write_text(text, encoding="utf-8")
        loaded = load_pack(pack)
    matcher = Matcher(loaded.questionnaire)
    setup = Setup(slim(loaded), matcher, Options())
    plan = matcher.plan(["company", *SCORED])
    failed = process(setup, plan, Item("t.csv", 2, cells=("Acme", *ROW)))
    assert isinstance(failed, Failed), failed
    return [failed.message, *failed.problems]


def _out_of_order() -> list[str]:
    """A workbook whose row 3 is stored after row 4 (tests/cli/test_batch_xlsx_row_order.py)."""
    from ..hostile import hostile_xlsx as H

    def row(number: int, name: str) -> str:
        cells = [name, *H.FIRMS[0][1:]]
        return (
            f'<row r="{number}">'
            + "".join(H.inline(f"{c}{number}", v) for c, v in zip(H.COLUMNS, cells, strict=True))
            + "</row>"
        )

    xml = H.sheet_xml(H.header_row() + row(2, "Acme") + row(4, "Beta") + row(3, "Gamma"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "firms.xlsx"
        path.write_bytes(H.rewrite(H.base(), {H.SHEET: xml}))
        export = open_export(path, M)
        assert [n for n, _ in export.rows()] == [2, 4]
        return [why for _, why in export.out_of_order()]


def _problems(headers: list[str], cells: list[str]) -> list[str]:
    failed = _failed(headers, cells)
    assert isinstance(failed, Failed)
    return list(failed.problems)


def _lenient_notes(headers: list[str], cells: list[str]) -> list[str]:
    scored = _failed(headers, cells, lenient=True)
    assert isinstance(scored, Scored), scored
    assert scored.record.summary[-1].endswith("; ".join(scored.notes))  # summary.csv notes
    return list(scored.notes)


FORMULA_EN = (
    "holds a formula (=10*2) whose value was never calculated (a file written by a script): "
    "open and save the file in Excel or WPS, or export values"
)
FORMULA_ZH = (
    "是公式（=10*2），其值从未计算过（文件由脚本生成）：请用 Excel 或 WPS 打开并保存，或导出数值"
)

CASES: dict[str, Case] = {
    "shifted row, its company either of two cells": Case(
        _shifted,
        "the row has 4 cells and the header 3: an answer holding a comma (or the delimiter) "
        "without quotes shifts every cell after it, so no cell of the row can be trusted (cells "
        "past the header: '3'); correct the row, or export the file again with quoted cells | "
        "company: 'Acme' (column B) if the shift is right of it, 'Beta' (column C) if left of it",
        "这一行有 4 个单元格，表头只有 3 个：某个答案含有逗号（或分隔符）却没加引号，它后面的每个单"
        "元格都"
        "错了位，这一行没有一个单元格可信（表头之外的单元格：'3'）；请改正这一行，或重新导出带引号"
        "的文件 | "
        "企业：若错位发生在该列右边，是 'Acme'（B 列）；若在左边，是 'Beta'（C 列）",
    ),
    "cells right of the last header": Case(
        lambda: _shape(["company", "erp_age"], ["Acme", "3", "", "phoned back"], csv=False),
        "cells right of the last header (column C on) hold 'phoned back': not read (give the "
        "column a header, or delete it)",
        "最后一个表头右边的单元格（C 列起）有内容 'phoned back'：未读取（请给该列加上表头，或删除它"
        "）",
    ),
    "a row ending early": Case(
        lambda: _shape(["company", "networked_share", "erp_age"], ["Acme", "20"]),
        "the row ends after column B with 2 cells, the header has 3: the questions of columns C "
        "on are read as not answered (right only if the row was cut short on purpose: a line "
        "break in an answer without quotes also ends a row early)",
        "这一行在 B 列之后就结束了，只有 2 个单元格，表头有 3 个：C 列起的题目按未作答处理（只有这"
        "一行是有意"
        "截短时才对：答案中没加引号的换行也会让一行提前结束）",
    ),
    "a value under an empty header": Case(
        lambda: _notes(["company", "", "erp_age"], ["Acme", "see note", "3"]),
        "column B has no header but holds 'see note': not read (give it a header, or delete it)",
        "B 列没有表头，但有内容 'see note'：未读取（请给它加上表头，或删除它）",
    ),
    "a tick under an option none of the question's, a value under no question": Case(
        lambda: _notes(
            ["company", "Which of these do your machines report?:Vibration", "Colour"],
            ["Acme", "1", "blue"],
        ),
        "sensors: column B ('Which of the…chines report?:Vibration') holds '1' and is not read: "
        "its option is none of the question's, so this answer is lost (map the column to "
        "'sensors/<option>' in --mapping columns) | column C ('Colour') holds 'blue' and is not "
        "read: it matches no question (map the column to a question in --mapping columns, or to "
        "ignore)",
        "sensors：B 列（'Which of the…chines report?:Vibration'）有内容 '1'，但未读取：它对应的"
        "选项不是这道题的选项，这个答案因此丢失（请在 --mapping 的 columns 中把这一列对应到 "
        "'sensors/<选项>'） | C 列（'Colour'）有内容 'blue'，但未读取：它对应不上任何题目（请在 "
        "--mapping 的 columns 中把这一列对应到某道题，或设为 ignore）",
    ),
    "a Qualtrics 'Other' text column": Case(
        _other_text,
        "column D ('Machines - Other - Text'): 'other' answer not scored: 'a clipboard'",
        "D 列（'Machines - Other - Text'）：“其他”答案不计分：'a clipboard'",
    ),
    "two files joined with no line break": Case(
        lambda: _joined(),
        "the row has 3 cells and the header 2: column B holds a byte order mark inside "
        "'3\\ufeffBeta', where two files were joined with no line break between them, so no "
        "cell of the row can be trusted; put the second file's first line on a line of its own",
        "这一行有 3 个单元格，表头有 2 个：B 列的 '3\\ufeffBeta' 中间夹着一个字节顺序标记（BOM），"
        "是两个文件拼接时中间没有换行造成的，这一行的单元格都不可信；请把第二个文件的第一行单独放在一行",
    ),
    "a row of header words": Case(
        lambda: _failure(
            ["company", "machine_data", "networked_share"],
            ["Company", "machine_data", "networked_share"],
        ),
        "not a firm: 2 of its 2 answer cells are question texts or header words: it looks like "
        "a header row, not a firm (give --source for the platform that wrote the export)",
        "不是企业：2 个答案单元格中有 2 个是题目文字或表头用词，这一行像是表头行，不是企业（请用 --"
        "source "
        "指定导出该文件的问卷平台）",
    ),
    "a formula never calculated in a question's column": Case(
        lambda: _notes(["company", "networked_share"], ["Acme", UNCALCULATED + "10*2"]),
        f"networked_share: column B: '=10*2' {FORMULA_EN}",
        f"networked_share：B 列：'=10*2' {FORMULA_ZH}",
    ),
    "a formula never calculated in an option's column": Case(
        lambda: _notes(
            [
                "company",
                "g/sensors/counts",
                "g/sensors/stops",
                "g/sensors/energy",
                "g/sensors/none",
            ],
            ["Acme", UNCALCULATED + "10*2", "0", "0", "0"],
            "kobo",
        ),
        f"sensors: column B: {FORMULA_EN}",
        f"sensors：B 列：{FORMULA_ZH}",
    ),
    "options of a question with no column (a survey older than the option)": Case(
        lambda: _notes(
            ["company", "g/sensors/counts", "g/sensors/none"], ["Acme", "1", "0"], "kobo"
        ),
        "sensors: the table has no column for 'stops', 'energy': whether the firm ticks them is "
        "not known (a survey built from an older pack, or a column left out), so the plan keeps "
        "the steps they decide, with a caution; scores count them as not ticked",
        "sensors：表里没有'stops', 'energy'这几项的列，不知道企业有没有勾（问卷是按旧版题库建的，"
        "或者这几列被删掉了），所以行动计划保留与之相关的措施，并加上提醒；打分时按没勾算",
    ),
    "a formula never calculated in the company column": Case(
        lambda: _notes(["company", "erp_age"], [UNCALCULATED + "10*2", "3"]),
        f"company: column A: {FORMULA_EN}; left empty",
        f"company：A 列：{FORMULA_ZH}；按空白处理",
    ),
    "a platform's numeric yes/no code": Case(
        lambda: _refused("has_erp", "1", "qualtrics"),
        "is a numeric code: Qualtrics numbers a yes/no question's choices in the order its "
        "author made them, or as recoded (1/2, 0/1, either way round), so it may mean yes or no; "
        "export the choice texts (labels), or say what each code means in --mapping values",
        "是数字编码：Qualtrics 按问卷作者创建选项的顺序或重新编码的值（1/2、0/1"
        "，哪种顺序都有可能）给是/否题"
        "的选项编号，所以它可能表示“是”也可能表示“否”；请导出选项文字，或在 --mapping 的 values 中"
        "说明每个"
        "编码的含义",
    ),
    "问卷星's numeric yes/no code, named in the sentence's language": Case(
        lambda: _refused("has_erp", "2", "wjx-numbers"),
        "is a numeric code: 问卷星 (wjx) numbers a yes/no question's choices in the order its "
        "author made them, or as recoded (1/2, 0/1, either way round), so it may mean yes or no; "
        "export the choice texts (labels), or say what each code means in --mapping values",
        "是数字编码：问卷星 按问卷作者创建选项的顺序或重新编码的值（1/2、0/1"
        "，哪种顺序都有可能）给是/否题"
        "的选项编号，所以它可能表示“是”也可能表示“否”；请导出选项文字，或在 --mapping 的 values 中"
        "说明每个"
        "编码的含义",
    ),
    "1/0 under a yes/no question of a table of no platform": Case(
        lambda: _notes(["company", "has_erp"], ["Acme", "0"]),
        "has_erp: column B: '0' is a number in a yes/no column of a table that names no survey "
        "platform: 1/0 may mean yes/no, or a survey's option numbers either way round; write yes "
        "or no, or say what each number means in --mapping values",
        "has_erp：B 列：'0' 是是/否题列中的数字，而这张表看不出来自哪个问卷平台：1/0 可能表示是/否"
        "，也可能"
        "是问卷的选项编号（哪种顺序都有可能）；请写“是”或“否”，或在 --mapping 的 values 中说明每个"
        "数字的含义",
    ),
    "a decimal comma": Case(
        lambda: _refused("networked_share", "12,5"),
        "is a number with a comma not followed by three digits: 12.5 (a decimal comma) or a typo "
        "for thousands? Write it with a decimal point or without the comma",
        "是逗号后不足三位数字的数：是 12.5（用逗号作小数点），还是千位分隔写错了？请用小数点书写，"
        "或去掉逗号",
    ),
    "labels joined by spaces that read two ways": Case(
        lambda: _spaced_either_way("counts stops"),
        "reads two ways as option labels joined by spaces (as a KoboToolbox or ODK label export "
        "writes them): 'counts' + 'stops', or 'energy'; export the answers with a column per "
        "option (Kobo: multiple select 'both' or 'details'), or as XML values",
        "按空格拼接的选项文字（KoboToolbox 或 ODK 按选项文字导出时就是这样写的）有两种读法："
        "'counts' + 'stops'，或 'energy'；请按“每个选项一列”导出（Kobo：多选题选 'both' 或 "
        "'details'），或导出 XML 值",
    ),
    "a point before three digits": Case(
        lambda: _refused("networked_share", "1.500"),
        "could be 1.5 or 1500: a point or comma before three digits may separate thousands or "
        "decimals; write it without a thousands separator (and with a decimal point)",
        "可能是 1.5，也可能是 1500：三位数字前的点或逗号既可能是千位分隔符，也可能是小数点；请不加"
        "千位分隔符"
        "书写（小数用小数点）",
    ),
    "a comma before three digits where the comma may be decimal": Case(
        lambda: _refused("erp_age", "1,500", comma=True),
        "could be 1500 or 1.5: a point or comma before three digits may separate thousands or "
        "decimals; write it without a thousands separator (and with a decimal point)",
        "可能是 1500，也可能是 1.5：三位数字前的点或逗号既可能是千位分隔符，也可能是小数点；请不加"
        "千位分隔符"
        "书写（小数用小数点）",
    ),
    "a fraction or a percentage": Case(
        lambda: _fraction_notes(["company", "networked_share"], [["Acme", "0.3"], ["Beta", "1"]]),
        "networked_share: column B: '0.3' is a fraction or a percentage: column B holds only "
        "numbers from 0 to 1 under a question answered in % (0.3 may be 30 %, or 0.3 %; 1 may "
        "be 100 %, or 1 %); say which in --mapping scales (networked_share: fraction, or "
        "networked_share: percent)",
        "networked_share：B 列：'0.3' 是小数还是百分数说不准：B 列在按 % 作答的题目下只有 0 到 1 "
        "之间的数（0.3 可能是 30 %，也可能是 0.3 %；1 可能是 100 %，也可能是 1 %）；请在 --mapping "
        "的 scales 中写明是哪一种（networked_share: fraction，或 networked_share: percent）",
    ),
    "a date either way round": Case(
        lambda: _notes(["date", "company"], ["03/05/2024", "Acme"]),
        "date: '03/05/2024' could be day 3 of month 5 or day 5 of month 3: the export does not "
        "say which comes first, so the date is not used (export dates as YYYY-MM-DD)",
        "日期：'03/05/2024' 可能是 5 月 3 日，也可能是 3 月 5 日：导出文件没有说明哪个在前，因此不"
        "使用这个"
        "日期（请按 YYYY-MM-DD 导出日期）",
    ),
    "a sector that is no option": Case(
        lambda: _notes(["company", "sector"], ["Acme", "toys"]),
        "company_sector: 'toys' matches no option: kept as the firm's sector, the question is "
        "not answered",
        "company_sector：'toys' 与任何选项都不符：作为企业的行业保留，该题按未作答处理",
    ),
    "a size that is no option": Case(
        lambda: _notes(["company", "size"], ["Acme", "huge"]),
        "company_size: 'huge' matches no option: kept as the firm's size, the question is not "
        "answered",
        "company_size：'huge' 与任何选项都不符：作为企业的规模保留，该题按未作答处理",
    ),
    "an 'other' answer": Case(
        lambda: _notes(["company", "sensors"], ["Acme", "产量┋其他〖无人机〗"], "wjx"),
        "sensors: 'other' answer not scored: 其他〖无人机〗",
        "sensors：“其他”答案不计分：其他〖无人机〗",
    ),
    "part of a label": Case(
        lambda: _notes(["company", "machine_data"], ["Acme", "on paper"]),
        "machine_data: 'on paper' read as 'paper' (part of its label)",
        "machine_data：'on paper' 读作 'paper'（按其选项文字的一部分）",
    ),
    "two columns disagreeing": Case(
        lambda: _failure(["company", *SCORED, "machine_data"], ["Acme", *ROW, "gateway"]),
        "1 question answered differently in two columns, so it cannot be scored right (remove or "
        "map the wrong column with --mapping, or --lenient to score the first column's answer) | "
        "machine_data: column B says 'paper', column H says 'gateway'",
        "有 1 道题在两列中的答案不同，无法正确评分（请删除错误的列，或用 --mapping 映射它；或用 --l"
        "enient "
        "按第一列的答案评分） | machine_data：B 列为 'paper'，H 列为 'gateway'",
    ),
    "two columns disagreeing, --lenient": Case(
        lambda: _lenient_notes(["company", *SCORED, "machine_data"], ["Acme", *ROW, "gateway"]),
        "machine_data: column B says 'paper', column H says 'gateway': the first is scored",
        "machine_data：B 列为 'paper'，H 列为 'gateway'：按第一列评分",
    ),
    "a respondent field in two columns disagreeing": Case(
        lambda: _notes(["company", "machine_data", "company"], ["Acme", "paper", "Acme Ltd"]),
        "company: column A says 'Acme', column C says 'Acme Ltd': the first is kept",
        "company：A 列为 'Acme'，C 列为 'Acme Ltd'：保留第一列的值",
    ),
    "questions with no column": Case(
        lambda: _failure(["company", "machine_data"], ["Acme", "paper"]),
        "3 questions it was asked have no column in this file, so it cannot be scored right (map "
        "them with --mapping, or --lenient to score without them) | networked_share: no column",
        "问到的题目中有 3 道在此文件中没有对应的列，无法正确评分（请用 --mapping 给它们映射列，或用"
        " --lenient "
        "不计这些题评分） | networked_share：没有对应的列",
    ),
    "a question not scored with no column": Case(
        _unscored_failure,
        "1 question it was asked has no column in this file: it is not scored, but the plan or "
        "an estimate may read it (map it with --mapping, or --lenient to go without it) | "
        "staff_count: no column (not scored; the plan or an estimate may read it)",
        "问到的题目中有 1 道在此文件中没有对应的列：这些题不计分，"
        "但行动计划或等级估算可能要用到（请用 --mapping 给它们映射列，"
        "或用 --lenient 不用这些题） | staff_count：没有对应的列（这题不计分，"
        "但行动计划或等级估算可能要用到）",
    ),
    "a required question left empty": Case(
        lambda: _problems(["company", "machine_data", *SCORED[1:]], ["Acme", "", *ROW[1:]]),
        "machine_data: required question is not answered (column B, 'machine_data')",
        "machine_data：必答题没有作答（B 列，'machine_data'）",
    ),
    "a required question read one column per option, none ticked": Case(
        lambda: _problems(
            ["company", "machine_data/paper", "machine_data/gateway", *SCORED[1:]],
            ["Acme", "", "", *ROW[1:]],
        ),
        "machine_data: required question is not answered (columns B to C, one per option: "
        "none ticked)",
        "machine_data：必答题没有作答（B 到 C 列，每个选项一列：一个都没勾）",
    ),
    "a workbook row stored out of order": Case(
        _out_of_order,
        "sheet 'Sheet1': this row is stored after row 4, out of order (row numbers go down a "
        "sheet in order), so its place is in doubt and it is not read (open the file in Excel "
        "or WPS, save it again and check this row)",
        "工作表“Sheet1”：这一行存放在第 4 行之后，顺序不对（工作表的行号应自上而下递增），"
        "无法确定它的位置，因此未读取（请用 Excel 或 WPS 打开文件另存一次，再核对这一行）",
    ),
    "firms on a workbook's other sheet": Case(
        lambda: _other_sheet(),
        "sheet 'Autumn' also has rows under 6 columns of this questionnaire and was not read: "
        "only sheet 'Spring' was scored (save that sheet as a file of its own to score it)",
        "工作表“Autumn”中也有本问卷 6 列下的答卷行，但未读取：只评估了工作表“Spring”（要评估它，请"
        "把该工作表另存为单独的文件）",
    ),
    "questions with no column, --lenient": Case(
        lambda: _lenient_notes(["company", *SCORED[:-1]], ["Acme", *ROW[:-1]]),
        "scored without (no column): daily_entry",
        "评分时未计入（没有对应的列）：daily_entry",
    ),
    "a question the pack added since the survey was made": Case(
        lambda: _older_survey_notes(["company", *SCORED[:-1]], ["Acme", *ROW[:-1]]),
        "daily_entry: no column, and the pack added it after version 1.0.0: the survey may be "
        "older than the question, so it is scored as not asked",
        "daily_entry：没有这一列，而这道题是问卷包在1.0.0版之后才加的：这份问卷可能是在加题之前做的，"
        "所以按“没问过”计分",
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_each_refusal_and_note_in_english_and_chinese(kind: str) -> None:
    case = CASES[kind]
    texts = case.said()
    assert " | ".join(texts) == case.english  # errors.csv and summary.csv: English
    assert " | ".join(said(t, ZH) for t in texts) == case.chinese  # the operator's terminal
    assert " | ".join(said(t, translator("en")) for t in texts) == case.english


def test_a_said_text_keeps_its_message_across_processes() -> None:
    """A worker process sends its refusals back pickled: they are still said by message."""
    (text,) = _refused("networked_share", "1.500")
    again = pickle.loads(pickle.dumps(text))
    assert isinstance(again, Said) and again == text
    assert said(again, ZH) == said(text, ZH) != str(text)


def test_every_message_of_the_table_reader_has_a_case() -> None:
    seen = set()
    for case in CASES.values():
        for text in case.said():
            assert isinstance(text, Said), text  # never an English string built by hand
            seen.update(text.messages())
    missing = [m for m in words.MESSAGES if m not in seen]
    assert not missing, missing


def test_a_date_in_two_columns_that_name_the_same_day_is_no_clash() -> None:
    """A form's date and its submission time (Kobo/ODK exports have both) are one day: read
    from the first column, nothing noted; another day is noted."""
    headers = ["company", "machine_data", "date", "date"]
    plan = M.plan(headers)
    same = M.row(plan, ["Acme", "paper", "2026-05-01", "2026-05-01T10:00:00"])
    assert same.doc["respondent"]["date"] == "2026-05-01"
    assert not [n for n in same.notes if "says" in n]
    other = M.row(plan, ["Acme", "paper", "2026-05-01", "2026-06-01"])
    assert "date: column C says '2026-05-01', column D says '2026-06-01': the first is kept" in [
        str(n) for n in other.notes
    ]

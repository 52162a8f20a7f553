"""`batch`, `score` and `report` on inputs where something would be lost or misread without a
word: a filled cell no answer is read from (an option column whose option is none of the
question's, a column that matches no question, an "other" fill-in), empty files, a byte
order mark inside a joined CSV, and an answer of the wrong type in an answers file."""

from __future__ import annotations

from pathlib import Path

from .test_batch_table_trust import ZH, batch, one_line
from .test_batch_tables_for_certain import HEAD, here, read_csv, write

__all__ = ["here"]

SENSORS = "Which of these do your machines report?"
ROW = "paper,20,counts,yes,3,week"
# a one-column-per-option export (Tencent's 题目:选项): 'Vibration' is none of the options
# (every option of the question has its column: one without would be said per firm)
OPTIONS = [
    f"company,machine_data,networked_share,{SENSORS}:Part counts,{SENSORS}:Vibration,"
    f"has_erp,erp_age,daily_entry,Favourite colour,{SENSORS}:Stops and their reasons,"
    f"{SENSORS}:Energy use,{SENSORS}:None of these",
    "Acme,gateway,20,1,1,yes,3,week,blue,0,0,0",
    "Beta,gateway,20,1,0,yes,3,week,,0,0,0",
]


def test_a_tick_under_an_option_none_of_the_questions_is_said_and_exits_1(cli, here: Path) -> None:
    write(here / "firms.csv", OPTIONS)
    result = batch(cli, "firms.csv", "-o", "out")
    assert result.exit_code == 1, result.output
    rows = {r["company"]: r["notes"] for r in read_csv(here / "out" / "summary.csv")}
    assert (
        "sensors: column E ('Which of the…chines report?:Vibration') holds '1' and is not read: "
        "its option is none of the question's, so this answer is lost" in rows["Acme"]
    )
    assert (
        "column I ('Favourite colour') holds 'blue' and is not read: it matches no question"
        in rows["Acme"]
    )
    assert rows["Beta"] == ""  # a 0 is no tick, an empty cell no value: nothing lost
    shown = one_line(result.output)
    assert "1 respondent scored with answers lost: ticks under an option column" in shown
    assert "1 respondent has filled cells under no question, not read" in shown
    zh = batch(cli, "firms.csv", "-o", "zh", "--lang", "zh", env=ZH)
    assert "有 1 份答卷评分时丢失了答案" in one_line(zh.output)
    assert "有 1 份答卷有不对应任何题目的单元格未读取" in one_line(zh.output)
    from openpyxl import load_workbook

    sheet = load_workbook(here / "zh" / "summary.xlsx", read_only=True).worksheets[0]
    notes = [r[-1] for r in sheet.iter_rows(values_only=True)]
    assert any("的 '1' 未读取：它对应的选项不是这道题的选项" in str(n) for n in notes)
    assert any("的 'blue' 未读取：这一列对应不上任何题目" in str(n) for n in notes)


def test_a_column_under_no_question_is_said_without_failing_the_batch(cli, here: Path) -> None:
    write(here / "firms.csv", [",".join([*HEAD, "Internal note"]), "Acme," + ROW + ",call back"])
    result = batch(cli, "firms.csv", "-o", "out")
    assert result.exit_code == 0, result.output  # no answer to a question is known lost
    notes = read_csv(here / "out" / "summary.csv")[0]["notes"]
    assert "column H ('Internal note') holds 'call back' and is not read" in notes
    assert "1 respondent has filled cells under no question" in one_line(result.output)


def test_columns_mapped_or_ignored_read_everything_and_exit_0(cli, here: Path) -> None:
    write(here / "firms.csv", OPTIONS)
    (here / "map.yaml").write_text(
        f'columns:\n  "{SENSORS}:Vibration": sensors/stops\n  Favourite colour: ignore\n',
        encoding="utf-8",
    )
    result = batch(cli, "firms.csv", "-o", "out", "--mapping", "map.yaml")
    assert result.exit_code == 0, result.output
    assert all(r["notes"] == "" for r in read_csv(here / "out" / "summary.csv"))
    assert "not read" not in result.output and "lost" not in result.output


def test_an_other_fill_in_column_is_said_in_the_notes(cli, here: Path) -> None:
    write(
        here / "firms.csv",
        [
            f"company,machine_data,networked_share,{SENSORS}:Part counts,{SENSORS}:Other,"
            "has_erp,erp_age,daily_entry",
            "Acme,gateway,20,1,vibration sensors,yes,3,week",
        ],
    )
    result = batch(cli, "firms.csv", "-o", "out")
    notes = read_csv(here / "out" / "summary.csv")[0]["notes"]
    assert "sensors: 'other' answer not scored: 'vibration sensors'" in notes, result.output


def test_empty_files_say_the_file_is_empty(cli, here: Path) -> None:
    from openpyxl import Workbook

    folder = here / "in"
    folder.mkdir()
    (folder / "zero.csv").write_bytes(b"")
    (folder / "bom.csv").write_bytes(b"\xef\xbb\xbf")
    (folder / "blank.yaml").write_bytes(b"\n  \n")
    (folder / "bom.json").write_bytes(b"\xef\xbb\xbf")
    Workbook().save(folder / "norows.xlsx")
    result = batch(cli, "in", "-o", "out")
    errors = {r["source"]: r["error"] for r in read_csv(here / "out" / "errors.csv")}
    assert errors == {
        "in/blank.yaml": "the file is empty",
        "in/bom.csv": "the file is empty (no header row)",
        "in/bom.json": "the file is empty",
        "in/norows.xlsx": "the file is empty (no sheet has a row)",
        "in/zero.csv": "the file is empty (no header row)",
    }, result.output
    score = cli("score", "in/blank.yaml")
    assert score.exit_code == 2
    assert score.output.strip().splitlines() == ["error: in/blank.yaml: the file is empty"]


def test_a_table_given_to_score_or_report_is_named_as_one(cli, here: Path) -> None:
    write(here / "firms.csv", OPTIONS)
    for args in (("score", "firms.csv"), ("report", "firms.csv", "-o", "r.md")):
        result = cli(*args)
        assert result.exit_code == 2
        assert one_line(result.output) == (
            "error: firms.csv: a table (CSV), not an answers file: score a survey export or a "
            "filled-in sheet with sme-assess batch firms.csv -o OUTDIR"
        )


def test_a_byte_order_mark_inside_a_joined_csv_is_said_at_its_line(cli, here: Path) -> None:
    first = ("\r\n".join([",".join(HEAD), "Acme," + ROW]) + "\r\n").encode()
    second = ("\ufeffBeta," + ROW + "\r\n").encode()
    (here / "joined.csv").write_bytes(first + second)
    result = batch(cli, "joined.csv", "-o", "out")
    assert result.exit_code == 0, result.output
    assert [r["company"] for r in read_csv(here / "out" / "summary.csv")] == ["Acme", "Beta"]
    assert (
        "joined.csv row 3 (line 3): starts with a byte order mark, as where two files were "
        "joined (copy /b, cat): the mark is not read" in one_line(result.output)
    )
    # joined with no line break: the mark is inside a cell, and the row cannot be trusted
    (here / "broken.csv").write_bytes(first.rstrip(b"\r\n") + second)
    broken = batch(cli, "broken.csv", "-o", "out2")
    assert broken.exit_code == 1
    error = read_csv(here / "out2" / "errors.csv")[0]["error"]
    assert "column G holds a byte order mark inside 'week\\ufeffBeta'" in error


def test_an_answer_of_the_wrong_type_says_what_its_question_expects(cli, here: Path) -> None:
    (here / "firm.yaml").write_text(
        "questionnaire: sample\nanswers:\n  machine_data: paper\n  biggest_worry: true\n"
        "  has_erp: [yes]\n",
        encoding="utf-8",
    )
    result = cli("score", "firm.yaml")
    assert result.exit_code == 2
    shown = result.output
    assert "firm.yaml:4:3: biggest_worry: expected text, got true" in shown
    assert "firm.yaml:5:3: has_erp: expected true or false, got a list ['yes']" in shown
    assert "True" not in shown  # never Python's spelling
    (here / "odd.yaml").write_text(
        "questionnaire: sample\nanswers:\n  machine_data: {paper: 1}\n", encoding="utf-8"
    )
    odd = cli("score", "odd.yaml")
    assert odd.exit_code == 2
    assert (
        "odd.yaml:3:17: answers.machine_data: expected one option value (paper, spreadsheet, "
        "gateway), got a mapping" in odd.output
    )
    folder = here / "in"
    folder.mkdir()
    (here / "firm.yaml").rename(folder / "firm.yaml")
    batch(cli, "in", "-o", "out")
    problems = read_csv(here / "out" / "errors.csv")[0]["problems"]
    assert "in/firm.yaml:4:3: biggest_worry: expected text, got true" in problems


def test_a_qualtrics_other_text_column_is_said_in_the_notes(cli, here: Path) -> None:
    ids = ["startDate", "_recordId", "QID0", "QID1", "QID2", "QID2_4_TEXT", "QID3", "QID4"]
    ids += ["QID5", "QID6"]
    write(
        here / "qualtrics.csv",
        [
            "StartDate,ResponseId,company,Q1,Q2,Q2_4_TEXT,Q3,Q4,Q5,Q6",
            "Start Date,Response ID,company,How do machine counts and stops reach the office?,"
            f"{SENSORS} - Selected Choice,{SENSORS} - Other - Text,"
            "What share of your machines are connected to a network?,"
            '"Do orders, stock and invoices live in one business system (ERP)?",'
            "How many years have you used it?,When does a finished order show up in the system?",
            ",".join('"{""ImportId"":""' + i + '""}"' for i in ids),
            '2024-05-01,R_1,Acme,Read automatically,"Part counts",vibration,20,Yes,3,The same day',
        ],
    )
    result = batch(cli, "qualtrics.csv", "-o", "out")
    assert result.exit_code == 0, result.output  # said, not a finding: no option it could be
    notes = read_csv(here / "out" / "summary.csv")[0]["notes"]
    assert (
        notes == "column F ('Which of the…s report? - Other - Text'): 'other' answer not scored: "
        "'vibration'"
    )

"""`batch` on a workbook whose answers are on more than one sheet: one sheet is read (the
one whose columns map best), and every other sheet that holds firms under the
questionnaire's columns is a failure of the file in errors.csv (exit 1), never dropped
without a word. A notes sheet, or a copy of the header with nobody under it, is not."""

from __future__ import annotations

import io
from pathlib import Path

from .test_batch_table_trust import EN, ZH, batch, one_line
from .test_batch_tables_for_certain import HEAD, here, read_csv

__all__ = ["here"]


def workbook(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Read me"
    notes.append(["Spring and autumn rounds of the programme, one sheet each."])
    spring = book.create_sheet("Spring")
    spring.append(HEAD)
    spring.append(["Acme", "paper", 20, "counts", "yes", 3, "week"])
    spring.append(["Beta", "spreadsheet", 40, "stops", "no", None, "never"])
    autumn = book.create_sheet("Autumn")
    autumn.append(HEAD)
    autumn.append(["Gamma", "gateway", 80, "counts", "yes", 2, "same_day"])
    blank = book.create_sheet("Blank copy")
    blank.append(HEAD)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())


def test_firms_on_a_second_sheet_are_said_not_dropped(cli, here: Path) -> None:
    workbook(here / "rounds.xlsx")
    result = batch(cli, "rounds.xlsx", "-o", "out", env=EN)
    assert result.exit_code == 1, result.output  # a file only partly read
    scored = read_csv(here / "out" / "summary.csv")
    assert sorted(r["company"] for r in scored) == ["Acme", "Beta"]
    (failed,) = read_csv(here / "out" / "errors.csv")  # neither 'Read me' nor 'Blank copy'
    assert failed["source"] == "rounds.xlsx", failed
    said = (
        "sheet 'Autumn' also has rows under 6 columns of this questionnaire and was not "
        "read: only sheet 'Spring' was scored (save that sheet as a file of its own to "
        "score it)"
    )
    assert failed["error"] == said
    assert said in one_line(result.output)

    zh = batch(cli, "rounds.xlsx", "-o", "zh", "--lang", "zh", env=ZH)
    assert zh.exit_code == 1
    assert "工作表“Autumn”中也有本问卷 6 列下的答卷行，但未读取：只评估了工作表“Spring”" in (
        one_line(zh.output)
    )


def test_a_workbook_whose_other_sheets_hold_no_firms_is_read_whole(cli, here: Path) -> None:
    from openpyxl import load_workbook

    workbook(here / "rounds.xlsx")
    book = load_workbook(here / "rounds.xlsx")
    del book["Autumn"]
    book.save(here / "one.xlsx")
    result = batch(cli, "one.xlsx", "-o", "out", env=EN)
    assert result.exit_code == 0, result.output
    assert len(read_csv(here / "out" / "summary.csv")) == 2
    assert "was not read" not in result.output

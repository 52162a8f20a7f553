"""`batch` on tables whose quiet reading would be wrong, found at the last review: a workbook
fraction (0.3) under a question answered in % (30 %, or 0.3 %?), Kobo's one column for the
n/a choice of a multiple choice without its combined column, and `--check-mapping` on
filled columns that match no question."""

from __future__ import annotations

import io
from pathlib import Path

from ..conftest import SAMPLE
from .test_batch_table_trust import ZH, batch, one_line
from .test_batch_tables_for_certain import HEAD, here, read_csv, write

__all__ = ["here"]  # the fixture, shared with the other tables tests


# -- --check-mapping: filled cells under a column that matches no question --


def test_check_mapping_finds_filled_cells_under_a_column_of_no_question(cli, here: Path) -> None:
    write(
        here / "firms.csv",
        [
            ",".join([*HEAD, "Favourite colour", "Empty note"]),
            "Acme,paper,20,counts,yes,3,week,blue,",
            "Beta,paper,40,counts,no,,week,,",
        ],
    )
    check = batch(cli, "--check-mapping", "firms.csv")
    assert check.exit_code == 1, check.stdout
    shown = one_line(check.stdout)
    assert (
        "H 'Favourite colour': ✗ 'blue' ×1 → not read: it matches no question → map the "
        "column to a question in --mapping columns, or to ignore" in shown
    )
    assert "1 filled cell under a column that matches no question (not read)" in shown
    assert "'Empty note':" not in shown  # a column of no question left empty costs nothing
    zh = batch(cli, "--check-mapping", "firms.csv", env=ZH)
    assert zh.exit_code == 1
    assert "1 个已填单元格所在的列对应不上任何题目（不读取）" in one_line(zh.stdout)
    # mapped to ignore: you know, and nothing more is said
    (here / "map.yaml").write_text("columns:\n  Favourite colour: ignore\n", encoding="utf-8")
    mapped = batch(cli, "--check-mapping", "firms.csv", "--mapping", "map.yaml")
    assert mapped.exit_code == 0, mapped.stdout
    assert "blue" not in mapped.stdout


# -- Kobo: the n/a choice's own column, the combined column left out of the download --


def _kobo_export(here: Path, drop_combined: bool) -> Path:
    from sme_assess.pack.loading import load_pack
    from sme_assess.publish.xlsform import build_xlsform

    from ..kobo_sim import kobo_csv

    q = load_pack(SAMPLE).questionnaire
    form = build_xlsform(q, q.default_language)
    base = {"company_sector": "machinery", "company_size": "small", "machine_data": "gateway"}
    firms = [
        ({**base, "sensors": "n/a", "has_erp": False}, {"company": "Not applicable"}),
        ({**base, "sensors": ["counts", "stops"], "has_erp": False}, {"company": "Ticks"}),
        ({**base, "has_erp": False}, {"company": "Unanswered"}),
    ]
    lines = kobo_csv(form, firms).decode("utf-8").splitlines()
    rows = [line.split(";") for line in lines]
    if drop_combined:  # "include all versions / split select_multiple only": no combined column
        at = rows[0].index("shop_floor/sensors")
        rows = [row[:at] + row[at + 1 :] for row in rows]
    name = here / ("split_only.csv" if drop_combined else "both.csv")
    name.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    return name


def _scored(folder: Path) -> dict[str, dict[str, str]]:
    keep = ("score", "level", "coverage", "confidence", "equipment_score", "equipment_coverage")
    rows = read_csv(folder / "summary.csv")
    return {r["company"]: {k: r[k] for k in keep if k in r} for r in rows}


def test_kobo_na_column_without_the_combined_column_reads_not_applicable(cli, here: Path) -> None:
    both = _kobo_export(here, drop_combined=False)
    split = _kobo_export(here, drop_combined=True)
    assert batch(cli, both.name, "-o", "both").exit_code == 0
    alone = batch(cli, split.name, "-o", "split")
    assert alone.exit_code == 0, alone.output
    with_combined, split_only = _scored(here / "both"), _scored(here / "split")
    assert split_only == with_combined
    # n/a is not "unanswered": the firm that said it is not scored as one that said nothing
    assert with_combined["Not applicable"] != with_combined["Unanswered"]
    check = batch(cli, "--check-mapping", split.name)
    assert check.exit_code == 0, check.stdout
    assert "shop_floor/sensors/na" in check.stdout
    assert "'n/a' of sensors" in one_line(check.stdout)


# -- a fraction (0.3) under a question answered in % --


def _book(rows: list[list[object]], percent: str | None = None) -> bytes:
    """A workbook of HEAD and ``rows``; ``percent``: the number format of the % column."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEAD)
    for row in rows:
        sheet.append(row)
    if percent is not None:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
            cell.number_format = percent
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _answers(folder: Path) -> dict[str, dict[str, object]]:
    import json

    lines = (folder / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {d["respondent"]["company"]: d["answers"] for d in map(json.loads, lines)}


def _firm(name: str, share: object) -> list[object]:
    return [name, "paper", share, "counts", "yes", 3, "week"]


def test_a_column_of_fractions_under_a_percent_question_is_refused_and_said(
    cli, here: Path
) -> None:
    (here / "firms.xlsx").write_bytes(
        _book([_firm("Third", 0.3), _firm("All", 1), _firm("None", 0), _firm("Half", 0.5)])
    )
    result = batch(cli, "firms.xlsx", "-o", "out")
    assert result.exit_code == 1, result.output
    failed = {r["company"]: r["problems"] for r in read_csv(here / "out" / "errors.csv")}
    assert sorted(failed) == ["All", "Half", "Third"]  # 0 is 0 % either way: read
    assert (
        "networked_share: column C: '0.3' is a fraction or a percentage: column C holds only "
        "numbers from 0 to 1 under a question answered in % (0.3 may be 30 %, or 0.3 %; 1 may "
        "be 100 %, or 1 %)" in failed["Third"]
    )
    assert "say which in --mapping scales" in failed["All"]
    assert [r["company"] for r in read_csv(here / "out" / "summary.csv")] == ["None"]
    shown = one_line(result.output)
    assert "firms.xlsx column C (networked_share): only numbers from 0 to 1" in shown
    # the same in a CSV file
    write(here / "firms.csv", [",".join(HEAD), "Comma,paper,0.25,counts,yes,3,week"])
    csv_run = batch(cli, "firms.csv", "-o", "csv")
    assert csv_run.exit_code == 1
    assert (
        "'0.25' is a fraction or a percentage"
        in read_csv(here / "csv" / "errors.csv")[0]["problems"]
    )
    # --lenient scores the firms without it and says so in their notes
    lenient = batch(cli, "firms.xlsx", "-o", "lenient", "--lenient")
    assert lenient.exit_code == 0, lenient.output
    notes = {r["company"]: r["notes"] for r in read_csv(here / "lenient" / "summary.csv")}
    assert "'0.3' is a fraction or a percentage" in notes["Third"]
    # --check-mapping says it and exits 1
    check = batch(cli, "--check-mapping", "firms.xlsx")
    assert check.exit_code == 1, check.stdout
    assert "'0.3' ×1 → not read: is a fraction or a percentage" in one_line(check.stdout)
    zh = batch(cli, "--check-mapping", "firms.xlsx", env=ZH)
    assert "是小数还是百分数" in one_line(zh.stdout)
    # not in doubt: a workbook cell formatted as a percentage (it holds 0.3 and shows 30%) is
    # 30; "30%" typed is 30; a column with a number above 1 holds percentages (0.5 is 0.5 %)
    (here / "formatted.xlsx").write_bytes(
        _book([_firm("Whole", 0.3), _firm("Tenth", 0.455)], percent="0.0%")
    )
    write(
        here / "typed.csv",
        [
            ",".join(HEAD),
            "Typed,paper,30%,counts,yes,3,week",
            "Small,paper,0.5,counts,yes,3,week",
            "Usual,paper,20,counts,yes,3,week",
        ],
    )
    result = batch(cli, "formatted.xlsx", "typed.csv", "-o", "read")
    assert result.exit_code == 0, result.output
    read = _answers(here / "read")
    assert read["Whole"]["networked_share"] == 30
    assert read["Tenth"]["networked_share"] == 45.5
    assert read["Typed"]["networked_share"] == 30
    assert read["Small"]["networked_share"] == 0.5
    check = batch(cli, "--check-mapping", "formatted.xlsx", "typed.csv")
    assert check.exit_code == 0, check.stdout
    assert "fraction" not in check.stdout


def test_the_mapping_file_states_the_scale_of_a_percent_question(cli, here: Path) -> None:
    (here / "firms.xlsx").write_bytes(
        _book([_firm("Third", 0.3), _firm("All", 1), _firm("None", 0), _firm("Typed", "40%")])
    )
    (here / "fraction.yaml").write_text("scales:\n  networked_share: fraction\n", "utf-8")
    result = batch(cli, "firms.xlsx", "-o", "out", "--mapping", "fraction.yaml")
    assert result.exit_code == 0, result.output
    read = _answers(here / "out")
    assert [read[f]["networked_share"] for f in ("Third", "All", "None", "Typed")] == [
        30,
        100,
        0,
        40,  # written with its % sign: never scaled again
    ]
    check = batch(cli, "--check-mapping", "firms.xlsx", "--mapping", "fraction.yaml")
    assert check.exit_code == 0, check.stdout
    (here / "percent.yaml").write_text("scales:\n  networked_share: percent\n", "utf-8")
    as_said = batch(cli, "firms.xlsx", "-o", "pct", "--mapping", "percent.yaml")
    assert as_said.exit_code == 0, as_said.output
    assert _answers(here / "pct")["Third"]["networked_share"] == 0.3
    (here / "wrong.yaml").write_text("scales:\n  erp_age: fraction\n", "utf-8")
    wrong = batch(cli, "firms.xlsx", "-o", "wrong", "--mapping", "wrong.yaml")
    assert wrong.exit_code == 2
    assert "scales: 'erp_age' is not a question answered in %" in one_line(wrong.output)


def test_a_second_column_of_a_percent_question_is_judged_on_its_own(cli, here: Path) -> None:
    """A merged export answers the % question in two columns: the first holds percentages
    (30, 45), the copy only 0.3. The copy's 0.3 is in doubt on its own, not read as 0.3 %
    because the other column holds percentages."""
    write(
        here / "merged.csv",
        [
            ",".join([*HEAD, "networked_share"]),
            "Pct,paper,30,counts,yes,3,week,",
            "Frac,paper,,counts,yes,3,week,0.3",
            "Pct2,paper,45,counts,yes,3,week,",
        ],
    )
    result = batch(cli, "merged.csv", "-o", "out")
    assert result.exit_code == 1, result.output
    failed = {r["company"]: r["problems"] for r in read_csv(here / "out" / "errors.csv")}
    assert list(failed) == ["Frac"]
    assert "column H: '0.3' is a fraction or a percentage" in failed["Frac"]
    assert sorted(r["company"] for r in read_csv(here / "out" / "summary.csv")) == ["Pct", "Pct2"]
    assert "merged.csv column H (networked_share): only numbers from 0 to 1" in one_line(
        result.output
    )


def test_fractions_before_a_row_that_cannot_be_read_are_still_in_doubt(cli, here: Path) -> None:
    """A file that breaks off part-way keeps the rows before the break, scored; the scan for
    fractions gave up on the whole file at the break and said nothing, so those rows' 0.3
    under a question answered in % was read as 0.3 % (it would be refused without the
    break). The scan's verdict on the rows before the break now stands: the rows scored are
    the rows it saw (reading stops at the break too)."""
    firms = ["A,paper,0.3,counts,yes,3,week", "B,paper,0.45,counts,yes,3,week"]
    # a CSV (read in spans): a NUL byte in row 5
    (here / "broken.csv").write_text(
        "\n".join([",".join(HEAD), *firms, "C,paper,0,counts,yes,3,week", "D,pa\0per,1"]) + "\n",
        encoding="utf-8",
    )
    run = batch(cli, "broken.csv", "-o", "csv")
    assert run.exit_code == 1, run.output
    errors = {r["row"]: r for r in read_csv(here / "csv" / "errors.csv")}
    assert "stopped reading: row 5" in errors[""]["error"]
    assert "'0.3' is a fraction or a percentage" in errors["2"]["problems"]
    assert "'0.45' is a fraction or a percentage" in errors["3"]["problems"]
    assert [r["company"] for r in read_csv(here / "csv" / "summary.csv")] == ["C"]
    assert "broken.csv column C (networked_share): only numbers from 0 to 1" in one_line(run.output)
    # a CSV read whole (UTF-16, as Excel's "Unicode text"), the same break
    (here / "broken16.csv").write_text(
        "\n".join([",".join(HEAD), *firms, "C,paper,0,counts,yes,3,week", "D,pa\0per,1"]) + "\n",
        encoding="utf-16",
    )
    whole = batch(cli, "broken16.csv", "-o", "whole")
    assert whole.exit_code == 1, whole.output
    errors = {r["row"]: r for r in read_csv(here / "whole" / "errors.csv")}
    assert "stopped reading: row 5" in errors[""]["error"]
    assert "'0.3' is a fraction or a percentage" in errors["2"]["problems"]
    assert [r["company"] for r in read_csv(here / "whole" / "summary.csv")] == ["C"]


def test_no_row_of_a_big_csv_is_scored_before_its_whole_percent_column_is_seen(
    cli, here: Path
) -> None:
    """A CSV is cut into spans of rows for the workers by one pass over it, which now also
    scans for fractions (the scan read the whole file a second time before): a span is not
    sent before the pass has seen the last row that could settle the column. 0.5 in the
    first rows is in doubt when the column holds nothing above 1 down to its last row, and
    0.5 % when its last row holds 45."""
    rows = [f"Firm {n:03d},paper,{'0.5' if n % 3 else ''},counts,yes,3,week" for n in range(120)]
    write(here / "fractions.csv", [",".join(HEAD), *rows, "Last,paper,0.3,counts,yes,3,week"])
    write(here / "percent.csv", [",".join(HEAD), *rows, "Last,paper,45,counts,yes,3,week"])
    doubt = batch(cli, "fractions.csv", "-o", "doubt", "--lenient")
    assert doubt.exit_code == 0, doubt.output
    answers = _answers(here / "doubt")
    assert len(answers) == 121
    # kept as written, not read as a number
    assert not any(isinstance(a.get("networked_share"), float) for a in answers.values())
    assert "fractions.csv column C (networked_share): only numbers from 0 to 1" in one_line(
        doubt.output
    )
    percent = batch(cli, "percent.csv", "-o", "percent")
    assert percent.exit_code == 0, percent.output
    answers = _answers(here / "percent")
    assert answers["Firm 001"]["networked_share"] == 0.5
    assert answers["Last"]["networked_share"] == 45
    assert "only numbers from 0 to 1" not in one_line(percent.output)


def test_a_workbook_is_read_once_for_its_rows_and_the_scan_for_fractions(
    cli, here: Path, monkeypatch
) -> None:
    """The scan for fractions read a workbook's rows on its own before they were read again
    to be scored: a workbook whose % column holds only fractions (the scan cannot stop early)
    was parsed twice, as a UTF-16 CSV was. The scan now rides on the one read; its verdict is
    the same, the firms after the held rows refused too when the rows held outgrow the
    bound (the rest is then read for the scan alone first, as before)."""
    from sme_assess.answer_io import tabular
    from sme_assess.batch import chunking

    reads: list[str] = []
    rows = tabular.Table.rows

    def counted(self: tabular.Table) -> object:
        reads.append(self.source)
        return rows(self)

    monkeypatch.setattr(tabular.Table, "rows", counted)
    firms = [_firm(f"Firm {n:02d}", 0.25) for n in range(12)]
    (here / "firms.xlsx").write_bytes(_book(firms))
    result = batch(cli, "firms.xlsx", "-o", "out")
    assert result.exit_code == 1, result.output
    assert len(reads) == 1
    failed = read_csv(here / "out" / "errors.csv")
    assert len(failed) == 12 and all("'0.25' is a fraction" in r["problems"] for r in failed)
    monkeypatch.setattr(chunking, "HOLD_CELLS", 20)  # three rows held, then the scan reads on
    reads.clear()
    firms[10] = _firm("Firm 10", 30)  # a percentage: the column is no longer in doubt
    (here / "firms.xlsx").write_bytes(_book(firms))
    result = batch(cli, "firms.xlsx", "-o", "bound")
    assert result.exit_code == 0, result.output
    assert len(reads) == 2
    assert len(read_csv(here / "bound" / "summary.csv")) == 12


def test_a_scan_for_fractions_that_breaks_reads_nothing_of_the_file(
    cli, here: Path, monkeypatch
) -> None:
    """The scan breaking on a cell (a fault of its own, not of the file) gave up without a
    word, and every 0.3 of the file was read as 0.3 %: now the file is one line in
    errors.csv and no row of it is read unjudged."""
    from sme_assess.answer_io import percent_scale

    def broken(text: str, units: object = ()) -> float | None:
        raise RuntimeError("scan fault")

    monkeypatch.setattr(percent_scale, "plain_number", broken)
    (here / "firms.xlsx").write_bytes(_book([_firm("A", 0.3), _firm("B", 0.45)]))
    result = batch(cli, "firms.xlsx", "-o", "out")
    assert result.exit_code == 2, result.output  # nothing could be read
    (failed,) = read_csv(here / "out" / "errors.csv")
    assert failed["error"].startswith("cannot read: ") and "scan fault" in failed["error"]
    assert not (here / "out" / "results.jsonl").read_text(encoding="utf-8").strip()

"""An XLSX whose sheet stores a row after one numbered as high or higher (out of order, or
its number repeated: a workbook written by a script, or damaged). Excel writes rows in
increasing order; one row out of order refused the whole file (`row number 3 out of order or
too large`), every firm of it lost to one line. Now that row alone is not read, said as its
row's failure in errors.csv (and by --check-mapping), and every other firm is scored. The
workbooks are crafted XML (tests/hostile/hostile_xlsx.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sme_assess.answer_io.tabular import read_table
from sme_assess.errors import InputError

from ..conftest import SAMPLE
from ..hostile import hostile_xlsx as H


def _firm(number: int, firm: list[str], name: str) -> str:
    cells = [name, *firm[1:]]
    return (
        f'<row r="{number}">'
        + "".join(H.inline(f"{c}{number}", v) for c, v in zip(H.COLUMNS, cells, strict=True))
        + "</row>"
    )


def _workbook(tmp_path: Path, body: str, header: bool = True) -> Path:
    xml = H.sheet_xml((H.header_row() if header else "") + body)
    path = tmp_path / "firms.xlsx"
    path.write_bytes(H.rewrite(H.base(), {H.SHEET: xml}))
    return path


# rows stored 2, 4, 3, 5: row 3 comes after row 4
SHUFFLED = (
    _firm(2, H.FIRMS[0], "Acme")
    + _firm(4, H.FIRMS[1], "Beta")
    + _firm(3, H.FIRMS[0], "Gamma")
    + _firm(5, H.FIRMS[1], "Delta")
)
SAID = (
    "sheet 'Sheet1': this row is stored after row 4, out of order (row numbers go down a "
    "sheet in order), so its place is in doubt and it is not read"
)


def test_the_rows_in_order_are_read_and_the_one_out_of_order_is_kept_aside(
    tmp_path: Path,
) -> None:
    table = read_table(_workbook(tmp_path, SHUFFLED))
    assert [(n, cells[0]) for n, cells in table.rows()] == [(2, "Acme"), (4, "Beta"), (5, "Delta")]
    assert table.disorder == [(3, 4)]


def test_a_repeated_row_number_is_out_of_order_too(tmp_path: Path) -> None:
    body = _firm(2, H.FIRMS[0], "Acme") + _firm(2, H.FIRMS[1], "Beta")
    table = read_table(_workbook(tmp_path, body))
    assert [(n, cells[0]) for n, cells in table.rows()] == [(2, "Acme")]
    assert table.disorder == [(2, 2)]


def test_a_row_out_of_order_above_the_header_refuses_the_file(tmp_path: Path) -> None:
    """Which row holds the column names is in doubt: nothing is read, as before."""
    header = H.header_row().replace('r="1"', 'r="3"', 1).replace('1"', '3"')
    body = _firm(4, H.FIRMS[0], "Acme") + header + _firm(5, H.FIRMS[1], "Beta")
    with pytest.raises(InputError, match=r"row 3: row number 3 out of order \(stored after row 4"):
        list(read_table(_workbook(tmp_path, body, header=False)).rows())


def test_batch_scores_every_other_firm_and_says_the_row_out_of_order(cli, tmp_path: Path) -> None:
    path = _workbook(tmp_path, SHUFFLED)
    before = path.read_bytes()
    out = tmp_path / "out"
    result = cli("batch", str(path), "-o", str(out), "-p", str(SAMPLE), "--jobs", "1")
    assert result.exit_code == 1, result.output
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        scored = [(r["row"], r["company"]) for r in csv.DictReader(handle)]
    assert sorted(scored) == [("2", "Acme"), ("4", "Beta"), ("5", "Delta")]
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as handle:
        failed = list(csv.DictReader(handle))
    assert [(r["row"], r["error"][: len(SAID)]) for r in failed] == [("3", SAID)]
    assert failed[0]["source"].endswith("firms.xlsx")
    assert path.read_bytes() == before


def test_check_mapping_says_the_row_and_exits_1(cli, tmp_path: Path) -> None:
    path = _workbook(tmp_path, SHUFFLED)
    result = cli("batch", "--check-mapping", str(path), "-p", str(SAMPLE))
    assert result.exit_code == 1, result.output
    out = " ".join(result.output.split())
    assert "row 3: " + SAID in out
    assert "1 row that cannot be read for certain" in out
    assert "cannot be read: sheet" not in out  # not the whole file

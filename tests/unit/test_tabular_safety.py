"""Damaged, hostile and huge CSV/XLSX inputs: one InputError naming the file (and row), read in
bounded time and memory; regexes linear on 100 KB cells."""

from __future__ import annotations

import datetime as dt
import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from sme_assess.answer_io import limits
from sme_assess.answer_io.mapping import Matcher, parse_date, parse_number
from sme_assess.answer_io.tabular import read_table
from sme_assess.answer_io.text import UNCALCULATED
from sme_assess.errors import InputError
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE
from ..hostile import hostile_xlsx as H


def _read_all(path: Path) -> list[tuple[int, list[str]]]:
    return list(read_table(path).rows())


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- XLSX ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (H.malformed, r"malformed XML in xl/worksheets/sheet1\.xml line 1"),
        (H.entity_bomb, "declares a DTD"),
        (H.old_xls, r"an old \.xls, or password-protected"),
        (lambda: b"PK\x03\x04 not really a zip", "not a zip archive"),
        (lambda: H.shared_strings_bomb(20), r"sharedStrings\.xml unpacks more than 100 times"),
    ],
)
def test_a_hostile_workbook_is_one_input_error_naming_the_file(
    tmp_path: Path, build: object, message: str
) -> None:
    path = _write(tmp_path, "bad.xlsx", build())  # type: ignore[operator]
    with pytest.raises(InputError, match=message) as caught:
        _read_all(path)
    assert "bad.xlsx" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_external_entity_is_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(H.SECRET, encoding="utf-8")
    path = _write(tmp_path, "xxe.xlsx", H.xxe(secret))
    with pytest.raises(InputError, match="declares a DTD") as caught:
        _read_all(path)
    assert H.SECRET not in str(caught.value)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    path = _write(tmp_path, "letter.xlsx", buffer.getvalue())
    with pytest.raises(InputError, match="no workbook part"):
        read_table(path)


def test_zip_bounds_on_parts_and_unpacked_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "ok.xlsx", H.base())
    assert len(_read_all(path)) == 1
    monkeypatch.setattr(limits, "MAX_XLSX_MEMBERS", 3)
    with pytest.raises(InputError, match="more than 3 parts"):
        read_table(path)
    monkeypatch.setattr(limits, "MAX_XLSX_MEMBERS", 100)
    monkeypatch.setattr(limits, "MAX_XLSX_UNPACKED", 1000)
    with pytest.raises(InputError, match="unpacked"):
        read_table(path)


def test_deeply_nested_xml_is_refused(tmp_path: Path) -> None:
    deep = "<x>" * 200 + "</x>" * 200
    body = H.header_row() + f'<row r="2"><c r="A2" t="inlineStr"><is>{deep}</is></c></row>'
    path = _write(tmp_path, "deep.xlsx", H.rewrite(H.base(), {H.SHEET: H.sheet_xml(body)}))
    with pytest.raises(InputError, match="nested deeper than"):
        _read_all(path)


def test_cells_in_the_last_column_do_not_widen_every_row(tmp_path: Path) -> None:
    path = _write(tmp_path, "wide.xlsx", H.last_column_cells(20_000))
    started = time.monotonic()
    tracemalloc.start()
    try:
        table = read_table(path)
        rows = list(table.rows())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 20
    assert peak < 64 * limits.MIB
    assert [(n, r[0]) for n, r in rows] == [(2, "Acme Machining"), (3, "Beta Castings")]
    # a firm's cell at XFD is kept as one cell past the header (said, not read), not 16,384
    assert all(len(cells) <= len(H.HEADERS) + 1 and cells[-1] == "x" for _, cells in rows)


def test_a_header_past_the_column_bound_is_refused(tmp_path: Path) -> None:
    body = H.header_row().replace("</row>", H.inline("XFD1", "stray") + "</row>")
    path = _write(tmp_path, "w.xlsx", H.rewrite(H.base(), {H.SHEET: H.sheet_xml(body)}))
    with pytest.raises(InputError, match=r"row 1: the header row goes on to column XFD"):
        read_table(path)


def test_a_cell_longer_than_the_bound_names_sheet_and_row(tmp_path: Path) -> None:
    long = "x" * (limits.MAX_CELL_CHARS + 1)
    body = H.header_row() + f'<row r="7">{H.inline("B7", long)}</row>'
    path = _write(tmp_path, "long.xlsx", H.rewrite(H.base(), {H.SHEET: H.sheet_xml(body)}))
    with pytest.raises(InputError, match=r"sheet 'Sheet1' row 7: column B: a cell longer"):
        _read_all(path)


def test_rows_read_before_a_damaged_part_are_kept(tmp_path: Path) -> None:
    """A sheet cut short after a few firms: those firms come out, then one error."""
    rows = "".join(f'<row r="{r}">{H.inline(f"A{r}", f"Firm {r}")}</row>' for r in range(2, 2000))
    xml = H.sheet_xml(H.header_row() + rows).decode()
    path = _write(tmp_path, "cut.xlsx", H.rewrite(H.base(), {H.SHEET: xml[:-200].encode()}))
    table = read_table(path)
    seen: list[int] = []
    with pytest.raises(InputError, match="malformed XML"):
        for number, _ in table.rows():
            seen.append(number)
    assert seen[:3] == [2, 3, 4] and len(seen) > 1000


def test_the_reader_shows_cells_as_openpyxl_and_a_spreadsheet_do(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Company", "When", "Share", "ERP", "Count", "Price", "Note"])
    sheet.append(["Ａcme  ", dt.datetime(2024, 5, 6, 9), 0.35, True, 8, 2.5, "多行\n文本"])
    sheet.append([None, dt.date(2024, 1, 2), None, False, None, None, "=1+1"])
    sheet["C2"].number_format = "0%"
    sheet["B3"].number_format = "yyyy-mm-dd"
    sheet["Z9"] = "   "  # a stored blank cell far right: not a column
    path = tmp_path / "kinds.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.headers == ["Company", "When", "Share", "ERP", "Count", "Price", "Note"]
    rows = list(table.rows())
    assert rows[0] == (2, ["Ａcme", "2024-05-06 09:00:00", "35%", "TRUE", "8", "2.5", "多行\n文本"])
    # a formula never computed (openpyxl saves no value): its mark and formula, never empty
    assert rows[1] == (3, ["", "2024-01-02", "", "FALSE", "", "", UNCALCULATED + "1+1"])


# --- CSV ----------------------------------------------------------------------------------

HEADER = "company,q1,q2\r\n"


def test_an_unclosed_quote_is_reported_where_it_opened_and_earlier_rows_are_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "q.csv"
    path.write_text(HEADER + 'A,1,2\r\nB,"open,2\r\nC,1,2\r\nD,1,2\r\n', encoding="utf-8")
    table = read_table(path)
    seen: list[str] = []
    with pytest.raises(InputError, match=r"q\.csv: row 3 \(line 3\): a quote opened"):
        for _, cells in table.rows():
            seen.append(cells[0])
    assert seen == ["A"]


def test_a_quote_closed_in_the_wrong_place_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(HEADER + 'A,1,2\r\nB,"open,2\r\nC,"x",2\r\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"row 3 \(line 3\): a quoted cell has text after"):
        _read_all(path)


def test_a_quoted_cell_over_several_lines_is_still_one_row(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + 'A,"two\r\nlines",2\r\nB,1,2\r\n', encoding="utf-8")
    assert _read_all(path) == [(2, ["A", "two\r\nlines", "2"]), (3, ["B", "1", "2"])]


def test_csv_bounds_on_cell_size_rows_and_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.csv"
    path.write_text(HEADER + "A," + "x" * (limits.MAX_CELL_CHARS + 1) + ",2\r\n")
    with pytest.raises(InputError, match=r"row 2 \(line 2\): a cell longer than 131,072"):
        _read_all(path)
    path.write_text(HEADER + "A,1,2\r\n" * 10)
    monkeypatch.setattr(limits, "MAX_ROWS", 5)
    with pytest.raises(InputError, match="row 6: more than 5 rows"):
        _read_all(path)
    monkeypatch.setattr(limits, "MAX_ROWS", 100)
    monkeypatch.setattr(limits, "MAX_COLUMNS", 2)
    with pytest.raises(InputError, match="row 1: more than 2 columns"):
        _read_all(path)
    monkeypatch.setattr(limits, "MAX_COLUMNS", 10)
    monkeypatch.setattr(limits, "MAX_TABLE_BYTES", 10)
    with pytest.raises(InputError, match="larger than 0 MiB"):
        read_table(path)


# --- 100 KB cells through the matcher -------------------------------------------------------

N = 100_000
LONG = {
    "spaces": " " * N,
    "letter, spaces, letter": "a" + " " * N + "x",
    "separator then spaces": "a," + " " * N + "b",
    "commas": "a," * (N // 2),
    "distinct parts": ",".join(f"p{i}" for i in range(N // 6)),
    "tags": "(a)" * (N // 3),
    "digits then spaces": "1" + " " * N + "x",
    "dashes": " - " * (N // 3),
}


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_pack(SAMPLE).questionnaire)


@pytest.mark.parametrize("text", LONG.values(), ids=list(LONG))
def test_every_matching_step_is_linear_on_100_kb(matcher: Matcher, text: str) -> None:
    """Each step was minutes on some of these when a regex or loop was quadratic."""
    one_per_kind = {type(q).__name__: qid for qid, q in matcher.questions.items()}
    started = time.monotonic()
    matcher.plan([text, "x" + text])
    parse_number(text, ["years"])
    parse_date(text)
    for qid in one_per_kind.values():
        matcher.value(qid, text)
        matcher.explain(qid, text)
    assert time.monotonic() - started < 10


def test_multiple_choice_parts_keep_their_place_when_repeated(matcher: Matcher) -> None:
    match = matcher.value("sensors", "Part counts;  Stops and their reasons ; Part counts")
    assert match.ok and match.value == ["counts", "stops"]


def test_a_sheet_written_with_namespace_prefixes_reads_the_same(tmp_path: Path) -> None:
    ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rows = "".join(
        f'<x:row r="{r}">'
        + "".join(
            f'<x:c r="{c}{r}" t="inlineStr"><x:is><x:t>{v}</x:t></x:is></x:c>'
            for c, v in zip("AB", values, strict=True)
        )
        + "</x:row>"
        for r, values in ((1, ("Company", "Size")), (2, ("Acme", "20 to 299")))
    )
    xml = f'<?xml version="1.0"?><x:worksheet {ns}><x:sheetData>{rows}</x:sheetData></x:worksheet>'
    path = _write(tmp_path, "x.xlsx", H.rewrite(H.base(), {H.SHEET: xml.encode()}))
    table = read_table(path)
    assert table.headers == ["Company", "Size"]
    assert list(table.rows()) == [(2, ["Acme", "20 to 299"])]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # a row numbered as the header, stored after it: which holds the column names?
        (
            '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
            r"row 1: row number 1 out of order \(stored after row 1\), at or above the header",
        ),
        (f'<row r="2">{H.inline("ZZZZ2", "x")}</row>', r"row 2: bad cell reference 'ZZZZ2'"),
    ],
)
def test_odd_rows_and_cells_name_sheet_and_row(tmp_path: Path, body: str, message: str) -> None:
    xml = H.sheet_xml(H.header_row() + body)
    path = _write(tmp_path, "odd.xlsx", H.rewrite(H.base(), {H.SHEET: xml}))
    with pytest.raises(InputError, match=message):
        _read_all(path)


def test_a_missing_shared_string_is_shown_not_guessed(tmp_path: Path) -> None:
    body = H.header_row() + '<row r="2"><c r="A2" t="s"><v>42</v></c></row>'
    xml = H.sheet_xml(body)
    path = _write(tmp_path, "s.xlsx", H.rewrite(H.base(), {H.SHEET: xml}))
    assert _read_all(path) == [(2, ["#missing shared string 42"])]

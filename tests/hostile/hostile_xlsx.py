"""Hostile XLSX workbooks, built at test time (bombs are too big to commit): used by the corpus
cases' gen.py scripts and by the unit and fuzz tests of the safe reader."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from sme_assess.answer_io.tabular import table_xlsx

# A Google Forms export for the sample pack (as in tests/fixtures/batch/mixed/google_bom.csv).
HEADERS = [
    "Company name",
    "What do you mainly make?",
    "How many people work for you?",
    "How do machine counts and stops reach the office?",
    "What share of your machines are connected to a network?",
    "Which of these do your machines report?",
    "Do orders, stock and invoices live in one business system (ERP)?",
    "How many years have you used it?",
    "When does a finished order show up in the system?",
]
FIRMS = [
    [
        "Acme Machining",
        "Machinery and metal parts",
        "20 to 299",
        "Typed into a spreadsheet",
        "15%",
        "Part counts, Stops and their reasons",
        "Yes",
        "3",
        "Within a week",
    ],
    [
        "Beta Castings",
        "Machinery and metal parts",
        "Fewer than 20",
        "Typed into a spreadsheet",
        "40%",
        "Part counts",
        "Yes",
        "2",
        "Within a week",
    ],
]
ROWS = [HEADERS, FIRMS[0]]
COLUMNS = "ABCDEFGHI"
SHEET = "xl/worksheets/sheet1.xml"
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SECRET = "TOPSECRET-7c1e-do-not-leak"

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRINGS_REL = f'<Relationship Id="rId9" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'


def base() -> bytes:
    """A small valid workbook: the headers above and one firm."""
    return table_xlsx(ROWS)


def rewrite(workbook: bytes, parts: dict[str, bytes]) -> bytes:
    """``workbook`` with some parts replaced or added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename not in parts:
                dst.writestr(info.filename, src.read(info))
        for name, data in parts.items():
            dst.writestr(name, data)
    return out.getvalue()


def sheet_xml(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet {MAIN}><sheetData>{body}'
        "</sheetData></worksheet>"
    ).encode()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row() -> str:
    return (
        '<row r="1">'
        + "".join(inline(f"{c}1", h) for c, h in zip(COLUMNS, HEADERS, strict=True))
        + "</row>"
    )


def malformed() -> bytes:
    good = sheet_xml(header_row()).decode()
    return rewrite(base(), {SHEET: good[: len(good) // 2].encode()})


def entity_bomb() -> bytes:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    body = header_row() + '<row r="2">' + inline("A2", "&a9;") + "</row>"
    return rewrite(base(), {SHEET: sheet_xml(body, f"<!DOCTYPE worksheet [{entities}]>")})


def xxe(secret_file: Path) -> bytes:
    """A header cell that would hold the text of ``secret_file`` if entities were resolved."""
    prolog = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{secret_file.resolve().as_uri()}">]>'
    body = (
        '<row r="1">'
        + inline("A1", "Company name &xxe;")
        + inline("B1", HEADERS[1])
        + "</row>"
        + '<row r="2">'
        + inline("A2", "&xxe;")
        + inline("B2", "20 to 299")
        + "</row>"
    )
    return rewrite(base(), {SHEET: sheet_xml(body, prolog)})


def shared_strings_bomb(megabytes: int = 300) -> bytes:
    """A shared-strings part that unpacks to ``megabytes`` MB from well under 1 MB."""
    item = b"<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>", _STRINGS_REL.encode() + b"</Relationships>"
                )
            dst.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("xl/sharedStrings.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as part:
            part.write(f"<sst {MAIN}>".encode())
            chunk = item * (1024 * 1024 // len(item))
            for _ in range(megabytes):
                part.write(chunk)
            part.write(b"</sst>")
    return out.getvalue()


def last_column_cells(rows: int = 60_000) -> bytes:
    """Two firms, then ``rows`` rows that only hold a cell at column XFD (the last one), and a
    dimension that claims the whole sheet: about 1.5 MB packed."""
    body = [header_row()]
    for r, values in enumerate(FIRMS, start=2):
        cells = "".join(inline(f"{c}{r}", v) for c, v in zip(COLUMNS, values, strict=True))
        body.append(f'<row r="{r}">{cells}{inline(f"XFD{r}", "x")}</row>')
    for r in range(4, rows + 4):
        body.append(f'<row r="{r}"><c r="XFD{r}"><v>{r}</v></c></row>')
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {MAIN}>'
        '<dimension ref="A1:XFD1048576"/><sheetData>' + "".join(body) + "</sheetData></worksheet>"
    )
    return rewrite(base(), {SHEET: xml.encode()})


def old_xls() -> bytes:
    """What an old .xls (or any encrypted workbook) starts with, renamed to .xlsx."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096


if __name__ == "__main__":  # python hostile_xlsx.py KIND OUT.xlsx (to look at one)
    Path(sys.argv[2]).write_bytes(globals()[sys.argv[1]]())


def sheet_bomb(megabytes: int = 1024) -> bytes:
    """A workbook of about 1 MB whose one sheet unpacks to ``megabytes`` MB: the header row
    and a firm, then empty rows (a zip bomb: each MB of the same bytes packs to ~1 KB)."""
    row = b'<row r="3"><c r="A3"/></row>'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename == SHEET:
                continue
            dst.writestr(info.filename, src.read(info), zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo(SHEET)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as part:
            part.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet {MAIN}><sheetData>'.encode()
            )
            part.write(header_row().encode())
            chunk = row * (1024 * 1024 // len(row))
            for _ in range(megabytes):
                part.write(chunk)
            part.write(b"</sheetData></worksheet>")
    return out.getvalue()

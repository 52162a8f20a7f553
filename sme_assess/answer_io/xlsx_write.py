"""One-sheet XLSX written as the rows come: a table a consultant can open and work with.

Bold header row, frozen panes, column widths fitted to the content (East Asian wide
characters count double, capped), number formats per column ("0.0", "0%"), an autofilter,
a red-amber-green colour scale on score columns, hyperlinks to files next to the workbook
(relative, so they work when the folder is moved), landscape printing one page wide with the
header repeated.

Memory does not grow with the rows: the cell XML goes through a compressed temporary file
while the widths are measured (Excel needs the widths before the rows), then into the
archive. Written directly rather than with openpyxl, whose write-only mode needs the widths
before the first row as well, keeps a Python object per hyperlink and is several times
slower for a 100,000-row summary (see ``benchmarks/summary_xlsx.py``).
"""

from __future__ import annotations

import io
import math
import re
import tempfile
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import quote
from xml.sax.saxutils import escape

ROWS_PER_WRITE = 1000
MIN_WIDTH = 6
MAX_WIDTH = 50
HEADER_WIDTH = 16  # a longer header wraps rather than widen its column
SPOOL_CHUNK = 1 << 20

# the fixed number formats (custom ids start at 164); "" is General
_FORMATS = {"": 0, "0": 1, "0%": 9, "0.0": 164}
# cellXfs: 0 plain, 1 header, 2 "0", 3 "0%", 4 "0.0", 5 hyperlink
_STYLE_OF_FORMAT = {"": 0, "0": 2, "0%": 3, "0.0": 4}
HEADER_STYLE = 1
LINK_STYLE = 5


@dataclass(frozen=True)
class Column:
    """How one column is shown (its header is the text of the first row)."""

    header: str
    fmt: str = ""  # "", "0", "0%" or "0.0"
    scale: bool = False  # a 0-100 score: red (0), amber (50), green (100)
    link: bool = False  # a path relative to the workbook: shown as a hyperlink to it
    max_width: int = MAX_WIDTH


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    return escape(_XML_ILLEGAL.sub("", value))


def text_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: East Asian wide and full-width characters
    count double (a Chinese company name needs twice its length)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _shown_width(value: Any, fmt: str) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int | float):
        if fmt == "0%":
            return len(f"{value:.0%}")
        if fmt == "0.0":
            return len(f"{value:.1f}")
        if fmt == "0":
            return len(f"{value:.0f}")
        return len(repr(value))
    return text_width(str(value))


class _Measure:
    """The widest cell of each column so far (a text is measured only when it could be
    wider than what is known: a long column costs little)."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self.widths = [0] * len(columns)

    def add(self, row: Sequence[Any]) -> None:
        widths, columns = self.widths, self.columns
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if c >= len(widths):
                widths.append(0)
                columns.append(Column(""))
            known = widths[c]
            cap = columns[c].max_width
            if known >= cap:
                continue
            if isinstance(value, str) and 2 * len(value) <= known:
                continue
            width = _shown_width(value, columns[c].fmt)
            if width > known:
                widths[c] = min(width, cap)

    def fitted(self) -> list[float]:
        """Widths in Excel's units: the content plus a margin, within MIN_WIDTH and the
        column's cap; a long header wraps (up to HEADER_WIDTH wide)."""
        out = []
        for column, width in zip(self.columns, self.widths, strict=True):
            words = [text_width(w) for w in column.header.split()] or [0]
            head = min(max(words), HEADER_WIDTH)
            chars = max(width, head, MIN_WIDTH - 2)
            out.append(float(min(chars, column.max_width) + 2))
        return out


def header_lines(columns: Sequence[Column], widths: Sequence[float]) -> int:
    """Lines the header row needs when its texts wrap in the fitted widths (at most 4)."""
    need = 1
    for column, width in zip(columns, widths, strict=True):
        need = max(need, -(-text_width(column.header) // max(int(width) - 2, 1)))
    return min(need, 4)


class _Spool:
    """A temporary file written compressed (the sheet's cells, ~10x smaller)."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.zip = zlib.compressobj(1)

    def write(self, text: str) -> None:
        self.file.write(self.zip.compress(text.encode("utf-8")))

    def copy_to(self, target: IO[bytes]) -> None:
        self.file.write(self.zip.flush())
        self.file.seek(0)
        unzip = zlib.decompressobj()
        while chunk := self.file.read(SPOOL_CHUNK):
            target.write(unzip.decompress(chunk))
        target.write(unzip.flush())

    def close(self) -> None:
        self.file.close()


def write_table_xlsx(
    target: IO[bytes],
    rows: Iterable[Sequence[Any]],
    title: str = "Sheet1",
    freeze: str = "",
    columns: Sequence[Column] | None = None,
    *,
    autofilter: bool = False,
) -> None:
    """A one-sheet XLSX of ``rows`` written to ``target`` as they come. With ``columns``,
    the header row is made from them and every row of ``rows`` is data; without, the first
    row is the header and every column is plain. Numbers stay numbers (shown in the
    column's format); None and "" are empty cells; text is never a formula."""
    rows = iter(rows)
    if columns is None:
        first = next(rows, None)
        columns = [Column("" if h is None else str(h)) for h in first or ()]
    columns = list(columns)
    measure = _Measure(columns)
    styles = [LINK_STYLE if c.link else _STYLE_OF_FORMAT[c.fmt] for c in columns]
    cells = _Spool()
    links = _Spool()
    rels = _Spool()
    try:
        last = 1
        n_links = 0
        batch: list[str] = []
        for r, row in enumerate(rows, start=2):
            measure.add(row)
            batch.append(_row_xml(r, row, styles))
            for c, value in enumerate(row):
                if c < len(columns) and columns[c].link and isinstance(value, str) and value:
                    n_links += 1
                    ref = f"{column_letter(c)}{r}"
                    links.write(f'<hyperlink ref="{ref}" r:id="rId{n_links}"/>')
                    rels.write(_link_rel(n_links, value))
            last = r
            if len(batch) >= ROWS_PER_WRITE:
                cells.write("".join(batch))
                batch = []
        cells.write("".join(batch))
        _write_package(
            target,
            title,
            freeze,
            columns,
            measure,
            last,
            autofilter,
            cells,
            links,
            rels if n_links else None,
        )
    finally:
        for spool in (cells, links, rels):
            spool.close()


_URI_KEEP = frozenset("/-._~!$&'()*+,;=:@")


def link_target(path: str) -> str:
    """A relative path as a hyperlink target: ASCII that a URI does not allow (spaces,
    "#", "%"...) percent-encoded, letters of other scripts kept (as Excel writes them)."""
    return "".join(
        ch if not ch.isascii() or ch.isalnum() or ch in _URI_KEEP else quote(ch, safe="")
        for ch in path.replace("\\", "/")
    )


def _link_rel(n: int, path: str) -> str:
    target = _xml_text(link_target(path))
    return (
        f'<Relationship Id="rId{n}" Type="{_REL}/hyperlink" Target="{target}" '
        'TargetMode="External"/>'
    )


def table_xlsx(
    rows: Sequence[Sequence[Any]],
    title: str = "Sheet1",
    freeze: str = "",
    columns: Sequence[Column] | None = None,
    *,
    autofilter: bool = False,
) -> bytes:
    """``write_table_xlsx`` into memory."""
    buffer = io.BytesIO()
    write_table_xlsx(buffer, rows, title, freeze, columns, autofilter=autofilter)
    return buffer.getvalue()


def _row_xml(r: int, row: Sequence[Any], styles: Sequence[int]) -> str:
    cells: list[str] = []
    for c, value in enumerate(row):
        if value is None or value == "":
            continue
        style = styles[c] if c < len(styles) else 0
        s = f' s="{style}"' if style else ""
        ref = f"{column_letter(c)}{r}"
        if isinstance(value, bool):
            cells.append(f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>')
        elif isinstance(value, int | float) and math.isfinite(value):
            cells.append(f'<c r="{ref}"{s}><v>{value!r}</v></c>')
        else:
            text = _xml_text(str(value))
            cells.append(
                f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{text}</t></is></c>'
            )
    return f'<row r="{r}">{"".join(cells)}</row>'


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_SCALE = ("FFF8696B", "FFFFEB84", "FF63BE7B")  # Excel's red - yellow - green


def _pane(freeze: str) -> str:
    if not freeze:
        return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    match = re.fullmatch(r"([A-Z]+)(\d+)", freeze.upper())
    if match is None:
        raise ValueError(f"freeze {freeze!r}: give a cell like B2")
    letters, digits = match.groups()
    cols = 0
    for ch in letters:
        cols = cols * 26 + ord(ch) - 64
    frozen_cols, frozen_rows = cols - 1, int(digits) - 1
    split = (f' xSplit="{frozen_cols}"' if frozen_cols else "") + (
        f' ySplit="{frozen_rows}"' if frozen_rows else ""
    )
    pane = (
        "bottomRight"
        if frozen_cols and frozen_rows
        else ("bottomLeft" if frozen_rows else "topRight")
    )
    return (
        f'<sheetViews><sheetView workbookViewId="0"><pane{split} topLeftCell="{freeze}"'
        f' activePane="{pane}" state="frozen"/>'
        f'<selection pane="{pane}" activeCell="{freeze}" sqref="{freeze}"/>'
        "</sheetView></sheetViews>"
    )


def _write_package(
    target: IO[bytes],
    title: str,
    freeze: str,
    columns: Sequence[Column],
    measure: _Measure,
    last: int,
    autofilter: bool,
    cells: _Spool,
    links: _Spool,
    rels: _Spool | None,
) -> None:
    import zipfile

    name = _xml_text(title)[:31]
    end = column_letter(max(len(columns), 1) - 1)
    table = f"A1:{end}{last}"
    widths = measure.fitted()
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{w:g}" customWidth="1"/>'
        for i, w in enumerate(widths)
    )
    head = (
        f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="{table}"/>{_pane(freeze)}'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"{'<cols>' + cols + '</cols>' if cols else ''}<sheetData>"
    )
    lines = header_lines(columns, widths)
    # Excel does not fit a wrapped row's height on opening: say it
    head_row = f'<row r="1" ht="{15 * lines + 2}" customHeight="1">' if lines > 1 else '<row r="1">'
    scales = "".join(
        f'<conditionalFormatting sqref="{column_letter(i)}2:{column_letter(i)}{max(last, 2)}">'
        f'<cfRule type="colorScale" priority="{n}"><colorScale>'
        '<cfvo type="num" val="0"/><cfvo type="num" val="50"/><cfvo type="num" val="100"/>'
        + "".join(f'<color rgb="{rgb}"/>' for rgb in _SCALE)
        + "</colorScale></cfRule></conditionalFormatting>"
        for n, i in enumerate((i for i, c in enumerate(columns) if c.scale), start=1)
    )
    sheet_ref = "'" + name.replace("'", "''") + "'"
    names = [
        f'<definedName name="_xlnm.Print_Titles" localSheetId="0">{sheet_ref}!$1:$1</definedName>'
    ]
    if autofilter:
        absolute = f"$A$1:${end}${last}"
        names.insert(
            0,
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="0" '
            f'hidden="1">{sheet_ref}!{absolute}</definedName>',
        )
    defined = "<definedNames>" + "".join(names) + "</definedNames>"
    files = {
        "[Content_Types].xml": (
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'{_HEAD}<Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet name="{name}" '
            f'sheetId="1" r:id="rId1"/></sheets>{defined}</workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_HEAD}<Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": _STYLES,
    }
    tail = "</sheetData>"
    if autofilter:
        tail += f'<autoFilter ref="{table}"/>'
    tail += scales
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for part, text in files.items():
            archive.writestr(part, text.encode("utf-8"))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            header = _row_xml(1, [c.header for c in columns], [HEADER_STYLE] * len(columns))
            sheet.write((head + head_row + header.removeprefix('<row r="1">')).encode("utf-8"))
            cells.copy_to(sheet)
            sheet.write(tail.encode("utf-8"))
            if rels is not None:
                sheet.write(b"<hyperlinks>")
                links.copy_to(sheet)
                sheet.write(b"</hyperlinks>")
            sheet.write(
                b'<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3"'
                b' footer="0.3"/><pageSetup orientation="landscape" fitToWidth="1"'
                b' fitToHeight="0"/></worksheet>'
            )
        if rels is not None:
            with archive.open("xl/worksheets/_rels/sheet1.xml.rels", "w", force_zip64=True) as f:
                f.write(f'{_HEAD}<Relationships xmlns="{_PKG}">'.encode())
                rels.copy_to(f)
                f.write(b"</Relationships>")


_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font>'
    '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/>'
    "</patternFill></fill></fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"'
    ' applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

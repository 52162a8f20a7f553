"""The parts of a one-sheet XLSX package around its streamed cells: workbook, styles,
the sheet's head (widths, frozen panes) and tail (autofilter, colour scales, hyperlinks,
print setup), written into the zip archive."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from typing import IO

from .xlsx_cells import (
    HEADER_STYLE,
    REL,
    Column,
    attr,
    column_letter,
    header_lines,
    row_xml,
    xml_text,
)

Copy = Callable[[IO[bytes]], None]  # writes a spooled part into the archive

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
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


def write_package(
    target: IO[bytes],
    title: str,
    freeze: str,
    columns: Sequence[Column],
    widths: Sequence[float],
    last: int,
    autofilter: bool,
    cells: Copy,
    links: Copy,
    rels: Copy | None,
) -> None:
    """The whole package; ``cells`` writes the rows after the header, ``links`` the
    hyperlink elements and ``rels`` their relationships (None: no links)."""
    name = xml_text(title)[:31]
    end = column_letter(max(len(columns), 1) - 1)
    table = f"A1:{end}{last}"
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{w:g}" customWidth="1"/>'
        for i, w in enumerate(widths)
    )
    head = (
        f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{REL}">'
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
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{REL}"><sheets><sheet name="{name}" '
            f'sheetId="1" r:id="rId1"/></sheets>{defined}</workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_HEAD}<Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/>'
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
            header = row_xml(1, [c.header for c in columns], [attr(HEADER_STYLE)] * len(columns))
            sheet.write((head + head_row + header.removeprefix('<row r="1">')).encode("utf-8"))
            cells(sheet)
            sheet.write(tail.encode("utf-8"))
            if rels is not None:
                sheet.write(b"<hyperlinks>")
                links(sheet)
                sheet.write(b"</hyperlinks>")
            sheet.write(
                b'<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3"'
                b' footer="0.3"/><pageSetup orientation="landscape" fitToWidth="1"'
                b' fitToHeight="0"/></worksheet>'
            )
        if rels is not None:
            with archive.open("xl/worksheets/_rels/sheet1.xml.rels", "w", force_zip64=True) as f:
                f.write(f'{_HEAD}<Relationships xmlns="{_PKG}">'.encode())
                rels(f)
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

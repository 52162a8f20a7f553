"""The cells of a streamed XLSX sheet: how a column is shown, the XML of a row, the
widths of texts, hyperlink targets. Pure."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape

from .text import column_letter as column_letter

MAX_WIDTH = 50
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# the fixed number formats (custom ids start at 164); "" is General
_FORMATS = {"": 0, "0": 1, "0%": 9, "0.0": 164}
# cellXfs: 0 plain, 1 header, 2 "0", 3 "0%", 4 "0.0", 5 hyperlink
STYLE_OF_FORMAT = {"": 0, "0": 2, "0%": 3, "0.0": 4}
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


def xml_text(value: str) -> str:
    return escape(_XML_ILLEGAL.sub("", value))


def text_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: East Asian wide and full-width characters
    count double (a Chinese company name needs twice its length)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def header_lines(columns: Sequence[Column], widths: Sequence[float]) -> int:
    """Lines the header row needs when its texts wrap in the fitted widths (at most 4)."""
    need = 1
    for column, width in zip(columns, widths, strict=True):
        need = max(need, -(-text_width(column.header) // max(int(width) - 2, 1)))
    return min(need, 4)


# ASCII that a URI path does not allow as is (letters, digits and /-._~!$&'()*+,;=:@ are)
_URI_ESCAPE = re.compile(r"[^A-Za-z0-9/\-._~!$&'()*+,;=:@\x80-\U0010ffff]")


def link_target(path: str) -> str:
    """A relative path as a hyperlink target: ASCII that a URI does not allow (spaces,
    "#", "%"...) percent-encoded, letters of other scripts kept (as Excel writes them)."""
    return _URI_ESCAPE.sub(lambda m: quote(m.group(), safe=""), path.replace("\\", "/"))


def attr(style: int) -> str:
    return f' s="{style}"' if style else ""


def link_rel(n: int, path: str) -> str:
    target = xml_text(link_target(path))
    return (
        f'<Relationship Id="rId{n}" Type="{REL}/hyperlink" Target="{target}" '
        'TargetMode="External"/>'
    )


_LETTERS = [column_letter(i) for i in range(702)]  # A..ZZ


MAX_CELL_CHARS = 32_767  # Excel's limit for one cell (UTF-16 code units); it repairs longer


def fit_cell(text: str) -> str:
    """``text`` as one spreadsheet cell holds it: whole when it fits, else its start and the
    number of characters left out (Excel would cut it silently after a "repair" prompt)."""
    if len(text) <= MAX_CELL_CHARS // 2 or _units(text) <= MAX_CELL_CHARS:
        return text
    room = MAX_CELL_CHARS - 100  # for the note
    keep = room
    while _units(text[:keep]) > room:  # characters beyond the BMP count twice
        keep -= _units(text[:keep]) - room
    head = text[:keep]
    return f"{head} … [{len(text) - len(head):,} more characters: a cell holds {MAX_CELL_CHARS:,}]"


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def row_xml(r: int, row: Sequence[Any], styles: Sequence[str]) -> str:
    """A row's XML; ``styles``: each column's style attribute (' s="3"' or "")."""
    cells: list[str] = []
    append = cells.append
    width = len(styles)
    for c, value in enumerate(row):
        kind = value.__class__
        if value is None or (kind is str and not value):
            continue
        s = styles[c] if c < width else ""
        ref = f"{_LETTERS[c] if c < 702 else column_letter(c)}{r}"
        if (kind is float or kind is int) and math.isfinite(value):
            append(f'<c r="{ref}"{s}><v>{value!r}</v></c>')
        elif kind is bool:
            append(f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>')
        else:
            text = xml_text(fit_cell(value if kind is str else str(value)))
            append(f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{text}</t></is></c>')
    return f'<row r="{r}">{"".join(cells)}</row>'

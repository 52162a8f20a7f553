"""The small parts of an XLSX workbook, as ``xml_stream`` handlers: relationships (which
part is what), the workbook (sheet names, date system), shared strings and cell styles' number
formats. Each yields plain values; bounds come from ``limits``."""

from __future__ import annotations

import posixpath

from . import limits, xml_stream


class Relations(xml_stream.Handler):
    """(id, type, part name) of each internal relationship in a .rels part."""

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = self.opened(name)
        if name != "Relationship" or attrs.get("TargetMode") == "External":
            return
        target = attrs.get("Target", "")
        if not target:
            return
        if target.startswith("/"):
            full = target.lstrip("/")
        else:
            full = posixpath.normpath(posixpath.join(self.folder, target))
        kind = attrs.get("Type", "").rpartition("/")[2]
        self.out.append((attrs.get("Id", ""), kind, full))


class WorkbookPart(xml_stream.Handler):
    """(sheet name, relationship id) of each sheet; whether dates count from 1904."""

    date1904 = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = self.opened(name)
        if name == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")
        elif name == "sheet":
            rid = next((v for k, v in attrs.items() if xml_stream.local(k) == "id"), "")
            self.out.append((attrs.get("name", ""), rid))


class Strings(xml_stream.Handler):
    """Shared strings: the text of each <si>, phonetic runs (<rPh>) left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.size = 0
        self.phonetic = 0
        self.inside = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = self.opened(name)
        if name == "t" and not self.phonetic:
            self.inside = True
        elif name == "rPh":
            self.phonetic += 1

    def end(self, name: str) -> None:
        name = self.closed(name)
        if name == "t":
            self.inside = False
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "si":
            self.out.append("".join(self.parts) if self.size <= limits.MAX_CELL_CHARS else None)
            self.parts, self.size = [], 0

    def text(self, data: str) -> None:
        if self.inside and self.size <= limits.MAX_CELL_CHARS:
            self.parts.append(data)
            self.size += len(data)


class Styles(xml_stream.Handler):
    """The number format of each cell style (cellXfs/xf), custom formats resolved."""

    def __init__(self) -> None:
        super().__init__()
        self.custom: dict[int, str] = {}
        self.in_cell_xfs = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        from openpyxl.styles.numbers import BUILTIN_FORMATS

        name = self.opened(name)
        if name == "numFmt":
            self.custom[int_or(attrs.get("numFmtId"), -1)] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            self.in_cell_xfs = True
        elif name == "xf" and self.in_cell_xfs:
            number = int_or(attrs.get("numFmtId"), 0)
            self.out.append(self.custom.get(number) or BUILTIN_FORMATS.get(number))

    def end(self, name: str) -> None:
        name = self.closed(name)
        if name == "cellXfs":
            self.in_cell_xfs = False


def int_or(text: str | None, default: int) -> int:
    """A small non-negative integer attribute, or ``default`` when absent or odd."""
    if text is None or not text.isascii() or not text.isdigit() or len(text) > 12:
        return default
    return int(text)

"""Reading XLSX workbooks safely: a small streaming reader over the zip, parsing XML with
defusedxml (no DTD, no entities, no external references) and bounded by ``limits``.

Why not openpyxl for reading: its read-only mode pads every row to the widest cell (one cell
at column XFD makes every row 16,384 cells), loads parts whole, and can be switched to an
unprotected parser by an environment variable. Here each part is checked before it is
unpacked (size, ratio, count), parsed as a stream with only the current element kept, and a
row is only as wide as its last cell. Every problem is an InputError naming the file, and the
sheet and row where known. openpyxl is used only for its number-format helpers.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError

from ..errors import InputError, Where, display_path
from . import limits

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and every encrypted workbook


def cell_text(value: Any, number_format: str | None = None) -> str:
    """A spreadsheet cell as the text a person sees (percent cells as '15%')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        if number_format and "%" in number_format:
            return f"{value * 100:.10g}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return f"{value:.10g}" if isinstance(value, float) else str(value)
    return str(value).strip()


def column_index(letters: str) -> int:
    """'A' -> 0, 'XFD' -> 16383; -1 when not a column name."""
    if not letters or len(letters) > 3 or not letters.isascii() or not letters.isalpha():
        return -1
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1 if index <= 16384 else -1


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


class _Unsafe(Exception):
    """A bound was passed while unpacking or parsing (message in args[0])."""


class _Bounded:
    """A zip member as a file that refuses to give more than ``limit`` bytes."""

    def __init__(self, raw: IO[bytes], limit: int, what: str) -> None:
        self.raw, self.left, self.what = raw, limit, what

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(65536 if size is None or size < 0 else min(size, 1 << 20))
        self.left -= len(data)
        if self.left < 0:
            raise _Unsafe(f"{self.what} unpacks to more than its stated size")
        return data


@dataclass
class Workbook:
    """An open XLSX: its worksheets (title, part), shared strings and cell number formats."""

    path: Path
    shown: str
    archive: zipfile.ZipFile
    sheets: list[tuple[str, str]] = field(default_factory=list)
    strings: list[str] = field(default_factory=list)
    formats: list[str | None] = field(default_factory=list)  # per cell style (xf) index
    date1904: bool = False

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- parts --

    def _elements(
        self, part: str, limit: int, sheet: str | None = None
    ) -> Iterator[tuple[str, Element, list[Element]]]:
        """(event, element, open elements) for one XML part, streamed: an element is dropped
        from its parent as soon as it ends, so memory stays that of the open path."""
        from defusedxml.ElementTree import iterparse

        info = self.archive.getinfo(part)
        if info.file_size > limit:
            raise _Unsafe(f"{part[:80]} is over {limit // limits.MIB} MiB unpacked")
        stack: list[Element] = []
        with self.archive.open(info) as raw:
            source = _Bounded(raw, min(info.file_size, limit), part)
            try:
                for event, elem in iterparse(source, ("start", "end"), forbid_dtd=True):
                    if event == "start":
                        stack.append(elem)
                        if len(stack) > limits.MAX_XML_DEPTH:
                            raise _Unsafe(
                                f"{part}: XML nested deeper than {limits.MAX_XML_DEPTH} levels"
                            )
                        yield event, elem, stack
                    else:
                        yield event, elem, stack
                        stack.pop()
                        if stack:
                            del stack[-1][-1]  # the ended element is its parent's last child
            except ParseError as exc:
                line, col = getattr(exc, "position", (None, None))
                where = f" line {line} column {col}" if line else ""
                raise InputError(
                    f"not a readable XLSX workbook: malformed XML in {part}{where}"
                    + (f" (sheet '{sheet}')" if sheet else ""),
                    Where(self.shown),
                ) from None

    def _xml_parts(self, rels_of: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, part name) from the .rels part beside ``rels_of``."""
        folder, name = posixpath.split(rels_of)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.archive.NameToInfo:
            return {}
        out: dict[str, tuple[str, str]] = {}
        for event, elem, _ in self._elements(rels, limits.MAX_XLSX_SMALL_PART):
            if event == "end" and _local(elem.tag) == "Relationship":
                target = elem.get("Target", "")
                if elem.get("TargetMode") == "External" or not target:
                    continue
                if target.startswith("/"):
                    full = target.lstrip("/")
                else:
                    full = posixpath.normpath(posixpath.join(folder, target))
                out[elem.get("Id", "")] = (elem.get("Type", "").rpartition("/")[2], full)
        return out

    def _load(self) -> None:
        main = "xl/workbook.xml"
        for kind, part in self._xml_parts("").values():
            if kind == "officeDocument":
                main = part
        if main not in self.archive.NameToInfo:
            raise InputError(
                "not a readable XLSX workbook: no workbook part (a Word or other zip file?)",
                Where(self.shown),
            )
        rels = self._xml_parts(main)
        sheets: list[tuple[str, str]] = []
        for event, elem, _ in self._elements(main, limits.MAX_XLSX_SMALL_PART):
            if event != "end":
                continue
            tag = _local(elem.tag)
            if tag == "workbookPr":
                self.date1904 = elem.get("date1904", "").lower() in ("1", "true")
            elif tag == "sheet":
                rid = next((v for k, v in elem.attrib.items() if _local(k) == "id"), "")
                kind, part = rels.get(rid, ("", ""))
                if kind == "worksheet" and part in self.archive.NameToInfo:
                    sheets.append((elem.get("name", part), part))
        self.sheets = sheets
        for kind, part in rels.values():
            if part not in self.archive.NameToInfo:
                continue
            if kind == "sharedStrings":
                self._load_strings(part)
            elif kind == "styles":
                self._load_styles(part)

    def _load_strings(self, part: str) -> None:
        texts: list[str] = []
        phonetic = 0
        for event, elem, _ in self._elements(part, limits.MAX_XLSX_SHARED_STRINGS):
            tag = _local(elem.tag)
            if tag == "rPh":
                phonetic += 1 if event == "start" else -1
            elif event == "end" and tag == "t" and not phonetic:
                texts.append(elem.text or "")
            elif event == "end" and tag == "si":
                self.strings.append("".join(texts))
                texts = []

    def _load_styles(self, part: str) -> None:
        from openpyxl.styles.numbers import BUILTIN_FORMATS

        custom: dict[int, str] = {}
        for event, elem, stack in self._elements(part, limits.MAX_XLSX_SMALL_PART):
            if event != "end":
                continue
            tag = _local(elem.tag)
            parent = _local(stack[-2].tag) if len(stack) > 1 else ""
            try:
                if tag == "numFmt":
                    custom[int(elem.get("numFmtId", "-1"))] = elem.get("formatCode", "")
                elif tag == "xf" and parent == "cellXfs":
                    number = int(elem.get("numFmtId", "0"))
                    self.formats.append(custom.get(number) or BUILTIN_FORMATS.get(number))
            except ValueError:
                self.formats.append(None)

    # -- rows --

    def rows(self, sheet: str, width: int | None = None) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells as shown) for every row the sheet stores, in order. A row ends
        at its last stored cell; with ``width``, cells right of it are not read."""
        try:
            yield from self._rows(sheet, width)
        except Exception as exc:
            raise failure(exc, self.shown, sheet) from None

    def _rows(self, sheet: str, width: int | None) -> Iterator[tuple[int, list[str]]]:
        title, part = next(s for s in self.sheets if s[0] == sheet)
        row_number = 0
        column = -1
        cells: dict[int, str] = {}
        attrs: dict[str, str] = {}
        value: str | None = None
        inline: list[str] = []
        phonetic = 0
        total = 0
        widest = width if width is not None else limits.MAX_COLUMNS
        for event, elem, _ in self._elements(part, limits.MAX_XLSX_UNPACKED, title):
            tag = _local(elem.tag)
            if event == "start":
                if tag == "row":
                    number = _int(elem.get("r"), row_number + 1)
                    if number <= row_number or number > limits.MAX_ROWS:
                        raise self._error(
                            title, number, f"row number {number} out of order or too large"
                        )
                    row_number, column, cells = number, -1, {}
                elif tag == "c":
                    attrs, value, inline = dict(elem.attrib), None, []
                elif tag == "rPh":
                    phonetic += 1
                continue
            if tag == "v":
                value = elem.text or ""
            elif tag == "t" and not phonetic:
                inline.append(elem.text or "")
            elif tag == "rPh":
                phonetic -= 1
            elif tag == "c":
                ref = attrs.get("r")
                column = column + 1 if not ref else column_index(ref.rstrip("0123456789"))
                if column < 0:
                    raise self._error(title, row_number, f"bad cell reference {(ref or '')[:20]!r}")
                if column >= widest:
                    if width is None and _text_of(inline, value):
                        raise self._error(
                            title,
                            row_number,
                            f"a cell right of column {limits.MAX_COLUMNS} "
                            f"(at most {limits.MAX_COLUMNS:,} columns are read)",
                        )
                    continue
                text = self._cell(attrs, value, inline)
                if len(text) > limits.MAX_CELL_CHARS:
                    raise self._error(
                        title,
                        row_number,
                        f"column {_letters(column)}: a cell longer than "
                        f"{limits.MAX_CELL_CHARS:,} characters",
                    )
                if text:
                    cells[column] = text
            elif tag == "row":
                line = [""] * (max(cells) + 1 if cells else 0)
                for index, text in cells.items():
                    line[index] = text
                total += max(len(line), 1)
                if total > limits.MAX_CELLS:
                    raise self._error(
                        title, row_number, f"more than {limits.MAX_CELLS:,} cells in the sheet"
                    )
                yield row_number, line

    def _cell(self, attrs: dict[str, str], value: str | None, inline: list[str]) -> str:
        kind = attrs.get("t", "n")
        if kind == "inlineStr":
            return "".join(inline).strip()
        if value is None or value == "":
            return ""
        if kind == "s":
            index = _int(value, -1)
            if not 0 <= index < len(self.strings):
                return f"#shared string {value[:20]} missing"
            return self.strings[index].strip()
        if kind == "b":
            return "TRUE" if value.strip() not in ("0", "") else "FALSE"
        if kind == "d":
            try:
                return cell_text(dt.datetime.fromisoformat(value.strip()))
            except ValueError:
                return value.strip()
        if kind != "n":  # str (a formula's text), e (#N/A ...)
            return value.strip()
        return self._number(value.strip(), _int(attrs.get("s"), 0))

    def _number(self, value: str, style: int) -> str:
        from openpyxl.styles.numbers import is_date_format, is_timedelta_format
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

        if len(value) > 40:
            return value
        try:
            number: int | float = float(value) if any(c in value for c in ".eE") else int(value)
        except ValueError:
            return value
        fmt = self.formats[style] if 0 <= style < len(self.formats) else None
        if fmt and is_date_format(fmt):
            try:
                when = from_excel(
                    number,
                    MAC_EPOCH if self.date1904 else WINDOWS_EPOCH,
                    timedelta=is_timedelta_format(fmt),
                )
            except (OverflowError, ValueError, TypeError):
                return value
            return str(when) if isinstance(when, dt.timedelta) else cell_text(when)
        return cell_text(number, fmt)

    def _error(self, sheet: str, row: int, message: str) -> InputError:
        return InputError(f"sheet '{sheet}': {message}", Where(self.shown, row=row))


def _text_of(inline: list[str], value: str | None) -> bool:
    return bool("".join(inline).strip() or (value or "").strip())


def _int(text: str | None, default: int) -> int:
    if text is None or not text.isascii() or not text.isdigit() or len(text) > 12:
        return default
    return int(text)


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def open_workbook(path: Path) -> Workbook:
    """Open an XLSX after checking the zip (parts, sizes, ratios); InputError if unsafe."""
    shown = display_path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise InputError("no such file", Where(shown)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", Where(shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", Where(shown)) from None
    if head == _OLE2_MAGIC:
        raise InputError(
            "not a readable XLSX workbook: an old .xls, or password-protected "
            "(open it in Excel and save as .xlsx without a password, or as CSV)",
            Where(shown),
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise InputError(
            "not a readable XLSX workbook: not a zip archive (damaged, or another format renamed)",
            Where(shown),
        ) from None
    book = Workbook(path, shown, archive)
    try:
        _check_zip(archive, shown)
        book._load()
    except InputError:
        archive.close()
        raise
    except Exception as exc:
        archive.close()
        raise failure(exc, shown) from None
    return book


def failure(exc: BaseException, shown: str, sheet: str | None = None) -> InputError:
    """An exception met while reading a workbook, as one line."""
    if isinstance(exc, InputError):
        return exc
    at = f" (sheet '{sheet}')" if sheet else ""
    if isinstance(exc, _Unsafe):
        return InputError(f"not a readable XLSX workbook: {exc.args[0]}{at}", Where(shown))
    from defusedxml import DefusedXmlException

    if isinstance(exc, DefusedXmlException):
        return InputError(
            f"not a readable XLSX workbook: its XML declares a DTD or entities{at} "
            "(never in a real XLSX; possibly hostile)",
            Where(shown),
        )
    if isinstance(exc, RuntimeError | NotImplementedError) and "encrypt" in str(exc).lower():
        return InputError(
            "not a readable XLSX workbook: password-protected (save it without a password)",
            Where(shown),
        )
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError | OSError | KeyError):
        return InputError(
            f"not a readable XLSX workbook: the zip does not unpack{at}", Where(shown)
        )
    return InputError(f"not a readable XLSX workbook ({type(exc).__name__}){at}", Where(shown))


def _check_zip(archive: zipfile.ZipFile, shown: str) -> None:
    infos = archive.infolist()
    if len(infos) > limits.MAX_XLSX_MEMBERS:
        raise _Unsafe(f"more than {limits.MAX_XLSX_MEMBERS:,} parts in the zip")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(
                "not a readable XLSX workbook: password-protected (save it without a password)",
                Where(shown),
            )
        total += info.file_size
        if info.file_size > limits.MIB and info.file_size > limits.MAX_XLSX_RATIO * max(
            info.compress_size, 1
        ):
            raise _Unsafe(
                f"{info.filename[:80]} unpacks more than {limits.MAX_XLSX_RATIO} times its "
                "packed size (a zip bomb?)"
            )
        if "sharedstrings" in info.filename.lower() and (
            info.file_size > limits.MAX_XLSX_SHARED_STRINGS
        ):
            raise _Unsafe(
                f"shared strings over {limits.MAX_XLSX_SHARED_STRINGS // limits.MIB} MiB unpacked"
            )
    if total > limits.MAX_XLSX_UNPACKED:
        raise _Unsafe(
            f"over {limits.MAX_XLSX_UNPACKED // limits.MIB} MiB unpacked "
            "(save it as CSV, or split it)"
        )

"""Reading XLSX workbooks safely: a small streaming reader over the zip (parts parsed by
``xml_stream``: no DTD, no entities, no external references), bounded by ``limits``.

Why not openpyxl for reading: its read-only mode pads every row to the widest cell (one cell
at column XFD makes every row 16,384 cells), loads parts whole, parses with a pure-Python tree
builder, and can be switched to an unprotected parser by an environment variable. Here the zip
is checked before anything is unpacked (parts, sizes, ratios), each part is parsed as a stream,
and a row is only as wide as its last non-empty cell. Every problem is an InputError naming
the file, and the sheet and row where known. openpyxl is used only for its number-format
helpers (which formats are dates, Excel serial dates).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Where, display_path
from . import limits, xml_stream
from .text import printable
from .xlsx_parts import Relations, Strings, Styles, WorkbookPart, int_or
from .xlsx_rows import Done, SheetRows
from .xlsx_text import cell_text as cell_text

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and every encrypted workbook
_NOT_READ = "not a readable XLSX workbook"


@dataclass
class Workbook:
    """An open XLSX: its worksheets (title, part), shared strings and cell number formats."""

    path: Path
    shown: str
    archive: zipfile.ZipFile
    sheets: list[tuple[str, str]] = field(default_factory=list)
    strings: list[str | None] = field(default_factory=list)  # None: longer than a cell may be
    formats: list[str | None] = field(default_factory=list)  # per cell style (xf) index
    date1904: bool = False

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _relations(self, of: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, part) from the .rels part beside ``of``."""
        folder, name = posixpath.split(of)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.archive.NameToInfo:
            return {}
        found = xml_stream.stream(self.archive, rels, limits.MAX_XLSX_SMALL_PART, Relations(folder))
        return {rid: (kind, part) for rid, kind, part in found}

    def _load(self) -> None:
        main = "xl/workbook.xml"
        for kind, part in self._relations("").values():
            if kind == "officeDocument":
                main = part
        if main not in self.archive.NameToInfo:
            raise InputError(
                f"{_NOT_READ}: no workbook part (a Word or other zip file?)", Where(self.shown)
            )
        rels = self._relations(main)
        handler = WorkbookPart()
        for title, rid in xml_stream.stream(
            self.archive, main, limits.MAX_XLSX_SMALL_PART, handler
        ):
            kind, part = rels.get(rid, ("", ""))
            if kind == "worksheet" and part in self.archive.NameToInfo:
                self.sheets.append((title or part, part))
            elif kind in ("worksheet", ""):  # named, not there: the workbook is damaged
                raise InputError(  # (a chart sheet or a dialog sheet is not a worksheet)
                    f"{_NOT_READ}: sheet '{printable(title)[:80]}' is not in the zip "
                    "(damaged: open it in Excel and save it again)",
                    Where(self.shown),
                )
        self.date1904 = handler.date1904
        for kind, part in rels.values():
            if part not in self.archive.NameToInfo:
                continue
            if kind == "sharedStrings":
                self.strings = list(
                    xml_stream.stream(self.archive, part, limits.MAX_XLSX_SHARED_STRINGS, Strings())
                )
            elif kind == "styles":
                self.formats = list(
                    xml_stream.stream(self.archive, part, limits.MAX_XLSX_SMALL_PART, Styles())
                )

    def rows(
        self,
        sheet: str,
        width: int = 16384,
        last: int = limits.MAX_ROWS,
        disorder: list[tuple[int, int]] | None = None,
    ) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells as shown) for every row the sheet stores up to row ``last``, in
        order. A row ends at its last non-empty cell; cells from column ``width`` on are not
        read. A row stored after one numbered as high or higher is not read: with
        ``disorder``, (its number, the highest before it) is added there and the rows after
        it are read; without, the sheet stops there (InputError)."""
        part = next(p for title, p in self.sheets if title == sheet)
        handler = SheetRows(self, sheet, width, last, disorder)
        try:
            yield from xml_stream.stream(self.archive, part, limits.MAX_XLSX_UNPACKED, handler)
        except Done:
            yield from handler.out
        except Exception as exc:
            raise failure(exc, self.shown, sheet) from None

    def cell(self, attrs: dict[str, str], value: str | None, inline: list[str]) -> str:
        """A cell's text as a spreadsheet shows it."""
        kind = attrs.get("t", "n")
        if kind == "inlineStr":
            return "".join(inline).strip()
        if not value:
            return ""
        if kind == "s":
            index = int_or(value, -1)
            if not 0 <= index < len(self.strings):
                return f"#missing shared string {value[:20]}"
            text = self.strings[index]
            if text is None:
                raise InputError(
                    f"{_NOT_READ}: shared string {index} is longer than "
                    f"{limits.MAX_CELL_CHARS:,} characters",
                    Where(self.shown),
                )
            return text.strip()
        if kind == "b":
            return "TRUE" if value.strip() not in ("0", "") else "FALSE"
        if kind == "d":
            try:
                return cell_text(dt.datetime.fromisoformat(value.strip()))
            except ValueError:
                return value.strip()
        if kind != "n":  # str (a formula's text), e (#N/A ...)
            return value.strip()
        return self._number(value.strip(), int_or(attrs.get("s"), 0))

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

    def error(self, sheet: str, row: int, message: str) -> InputError:
        return InputError(f"sheet '{sheet}' row {row}: {message}", Where(self.shown))


def open_workbook(path: Path) -> Workbook:
    """Open an XLSX after checking the zip (parts, sizes, ratios); InputError if unsafe."""
    shown = printable(display_path(path))
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
            f"{_NOT_READ}: an old .xls, or password-protected "
            "(open it in Excel and save as .xlsx without a password, or as CSV)",
            Where(shown),
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise InputError(
            f"{_NOT_READ}: not a zip archive (damaged, or another format renamed)",
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
    if isinstance(exc, xml_stream.Unsafe | xml_stream.Malformed):
        return InputError(f"{_NOT_READ}{at}: {exc.args[0]}", Where(shown))
    if isinstance(exc, RuntimeError | NotImplementedError) and "encrypt" in str(exc).lower():
        return InputError(
            f"{_NOT_READ}: password-protected (save it without a password)",
            Where(shown),
        )
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError | OSError | KeyError):
        return InputError(f"{_NOT_READ}: the zip does not unpack{at}", Where(shown))
    return InputError(f"{_NOT_READ} ({type(exc).__name__}){at}", Where(shown))


def _check_zip(archive: zipfile.ZipFile, shown: str) -> None:
    infos = archive.infolist()
    if len(infos) > limits.MAX_XLSX_MEMBERS:
        raise xml_stream.Unsafe(f"more than {limits.MAX_XLSX_MEMBERS:,} parts in the zip")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(
                f"{_NOT_READ}: password-protected (save it without a password)",
                Where(shown),
            )
        total += info.file_size
        if info.file_size > limits.MIB and info.file_size > limits.MAX_XLSX_RATIO * max(
            info.compress_size, 1
        ):
            raise xml_stream.Unsafe(
                f"{info.filename[:80]} unpacks more than {limits.MAX_XLSX_RATIO} times its "
                "packed size (a zip bomb?)"
            )
        if "sharedstrings" in info.filename.lower() and (
            info.file_size > limits.MAX_XLSX_SHARED_STRINGS
        ):
            raise xml_stream.Unsafe(
                f"shared strings over {limits.MAX_XLSX_SHARED_STRINGS // limits.MIB} MiB unpacked"
            )
    if total > limits.MAX_XLSX_UNPACKED:
        raise xml_stream.Unsafe(
            f"over {limits.MAX_XLSX_UNPACKED // limits.MIB} MiB unpacked "
            "(save it as CSV, or split it)"
        )

"""The inputs of a batch: answers files and tables, found as they are iterated."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..answer_io.tabular import is_table
from ..answer_io.text import printable
from ..errors import display_path
from .failure import Failed
from .outputs import natural_key
from .words import operator_words

ANSWER_SUFFIXES = (".json", ".yaml", ".yml")
# Excel's "Unicode text" (UTF-16, tab-separated) is saved as .txt: read as a table when named
TEXT_TABLE = ".txt"
NOT_A_FILE = "not a regular file (a named pipe, socket or device): not read"


@dataclass(frozen=True, slots=True)
class Source:
    """An input found: its path as a string (a Path each costs ~10x more in memory, and a
    programme has 100,000s of files), as shown, and its kind."""

    where: str
    shown: str
    kind: Literal["answers", "table"]

    @property
    def path(self) -> Path:
        return Path(self.where)


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


def _regular(path: str) -> bool:
    """Whether ``path`` (followed) is a regular file: reading anything else may never end."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # gone or unreadable: reading it says what is wrong


UNZIPPED = (
    "a folder holding an unzipped workbook, not an .xlsx file: not read (zip the files in it, "
    "not the folder, back into one .xlsx, or save the workbook again from Excel)"
)
_TABLE_LIKE = (".xlsx", ".xlsm", ".csv", ".tsv", *ANSWER_SUFFIXES)


def _unzipped_workbook(folder: str) -> bool:
    """Whether a folder is an XLSX package unpacked (an archive tool, a script): its XML is
    parts of one workbook, never answers, and reading it as files would only skip them."""
    return os.path.isfile(os.path.join(folder, "[Content_Types].xml")) and os.path.isfile(
        os.path.join(folder, "xl", "workbook.xml")
    )


def _inside(path: Path, folders: Sequence[Path]) -> bool:
    return any(path == f or path.is_relative_to(f) for f in folders)


class Discovery:
    """Answers files and tables named by the inputs, found as they are iterated (folders
    are searched recursively, in natural order; hidden files and folders, Office lock files
    and the ``exclude`` paths are left out), so that 100,000s of files are never held in a
    list. Each iteration walks the folders again. ``failures``: the inputs that cannot be
    used; ``notes``: what was skipped (both complete once an iteration has ended)."""

    def __init__(self, inputs: Sequence[Path], exclude: Sequence[Path] = ()) -> None:
        self.inputs = list(inputs)
        self.excluded = [p.resolve() for p in exclude]
        self.failures: list[Failed] = []
        self.notes: list[str] = []

    def __iter__(self) -> Iterator[Source]:
        excluded = self.excluded
        excluded_names = {p.name for p in excluded}
        failures: list[Failed] = []
        skipped: list[str] = []
        skipped_count = 0
        seen: set[str] = set()

        def add(path: Path, real: str, shown: str, explicit: bool) -> Source | None:
            nonlocal skipped_count
            shown = printable(shown)
            if real in seen:
                return None
            seen.add(real)
            if (explicit or path.name in excluded_names) and _inside(Path(real), excluded):
                return None
            suffix = path.suffix.lower()
            kind: Literal["answers", "table"] | None = (
                "answers" if suffix in ANSWER_SUFFIXES else "table" if is_table(path) else None
            )
            if explicit and suffix == TEXT_TABLE:  # named, not found in a folder of notes
                kind = "table"
            if kind is not None:
                if not _regular(real):  # a named pipe would wait for a writer for ever
                    failures.append(Failed(shown, None, "", NOT_A_FILE))
                    return None
                return Source(str(path), shown, kind)
            if explicit:
                why = (
                    "old Excel format: save it as .xlsx"
                    if suffix == ".xls"
                    else "not an answers file or a table (.json, .yaml, .yml, .csv, .tsv, .xlsx)"
                )
                failures.append(Failed(shown, None, "", why))
            else:
                skipped_count += 1
                if len(skipped) < 5:
                    skipped.append(shown)
            return None

        table_folders: list[str] = []  # folders named like a file, read as folders

        def walked(folder: str, shown: str) -> bool:
            """Whether to look inside ``folder``; an unzipped workbook is a failure."""
            if _unzipped_workbook(folder):
                failures.append(Failed(printable(shown), None, "", UNZIPPED))
                return False
            if folder.lower().endswith(_TABLE_LIKE):
                table_folders.append(printable(shown))
            return True

        for given in self.inputs:
            if given.is_dir():
                if _inside(given.resolve(), excluded):
                    continue
                shown_root = display_path(given)
                if not walked(str(given), shown_root):
                    continue
                for folder, dirs, files in os.walk(given):
                    real_folder = os.path.realpath(folder)
                    rel = os.path.relpath(folder, given)
                    shown_folder = shown_root if rel == "." else os.path.join(shown_root, rel)
                    dirs[:] = sorted(
                        (
                            d
                            for d in dirs
                            if not _hidden(d)
                            and not _inside(Path(os.path.join(real_folder, d)), excluded)
                            and walked(os.path.join(folder, d), os.path.join(shown_folder, d))
                        ),
                        key=natural_key,
                    )
                    for name in sorted(files, key=natural_key):
                        if _hidden(name):
                            continue
                        found = add(
                            Path(folder, name),
                            os.path.join(real_folder, name),
                            os.path.join(shown_folder, name),
                            explicit=False,
                        )
                        if found is not None:
                            yield found
            elif given.is_file():
                found = add(given, str(given.resolve()), display_path(given), explicit=True)
                if found is not None:
                    yield found
            elif given.exists():  # a named pipe (`<(...)`), a socket, a device
                failures.append(Failed(printable(display_path(given)), None, "", NOT_A_FILE))
            else:
                gone = printable(display_path(given))
                failures.append(Failed(gone, None, "", "no such file or folder"))
        self.failures = failures
        self.notes = []
        if table_folders:
            listed = ", ".join(table_folders[:5]) + (", …" if len(table_folders) > 5 else "")
            _ = operator_words()
            self.notes.append(
                _.ngettext(
                    "{folders} is a folder, not a file: the files in it were read",
                    "{folders} are folders, not files: the files in them were read",
                    len(table_folders),
                    folders=listed,
                )
            )
        if skipped_count:
            _ = operator_words()
            listed = ", ".join(skipped) + (", …" if skipped_count > 5 else "")
            self.notes.append(
                _.ngettext(
                    "skipped {n} file that is neither answers nor a table: {files}",
                    "skipped {n} files that are neither answers nor tables: {files}",
                    skipped_count,
                    files=listed,
                )
            )


def discover(
    inputs: Sequence[Path], exclude: Sequence[Path] = ()
) -> tuple[list[Source], list[Failed], list[str]]:
    """Every source of ``Discovery`` in a list, the inputs that cannot be used (as
    failures) and notes (for a few inputs: ``--check-mapping``, choosing the pack)."""
    found = Discovery(inputs, exclude)
    sources = list(found)
    return sources, found.failures, found.notes

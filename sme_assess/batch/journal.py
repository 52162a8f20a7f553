"""The batch's journals: results.jsonl and errors.csv, appended as results come back.

Each chunk's lines are appended and flushed at once (a process killed with ``kill -9`` loses
nothing the operating system was given) and fsync'd every few seconds and at the end (a
power cut loses at most those seconds). ``--resume`` reads results.jsonl back: a line cut
short by a kill (no newline at its end) or one that cannot be parsed is dropped from the
file and its respondent scored again; it never stops the resume.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from ..atomic import AtomicWriter
from ..errors import InputError, Where, display_path

FSYNC_SECONDS = 2.0


class AppendLog:
    """A file written by appending whole lines; flushed per ``append``, fsync'd now and then."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self._handle = handle
        self._synced = time.monotonic()
        self.closed = False

    @classmethod
    def create(cls, path: Path, head: bytes = b"") -> AppendLog:
        """A new, empty log (replacing any file of that name, never writing through a
        symbolic link), starting with ``head``."""
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise _write_error(path, exc) from None
        log = cls(path, _open(path, os.O_CREAT | os.O_EXCL))
        _sync_folder(path.parent)  # the new name itself survives a power cut
        if head:
            log.append(head)
        return log

    @classmethod
    def reopen(cls, path: Path) -> AppendLog:
        """An existing log, appended to (a symbolic link is refused, not followed)."""
        return cls(path, _open(path, os.O_APPEND | _NOFOLLOW))

    def append(self, data: bytes) -> None:
        try:
            self._handle.write(data)
            self._handle.flush()
            if time.monotonic() - self._synced >= FSYNC_SECONDS:
                os.fsync(self._handle.fileno())
                self._synced = time.monotonic()
        except OSError as exc:
            raise _write_error(self.path, exc) from None

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:
            raise _write_error(self.path, exc) from None
        finally:
            with contextlib.suppress(OSError):
                self._handle.close()


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # best effort: not every system can sync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_error(path: Path, exc: OSError) -> InputError:
    return InputError(f"cannot write: {exc.strerror or exc}", Where(display_path(path)))


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _open(path: Path, flags: int) -> IO[bytes]:
    try:
        fd = os.open(path, os.O_WRONLY | flags, 0o644)
    except OSError as exc:
        raise _write_error(path, exc) from None
    return os.fdopen(fd, "ab")


def lines_of(path: Path) -> Iterator[tuple[int, bytes]]:
    """(offset, line) for every line of a file, each ending with a newline except perhaps
    the last (cut short when a run was killed while writing it)."""
    offset = 0
    with path.open("rb") as handle:
        for line in handle:
            yield offset, line
            offset += len(line)


def read_back(path: Path, take: Callable[[str], bool]) -> int:
    """Feed every whole line of a results journal to ``take`` (True: the line is good) and
    repair the file for appending: a torn last line is cut off, bad lines are dropped
    (atomically). Returns the number of lines dropped."""
    if not path.is_file():
        return 0
    bad: set[int] = set()
    end = 0
    try:
        for offset, raw in lines_of(path):
            if raw.endswith(b"\n") and take(raw.decode("utf-8", errors="replace")):
                end = offset + len(raw)
            else:
                bad.add(offset)
        if any(offset < end for offset in bad):
            with AtomicWriter(path) as writer:
                for offset, raw in lines_of(path):
                    if offset not in bad:
                        writer.write(raw)
        elif end < path.stat().st_size:
            fd = os.open(path, os.O_WRONLY | _NOFOLLOW)
            try:
                os.ftruncate(fd, end)
            finally:
                os.close(fd)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", Where(display_path(path))) from None
    return len(bad)

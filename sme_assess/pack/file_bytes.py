"""Read an input file's bytes or text within a size limit, with one clear error (missing,
a folder, no permission, too large, a named pipe nobody writes to) when that is not possible."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, Where, display_path
from ..limits import MAX_DOCUMENT_BYTES, size_text


def read_bytes(path: Path, limit: int | None = None, shown: str | None = None) -> bytes:
    """A file's bytes; one clear error (missing, a folder, no permission, larger than
    ``limit``) when it cannot be. Never reads more than ``limit`` + 1 bytes (a FIFO or a
    device such as /dev/zero ends with the same error instead of filling memory).
    ``shown`` is the path as the user sees it, when the caller knows it already."""

    def where() -> Where:
        return Where(shown if shown is not None else display_path(path))

    try:
        with _opened(path) as (handle, pipe):
            raw = handle.read() if limit is None else handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError("no such file", where()) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", where()) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where()) from None
    if pipe and not raw:
        raise InputError(NOTHING_IN_PIPE, where())
    if limit is not None and len(raw) > limit:
        raise InputError(f"larger than {size_text(limit)}, the limit for this file", where())
    return raw


NOTHING_IN_PIPE = "a named pipe with nothing written to it: not read"


@contextmanager
def _opened(path: Path) -> Iterator[tuple[BinaryIO, bool]]:
    """``path`` open for reading, and whether it is a pipe. Opened without waiting: a named
    pipe that no program writes to would block ``open`` for ever. A pipe that has a writer
    (``<(...)``, ``/dev/stdin`` in a pipeline) is then read as it comes; one without reads
    as empty at once."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        pipe = stat.S_ISFIFO(os.fstat(fd).st_mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle, pipe


def read_text(path: Path, limit: int = MAX_DOCUMENT_BYTES, shown: str | None = None) -> str:
    """Read a text file of at most ``limit`` bytes the way answer files are read: UTF-8 (a
    BOM is allowed), UTF-16/32 (a Windows editor's "Unicode"), GB18030 (GBK: Notepad on a
    Chinese Windows); one clear error, at the line, when it is none of these."""
    from .text_encoding import decode

    where = shown if shown is not None else display_path(path)
    return decode(read_bytes(path, limit, shown), where, "save it as UTF-8")[0]


def check_document_size(text: str, shown: str) -> None:
    """Refuse a document longer than MAX_DOCUMENT_BYTES (for text read by other means)."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise InputError(
            f"larger than {size_text(MAX_DOCUMENT_BYTES)}, the limit for this file", Where(shown)
        )

"""Write files atomically: a temporary file beside the target, then a rename.

A target that is a folder, a symbolic link or anything but a regular file (a device such as
``/dev/full``, a pipe, a socket) is refused, never replaced: a rename would swap the link or
the device node itself for a plain file. Commands call :func:`check_target` before they start
work, so an output that cannot be written is said at once, not after scoring or rendering.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError, UsageError, Where, display_path


def check_target(path: Path) -> None:
    """Raise UsageError when ``path`` cannot be (or must not be) replaced by a written file.

    Refused: a folder, a symbolic link (even to a regular file), a device, pipe or socket,
    a path whose parent is a file, and ``-`` (standard output, for commands that cannot write
    there). A missing file in a missing folder is fine (the
    folders are made when writing).
    """
    path = Path(path)
    where = Where(display_path(path))
    if str(path) == "-":
        raise UsageError("'-' (standard output) cannot be used here; give a file name")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise UsageError(
            "cannot write: a part of this path is a file, not a folder", where
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot write: {exc.strerror}", where) from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise UsageError(
                "is a symbolic link; refusing to write through it (name the real file)", where
            )
        if stat.S_ISDIR(info.st_mode):
            raise UsageError("is a folder; give the name of a file to write", where)
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(
                "is not a regular file (a device, pipe or socket); refusing to replace it", where
            )
    parent = path.parent
    while not os.path.lexists(parent) and parent != parent.parent:
        parent = parent.parent
    if os.path.lexists(parent) and not parent.is_dir():
        raise UsageError(f"cannot write: {display_path(parent)} is a file, not a folder", where)


def _temporary(path: Path) -> tuple[int, str]:
    check_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", Where(display_path(path))) from None


def _replace(tmp: str, path: Path) -> None:
    """Move the finished temporary file over ``path``, checking the target once more (it may
    have become a link or a device while we worked)."""
    check_target(path)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def _cannot_write(exc: OSError, path: Path) -> InputError:
    """A failed write (the disk full, a quota, an I/O error) as the one line a user sees."""
    return InputError(f"cannot write: {exc.strerror or exc}", Where(display_path(path)))


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; a crash leaves the old file or none."""
    path = Path(path)
    fd, tmp = _temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(exc, path) from None
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


class AtomicWriter:
    """Write a file in pieces that appears under its name only on commit (temp + rename).

    As a context manager it commits when the block ends normally and discards the temporary
    file when it ends with an exception, leaving any earlier file untouched.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        fd, self._tmp = _temporary(self.path)
        self._handle = os.fdopen(fd, "wb")
        self.closed = False

    def write(self, data: bytes) -> None:
        try:
            self._handle.write(data)
        except OSError as exc:
            raise _cannot_write(exc, self.path) from None

    def flush(self) -> None:
        try:
            self._handle.flush()
        except OSError as exc:
            raise _cannot_write(exc, self.path) from None

    def commit(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            _replace(self._tmp, self.path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                self._handle.close()
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            if isinstance(exc, OSError):
                raise _cannot_write(exc, self.path) from None
            raise

    def discard(self) -> None:
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(OSError):
            self._handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, kind: object, value: object, trace: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

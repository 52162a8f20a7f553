"""Write files atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import InputError, Where, display_path


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; a crash leaves the old file or none."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", Where(display_path(path))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
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
        folder = self.path.parent if str(self.path.parent) else Path(".")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=folder
            )
        except OSError as exc:
            raise InputError(
                f"cannot write: {exc.strerror}", Where(display_path(self.path))
            ) from None
        self._handle = os.fdopen(fd, "wb")
        self.closed = False

    def write(self, data: bytes) -> None:
        self._handle.write(data)

    def flush(self) -> None:
        self._handle.flush()

    def commit(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            os.chmod(self._tmp, 0o644)
            os.replace(self._tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
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

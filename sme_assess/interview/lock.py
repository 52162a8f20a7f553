"""One run per draft: an exclusive lock file beside the draft that names who holds it.

The lock is an OS lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on
``<draft>.lock``, so it goes away by itself when its process dies, however it dies. The file
records the holder (process id, host, start time): a second run names the holder in its
refusal, and a run that finds the record of a holder that no longer holds the lock (a run
that was killed) takes the draft over and says so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ..errors import InputError, UsageError, Where, display_path


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a draft."""

    pid: int
    host: str
    started: str


def _os_lock(fd: int) -> bool:
    """Take the lock without waiting; False when another process has it."""
    if sys.platform == "win32":
        import msvcrt

        # lock one byte far past the record, so that others can still read who holds it
        os.lseek(fd, 1 << 20, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _read_holder(fd: int) -> Holder | None:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 4096)
    try:
        data = json.loads(raw.decode("utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["started"]))
    except (ValueError, KeyError, TypeError):
        return None


class DraftLock:
    """Hold ``<draft>.lock`` for the length of a run (a context manager)."""

    def __init__(self, draft: Path) -> None:
        self.draft = draft
        self.path = draft.with_name(draft.name + ".lock")
        self.taken_over: Holder | None = None  # a killed run's record found on the way in
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise UsageError naming the run that holds it."""
        for _ in range(10):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise InputError(
                    f"cannot lock the draft: {exc.strerror}", Where(display_path(self.path))
                ) from None
            if not _os_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                who = (
                    f"process {holder.pid} on {holder.host}, started {holder.started}"
                    if holder
                    else "another process"
                )
                raise UsageError(
                    f"{display_path(self.draft)} is in use by another run ({who}); "
                    "finish that run first, or start a new one without this draft"
                )
            # the holder before us may have removed the file between our open and our lock
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            self.taken_over = _read_holder(fd)
            record = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "started": dt.datetime.now().isoformat(timespec="seconds"),
            }
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, (json.dumps(record) + "\n").encode("utf-8"))
            self._fd = fd
            return
        raise UsageError(f"{display_path(self.draft)}: could not lock the draft; try again")

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # a file left behind (Windows) names no holder
        if sys.platform == "win32":
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        if sys.platform != "win32":
            os.close(fd)

    def __enter__(self) -> DraftLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

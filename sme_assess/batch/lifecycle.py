"""How a batch's processes stop: SIGINT (Ctrl-C), SIGTERM and SIGHUP (a closed terminal, a
dropped SSH session) ask the main process to stop after the work in hand, a second one stops
it at once; worker processes leave the terminal's signals to the main process, end on SIGTERM
(how a process pool ends them) and die with the main process, however it dies (``kill -9``
included), so that none is left behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from typing import Any

STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class StopFlag:
    """Set by the first stop signal; a second one acts as it would without us (Ctrl-C raises
    KeyboardInterrupt, SIGTERM and SIGHUP end the process: the journal keeps what is done).
    Installed only in the main thread; the handlers before it are restored on exit."""

    def __init__(self) -> None:
        self.set = False
        self.signal: int | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> StopFlag:
        if threading.current_thread() is threading.main_thread():
            for sig in STOP_SIGNALS:
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.set = True
        self.signal = self.signal or signum
        self._restore()

    def _restore(self) -> None:
        for sig, previous in self._previous.items():
            if previous is None:
                previous = signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL
            with contextlib.suppress(ValueError, OSError):
                signal.signal(sig, previous)

    def __exit__(self, *exc: object) -> None:
        self._restore()
        self._previous = {}


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None) -> None:
    """In a worker process: ignore what a terminal sends the whole process group (Ctrl-C's
    SIGINT, a closed terminal's SIGHUP: the main process decides when to stop), let SIGTERM end
    the worker as usual, and end when the main process ``parent`` ends: by the kernel on Linux
    (PR_SET_PDEATHSIG), elsewhere by a thread that watches the parent's pid.

    SIGTERM is how Python's process pool ends the workers left in a pool broken by another
    worker's death, before it waits for them: a worker that ignored it (as workers did until
    Python 3.12 made this matter) hung the batch for ever. ``kill PID`` reaches only the main
    process, which stops after the work in hand; a SIGTERM sent to the whole group (``kill %1``,
    a service manager) ends the workers too, and what they were scoring is scored on --resume.
    """
    for sig in STOP_SIGNALS:
        terminal = sig in (signal.SIGINT, getattr(signal, "SIGHUP", signal.SIGINT))
        signal.signal(sig, signal.SIG_IGN if terminal else signal.SIG_DFL)
    if parent is None:
        return
    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # the parent died before we could ask
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:  # pragma: no cover - where prctl is missing
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)

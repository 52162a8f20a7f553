"""SIGTERM and SIGHUP (the terminal window closed), and SIGINT sent from outside, stop a run
as Ctrl-C does: the answers given are on disk, the lock is released and the command that
continues is printed where it can be, the terminal left as it was found.

While a question waits for a key, the signal ends the prompt through prompt_toolkit's own
loop (so the terminal is restored); between prompts (an answer chosen, not yet saved) it
waits until the draft is saved and stops the run at the next prompt, so no answer given is
lost.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))


class Stopped(KeyboardInterrupt):
    """The run was stopped by a signal (``signum``): handled as Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_pending: list[int] = []  # a signal that came while an answer was being saved
_active: list[bool] = []  # inside ``stoppable``


def _defer(signum: int, _frame: Any) -> None:
    _pending.append(signum)


def _defer_all() -> None:
    for sig in SIGNALS:
        signal.signal(sig, _defer)


def check() -> None:
    """Stop now if a signal came since the last prompt (its answer is saved by now)."""
    if _pending:
        raise Stopped(_pending[0])


@contextmanager
def stoppable() -> Iterator[None]:
    """The interview: SIGTERM and SIGHUP stop it (``Stopped``) instead of killing the
    process; outside, the handlers are as they were. Outside the main thread (a program
    that runs the interview in a thread of its own) Python lets no handler be set: the
    interview runs as it is, Ctrl-C and Ctrl-D still stopping it."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {sig: signal.getsignal(sig) for sig in SIGNALS}
    _pending.clear()
    _defer_all()
    _active.append(True)
    try:
        yield
        check()  # came while the last answer was being saved
    finally:
        _active.pop()
        for sig, handler in before.items():
            signal.signal(sig, handler)
        _pending.clear()


def ask(question: Any) -> Any:
    """``question.unsafe_ask()`` (a questionary prompt) that a signal ends with ``Stopped``."""
    check()
    app = question.application

    def stop(signum: int) -> Callable[[], None]:
        def now() -> None:
            if app.future is not None and not app.future.done():
                app.exit(exception=Stopped(signum), style="class:aborting")
            else:  # an answer is already chosen: saved first, then the run stops
                _pending.append(signum)

        return now

    def watch() -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        for sig in SIGNALS:
            loop.add_signal_handler(sig, stop(sig))

    if not _active:
        return question.unsafe_ask()
    app.pre_run_callables.append(watch)
    try:
        return question.unsafe_ask()
    except OSError as exc:  # the terminal is gone (the window closed): stop as Ctrl-D does
        raise EOFError(str(exc)) from exc
    finally:
        _defer_all()  # the prompt's loop put the default handlers back as it closed


__all__ = ["SIGNALS", "Stopped", "ask", "check", "stoppable"]

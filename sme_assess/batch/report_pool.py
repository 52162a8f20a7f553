"""A batch's PDF reports made on worker processes, surviving a worker that dies.

When a worker dies (the out-of-memory killer, a crash in a font or image library), every report
then in flight goes down with the pool. A new pool is started and those reports are made again
one at a time, alone: the one that kills a worker on its own is said to have failed ("the
worker process stopped unexpectedly"), the others are made. After a stop signal, what is not
started is left to ``--resume``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

from ..errors import unexpected
from .lifecycle import StopFlag
from .pool import new_pool

IN_FLIGHT_PER_JOB = 2  # fewer than for scoring (batch.inflight): a PDF is large
REPORT_WORKER_DIED = (
    "the worker process stopped unexpectedly (out of memory?) while making this report"
)

Made = bytes | str  # the PDF, or why it could not be made
J = TypeVar("J")  # one report to make


def run_in_pool(
    jobs: int,
    start: tuple[Callable[..., None], Any],
    render: Callable[..., Made],
    args: Callable[[J], tuple[Any, ...]],
    todo: Iterable[J],
    keep: Callable[[J, Made], None],
    stop: StopFlag,
) -> None:
    """Make every report of ``todo`` with ``render(*args(job))`` on ``jobs`` workers (each
    started with ``start``: the initializer and its setup) and give each to ``keep``."""
    runner = _Runner(jobs, start, render, args, keep, stop)
    try:
        runner.run(todo)
    except KeyboardInterrupt:  # a second Ctrl-C: stop at once, keep what is done
        stop.set = True
        runner.cancel()
    finally:
        runner.pool.shutdown(wait=True, cancel_futures=True)


class _Runner(Generic[J]):
    def __init__(
        self,
        jobs: int,
        start: tuple[Callable[..., None], Any],
        render: Callable[..., Made],
        args: Callable[[J], tuple[Any, ...]],
        keep: Callable[[J, Made], None],
        stop: StopFlag,
    ) -> None:
        self.jobs = jobs
        self.init, self.setup = start
        self.render = render
        self.args = args
        self.keep = keep
        self.stop = stop
        self.pool = self._new_pool()
        self.in_flight: dict[Future[Made], J] = {}
        self.lost: list[J] = []  # in flight when the pool broke: to be made again, alone

    def _new_pool(self) -> Any:
        return new_pool(self.jobs, self.init, (self.setup, os.getpid()))

    def run(self, todo: Iterable[J]) -> None:
        for job in todo:
            while len(self.in_flight) >= self.jobs * IN_FLIGHT_PER_JOB and not self.stop.set:
                self._collect()
            if self.stop.set:
                break
            try:
                self.in_flight[self.pool.submit(self.render, *self.args(job))] = job
            except RuntimeError:  # the pool broke (a worker died) before we saw it
                self.lost.append(job)
                self._recover()
        while self.in_flight and not self.stop.set:
            self._collect()
        self.cancel()
        while self.in_flight:  # started before the stop: kept
            self._collect()

    def cancel(self) -> None:
        """Cancel what has not started (it is left to --resume)."""
        for future in list(self.in_flight):
            if future.cancel():
                self.in_flight.pop(future)

    def _collect(self) -> None:
        done, _ = wait(list(self.in_flight), timeout=0.2, return_when=FIRST_COMPLETED)
        for future in done:
            self._settle(future, self.in_flight.pop(future))
        if self.lost:
            self._recover()

    def _settle(self, future: Future[Made], job: J) -> None:
        try:
            made = future.result()
        except BrokenProcessPool:
            self.lost.append(job)
            return
        except Exception as exc:  # the PDF did not come back (too big, unpicklable...)
            made = unexpected(exc)
        self.keep(job, made)

    def _recover(self) -> None:
        """The pool broke: settle what was in flight (made before the death, or lost with the
        pool), start a new pool and make each lost report again, alone."""
        for future, job in list(self.in_flight.items()):
            self._settle(future, job)  # a broken pool fails what it had at once
        self.in_flight.clear()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new_pool()
        lost, self.lost = self.lost, []
        for job in lost:
            if self.stop.set:
                return  # not made: --resume makes it
            try:
                made: Made | None = self.pool.submit(self.render, *self.args(job)).result()
            except BrokenProcessPool:
                made = None
            except RuntimeError:  # a new pool that cannot start a worker
                made = None
            except Exception as exc:
                made = unexpected(exc)
            if made is None:  # it killed a worker on its own
                self.keep(job, REPORT_WORKER_DIED)
                self.pool.shutdown(wait=True, cancel_futures=True)
                self.pool = self._new_pool()
            else:
                self.keep(job, made)

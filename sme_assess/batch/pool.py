"""Chunks of respondents run on worker processes, and a batch that survives a worker dying.

When a worker dies (the out-of-memory killer, a crash in a library), every chunk then in
flight is lost with the pool. A new pool is started and the respondents of those chunks are
tried again one at a time, alone: the one that kills a worker again becomes an errors.csv row
("the worker process stopped unexpectedly"), the others are scored. When workers keep dying
even alone (they cannot start at all, say), the rest runs in the main process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..errors import unexpected
from .inflight import IN_FLIGHT_PER_JOB, InFlight
from .lifecycle import StopFlag
from .work import _SETUP, Chunk, Outcome, Setup, failed_all, init_worker

MAX_DEATHS_IN_A_ROW = 5

Task = Callable[[Chunk], list[Outcome]]


def new_pool(
    jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes, forked where the system can fork (Linux): the
    workers check that their parent is the main process (``lifecycle.die_with_parent``), which
    under Python 3.14's default start method on Linux, the fork server, it is not (every worker
    would stop at once, and its respondents be reported as having killed it)."""
    context = None
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=initializer, initargs=initargs
    )


class PoolRunner(InFlight):
    """Runs chunks on ``jobs`` worker processes and gives every outcome to ``handle``."""

    def __init__(
        self,
        jobs: int,
        setup: Setup,
        task: Task,
        handle: Callable[[list[Outcome]], None],
        stop: StopFlag,
        before_fork: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(handle, stop, jobs * IN_FLIGHT_PER_JOB)
        self.jobs = jobs
        self.setup = setup
        self.task = task
        self.before_fork = before_fork
        self.deaths_in_a_row = 0
        self.restarts = 0
        self.forked = False  # the pool has had its first chunk (its workers are forked)
        self.pool: ProcessPoolExecutor | None = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        self.forked = False
        return new_pool(self.jobs, init_worker, (self.setup, os.getpid()))

    def _freeze(self) -> None:
        """Before a pool forks its workers (at its first chunk): what the main process holds
        (the modules, the pack, its compiled forms) is moved out of the collector's reach, as
        ``engine/settle.py`` does in a worker, so that the workers' collections neither walk
        it nor write to its pages (which then stay shared with the main process, not copied
        into each worker). Collected first, so no garbage is frozen; not at all when the
        collector is off."""
        self.forked = True
        if gc.isenabled():
            gc.collect()
            gc.freeze()

    # -- feeding --

    def _submit(self, chunk: Chunk, alone: bool) -> None:
        if self.in_process or self.pool is None:
            _SETUP[:] = [self.setup]
            self.handle(self.task(chunk))
            return
        if not self.forked:
            self._freeze()
        try:
            future = self.pool.submit(self.task, chunk)
        except (RuntimeError, OSError):  # a worker died before we noticed, or no fork
            self.deaths_in_a_row += 1
            self._lost(chunk, alone=False)
            self._broken()
            return
        self.in_flight[future] = (chunk, alone)

    def _collect_done(self) -> None:
        done, _ = wait(list(self.in_flight), timeout=0.2, return_when=FIRST_COMPLETED)
        broken = False
        for future in done:
            chunk, alone = self.in_flight.pop(future)
            outcomes = self._outcomes(future, chunk)
            if outcomes is None:
                broken = True
                self._lost(chunk, alone)
            else:
                self.handle(outcomes)
        if broken:
            self._broken()

    def _outcomes(self, future: Future[list[Outcome]], chunk: Chunk) -> list[Outcome] | None:
        """The chunk's outcomes; None when the pool broke under it."""
        try:
            outcomes = future.result()
        except BrokenProcessPool:
            return None
        except Exception as exc:  # the outcomes could not come back (too big, unpicklable...)
            return failed_all(chunk, unexpected(exc))
        self.deaths_in_a_row = 0
        return outcomes

    # -- a worker died --

    def _lost(self, chunk: Chunk, alone: bool) -> None:
        if alone:  # it killed a worker on its own: it is the culprit
            self.deaths_in_a_row += 1
        super()._lost(chunk, alone)

    def _broken(self) -> None:
        """Every chunk still in flight went down with the pool: try its respondents again."""
        for future, (chunk, alone) in list(self.in_flight.items()):
            outcomes = self._outcomes(future, chunk) if future.done() else None
            if outcomes is None:
                self._lost(chunk, alone)
            else:
                self.handle(outcomes)
        self.in_flight.clear()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.deaths_in_a_row >= MAX_DEATHS_IN_A_ROW:
            self.in_process = True
            return
        self.restarts += 1
        self.before_fork()
        self.pool = self._new_pool()

    # -- stopping --

    def _stopped(self) -> None:
        """After a stop signal: cancel what has not started, keep what is running."""
        running = [f for f in self.in_flight if not f.cancel()]
        while running:
            done, pending = wait(running, timeout=0.2)
            for future in done:
                chunk, _ = self.in_flight[future]
                outcomes = self._outcomes(future, chunk)
                if outcomes is not None:  # lost with a broken pool: scored on --resume
                    self.handle(outcomes)
            running = list(pending)
        self.in_flight.clear()
        self.suspects.clear()

    def abandon(self) -> None:
        """Stop at once (a second Ctrl-C): keep what is done, cancel the rest."""
        for future, (chunk, _) in list(self.in_flight.items()):
            if future.done() and not future.cancelled():
                outcomes = self._outcomes(future, chunk)
                if outcomes is not None:
                    self.handle(outcomes)
            else:
                future.cancel()
        self.in_flight.clear()
        self.suspects.clear()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def __enter__(self) -> PoolRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

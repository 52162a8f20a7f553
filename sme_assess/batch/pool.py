"""Chunks of respondents run on worker processes, and a batch that survives a worker dying.

When a worker dies (the out-of-memory killer, a crash in a library), every chunk then in
flight is lost with the pool. A new pool is started and the respondents of those chunks are
tried again one at a time, alone: the one that kills a worker again becomes an errors.csv row
("the worker process stopped unexpectedly"), the others are scored. When workers keep dying
even alone (they cannot start at all, say), the rest runs in the main process.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.process import BaseProcess

from ..errors import unexpected
from .inflight import IN_FLIGHT_PER_JOB, InFlight
from .lifecycle import StopFlag
from .work import _SETUP, Chunk, Outcome, Setup, failed_all, init_worker

MAX_DEATHS_IN_A_ROW = 5

Task = Callable[[Chunk], list[Outcome]]


def _workers(pool: ProcessPoolExecutor) -> list[BaseProcess]:
    """The pool's worker processes (CPython keeps them in ``_processes``; none if it does not)."""
    processes = getattr(pool, "_processes", None)
    return list(processes.values()) if isinstance(processes, dict) else []


def _kill(workers: list[BaseProcess]) -> None:
    """End a broken pool's surviving workers with SIGKILL. They ignore SIGTERM (see
    ``lifecycle.die_with_parent``), which is how Python 3.12 and later end the survivors of a
    broken pool before joining them: without this, that join, and the batch, would wait forever.
    """
    for process in workers:
        with contextlib.suppress(OSError, ValueError):
            process.kill()


def _shut_down(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down and wait until its manager thread has ended (its workers joined),
    killing the workers if the pool breaks meanwhile (a worker that dies while the pool shuts
    down). What to wait for is taken first: ``shutdown`` forgets the thread and the workers."""
    thread = getattr(pool, "_executor_manager_thread", None)
    workers = _workers(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    if not isinstance(thread, threading.Thread):
        return
    while thread.is_alive():
        thread.join(0.2)
        if getattr(pool, "_broken", False):
            _kill(workers)


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
        self.pool: ProcessPoolExecutor | None = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.jobs, initializer=init_worker, initargs=(self.setup, os.getpid())
        )

    # -- feeding --

    def _submit(self, chunk: Chunk, alone: bool) -> None:
        if self.in_process or self.pool is None:
            _SETUP[:] = [self.setup]
            self.handle(self.task(chunk))
            return
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
            _kill(_workers(self.pool))
            self.pool.shutdown(wait=False, cancel_futures=True)
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
            pool, self.pool = self.pool, None
            _shut_down(pool)

    def __enter__(self) -> PoolRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

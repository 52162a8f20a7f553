"""Chunks in flight on an engine's workers: the feeding and draining loop every engine shares.

An engine (``pool``: local processes, ``dask_engine``: a Dask cluster) says how a chunk is
submitted, how it waits for the chunks in flight and what it does on a stop; this base
keeps at most ``limit`` chunks in flight, gives every outcome to ``handle`` and, when a
worker dies under a chunk, tries its respondents again one at a time ("suspects"): the one
that kills a worker on its own becomes an errors.csv row (``WORKER_DIED``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
from typing import Any

from .lifecycle import StopFlag
from .work import Chunk, Outcome, failed_all, split

IN_FLIGHT_PER_JOB = 4
WORKER_DIED = "the worker process stopped unexpectedly (out of memory?) while scoring this"


class InFlight(ABC):
    """Feeds chunks to workers and gives every outcome to ``handle`` in the main process."""

    def __init__(self, handle: Callable[[list[Outcome]], None], stop: StopFlag, limit: int) -> None:
        self.handle = handle
        self.stop = stop
        self.limit = limit  # chunks in flight at most
        self.in_flight: dict[Any, tuple[Chunk, bool]] = {}  # future -> (chunk, tried alone)
        self.suspects: deque[Chunk] = deque()  # one respondent each, tried alone
        self.in_process = False  # the workers could not be used: the rest ran here

    # -- what every engine does alike --

    def run(self, chunk: Chunk) -> None:
        """Send a chunk to the workers (waiting while enough are in flight)."""
        while not self.stop.set and (self.suspects or len(self.in_flight) >= self.limit):
            self._step()
        if not self.stop.set:
            self._submit(chunk, alone=False)

    def drain(self) -> None:
        """Wait for every chunk in flight; on a stop, keep what is done and stop."""
        while not self.stop.set and (self.in_flight or self.suspects):
            self._step()
        if self.stop.set:
            self._stopped()

    def _step(self) -> None:
        """Try the next suspect alone once nothing else is in flight, then collect what
        is done."""
        if self.suspects and not self.in_flight:
            self._submit(self.suspects.popleft(), alone=True)
        if self.in_flight:
            self._collect_done()

    def _lost(self, chunk: Chunk, alone: bool) -> None:
        """A worker died under ``chunk``: alone, it is the culprit; else its respondents
        are tried again one at a time."""
        if alone:
            if self.stop.set:  # ended by the stop (a SIGTERM to the whole group), not by it
                return  # not in the journal: --resume scores it
            self.handle(failed_all(chunk, WORKER_DIED))
        else:
            alone_chunks, problems = split(chunk)  # a span is read here, on this rare path
            self.suspects.extend(alone_chunks)
            if problems:
                self.handle(list(problems))

    # -- what each engine does its own way --

    @abstractmethod
    def _submit(self, chunk: Chunk, alone: bool) -> None:
        """Start ``chunk`` on a worker and note it in ``in_flight``."""

    @abstractmethod
    def _collect_done(self) -> None:
        """Wait a little for chunks in flight; handle (or retry) those that are done."""

    @abstractmethod
    def _stopped(self) -> None:
        """After a stop signal, at the end of ``drain``."""

    @abstractmethod
    def abandon(self) -> None:
        """Stop at once (a second Ctrl-C): keep what is done, cancel the rest."""

    @abstractmethod
    def close(self) -> None:
        """Stop the workers (and a cluster the engine started)."""

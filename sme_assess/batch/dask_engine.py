"""Chunks of respondents scored on a Dask cluster (dask.distributed, ``--engine dask``).

With no ``--scheduler`` a LocalCluster of ``--jobs`` worker processes is started on this
machine and stopped at the end; with one, the chunks go to that running cluster (started
with ``dask scheduler`` and ``dask worker``, each worker with sme-assess installed). The
setup (the pack, the column mapping) is sent to every worker once; each task is one chunk:
answers files and CSV row ranges are read by the worker (so every worker must see them at
the same path, a shared folder); XLSX rows travel with their chunk. Outcomes come back to
the main process, which writes the journals as with local processes, so progress, Ctrl-C,
``--resume`` and every output are the same. A chunk whose worker died is tried again one
respondent at a time; the one that kills a worker again becomes an errors.csv row.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from ..errors import UsageError, unexpected
from .inflight import IN_FLIGHT_PER_JOB, InFlight
from .lifecycle import StopFlag
from .words import operator_words
from .work import Chunk, Outcome, Setup, chunk_outcomes, failed_all

POLL = 0.02  # seconds between looks at the futures in flight
CONNECT_TIMEOUT = "15s"


def score_chunk(setup: Setup, chunk: Chunk) -> list[Outcome]:
    """The task run on a Dask worker: every item of a chunk, in order (pure, as locally)."""
    return chunk_outcomes(setup, chunk)


def require_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        _ = operator_words()
        raise UsageError(
            _("--engine dask needs dask.distributed: pip install 'sme-assess[dask]'")
        ) from None
    return distributed


class DaskRunner(InFlight):
    """Runs chunks on a Dask cluster and gives every outcome to ``handle``."""

    def __init__(
        self,
        jobs: int,
        setup: Setup,
        handle: Callable[[list[Outcome]], None],
        stop: StopFlag,
        scheduler: str | None = None,
    ) -> None:
        distributed = require_distributed()
        super().__init__(handle, stop, max(2, jobs * IN_FLIGHT_PER_JOB))
        self.cluster: Any = None
        self._killed: type[BaseException] = distributed.KilledWorker
        logging.getLogger("distributed").setLevel(logging.ERROR)
        try:
            if scheduler is None:
                self.cluster = distributed.LocalCluster(
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = distributed.Client(self.cluster)
            else:
                self.client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            _ = operator_words()
            if scheduler:
                said = _("cannot start or reach the Dask scheduler at {address}: {why}")
            else:
                said = _("cannot start or reach a local Dask cluster: {why}")
            raise UsageError(said.format(address=scheduler, why=exc)) from None
        workers = len(self.client.scheduler_info().get("workers", {})) or jobs
        self.limit = max(2, workers * IN_FLIGHT_PER_JOB)
        self.setup = self.client.scatter(setup, broadcast=True, hash=False)

    # -- feeding --

    def _submit(self, chunk: Chunk, alone: bool) -> None:
        future = self.client.submit(score_chunk, self.setup, chunk, pure=False, retries=0)
        self.in_flight[future] = (chunk, alone)

    def _collect_done(self) -> None:
        done = [f for f in self.in_flight if f.done()]
        if not done:
            time.sleep(POLL)
            return
        for future in done:
            chunk, alone = self.in_flight.pop(future)
            self._collect(future, chunk, alone)

    def _collect(self, future: Any, chunk: Chunk, alone: bool) -> None:
        try:
            outcomes: list[Outcome] = future.result()
        except self._killed:
            self._lost(chunk, alone)
            return
        except Exception as exc:  # the outcomes could not come back (unpicklable, lost...)
            outcomes = failed_all(chunk, unexpected(exc))
        self.handle(outcomes)

    # -- stopping --

    def _stopped(self) -> None:
        self.abandon()

    def abandon(self) -> None:
        """Keep the chunks already done, cancel the rest (scored again on --resume)."""
        for future, (chunk, alone) in list(self.in_flight.items()):
            if future.done() and not future.cancelled():
                self._collect(future, chunk, alone)
            else:
                future.cancel()
        self.in_flight.clear()
        self.suspects.clear()

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

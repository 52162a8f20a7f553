"""Where chunks of respondents are scored: the one interface every engine has, and the
choice of engine (``--engine local``: worker processes on this machine, ``pool``;
``--engine dask``: a Dask cluster, ``dask_engine``).

An engine takes chunks (``run``), gives every chunk's outcomes to ``handle`` in the main
process (which writes them), and stops as ``lifecycle.StopFlag`` says. Both engines are
an ``inflight.InFlight`` (the feeding and draining loop, a worker's death); adding another
cluster is one more such module and one more line in ``open_engine``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .lifecycle import StopFlag
from .work import Chunk, Outcome, Setup

ENGINES = ("local", "dask")


class Engine(Protocol):
    in_process: bool  # the workers could not be used: the rest ran in the main process

    def run(self, chunk: Chunk) -> None:
        """Send a chunk to the workers (waiting while enough are in flight)."""

    def drain(self) -> None:
        """Wait for every chunk in flight; on a stop, keep what is done and stop."""

    def abandon(self) -> None:
        """Stop at once (a second Ctrl-C): keep what is done, cancel the rest."""

    def close(self) -> None:
        """Stop the workers (and a cluster the engine started)."""


def open_engine(
    name: str,
    jobs: int,
    setup: Setup,
    handle: Callable[[list[Outcome]], None],
    stop: StopFlag,
    before_fork: Callable[[], None],
    scheduler: str | None = None,
    task: Callable[[Chunk], list[Outcome]] | None = None,
) -> Engine:
    """The engine ``name`` (one of ENGINES), started. ``task`` runs a chunk in a local
    worker process (``work.run_chunk``, the setup sent once per process); a cluster sends
    the setup with its own task."""
    if name == "dask":
        from .dask_engine import DaskRunner

        return DaskRunner(jobs, setup, handle, stop, scheduler)
    from .pool import PoolRunner
    from .work import run_chunk

    return PoolRunner(jobs, setup, task or run_chunk, handle, stop, before_fork)

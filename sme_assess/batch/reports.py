"""The firms' PDF reports of a batch (``--pdf``), made at its end, when the cohort is known,
so that each shows where the firm stands among its peers.

The scoring pass keeps each firm's answers in its (lean) results.jsonl line; here every
firm is scored again from them (pure and quick) with its ``Peers`` and rendered, on
``jobs`` worker processes, in input order, a few at a time in flight. Memory: one byte per
firm (report written or not) and the messages of the reports that failed. A first Ctrl-C
stops after the reports being rendered (the others are made by ``--resume``, which renders
every report again: the cohort, and so the peers, may have changed).

``--full-results`` lines do not keep the answers: their reports are rendered while scoring,
as before, without peers.
"""

from __future__ import annotations

import heapq
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_bytes
from ..engine.peers import Peers
from ..errors import InputError, SmeAssessError, unexpected
from ..models import Answers
from . import outputs as out
from .lifecycle import StopFlag
from .report_pool import run_in_pool
from .words import operator_words, place

if TYPE_CHECKING:
    from .state import _Run

CLOCK_SLACK_NS = 2_000_000_000  # file times on FAT or a network share may be 2 s coarse
INTERRUPTED = "stopped before this report (--resume makes it)"


@dataclass
class ReportPass:
    """What the report pass did, by the firm's index in input order."""

    written: bytearray = field(default_factory=bytearray)  # 1: its report is on disk
    errors: dict[int, str] = field(default_factory=dict)
    interrupted: bool = False
    started: int = 0  # time.time_ns() when the pass began (older PDFs are not this run's)


@dataclass(frozen=True)
class _Job:
    index: int
    where: str  # the firm's source (and row), for the terminal
    name: str
    answers: Answers
    peers: Peers


def render_one(answers: Answers, peers: Peers) -> bytes | str:
    """In a worker: the firm's PDF with its peers, or why it could not be made."""
    from ..engine.evaluation import evaluate
    from ..report.context import build_context
    from ..report.render import render_pdf_report
    from .work import _SETUP

    setup = _SETUP[0]
    try:
        ev = evaluate(setup.pack, answers, setup.options)
        ctx = build_context(ev, edition=setup.edition, peers=peers)
        return render_pdf_report(ctx)
    except SmeAssessError as exc:
        return exc.message
    except Exception as exc:  # a bug in one report: that report lost, not the batch
        return unexpected(exc)


def report_names(company_and_keys: Iterable[tuple[str, out.Key]]) -> Iterator[str]:
    """Each firm's report file name, in input order (the same order always gives the same
    names: the summary pass makes them again rather than keeping them)."""
    taken: set[str] = set()
    for company, (source, row) in company_and_keys:
        yield f"{out.REPORTS}/{out.report_name(company, source, row, taken)}"


Firm = tuple[str, out.Key, Answers | None, Peers]  # company, key, answers, peers


def render_reports(run: _Run, firms: Iterable[Firm], count: int) -> ReportPass:
    """Render the reports of ``firms`` (``count`` of them, in input order)."""
    from ..engine.evaluation import Options
    from .work import Setup, init_worker, slim

    done = ReportPass(written=bytearray(count), started=time.time_ns())
    reports = run.outdir / out.REPORTS

    def failed(job: _Job, message: str) -> None:
        done.errors[job.index] = message
        run.result.report_failures.append((job.where, message))

    def jobs() -> Iterator[_Job]:
        current: list[Firm] = []

        def named() -> Iterator[tuple[str, out.Key]]:
            for firm in firms:
                current[:] = [firm]
                yield firm[0], firm[1]

        words = operator_words()
        for index, name in enumerate(report_names(named())):
            _, (source, row), answers, peers = current[0]
            where = place(source, row, words)
            if answers is None:
                done.errors[index] = "its results line keeps no answers to report from"
                run.result.report_failures.append((where, done.errors[index]))
                continue
            yield _Job(index, where, name, answers, peers)

    def keep(job: _Job, made: bytes | str) -> None:
        if isinstance(made, str):
            failed(job, made)
            return
        try:
            write_bytes(reports / job.name.removeprefix(out.REPORTS + "/"), made)
            done.written[job.index] = 1
        except InputError as exc:
            failed(job, exc.message)

    options = Options(lenient=run.options.lenient, lang=run.options.lang)
    setup = Setup(slim(run.pack), run.matcher, options, pdf=True, edition=run.options.edition)
    run.join_warm_up()
    with StopFlag() as stop:
        if run.options.jobs == 1:
            from .work import _SETUP

            _SETUP[:] = [setup]
            for job in jobs():
                if stop.set:
                    break
                keep(job, render_one(job.answers, job.peers))
        else:
            run_in_pool(
                run.options.jobs,
                (init_worker, setup),
                render_one,
                lambda job: (job.answers, job.peers),
                jobs(),
                keep,
                stop,
            )
        done.interrupted = stop.set
    if done.interrupted:
        for index in range(count):
            if not done.written[index]:
                done.errors.setdefault(index, INTERRUPTED)
    return done


def not_written(made: ReportPass, folder: Path) -> tuple[int, list[str]]:
    """The PDFs in ``folder`` this report pass did not write (older than its start): an
    earlier run's under a name no firm has now (a company renamed, a clash numbered
    differently), or the report of a firm whose report failed this time, or a file put
    there by hand. How many, and the first few names. They are never deleted: they may be
    the user's."""
    if not folder.is_dir():
        return 0, []
    count = 0

    def older() -> Iterator[str]:
        nonlocal count
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.name.lower().endswith(".pdf") or not entry.is_file():
                    continue
                if entry.stat().st_mtime_ns < made.started - CLOCK_SLACK_NS:
                    count += 1
                    yield entry.name

    first = heapq.nsmallest(5, older(), key=out.natural_key)
    return count, first

"""Score many respondents on all cores: answers files and survey tables in; a summary, the
full results, the errors, a cohort overview and (with reports) one PDF per firm out.

The main process finds the inputs (``discovery``), cuts them into chunks of respondents
(``chunking``: tables are read or scanned here), hands the chunks to an engine (``engine``:
local worker processes, ``pool``, or a Dask cluster, ``dask_engine``) and appends each
chunk's results to the journals as they come back (``state``: results.jsonl, errors.csv);
workers read answers files and run the pure ``work.score_one``. Only the keys of the
respondents done are kept in memory; at the end the summary (CSV, XLSX, Parquet) and cohort
are derived from results.jsonl on disk and written atomically (``finish``). A bad input
never stops the run: it becomes a row of errors.csv. Ctrl-C, SIGTERM and SIGHUP stop after
the chunks in hand and write what is done (``lifecycle``); ``resume`` skips respondents
already in results.jsonl, even after ``kill -9``.
Nothing here prints: progress goes to a callback, the outcome is returned.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..answer_io.mapping import Matcher
from ..engine.evaluation import Options
from ..errors import InputError, UsageError, display_path
from ..pack.loading import Pack
from ..terminal_text import visible
from ..wording.messages import require_language
from . import outputs as out
from .chunking import chunks
from .discovery import Discovery, Source
from .engine import ENGINES, Engine, open_engine
from .failure import Failed
from .finish import finish, warm_up
from .lifecycle import StopFlag
from .outdir import open_outdir
from .state import BatchOptions, BatchResult, Progress, _Run
from .words import operator_words
from .work import Setup, run_chunk, slim

__all__ = [
    "CHUNK",
    "BatchOptions",
    "BatchResult",
    "Progress",
    "_Run",
    "choose_pack",
    "default_jobs",
    "load_mapping",
    "run_batch",
]

CHUNK = 64  # respondents per task when only scoring


def load_mapping(path: Path, pack: Pack) -> Any:
    """Read a --mapping YAML file and check it against the pack (MappingError if wrong: each
    problem at its file:line:col)."""
    from ..answer_io.mapping_file import MappingFile, placed_mapping_problems
    from ..errors import MappingError
    from ..pack.loading import validate_doc
    from ..pack.yamldoc import load_yaml

    doc = load_yaml(path)
    if isinstance(doc.data, dict) and isinstance(doc.data.get("values"), dict):
        for qid, table in list(doc.data["values"].items()):
            if isinstance(table, dict):
                doc.data["values"][qid] = {str(k): v for k, v in table.items()}
    if isinstance(doc.data, dict) and isinstance(doc.data.get("columns"), dict):
        doc.data["columns"] = {str(k): v for k, v in doc.data["columns"].items()}
    model, findings = validate_doc(doc, MappingFile)
    shown = display_path(path)
    if model is None:
        details = [f"{f.path}:{f.line}:{f.col}: {f.message}" for f in findings]
        raise MappingError(f"--mapping {shown}: not a valid mapping file", details)
    problems = placed_mapping_problems(pack.questionnaire, model)
    if problems:
        details = []
        for loc, problem in problems:
            line, col = doc.locate(loc, at_key=True)
            details.append(f"{doc.path}:{line}:{col}: {problem}")
        raise MappingError(f"--mapping {shown}: not a valid mapping file", details)
    return model


def _chunk_size(options: BatchOptions, count: int | None) -> int:
    """Respondents per task: one report at a time; else enough tasks to share the work
    (``count`` answers files) evenly, at most CHUNK (tables: CHUNK // 2, count unknown)."""
    if options.pdf and options.full_results:
        return 1
    if count is None:
        return CHUNK // 2
    return max(1, min(CHUNK, count // (max(options.jobs, 1) * 8)))


def run_batch(
    pack: Pack,
    inputs: Sequence[Path],
    options: BatchOptions,
    matcher: Matcher | None = None,
    progress: Callable[[Progress], None] | None = None,
    exclude: Sequence[Path] = (),
) -> BatchResult:
    """Score every respondent of ``inputs`` into ``options.outdir``. Never raises for a bad
    input (it becomes a row of errors.csv); raises UsageError for a bad call."""
    _ = operator_words()
    if options.jobs < 1:
        raise UsageError(_("--jobs must be at least 1"))
    if options.engine not in ENGINES:
        raise UsageError(
            _(
                "--engine {engine}: use {names}",
                engine=options.engine,
                names=_(" or ").join(ENGINES),
            )
        )
    if options.scheduler is not None and options.engine != "dask":
        raise UsageError(_("--scheduler needs --engine dask"))
    if options.engine == "dask":
        from .dask_engine import require_distributed

        require_distributed()  # before OUTDIR is touched
    require_language(pack.questionnaire, options.lang)
    sources = Discovery(inputs, [options.outdir, *exclude])
    native = tables = 0
    for source in sources:  # a first walk only counts (the run walks again as it goes)
        native += source.kind == "answers"
        tables += source.kind == "table"
    failures, notes = sources.failures, sources.notes
    if not native and not tables and not failures:
        names = ", ".join(display_path(p) for p in inputs)
        raise UsageError(_("no answers files or tables found in {inputs}", inputs=names))
    run = _Run(pack, options, matcher or Matcher(pack.questionnaire), progress)
    previous = run.load_previous if options.resume else (lambda: None)
    lock = open_outdir(
        options.outdir, resume=options.resume, force=options.force, before_clearing=previous
    )
    with lock:
        if options.resume:
            _refuse_changed_inputs(run, sources)
        return _run_locked(run, sources, native, failures, notes)


def _refuse_changed_inputs(run: _Run, sources: Iterable[Source]) -> None:
    """--resume keeps the earlier results by file and row: an input changed since (an export
    downloaded again, newest first or with answers deleted) would give a row's result to
    another firm, and a re-typed answers file would keep its old score. Refused, naming it."""
    try:
        since = (run.outdir / out.RESULTS).stat().st_mtime_ns
    except OSError:
        return
    scored = {key[0] for key in run.done}
    if not scored:
        return
    for source in sources:
        if source.shown not in scored:
            continue
        try:
            changed = os.stat(source.where).st_mtime_ns > since
        except OSError:
            continue
        if changed:
            raise UsageError(
                f"--resume: {visible(source.shown, newlines=False)} was changed after the "
                f"earlier run wrote {display_path(run.outdir / out.RESULTS)}, so its earlier "
                "results may belong to other rows or answers; score again with --force (or "
                "into a new folder)"
            )


def _run_locked(
    run: _Run,
    sources: Iterable[Source],
    native: int,
    failures: Sequence[Failed],
    notes: Sequence[str],
) -> BatchResult:
    pack, options, matcher = run.pack, run.options, run.matcher
    run.result.notes.extend(notes)
    if options.pdf:
        _check_report_fonts(pack, options)
    setup = Setup(
        slim(pack),
        matcher,
        Options(lenient=options.lenient, lang=options.lang),
        options.pdf and options.full_results,  # lean lines: at the end, with peers (finish)
        options.full_results,
        options.edition,
    )
    run.sizes = (_chunk_size(options, native), _chunk_size(options, None))
    try:
        with StopFlag() as stop:
            run.open_journals()
            if failures:
                run.total += len(failures)
                run.handle_all(failures)
            # tables add their rows as they are read; files done before (--resume) are not
            # counted (an estimate: a file scored before may be gone now)
            run.total += max(0, native - sum(1 for k in run.done if k[1] is None))
            if options.jobs == 1 and options.engine == "local":
                _run_here(run, setup, sources, stop)
                finish(run)
            else:
                if options.pdf:
                    import weasyprint  # noqa: F401  (forked workers inherit it)
                engine = open_engine(
                    options.engine,
                    options.jobs,
                    setup,
                    run.handle_all,
                    stop,
                    run.join_warm_up,
                    options.scheduler,
                    run_chunk,
                )
                try:
                    _run_engine(run, engine, sources, stop)
                finally:
                    engine.close()  # before the reports' workers are forked: no pool threads
                finish(run)
    finally:
        run.close_journals()
    return run.result


def _run_here(run: _Run, setup: Setup, sources: Iterable[Source], stop: StopFlag) -> None:
    from .work import _SETUP

    _SETUP[:] = [setup]
    try:
        for chunk in chunks(run, sources):
            if stop.set:
                break
            run.handle_all([chunk] if isinstance(chunk, Failed) else run_chunk(chunk))
            if stop.set:
                break
    except KeyboardInterrupt:
        stop.set = True
    run.result.interrupted = stop.set


def _run_engine(run: _Run, runner: Engine, sources: Iterable[Source], stop: StopFlag) -> None:
    """Run the chunks on the engine's workers (see ``pool`` for workers that die)."""
    try:
        for chunk in chunks(run, sources):
            if isinstance(chunk, Failed):
                run.handle_all([chunk])
                continue
            runner.run(chunk)
            if stop.set:
                break
            if run.warm is None and not runner.in_process:
                # the workers exist now: warm up for the cohort PDF while they score
                run.warm = threading.Thread(target=warm_up, args=(run.q.languages,), daemon=True)
                run.warm.start()
        runner.drain()
    except KeyboardInterrupt:  # a second Ctrl-C: stop at once, keep what is done
        stop.set = True
        runner.abandon()
    if runner.in_process:
        _ = operator_words()
        run.result.notes.append(
            _(
                "worker processes kept stopping unexpectedly: the rest was scored in the main "
                "process"
            )
        )
    run.result.interrupted = stop.set


def _check_report_fonts(pack: Pack, options: BatchOptions) -> None:
    """Refuse --pdf at once when the main language has no font (rather than per report)."""
    from ..report.fonts import require_fonts
    from ..wording.messages import pick_language

    require_fonts(pick_language(pack.questionnaire, options.lang))


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def choose_pack(spec: str | None, inputs: Sequence[Path]) -> Pack:
    """--pack, else the built-in pack the first readable answers file names, else the
    default built-in pack. A file naming a pack that is not built in does not choose (nor
    stop the batch): it is refused on its own, with the packs there are."""
    from ..answer_io.native import load_answers
    from ..pack.loading import load_pack
    from ..pack.locate import pack_for, unknown_pack

    named: str | None = None
    if spec is None:
        answers = (s for s in Discovery(inputs) if s.kind == "answers")
        for source in itertools.islice(answers, 20):
            try:
                named = load_answers(source.path).questionnaire
            except InputError:
                continue
            if not unknown_pack(named):
                break
            named = None
    return load_pack(pack_for(spec, named))

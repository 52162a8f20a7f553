"""Score many respondents on all cores: answers files and survey tables in; a summary, the
full results, the errors, a cohort overview and (with reports) one PDF per firm out.

The main process finds the inputs, reads tables, hands chunks of respondents to a process
pool and writes every output atomically; workers read answers files and run the pure
``work.score_one`` (see there for running the same map on a Dask cluster). A bad input never
stops the run: it becomes a row of errors.csv. Ctrl-C stops after the chunks in hand and
writes what is done; ``resume`` skips respondents already in results.jsonl.
Nothing here prints: progress goes to a callback, the outcome is returned.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..answer_io.intake import open_export
from ..answer_io.mapping import Matcher, TablePlan
from ..answer_io.tabular import is_table
from ..atomic import AtomicWriter, write_bytes
from ..errors import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    InputError,
    UsageError,
    display_path,
)
from ..evaluation import Options
from ..loading import Pack
from ..messages import require_language
from . import outputs as out
from .work import Chunk, Failed, Item, Outcome, Setup, init_worker, located, run_chunk, slim

ANSWER_SUFFIXES = (".json", ".yaml", ".yml")
CHUNK = 64  # respondents per task when only scoring
IN_FLIGHT_PER_JOB = 4


@dataclass(frozen=True)
class BatchOptions:
    outdir: Path
    jobs: int = 1
    pdf: bool = False
    lang: str | None = None
    resume: bool = False
    force: bool = False
    lenient: bool = False


@dataclass(frozen=True)
class Progress:
    done: int  # handled in this run (scored + failed)
    scored: int
    failed: int
    total: int  # known so far; grows while tables are read
    skipped: int  # already in OUTDIR (resume)


@dataclass
class BatchResult:
    outdir: Path
    scored: int = 0  # rows in summary.csv (this run and earlier ones)
    new: int = 0  # scored in this run
    skipped: int = 0  # kept from an earlier run (resume)
    failures: list[Failed] = field(default_factory=list)
    report_failures: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False
    readable: bool = False
    notes: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    incomplete: int = 0  # scored (--lenient) with scored questions that had no column

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        if not self.readable:
            return EXIT_USAGE
        if self.failures or self.report_failures:
            return EXIT_FINDINGS
        return EXIT_OK


# --- inputs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    path: Path
    shown: str
    kind: Literal["answers", "table"]


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


def _inside(path: Path, folders: Sequence[Path]) -> bool:
    return any(path == f or path.is_relative_to(f) for f in folders)


def discover(
    inputs: Sequence[Path], exclude: Sequence[Path] = ()
) -> tuple[list[Source], list[Failed], list[str]]:
    """Answers files and tables named by the inputs (folders are searched recursively;
    hidden files and folders, Office lock files and the ``exclude`` paths are left out).

    Returns the sources, the inputs that cannot be used (as failures) and notes."""
    excluded = [p.resolve() for p in exclude]
    excluded_names = {p.name for p in excluded}
    sources: list[Source] = []
    failures: list[Failed] = []
    skipped: list[str] = []
    seen: set[str] = set()

    def add(path: Path, real: str, shown: str, explicit: bool) -> None:
        if real in seen:
            return
        seen.add(real)
        if (explicit or path.name in excluded_names) and _inside(Path(real), excluded):
            return
        suffix = path.suffix.lower()
        if suffix in ANSWER_SUFFIXES:
            sources.append(Source(path, shown, "answers"))
        elif is_table(path):
            sources.append(Source(path, shown, "table"))
        elif explicit:
            why = (
                "old Excel format: save it as .xlsx"
                if suffix == ".xls"
                else "not an answers file or a table (.json, .yaml, .yml, .csv, .tsv, .xlsx)"
            )
            failures.append(Failed(shown, None, "", why))
        else:
            skipped.append(shown)

    for given in inputs:
        if given.is_dir():
            if _inside(given.resolve(), excluded):
                continue
            shown_root = display_path(given)
            for folder, dirs, files in os.walk(given):
                real_folder = os.path.realpath(folder)
                dirs[:] = sorted(
                    (
                        d
                        for d in dirs
                        if not _hidden(d)
                        and not _inside(Path(os.path.join(real_folder, d)), excluded)
                    ),
                    key=out.natural_key,
                )
                rel = os.path.relpath(folder, given)
                shown_folder = shown_root if rel == "." else os.path.join(shown_root, rel)
                for name in sorted(files, key=out.natural_key):
                    if _hidden(name):
                        continue
                    add(
                        Path(folder, name),
                        os.path.join(real_folder, name),
                        os.path.join(shown_folder, name),
                        explicit=False,
                    )
        elif given.is_file():
            add(given, str(given.resolve()), display_path(given), explicit=True)
        else:
            failures.append(Failed(display_path(given), None, "", "no such file or folder"))
    notes = []
    if skipped:
        listed = ", ".join(skipped[:5]) + (", …" if len(skipped) > 5 else "")
        notes.append(
            f"skipped {len(skipped)} file(s) that are neither answers nor tables: {listed}"
        )
    return sources, failures, notes


def load_mapping(path: Path, pack: Pack) -> Any:
    """Read a --mapping YAML file and check it against the pack (UsageError if wrong)."""
    from ..answer_io.mapping import MappingFile, mapping_problems
    from ..loading import validate_doc
    from ..yamldoc import load_yaml

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
        details = "; ".join(f"line {f.line}: {f.message}" for f in findings[:5])
        raise UsageError(f"--mapping {shown}: not a valid mapping file: {details}")
    problems = mapping_problems(pack.questionnaire, model)
    if problems:
        raise UsageError(f"--mapping {shown}: " + "; ".join(problems[:10]))
    return model


# --- the output folder ------------------------------------------------------------------------


def prepare_outdir(options: BatchOptions) -> None:
    """Refuse a non-empty OUTDIR unless resuming or forced; --force clears our outputs only."""
    outdir = options.outdir
    if options.force and options.resume:
        raise UsageError("use either --resume (continue) or --force (start again), not both")
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"-o {display_path(outdir)}: not a folder")
    busy = outdir.is_dir() and any(outdir.iterdir())
    if busy and not (options.force or options.resume):
        raise UsageError(
            f"-o {display_path(outdir)} is not empty: use --resume to continue an earlier run "
            "or --force to replace its results"
        )
    if options.force and outdir.is_dir():
        for name in out.OUTPUT_FILES:
            (outdir / name).unlink(missing_ok=True)
        reports = outdir / out.REPORTS
        if reports.is_dir():
            for pdf in reports.glob("*.pdf"):
                pdf.unlink()
    outdir.mkdir(parents=True, exist_ok=True)


# --- running ----------------------------------------------------------------------------------


class _StopFlag:
    """Ctrl-C asks the run to stop after the chunks in hand (a second one stops at once)."""

    def __init__(self) -> None:
        self.set = False
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> _StopFlag:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.set = True
        signal.signal(signal.SIGINT, self._previous or signal.default_int_handler)

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous or signal.default_int_handler)


class _Run:
    """One batch run's state: what is done, what failed, where results go."""

    def __init__(
        self,
        pack: Pack,
        options: BatchOptions,
        matcher: Matcher,
        progress: Callable[[Progress], None] | None,
    ) -> None:
        self.pack = pack
        self.q = pack.questionnaire
        self.options = options
        self.matcher = matcher
        self.progress = progress
        self.outdir = options.outdir
        self.result = BatchResult(options.outdir)
        self.records: dict[out.Key, out.Record] = {}
        self.failures: list[Failed] = []
        self.taken: set[str] = set()
        self.total = 0
        self.scored = 0
        self.languages: Counter[str] = Counter()
        self.readable = False
        self.writer: AtomicWriter | None = None
        self.warm: threading.Thread | None = None
        self.sizes = (CHUNK, CHUNK // 2)  # respondents per task: answers files, table rows

    # -- resume --

    def load_previous(self, writer: AtomicWriter) -> None:
        """Keep the results of an earlier run (copied into the new results.jsonl)."""
        path = self.outdir / out.RESULTS
        if not path.is_file():
            return
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                parsed = out.parse_results_line(line)
                if parsed is None or parsed[0] in self.records:
                    continue
                key, data, profile, report = parsed
                if data.get("questionnaire") != self.q.id:
                    writer.discard()
                    raise UsageError(
                        f"{display_path(path)} holds results for questionnaire "
                        f"'{data.get('questionnaire')}', not '{self.q.id}': use another "
                        "folder or --force"
                    )
                self.records[key] = out.record_of(self.q, key[0], key[1], data, profile, report)
                self.languages[str(data.get("language", ""))] += 1
                if report:
                    self.taken.add(report.rsplit("/", 1)[-1].casefold())
                writer.write(line.rstrip("\n").encode("utf-8") + b"\n")
        reports = self.outdir / out.REPORTS
        if reports.is_dir():
            self.taken |= {p.name.casefold() for p in reports.iterdir()}

    # -- outcomes --

    def handle(self, outcome: Outcome) -> None:
        if isinstance(outcome, Failed):
            self.failures.append(outcome)
            return
        self.readable = True
        record = outcome.record
        report = ""
        if outcome.pdf is not None:
            name = out.report_name(outcome.company, outcome.source, outcome.row, self.taken)
            write_bytes(self.outdir / out.REPORTS / name, outcome.pdf)
            report = f"{out.REPORTS}/{name}"
            record.summary[out.REPORT] = report
        elif outcome.report_error is not None:
            self.result.report_failures.append(
                (f"{outcome.source}{_row_text(outcome.row)}", outcome.report_error)
            )
            note = f"report not written: {outcome.report_error}"
            record.summary[out.NOTES] = "; ".join(x for x in (record.summary[out.NOTES], note) if x)
        if outcome.missing:
            self.result.incomplete += 1
        self.records[record.key] = record
        self.languages[str(record.summary[out.LANGUAGE])] += 1
        self.scored += 1
        assert self.writer is not None
        line = out.results_line(
            outcome.source, outcome.row, outcome.profile, report, outcome.result_json
        )
        self.writer.write(line.encode("utf-8"))

    def report_progress(self) -> None:
        if self.progress is not None:
            self.progress(
                Progress(
                    done=self.scored + len(self.failures),
                    scored=self.scored,
                    failed=len(self.failures),
                    total=max(self.total, self.scored + len(self.failures)),
                    skipped=self.result.skipped,
                )
            )

    # -- work --

    def chunks(self, sources: Sequence[Source]) -> Iterator[Chunk | Failed]:
        """Chunks of respondents not yet done; a table that cannot be read is one Failed."""
        size, table_size = self.sizes
        done = self.records
        pending: list[Item] = []
        for source in sources:
            if source.kind == "answers":
                key = (source.shown, None)
                if key in done:
                    self.result.skipped += 1
                    continue
                pending.append(Item(source.shown, None, path=str(source.path)))
                if len(pending) >= size:
                    yield Chunk(tuple(pending))
                    pending = []
                continue
            yield from self.table_chunks(source, table_size)
        if pending:
            yield Chunk(tuple(pending))

    def table_chunks(self, source: Source, size: int) -> Iterator[Chunk | Failed]:
        shown = source.shown
        try:
            export = open_export(source.path, self.matcher)
        except InputError as exc:
            self.total += 1
            yield Failed(shown, None, "", located(exc))
            return
        plan: TablePlan = export.plan
        if plan.mapped == 0:
            self.total += 1
            yield Failed(
                shown,
                None,
                "",
                f"no column matches a question of '{self.q.id}' "
                "(see `sme-assess batch --check-mapping`, or give --mapping)",
            )
            return
        table = export
        items: list[Item] = []
        try:
            for number, cells in table.rows():
                if (shown, number) in self.records:
                    self.result.skipped += 1
                    continue
                self.total += 1
                items.append(Item(shown, number, cells=tuple(cells)))
                if len(items) >= size:
                    yield Chunk(tuple(items), plan)
                    items = []
        except InputError as exc:
            if items:
                yield Chunk(tuple(items), plan)
                items = []
            self.total += 1
            yield Failed(shown, None, "", f"stopped reading: {located(exc)}")
        if items:
            yield Chunk(tuple(items), plan)


def _row_text(row: int | None) -> str:
    return "" if row is None else f" row {row}"


def _chunk_size(options: BatchOptions, count: int | None) -> int:
    """Respondents per task: one report at a time; else enough tasks to share the work
    (``count`` answers files) evenly, at most CHUNK (tables: CHUNK // 2, count unknown)."""
    if options.pdf:
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
    if options.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    require_language(pack.questionnaire, options.lang)
    sources, failures, notes = discover(inputs, [options.outdir, *exclude])
    if not sources and not failures:
        names = ", ".join(display_path(p) for p in inputs)
        raise UsageError(f"no answers files or tables found in {names}")
    prepare_outdir(options)
    matcher = matcher or Matcher(pack.questionnaire)
    run = _Run(pack, options, matcher, progress)
    run.result.notes.extend(notes)
    run.failures.extend(failures)
    run.total += len(failures)
    if options.pdf:
        _check_report_fonts(pack, options)
    setup = Setup(
        slim(pack), matcher, Options(lenient=options.lenient, lang=options.lang), options.pdf
    )
    native = sum(1 for s in sources if s.kind == "answers")
    run.sizes = (_chunk_size(options, native), _chunk_size(options, None))
    with _StopFlag() as stop, AtomicWriter(options.outdir / out.RESULTS) as writer:
        run.writer = writer
        if options.resume:
            run.load_previous(writer)
        run.total += sum(  # tables add their rows as they are read
            1 for s in sources if s.kind == "answers" and (s.shown, None) not in run.records
        )
        if options.jobs == 1:
            _run_here(run, setup, sources, stop)
            _finish(run, None)
        else:
            if options.pdf:
                import weasyprint  # noqa: F401  (forked workers inherit it)
            with ProcessPoolExecutor(
                max_workers=options.jobs, initializer=init_worker, initargs=(setup,)
            ) as pool:
                healthy = _run_pool(run, pool, sources, stop, options.jobs, setup)
                _finish(run, pool if healthy else None)
                pool.shutdown(wait=True, cancel_futures=True)
    return run.result


def _run_here(run: _Run, setup: Setup, sources: Sequence[Source], stop: _StopFlag) -> None:
    from .work import _SETUP

    _SETUP[:] = [setup]
    try:
        for chunk in run.chunks(sources):
            if stop.set:
                break
            outcomes: list[Outcome] = [chunk] if isinstance(chunk, Failed) else run_chunk(chunk)
            for outcome in outcomes:
                run.handle(outcome)
            run.report_progress()
            if stop.set:
                break
    except KeyboardInterrupt:
        stop.set = True
    run.result.interrupted = stop.set


def _run_pool(
    run: _Run,
    pool: Executor,
    sources: Sequence[Source],
    stop: _StopFlag,
    jobs: int,
    setup: Setup,
) -> bool:
    """Run the chunks on the pool; returns False when the pool broke (a worker died), in
    which case the rest ran in this process."""
    from concurrent.futures.process import BrokenProcessPool

    from .work import _SETUP

    in_flight: dict[Future[list[Outcome]], Chunk] = {}
    healthy = True

    def outcomes_of(future: Future[list[Outcome]], chunk: Chunk) -> list[Outcome]:
        nonlocal healthy
        try:
            return future.result()
        except BrokenProcessPool:
            healthy = False
            return [
                Failed(item.source, item.row, "", "the worker process stopped unexpectedly")
                for item in chunk.items
            ]

    def drain() -> None:
        done, _ = wait(list(in_flight), timeout=0.2, return_when=FIRST_COMPLETED)
        for future in done:
            chunk = in_flight.pop(future)
            for outcome in outcomes_of(future, chunk):
                run.handle(outcome)
        if done:
            run.report_progress()

    try:
        for chunk in run.chunks(sources):
            if isinstance(chunk, Failed):
                run.handle(chunk)
                run.report_progress()
                continue
            while len(in_flight) >= jobs * IN_FLIGHT_PER_JOB and not stop.set:
                drain()
            if stop.set:
                break
            if healthy:
                try:
                    in_flight[pool.submit(run_chunk, chunk)] = chunk
                except BrokenProcessPool:  # a worker died before its result was read
                    healthy = False
            if healthy:
                if run.warm is None:  # the workers exist now: warm up for the cohort PDF
                    run.warm = threading.Thread(
                        target=_warm_up, args=(run.q.languages,), daemon=True
                    )
                    run.warm.start()
            else:  # carry on here, more slowly, rather than lose the rest
                _SETUP[:] = [setup]
                for outcome in run_chunk(chunk):
                    run.handle(outcome)
                run.report_progress()
        while in_flight and not stop.set:
            drain()
    except KeyboardInterrupt:
        stop.set = True
    if stop.set:
        run.result.interrupted = True
        for future in in_flight:
            future.cancel()
        for future, chunk in in_flight.items():  # keep what finished while stopping
            if future.done() and not future.cancelled():
                for outcome in outcomes_of(future, chunk):
                    run.handle(outcome)
    return healthy


def _check_report_fonts(pack: Pack, options: BatchOptions) -> None:
    """Refuse --pdf at once when the main language has no font (rather than per report)."""
    from ..messages import pick_language
    from ..report.fonts import require_fonts

    require_fonts(pick_language(pack.questionnaire, options.lang))


# --- the end: outputs -------------------------------------------------------------------------


def make_xlsx(columns: list[str], rows: list[list[Any]]) -> bytes:
    """summary.xlsx (run in a worker while the main process writes the rest)."""
    from ..answer_io.tabular import table_xlsx

    return table_xlsx([columns, *rows], "summary", freeze="D2")


def _warm_up(languages: Sequence[str]) -> None:
    """Import WeasyPrint and ask fontconfig about fonts while the workers score (the main
    process is mostly waiting then), so that the cohort PDF is quick at the end."""
    try:
        import weasyprint  # noqa: F401

        from ..report.fonts import fonts_for

        for lang in languages:
            fonts_for(lang)
    except Exception:  # pragma: no cover - only a head start; rendering reports problems
        pass


def make_cohort_pdf(html: str, lang: str) -> bytes:
    from ..report.cohort import render_cohort_pdf

    return render_cohort_pdf(html, lang)


def _finish(run: _Run, pool: Executor | None) -> None:
    """Commit results.jsonl, then write summary.csv/.xlsx, errors.csv, cohort.html/.pdf.
    On an interrupt the cohort PDF is left out (it is remade on --resume)."""
    from ..messages import pick_language
    from ..report.cohort import CohortPage, cohort_string, render_cohort_html, today
    from .cohort import cohort_stats

    result, q, outdir = run.result, run.q, run.outdir
    if run.writer is not None:
        run.writer.commit()  # results.jsonl first: it is what --resume goes by
    records = sorted(run.records.values(), key=lambda r: out.order_key(r.key))
    out.fill_percentiles(records)
    columns = out.summary_columns(q)
    rows = [r.summary for r in records]
    xlsx_job = pool.submit(make_xlsx, columns, rows) if pool is not None else None

    langs = [lang for lang, _ in run.languages.most_common() if lang]
    lang = pick_language(q, run.options.lang, *(langs[:1]))
    stats = cohort_stats(
        run.pack,
        [r.facts for r in records],
        len(run.failures),
        lang,
        cohort_string("not_given", lang),
    )
    page = CohortPage(
        stats,
        pack_title=_text(q.title, lang, q.default_language),
        pack_id=q.id,
        pack_version=q.version,
        date=today(),
    )
    html = render_cohort_html(page)

    write_bytes(outdir / out.SUMMARY_CSV, out_csv([columns, *rows]))
    failures = sorted(run.failures, key=lambda f: out.order_key(f.key))
    write_bytes(
        outdir / out.ERRORS, out_csv([list(out.ERROR_COLUMNS), *map(out.error_row, failures)])
    )
    write_bytes(outdir / out.COHORT_HTML, html.encode("utf-8"))
    written = [out.SUMMARY_CSV, out.SUMMARY_XLSX, out.RESULTS, out.ERRORS, out.COHORT_HTML]

    if result.interrupted:
        (outdir / out.COHORT_PDF).unlink(missing_ok=True)
    else:  # here, while a worker writes the XLSX
        if run.warm is not None:
            run.warm.join()
        try:
            write_bytes(outdir / out.COHORT_PDF, make_cohort_pdf(html, lang))
            written.append(out.COHORT_PDF)
        except InputError as exc:
            (outdir / out.COHORT_PDF).unlink(missing_ok=True)
            result.notes.append(f"{out.COHORT_PDF} not written: {exc}")
    xlsx = xlsx_job.result() if xlsx_job is not None else make_xlsx(columns, rows)
    write_bytes(outdir / out.SUMMARY_XLSX, xlsx)
    if any(r.summary[out.REPORT] for r in records):
        written.append(out.REPORTS + "/")
    result.written = written
    result.failures = failures
    result.scored = len(records)
    result.new = run.scored
    result.readable = (
        run.readable or result.skipped > 0 or any(f.row is not None or f.problems for f in failures)
    )


def out_csv(rows: list[list[Any]]) -> bytes:
    from ..answer_io.tabular import csv_bytes

    return csv_bytes(rows)


def _text(text: Any, lang: str, default: str) -> str:
    from ..models import text_for

    return text_for(text, lang, default)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def choose_pack(spec: str | None, inputs: Sequence[Path]) -> Pack:
    """--pack, else the built-in pack the first readable answers file names, else the
    default built-in pack."""
    from ..answer_io.native import load_answers
    from ..loading import load_pack
    from ..packs import pack_for

    named: str | None = None
    if spec is None:
        sources, _, _ = discover(inputs)
        for source in [s for s in sources if s.kind == "answers"][:20]:
            try:
                named = load_answers(source.path).questionnaire
            except InputError:
                continue
            break
    return load_pack(pack_for(spec, named))

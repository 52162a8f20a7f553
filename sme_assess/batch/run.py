"""Score many respondents on all cores: answers files and survey tables in; a summary, the
full results, the errors, a cohort overview and (with reports) one PDF per firm out.

The main process finds the inputs, reads tables, hands chunks of respondents to an engine
(``engine``: local worker processes, ``pool``, or a Dask cluster, ``dask_engine``) and
appends each chunk's results to the journals (``journal``: results.jsonl, errors.csv) as
they come back; workers read answers files and run the pure ``work.score_one``. Only the
keys of the respondents done are kept in memory; at the end the summary (CSV, XLSX,
Parquet) and cohort are derived from results.jsonl on disk and written atomically
(``finish``). A bad input
never stops the run: it becomes a row of errors.csv. Ctrl-C, SIGTERM and SIGHUP stop after
the chunks in hand and write what is done (``lifecycle``); ``resume`` skips respondents
already in results.jsonl, even after ``kill -9``.
Nothing here prints: progress goes to a callback, the outcome is returned.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..answer_io.csv_ranges import CsvFile, csv_file, head_table, spans
from ..answer_io.intake import Export, open_export
from ..answer_io.mapping import Matcher, TablePlan
from ..answer_io.tabular import is_table
from ..atomic import write_bytes
from ..engine.evaluation import Options
from ..errors import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    InputError,
    UsageError,
    display_path,
    unexpected,
)
from ..pack.loading import Pack
from ..terminal_text import visible
from ..wording.messages import Namer, require_language
from . import outputs as out
from .engine import ENGINES, Engine, open_engine
from .finish import finish, warm_up
from .journal import AppendLog, read_back
from .lean import is_lean, names
from .lifecycle import StopFlag
from .outdir import open_outdir
from .work import (
    Chunk,
    Failed,
    Item,
    Outcome,
    Scored,
    Setup,
    located,
    run_chunk,
    slim,
)

ANSWER_SUFFIXES = (".json", ".yaml", ".yml")
CHUNK = 64  # respondents per task when only scoring


@dataclass(frozen=True)
class BatchOptions:
    outdir: Path
    jobs: int = 1
    pdf: bool = False
    lang: str | None = None
    resume: bool = False
    force: bool = False
    lenient: bool = False
    id_column: str | None = None  # --id-column: match T0 and T1 of a firm
    engine: str = "local"  # engine.ENGINES: local processes, or a Dask cluster
    scheduler: str | None = None  # --engine dask: a running cluster's address (else local)
    full_results: bool = False  # results.jsonl with the whole Result (else the lean form)
    edition: str = "brief"  # --edition of the per-firm reports (--pdf)


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


@dataclass(frozen=True, slots=True)
class Source:
    """An input found: its path as a string (a Path each costs ~10x more in memory, and a
    programme has 100,000s of files), as shown, and its kind."""

    where: str
    shown: str
    kind: Literal["answers", "table"]

    @property
    def path(self) -> Path:
        return Path(self.where)


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


def _inside(path: Path, folders: Sequence[Path]) -> bool:
    return any(path == f or path.is_relative_to(f) for f in folders)


class Discovery:
    """Answers files and tables named by the inputs, found as they are iterated (folders
    are searched recursively, in natural order; hidden files and folders, Office lock files
    and the ``exclude`` paths are left out), so that 100,000s of files are never held in a
    list. Each iteration walks the folders again. ``failures``: the inputs that cannot be
    used; ``notes``: what was skipped (both complete once an iteration has ended)."""

    def __init__(self, inputs: Sequence[Path], exclude: Sequence[Path] = ()) -> None:
        self.inputs = list(inputs)
        self.excluded = [p.resolve() for p in exclude]
        self.failures: list[Failed] = []
        self.notes: list[str] = []

    def __iter__(self) -> Iterator[Source]:
        excluded = self.excluded
        excluded_names = {p.name for p in excluded}
        failures: list[Failed] = []
        skipped: list[str] = []
        skipped_count = 0
        seen: set[str] = set()

        def add(path: Path, real: str, shown: str, explicit: bool) -> Source | None:
            nonlocal skipped_count
            if real in seen:
                return None
            seen.add(real)
            if (explicit or path.name in excluded_names) and _inside(Path(real), excluded):
                return None
            suffix = path.suffix.lower()
            if suffix in ANSWER_SUFFIXES:
                return Source(str(path), shown, "answers")
            if is_table(path):
                return Source(str(path), shown, "table")
            if explicit:
                why = (
                    "old Excel format: save it as .xlsx"
                    if suffix == ".xls"
                    else "not an answers file or a table (.json, .yaml, .yml, .csv, .tsv, .xlsx)"
                )
                failures.append(Failed(shown, None, "", why))
            else:
                skipped_count += 1
                if len(skipped) < 5:
                    skipped.append(shown)
            return None

        for given in self.inputs:
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
                        found = add(
                            Path(folder, name),
                            os.path.join(real_folder, name),
                            os.path.join(shown_folder, name),
                            explicit=False,
                        )
                        if found is not None:
                            yield found
            elif given.is_file():
                found = add(given, str(given.resolve()), display_path(given), explicit=True)
                if found is not None:
                    yield found
            else:
                failures.append(Failed(display_path(given), None, "", "no such file or folder"))
        self.failures = failures
        self.notes = []
        if skipped_count:
            listed = ", ".join(skipped) + (", …" if skipped_count > 5 else "")
            self.notes.append(
                f"skipped {skipped_count} file(s) that are neither answers nor tables: {listed}"
            )


def discover(
    inputs: Sequence[Path], exclude: Sequence[Path] = ()
) -> tuple[list[Source], list[Failed], list[str]]:
    """Every source of ``Discovery`` in a list, the inputs that cannot be used (as
    failures) and notes (for a few inputs: ``--check-mapping``, choosing the pack)."""
    found = Discovery(inputs, exclude)
    sources = list(found)
    return sources, found.failures, found.notes


def load_mapping(path: Path, pack: Pack) -> Any:
    """Read a --mapping YAML file and check it against the pack (UsageError if wrong)."""
    from ..answer_io.mapping import MappingFile, mapping_problems
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
        details = "; ".join(f"line {f.line}: {f.message}" for f in findings[:5])
        raise UsageError(f"--mapping {shown}: not a valid mapping file: {details}")
    problems = mapping_problems(pack.questionnaire, model)
    if problems:
        raise UsageError(f"--mapping {shown}: " + "; ".join(problems[:10]))
    return model


# --- running ----------------------------------------------------------------------------------


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
        # in results.jsonl: from an earlier run (--resume skips them), and, with --id-column,
        # from this one too (the progress reads them); else not kept: flat memory
        self.done: set[out.Key] = set()
        self.failures: list[Failed] = []
        self.taken: set[str] = set()
        self.total = 0
        self.scored = 0
        self.languages: Counter[str] = Counter()
        self.readable = False
        self.results: AppendLog | None = None  # the journals, open while the run goes
        self.errors: AppendLog | None = None
        self.warm: threading.Thread | None = None
        self.sizes = (CHUNK, CHUNK // 2)  # respondents per task: answers files, table rows
        self.namers: dict[str, Namer] = {}  # per language, for lean lines read back

    # -- resume --

    def load_previous(self) -> None:
        """Keep the results of an earlier run (results.jsonl, repaired if a kill cut it)."""
        path = self.outdir / out.RESULTS
        dropped = read_back(path, self._take_previous)
        if dropped:
            self.result.notes.append(
                f"{dropped} damaged line(s) of {out.RESULTS} (a run killed while writing) "
                "were left out: those respondents are scored again"
            )
        reports = self.outdir / out.REPORTS
        if reports.is_dir():
            self.taken |= {p.name.casefold() for p in reports.iterdir()}

    def _take_previous(self, line: str) -> bool:
        parsed = out.parse_results_line(line)
        if parsed is None:
            return False
        key, data, profile, report = parsed
        if key in self.done:
            return True
        if data.get("questionnaire") != self.q.id:
            raise UsageError(
                f"{display_path(self.outdir / out.RESULTS)} holds results for questionnaire "
                f"'{visible(str(data.get('questionnaire')), newlines=False)}', not "
                f"'{self.q.id}': use another folder or --force"
            )
        try:
            if is_lean(data):  # names are left out of lean lines: from the pack
                names(data, self.namer(str(data.get("language") or "")))
            out.record_of(self.q, key[0], key[1], data, profile, report)
        except Exception:  # a line that parses but is not a result: score it again
            return False
        self.done.add(key)
        self.languages[str(data.get("language", ""))] += 1
        if report:
            self.taken.add(report.rsplit("/", 1)[-1].casefold())
        return True

    def namer(self, lang: str) -> Namer:
        found = self.namers.get(lang)
        if found is None:
            found = self.namers[lang] = Namer(
                self.q, self.pack.catalogue, lang or self.q.default_language
            )
        return found

    def open_journals(self) -> None:
        """results.jsonl continued (--resume) or new; errors.csv new (failures are retried)."""
        path = self.outdir / out.RESULTS
        resume = self.options.resume and path.is_file()
        self.results = AppendLog.reopen(path) if resume else AppendLog.create(path)
        head = out.csv_rows([list(out.ERROR_COLUMNS)], bom=True)
        self.errors = AppendLog.create(self.outdir / out.ERRORS, head)

    def close_journals(self) -> None:
        for log in (self.results, self.errors):
            if log is not None:
                log.close()

    # -- outcomes --

    def handle_all(self, outcomes: Sequence[Outcome]) -> None:
        """A chunk's outcomes: kept, and appended to the journals in one write each."""
        lines: list[str] = []
        failed: list[Failed] = []
        for outcome in outcomes:
            if isinstance(outcome, Failed):
                self.failures.append(outcome)
                failed.append(outcome)
            else:
                lines.append(self.handle(outcome))
        assert self.results is not None and self.errors is not None
        if lines:
            self.results.append("".join(lines).encode("utf-8"))
        if failed:
            self.errors.append(out.csv_rows([out.error_row(f) for f in failed]))
        self.report_progress()

    def handle(self, outcome: Scored) -> str:
        """Keep a scored respondent (writing its report); returns its results.jsonl line."""
        self.readable = True
        record = outcome.record
        report = ""
        if outcome.pdf is not None:
            name = out.report_name(outcome.company, outcome.source, outcome.row, self.taken)
            try:
                write_bytes(self.outdir / out.REPORTS / name, outcome.pdf)
                report = f"{out.REPORTS}/{name}"
                record.summary[out.REPORT] = report
            except InputError as exc:
                outcome.report_error = exc.message
        if not report and outcome.report_error is not None:
            self.result.report_failures.append(
                (f"{outcome.source}{_row_text(outcome.row)}", outcome.report_error)
            )
            note = f"report not written: {outcome.report_error}"
            record.summary[out.NOTES] = "; ".join(x for x in (record.summary[out.NOTES], note) if x)
        if outcome.missing:
            self.result.incomplete += 1
        if self.options.id_column:  # --id-column's progress reads the keys of every row;
            self.done.add(record.key)  # else only those of an earlier run are needed (skip)
        self.languages[str(record.summary[out.LANGUAGE])] += 1
        self.scored += 1
        return out.results_line(
            outcome.source,
            outcome.row,
            outcome.profile,
            report,
            outcome.result_json,
            str(record.summary[out.NOTES]),
        )

    def join_warm_up(self) -> None:
        """Before forking new workers: no import may be half done in another thread."""
        if self.warm is not None:
            self.warm.join()

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

    def chunks(self, sources: Iterable[Source]) -> Iterator[Chunk | Failed]:
        """Chunks of respondents not yet done; a table that cannot be read is one Failed."""
        size, table_size = self.sizes
        done = self.done
        pending: list[Item] = []
        for source in sources:
            if source.kind == "answers":
                key = (source.shown, None)
                if key in done:
                    self.result.skipped += 1
                    continue
                pending.append(Item(source.shown, None, path=source.where))
                if len(pending) >= size:
                    yield Chunk(tuple(pending))
                    pending = []
                continue
            yield from self.table_chunks(source, table_size)
        if pending:
            yield Chunk(tuple(pending))

    def table_chunks(self, source: Source, size: int) -> Iterator[Chunk | Failed]:
        """A table's rows in chunks; a table that cannot be read (for any reason) is one
        Failed, and one that breaks off part-way keeps the rows read before."""
        shown = source.shown
        layout: CsvFile | None = None
        try:
            layout = csv_file(source.path)
            head = None if layout is None else head_table(layout)
            export = open_export(source.path, self.matcher, head)
        except InputError as exc:
            self.total += 1
            yield Failed(shown, None, "", located(exc))
            return
        except Exception as exc:  # a damaged file may break a parser in unforeseen ways
            self.total += 1
            yield Failed(shown, None, "", f"cannot read: {unexpected(exc)}")
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
        if layout is not None:
            yield from self.span_chunks(layout, export, size)
            return
        table = export
        items: list[Item] = []
        problem: str | None = None
        rows = table.rows()
        while True:
            try:
                number, cells = next(rows)
            except StopIteration:
                break
            except InputError as exc:
                problem = located(exc)
                break
            except Exception as exc:
                problem = unexpected(exc)
                break
            if (shown, number) in self.done:
                self.result.skipped += 1
                continue
            self.total += 1
            items.append(Item(shown, number, cells=tuple(cells)))
            if len(items) >= size:
                yield Chunk(tuple(items), plan)
                items = []
        if items:
            yield Chunk(tuple(items), plan)
        if problem is not None:
            self.total += 1
            yield Failed(shown, None, "", f"stopped reading: {problem}")

    def span_chunks(self, layout: CsvFile, export: Export, size: int) -> Iterator[Chunk | Failed]:
        """A CSV table's rows as spans the workers read (``csv_ranges``): here only a
        streaming pass that finds where the spans start."""
        shown = layout.shown
        problem: str | None = None
        try:
            first = next(export.rows(), None)  # the first respondent row, after the headers
        except InputError as exc:
            first, problem = None, located(exc)
        except Exception as exc:
            first, problem = None, unexpected(exc)
        if first is not None:
            done = self.done

            def already(number: int) -> bool:
                if (shown, number) in done:
                    self.result.skipped += 1
                    return True
                return False

            try:
                for part in spans(layout, first[0], size, already):
                    if isinstance(part, InputError):
                        problem = located(part)
                        break
                    self.total += part.count
                    yield Chunk((), export.plan, part)
            except InputError as exc:
                problem = located(exc)
            except Exception as exc:
                problem = unexpected(exc)
        if problem is not None:
            self.total += 1
            yield Failed(shown, None, "", f"stopped reading: {problem}")


def _row_text(row: int | None) -> str:
    return "" if row is None else f" row {row}"


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
    if options.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if options.engine not in ENGINES:
        raise UsageError(f"--engine {options.engine}: use {' or '.join(ENGINES)}")
    if options.scheduler is not None and options.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
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
        raise UsageError(f"no answers files or tables found in {names}")
    run = _Run(pack, options, matcher or Matcher(pack.questionnaire), progress)
    previous = run.load_previous if options.resume else (lambda: None)
    lock = open_outdir(
        options.outdir, resume=options.resume, force=options.force, before_clearing=previous
    )
    with lock:
        return _run_locked(run, sources, native, failures, notes)


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
                    finish(run)
                finally:
                    engine.close()
    finally:
        run.close_journals()
    return run.result


def _run_here(run: _Run, setup: Setup, sources: Iterable[Source], stop: StopFlag) -> None:
    from .work import _SETUP

    _SETUP[:] = [setup]
    try:
        for chunk in run.chunks(sources):
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
        for chunk in run.chunks(sources):
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
        run.result.notes.append(
            "worker processes kept stopping unexpectedly: the rest was scored in the main process"
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
    default built-in pack."""
    from ..answer_io.native import load_answers
    from ..pack.loading import load_pack
    from ..pack.locate import pack_for

    named: str | None = None
    if spec is None:
        answers = (s for s in Discovery(inputs) if s.kind == "answers")
        for source in itertools.islice(answers, 20):
            try:
                named = load_answers(source.path).questionnaire
            except InputError:
                continue
            break
    return load_pack(pack_for(spec, named))

"""One batch run's state: its options, what is done, the journals, and what it returns.

``_Run`` keeps the keys of the respondents done (from an earlier run on ``--resume``), takes
each chunk's outcomes as they come back from the engine (``handle_all``: appended to
results.jsonl and errors.csv in one write each) and counts what the progress shows. Nothing
here prints: progress goes to a callback.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..answer_io.mapping import Matcher
from ..atomic import write_bytes
from ..errors import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    InputError,
    UsageError,
    display_path,
)
from ..pack.loading import Pack
from ..terminal_text import visible
from ..wording.messages import Namer
from . import outputs as out
from .failure import Failed
from .journal import AppendLog, read_back
from .lean import is_lean, names
from .words import operator_words, place
from .work import Outcome, Scored


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
    lost: int = 0  # scored with answers lost: ticks under an option none of the question's
    unread: int = 0  # scored with filled cells under no question, not read (notes say)
    unsure: int = 0  # scored with options that had no column, not known (notes say)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        if not self.readable:
            return EXIT_USAGE
        if self.failures or self.report_failures or self.lost:
            return EXIT_FINDINGS
        return EXIT_OK


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
        self.sizes = (64, 32)  # respondents per task: answers files, table rows (run sets them)
        self.namers: dict[str, Namer] = {}  # per language, for lean lines read back

    # -- resume --

    def load_previous(self) -> None:
        """Keep the results of an earlier run (results.jsonl, repaired if a kill cut it)."""
        path = self.outdir / out.RESULTS
        dropped = read_back(path, self._take_previous)
        if dropped:
            _ = operator_words()
            self.result.notes.append(
                _.ngettext(
                    "{n} damaged line of {file} (a run killed while writing) was left out: "
                    "its respondent is scored again",
                    "{n} damaged lines of {file} (a run killed while writing) were left out: "
                    "those respondents are scored again",
                    dropped,
                    file=out.RESULTS,
                )
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
            _ = operator_words()
            raise UsageError(
                _(
                    "{file} holds results for questionnaire '{found}', not '{wanted}': use "
                    "another folder or --force",
                    file=display_path(self.outdir / out.RESULTS),
                    found=visible(str(data.get("questionnaire")), newlines=False),
                    wanted=self.q.id,
                )
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
                (place(outcome.source, outcome.row), outcome.report_error)
            )
            note = f"report not written: {outcome.report_error}"
            record.summary[out.NOTES] = "; ".join(x for x in (record.summary[out.NOTES], note) if x)
        if outcome.missing:
            self.result.incomplete += 1
        if outcome.lost:
            self.result.lost += 1
        if outcome.unread:
            self.result.unread += 1
        if outcome.unsure:
            self.result.unsure += 1
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

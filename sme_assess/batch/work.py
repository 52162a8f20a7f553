"""The work done for each respondent, in worker processes: answers in, a scored row out.

``score_one(pack, answers, options)`` is a pure function of picklable values (it wraps
``evaluation.evaluate``); reading an answers file or a table row happens just before it and
writing happens in the main process, so the same map runs on local processes (``pool``) or
on a Dask cluster (``dask_engine``) without changing either function.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..answer_io import words
from ..answer_io.csv_ranges import Span, read_span
from ..answer_io.mapping import Matcher, RowRead, TablePlan
from ..answer_io.plan import ShiftedRow, unanswered_where
from ..engine.evaluation import Options, evaluate
from ..errors import AnswersError, SmeAssessError, unexpected
from ..i18n import Said
from ..models import Answers
from ..models.result import Result
from ..pack.loading import Pack
from ..pack.yamldoc import YamlDoc
from .failure import Failed
from .lean import lean_json
from .outputs import Record, record_of


@dataclass(frozen=True)
class Item:
    """One respondent to score: an answers file, or a row of a table."""

    source: str  # the input as shown to the user (and the resume key with ``row``)
    row: int | None = None  # row number in a table; None for an answers file
    path: str | None = None  # answers file to read
    cells: tuple[str, ...] = ()  # a table row

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.source, self.row)


@dataclass(frozen=True)
class Chunk:
    """Items sent to a worker together; table rows carry their table's column plan. A CSV
    table's rows are sent as a ``span`` the worker reads itself (``csv_ranges``)."""

    items: tuple[Item, ...]
    plan: TablePlan | None = None
    span: Span | None = None

    @property
    def where(self) -> str:
        """The rows of a span, for a message about all of them."""
        span = self.span
        return "" if span is None else f"{span.rows}: "


@dataclass
class Scored:
    source: str
    row: int | None
    company: str
    record: Record  # its summary row (report and percentile filled in later) and facts
    result_json: str  # the Result as compact JSON (results.jsonl)
    profile: dict[str, str | None]
    pdf: bytes | None = None
    report_error: str | None = None
    missing: tuple[str, ...] = ()  # scored questions its table had no column for (--lenient)
    notes: tuple[Said, ...] = ()  # what its table row could not give (in the summary's notes)
    lost: int = 0  # answers its row lost: ticks under an option none of the question's
    unread: int = 0  # filled cells of its row under no question, not read
    unsure: int = 0  # options of its questions with no column: not known

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.source, self.row)


Outcome = Scored | Failed


@dataclass(frozen=True)
class Setup:
    """Everything a worker needs, sent once per worker process."""

    pack: Pack
    matcher: Matcher
    options: Options
    pdf: bool = False
    full: bool = False  # --full-results: the whole Result per line (else the lean form)
    edition: str = "brief"  # the per-firm report's edition (batch --edition)


def slim(pack: Pack) -> Pack:
    """The pack without its source texts and node trees (scoring needs only the models)."""
    return dataclasses.replace(
        pack,
        qdoc=YamlDoc(pack.qdoc.path, "", None),
        cdoc=YamlDoc(pack.cdoc.path, "", None),
    )


def score_one(
    pack: Pack,
    answers: Answers,
    options: Options,
    *,
    pdf: bool = False,
    source: str = "",
    row: int | None = None,
    full: bool = False,
    edition: str = "brief",
    doc: YamlDoc | None = None,
) -> Scored:
    """Score one respondent (and render their report). Raises AnswersError when the answers
    do not fit the pack. Pure: the same inputs give the same output, nothing is written.
    ``full``: the whole Result as results.jsonl data, else its lean form (``lean``)."""
    ev = evaluate(pack, answers, options, doc=doc)
    result_json = ev.result.model_dump_json() if full else lean_json(ev.result, answers)
    profile = {"sector": ev.profile.sector, "size": ev.profile.size}
    record = record_of(pack.questionnaire, source, row, digest(ev.result), profile, "")
    scored = Scored(
        source=source,
        row=row,
        company=str(ev.result.respondent.get("company") or ""),
        record=record,
        result_json=result_json,
        profile=profile,
    )
    if pdf:
        from ..report import ReportFormat, build_report

        try:
            scored.pdf = build_report(ev, ReportFormat.pdf, edition=edition)
        except SmeAssessError as exc:
            scored.report_error = str(exc)
    return scored


def digest(result: Result) -> dict[str, Any]:
    """The parts of a Result the summary needs, shaped as in its JSON (as results.jsonl
    holds it), without serialising and parsing the whole result again."""
    return {
        "language": result.language,
        "respondent": result.respondent,
        "overall": {
            "score": result.overall.score,
            "level": result.overall.level,
            "level_name": result.overall.level_name,
            "coverage": result.overall.coverage,
            "confidence": result.overall.confidence,
        },
        "categories": [
            {"id": c.id, "score": c.score, "coverage": c.coverage} for c in result.categories
        ],
        "pain_points": [
            {"id": p.id, "name": p.name, "severity": p.severity} for p in result.pain_points
        ],
        "recommendations": [
            {"solution": r.solution, "name": r.name, "rank": r.rank} for r in result.recommendations
        ],
        "estimates": [
            {
                "framework": e.framework,
                "points": e.points,
                "level": e.level,
                "level_label": e.level_label,
                "held_back_by": None
                if e.held_back_by is None
                else e.held_back_by.model_dump(mode="json"),
            }
            for e in result.estimates
        ],
        "ignored": list(result.ignored),
    }


def answers_from(doc: dict[str, Any]) -> Answers:
    """A table row's answers document as the Answers model (problems as AnswersError)."""
    from pydantic import ValidationError

    try:
        return Answers.model_validate(doc)
    except ValidationError as exc:
        details = [
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
            for err in exc.errors(include_url=False)
        ]
        raise AnswersError("not valid answers", details) from None


def read_answers(path: Path, shown: str, pack: Pack | None = None) -> tuple[Answers, YamlDoc]:
    """An answers file, as ``native.load_answers`` reads it, with the path as shown already
    known (finding it again costs more than parsing a small file); a value of a shape no
    answer has is said with what ``pack``'s question expects."""
    from ..answer_io.native import load_answers_doc
    from ..engine.answers_check import expected_in

    expected = None if pack is None else expected_in(pack.questionnaire)
    return load_answers_doc(path, shown, expected)


def process(setup: Setup, plan: TablePlan | None, item: Item) -> Outcome:
    """Read one respondent (file or row), score it; every failure becomes a Failed."""
    company = ""
    read: RowRead | None = None
    doc: YamlDoc | None = None  # an answers file's, to place its problems at line:col
    try:
        if item.path is not None:
            answers, doc = read_answers(Path(item.path), item.source, setup.pack)
        else:
            assert plan is not None
            read = setup.matcher.row(plan, item.cells)
            company = str(read.doc["respondent"].get("company") or "")
            if read.header_like:
                why = Said(words.NOT_A_FIRM, why=read.header_like)
                return Failed(item.source, item.row, company, why)
            refused = None if setup.options.lenient else refusal(read)
            if refused is not None:
                return Failed(item.source, item.row, company, *refused)
            read.notes.extend(Said(words.FIRST_SCORED, clash=c) for c in read.clashes)
            answers = answers_from(read.doc)
        company = answers.respondent.company or company
        scored = score_one(
            setup.pack,
            answers,
            setup.options,
            pdf=setup.pdf,
            source=item.source,
            row=item.row,
            full=setup.full,
            edition=setup.edition,
            doc=doc,
        )
        if read is not None:
            _note(scored, read.missing, read.notes)
    except AnswersError as exc:
        # why a question found wrong was not read from its cell ("'15' matches no option")
        wrong = {d.partition(":")[0] for d in exc.details}
        said = [n for n in read.notes if n.partition(":")[0] in wrong] if read else []
        # a cell refused for certain (a formula, a 1 under yes/no) is said by its note alone:
        # the engine's "got a list ['1']" is how the refusal reached it, not what the cell holds
        by_note = {n.partition(":")[0] for n in said if n.message == words.CELL_NOT_READ}
        details: list[str] = [d for d in exc.details if d.partition(":")[0] not in by_note]
        if read is not None and plan is not None:  # a required question: the column it was in
            details = [_where(setup, plan, d) for d in details]
        return Failed(item.source, item.row, company, exc.message, [*details, *said])
    except ShiftedRow as exc:  # its company when that can be read for certain
        return Failed(item.source, item.row, exc.company, exc.message, exc.problems)
    except SmeAssessError as exc:
        return Failed(item.source, item.row, company, located(exc))
    except Exception as exc:  # a bug, RecursionError, MemoryError...: one respondent lost
        return Failed(item.source, item.row, company, unexpected(exc))
    return scored


def _where(setup: Setup, plan: TablePlan, detail: str) -> str:
    """An answers problem of a table row, with the column it was read from when it is a
    required question left unanswered (``answer_io.plan.unanswered_where``)."""
    question = setup.matcher.lookups.questions.get(detail.partition(":")[0])
    profile = question.profile if question is not None else None
    return unanswered_where(plan, detail, profile) or detail


def refusal(read: RowRead) -> tuple[str, list[str]] | None:
    """Why a row is not scored without --lenient, and its problems: two columns answering one
    question differently, or questions it was asked with no column. (errors.csv's words:
    English, as summary.csv's; the terminal says them in the operator's language.)"""
    if read.clashes:
        return Said(words.CLASHED, n=len(read.clashes)), list(read.clashes)
    if read.missing:
        problems: list[str] = [
            Said(words.NO_COLUMN_UNSCORED if qid in read.unscored else words.NO_COLUMN, qid=qid)
            for qid in read.missing
        ]
        # said as not scored only when none of them is: one scored is enough to say so
        if len(read.unscored) == len(read.missing):
            return Said(words.NO_COLUMNS_UNSCORED, n=len(read.missing)), problems
        return Said(words.NO_COLUMNS, n=len(read.missing)), problems
    return None


def _note(scored: Scored, missing: list[str], notes: list[Said]) -> None:
    """What the table could not give, in the summary's notes column."""
    said = [Said(words.SCORED_WITHOUT, ids=", ".join(missing))] if missing else []
    said += notes
    if said:
        scored.missing = tuple(missing)
        scored.notes = tuple(said)
        scored.lost = sum(1 for n in notes if n.message in words.LOST)
        scored.unread = sum(1 for n in notes if n.message in words.UNREAD)
        scored.unsure = sum(1 for n in notes if n.message in words.UNSURE)
        summary = scored.record.summary
        summary[-1] = "; ".join(x for x in (summary[-1], *said) if x)


def located(exc: SmeAssessError) -> str:
    """The message with its line (and column) when known; the file is in its own column."""
    where = exc.where
    if where is not None and where.line is not None:
        position = f"line {where.line}" + (f":{where.col}" if where.col else "")
        return f"{position}: {exc.message}"
    return exc.message


_SETUP: list[Setup] = []


def init_worker(setup: Setup, parent: int | None = None) -> None:
    """Process-pool initializer: keep the setup; leave Ctrl-C, SIGTERM and SIGHUP to the
    main process ``parent`` and die with it."""
    from .lifecycle import die_with_parent

    die_with_parent(parent)
    _SETUP[:] = [setup]
    if setup.pdf:
        import weasyprint  # noqa: F401  (once per worker, not once per report)


def items_of(chunk: Chunk) -> tuple[list[Item], Failed | None]:
    """The respondents of a chunk: its items, or the rows of its span read from the file
    (with the problem that stopped the reading, as one Failed of the table)."""
    span = chunk.span
    if span is None:
        return list(chunk.items), None
    shown = span.file.shown
    items: list[Item] = []
    try:
        for number, cells in read_span(span):
            items.append(Item(shown, number, cells=tuple(cells)))
    except SmeAssessError as exc:
        return items, Failed(shown, None, "", f"stopped reading: {located(exc)}")
    except Exception as exc:  # a damaged file may break a parser in unforeseen ways
        return items, Failed(shown, None, "", f"stopped reading: {unexpected(exc)}")
    return items, None


def split(chunk: Chunk) -> tuple[list[Chunk], list[Outcome]]:
    """A chunk as chunks of one respondent each (to find the one that kills a worker)."""
    items, problem = items_of(chunk)
    return [Chunk((item,), chunk.plan) for item in items], [problem] if problem else []


def failed_all(chunk: Chunk, message: str) -> list[Outcome]:
    """Every respondent of a chunk failed with ``message`` (a span: one row for all)."""
    if chunk.span is not None:
        return [Failed(chunk.span.file.shown, None, "", chunk.where + message)]
    return [Failed(i.source, i.row, "", message) for i in chunk.items]


def chunk_outcomes(setup: Setup, chunk: Chunk) -> list[Outcome]:
    """Every respondent of a chunk, in order (reading its span first)."""
    items, problem = items_of(chunk)
    outcomes: list[Outcome] = [process(setup, chunk.plan, item) for item in items]
    if problem is not None:
        outcomes.append(problem)
    return outcomes


def run_chunk(chunk: Chunk) -> list[Outcome]:
    """Worker entry point: every respondent of a chunk, in order."""
    return chunk_outcomes(_SETUP[0], chunk)

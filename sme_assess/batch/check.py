"""`sme-assess batch --check-mapping`: how every column and value of each input would be
read, and what would not, without scoring anything. Returns data; the CLI prints it.

It is clean only when every firm could be scored right: every required and every scored
question has a column, every value matches, no row looks like a header row. Its advice is
only advice that works: a value is offered for ``--mapping values`` only when mapping it
would read it; a column of ticks (1/0) under a multiple choice is offered as a
``question/option`` column target instead."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..answer_io import words
from ..answer_io.intake import open_export
from ..answer_io.mapping import Column, Matcher, normalise
from ..answer_io.percent_scale import in_doubt, scan_of
from ..answer_io.plan import EMPTY_HEADER, TablePlan, row_shape
from ..answer_io.row_read import added_since
from ..answer_io.twins import twin_taken
from ..errors import AnswersError, InputError
from ..i18n import Said, Translator
from ..models.questionnaire import MultipleChoiceQuestion, NumberQuestion, TextQuestion
from ..pack.loading import Pack
from .check_rows import UNHEADED_NOTES, Unheaded, unheaded_in
from .discovery import Source, discover
from .words import operator_words

MAX_VALUES = 25  # distinct values listed per column
UNREAD_VALUES = 3  # distinct values listed per column that matches no question


@dataclass(frozen=True)
class ValueSeen:
    text: str  # the cell (or one ticked part of it) as written
    count: int
    value: Any  # what it becomes
    how: str
    ok: bool
    advice: str = ""  # what would read it ("" when it is read)


@dataclass
class ColumnCheck:
    column: Column
    values: list[ValueSeen] = field(default_factory=list)  # unmatched first, then by count
    matched_cells: int = 0
    unmatched_cells: int = 0
    more: int = 0  # distinct values not listed
    summarised: str = ""  # numbers and text: "118 numbers" (the operator's language)
    # filled cells under a header that matches no question: not read, so a finding (a
    # question re-worded past recognition would lose its answers); 0 when mapped to ignore
    unread_cells: int = 0


@dataclass
class TableCheck:
    source: str
    detail: str = ""
    rows: int = 0
    columns: list[ColumnCheck] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # question ids with no column
    missing_required: list[str] = field(default_factory=list)
    missing_scored: list[str] = field(default_factory=list)
    # questions asked but not scored (tools_in_use, a figure) with no column: a row asked one
    # is refused all the same (its plan or estimates may read it), so a finding too
    missing_unscored: list[str] = field(default_factory=list)
    # questions read from one-column-per-option columns with options that have no column
    missing_options: dict[str, tuple[str, ...]] = field(default_factory=dict)
    header_rows: list[tuple[int, str]] = field(default_factory=list)  # rows read as headers
    # rows where two columns of one question say different things (the second cell of each
    # is counted among the cells that match no option: it does not match the answer)
    clashes: list[tuple[int, str]] = field(default_factory=list)
    clash_count: int = 0
    # rows that cannot be read (a CSV row wider than its header) and rows with cells that are
    # not read (under an empty header, right of the last header, past a row's early end)
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    bad_row_count: int = 0
    row_notes: list[tuple[int, str]] = field(default_factory=list)
    row_note_count: int = 0
    # filled cells under an empty header or right of the last one, by column (in order seen)
    unheaded: dict[tuple[str, bool], Unheaded] = field(default_factory=dict)
    language: str | None = None
    problem: str | None = None
    platform: str = ""

    @property
    def unmatched(self) -> int:
        return sum(c.unmatched_cells for c in self.columns) + self.clash_count

    @property
    def unread_columns(self) -> int:
        """Columns of a question that are not read (an option none of the question's)."""
        return sum(1 for c in self.columns if c.column.kind == "unmapped" and c.column.target)

    @property
    def unread_cells(self) -> int:
        """Filled cells under headers that match no question (not read)."""
        return sum(c.unread_cells for c in self.columns)

    @property
    def unheaded_cells(self) -> int:
        """Filled cells with no header above them (not read)."""
        return sum(u.cells for u in self.unheaded.values())

    @property
    def clean(self) -> bool:
        return (
            self.problem is None
            and self.unmatched == 0
            and not self.unread_columns
            and not self.unread_cells
            and not self.unheaded
            and not self.missing_required
            and not self.missing_scored
            and not self.missing_unscored
            and not self.missing_options
            and not self.header_rows
            and not self.bad_row_count
        )


@dataclass
class AnswersCheck:
    """The answers files among the inputs: they need no mapping; those that cannot be used."""

    count: int = 0
    questionnaires: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class MappingCheck:
    pack: str
    tables: list[TableCheck] = field(default_factory=list)
    answers: AnswersCheck = field(default_factory=AnswersCheck)
    other: list[tuple[str, str]] = field(default_factory=list)  # inputs that are neither
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Every value matched, every input readable, every answers file for this pack."""
        return not self.other and not self.answers.problems and all(t.clean for t in self.tables)


def check_table(matcher: Matcher, source: Source) -> TableCheck:
    check = TableCheck(source.shown)
    try:
        export = open_export(source.path, matcher)
        check.detail = export.detail
        check.platform = export.platform.name
        plan = export.plan
        check.language = plan.language
        cells: dict[int, Counter[str]] = {c.index: Counter() for c in plan.columns}
        skips = plan.platform.skips
        for number, row in export.rows():
            check.rows += 1
            header_like = matcher.header_like(plan, row)
            if header_like is not None and len(check.header_rows) < MAX_VALUES:
                check.header_rows.append((number, header_like))
            _clashes(matcher, plan, number, row, check)
            _shape(plan, number, row, check)
            for index, counter in cells.items():
                if index < len(row) and row[index].strip() and row[index].strip() not in skips:
                    counter[row[index].strip()] += 1
    except InputError as exc:
        check.problem = exc.message
        return check
    for number, why in export.out_of_order():  # not read, as a shifted row is not
        check.bad_row_count += 1
        if len(check.bad_rows) < MAX_VALUES:
            check.bad_rows.append((number, why))
    scan = scan_of(plan, matcher.lookups, matcher.mapping)
    for index in list(scan.watch):
        for text in cells[index]:
            scan.see(index, text)
    plan.fractions = frozenset(scan.found())
    q = matcher.questionnaire
    check.missing = [x.id for x in q.questions() if not plan.covers(x.id)]
    check.missing_required = list(plan.missing_required)
    # a question the pack added since an earlier version is not asked by an older survey
    # (scored as not asked, said per firm), not a column the office dropped
    newer = added_since(q)
    check.missing_scored = list(plan.missing_scored)
    check.missing_unscored = list(plan.missing_unscored)
    check.missing_options = dict(plan.missing_options)
    if not check.missing_required and all(x in newer for x in plan.missing_answered):
        check.missing_scored = []
        check.missing_unscored = []
    for column in plan.columns:
        result = ColumnCheck(column)
        seen = cells[column.index]
        if column.kind == "question" and column.target:
            _values(matcher, column, seen, result, plan)
        elif column.kind == "option" and column.target and column.option:
            _ticks(matcher, column, seen, result, plan.platform)
        elif column.kind == "unmapped" and not column.target and column.how != EMPTY_HEADER:
            _unread(column, seen, result)
        check.columns.append(result)
    return check


def _clashes(
    matcher: Matcher, plan: TablePlan, number: int, row: list[str], check: TableCheck
) -> None:
    """The questions of a row that two columns answer differently (``answer_io.twins``)."""
    if not plan.twins:
        return

    def cell(index: int) -> str:
        return row[index].strip() if index < len(row) else ""

    found: list[Said] = []
    for qid, twins in plan.twins.items():
        twin_taken(matcher.cells, plan, qid, plan.questions.get(qid, twins[0]), cell, found)
    check.clash_count += len(found)
    for said in found:
        if len(check.clashes) < MAX_VALUES:
            check.clashes.append((number, said))


def _shape(plan: TablePlan, number: int, row: list[str], check: TableCheck) -> None:
    """A row that cannot be read, or cells of it that are not read (``plan.row_shape``)."""
    try:
        notes = row_shape(plan, row, columns=False)  # its columns are listed already
    except InputError as exc:
        check.bad_row_count += 1
        if len(check.bad_rows) < MAX_VALUES:
            check.bad_rows.append((number, exc.message))
        return
    notes = [n for n in notes if getattr(n, "message", None) not in UNHEADED_NOTES]
    check.row_note_count += len(notes)
    for note in notes:
        if len(check.row_notes) < MAX_VALUES:
            check.row_notes.append((number, note))
    unheaded_in(plan, number, row, check.unheaded)  # said once per column, not per row


def _advice(
    _: Translator, matcher: Matcher, column: Column, part: str, whole: str, seen: Counter[str]
) -> str:
    """What would read an unmatched value, or why nothing in --mapping values would."""
    qid = column.target or ""
    question = matcher.questions[qid]
    labels = matcher.lookups.labels.get(qid, [])
    key = normalise(part)
    if column.numbers or (
        part.isdigit()
        and all(c.isdigit() or c == "" for c in seen)
        and labels
        and not isinstance(question, NumberQuestion)
    ):
        if isinstance(question, MultipleChoiceQuestion) and set(seen) <= {"0", "1"}:
            return _(
                "this column holds ticks (1/0) for one option: map its header to "
                "'{qid}/<option>' in --mapping columns",
                qid=qid,
            )
        return _(
            "option numbers: read only in the order the survey showed the options; download "
            "the export with option texts, or map each number in --mapping values if you "
            "know that order"
        )
    if part != whole and any(key and key in label and key != label for label, __ in labels):
        return _(
            "a piece of a label cut at a separator: the export's separator was not "
            "recognised (give --source for its platform)"
        )
    if isinstance(question, MultipleChoiceQuestion) and part != whole:
        return _(
            "add '{part}' under '{qid}' in --mapping values (it is one ticked option)",
            part=part,
            qid=qid,
        )
    return _("add it under '{qid}' in --mapping values", qid=qid)


def _values(
    matcher: Matcher, column: Column, seen: Counter[str], result: ColumnCheck, plan: TablePlan
) -> None:
    qid = column.target or ""
    question = matcher.questions[qid]
    _ = operator_words()
    parts: dict[tuple[str, str], ValueSeen] = {}
    numbers = texts = 0
    for cell, count in seen.items():
        doubt = in_doubt(plan, matcher.lookups, qid, column.index, cell)
        explained = (
            [(cell, doubt)]
            if doubt is not None
            else matcher.explain(qid, cell, plan.platform, column.numbers, plan.decimal_comma)
        )
        if all(m.ok for _, m in explained):
            result.matched_cells += count
        else:
            result.unmatched_cells += count
        for part, match in explained:
            if match.ok and isinstance(question, NumberQuestion) and match.how == "number":
                numbers += count
                continue
            if match.ok and isinstance(question, TextQuestion):
                texts += count
                continue
            key = (part, match.how)
            old = parts.get(key)
            advice = (
                "" if match.ok or match.refused else _advice(_, matcher, column, part, cell, seen)
            )
            parts[key] = ValueSeen(
                part, count + (old.count if old else 0), match.value, match.how, match.ok, advice
            )
    listed = sorted(parts.values(), key=lambda v: (v.ok, -v.count, v.text))
    result.values = listed[:MAX_VALUES]
    result.more = max(0, len(listed) - MAX_VALUES)
    bits = []
    if numbers:
        bits.append(_.ngettext("{n} number", "{n} numbers", numbers))
    if texts:
        bits.append(_.ngettext("{n} text answer", "{n} text answers", texts))
    result.summarised = _(", ").join(bits)


def _ticks(
    matcher: Matcher, column: Column, seen: Counter[str], result: ColumnCheck, platform: Any
) -> None:
    """A one-column-per-option column: ticked, not ticked, or neither."""
    qid, option = column.target or "", column.option or ""
    _ = operator_words()
    ticked = 0
    for cell, count in seen.items():
        tick = matcher.cells.option_cell(qid, option, cell, platform)
        if tick is None:
            result.unmatched_cells += count
            result.values.append(
                ValueSeen(
                    cell,
                    count,
                    cell,
                    _("neither a tick nor empty"),
                    False,
                    _(
                        "a one-column-per-option cell holds a tick (1, yes, the option's "
                        "label) or nothing: correct the export"
                    ),
                )
            )
        else:
            result.matched_cells += count
            ticked += count if tick else 0
    result.summarised = _.ngettext("{n} tick", "{n} ticks", ticked)


def _unread(column: Column, seen: Counter[str], result: ColumnCheck) -> None:
    """A column whose header matches no question: its filled cells are not read."""
    _ = operator_words()
    result.unread_cells = sum(seen.values())
    why = Said(words.NO_QUESTION)
    advice = _("map the column to a question in --mapping columns, or to ignore")
    listed = sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = listed[:UNREAD_VALUES]  # a column of notes may hold a value per row
    result.values = [ValueSeen(text, n, text, why, False, advice) for text, n in shown]
    result.more = len(listed) - len(shown)


def check_mapping(
    pack: Pack, inputs: Sequence[Path], matcher: Matcher, exclude: Sequence[Path] = ()
) -> MappingCheck:
    from ..answer_io.native import load_answers

    _ = operator_words()
    report = MappingCheck(pack.questionnaire.id)
    sources, failures, notes = discover(inputs, exclude)
    report.other = [(f.source, f.message) for f in failures]
    report.notes = notes
    for source in sources:
        if source.kind == "table":
            report.tables.append(check_table(matcher, source))
            continue
        report.answers.count += 1
        try:
            answers = load_answers(source.path)
        except AnswersError as exc:
            first = exc.details[0] if exc.details else ""
            report.answers.problems.append((source.shown, f"{exc.message}: {first}".rstrip(": ")))
            continue
        except InputError as exc:
            report.answers.problems.append((source.shown, exc.message))
            continue
        report.answers.questionnaires[answers.questionnaire] += 1
        if answers.questionnaire != pack.questionnaire.id:
            report.answers.problems.append(
                (
                    source.shown,
                    _(
                        "answers are for questionnaire '{found}', not '{wanted}'",
                        found=answers.questionnaire,
                        wanted=pack.questionnaire.id,
                    ),
                )
            )
    return report

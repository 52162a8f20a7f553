"""`sme-assess batch --check-mapping`: how every column and value of each input would be
read, and what would not, without scoring anything. Returns data; the CLI prints it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..answer_io.mapping import Column, Matcher
from ..answer_io.tabular import read_table
from ..errors import AnswersError, InputError
from ..loading import Pack
from ..models.questionnaire import NumberQuestion, TextQuestion
from .run import Source, discover

MAX_VALUES = 25  # distinct values listed per column


@dataclass(frozen=True)
class ValueSeen:
    text: str  # the cell (or one ticked part of it) as written
    count: int
    value: Any  # what it becomes
    how: str
    ok: bool


@dataclass
class ColumnCheck:
    column: Column
    values: list[ValueSeen] = field(default_factory=list)  # unmatched first, then by count
    matched_cells: int = 0
    unmatched_cells: int = 0
    more: int = 0  # distinct values not listed
    summarised: str = ""  # numbers and text: "118 numbers"


@dataclass
class TableCheck:
    source: str
    detail: str = ""
    rows: int = 0
    columns: list[ColumnCheck] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # question ids with no column
    language: str | None = None
    problem: str | None = None

    @property
    def unmatched(self) -> int:
        return sum(c.unmatched_cells for c in self.columns)


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
        return (
            not self.other
            and not self.answers.problems
            and all(t.problem is None and t.unmatched == 0 for t in self.tables)
        )


def check_table(matcher: Matcher, source: Source) -> TableCheck:
    check = TableCheck(source.shown)
    try:
        table = read_table(source.path, lambda headers: matcher.plan(headers).mapped)
        check.detail = table.detail
        plan = matcher.plan(table.headers)
        check.language = plan.language
        cells: dict[int, Counter[str]] = {c.index: Counter() for c in plan.columns}
        for _, row in table.rows():
            check.rows += 1
            for index, counter in cells.items():
                if index < len(row) and row[index].strip():
                    counter[row[index].strip()] += 1
    except InputError as exc:
        check.problem = exc.message
        return check
    q = matcher.questionnaire
    covered = set(plan.questions) | set(plan.options)
    check.missing = [x.id for x in q.questions() if x.id not in covered]
    for column in plan.columns:
        result = ColumnCheck(column)
        seen = cells[column.index]
        if column.kind == "question" and column.target:
            _values(matcher, column.target, seen, result)
        check.columns.append(result)
    return check


def _values(matcher: Matcher, qid: str, seen: Counter[str], result: ColumnCheck) -> None:
    question = matcher.questions[qid]
    parts: dict[tuple[str, str], ValueSeen] = {}
    numbers = texts = 0
    for cell, count in seen.items():
        explained = matcher.explain(qid, cell)
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
            parts[key] = ValueSeen(
                part, count + (old.count if old else 0), match.value, match.how, match.ok
            )
    listed = sorted(parts.values(), key=lambda v: (v.ok, -v.count, v.text))
    result.values = listed[:MAX_VALUES]
    result.more = max(0, len(listed) - MAX_VALUES)
    bits = []
    if numbers:
        bits.append(f"{numbers} number(s)")
    if texts:
        bits.append(f"{texts} text answer(s)")
    result.summarised = ", ".join(bits)


def check_mapping(
    pack: Pack, inputs: Sequence[Path], matcher: Matcher, exclude: Sequence[Path] = ()
) -> MappingCheck:
    from ..answer_io.native import load_answers

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
                    f"answers are for questionnaire '{answers.questionnaire}', "
                    f"not '{pack.questionnaire.id}'",
                )
            )
    return report

"""How a table was understood: each column (``Column``), the whole table (``TablePlan``)
and one row (``RowRead``). Plain data, computed once per file by ``matcher.Matcher.plan``
and sent with every chunk of rows to the workers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .platforms import Platform
from .text import column_letter

Kind = Literal["question", "option", "respondent", "ignored", "unmapped"]
GAVE_WAY = "is read from its one-column-per-option columns"


@dataclass(frozen=True)
class Column:
    """How one column of a table was understood."""

    index: int  # 0-based
    header: str
    kind: Kind
    target: str | None = None  # question id, respondent field, or None
    option: str | None = None  # one-column-per-option: the option's value
    how: str = ""  # in words: "question id", "question text (zh)", "mapping file", ...
    lang: str | None = None
    numbers: bool = False  # choice cells hold option numbers (read in the pack's order)
    field: str | None = None  # a respondent column answering its profile question: the field
    # a combined multiple-choice column that gave way to one-column-per-option columns: still
    # read when those tick nothing (Kobo writes "n/a" only in the combined column)
    gave_way: bool = False
    # a second column for a question another column answers already (``twin_of``: that
    # column's index): read when that one is empty; an answer that differs stops the row
    twin_of: int | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class TablePlan:
    """Every column of a table, and where each question and respondent field comes from."""

    columns: tuple[Column, ...]
    language: str | None  # the pack language the headers were written in, if any
    platform: Platform = field(default_factory=Platform)
    header_rows: int = 1  # rows the header took
    missing_required: tuple[str, ...] = ()  # required questions with no column
    missing_scored: tuple[str, ...] = ()  # scored questions with no column
    questions: dict[str, int] = field(init=False)  # question id -> column index
    options: dict[str, list[tuple[int, str]]] = field(init=False)  # per-option columns
    respondent: dict[str, int] = field(init=False)  # respondent field -> column index
    combined: dict[str, int] = field(init=False)  # combined column behind per-option columns
    twins: dict[str, list[int]] = field(init=False)  # question id -> its other columns

    def __post_init__(self) -> None:
        self.questions = {
            c.target: c.index for c in self.columns if c.kind == "question" and c.target
        }
        self.options = {}
        for c in self.columns:
            if c.kind == "option" and c.target and c.option:
                self.options.setdefault(c.target, []).append((c.index, c.option))
        self.respondent = {
            c.target: c.index for c in self.columns if c.kind == "respondent" and c.target
        }
        self.combined = {
            c.target: c.index
            for c in self.columns
            if c.kind == "ignored" and c.target and c.gave_way
        }
        self.twins = {}
        for c in self.columns:
            if c.kind == "ignored" and c.target and c.twin_of is not None:
                self.twins.setdefault(c.target, []).append(c.index)

    @property
    def mapped(self) -> int:
        """How many columns feed answers."""
        return sum(1 for c in self.columns if c.kind in ("question", "option"))

    @property
    def missing(self) -> tuple[str, ...]:
        """Required or scored questions with no column, in pack order."""
        seen = dict.fromkeys(self.missing_required + self.missing_scored)
        return tuple(seen)

    def covers(self, qid: str) -> bool:
        return qid in self.questions or qid in self.options


@dataclass
class RowRead:
    """One row as an answers document, and what the reader has to say about it."""

    doc: dict[str, Any]
    missing: list[str] = field(default_factory=list)  # asked, scored, but no column
    notes: list[str] = field(default_factory=list)  # e.g. "other" answers not scored
    header_like: str | None = None  # why this row looks like a header row, not a firm
    # questions two columns answer differently: "<id>: column M says …, column AZ …"
    clashes: list[str] = field(default_factory=list)

"""How a table was understood: each column (``Column``), the whole table (``TablePlan``)
and one row (``RowRead``). Plain data, computed once per file by ``matcher.Matcher.plan``
and sent with every chunk of rows to the workers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import InputError
from ..i18n import Said
from . import words
from .platforms import Platform
from .platforms.base import OTHER_TYPED
from .text import column_letter, normalise, uncalculated
from .vocabulary import FALSY_OPTION_CELLS

Kind = Literal["question", "option", "respondent", "ignored", "unmapped"]
GAVE_WAY = "is read from its one-column-per-option columns"
NO_QUESTION = "matches no question"
EMPTY_HEADER = "empty header"
OTHER_OF = "'other' of "  # how a column of an "other" fill-in text is understood


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
    # questions answered by choice or number (scored or not) with no column, in pack order: a
    # row asked one is refused, since its score, plan or estimates may read it
    missing_answered: tuple[str, ...] = ()
    unscored: frozenset[str] = frozenset()  # the pack's questions that feed no category score
    # a CSV: the cells every row has (the header's); None for a workbook, whose rows end at
    # their last filled cell
    row_width: int | None = None
    # the comma may be the decimal mark: a ;-separated CSV (Excel writes one where it is), so
    # "1,500" may be 1.5
    decimal_comma: bool = False
    # columns of a question answered in % holding only numbers from 0 to 1 (fractions or
    # percentages?): their numbers above 0 are refused (``percent_scale``)
    fractions: frozenset[int] = frozenset()
    # questions read from one-column-per-option columns whose table has no column for some
    # of the pack's options (a survey built from an older pack, or a column left out): those
    # options cannot be told ticked or not: never asked (unknown, not false), said per firm
    missing_options: dict[str, tuple[str, ...]] = field(default_factory=dict)
    questions: dict[str, int] = field(init=False)  # question id -> column index
    options: dict[str, list[tuple[int, str]]] = field(init=False)  # per-option columns
    respondent: dict[str, int] = field(init=False)  # respondent field -> column index
    combined: dict[str, int] = field(init=False)  # combined column behind per-option columns
    twins: dict[str, list[int]] = field(init=False)  # question id -> its other columns
    field_twins: dict[str, list[int]] = field(init=False)  # respondent field -> its others
    # columns whose cells feed no answer though they may hold one: a header that matches no
    # question, an option none of the question's, an "other" fill-in (said per row when filled)
    unread: tuple[Column, ...] = field(init=False)

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
        self.unread = tuple(
            c
            for c in self.columns
            if (c.kind == "unmapped" and c.how != EMPTY_HEADER)
            or (c.kind == "ignored" and c.target and c.how.startswith(OTHER_OF))
            or (c.kind == "ignored" and c.how.startswith(OTHER_TYPED))
        )
        self.twins = {}
        self.field_twins = {}
        fields = set(self.respondent.values())
        for c in self.columns:
            if c.kind == "ignored" and c.target and c.twin_of is not None:
                twins = self.field_twins if c.twin_of in fields else self.twins
                twins.setdefault(c.target, []).append(c.index)

    @property
    def mapped(self) -> int:
        """How many columns feed answers."""
        return sum(1 for c in self.columns if c.kind in ("question", "option"))

    @property
    def missing_scored(self) -> tuple[str, ...]:
        """Scored questions (that feed a category score) with no column, in pack order."""
        return tuple(q for q in self.missing_answered if q not in self.unscored)

    @property
    def missing_unscored(self) -> tuple[str, ...]:
        """Questions asked but not scored (tools_in_use, a figure) with no column."""
        return tuple(q for q in self.missing_answered if q in self.unscored)

    @property
    def missing(self) -> tuple[str, ...]:
        """Required or answered (scored or not) questions with no column, in pack order."""
        seen = dict.fromkeys(self.missing_required + self.missing_answered)
        return tuple(seen)

    def covers(self, qid: str) -> bool:
        return qid in self.questions or qid in self.options


@dataclass
class RowRead:
    """One row as an answers document, and what the reader has to say about it."""

    doc: dict[str, Any]
    missing: list[str] = field(default_factory=list)  # asked, answered, but no column
    notes: list[Said] = field(default_factory=list)  # e.g. "other" answers not scored
    header_like: Said | None = None  # why this row looks like a header row, not a firm
    # questions two columns answer differently: "<id>: column M says …, column AZ …"
    clashes: list[Said] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)  # ``missing`` that are not scored


MAX_SHOWN = 3  # cells quoted in a row's note


class ShiftedRow(InputError):
    """A CSV row wider than its header (``row_shape``): not read. ``company``: its company
    when that can be read for certain (the company column is the first, or reads the same
    shifted or not); else ``problems`` says the two cells it may be."""

    def __init__(self, message: str, company: str, problems: list[str]) -> None:
        super().__init__(message)
        self.company = company
        self.problems = problems


def _shifted_company(plan: TablePlan, cells: Sequence[str], shift: int) -> tuple[str, list[str]]:
    """The company of a shifted row when it can be read for certain, else the two cells it
    may be (as a problem): the cell under its header, and the one ``shift`` cells right."""
    index = plan.respondent.get("company")
    if index is None:
        return "", []
    here = str(cells[index]).strip() if index < len(cells) else ""
    moved = str(cells[index + shift]).strip() if index + shift < len(cells) else ""
    if index == 0 or here == moved or not moved:
        return here, []
    if not here:
        return "", []
    either = Said(
        words.COMPANY_EITHER,
        column=column_letter(index),
        here=repr(here),
        moved=repr(moved),
        other=column_letter(index + shift),
    )
    return "", [either]


def _quoted(texts: list[str]) -> str:
    texts = [t if uncalculated(t) is None else "=" + str(uncalculated(t)) for t in texts]
    shown = ", ".join(repr(t if len(t) <= 30 else t[:29] + "…") for t in texts[:MAX_SHOWN])
    return shown + (", …" if len(texts) > MAX_SHOWN else "")


def _middle_cut(text: str) -> str:
    """A long header by its start and end: "题目:选项" keeps the option it names."""
    return text if len(text) <= 40 else text[:12] + "…" + text[-24:]


def row_shape(plan: TablePlan, cells: Sequence[str], columns: bool = True) -> list[Said]:
    """What a row's shape says before its cells are read: notes for a CSV row shorter than the
    header and for values under an empty header or right of the last header (not read); an
    InputError for a CSV row with more filled cells than the header has columns (an unquoted
    comma in an answer: every cell after it is shifted, so none can be trusted). ``columns``:
    also a note for each filled cell of a column that feeds no answer (``unread_cells``)."""
    width = len(plan.columns)
    notes: list[Said] = []
    extra = [str(c).strip() for c in cells[width:]]
    filled = [c for c in extra if c]
    if filled and plan.row_width is not None:
        company, problems = _shifted_company(plan, cells, len(cells) - width)
        joined = next((i for i, c in enumerate(cells) if "\ufeff" in str(c)), None)
        said = (
            Said(words.SHIFTED_ROW, cells=width + len(extra), width=width, filled=_quoted(filled))
            if joined is None
            else Said(
                words.JOINED_ROW,
                cells=len(cells),
                width=width,
                column=column_letter(joined),
                text=_quoted([str(cells[joined])]),  # repr: the mark shows as \ufeff
            )
        )
        raise ShiftedRow(said, company, problems)
    if filled:
        notes.append(Said(words.PAST_HEADER, column=column_letter(width), filled=_quoted(filled)))
    if plan.row_width is not None and len(cells) < width:
        asked = [c.letter for c in plan.columns[len(cells) :] if c.kind in ("question", "option")]
        if asked:
            notes.append(
                Said(
                    words.ENDS_EARLY,
                    column=column_letter(len(cells) - 1),
                    cells=len(cells),
                    width=width,
                    first=asked[0],
                )
            )
    unheaded = [
        (c.letter, str(cells[c.index]).strip())
        for c in plan.columns
        if c.how == EMPTY_HEADER and c.index < len(cells) and str(cells[c.index]).strip()
    ]
    for letter, text in unheaded:
        notes.append(Said(words.NO_HEADER, column=letter, text=_quoted([text])))
    if columns and plan.unread:
        notes += unread_cells(plan, cells)
    return notes


def unread_cells(plan: TablePlan, cells: Sequence[str]) -> list[Said]:
    """A note for each filled cell of a column that feeds no answer: an "other" fill-in (not
    scored), a tick under an option none of the question's, any value under a header that
    matches no question. An untick (0, no) or a platform's "not answered" is not a value."""
    notes: list[Said] = []
    for c in plan.unread:
        text = str(cells[c.index]).strip() if c.index < len(cells) else ""
        if not text or text in plan.platform.skips:
            continue
        if c.target and (normalise(text) or text) in FALSY_OPTION_CELLS:
            continue  # an option not ticked
        if c.kind == "ignored" and c.target:
            notes.append(Said(words.OTHER_NOT_SCORED, qid=c.target, other=_quoted([text])))
            continue
        header = repr(_middle_cut(c.header))
        if c.kind == "ignored":  # a platform's "Other" text column, its question not named
            notes.append(
                Said(words.OTHER_TEXT, column=c.letter, header=header, text=_quoted([text]))
            )
            continue
        if c.target:
            said = Said(
                words.UNREAD_OPTION,
                qid=c.target,
                column=c.letter,
                header=header,
                text=_quoted([text]),
            )
        else:
            why = Said(words.NO_QUESTION) if c.how == NO_QUESTION else c.how
            said = Said(
                words.UNREAD_COLUMN, column=c.letter, header=header, text=_quoted([text]), why=why
            )
        notes.append(said)
    return notes


NOT_ANSWERED = "required question is not answered"  # the engine's words (answers_check)


def unanswered_where(plan: TablePlan, detail: str, profile: str | None = None) -> Said | None:
    """An answers problem ``<qid>: required question is not answered`` of a table row, with
    the column the question was read from (its header as written), or the option columns none
    of which is ticked; ``profile`` is the respondent field the question gives (a size column
    read as the firm's size). None when the problem is another or the column is not known."""
    qid, _, said = detail.partition(": ")
    if said != NOT_ANSWERED:
        return None
    index = plan.questions.get(qid)
    if index is None and profile is not None:
        index = plan.respondent.get(profile)
    if index is not None:
        column = plan.columns[index]
        header = repr(_middle_cut(column.header))
        return Said(words.REQUIRED_EMPTY, qid=qid, column=column.letter, header=header)
    options = sorted(i for i, _ in plan.options.get(qid, ()))
    if options:
        first, last = plan.columns[options[0]].letter, plan.columns[options[-1]].letter
        return Said(words.REQUIRED_NONE_TICKED, qid=qid, first=first, last=last)
    return None

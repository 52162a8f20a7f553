"""One table row -> an answers document (``read_row``, behind ``Matcher.row``): each cell
read for its question, option or respondent field, with the notes on what could not be read
for certain and why."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, Protocol

from ..engine.visibility import visible_questions
from ..i18n import Message, Said
from ..models import NA, UNKNOWN, Questionnaire
from ..models.questionnaire import MultipleChoiceQuestion
from ..pack.versions import version_key
from . import words
from .cells import CellReader
from .lookups import PART_OF_LABEL, Lookups
from .percent_scale import in_doubt
from .plan import RowRead, TablePlan, row_shape
from .text import column_letter, date_doubt, parse_date, uncalculated, uncalculated_why
from .twins import clash, twin_taken


class Matcher(Protocol):
    """What a row is read with (``matcher.Matcher``; a protocol, so no import cycle)."""

    questionnaire: Questionnaire
    cells: CellReader
    lookups: Lookups

    def header_like(self, plan: TablePlan, cells: Sequence[str]) -> Said | None: ...

    def profile_value(self, name: str, text: str) -> str: ...


def read_row(m: Matcher, plan: TablePlan, cells: Sequence[str]) -> RowRead:
    """One table row as an answers document (validated later against the Answers model),
    with the scored questions it has no column for and what was left out."""
    q = m.questionnaire
    platform = plan.platform
    skips = platform.skips

    def cell(index: int) -> str:
        return str(cells[index]).strip() if index < len(cells) else ""

    notes: list[Said] = row_shape(plan, cells)
    answers: dict[str, Any] = {}
    not_asked: dict[str, list[str]] = {}  # options with no column: never asked
    respondent: dict[str, Any] = {}
    columns = plan.columns
    clashes: list[Said] = []
    for qid, index in plan.questions.items():
        text, taken = cell(index), index
        if qid in plan.twins:  # the same question in more columns: one answer, or none
            taken, text = twin_taken(m.cells, plan, qid, index, cell, clashes)
        if text and text not in skips:
            column = columns[index]
            scale = in_doubt(plan, m.lookups, qid, taken, text) if plan.fractions else None
            match = scale or m.cells.read(qid, text, platform, column.numbers, plan.decimal_comma)
            if column.field and not match.ok:  # a sector the pack does not list: as text
                respondent[column.field] = text
                field = words.FIELDS.get(column.field)
                notes.append(
                    Said(
                        words.KEPT_AS_FIELD,
                        qid=qid,
                        text=repr(text),
                        field=column.field if field is None else Said(field),
                    )
                )
                continue
            answers[qid] = match.value
            if match.refused:
                shown = match.value[0] if isinstance(match.value, list) else text
                why = match.how if isinstance(match.how, Said) else Said(match.how)
                notes.append(
                    Said(
                        words.CELL_NOT_READ,
                        qid=qid,
                        column=columns[taken].letter,  # the cell's own column (a twin's)
                        shown=repr(shown),
                        why=why,
                    )
                )
            if match.other:
                notes.append(Said(words.OTHER_NOT_SCORED, qid=qid, other=match.other))
            if match.how == PART_OF_LABEL:  # a guess from a fragment: said, not silent
                notes.append(Said(words.PART_OF_LABEL, qid=qid, text=repr(text), value=match.value))
    for qid, option_columns in plan.options.items():
        ticked: list[str] = []
        unclear: list[str] = []
        given = False
        for index, value in option_columns:
            text = cell(index)
            if text and text not in skips:
                given = True
            tick = m.cells.option_cell(qid, value, text, platform)
            found = _uncalculated(words.COLUMN_NOT_READ, qid, index, text)
            if found is not None:
                notes.append(found[0])
                text = "=" + found[1]
            if tick is None:
                unclear.append(text)
            elif tick:
                ticked.append(value)
        if not ticked and not unclear and qid in plan.combined:
            # nothing ticked per option: the combined column may say n/a or don't know
            text = cell(plan.combined[qid])
            if text and text not in skips:
                match = m.cells.read(qid, text, platform, False, plan.decimal_comma)
                if match.ok and match.value in (NA, UNKNOWN):
                    answers[qid] = match.value
                    continue
        said = [v for v in ticked if v in (NA, UNKNOWN)]  # Kobo's column for the n/a choice
        if said and len(said) == len(ticked) == 1 and not unclear:
            answers[qid] = said[0]
            continue
        if given and qid in plan.missing_options:
            shown = ", ".join(f"'{v}'" for v in plan.missing_options[qid])
            notes.append(Said(words.OPTION_NO_COLUMN, qid=qid, options=shown))
            not_asked[qid] = list(plan.missing_options[qid])  # unknown, not false
        if given:
            question = m.lookups.questions[qid]
            if isinstance(question, MultipleChoiceQuestion) or len(ticked) + len(unclear) != 1:
                answers[qid] = ticked + unclear
            else:
                answers[qid] = (ticked + unclear)[0]
    for name, index in plan.respondent.items():
        text = cell(index)
        if name in plan.field_twins:  # the same field in more columns: the first filled one
            text = _field_twin(plan, name, index, cell, skips, notes)
        if not text or text in skips:
            continue
        found = _uncalculated(words.FIELD_LEFT_EMPTY, name, index, text)
        if found is not None:
            notes.append(found[0])
            continue
        if name == "date":
            when = parse_date(text)
            if when is not None:
                respondent["date"] = when.isoformat()
            else:
                respondent["date_text"] = text
                doubt = date_doubt(text)
                if doubt is not None:
                    notes.append(Said(words.DATE_NOT_USED, shown=repr(text), why=doubt))
        elif name in ("sector", "size"):
            respondent[name] = m.profile_value(name, text)
        else:
            respondent[name] = text
    doc: dict[str, Any] = {
        "questionnaire": q.id,
        "questionnaire_version": q.version,
        "respondent": respondent,
        "answers": answers,
    }
    if plan.language:
        doc["language"] = plan.language
    if not_asked:
        doc["options_not_asked"] = not_asked
    missing: list[str] = []
    if plan.missing:
        shown = {x.id for x in visible_questions(q, answers)}
        missing = [qid for qid in plan.missing if qid in shown]
        newer = added_since(q)
        if missing and all(x in newer for x in missing):
            # a survey built before the pack added these questions has no column for them:
            # they were not asked (unanswered, said), not columns the office dropped. Only
            # when nothing else is missing: a table short of other questions is not an
            # older survey, and is refused for all of them as before
            for qid in missing:
                notes.append(Said(words.NOT_ASKED_NEWER, qid=qid, version=newer[qid]))
            missing = []
    unscored = [
        qid for qid in missing if qid in plan.missing_unscored and qid not in plan.missing_required
    ]
    return RowRead(doc, missing, notes, m.header_like(plan, cells), clashes, unscored)


def added_since(q: Questionnaire) -> dict[str, str]:
    """Question id -> the newest earlier version of the pack that lacked it (the pack's
    migrations ``added``); not required questions only, since a required one must be
    answered whatever the survey's age."""
    found: dict[str, tuple[tuple[int, int, int, int, str], str]] = {}
    for migration in q.migrations:
        key = version_key(migration.version)
        if key is None:
            continue
        for qid in migration.added:
            question = q.question(qid)
            if question is None or question.required:
                continue
            if qid not in found or key > found[qid][0]:
                found[qid] = (key, migration.version)
    return {qid: version for qid, (_key, version) in found.items()}


def _field_twin(
    plan: TablePlan,
    name: str,
    index: int,
    cell: Callable[[int], str],
    skips: Collection[str],
    notes: list[Said],
) -> str:
    """A respondent field given in more columns (a merged export): the first filled cell; a
    later one that says otherwise is noted (never dropped unsaid)."""
    given = [(i, cell(i)) for i in (index, *plan.field_twins[name]) if cell(i) not in ("", *skips)]
    if not given:
        return cell(index)
    first, text = given[0]
    for other, said in given[1:]:
        if not _same_field(name, text, said):
            notes.append(Said(words.FIRST_KEPT, clash=clash(name, (first, text), (other, said))))
    return text


def _same_field(name: str, text: str, other: str) -> bool:
    """Whether two cells give the same value of a respondent field: the same text, or for
    the date the same day (a form's date and its submission time, 2026-05-01T10:00:00)."""
    if text.strip() == other.strip():
        return True
    if name != "date":
        return False
    day = parse_date(text)
    return day is not None and day == parse_date(other)


def _uncalculated(message: Message, name: str, index: int, text: str) -> tuple[Said, str] | None:
    """A cell holding a formula whose value was never calculated (a file written by a script):
    the note saying so for ``name`` in column ``index``, and the formula; None otherwise."""
    formula = uncalculated(text)
    if formula is None:
        return None
    why = uncalculated_why(formula)
    return Said(message, qid=name, column=column_letter(index), why=why), formula

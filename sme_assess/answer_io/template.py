"""A blank answer sheet for offline collection: one column per question, then filled in
by hand or in Excel and scored with `sme-assess batch`.

Headers read "<id> - <question text>" (the id is what the batch matches; the text is for
people). A CSV carries the allowed answers in a second row that starts with ``#options``
and is skipped when read back; an XLSX lists them on an "options" sheet, with dropdowns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import N_, translator
from ..models import Questionnaire, text_for
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from .tabular import OPTIONS_MARK, Sheet, csv_bytes, xlsx_bytes

WORDS: dict[str, str] = {
    "company": N_("Company name"),
    "sector": N_("Sector"),
    "size": N_("Size"),
    "region": N_("Region"),
    "contact": N_("Contact"),
    "date": N_("Date (YYYY-MM-DD)"),
    "mark": N_("(this row is not read)"),
    "text": N_("free text"),
    "several": N_("one or more, separated by ;"),
    "number": N_("a number"),
    "whole": N_("a whole number"),
    "yes": N_("yes"),
    "no": N_("no"),
    "na": N_("not applicable"),
    "unknown": N_("don't know"),
    "required": N_("required"),
    "q_id": N_("question id"),
    "question": N_("question"),
    "type": N_("type"),
    "value": N_("value (code)"),
    "label": N_("label"),
    "answers": N_("answers"),
    "options": N_("options"),
    "how": N_("Fill one row per company in the 'answers' sheet; type a label or its code."),
}
RESPONDENT_COLUMNS = ("company", "sector", "size", "region", "contact", "date")


def _w(key: str, lang: str) -> str:
    return translator(lang).text(WORDS[key])


@dataclass(frozen=True)
class TemplateColumn:
    key: str  # question id or respondent field
    header: str
    allowed: str  # the allowed answers, in words
    choices: tuple[tuple[str, str], ...]  # (value, label) for dropdowns and the options sheet


def template_columns(q: Questionnaire, lang: str) -> list[TemplateColumn]:
    """The template's columns: respondent fields, then every question in order."""

    def t(text: Any) -> str:
        return text_for(text, lang, q.default_language)

    profiles = {x.profile for x in q.questions() if x.profile}
    columns = [
        TemplateColumn(name, f"{name} - {_w(name, lang)}", "", ())
        for name in RESPONDENT_COLUMNS
        if name not in profiles
    ]
    for question in q.questions():
        choices = _choices(question, lang, t)
        columns.append(
            TemplateColumn(
                question.id,
                f"{question.id} - {t(question.text)}",
                _allowed(question, lang, t, choices),
                tuple(choices),
            )
        )
    return columns


def _choices(question: Question, lang: str, t: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(question, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
        out = [(o.value, t(o.label)) for o in question.options]
    elif isinstance(question, YesNoQuestion):
        out = [("true", _w("yes", lang)), ("false", _w("no", lang))]
    if out or isinstance(question, NumberQuestion | TextQuestion):
        if question.allow_na:
            out.append(("n/a", _w("na", lang)))
        if question.allow_unknown:
            out.append(("unknown", _w("unknown", lang)))
    return out


def _allowed(question: Question, lang: str, t: Any, choices: list[tuple[str, str]]) -> str:
    listed = " | ".join(f"{value} = {label}" for value, label in choices)
    if isinstance(question, MultipleChoiceQuestion):
        text = f"{_w('several', lang)}: {listed}"
    elif isinstance(question, NumberQuestion):
        text = _w("whole" if question.integer else "number", lang)
        low = "" if question.min is None else f"{question.min:g}"
        high = "" if question.max is None else f"{question.max:g}"
        if low or high:
            text += f" {low}-{high}"
        if question.unit is not None:
            text += f" {t(question.unit)}"
        if listed:
            text += f" | {listed}"
    elif isinstance(question, TextQuestion):
        text = _w("text", lang)
    else:
        text = listed
    if question.required:
        text = f"({_w('required', lang)}) {text}"
    return text


def template_csv(q: Questionnaire, lang: str) -> bytes:
    """Header row, then the row of allowed answers (first cell starts with #options)."""
    columns = template_columns(q, lang)
    header = [c.header for c in columns]
    allowed = [c.allowed for c in columns]
    allowed[0] = f"{OPTIONS_MARK} {_w('mark', lang)}"
    return csv_bytes([header, allowed])


def template_xlsx(q: Questionnaire, lang: str) -> bytes:
    """An 'answers' sheet (headers, dropdowns) and an 'options' sheet listing every choice."""
    columns = template_columns(q, lang)
    option_rows: list[list[Any]] = [
        [
            _w("q_id", lang),
            _w("question", lang),
            _w("type", lang),
            _w("value", lang),
            _w("label", lang),
        ]
    ]
    lists: dict[int, str] = {}
    by_id = {x.id: x for x in q.questions()}
    options_title = _w("options", lang)
    for index, column in enumerate(columns):
        question = by_id.get(column.key)
        if question is None:
            continue
        text = column.header.split(" - ", 1)[-1]
        if not column.choices:
            option_rows.append([question.id, text, question.type, "", column.allowed])
            continue
        first = len(option_rows) + 1
        for value, label in column.choices:
            option_rows.append([question.id, text, question.type, value, label])
        last = len(option_rows)
        if not isinstance(question, MultipleChoiceQuestion):
            lists[index] = f"'{options_title}'!$E${first}:$E${last}"
    option_rows.append([])
    option_rows.append([_w("how", lang)])
    answers = Sheet(
        _w("answers", lang),
        [[c.header for c in columns]],
        widths={i: 28.0 for i in range(len(columns))},
        freeze="B2",
        lists=lists,
    )
    options = Sheet(
        options_title,
        option_rows,
        widths={0: 22.0, 1: 50.0, 2: 16.0, 3: 18.0, 4: 36.0},
        freeze="A2",
    )
    return xlsx_bytes([answers, options])

"""A pack as an XLSForm (KoboToolbox, ODK, Enketo, ArcGIS Survey123) whose exports read back.

The form is built so that a platform export ("XML values and headers", groups in the
header) reads back with `sme-assess batch` and no mapping file:

- each section is a group named by the section id, so headers read ``section/question``;
- every question is named by its id and every choice by its option value; yes/no choices
  are ``yes``/``no``; "n/a" is the choice ``na`` and "don't know" the choice ``unknown``;
- a number (or text) question that allows "n/a" or "don't know" becomes three fields: a
  choice ``<id>_answer`` (a value / n/a / don't know), the value ``<id>_value`` and a
  calculated ``<id>`` holding the number, ``n/a`` or ``unknown``: the column that is read;
- the respondent fields that no profile question covers (company, contact...) come first,
  outside any group, and ``date`` is the day the form was filled (``today``);
- show-if conditions become ``relevant`` (see ``xpath.py``); number ranges, "at most N
  options" and options that exclude the others become ``constraint``;
- every language of the pack is a ``label::Language (tag)`` column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..answer_io.template import RESPONDENT_COLUMNS
from ..answer_io.template import WORDS as TEMPLATE_WORDS
from ..errors import InputError
from ..i18n import translator
from ..models import NA, UNKNOWN, Questionnaire, text_for
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from ..pack.conditions import ConditionSyntaxError
from .readback import ReadBack
from .xlsform_words import WORDS, language_column
from .xpath import (
    NA_NAME,
    NO_NAME,
    UNKNOWN_NAME,
    YES_NAME,
    Field,
    Untranslatable,
    form_field,
    number,
    relevant,
)

VALUE_NAME = "value"  # the choice "I give a value" of an <id>_answer helper


@dataclass
class XlsForm:
    """The three sheets of an XLSForm, as rows of column -> cell text."""

    survey: list[dict[str, str]] = field(default_factory=list)
    choices: list[dict[str, str]] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)

    def table(self, sheet: str) -> list[list[str]]:
        """A sheet as a header row and value rows (columns in first-use order)."""
        rows = [self.settings] if sheet == "settings" else getattr(self, sheet)
        columns: list[str] = []
        for row in rows:
            columns.extend(c for c in row if c not in columns)
        return [columns, *([row.get(c, "") for c in columns] for row in rows)]


def build_xlsform(q: Questionnaire, lang: str) -> XlsForm:
    """The XLSForm of a pack; ``lang`` is the form's default language. Raises InputError
    when a show-if condition or a name cannot be published exactly."""
    return _Builder(q, lang).build()


def xlsform_bytes(q: Questionnaire, lang: str) -> bytes:
    """The XLSForm as an XLSX workbook (survey, choices and settings sheets)."""
    from ..answer_io.tabular import Sheet, xlsx_bytes

    form = build_xlsform(q, lang)
    sheets = []
    for name in ("survey", "choices", "settings"):
        rows = form.table(name)
        widths = {i: (40.0 if "::" in col else 18.0) for i, col in enumerate(rows[0])}
        sheets.append(Sheet(name, rows, widths=widths, freeze="A2"))
    return xlsx_bytes(sheets)


class _Builder:
    def __init__(self, q: Questionnaire, lang: str) -> None:
        self.q = q
        self.lang = lang
        self.form = XlsForm()
        self.fields: dict[str, Field] = {}
        self.names: dict[str, str] = {}  # form field name -> what it is (for clashes)

    # -- text --

    def texts(self, prefix: str, text: Any) -> dict[str, str]:
        """{'label::English (en)': ..., 'label::Chinese (zh)': ...} for a localised text."""
        if text is None:
            return {}
        out = {}
        for tag in self.q.languages:
            value = text_for(text, tag, self.q.default_language)
            if value:
                out[f"{prefix}::{language_column(tag)}"] = " ".join(value.split())
        return out

    def words(self, prefix: str, table: dict[str, str], key: str, **kw: Any) -> dict[str, str]:
        return {
            f"{prefix}::{language_column(tag)}": translator(tag).text(table[key], **kw)
            for tag in self.q.languages
        }

    def joined(self, prefix: str, parts: Sequence[dict[str, str]]) -> dict[str, str]:
        """Several localised texts joined line by line, per language."""
        out: dict[str, str] = {}
        for part in parts:
            for column, text in part.items():
                out[column] = f"{out[column]}\n{text}" if column in out else text
        return {c: t for c, t in out.items() if c.startswith(prefix + "::")}

    # -- names --

    def claim(self, name: str, what: str) -> str:
        if name in self.names:
            raise InputError(
                f"cannot publish the pack '{self.q.id}': the form field '{name}' would be "
                f"both {self.names[name]} and {what}; rename one of them in the pack"
            )
        self.names[name] = what
        return name

    # -- the form --

    def build(self) -> XlsForm:
        q = self.q
        for question in q.questions():
            self.fields[question.id] = form_field(question)
        profiles = {x.profile for x in q.questions() if x.profile}
        ids = {x.id for x in q.questions()}
        for name in RESPONDENT_COLUMNS:
            if name in profiles or name in ids:
                continue
            if name == "date":
                self.claim(name, "the date the form was filled")
                self.form.survey.append({"type": "today", "name": name})
                continue
            self.claim(name, f"the respondent field '{name}'")
            self.form.survey.append(
                {"type": "text", "name": name, **self.words("label", TEMPLATE_WORDS, name)}
            )
        for section in q.sections:
            self.claim(section.id, f"the section '{section.id}'")
            group = {
                "type": "begin_group",
                "name": section.id,
                **self.texts("label", section.title),
            }
            if section.show_if:
                group["relevant"] = self.relevant(section.show_if, f"section '{section.id}'")
            self.form.survey.append(group)
            if section.description is not None:
                note = self.claim(f"{section.id}_intro", f"the notes of section '{section.id}'")
                self.form.survey.append(
                    {"type": "note", "name": note, **self.texts("label", section.description)}
                )
            for question in section.questions:
                self.question(question)
            self.form.survey.append({"type": "end_group", "name": section.id})
        title = text_for(q.title, self.lang, q.default_language)
        self.form.settings = {
            "form_title": title,
            "form_id": q.id,
            "version": q.version,
            "default_language": language_column(self.lang),
            "style": "pages",
        }
        self.check_reads_back()
        return self.form

    def check_reads_back(self) -> None:
        """Ask the reader: each `section/question` header and each choice name a platform
        exports must read back as the question and the answer it stands for."""
        check = ReadBack(self.q, "XLSForm")
        for section in self.q.sections:
            for question in section.questions:
                qid = question.id
                check.require_header(f"{section.id}/{qid}", qid)
                multiple = isinstance(question, MultipleChoiceQuestion)
                special: dict[str, Any] = {NA_NAME: NA, UNKNOWN_NAME: UNKNOWN}
                if isinstance(question, YesNoQuestion):
                    special |= {YES_NAME: True, NO_NAME: False}
                if isinstance(question, NumberQuestion | TextQuestion):
                    special = {NA: NA, UNKNOWN: UNKNOWN}  # what the calculated field holds
                    names = [
                        n
                        for n, ok in ((NA, question.allow_na), (UNKNOWN, question.allow_unknown))
                        if ok
                    ]
                else:
                    names = [c["name"] for c in self.form.choices if c["list_name"] == qid]
                for name in names:
                    expected = special.get(name, [name] if multiple else name)
                    check.require_cell(qid, name, expected)

    def relevant(self, source: str, where: str) -> str:
        try:
            return relevant(source, self.fields)
        except (Untranslatable, ConditionSyntaxError) as exc:
            raise InputError(
                f"cannot publish {where} of the pack '{self.q.id}': its show-if "
                f"'{source}' has no exact XLSForm form ({exc}); rewrite it, e.g. with "
                "'==', 'in [...]', and/or/not"
            ) from None

    def question(self, question: Question) -> None:
        qid = question.id
        base: dict[str, str] = {}
        if question.show_if:
            base["relevant"] = self.relevant(question.show_if, f"question '{qid}'")
        if question.required:
            base["required"] = "yes"
        label = self.texts("label", question.text)
        hint = self.texts("hint", question.help)
        if isinstance(question, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
            self.claim(qid, f"question '{qid}'")
            self.choice_list(question)
            multiple = isinstance(question, MultipleChoiceQuestion)
            row = {"type": f"{'select_multiple' if multiple else 'select_one'} {qid}"}
            row |= {"name": qid, **label, **hint, **base}
            if isinstance(question, MultipleChoiceQuestion):
                row |= self.multiple_constraint(question)
            self.form.survey.append(row)
        elif isinstance(question, YesNoQuestion):
            self.claim(qid, f"question '{qid}'")
            yes_no = [
                (YES_NAME, self.words("label", TEMPLATE_WORDS, "yes")),
                (NO_NAME, self.words("label", TEMPLATE_WORDS, "no")),
            ]
            self.add_choices(qid, yes_no + self.reserved_choices(question))
            self.form.survey.append(
                {"type": f"select_one {qid}", "name": qid, **label, **hint, **base}
            )
        elif isinstance(question, NumberQuestion | TextQuestion):
            self.value_question(question, label, hint, base)

    def choice_list(
        self, question: SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion
    ) -> None:
        taken = {o.value for o in question.options}
        for reserved in self.reserved_names(question):
            if reserved in taken:
                raise InputError(
                    f"cannot publish question '{question.id}': its option '{reserved}' is the "
                    'name the form gives to "n/a" or "don\'t know"; rename the option'
                )
        choices = []
        for option in question.options:
            label = self.texts("label", option.label)
            if isinstance(question, ScaleQuestion) and option.descriptor is not None:
                descriptor = self.texts("label", option.descriptor)
                label = {
                    c: f"{t}: {descriptor[c]}" if c in descriptor else t for c, t in label.items()
                }
            choices.append((option.value, label))
        self.add_choices(question.id, choices + self.reserved_choices(question))

    def reserved_names(self, question: Question) -> list[str]:
        return ([NA_NAME] if question.allow_na else []) + (
            [UNKNOWN_NAME] if question.allow_unknown else []
        )

    def reserved_choices(self, question: Question) -> list[tuple[str, dict[str, str]]]:
        out = []
        if question.allow_na:
            out.append((NA_NAME, self.words("label", TEMPLATE_WORDS, "na")))
        if question.allow_unknown:
            out.append((UNKNOWN_NAME, self.words("label", TEMPLATE_WORDS, "unknown")))
        return out

    def add_choices(self, list_name: str, choices: list[tuple[str, dict[str, str]]]) -> None:
        for name, label in choices:
            self.form.choices.append({"list_name": list_name, "name": name, **label})

    def multiple_constraint(self, question: MultipleChoiceQuestion) -> dict[str, str]:
        rules: list[str] = []
        messages: list[dict[str, str]] = []
        if question.max_selected is not None:
            rules.append(f"count-selected(.) <= {question.max_selected}")
            messages.append(
                self.words("constraint_message", WORDS, "tick_at_most", n=question.max_selected)
            )
        alone: list[tuple[str, Any]] = [(o.value, o.label) for o in question.options if o.exclusive]
        if question.allow_na:
            alone.append((NA_NAME, None))
        if question.allow_unknown:
            alone.append((UNKNOWN_NAME, None))
        tool_word = {NA_NAME: TEMPLATE_WORDS["na"], UNKNOWN_NAME: TEMPLATE_WORDS["unknown"]}
        for name, text in alone:
            rules.append(f"(not(selected(., '{name}')) or count-selected(.) = 1)")
            messages.append(
                {
                    f"constraint_message::{language_column(tag)}": translator(tag).text(
                        WORDS["alone"],
                        label=translator(tag).text(tool_word[name])
                        if text is None
                        else text_for(text, tag, self.q.default_language),
                    )
                    for tag in self.q.languages
                }
            )
        if not rules:
            return {}
        return {"constraint": " and ".join(rules), **self.joined("constraint_message", messages)}

    def value_question(
        self,
        question: NumberQuestion | TextQuestion,
        label: dict[str, str],
        hint: dict[str, str],
        base: dict[str, str],
    ) -> None:
        qid = question.id
        row: dict[str, str]
        if isinstance(question, NumberQuestion):
            row = {"type": "integer" if question.integer else "decimal"}
            row |= self.number_rules(question)
            if question.unit is not None:
                unit = self.words("hint", WORDS, "unit", unit="")
                units = self.texts("hint", question.unit)
                hint = self.joined("hint", [hint, {c: unit[c] + units.get(c, "") for c in unit}])
        else:
            row = {"type": "text"}
            if question.max_length is None or question.max_length > 80:
                row["appearance"] = "multiline"
            if question.max_length is not None:
                row["constraint"] = f"string-length(.) <= {question.max_length}"
                row |= self.words("constraint_message", WORDS, "length", n=question.max_length)
        reserved = self.reserved_choices(question)
        if not reserved:
            self.claim(qid, f"question '{qid}'")
            self.form.survey.append({**row, "name": qid, **label, **hint, **base})
            return
        # The answer is chosen first: a value, "n/a" or "don't know"; a calculated field
        # named by the question id holds what is read back.
        answer = self.claim(f"{qid}_answer", f"the first part of question '{qid}'")
        value = self.claim(f"{qid}_value", f"the value of question '{qid}'")
        self.claim(qid, f"question '{qid}'")
        give = "give_number" if isinstance(question, NumberQuestion) else "give_text"
        the = "the_number" if isinstance(question, NumberQuestion) else "the_text"
        self.add_choices(answer, [(VALUE_NAME, self.words("label", WORDS, give)), *reserved])
        self.form.survey.append(
            {"type": f"select_one {answer}", "name": answer, **label, **hint, **base}
        )
        inner = {**row, "name": value, **self.words("label", WORDS, the)}
        inner["relevant"] = f"${{{answer}}} = '{VALUE_NAME}'"
        if question.required:
            inner["required"] = "yes"
        self.form.survey.append(inner)
        calc = f"if(${{{answer}}} = '{NA_NAME}', '{NA}', ${{{answer}}})"
        calc = f"if(${{{answer}}} = '{VALUE_NAME}', ${{{value}}}, {calc})"
        outer = {"type": "calculate", "name": qid, "calculation": calc}
        if "relevant" in base:
            outer["relevant"] = base["relevant"]
        self.form.survey.append(outer)

    def number_rules(self, question: NumberQuestion) -> dict[str, str]:
        low, high = question.min, question.max
        rules = []
        if low is not None:
            rules.append(f". >= {number(low)}")
        if high is not None:
            rules.append(f". <= {number(high)}")
        if not rules:
            return {}
        message: dict[str, str] = {}
        if low is not None and high is not None:
            message = self.words(
                "constraint_message", WORDS, "range", low=number(low), high=number(high)
            )
        elif low is not None:
            message = self.words("constraint_message", WORDS, "at_least", low=number(low))
        elif high is not None:
            message = self.words("constraint_message", WORDS, "at_most", high=number(high))
        return {"constraint": " and ".join(rules), **message}

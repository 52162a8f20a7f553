"""A pack as 问卷星 (wjx.cn) text-import format, written so that its exports read back.

The format is the one 问卷星 documents for creating a survey from text (wjx-cli
``survey create-by-text``; the public ``textToSurvey`` parser of its wjx-api-sdk): the
first line is the title, the lines up to the first question the description, then one
block per question separated by a blank line::

    1. 题目文字[单选题]
    A 选项一
    B 选项二

    2. 题目文字[多选题]（选填）
    ...

``[单选题]``, ``[多选题]`` and ``[填空题]`` give the type; a question is required unless
``（选填）`` follows the type; a leading letter and space ("A ") is taken off each option, so
every option is written with one (a label that starts with "A " stays whole); ``=== 分页 ===``
starts a page (one per section).

Reading back relies on the texts, since 问卷星 keeps no codes: its "按文本" (by text) Excel
export heads each column "N、题目文字（…）" and fills it with the option labels, so the
question and option texts are exactly the pack's (a hint is added only in a trailing
bracket, which the reader sets aside); "don't know" and "not applicable" are the options
不清楚 / 不适用 (don't know / not applicable), which the reader knows. 问卷星 cannot import
show-if logic: the document lists the rules to set by hand (题目关联), in question numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..answer_io.template import RESPONDENT_COLUMNS
from ..answer_io.template import WORDS as TEMPLATE_WORDS
from ..errors import InputError
from ..i18n import N_, NP_, Message, translator
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
from ..pack.conditions import names, parse_condition
from .readback import ReadBack

PAGE_BREAK = "=== 分页 ==="
OPTIONAL = "（选填）"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# What the parser takes for a question line; no other line may look like one.
QUESTION_LINE = re.compile(r"^(\d+)\.\s*(.+?)\s*(\[([^\]]+)\])(\s*（选填）)?\s*$")
WORDS: dict[str, Message] = {
    "number": NP_("wjx hint", "a number"),
    "whole": NP_("wjx hint", "a whole number"),
    "unit": N_("unit: {unit}"),
    "range": N_("{low} to {high}"),
    "at_least": N_("at least {low}"),
    "at_most": N_("at most {high}"),
    "write": N_("if you do not know, write “{word}”"),
    "write_na": N_("if it does not apply, write “{word}”"),
    "tick_at_most": N_("tick at most {n}"),
    "alone": N_("“{label}” only on its own"),
    "question": N_("Q{n}"),
    "questions": N_("Q{a}-Q{b}"),
    "show_if": N_("{where}: show only if {rule}"),
    "is": N_("{name} is {where}"),
    "option": N_("'{value}' is “{label}”"),
    "yes_no": N_("true is “{yes}”, false is “{no}”"),
}
BRACKETS = ("（", "）")


@dataclass
class WjxDocument:
    """The text to import, how many questions it numbers, and the show-if rules to set."""

    text: str
    count: int
    logic: list[str] = field(default_factory=list)


def wjx_text(q: Questionnaire, lang: str) -> WjxDocument:
    """The 问卷星 import text of a pack in one language."""
    return _Writer(q, lang).write()


def one_line(text: str) -> str:
    """Text on one line (the format is line-based)."""
    return " ".join(text.split())


class _Writer:
    def __init__(self, q: Questionnaire, lang: str) -> None:
        self.q = q
        self.lang = lang
        self.lines: list[str] = []
        self.count = 0
        self.numbers: dict[str, int] = {}
        self.check = ReadBack(q, "问卷星")

    def t(self, text: Any) -> str:
        return one_line(text_for(text, self.lang, self.q.default_language))

    def w(self, key: str, table: dict[str, str] | None = None, **kw: Any) -> str:
        found: Message = (table or WORDS)[key]
        return translator(self.lang).text(found, **kw)

    def write(self) -> WjxDocument:
        q = self.q
        self.lines = [self.t(q.title), ""]
        if q.description is not None:
            self.lines += [_not_a_question(self.t(q.description)), ""]
        profiles = {x.profile for x in q.questions() if x.profile}
        ids = {x.id for x in q.questions()}
        for name in RESPONDENT_COLUMNS:
            # the date is 问卷星's own 提交答卷时间 column
            if name not in profiles and name not in ids and name != "date":
                self.block(self.w(name, TEMPLATE_WORDS), "填空题", optional=True, options=[])
        logic: list[str] = []
        for section in q.sections:
            self.lines += [PAGE_BREAK, ""]
            first = self.count + 1
            for question in section.questions:
                self.question(question, optional=bool(section.show_if))
                if question.show_if:
                    logic.append(self.rule(self.where(self.numbers[question.id]), question.show_if))
            if section.show_if:
                where = self.w("questions", a=first, b=self.count)
                logic.append(self.rule(where, section.show_if))
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return WjxDocument("\n".join(self.lines) + "\n", self.count, logic)

    def where(self, number: int) -> str:
        return self.w("question", n=number)

    def block(self, title: str, kind: str, *, optional: bool, options: list[str]) -> None:
        self.count += 1
        line = f"{self.count}. {title}[{kind}]" + (OPTIONAL if optional else "")
        if not QUESTION_LINE.match(line):  # pragma: no cover - titles are one line
            raise InputError(f"cannot write question {self.count} on one line: {title!r}")
        self.lines.append(line)
        for i, option in enumerate(options):
            self.lines.append(f"{LETTERS[i % len(LETTERS)]} {option}")
        self.lines.append("")

    def question(self, question: Question, optional: bool) -> None:
        number = self.count + 1
        self.numbers[question.id] = number
        optional = optional or not question.required or bool(question.show_if)
        title = self.t(question.text)
        hints: list[str] = []
        kind = "填空题"
        options: list[tuple[str, Any]] = []  # (text, the answer it must read back as)
        if isinstance(question, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
            multiple = isinstance(question, MultipleChoiceQuestion)
            kind = "多选题" if multiple else "单选题"
            options = [
                (self.t(o.label), [o.value] if multiple else o.value) for o in question.options
            ]
            if isinstance(question, MultipleChoiceQuestion):
                if question.max_selected is not None:
                    hints.append(self.w("tick_at_most", n=question.max_selected))
                alone = [self.t(o.label) for o in question.options if o.exclusive]
                alone += [text for text, _ in self.reserved(question)]
                hints += [self.w("alone", label=label) for label in alone]
            options += self.reserved(question)
        elif isinstance(question, YesNoQuestion):
            kind = "单选题"
            yes, no = self.w("yes", TEMPLATE_WORDS), self.w("no", TEMPLATE_WORDS)
            options = [(yes, True), (no, False), *self.reserved(question)]
        elif isinstance(question, NumberQuestion):
            hints.append(self.w("whole" if question.integer else "number"))
            if question.unit is not None and self.t(question.unit):
                hints.append(self.w("unit", unit=self.t(question.unit)))
            low, high = question.min, question.max
            if low is not None and high is not None:
                hints.append(self.w("range", low=f"{low:g}", high=f"{high:g}"))
            elif low is not None:
                hints.append(self.w("at_least", low=f"{low:g}"))
            elif high is not None:
                hints.append(self.w("at_most", high=f"{high:g}"))
            hints += self.write_reserved(question)
        elif isinstance(question, TextQuestion):
            hints += self.write_reserved(question)
        # 问卷星's export heads the column "N、title": it must name this question, and each
        # option text (or the word typed for n/a, don't know) must read back as its answer.
        hinted = _hinted(title, hints, self.lang)
        if not self.check.header_names(f"{number}、{hinted}", question.id):
            hinted = title  # a hint that the reader cannot set aside is left out
            self.check.require_header(f"{number}、{title}", question.id)
        for text, expected in [*options, *self.typed_reserved(question)]:
            self.check.require_cell(question.id, text, expected)
        texts = [text for text, _ in options] if kind != "填空题" else []
        self.block(hinted, kind, optional=optional, options=texts)

    def reserved(self, question: Question) -> list[tuple[str, Any]]:
        """The options for "not applicable" and "don't know", where the question allows them."""
        out: list[tuple[str, Any]] = []
        if question.allow_na:
            out.append((self.w("na", TEMPLATE_WORDS), NA))
        if question.allow_unknown:
            out.append((self.w("unknown", TEMPLATE_WORDS), UNKNOWN))
        return out

    def typed_reserved(self, question: Question) -> list[tuple[str, Any]]:
        """What is typed for n/a or don't know into a number or text question."""
        if isinstance(question, NumberQuestion | TextQuestion):
            return self.reserved(question)
        return []

    def write_reserved(self, question: Question) -> list[str]:
        out = []
        if question.allow_na:
            out.append(self.w("write_na", word=self.w("na", TEMPLATE_WORDS)))
        if question.allow_unknown:
            out.append(self.w("write", word=self.w("unknown", TEMPLATE_WORDS)))
        return out

    def rule(self, where: str, source: str) -> str:
        """A show-if rule in question numbers, with what its option codes stand for."""
        text = self.w("show_if", where=where, rule=source)
        notes: list[str] = []
        literals = _string_literals(source)
        for name in names(parse_condition(source)):
            question = self.q.question(name)
            if question is None or name not in self.numbers:
                continue
            notes.append(self.w("is", name=name, where=self.where(self.numbers[name])))
            if isinstance(question, YesNoQuestion):
                yes, no = self.w("yes", TEMPLATE_WORDS), self.w("no", TEMPLATE_WORDS)
                notes.append(self.w("yes_no", yes=yes, no=no))
            options = getattr(question, "options", [])
            for option in options:
                if option.value in literals:
                    notes.append(self.w("option", value=option.value, label=self.t(option.label)))
        _ = translator(self.lang)
        sep = _("; ")
        return text + (sep + sep.join(notes) if notes else "")


def _hinted(title: str, hints: list[str], lang: str) -> str:
    """The title with hints in a trailing full-width bracket (the reader sets it aside)."""
    if not hints:
        return title
    _ = translator(lang)
    sep = _("; ")
    return f"{title}{BRACKETS[0]}{sep.join(hints)}{BRACKETS[1]}"


def _not_a_question(line: str) -> str:
    """A description line that the parser would take for a question gets a full-width dot."""
    if QUESTION_LINE.match(line):
        return re.sub(r"^(\d+)\.", r"\1．", line)
    return line


def _string_literals(source: str) -> set[str]:
    from jinja2 import nodes

    node = parse_condition(source).node
    found = [node, *node.find_all(nodes.Const)]
    return {n.value for n in found if isinstance(n, nodes.Const) and isinstance(n.value, str)}

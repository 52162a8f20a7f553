"""Survey exports -> answers: which column is which question, which cell is which option.

Pure functions over a pack and a table's text (no files, no printing), so every rule can be
unit-tested. A header matches a question by its id or by its text in any of the pack's
languages (whitespace, case and punctuation do not matter; "Q12. <text>", "<id> - <text>" and
Kobo group paths "group/<id>" still match); a cell matches an option by its value or its
label in any language; numbers ("15%", "1,200"), yes/no (true/false/yes/no/是/否/1/0),
"not applicable" and "don't know" are recognised. A mapping file (``--mapping``) overrides
both. A cell that matches nothing is passed on as written, so that checking the answers
against the pack reports it with the question's id, like any other wrong answer.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import Field

from ..models import NA, UNKNOWN, Questionnaire
from ..models.common import StrictModel
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)

RESPONDENT_FIELDS = ("company", "sector", "size", "region", "contact", "date")
IGNORE = "ignore"

# Headers that name a respondent field (compared after normalise()).
RESPONDENT_ALIASES: dict[str, tuple[str, ...]] = {
    "company": (
        "company",
        "company name",
        "name of company",
        "name of the company",
        "business name",
        "enterprise",
        "enterprise name",
        "firm",
        "firm name",
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "企业名称",
        "公司名称",
        "企业",
        "公司",
        "单位名称",
        "企业全称",
        "公司全称",
        "企业名",
        "公司名",
    ),
    "sector": ("sector", "industry", "行业", "所属行业", "行业类别", "所在行业"),
    "size": ("size", "company size", "firm size", "企业规模", "规模", "公司规模"),
    "region": (
        "region",
        "province",
        "city",
        "location",
        "地区",
        "所在地区",
        "省份",
        "城市",
        "所在地",
        "所在城市",
        "区域",
    ),
    "contact": (
        "contact",
        "contact person",
        "contact name",
        "email",
        "e mail",
        "email address",
        "phone",
        "telephone",
        "联系人",
        "联系方式",
        "联系电话",
        "电话",
        "手机",
        "邮箱",
    ),
    "date": (
        "date",
        "timestamp",
        "submission time",
        "submitted",
        "submitted at",
        "completion time",
        "日期",
        "时间戳",
        "提交时间",
        "提交答卷时间",
        "填写日期",
        "填表日期",
        "完成时间",
    ),
}

# Columns survey tools add that are not answers; reported as such, never mapped.
SURVEY_METADATA = frozenset(
    {
        "id",
        "start time",
        "end time",
        "last modified time",
        "name",
        "start",
        "end",
        "today",
        "deviceid",
        "uuid",
        "index",
        "parent index",
        "parent table name",
        "version",
        "validation status",
        "notes",
        "status",
        "submitted by",
        "tags",
        "序号",
        "答题时间",
        "所用时间",
        "来源",
        "来源详情",
        "来自ip",
        "ip",
        "总分",
    }
)

NA_WORDS = frozenset({"n/a", "na", "n a", "not applicable", "does not apply", "不适用", "不涉及"})
UNKNOWN_WORDS = frozenset(
    {
        "unknown",
        "don't know",
        "dont know",
        "do not know",
        "not sure",
        "不清楚",
        "不知道",
        "不确定",
        "说不清",
    }
)
YES_WORDS = frozenset({"true", "yes", "y", "1", "是", "有", "对", "✓", "✔"})
NO_WORDS = frozenset({"false", "no", "n", "0", "否", "没有", "无", "不是"})
TRUTHY_OPTION_CELLS = frozenset({"1", "true", "yes", "y", "x", "✓", "✔", "是", "selected"})

# Multiple-choice separators: Google Forms ", ", Microsoft Forms ";", Chinese tools "、",
# and full-width forms; a newline or "|" too. (No \s* around it: that made splitting a long
# run of spaces quadratic; the parts are stripped instead.)
_MULTI_SPLIT = re.compile(r"[;,、，；|\n]")
_MAX_LABEL_PARTS = 8  # a label holds at most 7 separators (bounds the work on a long cell)
_MAX_TICKS = 500  # more parts than this in one cell is not a list of ticked options
_NUMBERING = re.compile(
    r"^\s*(?:(?:[Qq]|问题|题目|第)\s*)?\d+(?:\.\d+)*\s*(?:题)?\s*(?:[.．、:：)）\]-]\s*|\s+)"
    r"|^\s*[(（]\s*\d+\s*[)）]\s*"
)
_ID_PREFIX = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:[-–—:：|]|\s-\s)\s*(.*)$", re.S)
_TAG_OPEN = "(（[【"
_TAG_CLOSE = ")）]】"
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d{1,2}$")
_NUMBER = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")


def normalise(text: str) -> str:
    """Text for comparison: NFKC, case-folded, punctuation and symbols as spaces, one space."""
    text = unicodedata.normalize("NFKC", text).casefold()
    out = [" " if unicodedata.category(ch)[0] in "PSZC" and ch not in "%'/" else ch for ch in text]
    return " ".join("".join(out).replace("'", "").split())


def strip_numbering(header: str) -> str:
    """'Q12. Text', '12) Text', '第3题 Text', '(1) Text' -> 'Text'."""
    return _NUMBERING.sub("", header, count=1)


# --- the mapping file -----------------------------------------------------------------------


class MappingFile(StrictModel):
    """A ``--mapping`` YAML file: column -> target, and per question: cell text -> answer."""

    columns: dict[str, str] = Field(
        default={},
        description=(
            "Column header -> a question id, a respondent field (company, sector, size, "
            "region, contact, date, or respondent.<name>) or 'ignore'."
        ),
    )
    values: dict[str, dict[str, bool | int | float | str]] = Field(
        default={},
        description=(
            "Question id (or sector/size) -> cell text -> answer: an option value, "
            "true/false, a number, 'n/a' or 'unknown'."
        ),
    )


def mapping_problems(q: Questionnaire, mapping: MappingFile) -> list[str]:
    """What is wrong with a mapping file for this pack (unknown ids, values not options)."""
    by_id = {x.id: x for x in q.questions()}
    problems: list[str] = []
    for header, target in mapping.columns.items():
        if target == IGNORE or target in by_id or target in RESPONDENT_FIELDS:
            continue
        if target.startswith("respondent.") and len(target) > len("respondent."):
            continue
        problems.append(
            f"columns: '{header}' -> '{target}': not a question id, a respondent field "
            f"({', '.join(RESPONDENT_FIELDS)}, respondent.<name>) or 'ignore'"
        )
    for qid, table in mapping.values.items():
        question = by_id.get(qid) or _profile_question(q, qid)
        if question is None:
            problems.append(f"values: '{qid}' is not a question id")
            continue
        if isinstance(question, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
            allowed = {o.value for o in question.options} | {NA, UNKNOWN}
            for cell, value in table.items():
                if not isinstance(value, str) or value not in allowed:
                    problems.append(
                        f"values: {qid}: '{cell}' -> {value!r} is not an option of '{qid}' "
                        f"({', '.join(o.value for o in question.options)})"
                    )
    return problems


def _profile_question(q: Questionnaire, profile: str) -> Question | None:
    if profile not in ("sector", "size"):
        return None
    return next((x for x in q.questions() if x.profile == profile), None)


# --- matching headers -----------------------------------------------------------------------

Kind = Literal["question", "option", "respondent", "ignored", "unmapped"]


@dataclass(frozen=True)
class Column:
    """How one column of a table was understood."""

    index: int  # 0-based
    header: str
    kind: Kind
    target: str | None = None  # question id, respondent field, or None
    option: str | None = None  # for a one-column-per-option export (Kobo "q/option")
    how: str = ""  # in words: "question id", "question text (zh)", "mapping file", ...
    lang: str | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.index)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (as a spreadsheet shows it)."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass
class TablePlan:
    """Every column of a table, and where each question and respondent field comes from."""

    columns: tuple[Column, ...]
    language: str | None  # the pack language the headers were written in, if any
    questions: dict[str, int] = field(init=False)  # question id -> column index
    options: dict[str, list[tuple[int, str]]] = field(init=False)  # per-option columns
    respondent: dict[str, int] = field(init=False)  # respondent field -> column index

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

    @property
    def mapped(self) -> int:
        """How many columns feed answers."""
        return sum(1 for c in self.columns if c.kind in ("question", "option"))


@dataclass(frozen=True)
class ValueMatch:
    value: Any  # what goes into the answers; the cell text as written when not matched
    how: str
    ok: bool


@dataclass
class Matcher:
    """Lookups built once per pack (and mapping file); cheap to pickle to worker processes."""

    questionnaire: Questionnaire
    mapping: MappingFile = field(default_factory=MappingFile)
    ids: dict[str, str] = field(default_factory=dict)  # casefolded id -> id
    texts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # norm -> [(id, lang)]
    options: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    column_overrides: dict[str, str] = field(default_factory=dict)
    value_overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    units: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        q = self.questionnaire
        for question in q.questions():
            self.questions[question.id] = question
            self.ids[question.id.casefold()] = question.id
            for lang, text in _texts(question.text, q.languages):
                key = normalise(text)
                if key:
                    entries = self.texts.setdefault(key, [])
                    if all(e[0] != question.id for e in entries):
                        entries.append((question.id, lang))
            if isinstance(question, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
                table: dict[str, tuple[str, str]] = {}
                for option in question.options:
                    table.setdefault(normalise(option.value), (option.value, "option value"))
                for option in question.options:
                    for lang, label in _texts(option.label, q.languages):
                        table.setdefault(normalise(label), (option.value, f"label ({lang})"))
                self.options[question.id] = table
            if isinstance(question, NumberQuestion) and question.unit is not None:
                self.units[question.id] = sorted(
                    {t for _, t in _texts(question.unit, q.languages) if t.strip()},
                    key=len,
                    reverse=True,
                )
        self.column_overrides = {normalise(k): v for k, v in self.mapping.columns.items()}
        self.value_overrides = {
            qid: {normalise(k): v for k, v in table.items()}
            for qid, table in self.mapping.values.items()
        }

    # -- headers --

    def plan(self, headers: Sequence[str]) -> TablePlan:
        """Understand every column of a table from its header row."""
        columns: list[Column] = []
        taken: dict[tuple[str, str | None], int] = {}
        langs: dict[str, int] = {}
        for index, raw in enumerate(headers):
            header = str(raw or "").strip()
            column = self.match_header(index, header)
            if column.kind in ("question", "option", "respondent") and column.target:
                key = (column.kind + ":" + column.target, column.option)
                if key in taken:
                    first = column_letter(taken[key])
                    column = Column(
                        index,
                        header,
                        "ignored",
                        column.target,
                        column.option,
                        f"duplicate: '{column.target}' already comes from column {first}",
                    )
                else:
                    taken[key] = index
                    if column.lang:
                        langs[column.lang] = langs.get(column.lang, 0) + 1
            columns.append(column)
        # A combined multiple-choice column wins over one-column-per-option columns.
        combined = {c.target for c in columns if c.kind == "question"}
        columns = [
            Column(
                c.index,
                c.header,
                "ignored",
                c.target,
                c.option,
                f"option column of '{c.target}', which has its own column",
            )
            if c.kind == "option" and c.target in combined
            else c
            for c in columns
        ]
        language = max(langs, key=lambda k: langs[k]) if langs else None
        return TablePlan(tuple(columns), language)

    def match_header(self, index: int, header: str) -> Column:
        if not header:
            return Column(index, header, "unmapped", how="empty header")
        override = self.mapping.columns.get(header)
        if override is None:
            override = self.column_overrides.get(normalise(header))
        if override is not None:
            return self._override(index, header, override)
        found = self._question_for(header)
        if isinstance(found, str):
            return Column(index, header, "unmapped", how=found)
        if found is not None:
            qid, how, lang = found
            return Column(index, header, "question", qid, how=how, lang=lang)
        option = self._option_column(header)
        if option is not None:
            qid, value = option
            return Column(index, header, "option", qid, value, how=f"option '{value}' of {qid}")
        field_name = self._respondent_for(header)
        if field_name is not None:
            return Column(index, header, "respondent", field_name, how="respondent field")
        if normalise(header) in SURVEY_METADATA or header.startswith("_"):
            return Column(index, header, "ignored", how="survey metadata")
        return Column(index, header, "unmapped", how="matches no question")

    def _override(self, index: int, header: str, target: str) -> Column:
        if target == IGNORE:
            return Column(index, header, "ignored", how="mapping file: ignore")
        if target in self.questions:
            return Column(index, header, "question", target, how="mapping file")
        if target in RESPONDENT_FIELDS:
            return Column(index, header, "respondent", target, how="mapping file")
        if target.startswith("respondent."):
            name = target[len("respondent.") :]
            return Column(index, header, "respondent", name, how="mapping file")
        return Column(index, header, "unmapped", how=f"mapping file: unknown target '{target}'")

    def _by_text(self, text: str, how: str) -> tuple[str, str, str | None] | str | None:
        key = normalise(text)
        if not key:
            return None
        entries = self.texts.get(key)
        if entries is None:
            return None
        if len(entries) > 1:
            return "matches several questions: " + ", ".join(e[0] for e in entries)
        qid, lang = entries[0]
        return qid, f"{how} ({lang})", lang

    def _question_for(self, header: str) -> tuple[str, str, str | None] | str | None:
        """(id, how, lang) of the question a header names; a str says why it is ambiguous."""
        qid = self.ids.get(header.casefold())
        if qid is not None:
            return qid, "question id", None
        if "/" in header:  # Kobo group path: group/subgroup/question_id
            qid = self.ids.get(header.rsplit("/", 1)[-1].strip().casefold())
            if qid is not None:
                return qid, "question id (group path)", None
        prefix = _ID_PREFIX.match(header)
        if prefix is not None:
            qid = self.ids.get(prefix.group(1).casefold())
            if qid is not None:
                rest = self._by_text(prefix.group(2), "text")
                lang = rest[2] if isinstance(rest, tuple) and rest[0] == qid else None
                return qid, "question id before the text", lang
        candidates = [header]
        numbered = strip_numbering(header)
        if numbered != header:
            candidates.append(numbered)
        for text in list(candidates):
            untagged = _without_trailing_tags(text)
            if untagged != text and untagged:
                candidates.append(untagged)
            for part in re.split(r"\s[-–—|]\s|[:：\n]", text):
                if part.strip() and part.strip() != text.strip():
                    candidates.append(part)
        for i, text in enumerate(candidates):
            how = "question text" if i == 0 else "question text, numbering or notes aside"
            found = self._by_text(text, how)
            if found is not None:
                return found
        # A header cut short by the survey tool: a unique question text starting with it.
        short = normalise(header.rstrip(".… "))
        if len(short) >= 16:
            hits = {
                (qid, lang)
                for key, entries in self.texts.items()
                if key.startswith(short)
                for qid, lang in entries
            }
            ids = {h[0] for h in hits}
            if len(ids) == 1:
                qid, lang = sorted(hits)[0]
                return qid, f"start of the question text ({lang})", lang
        return None

    def _option_column(self, header: str) -> tuple[str, str] | None:
        """Kobo's one column per option of a multiple choice: 'question_id/option_value'."""
        if "/" not in header:
            return None
        head, _, tail = header.rpartition("/")
        qid = self.ids.get(head.rsplit("/", 1)[-1].strip().casefold())
        if qid is None or not isinstance(self.questions[qid], MultipleChoiceQuestion):
            return None
        hit = self.options[qid].get(normalise(tail))
        return (qid, hit[0]) if hit else None

    def _respondent_for(self, header: str) -> str | None:
        candidates = [header, strip_numbering(header)]
        prefix = _ID_PREFIX.match(header)
        if prefix is not None and prefix.group(1).casefold() in RESPONDENT_FIELDS:
            return prefix.group(1).casefold()
        for text in candidates:
            key = normalise(text)
            for name, aliases in RESPONDENT_ALIASES.items():
                if key in aliases:
                    return name
        return None

    # -- cells --

    def value(self, qid: str, cell: str, *, overrides: bool = True) -> ValueMatch:
        """The answer a cell gives to question ``qid``."""
        question = self.questions[qid]
        text = cell.strip()
        override = self._value_override(qid, text) if overrides else None
        if override is not None:
            if isinstance(override, str) and isinstance(question, YesNoQuestion | NumberQuestion):
                again = self.value(qid, override, overrides=False)
                return ValueMatch(again.value, "mapping file", again.ok)
            if isinstance(question, MultipleChoiceQuestion) and override not in (NA, UNKNOWN):
                override = [override] if not isinstance(override, list) else override
            return ValueMatch(override, "mapping file", True)
        if isinstance(question, MultipleChoiceQuestion):
            return self._multiple(question, text)
        if isinstance(question, SingleChoiceQuestion | ScaleQuestion):
            hit = self.options[qid].get(normalise(text))
            if hit is not None:
                return ValueMatch(hit[0], hit[1], True)
            return self._special(question, text)
        if isinstance(question, YesNoQuestion):
            key = normalise(text) or text
            if key in YES_WORDS:
                return ValueMatch(True, "yes", True)
            if key in NO_WORDS:
                return ValueMatch(False, "no", True)
            return self._special(question, text)
        if isinstance(question, NumberQuestion):
            number = parse_number(text, self.units.get(qid, ()))
            if number is not None:
                if question.integer and float(number) == int(number):
                    number = int(number)
                return ValueMatch(number, "number", True)
            return self._special(question, text)
        if isinstance(question, TextQuestion):
            return ValueMatch(text, "text", True)
        return ValueMatch(text, "not matched", False)  # pragma: no cover

    def _value_override(self, qid: str, text: str) -> Any:
        table = self.mapping.values.get(qid)
        if not table:
            return None
        if text in table:
            return table[text]
        return self.value_overrides[qid].get(normalise(text))

    def _special(self, question: Question, text: str) -> ValueMatch:
        key = normalise(text)
        if text in (NA, UNKNOWN):
            return ValueMatch(text, text, True)
        if key in NA_WORDS or text in NA_WORDS:
            return ValueMatch(NA, "not applicable", True)
        if key in UNKNOWN_WORDS or text.casefold() in UNKNOWN_WORDS:
            return ValueMatch(UNKNOWN, "don't know", True)
        return ValueMatch(text, "not matched", False)

    def _multiple(self, question: MultipleChoiceQuestion, text: str) -> ValueMatch:
        table = self.options[question.id]
        whole = table.get(normalise(text))
        if whole is not None:
            return ValueMatch([whole[0]], whole[1], True)
        special = self._special(question, text)
        if special.ok:
            return special
        values: list[str] = []
        unmatched: list[str] = []
        hows: set[str] = set()
        for part, value, how in self._multiple_parts(question, text):
            if value is None:
                unmatched.append(part)
            else:
                hows.add(how)
                if value not in values:
                    values.append(value)
        if unmatched:
            return ValueMatch(values + unmatched, "not matched: " + ", ".join(unmatched), False)
        return ValueMatch(values, ", ".join(sorted(hows)), True)

    def _multiple_parts(
        self, question: MultipleChoiceQuestion, text: str
    ) -> list[tuple[str, str | None, str]]:
        """(part as written, option value or None, how) for each ticked part of a cell."""
        table = self.options[question.id]
        spans = _part_spans(text)
        if len(spans) > _MAX_TICKS:
            return [(text.strip(), None, f"not matched: more than {_MAX_TICKS} parts")]
        parts = [text[a:b] for a, b in spans]
        if len(parts) == 1 and " " in text:  # Kobo: option codes separated by spaces
            spaced = text.split()
            if all(table.get(normalise(p), ("", ""))[1] == "option value" for p in spaced):
                parts = spaced
                spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        found: list[tuple[str, str | None, str]] = []
        i = 0
        while i < len(parts):
            # The longest run of parts that is one label (labels may hold a comma).
            for j in range(min(len(parts), i + _MAX_LABEL_PARTS), i, -1):
                joined = text[spans[i][0] : spans[j - 1][1]]
                override = self._value_override(question.id, joined)
                hit = (override, "mapping file") if isinstance(override, str) else None
                hit = hit or table.get(normalise(joined))
                if hit is not None:
                    found.append((joined.strip(), hit[0], hit[1]))
                    i = j
                    break
            else:
                found.append((parts[i].strip(), None, "not matched"))
                i += 1
        return found

    def explain(self, qid: str, cell: str) -> list[tuple[str, ValueMatch]]:
        """How a cell was read, part by part for a multiple choice (for --check-mapping)."""
        question = self.questions[qid]
        match = self.value(qid, cell)
        if match.ok or not isinstance(question, MultipleChoiceQuestion):
            return [(cell.strip(), match)]
        return [
            (part, ValueMatch(value if value is not None else part, how, value is not None))
            for part, value, how in self._multiple_parts(question, cell.strip())
        ]

    def option_cell(self, qid: str, option: str, cell: str) -> bool:
        """Whether a one-column-per-option cell ticks the option."""
        key = normalise(cell) or cell.strip()
        if key in TRUTHY_OPTION_CELLS:
            return True
        hit = self.options[qid].get(key)
        return hit is not None and hit[0] == option

    # -- rows --

    def row_answers(self, plan: TablePlan, cells: Sequence[str]) -> dict[str, Any]:
        """One table row as an answers document (validated later against the Answers model)."""
        q = self.questionnaire

        def cell(index: int) -> str:
            return str(cells[index]).strip() if index < len(cells) else ""

        answers: dict[str, Any] = {}
        for qid, index in plan.questions.items():
            text = cell(index)
            if text:
                answers[qid] = self.value(qid, text).value
        for qid, columns in plan.options.items():
            ticked = [
                value for index, value in columns if self.option_cell(qid, value, cell(index))
            ]
            if ticked or any(cell(index) for index, _ in columns):
                answers[qid] = ticked
        respondent: dict[str, Any] = {}
        for name, index in plan.respondent.items():
            text = cell(index)
            if not text:
                continue
            if name == "date":
                when = parse_date(text)
                if when is not None:
                    respondent["date"] = when.isoformat()
                else:
                    respondent["date_text"] = text
            elif name in ("sector", "size"):
                respondent[name] = self.profile_value(name, text)
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
        return doc

    def profile_value(self, name: str, text: str) -> str:
        """A sector or size cell as the profile question's option value, when one matches."""
        override = self.mapping.values.get(name, {})
        if text in override:
            return str(override[text])
        question = _profile_question(self.questionnaire, name)
        if question is not None and question.id in self.options:
            hit = self.options[question.id].get(normalise(text))
            if hit is not None:
                return hit[0]
        return text


def _part_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank part between multiple-choice separators, stripped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [m.start() for m in _MULTI_SPLIT.finditer(text)] + [len(text)]:
        a, b = start, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
        start = end + 1
    return spans


def _without_trailing_tags(text: str) -> str:
    """'Text (optional)【单选】' -> 'Text': bracketed tags at the end removed, in linear time."""
    end = len(text.rstrip())
    while end and text[end - 1] in _TAG_CLOSE:
        i = end - 2
        while i >= 0 and text[i] not in _TAG_OPEN and text[i] not in _TAG_CLOSE:
            i -= 1
        if i < 0 or text[i] not in _TAG_OPEN:
            break
        end = i
        while end and text[end - 1].isspace():
            end -= 1
    return text[:end]


def _texts(text: Any, languages: Sequence[str]) -> list[tuple[str, str]]:
    if isinstance(text, str):
        return [(lang, text) for lang in languages[:1]] or [("", text)]
    if isinstance(text, Mapping):
        return [(str(lang), str(value)) for lang, value in text.items()]
    return []


def parse_number(text: str, units: Sequence[str] = ()) -> int | float | None:
    """'15', '15%', '1,200', '1 200', '12,5', '3 years' (the question's unit) -> a number."""
    t = unicodedata.normalize("NFKC", text).strip()
    for unit in units:
        unit_n = unicodedata.normalize("NFKC", unit).strip()
        if unit_n and t.casefold().endswith(unit_n.casefold()) and len(t) > len(unit_n):
            t = t[: -len(unit_n)].strip()
            break
    t = t.rstrip("%").strip()
    t = re.sub(r"(?<=\d)[\s\u00a0\u202f'](?=\d{3}\b)", "", t)
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    elif _DECIMAL_COMMA.match(t):
        t = t.replace(",", ".")
    if not _NUMBER.match(t):
        return None
    value = float(t)
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value) if value.is_integer() and "e" not in t.lower() else value


_DATE_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DATE_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")


def parse_date(text: str) -> dt.date | None:
    """The date in a survey timestamp: ISO, '2024/05/01 10:11:12 GMT+8', '5/1/2024 10:11',
    '2024年5月1日'. Day-first when the first number cannot be a month."""
    try:
        found = _DATE_YMD.search(text)
        if found:
            return dt.date(int(found[1]), int(found[2]), int(found[3]))
        found = _DATE_MDY.match(text.strip())
        if found:
            a, b, year = int(found[1]), int(found[2]), int(found[3])
            year += 2000 if year < 100 else 0
            month, day = (b, a) if a > 12 else (a, b)
            return dt.date(year, month, day)
    except ValueError:
        return None
    return None

"""A table's rows -> answers documents for a pack: ``Matcher.plan`` understands the header
(once per file, so that reading hundreds of thousands of rows stays fast) and
``Matcher.row`` turns each row into answers, naming what it could not read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..i18n import Said
from ..models import Questionnaire
from ..models.questionnaire import MultipleChoiceQuestion, YesNoQuestion
from . import words
from .cells import CellReader, ValueMatch
from .headers import CONTACT_BLOCK, HeaderMatcher
from .lookups import CHOICE, Lookups
from .mapping_file import MappingFile, profile_question
from .plan import GAVE_WAY, OTHER_OF, Column, RowRead, TablePlan
from .platforms import GENERIC, HeaderSpec, Platform
from .platforms.base import spec_of
from .row_read import read_row
from .text import (
    column_letter,
    normalise,
)

NUMBERS_UNTRUSTED = (
    "holds option numbers, which mean options only in the order the survey showed them: "
    "download the answers as option texts (按选项文本), or say --source wjx-numbers if the "
    "survey was published from this questionnaire"
)


@dataclass
class Matcher:
    """Lookups built once per pack (and mapping file); cheap to pickle to worker processes.

    ``source`` is the platform named by ``--source`` (None: detected per file)."""

    questionnaire: Questionnaire
    mapping: MappingFile = field(default_factory=MappingFile)
    source: Platform | None = None
    lookups: Lookups = field(init=False)
    headers: HeaderMatcher = field(init=False)
    cells: CellReader = field(init=False)

    def __post_init__(self) -> None:
        self.lookups = Lookups(self.questionnaire)
        self.headers = HeaderMatcher(self.lookups, self.mapping)
        self.cells = CellReader(self.lookups, self.mapping)

    @property
    def questions(self) -> dict[str, Any]:
        return self.lookups.questions

    # -- headers --

    def plan(
        self,
        headers: Sequence[str] | Sequence[HeaderSpec],
        platform: Platform | None = None,
        header_rows: int = 1,
    ) -> TablePlan:
        """Understand every column of a table from its header (row or platform specs)."""
        platform = platform or self.source or GENERIC
        specs = [h if isinstance(h, HeaderSpec) else spec_of(str(h or "").strip()) for h in headers]
        columns = [self.headers.column(i, spec, platform) for i, spec in enumerate(specs)]
        columns = self._numbered_groups(columns, specs)
        columns = self._profiles(columns)
        columns = self._deduplicate(columns)
        if platform.option_numbers:
            columns = self._numbers(columns, trusted=self.source is platform)
        langs: dict[str, int] = {}
        for c in columns:
            if c.kind == "question" and c.lang:
                langs[c.lang] = langs.get(c.lang, 0) + 1
        language = max(langs, key=lambda k: langs[k]) if langs else None
        covered = {c.target for c in columns if c.kind in ("question", "option")}
        lk = self.lookups
        return TablePlan(
            tuple(columns),
            language,
            platform,
            header_rows,
            tuple(q for q in lk.required if q not in covered),
            tuple(q for q in lk.answered if q not in covered),
            frozenset(lk.unscored),
            missing_options=self._missing_options(columns),
        )

    def _missing_options(self, columns: Sequence[Column]) -> dict[str, tuple[str, ...]]:
        """Per question read from one-column-per-option columns: the pack's options with no
        column (in the pack's order)."""
        present: dict[str, set[str]] = {}
        for c in columns:
            if c.kind == "option" and c.target and c.option:
                present.setdefault(c.target, set()).add(c.option)
        found: dict[str, tuple[str, ...]] = {}
        for qid, values in present.items():
            question = self.lookups.questions.get(qid)
            options = getattr(question, "options", None) or ()
            absent = tuple(o.value for o in options if o.value not in values)
            if absent:
                found[qid] = absent
        return found

    def match_header(self, index: int, header: str) -> Column:
        """How one header on its own is understood."""
        return self.headers.column(index, spec_of(header.strip()), self.source or GENERIC)

    def _numbered_groups(self, columns: list[Column], specs: list[HeaderSpec]) -> list[Column]:
        """wjx "3、(选项)" columns: the question whose options they all name, if only one."""
        groups: dict[str, list[int]] = {}
        for i, spec in enumerate(specs):
            if spec.number is not None and columns[i].kind == "unmapped":
                groups.setdefault(spec.number, []).append(i)
        taken = {c.target for c in columns if c.kind in ("question", "option")}
        for number, indexes in groups.items():
            parts = [specs[i].splits[0][1] for i in indexes]
            fits = [
                qid
                for qid, question in self.lookups.questions.items()
                if isinstance(question, CHOICE)
                and qid not in taken
                and all(
                    self.lookups.option(qid, p) is not None
                    or normalise(p).startswith(("其他", "其它", "other"))
                    for p in parts
                )
            ]
            multi = [
                q for q in fits if isinstance(self.lookups.questions[q], MultipleChoiceQuestion)
            ]
            fits = multi or fits
            for i in indexes:
                c = columns[i]
                part = parts[indexes.index(i)]
                if len(fits) != 1:
                    why = (
                        f"question {number}: its options name no question of the pack"
                        if not fits
                        else f"question {number}: its options fit several questions "
                        f"({', '.join(fits)})"
                    )
                    columns[i] = Column(c.index, c.header, "unmapped", how=why)
                    continue
                qid = fits[0]
                hit = self.lookups.option(qid, part)
                if hit is None:
                    columns[i] = Column(c.index, c.header, "ignored", qid, how=OTHER_OF + qid)
                else:
                    how = f"option '{hit[0]}' of {qid} (question {number}, by its options)"
                    columns[i] = Column(c.index, c.header, "option", qid, hit[0], how=how)
        return columns

    def _profiles(self, columns: list[Column]) -> list[Column]:
        """ "贵公司所属行业" (a sector column) answers the pack's sector question, when no
        other column does."""
        covered = {c.target for c in columns if c.kind in ("question", "option")}
        out: list[Column] = []
        for c in columns:
            if c.kind == "respondent" and c.target in ("sector", "size", "region"):
                question = profile_question(self.questionnaire, c.target)
                if question is not None and question.id not in covered:
                    covered.add(question.id)
                    how = f"{c.how or 'respondent field'} '{c.target}' → its profile question"
                    out.append(
                        Column(c.index, c.header, "question", question.id, how=how, field=c.target)
                    )
                    continue
            out.append(c)
        return out

    @staticmethod
    def _deduplicate(columns: list[Column]) -> list[Column]:
        """A second column for the same thing is ignored and said so; a combined multiple
        choice column gives way to its one-column-per-option columns."""
        taken: dict[tuple[str, str | None], int] = {}
        # a respondent field the survey asks on its own (its company question) comes first,
        # wherever its column is: the contact block's line is read only when that is empty
        for c in columns:
            if c.kind == "respondent" and c.target and not c.how.startswith(CONTACT_BLOCK):
                taken.setdefault(("respondent:" + c.target, None), c.index)
        per_option = {c.target for c in columns if c.kind == "option"}
        out: list[Column] = []
        for c in columns:
            if c.kind == "question" and c.target in per_option:
                how = f"'{c.target}' {GAVE_WAY}"
                out.append(Column(c.index, c.header, "ignored", c.target, how=how, gave_way=True))
                continue
            if c.kind in ("question", "option", "respondent") and c.target:
                key = (c.kind + ":" + c.target, c.option)
                if taken.get(key) == c.index:
                    out.append(c)
                    continue
                if key in taken and c.kind == "respondent" and c.target == "contact":
                    # contact name, phone, e-mail: all kept, each under its own header
                    words_of = normalise(c.header).replace("/", " ").split()
                    name = "_".join(words_of) or f"contact_{c.letter}"
                    if ("respondent:" + name, None) not in taken:
                        taken[("respondent:" + name, None)] = c.index
                        how = f"{c.how} (another contact column)"
                        out.append(Column(c.index, c.header, "respondent", name, how=how))
                        continue
                if key in taken:
                    first = column_letter(taken[key])
                    how = f"duplicate: '{c.target}' already comes from column {first}"
                    twin = None
                    if c.kind == "question" and c.field is None:
                        twin = taken[key]
                        how += " (read when that one is empty; a different answer stops the row)"
                    elif c.kind == "respondent":
                        twin = taken[key]
                        how += " (read when that one is empty; a different value is noted)"
                    out.append(
                        Column(c.index, c.header, "ignored", c.target, c.option, how, twin_of=twin)
                    )
                    continue
                taken[key] = c.index
            out.append(c)
        return out

    def _numbers(self, columns: list[Column], trusted: bool) -> list[Column]:
        out: list[Column] = []
        for c in columns:
            question = self.lookups.questions.get(c.target or "")
            coded = c.kind == "question" and isinstance(question, CHOICE | YesNoQuestion)
            if coded and not isinstance(question, MultipleChoiceQuestion):
                if trusted:
                    how = f"{c.how}; option numbers in the questionnaire's order"
                    out.append(
                        Column(
                            c.index,
                            c.header,
                            "question",
                            c.target,
                            how=how,
                            lang=c.lang,
                            numbers=True,
                        )
                    )
                else:
                    out.append(
                        Column(c.index, c.header, "unmapped", c.target, how=NUMBERS_UNTRUSTED)
                    )
                continue
            out.append(c)
        return out

    # -- cells --

    def value(self, qid: str, cell: str, platform: Platform | None = None) -> ValueMatch:
        """The answer a cell gives to question ``qid``."""
        return self.cells.value(qid, cell, platform or self.source or GENERIC)

    def explain(
        self,
        qid: str,
        cell: str,
        platform: Platform | None = None,
        numbers: bool = False,
        decimal_comma: bool = False,
    ) -> list[tuple[str, ValueMatch]]:
        """How a cell was read, part by part for a multiple choice (for --check-mapping)."""
        platform = platform or self.source or GENERIC
        question = self.lookups.questions[qid]
        match = self.cells.value(qid, cell, platform, numbers=numbers, decimal_comma=decimal_comma)
        if match.refused and isinstance(match.value, list):
            return [(str(match.value[0]), match)]  # a formula as "=A2*2", not its mark
        if (match.ok and match.other is None) or not isinstance(question, MultipleChoiceQuestion):
            return [(cell.strip(), match)]
        return [
            (
                part,
                ValueMatch(
                    value if value is not None else part,
                    how,
                    value is not None or how == "other",
                    part if how == "other" else None,
                ),
            )
            for part, value, how in self.cells.parts(question, cell.strip(), platform)
        ]

    def option_cell(self, qid: str, option: str, cell: str) -> bool:
        """Whether a one-column-per-option cell ticks the option."""
        return bool(self.cells.option_cell(qid, option, cell, self.source or GENERIC))

    # -- rows --

    def row(self, plan: TablePlan, cells: Sequence[str]) -> RowRead:
        """One table row as an answers document (validated later against the Answers model),
        with the scored questions it has no column for and what was left out."""
        return read_row(self, plan, cells)

    def row_answers(self, plan: TablePlan, cells: Sequence[str]) -> dict[str, Any]:
        """One table row as an answers document."""
        return self.row(plan, cells).doc

    def header_like(self, plan: TablePlan, cells: Sequence[str]) -> Said | None:
        """Why a row looks like a header row rather than a firm's answers (None if not)."""
        texts = 0
        filled = 0
        for c in plan.columns:
            if c.kind not in ("question", "option") or c.index >= len(cells):
                continue
            text = cells[c.index].strip()
            if not text:
                continue
            filled += 1
            key = normalise(text)
            if (
                key == normalise(c.header)
                or key in ("response", "open ended response")
                or text.startswith('{"ImportId"')
                or (c.kind == "question" and key in self.lookups.texts and len(key) > 6)
            ):
                texts += 1
        if filled >= 2 and texts * 2 >= filled:
            return Said(words.HEADER_LIKE, texts=texts, filled=filled)
        return None

    def profile_value(self, name: str, text: str) -> str:
        """A sector or size cell as the profile question's option value, when one matches."""
        override = self.mapping.values.get(name, {})
        if text in override:
            return str(override[text])
        question = profile_question(self.questionnaire, name)
        if question is not None and question.id in self.lookups.options:
            hit = self.lookups.options[question.id].get(normalise(text))
            if hit is not None:
                return hit[0]
        return text

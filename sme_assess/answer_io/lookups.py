"""What a pack offers to match against, indexed once per pack: question ids, question
texts in every language (exact and by likeness), option values and labels."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..models import Questionnaire
from ..models.questionnaire import (
    ChoiceQuestion,
    NumberQuestion,
    Question,
    TextQuestion,
)
from ..pack.question_facts import is_scored
from .text import normalise, texts_of
from .vocabulary import NA_WORDS, NO_WORDS, UNKNOWN_WORDS, YES_WORDS

CHOICE = ChoiceQuestion  # isinstance() takes the union
SIMILAR = 0.58  # least likeness (Dice over characters and pairs) of a re-worded text
MARGIN = 0.2  # ... and by how much it must beat the next question
PART_OF_LABEL = "part of a label"  # how a cell naming only a fragment of a label was read
# Words that are answers of their own: never read as a fragment of a label ("no" is a word of
# "Everywhere, no paper left", "没有" of "没有固定的培训"; the fragment reversed the answer).
NEVER_FRAGMENTS = YES_WORDS | NO_WORDS | NA_WORDS | UNKNOWN_WORDS | {"none", "都没有", "暂无"}


Shape = tuple[frozenset[str], frozenset[str]]


def pairs(key: str) -> Shape:
    """Tokens and token pairs of a normalised text: characters for Chinese (spaces left
    out), words otherwise."""
    cjk = sum(1 for ch in key if ord(ch) > 0x2E80)
    tokens: list[str] = (
        list(key.replace(" ", "")) if cjk * 2 >= len(key.replace(" ", "")) else key.split()
    )
    two = frozenset(a + " " + b for a, b in itertools.pairwise(tokens))
    return frozenset(tokens), two or frozenset(tokens)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def likeness(a: Shape, b: Shape) -> float:
    """0..1: the mean of the Dice coefficients over characters and over pairs."""
    return (_dice(a[0], b[0]) + _dice(a[1], b[1])) / 2


@dataclass
class Lookups:
    questionnaire: Questionnaire
    questions: dict[str, Question] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)  # casefolded id -> id
    texts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # norm -> [(id, lang)]
    shapes: list[tuple[Shape, str, str]] = field(default_factory=list)  # (pairs, id, lang)
    options: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    labels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # id -> [(norm, value)]
    # id -> [(the label's parts between punctuation, normalised; value)]
    parts: dict[str, list[tuple[frozenset[str], str]]] = field(default_factory=dict)
    units: dict[str, list[str]] = field(default_factory=dict)
    # questions a firm answers by choice or number (not profile, not text), in pack order:
    # a table with no column for one cannot give a firm asked it its whole result
    answered: tuple[str, ...] = ()
    scored: tuple[str, ...] = ()  # ... of those, the ones that feed a category score
    # ... and the ones that feed none (tools_in_use, a figure such as outcome_headcount): the
    # plan or an estimate may read them, the score does not
    unscored: tuple[str, ...] = ()
    required: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        q = self.questionnaire
        for question in q.questions():
            self.questions[question.id] = question
            self.ids[question.id.casefold()] = question.id
            for lang, text in texts_of(question.text, q.languages):
                key = normalise(text)
                if key:
                    entries = self.texts.setdefault(key, [])
                    if all(e[0] != question.id for e in entries):
                        entries.append((question.id, lang))
                    self.shapes.append((pairs(key), question.id, lang))
            if isinstance(question, CHOICE):
                table: dict[str, tuple[str, str]] = {}
                labels: list[tuple[str, str]] = []
                parts: list[tuple[frozenset[str], str]] = []
                for option in question.options:
                    table.setdefault(normalise(option.value), (option.value, "option value"))
                for option in question.options:
                    for lang, label in texts_of(option.label, q.languages):
                        table.setdefault(normalise(label), (option.value, f"label ({lang})"))
                        labels.append((normalise(label), option.value))
                        parts.append((label_parts(label), option.value))
                self.options[question.id] = table
                self.labels[question.id] = labels
                self.parts[question.id] = parts
            if isinstance(question, NumberQuestion) and question.unit is not None:
                self.units[question.id] = sorted(
                    {t for _, t in texts_of(question.unit, q.languages) if t.strip()},
                    key=len,
                    reverse=True,
                )
        answered = [
            x
            for x in q.questions()
            if x.profile is None and not isinstance(x, TextQuestion) and x.weight > 0
        ]
        self.answered = tuple(x.id for x in answered)
        self.scored = tuple(x.id for x in answered if is_scored(x))
        self.unscored = tuple(x.id for x in answered if not is_scored(x))
        self.required = tuple(x.id for x in q.questions() if x.required)

    def by_text(self, text: str) -> tuple[str, str] | str | None:
        """(id, lang) of the one question with this text; a str says which several."""
        entries = self.texts.get(normalise(text))
        if not entries:
            return None
        if len(entries) > 1:
            return "matches several questions: " + ", ".join(e[0] for e in entries)
        return entries[0]

    def similar(self, text: str) -> tuple[str, str, float] | None:
        """(id, lang, likeness) of the question a re-worded text most likely is, when one
        question is clearly closer than every other."""
        key = normalise(text)
        if len(key.replace(" ", "")) < 4:
            return None
        mine = pairs(key)
        best: dict[str, tuple[float, str]] = {}
        for shape, qid, lang in self.shapes:
            score = likeness(mine, shape)
            if score > best.get(qid, (0.0, ""))[0]:
                best[qid] = (score, lang)
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        if not ranked or ranked[0][1][0] < SIMILAR:
            return None
        if len(ranked) > 1:
            first, second = ranked[0][1][0], ranked[1][1][0]
            if first - second < MARGIN:
                return None
        qid, (score, lang) = ranked[0]
        return qid, lang, score

    def containing(self, text: str) -> tuple[str, str] | None:
        """(id, lang) of the one question whose text holds this text (a grid row that is
        the question's subject: "产品一次合格率" in "近三年，产品一次合格率……"). Latin text
        is held as whole words, two at least ("first-pass yield" in "… your monthly
        first-pass yield has …"): one word, or a piece of one, names no question (a
        SurveyMonkey contact form's "Name" is not "Is one named person responsible…",
        nor its "Phone" "… screens and phones …")."""
        key = normalise(text)
        if len(key.replace(" ", "")) < 4:
            return None
        if any("a" <= ch <= "z" for ch in key):
            if " " not in key:
                return None
            padded = f" {key} "
            hits = {(e[0], e[1]) for k, es in self.texts.items() if padded in f" {k} " for e in es}
        else:
            hits = {(e[0], e[1]) for k, es in self.texts.items() if key in k for e in es}
        return sorted(hits)[0] if len({h[0] for h in hits}) == 1 else None

    def option(self, qid: str, text: str, partial: bool = False) -> tuple[str, str] | None:
        """(value, how) of the option of ``qid`` a text names: its value, a label, or the
        one label that holds it ("变好" in "提高了（变好）")."""
        table = self.options.get(qid)
        if table is None:
            return None
        key = normalise(text)
        hit = table.get(key)
        if hit is not None or not partial or len(key.replace(" ", "")) < 2:
            return hit
        if key in NEVER_FRAGMENTS or text.strip().casefold() in NEVER_FRAGMENTS:
            return None
        if not any(ch.isalpha() for ch in key):  # "15" is in "15%以上" and in "8%到15%"
            return None
        holders = {
            value
            for (label, value), (parts, _) in zip(self.labels[qid], self.parts[qid], strict=True)
            if _holds(label, parts, key)
        }
        if len(holders) == 1:
            value = holders.pop()
            return value, PART_OF_LABEL
        return None


_BETWEEN = re.compile(r"[^\w\s]+")  # punctuation and brackets: where a label's parts meet


def label_parts(label: str) -> frozenset[str]:
    """The parts of a label between punctuation or brackets, normalised: "提高了（变好）" ->
    {"提高了", "变好"}; "Risen (improved)" -> {"risen", "improved"}."""
    return frozenset(k for k in (normalise(p) for p in _BETWEEN.split(label)) if k)


def _holds(label: str, parts: frozenset[str], key: str) -> bool:
    """Whether a (normalised) label holds the text as one of its parts between punctuation
    (the grid's shared "变好" column in "提高了（变好）"), or, for Latin text, as two or more
    whole words of it ("documents managed"; "na" is not in "management", and one word such
    as "system" or "no" is not enough). A Chinese fragment inside a part ("系统" in
    "用设备管理系统管") says too little to choose an option."""
    if key in parts:
        return True
    if any(ch.isascii() and ch.isalnum() for ch in key):
        return len(key.split()) >= 2 and f" {key} " in f" {label} "
    return False

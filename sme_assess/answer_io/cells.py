"""Cell -> answer: which option, number, yes/no a cell gives a question, following the
platform's conventions (separator between ticked options, skip markers, "other"
fill-ins, option numbers). A cell that matches nothing is passed on as written, so that
checking the answers against the pack reports it with the question's id."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..i18n import Said
from ..models import NA, UNKNOWN
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from . import words
from .lookups import Lookups
from .mapping_file import MappingFile
from .platforms import Platform
from .platforms.base import GENERIC_NAME
from .text import (
    normalise,
    number_doubt,
    parse_number,
    uncalculated,
    uncalculated_why,
)
from .vocabulary import (
    FALSY_OPTION_CELLS,
    NA_WORDS,
    NO_WORDS,
    OTHER_WORDS,
    TRUTHY_OPTION_CELLS,
    UNKNOWN_WORDS,
    YES_WORDS,
)


@dataclass(frozen=True)
class ValueMatch:
    value: Any  # what goes into the answers; the cell text as written when not matched
    how: str
    ok: bool
    other: str | None = None  # an "other" fill-in left out (not an option of the pack)
    # the cell cannot be read for certain ("1,5", a yes/no "1" in a platform's numeric codes,
    # a formula never calculated): ``how`` says why; ``value`` is the cell in a list, which
    # no question accepts, so that the answers check stops the row (or --lenient drops it)
    refused: bool = False


def refuse(text: str, why: Said) -> ValueMatch:
    """A cell that cannot be read for certain, with why."""
    return ValueMatch([text], why, False, refused=True)


_MAX_LABEL_PARTS = 8  # a label holds at most 7 separators (bounds the work on a long cell)
_MAX_LABEL_WORDS = 40  # words in one label joined by spaces (Kobo label exports)
SPACED = "labels joined by spaces"
Part = tuple[str, str | None, str]  # a ticked part as written, its option value or None, how
_MAX_TICKS = 500  # more parts than this in one cell is not a list of ticked options
MEMO_SIZE = 8_192  # cells remembered per reader: labels repeat, multi-choice combinations
# and numbers rarely do (a larger memo grew a worker by ~1 KB per row read, issue 15)


@lru_cache(maxsize=64)
def _splitter(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class CellReader:
    """Reads cells for one pack and mapping file."""

    def __init__(self, lookups: Lookups, mapping: MappingFile) -> None:
        self.lk = lookups
        self.mapping = mapping
        self.overrides = {
            qid: {normalise(k): v for k, v in table.items()}
            for qid, table in mapping.values.items()
        }
        self._memo: dict[tuple[str, str, str, bool, bool], ValueMatch] = {}

    def read(
        self, qid: str, cell: str, platform: Platform, numbers: bool, decimal_comma: bool = False
    ) -> ValueMatch:
        """``value``, remembered: the same few labels come back in every row."""
        key = (qid, cell, platform.name, numbers, decimal_comma)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            found = self._memo[key] = self.value(
                qid, cell, platform, numbers=numbers, decimal_comma=decimal_comma
            )
        return found

    def override(self, qid: str, text: str) -> Any:
        key = qid
        table = self.mapping.values.get(qid)
        if not table:  # the sector/size table of a profile question
            profile = self.lk.questions[qid].profile
            key = profile or qid
            table = self.mapping.values.get(key)
        if not table:
            return None
        if text in table:
            return table[text]
        return self.overrides[key].get(normalise(text))

    def value(
        self,
        qid: str,
        cell: str,
        platform: Platform,
        *,
        numbers: bool = False,
        overrides: bool = True,
        decimal_comma: bool = False,
    ) -> ValueMatch:
        """The answer a cell gives to question ``qid``; ``decimal_comma``: the table's comma
        may be a decimal mark (a ;-separated file: "1,500" may be 1.5)."""
        question = self.lk.questions[qid]
        formula = uncalculated(cell)
        if formula is not None:
            return refuse("=" + formula, uncalculated_why(formula))
        text = cell.strip()
        override = self.override(qid, text) if overrides else None
        if override is not None:
            if isinstance(override, str) and isinstance(question, YesNoQuestion | NumberQuestion):
                again = self.value(
                    qid, override, platform, overrides=False, decimal_comma=decimal_comma
                )
                return ValueMatch(again.value, "mapping file", again.ok)
            if isinstance(question, MultipleChoiceQuestion) and override not in (NA, UNKNOWN):
                override = [override] if not isinstance(override, list) else override
            return ValueMatch(override, "mapping file", True)
        if numbers:
            coded = self._numbered(question, text)
            if coded is not None:
                return coded
        if isinstance(question, MultipleChoiceQuestion):
            return self._multiple(question, text, platform)
        if isinstance(question, SingleChoiceQuestion | ScaleQuestion):
            hit = self.lk.option(qid, text)
            if hit is not None:
                return ValueMatch(hit[0], hit[1], True)
            special = self.special(text)  # "na", "不适用" before any part of a label
            if special.ok:
                return special
            hit = self.lk.option(qid, text, partial=True)
            if hit is not None:
                return ValueMatch(hit[0], hit[1], True)
            other = platform.other(text)
            if other is not None:
                return ValueMatch(text, f"an 'other' answer ({other!r}): not an option", False)
            return self.special(text)
        if isinstance(question, YesNoQuestion):
            key = normalise(text) or text
            if key.isdigit():  # 1/0, 1/2: only the mapping file says which is yes
                if platform.name == GENERIC_NAME:
                    return refuse(text, Said(words.YES_NO_DIGIT))
                named = words.PLATFORM_NAMES.get(platform.name)
                title = Said(named) if named is not None else platform.title
                return refuse(text, Said(words.YES_NO_CODES, title=title))
            if key in YES_WORDS:
                return ValueMatch(True, "yes", True)
            if key in NO_WORDS:
                return ValueMatch(False, "no", True)
            return self.special(text)
        if isinstance(question, NumberQuestion):
            units = self.lk.units.get(qid, ())
            number = parse_number(text, units, decimal_comma)
            stated = self.mapping.scales.get(qid) == "fraction"  # 0.3 stated to be 30 %
            if number is not None and stated and "%" not in unicodedata.normalize("NFKC", text):
                scaled = round(number * 100, 10)  # without float noise (0.455 -> 45.5)
                number = int(scaled) if float(scaled).is_integer() else scaled
            if number is not None:
                if question.integer and float(number) == int(number):
                    number = int(number)
                return ValueMatch(number, "number", True)
            doubt = number_doubt(text, units, decimal_comma)
            if doubt is not None:
                return refuse(text, doubt)
            return self.special(text)
        if isinstance(question, TextQuestion):
            return ValueMatch(text, "text", True)
        return ValueMatch(text, "not matched", False)  # pragma: no cover

    def _numbered(self, question: Question, text: str) -> ValueMatch | None:
        """An option number (wjx 按选项序号), in the order of the pack's options."""
        if not text.isdigit():
            return None
        n = int(text)
        if isinstance(question, SingleChoiceQuestion | ScaleQuestion):
            if 1 <= n <= len(question.options):
                return ValueMatch(question.options[n - 1].value, f"option number {n}", True)
            return ValueMatch(text, f"option number {n}: the question has no such option", False)
        if isinstance(question, YesNoQuestion):  # published by `export --to wjx`: yes, no
            if n in (1, 2):
                return ValueMatch(n == 1, f"option number {n}", True)
            return ValueMatch(text, f"option number {n}: the question has no such option", False)
        return None

    @staticmethod
    def special(text: str) -> ValueMatch:
        key = normalise(text)
        if text in (NA, UNKNOWN):
            return ValueMatch(text, text, True)
        if key in NA_WORDS or text in NA_WORDS:
            return ValueMatch(NA, "not applicable", True)
        if key in UNKNOWN_WORDS or text.casefold() in UNKNOWN_WORDS:
            return ValueMatch(UNKNOWN, "don't know", True)
        return ValueMatch(text, "not matched", False)

    def _multiple(
        self, question: MultipleChoiceQuestion, text: str, platform: Platform
    ) -> ValueMatch:
        readings = None
        if platform.labels_split_on_space and any(c.isspace() for c in text):
            readings = _space_readings(self.lk.options[question.id], text)
            if len(readings) > 1:  # "Paper forms": one label, or "Paper" and "forms"?
                return _either_way(text, readings)
        whole = self.lk.option(question.id, text)
        if whole is not None:
            return ValueMatch([whole[0]], whole[1], True)
        special = self.special(text)
        if special.ok:
            return special
        parts = self.parts(question, text, platform)
        if readings:
            spaced = _spaced(text, parts, readings[0])
            if isinstance(spaced, ValueMatch):
                return spaced
            parts = spaced
        values: list[str] = []
        unmatched: list[str] = []
        others: list[str] = []
        hows: set[str] = set()
        for part, value, how in parts:
            if how == "other":
                others.append(part)
            elif value is None:
                unmatched.append(part)
            else:
                hows.add(how)
                if value not in values:
                    values.append(value)
        other = "; ".join(others) or None
        if unmatched:
            return ValueMatch(
                values + unmatched, "not matched: " + ", ".join(unmatched), False, other
            )
        return ValueMatch(values, ", ".join(sorted(hows)) or "other only", True, other)

    def parts(self, question: MultipleChoiceQuestion, text: str, platform: Platform) -> list[Part]:
        """(part as written, option value or None, how) for each ticked part of a cell;
        how is "other" for an "other" fill-in."""
        table = self.lk.options[question.id]
        spans = _part_spans(text, _splitter(platform.separators))
        if len(spans) > _MAX_TICKS:
            return [(text.strip(), None, f"not matched: more than {_MAX_TICKS} parts")]
        parts = [text[a:b] for a, b in spans]
        if len(parts) == 1 and " " in text:  # Kobo: option codes separated by spaces
            spaced = text.split()
            if all(table.get(normalise(p), ("", ""))[1] == "option value" for p in spaced):
                parts = spaced
                spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        found: list[Part] = []
        i = 0
        while i < len(parts):
            # The longest run of parts that is one label (labels may hold a separator).
            for j in range(min(len(parts), i + _MAX_LABEL_PARTS), i, -1):
                joined = text[spans[i][0] : spans[j - 1][1]]
                override = self.override(question.id, joined)
                hit = (override, "mapping file") if isinstance(override, str) else None
                hit = hit or table.get(normalise(joined))
                if hit is not None:
                    found.append((joined.strip(), hit[0], hit[1]))
                    i = j
                    break
            else:
                single = parts[i].strip()
                other = platform.other(single)
                if other is not None or normalise(single) in OTHER_WORDS:
                    found.append((single, None, "other"))
                else:
                    found.append((single, None, "not matched"))
                i += 1
        return found

    def option_cell(self, qid: str, option: str, cell: str, platform: Platform) -> bool | None:
        """Whether a one-column-per-option cell ticks the option (None: cannot tell)."""
        text = cell.strip()
        if not text or text in platform.skips:
            return False
        key = normalise(text) or text
        if key in TRUTHY_OPTION_CELLS:
            return True
        if key in FALSY_OPTION_CELLS:
            return False
        hit = self.lk.options[qid].get(key)
        if hit is not None:
            return hit[0] == option or None
        return None


def _spaced(text: str, parts: list[Part], reading: list[Part]) -> list[Part] | ValueMatch:
    """A KoboToolbox (or ODK) label export's cell: the ticked options' labels joined by
    single spaces, labels that hold spaces of their own ("Paper forms Spreadsheets"), read
    by the one way its words split into labels; when its separators (commas) read it
    otherwise, it is refused, never guessed."""
    if any(how == "not matched" for _, _, how in parts):
        return reading
    mine = [(p, v, how) for p, v, how in parts if how != "other"]
    if sorted(str(v) for _, v, _ in mine) == sorted(str(v) for _, v, _ in reading):
        return parts
    return _either_way(text, [mine, reading])


def _either_way(text: str, readings: list[list[Part]]) -> ValueMatch:
    one, other = (" + ".join(repr(v) for _, v, _ in r) for r in readings[:2])
    return refuse(text, Said(words.SPACED_EITHER_WAY, one=one, other=other))


def _space_readings(table: dict[str, tuple[str, str]], text: str) -> list[list[Part]]:
    """The ways (two at most) the words of a cell split into the options' labels or values;
    linear in the words (a label has at most ``_MAX_LABEL_WORDS`` of them)."""
    tokens = text.split()
    if len(tokens) > _MAX_TICKS:
        return []
    longest = min(_MAX_LABEL_WORDS, max((len(k.split()) for k in table), default=1) + 2)
    # ways[i]: up to two splits of tokens[i:], each a list of (words, value, how)
    ways: list[list[list[Part]]] = [[] for _ in range(len(tokens) + 1)]
    ways[len(tokens)] = [[]]
    for i in range(len(tokens) - 1, -1, -1):
        for j in range(i + 1, min(len(tokens), i + longest) + 1):
            if not ways[j]:
                continue
            words_of = " ".join(tokens[i:j])
            hit = table.get(normalise(words_of))
            if hit is None:
                continue
            part = (words_of, hit[0], f"{hit[1]}, {SPACED}")
            ways[i].extend([part, *rest] for rest in ways[j][: 2 - len(ways[i])])
    return ways[0]


def _part_spans(text: str, separators: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each non-blank part between separators, stripped; linear in the text
    (a separator pattern with \\s* around it would be quadratic on a long run of blanks)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [m.start() for m in separators.finditer(text)] + [len(text)]:
        a, b = start, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
        start = end + 1
    return spans

"""What a survey platform's export looks like: one ``Platform`` per platform.

A platform says how to recognise its export from the header row and the first rows
(``detect``), how many rows the header takes and how each column's header splits into a
question and a sub-item (``headers``: an option for one-column-per-option exports, a row
for a grid), and how its cells are written: the separator between ticked options, the
markers for a skipped or empty answer, "other" fill-ins, and whether choice cells hold
option numbers instead of texts. Everything else (which question, which option) is the
pack matcher's job, the same for every platform.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..text import normalise

# how a column of the text typed for "Other" is understood (not an answer: said per row)
OTHER_TYPED = "the text typed for 'Other'"

# How exports name one sub-item of a question in a header, tried in this order:
# "Q [row or option]" (Google Forms grids, LimeSurvey), "题目—子项" (wjx matrices),
# "Q - row" (Qualtrics), "题干:选项" (Tencent Survey), "q/option" (KoboToolbox).
SPLITS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?P<stem>.+?)\s*\[(?P<part>[^\[\]]+)\]\s*$", re.S),
    re.compile(r"^(?P<stem>.+?)\s*[—－]+\s*(?P<part>.+)$", re.S),
    re.compile(r"^(?P<stem>.+?)\s+[-–]\s+(?P<part>.+)$", re.S),
    re.compile(r"^(?P<stem>.+)[:：]\s*(?P<part>.+)$", re.S),
    re.compile(r"^(?P<stem>.+?)[:：]\s*(?P<part>.+)$", re.S),
    re.compile(r"^(?P<stem>.+)/(?P<part>[^/]+)$", re.S),
    # an option label with a slash of its own ("q/CAD/CAM or cut-list software")
    re.compile(r"^(?P<stem>[^/]+)/(?P<part>.+)$", re.S),
)
# wjx per-option columns: "3、(选项)" / "3(选项)": the question only by its number.
# (possessive \s*+: two blank runs side by side would backtrack quadratically on long text)
NUMBERED_PART = re.compile(r"^\s*+(?P<stem>\d+)\s*+[、.．]?\s*+[(（](?P<part>.+)[)）]\s*$", re.S)
# Chinese platforms' markers for "not answered" (skipped by logic, left empty).
CHINESE_SKIPS = frozenset({"(跳过)", "（跳过）", "(空)", "（空）", "跳过", "(未填)", "（未填）"})
GENERIC_SEPARATORS = r"[;,、，；|\n┋]"  # no \s* around it: quadratic on long blank runs
# "其他〖text〗" (wjx), "其他(请注明):text", "Other: text"
OTHER_FILL = re.compile(
    r"^\s*(?P<label>其他|其它|other)[^〖:：]*?(?:〖(?P<a>.*)〗|[:：]\s*(?P<b>.*))\s*$", re.S | re.I
)


@dataclass(frozen=True)
class HeaderSpec:
    """One column's header as the platform wrote it, and the ways it may split."""

    text: str  # shown to the user (several header rows joined with " / ")
    splits: tuple[tuple[str, str], ...] = ()  # (question part, sub-item) candidates
    number: str | None = None  # "3" for wjx's "3、(选项)": the question's number only
    whole: bool = True  # the whole text may name a question (False for SurveyMonkey subs)
    names: tuple[str, ...] = ()  # other names for the mapping file (Qualtrics "Q3_1")
    ignore: str | None = None  # not an answer, and why ("the text typed for 'Other'")


# Longer headers are not split into question and sub-item: the patterns above backtrack, and
# on a very long header (100 KB of blanks) that would take minutes. Real headers are far shorter.
MAX_SPLIT_HEADER = 1000


def generic_splits(header: str) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    if len(header) > MAX_SPLIT_HEADER:
        return ()
    for pattern in SPLITS:
        found = pattern.match(header)
        if found and found["stem"].strip() and found["part"].strip():
            pair = (found["stem"].strip(), found["part"].strip())
            if pair not in out:
                out.append(pair)
    return tuple(out)


def spec_of(header: str) -> HeaderSpec:
    """A one-row header, with every split the common patterns allow."""
    numbered = NUMBERED_PART.match(header)
    if numbered:
        return HeaderSpec(
            header, ((numbered["stem"], numbered["part"].strip()),), number=numbered["stem"]
        )
    return HeaderSpec(header, generic_splits(header))


def has_headers(headers: Sequence[str], *names: str, need: int = 2) -> bool:
    """Whether at least ``need`` of ``names`` are headers (normalised)."""
    keys = {normalise(h) for h in headers}
    return sum(1 for n in names if normalise(n) in keys) >= need


GENERIC_NAME = "generic"  # a table that is no platform's export (the template, a hand-made one)


@dataclass(frozen=True)
class Platform:
    """The generic reader; each platform module refines it."""

    name: str = GENERIC_NAME
    title: str = "a table with one row per firm"
    header_rows: int = 1
    separators: str = GENERIC_SEPARATORS  # regex between ticked options in one cell
    skips: frozenset[str] = CHINESE_SKIPS  # cells that mean "not answered"
    metadata: frozenset[str] = field(default_factory=frozenset)  # normalised headers
    option_numbers: bool = False  # choice cells hold option numbers (1, 2, ...)
    labels_split_on_space: bool = False  # Kobo XML values: "a b c"
    # (no date order: no platform writes d/m/y dates in one documented order, so a date that
    # reads either way round is never read; text.parse_date)

    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        """How sure (0-100) this is the platform's export."""
        return 1

    def header_count(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        """How many rows the header takes (the first row included)."""
        return self.header_rows

    def headers(self, rows: Sequence[Sequence[str]]) -> list[HeaderSpec]:
        """Each column's header, from the header rows (``header_rows`` of them)."""
        return [spec_of(str(h or "").strip()) for h in rows[0]]

    def other(self, cell: str) -> str | None:
        """The text of an "other" fill-in, or None when the cell is not one."""
        found = OTHER_FILL.match(cell)
        if found is None:
            return None
        return (found["a"] if found["a"] is not None else found["b"] or "").strip()

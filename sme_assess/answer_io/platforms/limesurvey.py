"""LimeSurvey response export ("Full question text" headings, "Full answers").

Columns: Response ID, Date submitted, Last page, Start language, Seed (or id, submitdate,
lastpage, startlanguage, seed with question-code headings), then the questions; a multiple
choice is one column per option, "Question [option]", holding "Yes" (or "Y") when ticked;
an array one column per row, "Question [row]"; "[Other]" holds the text typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..text import normalise
from .base import Platform, has_headers

_META = (
    "Response ID",
    "Date submitted",
    "Last page",
    "Start language",
    "Seed",
    "Date started",
    "Date last action",
    "IP address",
    "Referrer URL",
    "Access code",
    "Token",
    "id",
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
    "ipaddr",
    "refurl",
    "token",
)


@dataclass(frozen=True)
class LimeSurvey(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        en = has_headers(headers, "Date submitted", "Last page", "Start language", need=2)
        codes = has_headers(headers, "submitdate", "lastpage", "startlanguage", need=2)
        return 85 if en or codes else 0


PLATFORM = LimeSurvey(
    name="limesurvey",
    title="LimeSurvey",
    metadata=frozenset(normalise(h) for h in _META),
)

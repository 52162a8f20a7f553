"""LimeSurvey response export ("Full question text" headings, "Full answers").

Columns: Response ID, Date submitted, Last page, Start language, Seed (or id, submitdate,
lastpage, startlanguage, seed with question-code headings), then the questions; a multiple
choice is one column per option, "Question [option]", holding "Yes" (or "Y") when ticked;
an array one column per row, "Question [row]"; "[Other]" holds the text typed. A survey
that saves timings adds the seconds spent: interviewtime, groupTime<n> and <code>Time
(question-code headings), or "Total time", "Group time: <group>", "Question time: <code>"
(full text): never answers, though one is named after a question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..text import normalise
from .base import HeaderSpec, Platform, has_headers, spec_of

TIMING = "the seconds LimeSurvey timed, not an answer"
_TIMING = re.compile(
    r"^\s*(?:interviewtime|groupTime\d+|Total time|(?:Group|Question) time:.*)\s*$", re.I | re.S
)

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

    def headers(self, rows: Sequence[Sequence[str]]) -> list[HeaderSpec]:
        headers = [str(c or "").strip() for c in rows[0]]
        names = set(headers)
        specs: list[HeaderSpec] = []
        for header in headers:
            # "<code>Time" beside the column <code>: the seconds spent on that question
            timed = header.endswith("Time") and header[: -len("Time")] in names
            if _TIMING.match(header) or timed:
                specs.append(HeaderSpec(header, ignore=TIMING))
            else:
                specs.append(spec_of(header))
        return specs


PLATFORM = LimeSurvey(
    name="limesurvey",
    title="LimeSurvey",
    metadata=frozenset(normalise(h) for h in _META),
)

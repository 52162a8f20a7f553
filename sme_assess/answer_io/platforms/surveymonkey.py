"""SurveyMonkey "All responses data" export (xlsx or csv), two header rows.

Row 1: Respondent ID, Collector ID, Start Date, End Date, IP Address, Email Address, First
Name, Last Name, Custom Data 1, then each question's text over its first column (blank over
the rest of its columns). Row 2: "Response" (or "Open-Ended Response") under a question
with one column; under a multiple choice each option's label (the cell holds the label
when ticked, else nothing); under a matrix each row's text; "Other (please specify)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..text import normalise
from .base import OTHER_TYPED, HeaderSpec, Platform, has_headers

WHOLE = {"response", "open ended response", "回复", "开放式回复", "回答"}
OTHER = {"other please specify", "other", "其他 请注明", "其他请注明", "其他"}


@dataclass(frozen=True)
class SurveyMonkey(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        ids = has_headers(headers, "Respondent ID", "Collector ID", "受访者 ID", "收集器 ID")
        return 90 if ids else 0

    def headers(self, rows: Sequence[Sequence[str]]) -> list[HeaderSpec]:
        top_row = [str(c or "").strip() for c in rows[0]]
        sub_row = [str(c or "").strip() for c in rows[1]] if len(rows) > 1 else []
        specs: list[HeaderSpec] = []
        carry = ""
        for i in range(max(len(top_row), len(sub_row))):
            top = top_row[i] if i < len(top_row) else ""
            sub = sub_row[i] if i < len(sub_row) else ""
            if top:
                carry = top
            if top and (not sub or normalise(sub) in WHOLE):
                specs.append(HeaderSpec(top))
            elif normalise(sub) in OTHER:
                specs.append(HeaderSpec(f"{carry} / {sub}", ignore=f"{OTHER_TYPED} ({carry})"))
            else:
                specs.append(HeaderSpec(f"{carry} / {sub}", ((carry, sub),), whole=False))
        return specs


PLATFORM = SurveyMonkey(
    name="surveymonkey",
    title="SurveyMonkey (two header rows)",
    header_rows=2,
    metadata=frozenset(
        normalise(h)
        for h in (
            "Respondent ID",
            "Collector ID",
            "Start Date",
            "End Date",
            "IP Address",
            "Email Address",
            "First Name",
            "Last Name",
            "Custom Data 1",
        )
    ),
)

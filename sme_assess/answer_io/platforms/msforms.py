"""Microsoft Forms responses (Excel download).

Columns: ID, Start time, Completion time, Email, Name (开始时间, 完成时间, 电子邮件,
名称 in Chinese), Language (the language the form was filled in, seen in a real download:
no answer; 语言 taken by analogy, not seen) and Last modified time, then the questions;
ticked options joined with ";" (one after the last).
A quiz adds Total points, Quiz feedback and Last modified time (总分, 测验反馈, 上次修改时间),
and beside each question "Points - <question>" (the points Forms gave) and, where feedback
was given, "Feedback - <question>" (分数 - / 反馈 - in Chinese): neither is an answer,
though each names the question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .base import HeaderSpec, Platform, has_headers, spec_of

# a quiz's columns beside each question: "Points - <question>", "Feedback - <question>"
# ("分数 - <问题>", "反馈 - <问题>" from Forms in Chinese)
_QUIZ = re.compile(
    r"^\s*(?:(?P<kind>Points|Feedback)\s+-\s+|(?P<zh>分数|反馈)\s*[-–－]\s*)\S", re.I
)
POINTS_HOW = "the points a Microsoft Forms quiz gave, not an answer"
FEEDBACK_HOW = "the feedback a Microsoft Forms quiz gave, not an answer"
QUIZ_HOW = {
    "points": POINTS_HOW,
    "分数": POINTS_HOW,
    "feedback": FEEDBACK_HOW,
    "反馈": FEEDBACK_HOW,
}


@dataclass(frozen=True)
class MsForms(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        en = has_headers(headers, "ID", "Start time", "Completion time", "Email", need=3)
        zh = has_headers(headers, "ID", "开始时间", "完成时间", "电子邮件", need=3)
        return 70 if en or zh else 0

    def headers(self, rows: Sequence[Sequence[str]]) -> list[HeaderSpec]:
        specs: list[HeaderSpec] = []
        for cell in rows[0]:
            header = str(cell or "").strip()
            quiz = _QUIZ.match(header)
            if quiz is not None:
                kind = (quiz["kind"] or quiz["zh"]).casefold()
                specs.append(HeaderSpec(header, ignore=QUIZ_HOW[kind]))
            else:
                specs.append(spec_of(header))
        return specs


PLATFORM = MsForms(
    name="msforms",
    title="Microsoft Forms",
    separators=";",
    metadata=frozenset(
        {"id", "start time", "completion time", "email", "name", "language", "last modified time"}
        | {"total points", "quiz feedback"}
        | {"开始时间", "完成时间", "电子邮件", "名称", "语言", "上次修改时间", "总分", "测验反馈"}
    ),
)

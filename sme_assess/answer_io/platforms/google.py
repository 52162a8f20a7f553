"""Google Forms responses (the linked sheet, or its CSV download).

Columns: Timestamp (时间戳), optionally Email Address, then the question titles; ticked
checkboxes in one cell joined with ", " (the generic separators are accepted too); a grid
gives one column per row, "Title [row]";
an "Other:" answer is written as the text typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..text import normalise
from .base import Platform

_FIRST = {"timestamp", "时间戳", "marca temporal", "horodateur", "zeitstempel"}


@dataclass(frozen=True)
class Google(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        return 60 if headers and normalise(str(headers[0])) in _FIRST else 0


PLATFORM = Google(
    name="google",
    title="Google Forms",
    metadata=frozenset({"email address", "电子邮件地址", "score", "分数"}),
)

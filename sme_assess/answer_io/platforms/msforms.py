"""Microsoft Forms responses (Excel download).

Columns: ID, Start time, Completion time, Email, Name (开始时间, 完成时间, 电子邮件,
名称 in Chinese), then the questions; ticked options joined with ";" (one after the last).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .base import Platform, has_headers


@dataclass(frozen=True)
class MsForms(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        en = has_headers(headers, "ID", "Start time", "Completion time", "Email", need=3)
        zh = has_headers(headers, "ID", "开始时间", "完成时间", "电子邮件", need=3)
        return 70 if en or zh else 0


PLATFORM = MsForms(
    name="msforms",
    title="Microsoft Forms",
    separators=";",
    metadata=frozenset(
        {"id", "start time", "completion time", "email", "name", "last modified time"}
        | {"开始时间", "完成时间", "电子邮件", "名称", "上次修改时间"}
    ),
)

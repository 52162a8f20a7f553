"""问卷星 (wjx.cn), "按选项文本" download (xlsx or csv).

Columns: 序号 (答题序号 in some downloads), 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP, a quiz's
总分, then "1、题目" per question (a quiz's "1、题目(分数)" beside it: ignored, never an answer).
Ticked options are joined with "┋" (labels keep their 、 and ，); "(跳过)" marks a question
skipped by logic and "(空)" one left empty; "其他〖text〗" is an "other" fill-in; a matrix
gives one column per row, "N、题目—子项".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .base import CHINESE_SKIPS, NUMBERED_PART, Platform, has_headers

WJX_METADATA = frozenset(
    {
        "序号",
        "答题序号",
        "提交答卷时间",
        "所用时间",
        "来源",
        "来源详情",
        "来自ip",
        "总分",
        "答卷编号",
        "ip",
    }
)


def is_wjx(headers: Sequence[str]) -> bool:
    return has_headers(headers, "提交答卷时间", "所用时间", "来源详情", "来自IP", need=2)


def numbered_columns(headers: Sequence[str]) -> int:
    """How many "3、(选项)" headers: per-option columns of the number download."""
    return sum(1 for h in headers if NUMBERED_PART.match(str(h or "")))


@dataclass(frozen=True)
class Wjx(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        if not is_wjx(headers):
            return 0
        return 80 if numbered_columns(headers) == 0 else 60


PLATFORM = Wjx(
    name="wjx",
    title="问卷星 (wjx), 按选项文本",
    separators="┋",
    skips=CHINESE_SKIPS,
    metadata=WJX_METADATA,
)

"""问卷星 (wjx.cn), "按选项序号" download: choice cells hold option numbers.

A single choice is written as its option's position (1, 2, ...), a multiple choice as one
column per option headed "N、(选项)" holding 1 or 0, "-3" a skipped and "-2" an empty
answer. A number means an option only in the order the survey showed its options: it is
read only when you say the survey was published from this questionnaire (``--source
wjx-numbers``, e.g. after ``sme-assess export --to wjx``); otherwise those columns are
reported as unreadable, never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .base import CHINESE_SKIPS, Platform
from .wjx import WJX_METADATA, is_wjx, numbered_columns


@dataclass(frozen=True)
class WjxNumbers(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        if not is_wjx(headers):
            return 0
        return 85 if numbered_columns(headers) else 0


PLATFORM = WjxNumbers(
    name="wjx-numbers",
    title="问卷星 (wjx), 按选项序号 (option numbers)",
    separators="┋",
    skips=CHINESE_SKIPS | {"-3", "-2"},
    metadata=WJX_METADATA,
    option_numbers=True,
)

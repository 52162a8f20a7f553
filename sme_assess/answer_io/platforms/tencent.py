"""腾讯问卷 (Tencent Survey, wj.qq.com) export.

Columns: 编号, 开始答题时间, 结束答题时间, 答题时长, then the questions; a multiple choice
is one column per option headed "题目:选项" holding 1 or 0; a matrix one column per row,
"题目:子项", holding the chosen label. "(跳过)" / "(空)" mark answers not given. After the
answers: 地理位置国家和地区, 地理位置省, 地理位置市 (where the answer came from, by its IP:
never the firm's region), 用户类型, 用户标识, 昵称, 自定义字段.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .base import CHINESE_SKIPS, Platform, has_headers


@dataclass(frozen=True)
class Tencent(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        return 80 if has_headers(headers, "开始答题时间", "结束答题时间", "答题时长") else 0


PLATFORM = Tencent(
    name="tencent",
    title="腾讯问卷 (Tencent Survey)",
    skips=CHINESE_SKIPS,
    metadata=frozenset(
        {"编号", "开始答题时间", "结束答题时间", "答题时长", "ip", "ip地址", "地理位置", "用户id"}
        # where the answer came from (by IP, not the firm's region) and who sent it
        | {"地理位置国家和地区", "地理位置省", "地理位置市", "用户类型", "用户标识", "昵称"}
        | {"自定义字段"}
    ),
)

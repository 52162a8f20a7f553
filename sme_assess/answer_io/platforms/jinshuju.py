"""金数据 (Jinshuju) export.

Columns: 序号, the fields by their titles, then 提交人, 提交时间, 修改时间, 填写设备,
操作系统, 浏览器, 填写时长, IP and the like; ticked options in one cell, comma-separated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .base import CHINESE_SKIPS, Platform, has_headers

_META = (
    "提交人",
    "修改时间",
    "填写设备",
    "操作系统",
    "浏览器",
    "填写时长",
    "微信昵称",
    "微信openid",
)


@dataclass(frozen=True)
class Jinshuju(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        return 75 if has_headers(headers, *_META, need=3) else 0


PLATFORM = Jinshuju(
    name="jinshuju",
    title="金数据 (Jinshuju)",
    skips=CHINESE_SKIPS,
    metadata=frozenset(
        {"序号", "ip", "填写ip", "提交时间", "微信性别", "微信国家", "微信省市", "微信市", "openid"}
        | set(_META)
    ),
)

"""A company name, an answer or a label cut to fit a report, a chart or a screen keeps every
character as a reader sees it whole: never an accent stripped from its letter, an emoji
sequence split into its people, or a flag into two letters."""

from __future__ import annotations

import pytest

from sme_assess.report.category_view import clip
from sme_assess.report.charts import wrap
from sme_assess.wording.messages import shorten

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧, one character on screen
CHINA, JAPAN = "\U0001f1e8\U0001f1f3", "\U0001f1ef\U0001f1f5"  # 🇨🇳 🇯🇵
CAFE = "Cafe\u0301"  # é as e + combining acute
CLUSTERS = (FAMILY, CHINA, JAPAN, "e\u0301", "\u4e2d")


def _whole(text: str, source: str) -> bool:
    """Whether ``text`` (cut from ``source``, with its ellipsis) ends on a whole cluster."""
    kept = text.rstrip("…").rstrip()
    assert source.startswith(kept), (text, source)
    rest = source[len(kept) :]
    joins = ("\u200d", "\u0301")
    if rest[:1] in joins or kept[-1:] == "\u200d":
        return False
    regional = sum(1 for ch in kept if 0x1F1E6 <= ord(ch) <= 0x1F1FF)
    return regional % 2 == 0


@pytest.mark.parametrize(
    "source",
    [
        f"{FAMILY} Family Plastics {FAMILY}{FAMILY}",
        f"AB{CHINA}{JAPAN}{CHINA} Trading",
        f"{CAFE} {CAFE}{CAFE} Bakery",
        f"x{CHINA}{JAPAN} 中文 {FAMILY}",
    ],
)
def test_names_cut_for_the_report_keep_each_character_whole(source: str) -> None:
    for limit in range(2, len(source)):
        assert _whole(clip(source, limit), source), (limit, clip(source, limit))
        assert _whole(shorten(source, limit), source), (limit, shorten(source, limit))
        assert len(clip(source, limit)) <= limit and len(shorten(source, limit)) <= limit


def test_a_chart_label_cut_to_its_room_keeps_each_character_whole() -> None:
    label = f"{CHINA}{JAPAN}{CHINA}{JAPAN}{CHINA}{JAPAN} {FAMILY}{FAMILY}{FAMILY}{FAMILY}"
    for room in range(20, 120, 3):
        for line in wrap(label, room, 10, max_lines=1):
            assert _whole(line, label), (room, line)

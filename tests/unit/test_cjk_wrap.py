"""Chinese line breaking on the terminal (sme_assess.terminal.cjk_wrap): where a line may
break in Chinese, and English left as Rich wraps it."""

from __future__ import annotations

import io
import itertools

import pytest
from rich.console import Console
from rich.text import Text

from sme_assess.terminal.cjk_wrap import CjkText, divide_cjk


def _lines(text: str, width: int) -> list[str]:
    breaks = divide_cjk(text, width)
    return [text[i:j] for i, j in zip([0, *breaks], [*breaks, len(text)], strict=True)]


@pytest.mark.parametrize("width", range(6, 40))
def test_no_line_parts_a_term_an_amount_or_starts_with_a_closing_mark(width: int) -> None:
    text = (
        "对照GB/T 39116智能制造能力成熟度（指示性档位）估算：一级及以下，3年合计约18.4万元，"
        "目前处于第1档，每季度1次，1个月内完成第一次。"
    )
    lines = _lines(text, width)
    assert "".join(lines) == text
    for line in lines:  # the marks' rules hold at any width
        assert line[0] not in "，。、：；）" and line.rstrip()[-1] not in "（第", lines
        if width >= 14:  # wide enough for "约18.4万元，" and "GB/T 39116智"
            assert not line.startswith(("39116", "元", "1档")), lines
            assert not line.rstrip().endswith("GB/T"), lines
    assert all(sum(2 if ord(c) > 0x2E80 else 1 for c in line.rstrip()) <= width for line in lines)


def test_english_wraps_as_rich_wraps_it() -> None:
    text = "Estimated GB/T 39116 intelligent-manufacturing maturity (indicative band): Level 1"
    for width in (20, 33, 60):
        one = Console(width=width, file=io.StringIO(), record=True, color_system=None)
        two = Console(width=width, file=io.StringIO(), record=True, color_system=None)
        one.print(Text(text))
        two.print(CjkText(text))
        assert one.export_text() == two.export_text()


@pytest.mark.parametrize("width", range(17, 40))  # "41.5万–66.5万元；" takes 17 cells
def test_no_line_ends_inside_a_range_or_parts_an_amount_from_its_sign_or_unit(width: int) -> None:
    """A line ending at "每步约3–" | "5个月" reads as "3 months" at a glance; so do "¥" |
    "50,000" and "10～20" | "人". A range, a currency sign and its amount, a number and its
    unit stay on one line wherever the line is wide enough for them."""
    text = (
        "建议分三步走，每步约3–5个月，2024–2026年完成，投入约41.5万–66.5万元；规模10~20人的"
        "车间，合格率提高5 %，预算¥ 50,000，约 3 个月见效；规模10～20人，约30%的机台联网。"
    )
    lines = _lines(text, width)
    assert "".join(lines) == text
    for left, right in itertools.pairwise(lines):
        end, start = left.rstrip(), right.lstrip()
        assert not (end[-1] in "–~～-" and start[0].isdigit()), (end, start)
        assert not (end[-1].isdigit() and (start[0] in "–~～-%人个万年")), (end, start)
        assert not end.endswith(("¥", "约 3")), (end, start)


def test_a_range_wider_than_a_line_breaks_after_its_dash_not_inside_an_amount() -> None:
    lines = _lines("投入约41.5万–66.5万元；", 12)
    assert lines[-2:] == ["41.5万–", "66.5万元；"], lines


def test_a_chinese_line_that_fits_is_not_cut_into_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Most cells fit their column: they get no break without being parted into pieces
    (the rules are for the lines that need breaking)."""
    from sme_assess.terminal import cjk_wrap

    def never(text: str, loose: int = 0) -> list[tuple[int, str]]:
        raise AssertionError(f"segmented {text!r}")

    monkeypatch.setattr(cjk_wrap, "_segments", never)
    assert divide_cjk("约2.4万元（3年合计）", 20) == []
    with pytest.raises(AssertionError):
        divide_cjk("约2.4万元（3年合计）", 19)

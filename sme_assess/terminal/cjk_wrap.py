"""Line breaking for Chinese (and Japanese, Korean) text on the terminal. Nothing prints here.

Rich breaks lines at spaces only and folds a longer run anywhere, so in Chinese it cuts a
term at its one space ("对照GB/T" | "39116智能制造"), starts a line with a closing mark
("）" "，" "："), ends one with an opening mark ("（"), and parts a number from its unit
("41.5万–66.5万" | "元"). Here a line may break between two Chinese characters or at a
space, never:

- before a closing mark or after an opening mark (Chinese typography's 禁则);
- between a number and the Chinese characters around it unspaced (``约2.4万``, ``第1档``,
  ``3年合计``), a Latin word and the one after it, or inside a unit (``万元``, ``个月``);
- inside a range (``3–5个月``, ``2024–2026年``, ``10～20人``), between a currency sign and its
  amount (``¥ 50,000``) or a number and its spaced unit (``约 3 个月``): these hold even in a
  piece too wide for a line, which then breaks elsewhere first;
- inside a standard's name and number (``GB/T 39116``, ``ISO 9001``, ``IATF 16949``) or at a
  no-break space.

Only where a line holds Chinese, Japanese or Korean: other text wraps as Rich wraps it. The
width each column is given is Rich's own (the measure is unchanged): only where lines break
inside it changes. :func:`cjk_aware` applies it to a view's tables, panels and texts.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from rich.cells import cell_len, chop_cells
from rich.console import RenderableType
from rich.text import Text

from ..wording.typography import no_break_points
from .keep_wrap import KeepText, as_kept, divide_kept, keep_aware

# The CJK blocks as [start, end) code points: U+2E80-U+30FF (radicals, punctuation, kana),
# U+3400-U+4DBF, U+4E00-U+9FFF, U+AC00-U+D7AF (Hangul), U+F900-U+FAFF, U+FE30-U+FE4F,
# U+FF00-U+FFEF (full-width forms). A regular expression's class of these ~40,000 characters
# costs ~8 ms to compile (Python's `re` visits each), once per process, on every Chinese
# screen; the units below are found instead in a copy of the text in which every CJK
# character is the one character 一, by a pattern that compiles in microseconds.
_CJK_EDGES = (
    *(0x2E80, 0x3100, 0x3400, 0x4DC0, 0x4E00, 0xA000, 0xAC00, 0xD7B0),
    *(0xF900, 0xFB00, 0xFE30, 0xFE50, 0xFF00, 0xFFF0),
)
_ONE = "\u4e00"  # 一, itself a CJK character


def is_cjk(char: str) -> bool:
    """Whether ``char`` (one character) is Chinese, Japanese or Korean."""
    return bisect_right(_CJK_EDGES, ord(char)) % 2 == 1


class _Fold(dict[int, int]):
    """``str.translate``'s table: every CJK character to 一, the others to themselves (each
    looked up once per process, then remembered). Offsets in the copy are the text's."""

    def __missing__(self, code: int) -> int:
        folded = ord(_ONE) if bisect_right(_CJK_EDGES, code) % 2 else code
        self[code] = folded
        return folded


_FOLD = _Fold()


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese, Japanese or Korean character."""
    return _ONE in text.translate(_FOLD)


# one unit: a CJK character, or a run of other characters that are not a breaking space,
# with the breaking spaces after it (a no-break space is part of the run); a range's dash alone
_UNIT = re.compile(f"[ \t]*(?:{_ONE}|–|[^ \t–{_ONE}]+)[ \t]*")


def _units(text: str) -> list[tuple[int, str]]:
    """``text`` as its units, each with its offset."""
    return [(m.start(), text[m.start() : m.end()]) for m in _UNIT.finditer(text.translate(_FOLD))]


CLOSING = set("，。、：；！？）］｝〕〉》」』】〙〗”’…‥·・ー々%％‰,.;:!?)]}–")
# an amount's or a duration's unit is not parted either ("18.4万" | "元", "12个" | "月")
_UNITS = {"万元", "亿元", "千元", "百元", "个月", "小时", "分钟"}
OPENING = set("（［｛〔〈《「『【〘〖“‘¥￥$([{第")  # 第 starts an ordinal
# a range's dash or tilde: never a line's end between two numbers ("3–5个月", "10～20人")
_RANGE = set("–—~～-")
_STANDARD = re.compile(r"[A-Z][A-Za-z]*(?:/[A-Za-z]+)* \Z")  # "GB/T ", "ISO ", "IATF "


def _glued(before: str, unit: str, loose: int) -> bool:
    """Whether no line may break between ``before`` and ``unit``. For a piece that does not
    fit a whole line with the others, ``loose`` keeps fewer rules: 1 the marks' and what holds
    a number together (its unit, its range, its currency sign); 2 no longer a range (an
    amount's range wider than a line breaks after its dash); 3 the marks' alone."""
    if unit[0] in CLOSING or unit.lstrip()[:1] in CLOSING or before[-1] in OPENING:
        return True
    if loose >= 3:
        return False
    last = before[-1]
    if loose < 2 and unit[0].isdigit() and last in _RANGE:  # "3–" | "5", "10～" | "20"
        return True
    if last.isdigit() and ((unit[0] in _RANGE and loose < 2) or is_cjk(unit[0])):
        return True  # a number and its unit or range: "3" | "个月", "10" | "～20人"
    if before[-1] + unit[0] in _UNITS:
        return True
    if last in " \t":
        if is_cjk(unit[0]) and before.rstrip()[-1:].isdigit():
            return True  # "约 3 个月": the number and its unit, spaced
        if no_break_points(before[-2:] + unit[:2])[1] == "x":
            return True  # what the tool's own words keep together: "¥ 50,000", "Level 1"
    if loose:
        return False
    if last in " \t":
        return bool(_STANDARD.search(before)) and unit[0].isdigit()
    if is_cjk(last):
        return unit[0].isdigit() and last not in "，。、；：！？"
    return is_cjk(unit[0])


def _segments(text: str, loose: int = 0) -> list[tuple[int, str]]:
    """The text as (start, piece) pieces no line may break inside."""
    out: list[tuple[int, str]] = []
    for at, unit in _units(text):
        if out and _glued(out[-1][1], unit, loose):
            start, piece = out[-1]
            out[-1] = (start, piece + unit)
        else:
            out.append((at, unit))
    return out


def divide_cjk(text: str, width: int) -> list[int]:
    """Where to break ``text`` (offsets) so each line fits ``width`` cells, by the rules
    above; a piece wider than a whole line is parted by the marks' rules alone, then by
    characters and words, and a word wider than a line is cut where it must be."""
    if cell_len(text) <= width:
        return []  # it fits: no piece can reach past the width (most table cells)
    breaks: list[int] = []
    used = 0
    for start, piece in _segments(text):
        used = _place(start, piece, width, used, breaks, 0)
    return breaks


def _place(at: int, piece: str, width: int, used: int, breaks: list[int], level: int) -> int:
    """Put ``piece`` (at offset ``at``) on the line holding ``used`` cells, or on the next
    (its offset added to ``breaks``); a piece wider than a line goes by smaller pieces
    (``level`` 0 to 2: ``_glued``'s looser rules, 3: units, 4: folded). Returns the cells the last
    line then holds."""
    size = cell_len(piece.rstrip())
    if used + size <= width:
        return used + cell_len(piece)
    if used and at:
        breaks.append(at)
        used = 0
    if size <= width:
        return cell_len(piece)
    if level < 4:
        parts = _segments(piece, loose=level + 1) if level < 3 else _units(piece)
        if len(parts) > 1 or level == 3:
            for offset, part in parts:
                used = _place(at + offset, part, width, used, breaks, level + 1)
            return used
        return _place(at, piece, width, used, breaks, level + 1)
    for last, chunk in _chunks(piece, width):
        if last:
            return cell_len(chunk)
        at += len(chunk)
        breaks.append(at)
    return used


def _chunks(unit: str, width: int) -> list[tuple[bool, str]]:
    parts = chop_cells(unit, width) if cell_len(unit.rstrip()) > width else [unit]
    return [(i == len(parts) - 1, part) for i, part in enumerate(parts)]


class CjkText(KeepText):
    """A Rich text whose lines that hold CJK break by :func:`divide_cjk` (the others as
    :class:`KeepText` breaks them)."""

    __slots__ = ()

    def divide_at(self, plain: str, width: int, fold: bool) -> list[int]:
        if has_cjk(plain):
            return divide_cjk(plain, width)
        return divide_kept(plain, width, fold)


def as_cjk(text: Text | str) -> CjkText:
    """A text (or a string of Rich markup) as a :class:`CjkText`, styles kept."""
    out = as_kept(text, CjkText)
    assert isinstance(out, CjkText)
    return out


def cjk_aware(view: RenderableType) -> RenderableType:
    """``view`` with every text in its groups, panels and table cells a :class:`CjkText`
    (changed in place; returned for convenience). Table and panel titles stay as they are."""
    return keep_aware(view, CjkText)

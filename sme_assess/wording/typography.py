"""Where a line may not break in the tool's own words: a number and the word or sign after
it, and a range of numbers.

"over 3 | years", "then 4 | hours", "50 | %", "¥ | 50,000" and "Level | 1" were parted at a
line's end in the PDF and on the screen. The PDF gets no-break spaces there (:func:`glue`);
the screen keeps its plain spaces and breaks elsewhere (:func:`no_break_points`, for the
wrap). A no-break space already in a text (U+00A0, U+202F, U+2007) is never a break either.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
# spaces no line breaks at: no-break, narrow no-break (a third language's digit groups), figure
NO_BREAK_SPACES = "\u00a0\u202f\u2007"
# a number and the unit after it ("3 years", "100 %", "2 more"; the units the tool's words
# and the catalogue use), a currency sign and its amount ("¥ 50,000"), and a word and the
# number it names ("level 1", "Stage 0", "GB/T 39116": a level joined to the word after it
# must keep the word before too); only a plain space between them is joined. Not any word
# after a number: "¥59,000 over 3 years" would be one piece too wide for a narrow column.
_UNITS = r"(?:years?|months?|weeks?|days?|hours?|minutes?|points?|more|[%‰])(?![\w-])"
_GLUED = re.compile(rf"(?<=\d) (?={_UNITS})|(?<=[¥￥$€£]) (?=\d)|(?<=[A-Za-z/]) (?=\d)")


WORD_JOINER = "\u2060"  # no line breaks on either side of it; invisible, not extracted
_DASHES = "–—～~"
# the dash of a range of numbers or amounts ("3–5", "2024–2026", "¥415,000–665,000",
# "41.5万–66.5万", "10～20"), with the spaces beside it if any
_RANGE_DASH = re.compile(
    rf"(?<=[\d万千亿])([ {NBSP}]?)([{_DASHES}])([ {NBSP}]?)(?=[¥￥$€£]?[ {NBSP}]?\d)"
)


def _joined_dash(found: re.Match[str]) -> str:
    before, dash, after = found.groups()
    return f"{NBSP if before else ''}{WORD_JOINER}{dash}{WORD_JOINER}{NBSP if after else ''}"


def glue(text: str) -> str:
    """``text`` with a no-break space between a number and its unit, per cent or currency,
    and between a word and the number it names; and a range of numbers kept on one line (a
    word joiner each side of its dash: the PDF broke "3–" | "5 months" after the dash, which
    reads as two numbers)."""
    if " " in text:
        text = _GLUED.sub(NBSP, text)
    if any(dash in text for dash in _DASHES):
        text = _RANGE_DASH.sub(_joined_dash, text)
    return text


_PROTECTED = str.maketrans({ch: "x" for ch in NO_BREAK_SPACES})


def no_break_points(text: str) -> str:
    """``text`` as a line-breaking routine that breaks at any white space should see it: each
    place no line may break at (a no-break space, a space :func:`glue` would join) turned into
    a letter of the same width, offsets unchanged. Rich breaks at every ``\\s``, a no-break
    space included."""
    return _GLUED.sub("x", text).translate(_PROTECTED)

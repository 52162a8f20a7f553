"""Text from a file made to take the same cells on every terminal. Nothing prints here.

An emoji sequence joined by zero-width joiners (👨‍👩‍👧), with a skin tone (👍🏽), a
variation selector (❤️) or tags (🏴 with its region) is one picture two cells wide where the
terminal knows it and three pictures, six cells, where it does not; Rich counts it one way
(2 cells from Rich 15 on, 6 before), so a table's or a panel's border missed its place by 4
cells on the others. On the screen such a sequence is shown as its parts (👨👩👧, 👍, ❤),
which every terminal draws in the cells Rich counts; a flag as its two letters ([CN]).
Accents, Chinese and full-width letters are left as they are: every terminal and Rich agree
on those. The report keeps the
text as written; only the screen's copy changes.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..terminal_text import visible

_ZWJ = "\u200d"
# a variation selector asking for the emoji picture, and the tags of a subdivision flag
_DROPPED = re.compile("[\ufe0f\U000e0020-\U000e007f]")
_TONE = re.compile("[\U0001f3fb-\U0001f3ff]")
_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]{1,2}")


def _letters(found: re.Match[str]) -> str:
    return "[" + "".join(chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in found.group()) + "]"


def _symbol(ch: str) -> bool:
    return unicodedata.category(ch) == "So"


def steady(text: str) -> str:
    """``text`` with every emoji sequence shown as its parts (see the module's note)."""
    if not any(ord(ch) >= 0x2000 for ch in text):
        return text  # the common case: nothing to look at
    text = _FLAG.sub(_letters, _DROPPED.sub("", text))
    out: list[str] = []
    for ch in text:
        before = out[-1] if out else ""
        if ch == _ZWJ and before and _symbol(before):
            continue  # a joiner between emoji (not one in an Indic word, which stays)
        if _TONE.match(ch) and before and _symbol(before) and not _TONE.match(before):
            continue  # a skin tone on the emoji before it
        out.append(ch)
    return "".join(out)


def plain(text: Any, *, newlines: bool = True) -> str:
    """Text from a file, made safe for a terminal (for ``Text``, which reads no markup), its
    emoji sequences and flags shown so that every terminal gives them the cells Rich counts:
    a table's borders stay in line. With ``newlines=False`` line breaks and tabs are written
    out too, for a line that must stay one line."""
    return steady(visible(str(text), newlines=newlines))

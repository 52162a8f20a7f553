"""Untrusted text made safe for a terminal: control characters shown, never obeyed.

Company names, cells and file names come from files we do not control. An escape sequence
in them could move the cursor, retitle the window or hide what follows when printed raw, so
every piece of such text passes through :func:`visible` before it reaches a console.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides and
# isolates that reorder what a reader sees (Trojan Source).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = True) -> str:
    """``text`` with every control character written out (``\\x1b``); with ``newlines=False``
    line breaks and tabs too, for text that must stay on one line."""
    out = _UNSAFE.sub(_show, text)
    if not newlines:
        out = out.replace("\n", "\\n").replace("\t", "\\t")
    return out


_ZWJ = "\u200d"


def _extends(ch: str) -> bool:
    """Whether ``ch`` belongs to the character before it on screen: a combining mark (the
    accent of a decomposed é), a variation selector, an emoji skin tone or tag, a joiner."""
    code = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or ch in (_ZWJ, "\u200c")
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    )


def cluster_start(text: str, index: int) -> int:
    """The nearest index at or before ``index`` where a character as a reader sees it starts,
    so that cutting there neither strips an accent from its letter nor splits an emoji joined
    with a zero-width joiner (👨‍👩‍👧) or a flag's two halves (🇨🇳)."""
    index = max(0, min(index, len(text)))
    while 0 < index < len(text) and (_extends(text[index]) or text[index - 1] == _ZWJ):
        index -= 1
    if 0 < index < len(text) and _regional(text[index]):
        run = index  # a flag is two regional indicators (🇨🇳): never cut between them
        while run > 0 and _regional(text[run - 1]):
            run -= 1
        index -= (index - run) % 2
    return index


def _regional(ch: str) -> bool:
    """Whether ``ch`` is a regional indicator, half of a flag."""
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF

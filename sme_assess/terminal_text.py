"""Untrusted text made safe for a terminal: control characters shown, never obeyed.

Company names, cells and file names come from files we do not control. An escape sequence
in them could move the cursor, retitle the window or hide what follows when printed raw, so
every piece of such text passes through :func:`visible` before it reaches a console.
"""

from __future__ import annotations

import re

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

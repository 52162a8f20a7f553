"""What a YAML syntax error says: at its line:col, in words a person who wrote the file by
hand understands (a tab, a control character or UTF-16 text, a full-width colon)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .findings import Finding


def syntax_finding(exc: Any, shown: str, text: str) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = str(getattr(exc, "problem", None) or exc).strip()
    lines = text.splitlines()
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    if "'\\t'" in problem or ("\t" in row[: max(col, 1)] and not row[: col - 1].strip()):
        return Finding(
            "yaml-tab-indent", "tab character used for indentation; use spaces", shown, line, col
        )
    wide = _full_width_colon(lines, line)
    if wide is not None:
        return Finding(
            "yaml-syntax",
            "a full-width colon '：' after a key: write ':' (and a space), as YAML needs",
            shown,
            *wide,
        )
    context = getattr(exc, "context", None)
    message = f"{context}: {problem}" if context else problem
    return Finding("yaml-syntax", message, shown, line, col)


_WIDE_KEY = re.compile(r"^\s*(?:- )?[^\s:：#\"'][^:：#]*?\s*(：)")


def _full_width_colon(lines: list[str], line: int) -> tuple[int, int] | None:
    """Line and column of a full-width colon written for ':' after a key (a Chinese input
    method's), on the line of a syntax error or the one above, where the parser notices it."""
    for number in (line - 1, line):
        row = lines[number - 1] if 0 < number <= len(lines) else ""
        found = _WIDE_KEY.match(row)
        if found is not None:
            return number, found.start(1) + 1
    return None


def character_finding(exc: Any, shown: str, text: str) -> Finding:
    """A character YAML does not allow (PyYAML says only its offset, over two lines), at its
    line:col. A NUL is what a UTF-16 file read as UTF-8, or a damaged file, looks like."""
    given = max(int(getattr(exc, "position", 0) or 0), 0)
    code = getattr(exc, "character", None)
    # libyaml counts UTF-8 bytes, PyYAML's own reader characters: the one holding it is right
    in_bytes = len(text.encode("utf-8", "surrogatepass")[:given].decode("utf-8", "ignore"))
    fits = [at for at in (in_bytes, given) if at < len(text) and ord(text[at]) == code]
    at = fits[0] if fits else min(given, len(text))
    if not isinstance(code, int):
        code = ord(text[at]) if at < len(text) else 0
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    message = f"character U+{code:04X} is not allowed in YAML (a control character)"
    if code == 0:
        message += "; a file in UTF-16 (save it as UTF-8) or a damaged file?"
    return Finding("yaml-syntax", message, shown, line, col)


# invisible formatting (zero-width, BOM, direction marks) and spaces other than " " (no-break,
# ideographic...); control characters are left to terminal_text.visible(), which shows them
_UNSEEN = frozenset(("Cf", "Zs", "Zl", "Zp"))


def spelled(text: str) -> str:
    """``text`` with the characters a person cannot see in it written out (a non-breaking or
    zero-width space, a BOM, a direction mark: ``paper\\u200b``), so that "'paper' is not an
    option" is never said of what looks like 'paper'."""
    if text.isascii():
        return text
    return "".join(
        f"\\u{ord(ch):04x}" if ch != " " and unicodedata.category(ch) in _UNSEEN else ch
        for ch in text
    )


def plain_key(text: str) -> str:
    """``text`` as a person means it: full-width letters as ASCII, invisible characters and
    outer spaces dropped, case folded (to suggest what was meant, never to read it so)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if unicodedata.category(ch) != "Cf").strip().casefold()

"""The charts' words: which script a label is in, how wide it prints, and how it is wrapped
(or cut with an ellipsis) to the room it has, with the fonts and ``lang`` each label needs.

Widths are estimates, a CJK character counted as wide as two Latin ones, so that no label
leaves its chart's canvas in either language.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from ...terminal_text import cluster_start
from ...wording.language import html_lang, is_cjk

LATIN_FONTS = "DejaVu Sans, Noto Sans, Liberation Sans, Arial, sans-serif"
CJK_FONTS = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, WenQuanYi Micro Hei"
FONT_STACK = f"{CJK_FONTS}, {LATIN_FONTS}"
LATIN_EM = 0.62  # a Latin character's width in em, DejaVu Sans' average rounded up
BOLD = 1.08  # bold text is this much wider


def font_stack(lang: str) -> str:
    """Latin fonts first for English (no CJK font embedded unless a label needs one)."""
    return FONT_STACK if lang.startswith(("zh", "ja", "ko")) else f"{LATIN_FONTS}, {CJK_FONTS}"


_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\u1100-\u11ff\uac00-\ud7a3]")
_LATIN = re.compile("[A-Za-z]")


def label_lang(text: str, lang: str) -> str:
    """The ``lang`` and font a label needs where its script is not its chart's: a Chinese
    category name (a pack's text with no English) in an English chart is tagged ``zh-CN``
    with the CJK fonts first, an English one in a Chinese chart ``en`` with the Latin fonts
    first; "" where the chart's own serve (WeasyPrint picks an SVG text's font by its
    font-family alone, a browser by its lang too)."""
    wide = any(is_wide(ch) for ch in text)
    if wide and not is_cjk(lang):
        tag = "ja" if _KANA.search(text) else "ko" if _HANGUL.search(text) else html_lang("zh")
        return f' lang="{tag}" font-family="{escape(FONT_STACK)}"'
    if not wide and is_cjk(lang) and _LATIN.search(text):
        return f' lang="en" font-family="{escape(font_stack("en"))}"'
    return ""


def is_wide(ch: str) -> bool:
    """A CJK ideograph, kana, hangul or full-width form: as wide as the font size."""
    return (
        "\u1100" <= ch <= "\u11ff"
        or "\u2e80" <= ch <= "\ua4cf"
        or "\uac00" <= ch <= "\ud7a3"
        or "\uf900" <= ch <= "\ufaff"
        or "\ufe30" <= ch <= "\ufe4f"
        or "\uff00" <= ch <= "\uff60"
        or "\uffe0" <= ch <= "\uffe6"
    )


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in user units of ``text`` at font ``size``: CJK counts double."""
    ems = sum(1.0 if is_wide(ch) else LATIN_EM for ch in text)
    return ems * size * (BOLD if bold else 1.0)


def _tokens(text: str) -> list[str]:
    """Words for Latin text; single characters for CJK (which breaks between any two)."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch == " ":
            if word:
                out.append(word)
            word = ""
        elif is_wide(ch):
            if word:
                out.append(word)
            word = ""
            out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    return out


def _join(left: str, right: str) -> str:
    if not left:
        return right
    glue = "" if is_wide(left[-1]) or is_wide(right[0]) else " "
    return left + glue + right


def _cut(text: str, room: float, size: float) -> str:
    """``text`` cut with an ellipsis to fit ``room``."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[: cluster_start(text, len(text) - 1)]
    return text.rstrip() + "…"


def wrap(text: str, room: float, size: float, max_lines: int = 2) -> list[str]:
    """``text`` in at most ``max_lines`` lines no wider than ``room``; the last line cut with
    an ellipsis when the text does not fit (a word longer than a line is cut too)."""
    lines: list[str] = []
    line = ""
    tokens = _tokens(text)
    for k, token in enumerate(tokens):
        candidate = _join(line, token)
        if text_width(candidate, size) <= room or not line:
            line = candidate
            continue
        lines.append(line)
        line = token
        if len(lines) == max_lines - 1:
            rest = line
            for later in tokens[k + 1 :]:
                rest = _join(rest, later)
            line = rest
            break
    lines.append(line)
    return [_cut(x, room, size) for x in lines[:max_lines]]

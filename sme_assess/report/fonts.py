"""Fonts for the report's language and for the Chinese (Japanese, Korean) text an English
report prints, found through fontconfig, and what to install if none."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from functools import cache, lru_cache

from ..errors import InputError

# What Debian/Ubuntu calls the package that brings a font for each language.
FONT_PACKAGES = {"zh": "fonts-noto-cjk", "ja": "fonts-noto-cjk", "ko": "fonts-noto-cjk"}
DEFAULT_PACKAGE = "fonts-dejavu-core"
FONTCONFIG_LANG = {"zh": "zh-cn", "en": "en"}


@lru_cache(maxsize=16)
def fonts_for(lang: str) -> tuple[str, ...]:
    """Font families fontconfig knows that cover ``lang`` (empty when none or no fontconfig)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    code = FONTCONFIG_LANG.get(lang, lang.split("-")[0])
    try:
        out = subprocess.run(
            [fc_list, f":lang={code}", "family"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ()
    families = {line.split(",")[0].strip() for line in out.splitlines() if line.strip()}
    return tuple(sorted(families))


def package_for(lang: str) -> str:
    return FONT_PACKAGES.get(lang.split("-")[0], DEFAULT_PACKAGE)


def require_fonts(lang: str) -> None:
    """Refuse to make a PDF of boxes: one line naming the package to install."""
    if not fonts_for(lang):
        pkg = package_for(lang)
        raise InputError(
            f"no font for language '{lang}' is installed, so the PDF would show empty boxes; "
            f"install one, e.g. `sudo apt-get install {pkg}` (then run `sme-assess doctor`)"
        )


# The characters a Latin font has no glyph for: CJK ideographs and punctuation, kana, hangul,
# full-width forms (as ``charts.text.is_wide``). Compiled when a PDF needs it, once per process.
_WIDE = (
    "\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    run = re.compile(f"[{_WIDE}](?:[{_WIDE}0-9]*[{_WIDE}])?")  # 工信厅企业〔2024〕56号
    aside = re.compile(f"\\s*[(（][^()（）{_WIDE}]*[{_WIDE}][^()（）]*[)）]")  # " (约束性)"
    dangling = re.compile(r"\s*·\s*(?=[,;:)]|$)")  # "2024 · " once its Chinese is gone
    return run, aside, dangling


def cjk_text(text: str) -> str:
    """The first run of CJK characters in ``text`` ("" when none)."""
    found = _patterns()[0].search(text)
    return found.group(0) if found else ""


def without_cjk(text: str) -> str:
    """A pack's citation or note without its Chinese for a font that cannot show it:
    "…indicators, 2024 · 工信厅企业〔2024〕56号" becomes "…indicators, 2024", "mandatory
    (约束性) scenarios" "mandatory scenarios". Text without CJK is returned as it is."""
    run, aside, dangling = _patterns()
    if not run.search(text):
        return text
    out = dangling.sub("", run.sub("", aside.sub("", text)))
    return re.sub(r"\s+(?=[,;:.)])", "", re.sub(r"\s{2,}", " ", out)).strip()


def has_cjk_font() -> bool:
    return bool(fonts_for("zh"))


def require_fonts_for(lang: str, texts: Iterable[str]) -> None:
    """Refuse to make a PDF whose text (a Chinese company name or answer in an English
    report) no installed font can show: one line naming that text and the package."""
    require_fonts(lang)
    if lang.split("-")[0] in FONT_PACKAGES or has_cjk_font():
        return
    for text in texts:
        sample = cjk_text(text)
        if sample:
            shown = sample if len(sample) <= 12 else sample[:11] + "…"
            raise InputError(
                f"the report holds Chinese text ('{shown}') and no font for Chinese is "
                "installed, so the PDF would show empty boxes; install one, e.g. "
                f"`sudo apt-get install {package_for('zh')}` (then run `sme-assess doctor`), "
                "or make an HTML report"
            )

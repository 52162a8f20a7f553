"""Fonts for the report's language, found through fontconfig, and what to install if none."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

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

"""What the machine has for making reports, and how to fix what is missing."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass

from .. import __version__


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def _weasyprint() -> list[Check]:
    try:
        import weasyprint
        from weasyprint.text import ffi
    except (ImportError, OSError) as exc:  # OSError: a system library cannot be loaded
        return [
            Check(
                "WeasyPrint",
                False,
                f"cannot load: {exc}",
                "sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0; then make install",
            )
        ]
    checks = [Check("WeasyPrint", True, str(weasyprint.__version__))]
    version = ffi.pango.pango_version()
    pango = f"{version // 10000}.{version // 100 % 100}.{version % 100}"
    checks.append(
        Check(
            "Pango",
            version >= 14400,
            pango,
            "" if version >= 14400 else "Pango 1.44 or newer is needed: upgrade libpango",
        )
    )
    has_subset = getattr(ffi, "harfbuzz_subset", None) is not None
    checks.append(
        Check(
            "HarfBuzz subset library",
            has_subset,
            "found" if has_subset else "missing: Chinese PDFs are several times slower",
            "" if has_subset else "sudo apt-get install -y libharfbuzz-subset0",
        )
    )
    return checks


def _fonts(languages: list[str]) -> list[Check]:
    from .fonts import fonts_for, package_for

    checks = []
    for lang in languages:
        families = fonts_for(lang)
        shown = ", ".join(families[:4]) + (" …" if len(families) > 4 else "")
        checks.append(
            Check(
                f"fonts for '{lang}'",
                bool(families),
                shown or "none found by fontconfig",
                "" if families else f"sudo apt-get install -y {package_for(lang)}",
            )
        )
    return checks


def pack_languages(pack_spec: str | None) -> list[str]:
    """The languages of a pack (or of every built-in pack), for the font checks."""
    from ..pack.loading import read_pack
    from ..pack.locate import builtin_packs, resolve_pack

    folders = [resolve_pack(pack_spec)] if pack_spec else list(builtin_packs().values())
    languages: list[str] = []
    for folder in folders:
        loaded = read_pack(folder)
        if loaded.questionnaire is not None:
            languages.extend(x for x in loaded.questionnaire.languages if x not in languages)
    return languages or ["en"]


def run_checks(languages: list[str]) -> list[Check]:
    """Every check, in the order a user reads them."""
    checks = [
        Check("sme-assess", True, __version__),
        Check(
            "Python",
            sys.version_info >= (3, 11),
            f"{platform.python_version()} ({sys.executable})",
            "" if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed",
        ),
    ]
    checks.extend(_weasyprint())
    checks.extend(_fonts(languages))
    return checks

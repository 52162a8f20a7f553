"""What the machine has for making reports, and how to fix what is missing.

A check's name, detail and fix are English messages (``N_``) with ``{placeholders}`` filled
from ``values`` (versions, paths, package names stay as they are): the command says them in
the interface language with :meth:`Check.said`.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import __version__
from ..i18n import N_, Translator

_AS_IS = "{text}"  # a detail that is data (a version, a list of fonts): not translated
_COMMAND = "{command}"  # a fix that is a command to type: not translated


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    values: Mapping[str, str] = field(default_factory=dict)

    def said(self, _: Translator) -> tuple[str, str, str]:
        """Name, detail and fix in ``_``'s language, their placeholders filled in."""

        def say(message: str) -> str:
            return _(message, **self.values) if message else ""

        return say(self.name), say(self.detail), say(self.fix)


def _weasyprint() -> list[Check]:
    try:
        import weasyprint
        from weasyprint.text import ffi
    except (ImportError, OSError) as exc:  # OSError: a system library cannot be loaded
        return [
            Check(
                "WeasyPrint",
                False,
                N_("cannot load: {error}"),
                N_("{command}; then make install"),
                {
                    "error": str(exc),
                    "command": "sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0",
                },
            )
        ]
    checks = [Check("WeasyPrint", True, _AS_IS, values={"text": str(weasyprint.__version__)})]
    version = ffi.pango.pango_version()
    pango = f"{version // 10000}.{version // 100 % 100}.{version % 100}"
    checks.append(
        Check(
            "Pango",
            version >= 14400,
            _AS_IS,
            "" if version >= 14400 else N_("Pango 1.44 or newer is needed: upgrade libpango"),
            {"text": pango},
        )
    )
    has_subset = getattr(ffi, "harfbuzz_subset", None) is not None
    checks.append(
        Check(
            N_("HarfBuzz subset library"),
            has_subset,
            N_("found") if has_subset else N_("missing: Chinese PDFs are several times slower"),
            "" if has_subset else _COMMAND,
            {"command": "sudo apt-get install -y libharfbuzz-subset0"},
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
                N_("fonts for '{lang}'"),
                bool(families),
                _AS_IS if families else N_("none found by fontconfig"),
                "" if families else _COMMAND,
                {
                    "lang": lang,
                    "text": shown,
                    "command": f"sudo apt-get install -y {package_for(lang)}",
                },
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
        Check("sme-assess", True, _AS_IS, values={"text": __version__}),
        Check(
            "Python",
            sys.version_info >= (3, 11),
            "{version} ({path})",
            "" if sys.version_info >= (3, 11) else N_("Python 3.11 or newer is needed"),
            {"version": platform.python_version(), "path": sys.executable},
        ),
    ]
    checks.extend(_weasyprint())
    checks.extend(_fonts(languages))
    return checks

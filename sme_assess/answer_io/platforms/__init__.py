"""Survey platforms whose exports batch reads: one module per platform, found here.

Each module defines ``PLATFORM`` (a ``base.Platform``); adding a platform is adding a
module. ``detect`` picks the platform an export comes from (``--source`` overrides it).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from functools import cache

from ...errors import UsageError
from .base import HeaderSpec, Platform

__all__ = ["HeaderSpec", "Platform", "all_platforms", "by_name", "detect"]

GENERIC = Platform()


@cache
def all_platforms() -> tuple[Platform, ...]:
    """Every platform, by name (the generic reader last)."""
    found: list[Platform] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        platform = getattr(module, "PLATFORM", None)
        if isinstance(platform, Platform):
            found.append(platform)
    return (*sorted(found, key=lambda p: p.name), GENERIC)


def by_name(name: str) -> Platform:
    """The platform named by ``--source`` (UsageError listing the names when unknown)."""
    key = name.strip().casefold()
    for platform in all_platforms():
        if platform.name == key:
            return platform
    names = ", ".join(p.name for p in all_platforms())
    raise UsageError(f"--source {name!r}: not a platform this tool reads ({names})")


def detect(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Platform:
    """The platform whose export this looks most like (the generic reader when none)."""
    best, best_score = GENERIC, 1
    for platform in all_platforms():
        score = platform.detect(headers, rows)
        if score > best_score:
            best, best_score = platform, score
    return best

"""Pick the text for a language from a table of translations (English as the fallback)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Table = Mapping[str, Mapping[str, str]]


def localized(table: Table, key: str, lang: str, **values: Any) -> str:
    """``table[key]`` in ``lang`` (else English), with ``{placeholders}`` filled in."""
    texts = table[key]
    text = texts.get(lang) or texts.get(lang.split("-")[0]) or texts["en"]
    return text.format(**values) if values else text

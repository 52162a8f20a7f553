"""The words an XLSForm adds to a pack's own texts (messages of the catalogues), and how
XLSForm names a language (its fixed English names, not a translation)."""

from __future__ import annotations

from ..i18n import N_

LANGUAGE_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "ms": "Malay",
    "pt": "Portuguese",
    "ru": "Russian",
    "th": "Thai",
    "tr": "Turkish",
    "vi": "Vietnamese",
    "zh": "Chinese",
}
WORDS: dict[str, str] = {
    "give_number": N_("I'll give a number"),
    "give_text": N_("I'll write an answer"),
    "the_number": N_("The number"),
    "the_text": N_("Your answer"),
    "unit": N_("Unit: {unit}"),
    "range": N_("From {low} to {high}"),
    "at_least": N_("At least {low}"),
    "at_most": N_("At most {high}"),
    "tick_at_most": N_("Tick at most {n} options"),
    "alone": N_("“{label}” cannot be ticked with other options"),
    "length": N_("At most {n} characters"),
}


def language_column(tag: str) -> str:
    """'en' -> 'English (en)', as XLSForm tools (KoboToolbox) name a language."""
    base = tag.split("-")[0]
    return f"{LANGUAGE_NAMES.get(base, tag)} ({tag})"

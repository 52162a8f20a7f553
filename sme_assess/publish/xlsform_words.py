"""The words an XLSForm adds to a pack's own texts, and how XLSForm names a language."""

from __future__ import annotations

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
WORDS: dict[str, dict[str, str]] = {
    "give_number": {"en": "I'll give a number", "zh": "填写数字"},
    "give_text": {"en": "I'll write an answer", "zh": "填写文字"},
    "the_number": {"en": "The number", "zh": "数值"},
    "the_text": {"en": "Your answer", "zh": "您的回答"},
    "unit": {"en": "Unit: {unit}", "zh": "单位：{unit}"},
    "range": {"en": "From {low} to {high}", "zh": "{low} 至 {high}"},
    "at_least": {"en": "At least {low}", "zh": "不小于 {low}"},
    "at_most": {"en": "At most {high}", "zh": "不大于 {high}"},
    "tick_at_most": {"en": "Tick at most {n} options", "zh": "最多选 {n} 项"},
    "alone": {
        "en": "“{label}” cannot be ticked with other options",
        "zh": "“{label}”不能与其他选项同时选择",
    },
    "length": {"en": "At most {n} characters", "zh": "最多 {n} 个字"},
}


def language_column(tag: str) -> str:
    """'en' -> 'English (en)', as XLSForm tools (KoboToolbox) name a language."""
    base = tag.split("-")[0]
    return f"{LANGUAGE_NAMES.get(base, tag)} ({tag})"

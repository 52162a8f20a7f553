"""Amounts of money in words, one way per language: ``¥24,000`` in English, ``约2.4万元`` in
Chinese, digits alone where the catalogue does not say how it groups (``plan_text``'s
docstring says how a catalogue says it). No other wording module is needed here, so that
reasons (``messages``) and the plan (``plan_text``) can both write amounts."""

from __future__ import annotations

from ..i18n import Translator, is_source_language, translator


def _wan(value: float) -> str:
    if value >= 10_000:
        return f"{value / 10_000:.1f}".rstrip("0").rstrip(".") + "万"
    return f"{value:.0f}"


GROUPS = {"grouped-comma": ",", "grouped-dot": ".", "grouped-space": "\u202f"}


class _Amounts:
    """How one language writes amounts: its words (messages) and its numbers."""

    def __init__(self, _: Translator) -> None:
        self._ = _
        style = _("number-style:grouped").removeprefix("number-style:")
        if is_source_language(_.lang):
            style = "grouped-comma"
        own_words = _.pgettext("money", "¥{amount}") != "¥{amount}"
        self.wan = style == "wan" and own_words
        self.group = GROUPS.get(style, "")

    def number(self, value: float) -> str:
        if self.wan:
            return _wan(value)
        return f"{value:,.0f}".replace(",", self.group)

    def different_units(self, low: float, high: float) -> bool:
        """In 万 style, 8300元–2.6万元: each end says its unit when they differ."""
        return self.wan and (low >= 10_000) != (high >= 10_000)


def _amount(value: float, _: Translator) -> str:
    if not value:
        return _.pgettext("money", "¥0")
    number = _Amounts(_).number(value)
    return _.pgettext("money", "¥{amount}", amount=number)


def amount(value: float, lang: str) -> str:
    """One amount: ¥24,000 / 约2.4万元."""
    return _amount(value, translator(lang))


__all__ = ["GROUPS", "_Amounts", "_amount", "amount"]

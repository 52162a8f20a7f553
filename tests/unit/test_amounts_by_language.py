"""Amounts of money in every language the tool can speak: English groups with commas,
Chinese counts in 万, a third language groups as its catalogue says, and a catalogue that
does not say writes the digits alone: never "¥24,000" where a comma is a decimal point,
never "¥2.4万" in a sentence that is not Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from sme_assess import i18n
from sme_assess.engine.plan_money import Money
from sme_assess.wording.plan_text import amount, money

from ..conftest import compile_test_catalogues


def _catalogue(root: Path, lang: str, entries: dict[tuple[str | None, str], str]) -> None:
    """A catalogue of ``lang`` holding only ``entries`` ((context, English) -> text)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale=lang)
    for (context, english), text in entries.items():
        catalog.add(english, text, context=context)
    folder = root / lang / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "sme_assess.mo").open("wb") as f:
        write_mo(f, catalog)


@pytest.fixture
def third_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compile_test_catalogues(tmp_path)  # German: grouped with a dot, its own money words
    # French, saying nothing about numbers, with its own word for "up to"
    _catalogue(tmp_path, "fr", {("money", "up to ¥{amount}"): "jusqu'à {amount} ¥"})
    # a catalogue that asks for 万 but has no money words of its own (a half-done one)
    _catalogue(tmp_path, "ja", {(None, "number-style:grouped"): "number-style:wan"})
    monkeypatch.setenv(i18n.LOCALE_ENV, str(tmp_path))


def test_english_and_chinese_amounts_are_unchanged() -> None:
    assert amount(24_000, "en") == "¥24,000"
    assert amount(1_234_567, "en") == "¥1,234,567"
    assert amount(24_000, "zh") == "约2.4万元"
    assert money(Money(0, 50_000), "zh") == "5万元以内"


def test_a_third_language_groups_as_its_catalogue_says(third_languages: None) -> None:
    assert amount(24_000, "de") == "24.000 ¥"
    assert money(Money(0, 50_000), "de") == "bis 50.000 ¥"


def test_a_catalogue_that_does_not_say_how_it_groups_writes_the_digits_alone(
    third_languages: None,
) -> None:
    """French reads "24,000" as twenty-four: without a word from its catalogue the amount is
    24000, never English grouping."""
    assert money(Money(0, 50_000), "fr") == "jusqu'à 50000 ¥"
    assert "," not in amount(24_000, "fr") and amount(24_000, "fr").endswith("24000")


def test_wan_only_with_the_languages_own_money_words(third_languages: None) -> None:
    """A catalogue asking for 万 without its own money words would print "¥2.4万" inside
    English words: the digits alone instead."""
    said = amount(24_000, "ja")
    assert "万" not in said and said == "¥24000"

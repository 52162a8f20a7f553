"""The gettext layer: a catalogue on SME_ASSESS_LOCALE_PATH adds a language, plurals and
contexts translate, a missing message stays English, an uncompiled shipped catalogue is an
error (never a silent switch to English), and --help's language follows the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from sme_assess import i18n


def _catalogue(root: Path, lang: str, compiled: bool = True) -> Path:
    cat = Catalog(locale=lang)
    cat.add("Stage {n}", "Stufe {n}")
    plural = ("{n} more scenario", "{n} more scenarios")
    cat.add(plural, ("noch {n} Szenario", "noch {n} Szenarien"))
    cat.add("Open", "Offen (Tür)", context="door")
    folder = root / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "sme_assess.po").open("wb") as f:
        write_po(f, cat)
    if compiled:
        with (folder / "sme_assess.mo").open("wb") as f:
            write_mo(f, cat)
    return root


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.LOCALE_ENV, str(_catalogue(tmp_path, "de")))


def test_a_catalogue_on_the_path_adds_a_language(german: None) -> None:
    _ = i18n.translator("de-AT")
    assert _("Stage {n}", n=2) == "Stufe 2"
    assert _.ngettext("{n} more scenario", "{n} more scenarios", 1) == "noch 1 Szenario"
    assert _.ngettext("{n} more scenario", "{n} more scenarios", 3) == "noch 3 Szenarien"
    assert _.pgettext("door", "Open") == "Offen (Tür)"
    assert _.text(i18n.NP_("door", "Open")) == "Offen (Tür)"
    entry = i18n.NN_("{n} more scenario", "{n} more scenarios")
    assert _.text(entry, n=1) == "noch 1 Szenario"
    assert _.text(entry, n=4) == "noch 4 Szenarien"
    assert _("Not in the catalogue") == "Not in the catalogue"
    assert "de" in i18n.available_languages()
    assert i18n.has_catalogue("de-CH")


def test_a_table_entry_with_plural_forms_says_one_and_many_in_english() -> None:
    entry = i18n.NN_("{n} saved answer was kept", "{n} saved answers were kept")
    _ = i18n.translator("en")
    assert _.text(entry, n=1) == "1 saved answer was kept"
    assert _.text(entry, n=0) == "0 saved answers were kept"
    assert _.text(entry, n=2) == "2 saved answers were kept"


def test_english_is_the_source_and_needs_no_catalogue() -> None:
    _ = i18n.translator("en-GB")
    assert _.ngettext("{n} more scenario", "{n} more scenarios", 1) == "1 more scenario"
    assert _("Braces {kept} without values") == "Braces {kept} without values"


def test_an_uncompiled_catalogue_is_an_error_not_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.LOCALE_ENV, str(_catalogue(tmp_path, "fr", compiled=False)))
    with pytest.raises(i18n.CatalogueMissing, match="'fr' message catalogue is not compiled"):
        i18n.translator("fr")


def test_the_interface_language_follows_the_environment(
    german: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", i18n.LANG_ENV):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.interface_language() == "de-DE"
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")  # no catalogue: English
    assert i18n.interface_language() == "en"
    monkeypatch.setenv(i18n.LANG_ENV, "zh")
    assert i18n.interface_language() == "zh"


@pytest.mark.parametrize("path", sorted(i18n.PACKAGE_LOCALE.glob("*/LC_MESSAGES/*.mo")))
def test_a_catalogue_read_lazily_says_every_message_as_gettext_does(path: Path) -> None:
    """The catalogue is decoded message by message when asked (a Chinese `score` asks for
    ~200 of ~1,200): every message, plural form and context reads as Python's gettext reads
    it, and only what was asked for is decoded."""
    import gettext
    import io

    data = path.read_bytes()
    ref = gettext.GNUTranslations(io.BytesIO(data))
    lazy = i18n.LazyTranslations(io.BytesIO(data))
    assert lazy._info == ref._info and lazy.plural(2) == ref.plural(2)
    first = next(k for k in ref._catalog if isinstance(k, str) and k)
    assert lazy.gettext(first) == ref.gettext(first)
    assert len(lazy._catalog._said) == 1  # type: ignore[attr-defined]
    for key, text in ref._catalog.items():
        assert lazy._catalog.get(key) == text, key
    assert lazy.gettext("not a message") == "not a message"
    assert lazy.ngettext("{n} thing", "{n} things", 2) == "{n} things"
    contexts = [k for k in ref._catalog if isinstance(k, str) and "\x04" in k]
    for context, message in (k.split("\x04") for k in contexts):
        assert lazy.pgettext(context, message) == ref.pgettext(context, message)


def test_a_catalogue_read_lazily_keeps_plurals_and_contexts(german: None) -> None:
    _ = i18n.translator("de")
    assert isinstance(_._catalogue, i18n.LazyTranslations)
    assert _.ngettext("{n} more scenario", "{n} more scenarios", 1) == "noch 1 Szenario"
    assert _.ngettext("{n} more scenario", "{n} more scenarios", 3) == "noch 3 Szenarien"
    assert _.pgettext("door", "Open") == "Offen (Tür)"
    assert _("Open") == "Open"

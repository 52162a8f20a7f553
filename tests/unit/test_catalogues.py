"""The message catalogues: every word people read is in every shipped language's catalogue,
translated, with the same placeholders, and the installed tool uses the compiled catalogue."""

from __future__ import annotations

import gettext
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from sme_assess.i18n import DOMAIN, PACKAGE_LOCALE

REPO = Path(__file__).resolve().parents[2]
PYBABEL = Path(sys.executable).with_name("pybabel")
# the same keywords as MESSAGE_KEYWORDS in the Makefile (`make messages`)
KEYWORDS = ["-k", "NP_:1c,2"]
SHIPPED = sorted(p.parent.parent.name for p in PACKAGE_LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=lang)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The messages in the code and the templates today, as `make messages` extracts them."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [str(PYBABEL), "-q", "extract", "-F", "babel.cfg", *KEYWORDS, "-o", str(pot),
         "sme_assess", "report_templates"],
        cwd=REPO, check=True, capture_output=True,
    )
    return _read(pot)


def _ids(catalog: Catalog) -> set[tuple[str | None, str]]:
    out = set()
    for m in catalog:
        if not m.id:
            continue
        msgid = m.id[0] if isinstance(m.id, tuple) else m.id
        out.add((m.context, msgid))
    return out


def test_chinese_is_shipped() -> None:
    assert "zh" in SHIPPED


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_of_the_code_is_in_the_catalogue(lang: str, extracted: Catalog) -> None:
    po = _read(PACKAGE_LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po", lang)
    missing = _ids(extracted) - _ids(po)
    assert not missing, f"run `make messages`, then translate: {sorted(missing)[:10]}"


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<unbalanced braces>"}


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_is_translated_with_its_placeholders(lang: str) -> None:
    po = _read(PACKAGE_LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po", lang)
    untranslated, fuzzy, placeholders = [], [], []
    for m in po:
        if not m.id:
            continue
        ids = list(m.id) if isinstance(m.id, tuple) else [m.id]
        strings = list(m.string) if isinstance(m.string, tuple) else [m.string]
        if not all(strings):
            untranslated.append(ids[0])
        if m.fuzzy:
            fuzzy.append(ids[0])
        wanted = set().union(*(_fields(i) for i in ids)) - {"n"}
        for s in strings:
            if s and wanted - _fields(s):
                placeholders.append((ids[0], s))
    assert not untranslated, f"untranslated in {lang}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy (check, then drop the flag) in {lang}: {fuzzy[:10]}"
    assert not placeholders, f"placeholders lost in {lang}: {placeholders[:5]}"
    # Babel's own checks (python-format %(name)s placeholders of the templates)
    problems = [(m.id, [str(e) for e in errors]) for m, errors in po.check()]
    assert not problems, problems[:5]


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_installed_catalogue_is_compiled_from_the_po(lang: str) -> None:
    """The build compiled the .po the tool reads (a stale .mo would show old words)."""
    folder = PACKAGE_LOCALE / lang / "LC_MESSAGES"
    mo = folder / f"{DOMAIN}.mo"
    assert mo.is_file(), "not compiled: reinstall (make install)"
    with mo.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for m in _read(folder / f"{DOMAIN}.po", lang):
        if not m.id or isinstance(m.id, tuple) or m.fuzzy:
            continue
        got = compiled.pgettext(m.context, m.id) if m.context else compiled.gettext(m.id)
        assert got == m.string, f"{lang} .mo is older than its .po: reinstall (make install)"

"""The message catalogues: every word people read is in every shipped language's catalogue,
translated, with the same placeholders, and the installed tool uses the compiled catalogue."""

from __future__ import annotations

import ast
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
KEYWORDS = ["-k", "NP_:1c,2", "-k", "NN_:1,2"]
SHIPPED = sorted(p.parent.parent.name for p in PACKAGE_LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=lang)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The messages in the code and the templates today, as `make messages` extracts them."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [
            str(PYBABEL),
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            *KEYWORDS,
            "-o",
            str(pot),
            "sme_assess",
            "report_templates",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
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


def _hidden_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """Literal words handed to a translator in a way `make messages` does not see: through a
    translator held under another name than ``_``, called on the spot
    (``translator(lang)("...")``), or a literal given to ``.text`` (which takes table
    entries marked with ``N_``). The batch's ``operator_words()`` is a translator too."""

    def is_translator_call(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"translator", "_interface_translator", "operator_words"}
        )

    aliases = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and is_translator_call(node.value)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id != "_"
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        func = node.func
        hidden = (
            is_translator_call(func)
            or (isinstance(func, ast.Name) and func.id in aliases)
            or (isinstance(func, ast.Attribute) and func.attr == "text")
            or (
                isinstance(func, ast.Attribute)
                and func.attr in {"gettext", "ngettext", "pgettext"}
                and is_translator_call(func.value)
            )
        )
        if hidden:
            found.append((node.lineno, first.value))
    return found


def test_the_rule_finds_words_babel_cannot_see() -> None:
    code = (
        "t = translator(lang)\n"
        "a = t('Stage')\n"
        "b = translator(lang)('Plan')\n"
        "c = _.text('Notes')\n"
        "_ = translator(lang)\n"
        "d = _('Seen')\n"
        "e = _.text(WORDS['x'])\n"
        "f = operator_words()('Scoring')\n"
        "w = operator_words()\n"
        "g = w('Hidden')\n"
        "_ = operator_words()\n"
        "h = _('Shown')\n"
    )
    assert [w for _, w in _hidden_literals(ast.parse(code))] == [
        "Stage",
        "Plan",
        "Notes",
        "Scoring",
        "Hidden",
    ]


def test_every_word_given_to_a_translator_is_extracted() -> None:
    """A word passed to a translator where Babel cannot see it would never reach the
    catalogue: it would stay English in every language and the tests above would pass."""
    hidden = [
        f"{path.relative_to(REPO)}:{line}: {word!r}"
        for path in sorted((REPO / "sme_assess").rglob("*.py"))
        for line, word in _hidden_literals(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not hidden, "use `_ = translator(lang)` then `_(...)`: " + "; ".join(hidden)

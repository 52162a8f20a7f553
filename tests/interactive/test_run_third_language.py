"""A third language added by a catalogue alone, no Python: `run --lang de` speaks German
(the tool's words from tests/fixtures/locale/de, compiled here and named by
SME_ASSESS_LOCALE_PATH) and shows the pack's texts in its default language, saying so once.
Pipe input, in-process; what the prompts drew is read back as text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sme_assess.i18n import LOCALE_ENV

from ..conftest import SAMPLE, compile_test_catalogues
from .driver import CTRL_C, DOWN, ENTER, run

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def german(tmp_path: Path) -> dict[str, str]:
    """The fixture's German catalogue compiled into a folder of its own (the environment
    that names it)."""
    root = compile_test_catalogues(tmp_path / "locale")
    return {LOCALE_ENV: str(root)}


def test_a_run_in_a_language_the_pack_lacks_speaks_it(
    tmp_path: Path, german: dict[str, str]
) -> None:
    draft = tmp_path / "d.json"
    # company, sector, size, machine_data (spreadsheet), then the typed share: 40
    keys = "Acme" + ENTER + (DOWN + ENTER) * 2 + DOWN + DOWN + ENTER + "40" + ENTER + CTRL_C
    result = run(["--pack", str(SAMPLE), "--lang", "de", "--draft", str(draft)], keys, german)
    assert result.exit_code == 130, result.output
    shown = result.prompts
    # the pack (en, zh) has no German: said once, in German, naming the language it shows
    note = "Dieser Fragebogen hat keine Texte in dieser Sprache"
    assert shown.count(note) == 1 and "erscheinen auf en." in shown
    for german_word in (
        "Firmenname (freiwillig)",
        "Teil 1/",
        "· Frage 1/",
        "(Pfeiltasten oder die Nummer der Antwort, dann Eingabetaste)",
        "(< für zurück, ? für Hilfe",  # the typed question's hint
    ):
        assert german_word in shown, german_word
    assert "Die Antworten werden laufend gespeichert in:" in result.stdout
    assert "Angehalten. Ihre Antworten sind in" in result.stderr
    for english in ("Company name", "arrow keys", "is above the maximum", "Stopped."):
        assert english not in result.output + shown, english
    # the pack's own texts in its default language (English), never Chinese
    assert "What do you mainly make?" in shown and "Machinery and metal parts" in shown
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in shown)
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["language"] == "de" and saved["answers"]["networked_share"] == 40


def test_a_language_with_no_catalogue_and_not_in_the_pack_is_refused(tmp_path: Path) -> None:
    result = run(["--pack", str(SAMPLE), "--lang", "fr", "--draft", str(tmp_path / "d.json")], "")
    assert result.exit_code == 2
    assert "--lang fr: the pack 'sample' is in en, zh only" in result.output
    assert not (tmp_path / "d.json").exists()

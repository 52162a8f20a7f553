"""A third language by catalogue alone: a German catalogue (the test fixture, compiled into a
folder named by SME_ASSESS_LOCALE_PATH) gives a report with German headings, the pack's texts
in the language the pack has, English where the catalogue has no translation, and the HTML
says its language."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from sme_assess import i18n
from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.pack.loading import load_pack
from sme_assess.report import ReportFormat, build_report, report_languages

from ..conftest import FIXTURES, PACKS, compile_test_catalogues


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compile_test_catalogues(tmp_path)
    monkeypatch.setenv(i18n.LOCALE_ENV, str(tmp_path))


@cache
def chinese_firm() -> Evaluation:
    """A firm whose answers are in Chinese, scored with the pack's texts in Chinese."""
    pack = load_pack(PACKS / "manufacturing-sme")
    answers = load_answers(FIXTURES / "personas" / "job_shop.yaml")
    return evaluate(pack, answers, Options(target_level=3))


def test_a_german_catalogue_gives_german_headings_over_the_packs_texts(german: None) -> None:
    ev = chinese_firm()
    html = build_report(ev, ReportFormat.html, lang="de").decode("utf-8")
    assert '<html lang="de">' in html
    german = (
        "Bericht zur digitalen Reife",
        "Zusammenfassung",
        "Fahrplan",
        "Methode",
        "Aktionsplan",
        "Die ersten drei Schritte",
        f"Stufe {ev.result.overall.level}",
    )
    for heading in german:
        assert heading in html, heading
    assert "Executive summary" not in html and "总体结论" not in html
    # a heading the catalogue does not translate is English, never Chinese
    assert "Three things to do now" not in html  # the action plan replaces it
    assert "The three weakest areas" in html and "最薄弱的三个方面" not in html
    # the pack's texts stay in the language the result has them in (the pack has no German)
    assert ev.result.language == "zh"
    assert ev.namer.area(ev.result.categories[0].id) in html


def test_the_markdown_report_is_german_too(german: None) -> None:
    md = build_report(chinese_firm(), ReportFormat.md, lang="de").decode("utf-8")
    assert md.startswith("# Bericht zur digitalen Reife: ")
    assert "## Zusammenfassung" in md and "## Fahrplan" in md and "## Methode" in md
    assert "## Executive summary" not in md


def test_without_the_catalogue_the_same_report_is_english() -> None:
    md = build_report(chinese_firm(), ReportFormat.md, lang="de").decode("utf-8")
    assert "## Executive summary" in md and "## Zusammenfassung" not in md


def test_report_lang_takes_a_catalogue_language_the_pack_lacks(german: None) -> None:
    q = chinese_firm().pack.questionnaire
    assert report_languages(q, None) == (None, None)
    assert report_languages(q, "en") == ("en", None)
    assert report_languages(q, "zh-CN") == ("zh-CN", None)
    # German: the report's words in German, the pack's texts in its default language
    assert report_languages(q, "de") == (q.default_language, "de")
    # no catalogue, no pack texts: left for the evaluation to refuse (exit 2)
    assert report_languages(q, "fr") == ("fr", None)


def test_one_takes_the_singular_in_english_and_chinese_is_unchanged() -> None:
    """Plurals come from the catalogue: "1 more mandatory scenario" (it said "scenarios")."""
    from sme_assess.wording.estimate_text import held_line

    e = chinese_firm().result.estimates[0]
    assert held_line(e, "en").endswith("12.8 more points, 1 more mandatory scenario at rung 1")
    assert held_line(e, "zh").endswith("还差：12.8分、1个达到1级的约束性场景")


def test_report_and_score_take_a_catalogue_language_from_the_command_line(
    german: None, cli: Any, tmp_path: Path
) -> None:
    """`report --lang de`: the pack has no German, the tool has a catalogue: the report's
    words in German over the pack's texts, and `score --lang de` likewise (exit 0)."""
    out = tmp_path / "r.md"
    done = cli(
        "report", str(FIXTURES / "personas" / "auto_parts.yaml"), "--lang", "de", "-o", str(out)
    )
    assert done.exit_code == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Bericht zur digitalen Reife")
    assert "## Zusammenfassung" in text and "总体结论" not in text
    scored = cli("score", str(FIXTURES / "personas" / "auto_parts.yaml"), "--lang", "de")
    assert scored.exit_code == 0, scored.stderr
    # said once, in German, on stderr: the questions and answers stay in the pack's language
    note = "Dieser Fragebogen hat keine Texte in dieser Sprache"
    assert scored.stderr.count(note) == 1 and "Antworten erscheinen auf zh" in scored.stderr
    assert note in done.stderr
    as_json = cli(
        "score", str(FIXTURES / "personas" / "auto_parts.yaml"), "--lang", "de", "--format", "json"
    )
    assert json.loads(as_json.stdout)["language"] == "de" and note in as_json.stderr
    chinese = cli("score", str(FIXTURES / "personas" / "auto_parts.yaml"), "--lang", "zh")
    assert chinese.exit_code == 0 and "no texts" not in chinese.stderr
    assert "没有这种语言" not in chinese.stderr
    refused = cli(
        "report",
        str(FIXTURES / "personas" / "auto_parts.yaml"),
        "--lang",
        "fr",
        "-o",
        str(tmp_path / "f.md"),
    )
    assert refused.exit_code == 2 and "fr" in refused.stderr

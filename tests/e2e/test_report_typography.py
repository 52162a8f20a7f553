"""The PDF as an owner reads it in Chinese and English (read back with pypdf): full-width
punctuation after the report's Chinese words ("原因：", "投入：…；"), the document's language
(its <html lang>, the PDF's /Lang) following the report's language, and the fonts of a
report in a third language over a Chinese pack put the Chinese fonts first."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pypdf
import pytest

from sme_assess import i18n
from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.pack.loading import load_pack
from sme_assess.report import ReportFormat, build_report
from sme_assess.wording.language import html_lang

from ..conftest import FIXTURES, PACKS, compile_test_catalogues

CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"


@cache
def firm(name: str, lang: str) -> Evaluation:
    pack = load_pack(PACKS / "manufacturing-sme")
    answers = load_answers(FIXTURES / "personas" / f"{name}.yaml")
    return evaluate(pack, answers, Options(lang=lang))


@cache
def pdf(name: str, lang: str, edition: str) -> pypdf.PdfReader:
    data = build_report(firm(name, lang), ReportFormat.pdf, edition=edition)
    return pypdf.PdfReader(io.BytesIO(data))


def test_the_chinese_pdf_puts_full_width_marks_after_its_words() -> None:
    reader = pdf("electronics_assembler", "zh", "full")
    text = "".join(page.extract_text() for page in reader.pages)
    # "原因: " "投入: … · 难度: 低" "这一档意味着: " "(数字化基础 …)" were half-width
    ascii_after = re.findall(f"[{CJK}] ?[:;(]", text)
    assert not ascii_after, ascii_after
    assert "原因：" in text and "难度：" in text and "这一档意味着：" in text
    # the sources' name, edition and year: a Chinese comma, not ", 2017"
    assert not re.search(f"[{CJK}], ", text)


def test_the_pdfs_language_is_the_reports() -> None:
    assert pdf("job_shop", "zh", "brief").trailer["/Root"]["/Lang"] == "zh-CN"
    assert pdf("job_shop", "en", "brief").trailer["/Root"]["/Lang"] == "en"


def test_a_language_tag_becomes_the_tag_the_document_carries() -> None:
    assert [html_lang(x) for x in ("zh", "zh-TW", "zh_CN", "en", "de", "pt_BR")] == [
        "zh-CN",
        "zh-CN",
        "zh-CN",
        "en",
        "de",
        "pt-BR",
    ]


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compile_test_catalogues(tmp_path)
    monkeypatch.setenv(i18n.LOCALE_ENV, str(tmp_path))


def test_german_words_over_a_chinese_pack_say_german_and_use_the_chinese_fonts(
    german: None,
) -> None:
    """The headings are German (lang="de"), but the questions, answers and category names
    are the pack's Chinese: the page's and the charts' fonts are the Chinese ones first
    (they were Latin first: Chinese quotes and punctuation from a Latin font)."""
    html = build_report(firm("job_shop", "zh"), ReportFormat.html, lang="de").decode("utf-8")
    assert '<html lang="de">' in html
    family = re.search(r"html \{\s*font-size: 10pt;\s*font-family: \"([^\"]+)\"", html)
    assert family is not None and family.group(1) == "Noto Sans CJK SC"
    charts = re.findall(r"<svg[^>]*font-family=\"([^\"]*)\"", html)
    assert charts and all(font.lstrip("'&quot;").startswith("Noto Sans CJK") for font in charts)
    # an English report over its own English texts keeps the Latin fonts first
    english = build_report(firm("job_shop", "en"), ReportFormat.html).decode("utf-8")
    assert re.search(r"^  font-family: \"DejaVu Sans\"", english, flags=re.M)


def test_a_level_and_a_standard_keep_their_numbers_in_the_pdfs_narrow_boxes() -> None:
    """Page 3's boxes are narrow: "Below level" | "1" and "GB/T" | "39116" broke there."""
    for lang in ("en", "zh"):
        text = "".join(page.extract_text() for page in pdf("job_shop", lang, "brief").pages)
        assert not re.search(r"(level|Level|GB/T|Stage)\n\s*\d", text), lang
        assert re.search(r"GB/T[ \u00a0]39116", text), lang
    english = "".join(page.extract_text() for page in pdf("job_shop", "en", "brief").pages)
    assert re.search(r"Below\s+level[ \u00a0]1", english)
    # the action plan's KPI column: "100" | "% within 1 month" broke there
    assert not re.search(r"\d\n\s*%", english)


def test_the_chinese_markdown_report_puts_full_width_marks_after_its_words() -> None:
    md = build_report(firm("auto_parts", "zh"), ReportFormat.md, edition="full").decode("utf-8")
    ascii_after = re.findall(f"[{CJK}]\\** ?[:;(]", md)
    assert not ascii_after, ascii_after
    assert "（估算，非官方）" in md and "- 日期：" in md


@pytest.mark.parametrize("name", ["auto_parts", "electronics_assembler", "job_shop"])
def test_a_number_keeps_its_unit_on_its_line_in_the_english_pdf(name: str) -> None:
    """ "¥15,000 over 3" | "years", "then 4" | "hours a week", "+ 36" | "months" and "80 %
    within 3" | "months" broke at the line's end (the cost and KPI columns are narrow)."""
    for edition in ("brief", "full"):
        text = "\n".join(page.extract_text() for page in pdf(name, "en", edition).pages)
        split = re.findall(r"\S*\d[ \u00a0]*\n\s*(?:years?|months?|hours?|%|more)\b", text)
        assert not split, (name, edition, split[:5])
        assert re.search(r"over[ \u00a0]3[ \u00a0]years", text)


def test_the_reports_reasons_quote_each_question_whole() -> None:
    """ "raised by your answers to “Over the last three years, how much…”" and the MIIT steps'
    "How are new products (or new recipes) developed, and how… [mandatory]" read as questions
    cut off: the report quotes them whole (the screen and the JSON keep the first words)."""
    for name in ("job_shop", "auto_parts"):
        text = "\n".join(page.extract_text() for page in pdf(name, "en", "full").pages)
        flat = re.sub(r"\s+", " ", text)
        assert "…”" not in flat and "… [mandatory]" not in flat, name
    pages = pdf("job_shop", "en", "full").pages
    flat = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in pages))
    assert re.search(
        r"“Over the last three years, how much did you spend on digital work each "
        r"year, as a share of revenue\?”",
        flat,
    )


def test_a_question_shortened_is_cut_at_a_words_end() -> None:
    from sme_assess.wording.messages import shorten

    assert shorten("How does information pass from one department to the next?", 20) == (
        "How does…"
    )
    assert shorten("智能制造能力成熟度是多少", 8) == "智能制造能力成…"


def test_texts_in_another_language_than_the_page_say_their_language(german: None) -> None:
    """A German report over a Chinese pack: the page is German (lang="de"), the questions,
    answers, areas and the catalogue's words in it are Chinese and say so (lang="zh-CN"), so
    the PDF sets them with the Chinese glyphs and line breaking; a Chinese company name in an
    English report too. A report in one language tags nothing else."""
    ev = firm("job_shop", "zh")
    html = build_report(ev, ReportFormat.html, lang="de", edition="full").decode("utf-8")
    area = ev.namer.area(ev.result.categories[0].id)
    assert f'<h2><span lang="zh-CN">{area}</span></h2>' in html
    first = ev.result.recommendations[0].name
    assert f'<span lang="zh-CN">{first}</span>' in html
    assert re.search(r'<td><span lang="zh-CN">[^<]*[\u4e00-\u9fff]', html)  # a question
    assert 'id="company" data-short="台州恒锐精密机械加工厂"><span lang="zh-CN">' in html
    english = build_report(firm("job_shop", "en"), ReportFormat.html).decode("utf-8")
    assert '<span lang="zh-CN">台州恒锐精密机械加工厂</span>' in english
    assert english.count('lang="zh-CN"') == 1  # the company only: the pack's texts are English
    chinese = build_report(firm("job_shop", "zh"), ReportFormat.html).decode("utf-8")
    assert "<span lang=" not in chinese
    # the German PDF reads back with the Chinese texts whole
    data = build_report(ev, ReportFormat.pdf, lang="de")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert area in re.sub(r"\s+", "", text)


def _multi_firm(lang: str) -> Evaluation:
    pack = load_pack(PACKS / "manufacturing-sme")
    answers = load_answers(FIXTURES / "firms" / "cnc_job_shop_en.yaml")
    return evaluate(pack, answers, Options(lang=lang))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_options_ticked_in_a_multiple_choice_stay_apart(lang: str) -> None:
    """Labels of a multiple choice hold commas and start with a capital: joined by ", " they
    ran together ("Antivirus on every office PC, kept updated, A hardware firewall…"). In the
    tables they are set apart by "; ", in a reason each is quoted on its own."""
    data = build_report(_multi_firm(lang), ReportFormat.pdf, edition="full")
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = re.sub(r"\s+", " ", "".join(page.extract_text() for page in reader.pages))
    if lang == "en":
        assert "kept updated, A hardware firewall" not in text
        assert "kept updated; A hardware firewall" in text  # the table of answers
        assert "“Antivirus on every office PC, kept updated”, “A hardware firewall" in text
    else:
        assert "都装了杀毒软件并及时更新；公司连外网" in text.replace(" ", "")
        assert "都装了杀毒软件并及时更新”、“公司连外网" in text.replace(" ", "")


def test_the_tools_own_answers_start_with_a_capital_in_the_english_tables() -> None:
    """ "no", "yes" and "not applicable" stood in the answer column beside options' labels
    that start with a capital ("A shared spreadsheet"), as if cut from a sentence; quoted in a
    reason they stay as they are ("You answered “not applicable” to …")."""
    text = "\n".join(page.extract_text() for page in pdf("job_shop", "en", "full").pages)
    flat = re.sub(r"\s+", " ", text)
    assert re.search(r"How are complaints and after-sales service handled\? Not applicable", flat)
    assert re.search(r"responsible for network and data security\? No\b", flat)
    assert not re.search(r"\? (?:no|yes|not applicable)\b", flat)

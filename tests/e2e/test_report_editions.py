"""The two editions of the report as an owner and a consultant read them: PDF text read back
in English and Chinese, page counts of the brief edition for every persona, and the fonts the
English PDF embeds."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pypdf
import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.engine.peers import PeerGroup, Peers
from sme_assess.pack.loading import load_pack
from sme_assess.report import ReportFormat, build_report

from ..conftest import FIXTURES, SAMPLE

ROOT = Path(__file__).resolve().parents[2]
PERSONAS = sorted(p.stem for p in (FIXTURES / "personas").glob("*.yaml"))
BRIEF_MAX_PAGES = 8


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def evaluation(name: str, lang: str) -> Evaluation:
    pack = load_pack(ROOT / "questionnaires" / "manufacturing-sme")
    answers = load_answers(FIXTURES / "personas" / f"{name}.yaml")
    return evaluate(pack, answers, Options(lang=lang))


@cache
def pdf(name: str, lang: str, edition: str) -> pypdf.PdfReader:
    data = build_report(evaluation(name, lang), ReportFormat.pdf, edition=edition)
    return pypdf.PdfReader(io.BytesIO(data))


def text(name: str, lang: str, edition: str) -> str:
    return squash("\n".join(page.extract_text() for page in pdf(name, lang, edition).pages))


def font_names(reader: pypdf.PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", PERSONAS)
def test_brief_edition_fits_in_eight_pages(name: str, lang: str) -> None:
    reader = pdf(name, lang, "brief")
    pages = len(reader.pages)
    assert 4 <= pages <= BRIEF_MAX_PAGES, f"{name} {lang}: {pages} pages"
    # the last page is no stray line: the sources and the statement stay together
    last = squash(reader.pages[-1].extract_text())
    assert len(last) > 200 and ("Frameworkscited" in last or "参考的标准和框架" in last)


CHART_WORDS = {
    "en": ("Scoresataglance", "Scorepercategory(0-100)", "Scorepercategoryagainstthestagebands"),
    "zh": ("各方面得分一览", "各方面得分（0-100）", "各方面得分与各档分数段对照"),
}
AREAS_HEADING = {"en": "Categorybycategory", "zh": "分项诊断"}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", PERSONAS)
def test_the_charts_stay_on_one_page_with_their_heading(name: str, lang: str) -> None:
    """The brief's charts follow the summary where they fit: the bar chart went on alone to
    the next page, a page holding one chart and no heading (every zh persona). The full
    edition's radar stays under the heading; its bars may go to the next page only with the
    areas following them there (a page left 79 % white held them together), never alone."""
    heading, radar, bars = CHART_WORDS[lang]
    areas = AREAS_HEADING[lang]
    for edition in ("brief", "full"):
        pages = [squash(page.extract_text()) for page in pdf(name, lang, edition).pages]
        at = [i for i, page in enumerate(pages) if bars in page]
        assert len(at) == 1, f"{name} {lang}"
        page = pages[at[0]]
        if edition == "brief":
            assert heading in page, f"{name} {lang} brief: chart alone"
            assert radar not in page, f"{name} {lang}: the brief shows the scores once (bars)"
            continue
        if heading in page:
            assert radar in page, f"{name} {lang} full: the radar beside the bars"
        else:
            before = pages[at[0] - 1]
            assert heading in before and radar in before, f"{name} {lang} full: chart alone"
            assert areas in page, f"{name} {lang} full: the bars alone on their page"


def test_english_brief_says_what_to_do_without_accusing_or_ranking() -> None:
    body = text("job_shop", "en", "brief")
    for expected in (
        "Briefedition",
        "Ourstage(thistool'sscale)",
        "Estimate,notofficial",  # the MIIT estimate beside our stage, labelled
        "EstimatedMIITSMEdigitallevel",
        "Nostrengthyet",  # the level-0 job shop's best area is no "strength"
        "Thethreeweakestareas",
        "Roadmap",
        "seethefulleditionofthisreport",
        "Method",
        "Frameworkscited",
    ):
        assert expected in body, expected
    for absent in ("JSON", "Noneraised", "Nothinginthisphase", "1months", "◀", "Allanswers"):
        assert absent not in body, absent
    assert "Topstrengths1." not in body


def test_english_full_edition_has_the_whole_plan_and_every_answer_once() -> None:
    ev = evaluation("electronics_assembler", "en")
    body = text("electronics_assembler", "en", "full")
    for expected in ("Fulledition", "Annex:thewholeplan", "Evidencechecklist", "Profileanswers"):
        assert expected in body, expected
    for rec in ev.result.recommendations:  # every plan item, by name, in the PDF itself
        assert squash(rec.name)[:40] in body, rec.name
    for absent in ("JSON", "Allanswers", "Noneraised", "◀", "1months"):
        assert absent not in body, absent
    # the benchmark is context with its source said once: no "(2022), 2022 (2022)"
    assert "Publishedfiguresforcontext" in body
    assert "IntelligentManufacturingDevelopmentIndexReport(2022)" in body
    assert "(2022),2022" not in body and "2022(2022)" not in body


def test_headings_are_neutral_names_not_pain_statements() -> None:
    body = text("auto_parts", "en", "full")
    # the supplier whose manager leads digital work is not headed "No one owns digital"
    assert "Strategyandleadership" in body
    assert "Nooneownsdigital" not in body


@pytest.mark.parametrize("edition", ["brief", "full"])
def test_chinese_editions(edition: str) -> None:
    body = text("food_processor", "zh", edition)
    assert ("简版" if edition == "brief" else "完整版") in body
    assert "本工具评定的档位" in body and "估算，非官方" in body
    assert "JSON" not in body and "没有发现" not in body
    if edition == "full":
        assert "附录：全部方案" in body and "公开数据（背景参考）" in body
    else:
        assert "见本报告的完整版" in body and "最薄弱的三个方面" in body


def test_a_batch_report_shows_the_firm_among_its_peers() -> None:
    ev = evaluation("food_processor", "en")
    medians = {c.id: 40.0 for c in ev.result.categories}
    peers = Peers(
        source="batch of 2026-11-30, 30 firms",
        percentile=62.0,
        groups=(
            PeerGroup("all", "this batch", 30, 38.0, medians),
            PeerGroup("sector", "Food processing", 6, 41.0, {}),
        ),
    )
    data = build_report(ev, ReportFormat.pdf, edition="brief", peers=peers)
    body = squash("\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))
    assert "Among30firmsofthisbatch,thisfirmscoreshigherthan62%(median38)" in body
    assert "Foodprocessing:6firms,median41" in body
    assert "Medianofthisbatch" in body  # the chart's legend
    assert "batchof2026-11-30,30firms" in body  # the source, in the method note


def test_english_pdf_embeds_a_latin_font_and_no_cjk_font_when_the_text_has_none(
    tmp_path: Path,
) -> None:
    pack = load_pack(SAMPLE)
    answers = load_answers(FIXTURES / "answers" / "sample_small.yaml")
    ev = evaluate(pack, answers, Options(lang="en"))
    reader = pypdf.PdfReader(io.BytesIO(build_report(ev, ReportFormat.pdf, edition="full")))
    body = "".join(p.extract_text() for p in reader.pages)
    assert not re.search(r"[\u2e80-\u9fff]", body)  # nothing in it needs a CJK font
    fonts = font_names(reader)
    assert any("DejaVu" in f for f in fonts), fonts
    assert not any("CJK" in f for f in fonts), fonts
    assert "“" in body  # quotes set in the Latin font


def test_chinese_pdf_is_set_in_the_cjk_font() -> None:
    fonts = font_names(pdf("job_shop", "zh", "brief"))
    assert any("CJK" in f for f in fonts), fonts


def test_batch_writes_the_edition_asked_for(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    rows = ["企业名称,机器的产量和停机情况怎么报到办公室？", "Lin Parts,手写在纸上"]
    (tmp_path / "firms.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli(
        "batch",
        "firms.csv",
        "-o",
        "out",
        "-p",
        str(SAMPLE),
        "--pdf",
        "--jobs",
        "1",
        "--lenient",
        "--edition",
        "full",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.output
    (report,) = (tmp_path / "out" / "reports").iterdir()
    body = squash("".join(p.extract_text() for p in pypdf.PdfReader(report).pages))
    assert "Fulledition" in body and "Evidencechecklist" in body
    assert cli("report", "firms.csv", "-o", "x.pdf", "--edition", "short").exit_code == 2


def test_the_full_summary_page_is_not_left_half_white() -> None:
    """The GB/T estimate with its eight steps was kept whole, so it went on to the next page
    and left the summary page half empty: its headline now follows the MIIT estimate."""
    pages = [squash(page.extract_text()) for page in pdf("job_shop", "en", "full").pages]
    summary = next(page for page in pages if "Executivesummary" in page)
    assert "EstimatedGB/T39116" in summary


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_phases_heading_and_money_go_on_with_its_first_item(lang: str) -> None:
    """food_processor's brief left "Roadmap", "Now: quick wins" and "This phase: ¥80,000 …"
    at the foot of page 6, its first item on page 7."""
    money = "Thisphase:" if lang == "en" else "本阶段："
    for name in PERSONAS:
        for page in pdf(name, lang, "brief").pages:
            text = squash(page.extract_text())
            if money in text:
                after = text[text.rindex(money) :]
                assert re.search(r"\d+\.\D", after[10:]), (name, lang, after[:80])


def test_the_next_stage_says_an_option_once_when_its_description_starts_with_it() -> None:
    """ "An HR system — An HR system (or the HR part of DingTalk or WeCom) handles …": the
    option's label and then its description, which starts with the label."""
    body = text("electronics_assembler", "en", "full")
    assert "AnHRsystem—AnHRsystem" not in body
    assert "AnHRsystem(ortheHRpartofDingTalkorWeCom)handles" in body
    other = text("job_shop", "en", "full")  # a description that does not repeat its label
    assert "Softwarefromthedesigndata—Processcards" in other

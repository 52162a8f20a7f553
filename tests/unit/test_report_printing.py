"""The built-in PDF's cheaper input (issue 15, PDF throughput): the charts as SVG images, the
colour variables written into the stylesheet, nothing only a screen shows; and the Jinja
environment and the parsed stylesheet really reused from one report to the next. The page
itself must not change: the charts' words are still in the PDF, and a colour a consultancy
sets in its template still wins."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pypdf
import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.pack.loading import load_pack
from sme_assess.pack.locate import resolve_pack
from sme_assess.report import ReportFormat, build_report
from sme_assess.report import render as render_module
from sme_assess.report.context import build_context
from sme_assess.report.printing import chart_image, inline_variables

from ..conftest import FIXTURES

PERSONA = FIXTURES / "personas" / "job_shop.yaml"


def _evaluation(lang: str) -> Evaluation:
    answers = load_answers(PERSONA)
    return evaluate(load_pack(resolve_pack(answers.questionnaire)), answers, Options(lang=lang))


def test_variables_are_written_in_and_the_root_rule_dropped() -> None:
    css = (
        ":root { --accent: #1f6f8b; --line: #d8e0e6 }\nh1 { color: var(--accent); }\n"
        "td { border-bottom: 1px solid var( --line ); }"
    )
    assert inline_variables(css) == (
        "\nh1 { color: #1f6f8b; }\ntd { border-bottom: 1px solid #d8e0e6; }"
    )


@pytest.mark.parametrize(
    "css",
    [
        # a consultancy's colours block sets the variable again: it must keep winning
        ":root { --accent: #1f6f8b; }\nh1 { color: var(--accent); }\n:root { --accent: #a00; }",
        ":root { --accent: #1f6f8b; }\nh1 { color: var(--accent, red); }",  # a fallback
        ":root { --accent: #1f6f8b; }\nh1 { color: var(--other); }",  # never set
        ":root { --accent: #1f6f8b; }\nh1 { --accent: red; color: var(--accent); }",
        ":root { --accent: #1f6f8b; color: red; }\nh1 { color: var(--accent); }",
    ],
)
def test_variables_are_left_alone_when_anything_else_uses_them(css: str) -> None:
    assert inline_variables(css) == css


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_built_in_stylesheet_has_no_variable_left_for_the_pdf(lang: str) -> None:
    ctx = build_context(_evaluation(lang), None, "brief")
    css = render_module.render_pdf_input(ctx)[1]
    assert "var(--accent)" in css  # the HTML report keeps them
    flat = inline_variables(css)
    assert "var(" not in flat and "--accent" not in flat and "#1f6f8b" in flat


def test_a_chart_becomes_an_image_of_the_same_svg() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10" '
        'aria-label="Score &amp; stage"><text x="1" y="5">A &lt; B</text></svg>'
    )
    img = str(chart_image(svg))
    data = re.fullmatch(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="(.*)">', img)
    assert data is not None
    assert base64.b64decode(data.group(1)).decode("utf-8") == svg
    assert data.group(2) == "Score &amp; stage"


def test_a_chart_the_xml_parser_refuses_stays_inline() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>a&nbsp;b \x01</text></svg>'
    assert str(chart_image(svg)) == svg


def test_pdf_html_leaves_out_screen_parts_and_inline_svg() -> None:
    ctx = build_context(_evaluation("en"), None, "brief")
    pdf_html = render_module.render_pdf_input(ctx)[0]
    screen_html = render_module.render_html(ctx)
    assert '<nav class="toc"' in screen_html and 'media="screen"' in screen_html
    assert "<svg" in screen_html
    assert '<nav class="toc"' not in pdf_html and 'media="screen"' not in pdf_html
    # the brief shows one chart (the bars), the full edition two (radar and bars)
    assert "<svg" not in pdf_html and pdf_html.count('src="data:image/svg+xml;base64,') == 1
    full = render_module.render_pdf_input(build_context(_evaluation("en"), None, "full"))[0]
    assert "<svg" not in full and full.count('src="data:image/svg+xml;base64,') == 2


def test_the_pdf_still_shows_every_word_of_the_charts(tmp_path: Path) -> None:
    ev = _evaluation("zh")
    ctx = build_context(ev, None, "full")  # both charts (the brief shows the bars only)
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(build_report(ev, ReportFormat.pdf, edition="full"))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    flat = re.sub(r"\s+", "", text)
    for svg in (ctx.radar_svg, ctx.bars_svg):
        words = re.findall(r"<tspan[^>]*>([^<]+)</tspan>", svg)
        assert len(words) > 20
        for word in words:
            assert re.sub(r"\s+", "", html.unescape(word)) in flat, word


def test_environment_and_stylesheet_are_reused_across_reports() -> None:
    ev = _evaluation("en")
    render_module._SHEETS.clear()
    build_report(ev, ReportFormat.pdf, edition="brief")
    sheets = dict(render_module._SHEETS)
    env = render_module.environment(render_module.template_dirs(None), markdown=False, lang="en")
    build_report(ev, ReportFormat.pdf, edition="full")
    assert len(sheets) == 1 and sheets.keys() == render_module._SHEETS.keys()
    assert all(render_module._SHEETS[css] is sheet for css, sheet in sheets.items())
    assert (
        render_module.environment(render_module.template_dirs(None), markdown=False, lang="en")
        is env
    )

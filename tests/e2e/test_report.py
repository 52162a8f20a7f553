"""The report as an owner receives it: PDF text read back, in English and Chinese, plus the
HTML, Markdown and JSON twins, branding, fonts, and the security cases."""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.pack.loading import load_pack
from sme_assess.report import ReportFormat, build_report
from sme_assess.report.context import build_context
from sme_assess.report.render import make_fetcher, template_dirs

from ..conftest import FIXTURES, SAMPLE

SMALL = FIXTURES / "answers" / "sample_small.yaml"


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from typer.testing import CliRunner

    from sme_assess.cli import app

    out = tmp_path_factory.mktemp("reports")
    runner = CliRunner()
    made = {}
    for lang in ("en", "zh"):
        for ext in ("pdf", "html", "md", "json"):
            path = out / f"report-{lang}.{ext}"
            result = runner.invoke(
                app,
                [
                    "report",
                    str(SMALL),
                    "-o",
                    str(path),
                    "--lang",
                    lang,
                    "--target-level",
                    "2",
                    "--edition",
                    "full",
                ],
            )
            assert result.exit_code == 0, result.output
            made[f"{lang}.{ext}"] = path
    return made


def test_english_pdf_says_who_where_and_what_to_do(reports: dict[str, Path]) -> None:
    text = squash(pdf_text(reports["en.pdf"]))
    for expected in (
        "Lin Precision Parts",
        "Stage0",
        "Notstarted",
        "Equipmentisnotconnected",
        "Datalivesonpaper",
        "Shop-floorstarterkit",  # the bundle that holds the gateway and the dashboard
        "Executivesummary",
        "Evidencechecklist",
        "Self-assessment",
        "Pathtostage2",
        # the framework estimate stands apart from the tool's own stage, with its caveats
        "EstimatedDemoframework",
        "Estimateonly,notofficial",
        "Thefiguresaremadeup",
        "under¥2kamonth·¥74,000over3years",  # the tier and the 3-year cost beside it
    ):
        assert squash(expected) in text, expected


def test_chinese_pdf_is_all_chinese(reports: dict[str, Path]) -> None:
    text = squash(pdf_text(reports["zh.pdf"]))
    for expected in (
        "LinPrecisionParts",
        "数字化水平评估报告",
        "第0档",
        "尚未起步",
        "设备没联网",
        "数据还在纸上",
        "车间数字化入门套装",
        "总体结论",
        "行动路线图",
        "现场评测材料清单",
        "第1页，共",  # footer
        "对照示例评测估算",
        "仅为估算，非官方",
    ):
        assert expected in text, expected
    for english in ("Executive summary", "Roadmap", "Page 1", "Score per category"):
        assert squash(english) not in text


def test_pdf_has_bookmarks_metadata_and_embedded_fonts(reports: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(reports["zh.pdf"])
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "总体结论" in titles and "行动路线图" in titles and "计分方法" in titles
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "数字化水平评估报告 · Lin Precision Parts"
    assert meta.author and meta.author.startswith("sme-assess")
    assert reader.trailer["/Root"].get("/Lang") == "zh-CN"
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            desc = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if desc is not None:
                desc = desc.get_object()
                if any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    embedded.add(str(desc["/FontName"]))
    assert any("CJK" in name for name in embedded), embedded


def test_no_missing_glyphs_in_chinese_report(reports: dict[str, Path]) -> None:
    """Every character of the pack's Chinese names survives into the PDF's text layer."""
    text = pdf_text(reports["zh.pdf"])
    pack = load_pack(SAMPLE)
    for cat in pack.questionnaire.categories:
        name = cat.name["zh"] if isinstance(cat.name, dict) else cat.name
        assert name in text
    assert "\ufffd" not in text and "□" not in text


def test_html_markdown_and_json_agree_with_the_pdf(reports: dict[str, Path]) -> None:
    data = json.loads(reports["en.json"].read_text(encoding="utf-8"))
    pdf = squash(pdf_text(reports["en.pdf"]))
    html = reports["en.html"].read_text(encoding="utf-8")
    md = reports["en.md"].read_text(encoding="utf-8")
    overall = f"{data['overall']['score']:.0f}"
    assert f">{overall}<" in html and f"{overall}/100" in md
    for cat in data["categories"]:  # headed by the neutral name, in every format
        score = f"{cat['score']:.0f}"
        assert f"| {cat['short_name']} | {score} |" in md
        assert f"{squash(cat['short_name'])}" in pdf
        assert cat["short_name"] in html
    first = data["recommendations"][0]["name"]
    assert first in html and first in md and squash(first) in pdf


def test_html_is_one_self_contained_file(reports: dict[str, Path]) -> None:
    html = reports["en.html"].read_text(encoding="utf-8")
    assert "<svg" in html and "<style>" in html
    assert not re.search(r'<(link|script|img)[^>]+(href|src)="(?!data:)', html)


def test_chart_svg_is_identical_across_runs() -> None:
    pack = load_pack(SAMPLE)
    answers = load_answers(SMALL)
    one = build_context(evaluate(pack, answers, Options(lang="zh")))
    two = build_context(evaluate(pack, answers, Options(lang="zh")))
    assert one.radar_svg == two.radar_svg and one.bars_svg == two.bars_svg
    assert "设备" in one.radar_svg and "<text" in one.radar_svg


MALICIOUS = [
    '<img src="file:///etc/passwd">',
    '<link rel=stylesheet href="http://127.0.0.1:9/x.css">',
    "{{ 7*7 }}",
    "</style>",
]


@pytest.fixture
def spy_server() -> Iterator[tuple[int, list[str]]]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()


def _hostile_answers(tmp_path: Path, port: int) -> Path:
    company = " ".join(MALICIOUS) + f' <link rel=stylesheet href="http://127.0.0.1:{port}/c.css">'
    worry = f'<img src="http://127.0.0.1:{port}/w.png"> {{{{ 7*7 }}}} </style>'
    path = tmp_path / "hostile.json"
    path.write_text(
        json.dumps(
            {
                "questionnaire": "sample",
                "respondent": {"company": company},
                "answers": {"machine_data": "paper", "biggest_worry": worry},
            }
        ),
        encoding="utf-8",
    )
    return path


def test_answers_are_text_never_markup_or_template_code(
    cli, tmp_path: Path, spy_server: tuple[int, list[str]]
) -> None:
    port, hits = spy_server
    answers = _hostile_answers(tmp_path, port)
    for ext in ("pdf", "html", "md"):
        result = cli("report", str(answers), "-o", str(tmp_path / f"r.{ext}"), "--edition", "full")
        assert result.exit_code == 0, result.output
    assert hits == [], "the renderer fetched something"
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "<img" not in html and "<link" not in html
    assert html.count("</style>") == 2  # only the stylesheets' own (print, screen)
    # the expression stays text: no "49" where it stood (a port or score may hold 49 elsewhere)
    assert re.search(r"w\.png&#34;&gt;\s*\{\{ 7\*7 \}\}\s*&lt;/style&gt;", html)
    assert not re.search(r"w\.png&#34;&gt;\s*49\s*&lt;/style&gt;", html)
    text = pdf_text(tmp_path / "r.pdf")
    for literal in MALICIOUS:
        assert squash(literal) in squash(text), literal
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(img|link)", md) and "\\<img src=" in md


def test_fetcher_serves_only_template_files(tmp_path: Path) -> None:
    dirs = template_dirs(None)
    fetcher = make_fetcher(dirs)
    css = (dirs[0] / "report.css.j2").resolve().as_uri()
    assert fetcher.fetch(css).status == 200
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.com/logo.png",
        (dirs[0] / ".." / ".." / "pyproject.toml").resolve().as_uri(),
    ):
        with pytest.raises(Exception, match="refused"):
            fetcher.fetch(url)


def test_template_from_elsewhere_cannot_fetch_either(
    cli, tmp_path: Path, spy_server: tuple[int, list[str]]
) -> None:
    port, hits = spy_server
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
        'height="10" fill="red"/></svg>',
        encoding="utf-8",
    )
    (brand / "report.html.j2").write_text(
        '{% extends "base/report.html.j2" %}\n'
        "{% block brand %}Acme Consulting{% endblock %}\n"
        '{% block logo %}<img src="{{ asset(\'logo.svg\') }}" width="20">{% endblock %}\n'
        "{% block colours %}:root { --accent: #aa0000; }{% endblock %}\n"
        "{% block extra_css %}"
        f'@import url("http://127.0.0.1:{port}/evil.css");'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    out = tmp_path / "branded.pdf"
    result = cli("report", str(SMALL), "-o", str(out), "--template", str(brand))
    assert result.exit_code == 0, result.output
    assert hits == []
    assert "Acme Consulting" in pdf_text(out)
    html_out = tmp_path / "branded.html"
    cli("report", str(SMALL), "-o", str(html_out), "--template", str(brand))
    html = html_out.read_text(encoding="utf-8")
    assert "--accent: #aa0000" in html and 'src="data:image/svg+xml;base64,' in html
    assert "Executive summary" in html  # the rest of the base template is still there


def test_missing_cjk_font_is_one_clear_line(cli, tmp_path: Path, monkeypatch) -> None:
    from sme_assess.report import fonts

    monkeypatch.setattr(fonts, "fonts_for", lambda lang: ())
    out = tmp_path / "r.pdf"
    result = cli("report", str(SMALL), "-o", str(out), "--lang", "zh")
    assert result.exit_code == 2
    assert "fonts-noto-cjk" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


CJK = re.compile("[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]")


def test_an_english_pdf_without_a_chinese_font_prints_its_citations_without_chinese(
    cli, tmp_path: Path, monkeypatch
) -> None:
    """The method page cited "… indicators, 2024 · 工信厅企业〔2024〕56号" and the MIIT notes
    "(约束性)": with no font for Chinese these were boxes in an English report. Now they print
    without their Chinese; the firm's own text is untouched (here all English)."""
    from sme_assess.report import fonts

    monkeypatch.setattr(fonts, "fonts_for", lambda lang: () if lang == "zh" else ("Sans",))
    firm, out = FIXTURES / "firms" / "cnc_job_shop_en.yaml", tmp_path / "r.pdf"
    result = cli("report", str(firm), "-o", str(out), "--lang", "en", "--edition", "full")
    assert result.exit_code == 0, result.output
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert not CJK.findall(text), CJK.findall(text)[:10]
    assert "MIIT SME digital level evaluation indicators, 2024\n" in text
    assert "mandatory scenarios" in text


def test_chinese_text_in_an_english_pdf_without_a_chinese_font_is_one_clear_line(
    cli, tmp_path: Path, monkeypatch
) -> None:
    """The fonts were checked for the report's language only: an English report of a firm
    whose name and answers are Chinese was made, its name and answers in boxes."""
    from sme_assess.report import fonts

    monkeypatch.setattr(fonts, "fonts_for", lambda lang: () if lang == "zh" else ("Sans",))
    out = tmp_path / "r.pdf"
    firm = FIXTURES / "personas" / "job_shop.yaml"
    result = cli("report", str(firm), "-o", str(out), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert "Chinese text ('台州恒锐精密机械加工厂')" in result.stderr
    assert "fonts-noto-cjk" in result.stderr and "HTML report" in result.stderr
    assert not out.exists()
    html = tmp_path / "r.html"  # a browser finds its own fonts: the HTML report is made
    assert cli("report", str(firm), "-o", str(html), "--lang", "en").exit_code == 0


def test_format_comes_from_the_extension_or_the_option(cli, tmp_path: Path) -> None:
    out = tmp_path / "r.markdown"
    assert cli("report", str(SMALL), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Digital readiness report")
    odd = tmp_path / "r.txt"
    bad = cli("report", str(SMALL), "-o", str(odd))
    assert bad.exit_code == 2 and "--format" in bad.stderr
    assert cli("report", str(SMALL), "-o", str(odd), "--format", "json").exit_code == 0
    assert json.loads(odd.read_text(encoding="utf-8"))["questionnaire"] == "sample"


def test_doctor_reports_what_reports_need(cli, monkeypatch) -> None:
    result = cli("doctor")
    assert "WeasyPrint" in result.stdout and "HarfBuzz subset library" in result.stdout
    assert "fonts for 'zh'" in result.stdout and "fonts for 'en'" in result.stdout
    from sme_assess.report import fonts

    monkeypatch.setattr(fonts, "fonts_for", lambda lang: () if lang == "zh" else ("Sans",))
    missing = cli("doctor")
    assert missing.exit_code == 1
    assert (
        "missing" in missing.stdout and "sudo apt-get install -y fonts-noto-cjk" in missing.stdout
    )


def test_report_builder_matches_cli_json() -> None:
    pack = load_pack(SAMPLE)
    ev = evaluate(pack, load_answers(SMALL))
    data = json.loads(build_report(ev, ReportFormat.json))
    from sme_assess.wording.plan_page import result_with_plan

    # the JSON report is the result with its action plan (page 2) filled in
    assert data == json.loads(result_with_plan(ev).model_dump_json())
    assert data["action_plan"]["actions"][0]["solution"] == data["recommendations"][0]["solution"]

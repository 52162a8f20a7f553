"""A consultancy's template folder and an owner's long texts: refused early or bounded, never a
traceback, a silent unbranded report or a PDF that takes minutes."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest

from ..conftest import FIXTURES

SMALL = FIXTURES / "answers" / "sample_small.yaml"
EXTENDS = '{% extends "base/report.html.j2" %}\n'


def brand(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "brand"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("files", "said"),
    [
        (
            {
                "report.html.j2": EXTENDS + '{% block brand %}{% include "a.j2" %}{% endblock %}',
                "a.j2": '{% include "b.j2" %}',
                "b.j2": '{% include "a.j2" %}',
            },
            r"a\.j2 includes or extends itself \(a\.j2 → b\.j2 → a\.j2\)",
        ),
        ({"report.html.j2": '{% extends "report.html.j2" %}'}, "includes or extends itself"),
        (
            {"report.html.j2": EXTENDS + "{% block brand %}{{ oops }"},
            r"report\.html\.j2:2: template error",
        ),
        ({"report.md.j2": "# {{ ctx.company }}"}, r"no report\.html\.j2 in the folder"),
    ],
    ids=["cycle-of-two", "extends-itself", "syntax-error", "md-only"],
)
def test_a_bad_template_folder_is_refused_before_scoring(
    tmp_path: Path, cli: Callable[..., Any], files: dict[str, str], said: str
) -> None:
    folder = brand(tmp_path, files)
    broken = tmp_path / "broken.yaml"  # scoring would fail too: the template is said first
    broken.write_text("answers: [", encoding="utf-8")
    out = tmp_path / "report.html"
    result = cli("report", str(broken), "-o", str(out), "--template", str(folder))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert re.search(said, result.stderr), result.stderr
    assert not out.exists()


def test_a_template_that_recurses_by_a_computed_name_stops_with_one_line(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    folder = brand(
        tmp_path,
        {
            "report.html.j2": EXTENDS
            + '{% block brand %}{% include "lo" ~ "op.j2" %}{% endblock %}',
            "loop.j2": '{% include "lo" ~ "op.j2" %}',
        },
    )
    out = tmp_path / "report.html"
    result = cli("report", str(SMALL), "-o", str(out), "--template", str(folder))
    assert result.exit_code == 2
    assert "include each other without end" in result.stderr
    assert not out.exists()


def test_markdown_and_json_with_a_template_folder(tmp_path: Path, cli: Callable[..., Any]) -> None:
    folder = brand(tmp_path, {"report.html.j2": EXTENDS})
    md = cli("report", str(SMALL), "-o", str(tmp_path / "r.md"), "--template", str(folder))
    assert md.exit_code == 2 and "no report.md.j2 in the folder" in md.stderr
    js = cli("report", str(SMALL), "-o", str(tmp_path / "r.json"), "--template", str(folder))
    assert js.exit_code == 2 and "a JSON report has no template" in js.stderr
    (folder / "report.md.j2").write_text(
        '{% include "base/report.md.j2" %}\nBranded by Acme\n', encoding="utf-8"
    )
    md = cli("report", str(SMALL), "-o", str(tmp_path / "r.md"), "--template", str(folder))
    assert md.exit_code == 0, md.stderr
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Lin Precision Parts" in text and text.rstrip().endswith("Branded by Acme")


def test_a_link_inside_the_template_folder_is_fine(tmp_path: Path, cli: Callable[..., Any]) -> None:
    folder = brand(
        tmp_path,
        {
            "report.html.j2": EXTENDS + '{% block brand %}{% include "name.txt" %}{% endblock %}',
            "real-name.txt": "Acme Consulting",
        },
    )
    (folder / "name.txt").symlink_to("real-name.txt")
    out = tmp_path / "r.html"
    result = cli("report", str(SMALL), "-o", str(out), "--template", str(folder))
    assert result.exit_code == 0, result.stderr
    assert "Acme Consulting" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "lang"),
    [(("郑州禾润食品" * 1667)[:10_000], "zh"), ("X" * 10_000, "en")],
    ids=["cjk", "latin"],
)
def test_a_name_of_ten_thousand_characters_is_cut_and_renders_in_seconds(
    tmp_path: Path, cli: Callable[..., Any], name: str, lang: str
) -> None:
    answers = SMALL.read_text(encoding="utf-8").replace("Lin Precision Parts", name)
    answers = answers.replace("language: en", f"language: {lang}")
    path = tmp_path / "answers.yaml"
    path.write_text(answers, encoding="utf-8")
    out = tmp_path / "report.pdf"
    started = time.monotonic()
    result = cli("report", str(path), "-o", str(out))
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.stderr
    assert elapsed < 30, f"{elapsed:.1f} s"
    pages = pypdf.PdfReader(out).pages
    cover = "".join(pages[0].extract_text().split())
    assert name[:100] in cover and name[:200] not in cover and "…" in cover
    header = "".join(pages[1].extract_text().split())
    assert name[:49] + "…" in header and name[:60] not in header
    assert len(pages) < 15  # the name fills no pages
    md = cli("report", str(path), "-o", "-")
    assert md.exit_code == 0 and name[:149] + "…" in md.stdout and name[:151] not in md.stdout

"""The charts keep every label inside their canvas, in English and Chinese, for every persona:
the SVG is parsed and each text's box (its width estimated with CJK characters counting
double) must lie inside the viewBox; band labels must not run into each other."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.engine.peers import PeerGroup, Peers
from sme_assess.pack.loading import load_pack
from sme_assess.report import charts
from sme_assess.report.context import build_context

from ..conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
PERSONAS = sorted(p.stem for p in (FIXTURES / "personas").glob("*.yaml"))
NS = "{http://www.w3.org/2000/svg}"


def width(text: str, size: float, bold: bool = False) -> float:
    """A Latin character 0.62 em wide, a CJK one 1 em: CJK counts double (and then some)."""
    wide = sum(1 for ch in text if ord(ch) >= 0x2E80)
    return (wide + 0.62 * (len(text) - wide)) * size * (1.08 if bold else 1.0)


def text_boxes(svg: str) -> tuple[tuple[float, float, float, float], list[tuple]]:
    """The viewBox and one (left, top, right, bottom, text) per line of text."""
    root = ET.fromstring(svg)
    vx, vy, vw, vh = (float(v) for v in root.attrib["viewBox"].split())
    boxes = []
    for el in root.iter(f"{NS}text"):
        size = float(el.attrib["font-size"])
        anchor = el.attrib.get("text-anchor", "start")
        bold = el.attrib.get("font-weight") == "bold"
        y = float(el.attrib["y"])
        lines = list(el.iter(f"{NS}tspan")) or [el]
        for line in lines:
            y += float(line.attrib.get("dy", "0")) if line is not el else 0
            x = float(line.attrib.get("x", el.attrib["x"]))
            text = line.text or ""
            w = width(text, size, bold)
            left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
            boxes.append((left, y - 0.9 * size, left + w, y + 0.25 * size, text))
    return (vx, vy, vx + vw, vy + vh), boxes


@cache
def evaluation(name: str, lang: str) -> Evaluation:
    pack = load_pack(ROOT / "questionnaires" / "manufacturing-sme")
    answers = load_answers(FIXTURES / "personas" / f"{name}.yaml")
    return evaluate(pack, answers, Options(lang=lang))


def cohort(ev: Evaluation) -> Peers:
    medians = {c.id: 42.0 for c in ev.result.categories}
    label = "本批次" if ev.result.language == "zh" else "this batch of firms"
    return Peers(
        source="batch of 2026-11-30, 30 firms",
        percentile=37.0,
        groups=(PeerGroup("all", label, 30, 41.0, medians),),
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", PERSONAS)
@pytest.mark.parametrize("with_peers", [False, True])
def test_every_chart_label_lies_inside_the_canvas(name: str, lang: str, with_peers: bool) -> None:
    ev = evaluation(name, lang)
    ctx = build_context(ev, peers=cohort(ev) if with_peers else None)
    for svg in (ctx.radar_svg, ctx.bars_svg):
        (left, top, right, bottom), boxes = text_boxes(svg)
        assert boxes
        for x0, y0, x1, y1, text in boxes:
            assert left <= x0 and x1 <= right, f"{text!r} leaves the canvas sideways"
            assert top <= y0 and y1 <= bottom, f"{text!r} leaves the canvas vertically"
    # every category's name is there, whole or visibly shortened, never silently cut
    shown = " ".join(b[4] for b in text_boxes(ctx.radar_svg)[1])
    for point in ctx.categories:
        first_word = re.split(r"[ ,]", point.name)[0]
        assert first_word[:2] in shown, point.name


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_band_labels_do_not_run_together(lang: str) -> None:
    ctx = build_context(evaluation("job_shop", lang))
    _, boxes = text_boxes(ctx.bars_svg)
    band_size_rows = [b for b in boxes if b[1] < 30]  # the band heads above the bars
    assert len(band_size_rows) >= 5
    for i, a in enumerate(band_size_rows):
        for b in band_size_rows[i + 1 :]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 0 or overlap_y <= 0, (a[4], b[4])


def test_peer_median_and_target_are_drawn_with_a_legend() -> None:
    ev = evaluation("food_processor", "en")
    plain = build_context(ev)
    with_peers = build_context(ev, peers=cohort(ev))

    def words(svg: str) -> str:
        return " ".join(b[4] for b in text_boxes(svg)[1])

    assert "Median of this batch of firms" in words(with_peers.radar_svg)
    assert "Median of" not in words(plain.radar_svg)
    assert with_peers.radar_svg.count("stroke-dasharray") > plain.radar_svg.count(
        "stroke-dasharray"
    )
    # the next stage's threshold (stage 2 from 40 for this stage-1 firm: 38.6 since pack
    # 1.2.0) is the target line
    assert "Stage 2 starts at 40" in words(plain.bars_svg)
    assert "Percentile" not in with_peers.peers.line  # said in words, not jargon
    assert "37 %" in with_peers.peers.line and "30 firms" in with_peers.peers.line


def test_a_long_label_is_wrapped_then_cut_with_an_ellipsis_never_mid_word() -> None:
    lines = charts.wrap("Energy, safety and environment of the whole plant", 90, 10)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(width(line, 10) <= 90 for line in lines)
    assert lines[0] in ("Energy, safety", "Energy, safety and")
    zh = charts.wrap("网络与数据安全网络与数据安全网络与数据安全", 60, 10)
    assert len(zh) == 2 and zh[1].endswith("…") and all(width(x, 10) <= 60 for x in zh)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_long_names_keep_full_size_and_their_rows_apart(lang: str) -> None:
    """A pack's long category names (a Chinese pain statement, a long English one) wrap in
    the bars' name column at the full label size (9 pt on paper) and never run into the next
    row's name; the radar keeps them at that size too."""
    names = ["系统没人会用、没人会管，出了问题没人能修", "Finance, HR and the office approvals"]
    names.append("质量")
    points = [charts.Point(n, 20.0 * k + 10) for k, n in enumerate(names * 3)]
    first = "0 尚未数字化" if lang == "zh" else "0 Not yet digital"
    bands = [(0.0, first), (20.0, "1"), (40.0, "2")]
    for svg in (charts.bars(points, bands, lang=lang), charts.radar(points, [20, 40], lang=lang)):
        root = ET.fromstring(svg)
        for el in root.iter(f"{NS}text"):
            if any(n[:2] in "".join(el.itertext()) for n in names):
                assert float(el.attrib["font-size"]) >= charts.LABEL
    _, boxes = text_boxes(charts.bars(points, bands, lang=lang))
    labels = sorted((b for b in boxes if b[2] <= 216), key=lambda b: b[1])
    assert len(labels) >= 12  # the long names took two lines each
    for upper, lower in itertools.pairwise(labels):
        assert upper[3] <= lower[1] + 0.5, (upper[4], lower[4])

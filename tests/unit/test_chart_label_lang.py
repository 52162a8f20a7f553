"""A chart label in the other script than its report's (a pack's category named only in
Chinese in an English report, one left in English in a Chinese report) carries its own
lang and its own script's fonts first, so the PDF and the browser draw it in the right font
(Simplified Chinese forms for 战略, not the Japanese ones; Latin letters not from the CJK
font); labels in the report's own script carry none."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from sme_assess.report import charts

NS = "{http://www.w3.org/2000/svg}"
POINTS = [
    charts.Point("战略与组织", 40.0),
    charts.Point("Cybersecurity", 60.0),
    charts.Point("Data", 20.0),
]
BANDS = [(0.0, "0 Not yet"), (20.0, "1 起步"), (40.0, "2")]


def _texts(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {"".join(el.itertext()): el for el in root.iter(f"{NS}text")}


@pytest.mark.parametrize("chart", ["radar", "bars"])
def test_each_label_is_tagged_with_the_language_of_its_script(chart: str) -> None:
    for lang, own, other, tag in (
        ("en", "Cybersecurity", "战略与组织", "zh-CN"),
        ("zh", "战略与组织", "Cybersecurity", "en"),
    ):
        svg = (
            charts.radar(POINTS, [20, 40, 60, 80], "t", lang)
            if chart == "radar"
            else charts.bars(POINTS, BANDS, "t", lang)
        )
        texts = _texts(svg)
        label = next(el for text, el in texts.items() if text.startswith(other[:4]))
        assert label.get("lang") == tag, (lang, label.attrib)
        first_font = label.get("font-family", "").split(",")[0]
        assert ("CJK" in first_font) == (tag == "zh-CN"), label.attrib
        mine = next(el for text, el in texts.items() if text.startswith(own[:4]))
        assert mine.get("lang") is None and mine.get("font-family") is None, mine.attrib

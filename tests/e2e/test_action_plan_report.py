"""Page 2, the action plan, as an owner reads it: PDF text read back in English and Chinese
for a persona (headline, three actions with owners and costs, totals), the peer line only
from a batch's cohort, and the same plan in `score`, `explain` and the JSON result."""

from __future__ import annotations

import json
import re
from typing import Any

import pypdf
import pytest
import yaml

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.engine.peers import PeerGroup, Peers
from sme_assess.pack.loading import load_pack
from sme_assess.report import ReportFormat, build_report

from ..conftest import FIXTURES, PACKS

PERSONA = FIXTURES / "personas" / "job_shop.yaml"
BUILTIN = PACKS / "manufacturing-sme"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def plan_page(pdf: bytes, title: str) -> str:
    """The text of the pages from the action plan's title to the next section."""
    import io

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() for page in reader.pages]
    start = next(i for i, text in enumerate(pages) if title in text)
    return squash("\n".join(pages[start : start + 2]))


def _evaluation(lang: str) -> Any:
    return evaluate(load_pack(BUILTIN), load_answers(PERSONA), Options(lang=lang))


def _now_sums() -> tuple[float, float]:
    """The 90-day one-off and monthly sums worked out from the catalogue file itself."""
    catalogue = yaml.safe_load((BUILTIN / "catalogue.yaml").read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in catalogue["solutions"]}
    ev = _evaluation("en")
    now = [by_id[r.solution] for r in ev.result.recommendations if r.phase == "now"]
    assert now and all("one_off_cny" in s or "monthly_cny" in s for s in now), (
        "every 'now' item of this persona has typical figures, so the sum is exact"
    )
    one_off = sum(s.get("one_off_cny") or 0 for s in now)
    monthly = sum(s.get("monthly_cny") or 0 for s in now)
    return one_off, monthly


@pytest.fixture(scope="module")
def pdfs() -> dict[str, tuple[bytes, dict[str, Any]]]:
    out = {}
    for lang in ("en", "zh"):
        ev = _evaluation(lang)
        data = json.loads(build_report(ev, ReportFormat.json))
        out[lang] = (build_report(ev, ReportFormat.pdf), data)
    return out


def test_english_page_two_has_headline_actions_owners_costs_and_totals(pdfs) -> None:
    pdf, data = pdfs["en"]
    page = plan_page(pdf, "Action plan")
    plan = data["action_plan"]
    assert squash("On this tool's own scale the firm is at stage 0 (Not yet digital") in page
    assert squash("Estimated against the MIIT") in page
    assert squash(f"The most important move: {plan['actions'][0]['name']}.") in page
    assert len(plan["actions"]) == 3
    for action in plan["actions"]:
        for field in ("name", "first_step", "owner", "cost", "kpi"):
            assert squash(action[field]) in page, (field, action[field])
    # naming a digital lead buys nothing: staff time, not "under ¥50k one-off"
    assert squash("Name a digital lead") in page and squash("staff time only") in page
    assert squash("Owner / general manager") in page
    one_off, monthly = _now_sums()
    assert plan["days_90"]["one_off"] == {"low": one_off, "high": one_off}
    assert plan["days_90"]["monthly"] == {"low": monthly, "high": monthly}
    three_year = one_off + 36 * monthly
    assert squash(f"First 90 days {plan['days_90']['items']} ¥{one_off:,.0f}") in page
    assert squash(f"¥{monthly:,.0f} a month ¥{three_year:,.0f}") in page
    assert "First12months" in page and "Wholeplan" in page
    assert "Fundingyoumayapplyfor" in page and squash("not verified") in page


def test_chinese_page_two_is_all_chinese_with_the_same_money(pdfs) -> None:
    pdf, data = pdfs["zh"]
    page = plan_page(pdf, "行动计划")
    plan = data["action_plan"]
    assert "按本工具自己的档位，贵企业处于第0档（尚未数字化" in page
    assert f"最要紧的一步：{squash(plan['actions'][0]['name'])}。" in page
    for action in plan["actions"]:
        for field in ("name", "first_step", "owner", "cost", "kpi"):
            assert squash(action[field]) in page, (field, action[field])
    assert "明确数字化负责人" in page and "只需投入人员时间" in page and "老板/总经理" in page
    one_off, monthly = _now_sums()
    wan = f"{one_off / 10_000:.1f}".rstrip("0").rstrip(".")
    assert f"头90天{plan['days_90']['items']}约{wan}万元每月约{monthly:.0f}元" in page
    assert "头12个月" in page and "整个计划" in page and "可以申请的资金支持" in page
    for english in ("Action plan", "First step", "one-off", "a month", "Owner", "Source"):
        assert squash(english) not in page, english


def test_roadmap_says_the_money_of_each_phase(pdfs) -> None:
    pdf, _ = pdfs["en"]
    reader = pypdf.PdfReader(__import__("io").BytesIO(pdf))
    text = squash("\n".join(p.extract_text() for p in reader.pages))
    assert text.count(squash("This phase: ")) >= 2


def test_headline_names_peers_only_when_a_batch_gives_them() -> None:
    ev = _evaluation("en")
    alone = build_report(ev, ReportFormat.md).decode("utf-8")
    assert "It scores above" not in alone and "firms in this batch" not in alone
    headline = json.loads(build_report(ev, ReportFormat.json))["action_plan"]["headline"]
    assert "%" not in headline and "firms" not in headline
    peers = Peers(
        source="batch of 2026-11-30, 30 firms",
        percentile=12.5,
        groups=(PeerGroup("all", "this batch", 30, 41.0),),
    )
    pdf = build_report(ev, ReportFormat.pdf, peers=peers)
    page = plan_page(pdf, "Action plan")
    assert squash("It scores above 12 % of the 30 firms in this batch.") in page
    data = json.loads(build_report(ev, ReportFormat.json, peers=peers))
    assert "above 12 % of the 30 firms" in data["action_plan"]["headline"]


def test_score_and_explain_show_the_first_actions_and_totals(cli) -> None:
    table = cli("score", str(PERSONA), "--lang", "en")
    assert table.exit_code == 0
    for expected in ("Action plan", "First step:", "Owner / general manager", "First 90 days"):
        assert expected in table.stdout, expected
    explain = cli("explain", str(PERSONA))
    assert explain.exit_code == 0
    assert "行动计划" in explain.stdout and "头12个月" in explain.stdout
    data = json.loads(cli("score", str(PERSONA), "--format", "json").stdout)
    plan = data["action_plan"]
    assert [a["solution"] for a in plan["actions"]] == [
        r["solution"] for r in data["recommendations"][:3]
    ]
    assert plan["actions"][0]["staff_time_only"] is True
    assert plan["total"]["items"] == len(data["recommendations"])

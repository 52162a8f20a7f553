"""The peers a batch gives each firm's report, checked by hand on a small cohort."""

from __future__ import annotations

import pytest

from sme_assess.batch.cohort import Tally
from sme_assess.batch.outputs import Facts
from sme_assess.batch.peers_of import MIN_GROUP, CohortPeers
from sme_assess.pack.loading import load_pack

from ..conftest import PACKS


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(PACKS / "manufacturing-sme")


def _facts(score: float | None, sector: str, size: str, cat: float | None) -> Facts:
    return Facts(score, 1, {"a": cat}, (), (), sector, size)


# six firms: five auto-parts suppliers (10..50) and one electronics firm (60); three small,
# three medium; category "a" is not assessed for the last auto-parts firm
COHORT = [
    _facts(10, "auto_parts", "small", 20),
    _facts(20, "auto_parts", "small", 40),
    _facts(30, "auto_parts", "small", 60),
    _facts(40, "auto_parts", "medium", 80),
    _facts(50, "auto_parts", "medium", None),
    _facts(60, "electronics", "medium", 100),
]


def _cohort(pack, facts: list[Facts]) -> CohortPeers:  # type: ignore[no-untyped-def]
    tally = Tally(["a"], by_group=True)
    for f in facts:
        tally.add(f)
    return CohortPeers(pack, tally, "2026-11-30")


def test_percentile_and_medians_by_hand(pack) -> None:  # type: ignore[no-untyped-def]
    peers = _cohort(pack, COHORT).for_firm(40, "auto_parts", "medium", "zh")
    # 3 firms below 40, 1 equal (itself, counted half): 3.5 / 6 = 58 %
    assert peers.percentile == 58
    everyone = peers.group("all")
    assert everyone is not None and everyone.n == 6
    assert everyone.overall_median == 35.0  # (30 + 40) / 2
    assert everyone.category_medians == {"a": 60.0}  # 20 40 60 80 100
    sector = peers.group("sector")
    assert sector is not None and (sector.label, sector.n) == ("汽车零部件", 5)
    assert sector.overall_median == 30.0
    assert sector.category_medians == {"a": 50.0}  # 20 40 60 80: the 50-point firm has none
    assert peers.group("size") is None  # three medium firms: too few for a median
    assert "6 家企业" in peers.source and "2026-11-30" in peers.source


def test_the_same_score_as_the_summary_percentile_and_english_labels(pack) -> None:  # type: ignore[no-untyped-def]
    cohort = _cohort(pack, COHORT)
    top = cohort.for_firm(60, "electronics", "medium", "en")
    assert top.percentile == 92  # 5 below, itself half: 5.5 / 6
    assert [g.kind for g in top.groups] == ["all"]  # one electronics firm: no sector median
    assert top.groups[0].label == "this batch" and "6 firms" in top.source
    assert cohort.for_firm(None, "auto_parts", "small", "en").percentile is None


def test_a_cohort_too_small_gives_no_comparison(pack) -> None:  # type: ignore[no-untyped-def]
    small = COHORT[: MIN_GROUP - 1]
    peers = _cohort(pack, small).for_firm(10, "auto_parts", "small", "en")
    assert peers.percentile is None and peers.groups == ()
    assert "4 firms" in peers.source


def _html(pack, peers) -> str:  # type: ignore[no-untyped-def]
    from sme_assess.answer_io.native import load_answers
    from sme_assess.engine.evaluation import Options, evaluate
    from sme_assess.report.context import build_context
    from sme_assess.report.render import render_html

    from ..conftest import FIXTURES

    answers = load_answers(FIXTURES / "personas" / "job_shop.yaml")
    return render_html(build_context(evaluate(pack, answers, Options(lang="zh")), peers=peers))


def test_the_report_says_the_percentile_the_medians_and_their_source(pack) -> None:  # type: ignore[no-untyped-def]
    cohort = _cohort(pack, COHORT)
    html = _html(pack, cohort.for_firm(40, "auto_parts", "medium", "zh"))
    assert "的6家企业中，本企业高于其中58%的企业（中位数35分）" in html
    assert "汽车零部件：5家，中位数30分" in html
    assert "2026-11-30 同批测评的 6 家企业" in html
    # a firm with no overall score: the medians, no percentile, not "too few firms"
    html = _html(pack, cohort.for_firm(None, "auto_parts", "small", "zh"))
    assert "高于其中" not in html and "企业太少" not in html and "中位数35分" in html
    assert 'class="peers"' not in _html(pack, None)  # a report outside a batch: no peers

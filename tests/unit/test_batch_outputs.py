"""Batch outputs as data: report file names, percentiles, results lines, cohort numbers."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sme_assess.batch.cohort import cohort_stats, spread
from sme_assess.batch.outputs import (
    PERCENTILE,
    Facts,
    Key,
    Record,
    fill_percentiles,
    natural_key,
    order_bytes,
    order_key,
    parse_results_line,
    report_name,
    results_line,
    safe_stem,
)
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE


@pytest.mark.parametrize(
    ("company", "stem"),
    [
        ("Acme Machining", "Acme Machining"),
        ("../../etc/x", "etc_x"),
        ("..", "respondent"),
        ("a/b", "a_b"),
        ("a\\b:c*?", "a_b_c"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1", "_LPT1"),
        ("宁波精工机械有限公司", "宁波精工机械有限公司"),
        ("  .hidden ", "hidden"),
        ("tab\there\nnew", "tab here new"),
        ("", "respondent"),
        ("\u202eevil\u200b", "evil"),  # direction and zero-width marks dropped
    ],
)
def test_safe_stem(company: str, stem: str) -> None:
    assert safe_stem(company) == stem


def test_safe_stem_is_short_enough_for_any_file_system_even_in_chinese() -> None:
    stem = safe_stem("精" * 200)
    assert len(stem.encode("utf-8")) <= 120
    assert set(stem) == {"精"}


def test_report_names_are_unique_case_insensitively() -> None:
    taken: set[str] = set()
    names = [
        report_name("Same Co", "firms.csv", 2, taken),
        report_name("same co", "firms.csv", 3, taken),
        report_name("Same Co", "a/b/same.json", None, taken),
        report_name("Same Co", "firms.csv", 3, taken),
        report_name("", "firms.csv", 9, taken),
    ]
    assert names == [
        "Same Co.pdf",
        "same co (row 3).pdf",
        "Same Co (same).pdf",
        "Same Co (row 3) 2.pdf",
        "respondent.pdf",
    ]
    assert all("/" not in name and not name.startswith(".") for name in names)


def _record(score: float | None) -> Record:
    facts = Facts(score, 1 if score else None, {}, (), (), None, None)
    return Record(("s", None), [None] * 20, facts)


def test_percentiles_count_ties_as_half_and_skip_the_unscored() -> None:
    records = [_record(s) for s in (10.0, 20.0, 20.0, 40.0, 50.0, None)]
    fill_percentiles(records)
    assert [r.summary[PERCENTILE] for r in records] == [10, 40, 40, 70, 90, None]


def test_fewer_than_five_scored_firms_get_no_percentile_as_in_their_reports() -> None:
    records = [_record(s) for s in (10.0, 20.0, 20.0, 40.0, None)]
    fill_percentiles(records)
    assert [r.summary[PERCENTILE] for r in records] == [None] * 5


def test_results_line_round_trip() -> None:
    result = {"questionnaire": "sample", "overall": {"score": 50.0}, "language": "zh"}
    line = results_line("in/企业.csv", 4, {"sector": "food", "size": None}, "", json.dumps(result))
    assert line.endswith("\n") and "\n" not in line[:-1]
    data = json.loads(line)
    assert data["source"] == "in/企业.csv" and data["row"] == 4 and data["report"] is None
    parsed = parse_results_line(line)
    assert parsed is not None
    key, back, profile, report = parsed
    assert key == ("in/企业.csv", 4) and back == result and report == ""
    assert profile == {"sector": "food", "size": None}
    assert parse_results_line('{"source": "x", "overall": {}') is None  # cut short
    assert parse_results_line("[]") is None


def test_natural_order() -> None:
    names = ["f10.json", "f2.json", "F1.json"]
    assert sorted(names, key=natural_key) == ["F1.json", "f2.json", "f10.json"]


def test_spread() -> None:
    assert spread([]) is None
    one = spread([42.0])
    assert one is not None and (one.q1, one.median, one.q3) == (42.0, 42.0, 42.0)
    many = spread([0.0, 25.0, 50.0, 75.0, 100.0])
    assert many is not None and (many.low, many.q1, many.median, many.q3, many.high) == (
        0.0,
        25.0,
        50.0,
        75.0,
        100.0,
    )


def test_cohort_stats_count_levels_pains_solutions_and_groups() -> None:
    pack = load_pack(SAMPLE)
    facts = [
        Facts(
            10.0,
            0,
            {"equipment": 0.0, "data": 25.0},
            ("data_late",),
            ("cloud_erp",),
            "machinery",
            "small",
        ),
        Facts(
            70.0,
            2,
            {"equipment": 80.0, "data": None},
            (),
            ("oee_dashboard", "cloud_erp"),
            "food",
            None,
        ),
        Facts(
            30.0,
            1,
            {"equipment": 30.0, "data": 40.0},
            ("data_late", "data_late"),
            ("cloud_erp",),
            "machinery",
            "small",
        ),
    ]
    stats = cohort_stats(pack, facts, failed=2, lang="zh", not_given="未填写")
    assert stats.respondents == 3 and stats.failed == 2
    assert [(c.id, c.count) for c in stats.levels] == [("0", 1), ("1", 1), ("2", 1)]
    assert stats.levels[0].name == "尚未起步"
    assert [(c.id, c.count) for c in stats.pains] == [("data_late", 2)]  # once per firm
    assert [(c.id, c.count) for c in stats.solutions] == [("cloud_erp", 3), ("oee_dashboard", 1)]
    data = next(c for c in stats.categories if c.id == "data")
    assert data.spread is not None and data.spread.n == 2
    assert [(g.name, g.n, g.median) for g in stats.sectors] == [
        ("机械和金属件", 2, 20.0),
        ("食品饮料", 1, 70.0),
    ]
    assert [(g.name, g.n) for g in stats.sizes] == [("20到299人", 2), ("未填写", 1)]
    assert stats.overall is not None and stats.overall.median == 30.0


def test_a_summary_row_is_the_same_from_the_result_and_from_results_jsonl() -> None:
    """Workers summarise the Result model directly; --resume summarises the JSON lines."""
    from sme_assess.answer_io.native import load_answers
    from sme_assess.batch.outputs import record_of
    from sme_assess.batch.work import digest
    from sme_assess.engine.evaluation import evaluate

    from ..conftest import FIXTURES

    pack = load_pack(SAMPLE)
    result = evaluate(pack, load_answers(FIXTURES / "answers" / "sample_small.yaml")).result
    profile = {"sector": "machinery", "size": "small"}
    direct = record_of(pack.questionnaire, "a.yaml", None, digest(result), profile, "")
    parsed = json.loads(result.model_dump_json())
    again = record_of(pack.questionnaire, "a.yaml", None, parsed, profile, "")
    assert direct == again
    assert direct.summary[2] == "Lin Precision Parts" and direct.facts.pains


_NAMES = st.text(alphabet="aAb1290_./é中", max_size=8)
_KEYS = st.tuples(_NAMES, st.one_of(st.none(), st.integers(0, 10**7)))


@given(_KEYS, _KEYS)
def test_the_compact_sort_key_orders_firms_as_the_summary_does(a: Key, b: Key) -> None:
    """The end of a run sorts every firm by order_bytes (small) instead of order_key (a
    tuple of objects): the same order, and two different firms never collide."""
    ka, kb = order_key(a), order_key(b)
    ba, bb = order_bytes(a), order_bytes(b)
    if ka < kb:
        assert ba < bb
    elif kb < ka:
        assert bb < ba
    assert (ba == bb) == (a == b)

"""`sme-assess score` and `explain` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sme_assess.models.result import Result

from ..conftest import FIXTURES, SAMPLE

SMALL = FIXTURES / "answers" / "sample_small.yaml"


def test_score_table_shows_categories_level_pains_and_plan(cli) -> None:
    result = cli("score", str(SMALL), "--pack", str(SAMPLE))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in (
        "Lin Precision Parts",
        "Equipment",
        "Data",
        "Stage 0",
        "No system can read the machines",
        "Shop-floor starter kit",
    ):
        assert text in out
    # the gateway and the dashboard are both needed: the bundle that holds both replaces them
    assert "Machine data gateway retrofit" not in out


def test_score_in_chinese(cli) -> None:
    result = cli("score", str(SMALL), "--pack", str(SAMPLE), "--lang", "zh")
    assert result.exit_code == 0
    assert "设备" in result.stdout and "车间数字化入门套装" in result.stdout
    assert "设备数据没人能自动读" in result.stdout  # a pain point, in Chinese


def test_score_json_is_the_documented_model(cli) -> None:
    result = cli("score", str(SMALL), "--pack", str(SAMPLE), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    res = Result.model_validate(data)
    assert res.overall.level == 0 and res.overall.score == pytest.approx(8.3, abs=0.05)
    cats = {c.id: c for c in res.categories}
    assert cats["equipment"].score == 0 and cats["data"].score == 25
    assert res.pain_points[0].id == "equipment_unreadable"
    assert res.pain_points[0].raised_by[0].question == "machine_data"
    ranks = [r.rank for r in res.recommendations]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert all(r.reasons for r in res.recommendations)


def test_target_level_states_its_assumption(cli) -> None:
    result = cli("score", str(SMALL), "--pack", str(SAMPLE), "--target-level", "2", "-f", "json")
    target = json.loads(result.stdout)["target"]
    assert target["level"] == 2 and target["reachable"] is True
    assert target["projected_level"] >= 2
    assert "Assumption" in target["assumption"]
    table = cli("score", str(SMALL), "--pack", str(SAMPLE), "--target-level", "2")
    assert "Path to stage 2" in table.stdout and "Assumption" in table.stdout
    bad = cli("score", str(SMALL), "--pack", str(SAMPLE), "--target-level", "9")
    assert bad.exit_code == 2 and "not a level" in bad.stderr


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_wrong_answers_are_all_listed_and_exit_2(cli, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bad.json",
        json.dumps(
            {
                "questionnaire": "sample",
                "answers": {"machine_data": "fax", "has_erp": "yes", "nope": 1},
            }
        ),
    )
    result = cli("score", str(path), "--pack", str(SAMPLE))
    assert result.exit_code == 2
    err = result.stderr
    assert "machine_data: 'fax' is not an option" in err
    assert "has_erp: expected true or false" in err
    assert "nope: no such question" in err
    assert "Traceback" not in result.output


def test_lenient_scores_anyway_and_lists_what_it_ignored(cli, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bad.yaml",
        "questionnaire: sample\nanswers:\n  machine_data: gateway\n  has_erp: 'yes'\n",
    )
    result = cli("score", str(path), "--pack", str(SAMPLE), "--lenient", "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert any(line.startswith("has_erp:") for line in data["ignored"])
    assert data["overall"]["score"] is not None


def test_unreadable_answers_give_one_line_with_position(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.json", '{"questionnaire": "sample",\n "answers": {,}}')
    result = cli("score", str(path), "--pack", str(SAMPLE))
    assert result.exit_code == 2
    assert f"{path.name}:2:" in result.stderr and "not valid JSON" in result.stderr
    missing = cli("score", str(tmp_path / "none.json"), "--pack", str(SAMPLE))
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_a_name_that_looks_like_an_emoji_code_is_printed_as_named(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, ":smile: [bold]x.json", "{bad")
    result = cli("score", str(path), "--pack", str(SAMPLE))
    assert result.exit_code == 2
    assert ":smile: [bold]x.json:1:2:" in result.stderr and "\U0001f604" not in result.stderr


def test_answers_for_another_pack_are_refused(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "other.yaml", "questionnaire: other\nanswers: {}\n")
    result = cli("score", str(path), "--pack", str(SAMPLE), "--lenient")
    assert result.exit_code == 2 and "not 'sample'" in result.stderr


def test_unknown_pack_is_a_usage_error(cli) -> None:
    result = cli("score", str(SMALL), "--pack", "no-such-pack")
    assert result.exit_code == 2 and "unknown pack 'no-such-pack'" in result.stderr


def test_pack_is_taken_from_the_answers_file(cli) -> None:
    result = cli("score", str(SMALL), "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["questionnaire"] == "sample"


def test_explain_shows_contributions_levels_and_next_rung(cli) -> None:
    result = cli("explain", str(SMALL), "--pack", str(SAMPLE))
    assert result.exit_code == 0
    out = result.stdout
    assert "How do machine counts and stops reach the office?" in out
    assert "Written on paper" in out  # the answer as the owner saw it
    assert "What the next stage needs" in out
    assert "Typed into a spreadsheet" in out  # the next rung up the ladder
    assert "next step: at least 10 %" in out  # the next band of a number question
    assert "not reached" in out and "below this stage's minimum" in out


def test_explain_says_why_each_solution_is_left_out(cli) -> None:
    persona = FIXTURES / "personas" / "electronics_assembler.yaml"
    result = cli("explain", str(persona), "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Not in the plan, and why" in out
    lines = {line.split("│")[0].strip(): line for line in out.splitlines() if "│" in line}
    # it runs an ERP: the cloud ERP is in place, from its answers, not from a score
    assert "already in place, from your answers" in lines["Cloud ERP for small plants"]
    assert (
        "meant for other sectors"
        in lines["Electronic HACCP/CCP records and cold-room temperature monitoring"]
    )
    # its permit asks for periodic tests, which it does: no online monitors
    assert "does not apply to your firm" in lines["Online monitoring of wastewater and emissions"]


def test_score_shows_the_three_year_cost_beside_the_tier(cli) -> None:
    result = cli("score", str(SMALL), "--pack", str(SAMPLE))
    assert result.exit_code == 0
    # the starter kit: ¥45k once; the tier alone would say "under ¥50k"
    assert "under ¥50k · ¥45,000 over 3 years" in result.stdout


def test_a_step_with_nothing_to_buy_costs_staff_time_in_the_json_too(cli) -> None:
    """Naming a digital lead costs no money: the JSON must not price it "under ¥50k"."""
    persona = Path(__file__).parents[1] / "fixtures" / "personas" / "job_shop.yaml"
    result = cli("score", str(persona), "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    recs = {r["solution"]: r for r in json.loads(result.stdout)["recommendations"]}
    lead = recs["digital_lead"]
    assert lead["cost_3y"] == 0 and "staff time" in lead["cost"].lower()
    assert "¥" not in lead["cost"]
    priced = next(r for r in recs.values() if r["cost_3y"])
    assert "¥" in priced["cost"]  # a step with a price keeps its tier


def test_explain_one_category(cli) -> None:
    result = cli("explain", str(SMALL), "--pack", str(SAMPLE), "--category", "data")
    assert result.exit_code == 0
    assert "When does a finished order show up" in result.stdout
    assert "How do machine counts" not in result.stdout
    bad = cli("explain", str(SMALL), "--pack", str(SAMPLE), "--category", "nope")
    assert bad.exit_code == 2 and "unknown category 'nope'" in bad.stderr


def test_a_language_the_pack_lacks_is_refused_not_switched(cli, tmp_path: Path) -> None:
    result = cli("score", str(SMALL), "--pack", str(SAMPLE), "--lang", "fr")
    assert result.exit_code == 2 and "--lang fr" in result.stderr and "en, zh" in result.stderr
    out = tmp_path / "out"
    batch = cli("batch", str(SMALL), "-o", str(out), "--pack", str(SAMPLE), "--lang", "fr")
    assert batch.exit_code == 2 and "--lang fr" in batch.stderr
    assert not out.exists(), "nothing is written for a bad call"
    assert cli("score", str(SMALL), "--pack", str(SAMPLE), "--lang", "zh-CN").exit_code == 0


def test_a_bug_is_one_line_and_exit_2_not_a_traceback(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr("sme_assess.terminal.views.score_view", boom)
    persona = FIXTURES / "personas" / "job_shop.yaml"
    result = cli("score", str(persona))
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "error: internal error: RuntimeError: something broke"
    assert "SME_ASSESS_DEBUG=1" in lines[1]
    monkeypatch.setenv("SME_ASSESS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli("score", str(persona))


def _unboxed(text: str) -> str:
    """The terminal output without table rules, borders and line breaks: a cell's text folded
    over several lines (the other columns empty on its continuation lines) reads as one."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in "│┃║|")


def test_chinese_text_in_narrow_cells_is_folded_not_cut(cli) -> None:
    """Chinese has no spaces to wrap at: a long reason or first step must fold onto the next
    line, as English wraps, never end in "…" with the rest lost (an 80-column terminal)."""
    narrow = {"COLUMNS": "80"}
    score = cli("score", str(FIXTURES / "personas" / "job_shop.yaml"), "--lang", "zh", env=narrow)
    assert score.exit_code == 0, score.output
    first_step = "写一页任命书：写明数字化负责人、职责和每周4小时投入，并定下第一次月度例会的日期"
    assert first_step in _unboxed(score.stdout)
    explain = cli(
        "explain", str(FIXTURES / "personas" / "auto_parts.yaml"), "--lang", "zh", env=narrow
    )
    assert explain.exit_code == 0, explain.output
    assert "目前有2个；最接近、可先提升的：" in _unboxed(explain.stdout)


def test_explain_says_a_next_rung_once_when_its_description_starts_with_its_label(cli) -> None:
    """ "next step: An HR system — An HR system (or the HR part of DingTalk …)"."""
    persona = FIXTURES / "personas" / "electronics_assembler.yaml"
    result = cli("explain", str(persona), "--lang", "en")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "next step: An HR system (or the HR part of DingTalk" in out
    assert "An HR system — An HR system" not in out

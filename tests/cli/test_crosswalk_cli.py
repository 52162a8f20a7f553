"""The MIIT estimate as an owner and a batch user see it: apart from the tool's own stage."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from ..conftest import FIXTURES

PERSONAS = FIXTURES / "personas"


def test_score_shows_the_stage_and_the_estimate_apart_in_chinese(cli) -> None:
    result = cli("score", str(PERSONAS / "food_processor.yaml"), "--lang", "zh")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    # the tool's own stage apart from the estimate (since pack 1.2.0 both say 1: the plant's
    # online shop and its know-how answer no longer score)
    assert "本工具自测：第1档" in out
    assert "对照工信部中小企业数字化水平评测（2024年版）估算：一级" in out.replace(" ", "")
    assert "非官方" in out and "以现场评定为准" in out.replace(" ", "")
    # what holds it back: the gate of 二级 and the one scenario short
    assert "二级还差" in out and "1个达到2级的场景" in out
    assert "2级" not in out.replace("第2档", "").replace("达到2级", "")


def test_score_json_carries_the_estimate_the_compare_command_reads(cli) -> None:
    result = cli("score", str(PERSONAS / "auto_parts.yaml"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # the tool's own stage: the score reaches stage 3, the scenario count does not (the same
    # six scenarios short as MIIT's 三级 below)
    assert data["overall"]["level"] == 2
    stage3 = next(lv for lv in data["levels"] if lv["level"] == 3)
    count = next(r for r in stage3["reasons"] if r["code"] == "requirement_count_unmet")
    assert count["params"]["short"] == 6 and len(count["params"]["questions"]) == 6
    est = data["estimates"][0]
    assert est["framework"] == "miit_2024" and est["level"] == 2
    # points enough for 三级 (60.5), scenarios not: two at rung 3 of the eight it needs
    assert est["level_label"] == "Level 2" and 60 <= est["points"] < 70
    assert est["held_back_by"]["level"] == 3 and est["held_back_by"]["scenarios_short"] == 6
    assert est["held_back_by"]["points_short"] == 0
    assert [r["scenarios"] for r in est["scenarios_at_rung"]][:3] == [16, 13, 2]
    assert all(step["to_rung"] == 3 for step in est["to_next"])
    assert any("not verified" in u or "third-party" in u for u in est["unverified"])


def test_explain_lists_points_per_item_and_the_unverified_facts(cli) -> None:
    result = cli("explain", str(PERSONAS / "auto_parts.yaml"))
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Estimated MIIT SME digital level (2024 edition): Level 2" in out
    assert "Level 3 needs: 6 more scenarios at rung 3, 3 more mandatory scenarios at rung 3" in out
    assert "Equipment networking rate" in out and "Digital spend: 0/7.5" in out
    assert "Not verified" in out


def test_batch_summary_has_points_estimate_and_the_gate_that_holds_it(cli, tmp_path: Path) -> None:
    shutil.copytree(PERSONAS, tmp_path / "in")
    result = cli("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    with (tmp_path / "out" / "summary.csv").open(encoding="utf-8-sig") as f:
        rows = {Path(r["source"]).stem: r for r in csv.DictReader(f)}
    assert rows["food_processor"]["miit_2024_estimate"] == "一级"
    assert rows["food_processor"]["miit_2024_held_back_by"] == "L2: points-9.35,scenarios-1@2"
    assert rows["auto_parts"]["miit_2024_estimate"] == "Level 2"
    assert rows["job_shop"]["miit_2024_held_back_by"].startswith("L1: ")
    assert "mandatory-1@1" in rows["job_shop"]["miit_2024_held_back_by"]
    assert float(rows["textile_dyeing"]["miit_2024_points"]) < 20

"""What an owner reads when the firm already runs every part of a bundle: the job shop, grown
up, runs a work-order app, a QMS, an EAM, 进销存 and APS and fills its forms on terminals; the
plan no longer sells it the one-SaaS bundle of those six apps, explain says why, and compare
counts the bundle recommended before as now in place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.engine.progress import compare
from sme_assess.pack.loading import load_pack

from ..conftest import FIXTURES, PACKS

SAAS = "One lightweight production-management SaaS for the whole small plant"
SAAS_ZH = "轻量一体化生产管理SaaS"
EVERY_PART = {  # one answer (or ticked system) for each part's own in-place condition
    "systems_in_use": ["work_order_app", "qms", "eam", "inventory", "aps"],
    "sc_collaborative_office": "l2",
    "frontline_devices": "terminals",
}


def _job_shop(tmp_path: Path, **changes: Any) -> Path:
    doc = yaml.safe_load((FIXTURES / "personas" / "job_shop.yaml").read_text(encoding="utf-8"))
    doc["answers"].update(changes)
    path = tmp_path / "job_shop.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _plan(cli: Any, path: Path) -> list[str]:
    result = cli("score", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    return [r["solution"] for r in json.loads(result.stdout)["recommendations"]]


def test_the_job_shop_is_sold_the_one_saas_until_it_runs_every_part(cli, tmp_path) -> None:
    plain = cli("score", str(_job_shop(tmp_path)), "--lang", "en")
    assert plain.exit_code == 0 and SAAS in plain.stdout  # six apps it lacks: one system
    assert "light_production_saas" in _plan(cli, _job_shop(tmp_path))

    has_all = _job_shop(tmp_path, **EVERY_PART)
    score = cli("score", str(has_all), "--lang", "en")
    assert score.exit_code == 0, score.output
    assert SAAS not in score.stdout
    assert "light_production_saas" not in _plan(cli, has_all)
    for lang, name, words in (
        ("en", SAAS, "already in place, from your answers"),
        ("zh", SAAS_ZH, "从您的回答看，已经有了"),
    ):
        explain = cli("explain", str(has_all), "--lang", lang)
        assert explain.exit_code == 0, explain.output
        line = next(x for x in explain.stdout.splitlines() if name in x)
        assert words in line, line


def test_lacking_one_part_it_gets_that_part_not_the_bundle(cli, tmp_path) -> None:
    # no EAM: the repair-ticket app is the one part missing
    systems = ["work_order_app", "qms", "inventory", "aps"]
    lacks_one = _job_shop(tmp_path, **{**EVERY_PART, "systems_in_use": systems})
    plan = _plan(cli, lacks_one)
    assert "light_production_saas" not in plan
    assert "cmms_tickets" in plan


def test_compare_counts_the_bundle_in_place_once_the_firm_runs_every_part(tmp_path) -> None:
    pack = load_pack(PACKS / "manufacturing-sme")
    before = evaluate(pack, load_answers(_job_shop(tmp_path)), Options(lang="en"))
    later = tmp_path / "later"
    later.mkdir()
    after = evaluate(pack, load_answers(_job_shop(later, **EVERY_PART)), Options(lang="en"))
    assert "light_production_saas" in {r.solution for r in before.recommendations}
    now = {item.id: item.part_of for item in compare(before, after).now_in_place}
    # the bundle recommended then is in place now, as each of its parts
    assert now["light_production_saas"] is None
    assert now["cmms_tickets"] == SAAS

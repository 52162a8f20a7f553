"""The built-in pack 1.3.0 measures what the review's remaining rows say it must: how much of
the shop floor a work-order app covers counts as it does for an MES (section 3, row 13); a
system in the cloud is not a network (row 7); barcode labels are in place only where the
answers show scanning, not because a batch can be traced on paper within the day."""

from __future__ import annotations

from typing import Any

from sme_assess.engine.evaluation import Evaluation
from sme_assess.engine.visibility import option_order, visible_questions
from sme_assess.models.questionnaire import NumberQuestion
from sme_assess.pack.conditions import evaluate as holds
from sme_assess.pack.conditions import parse_condition

# the built-in pack, a persona with some answers changed, what the plan leaves out and why
from .test_pack_systems import _left, _with, pack, persona


def _score(ev: Evaluation, category: str) -> float:
    return next(c.score or 0.0 for c in ev.assessment.categories if c.id == category)


def _shown(answers: dict[str, Any]) -> set[str]:
    return {x.id for x in visible_questions(pack().questionnaire, answers)}


def test_a_work_order_app_is_asked_how_much_of_the_shop_floor_it_covers() -> None:
    base = dict(persona("job_shop").answers)
    assert "mes_coverage" not in _shown(base)  # no shop-floor system, no question
    for systems in (["work_order_app"], ["mes"], ["erp", "work_order_app"]):
        assert "mes_coverage" in _shown({**base, "systems_in_use": systems}), systems
    question = pack().questionnaire.question("mes_coverage")
    for lang, app in (("en", "work-order app"), ("zh", "小工单")):
        assert "MES" in question.text[lang] and app in question.text[lang]
        assert app in (question.help or {})[lang]


def test_the_coverage_scores_for_a_work_order_app_as_for_an_mes() -> None:
    app = ["work_order_app"]
    pilot = _with("job_shop", systems_in_use=app, work_reporting="scan", mes_coverage="pilot")
    whole = _with("job_shop", systems_in_use=app, work_reporting="scan", mes_coverage="all")
    assert _score(pilot, "production") < _score(whole, "production")
    # the same coverage weighs the same, whichever system carries it
    mes = _with("job_shop", systems_in_use=["mes"], work_reporting="scan", mes_coverage="all")
    assert _score(mes, "production") == _score(whole, "production")
    # an app on one pilot line is not the shop floor reporting; on every line it is, as for
    # an MES (here with paper kept beside it, so the app's coverage alone decides)
    typed = {"systems_in_use": app, "work_reporting": "paper_typed"}
    assert "shopfloor_reported" not in _facts(_with("job_shop", **typed, mes_coverage="pilot"))
    assert "shopfloor_reported" in _facts(_with("job_shop", **typed, mes_coverage="main"))


def _facts(ev: Evaluation) -> set[str]:
    """The catalogue's facts about the firm that hold for these answers."""
    q, order = pack().questionnaire, option_order(pack().questionnaire)
    values = {
        x.id: ev.answers.answers[x.id]
        for x in visible_questions(q, ev.answers.answers)
        if x.id in ev.answers.answers
    }
    return {f.id for f in pack().catalogue.facts if holds(parse_condition(f.when), values, order)}


def test_a_system_in_the_cloud_is_not_a_network() -> None:
    lan = _with("job_shop", network_build=["office_lan"])
    cloud = _with("job_shop", network_build=["office_lan", "cloud"])
    assert _score(cloud, "equipment") == _score(lan, "equipment")
    # nor does it tell the plan the servers have moved (pack 1.4.0: cloud storage beside an
    # office server was read so); only tools_in_use's "all in the cloud" does
    assert _left(cloud).get("cloud_migration") != "left_in_place"
    moved = _with("job_shop", network_build=["office_lan"], tools_in_use=["cloud_only"])
    assert _left(moved)["cloud_migration"] == "left_in_place"
    # the networks themselves still count
    wifi = _with("job_shop", network_build=["office_lan", "workshop_wifi"])
    assert _score(wifi, "equipment") > _score(lan, "equipment")


def test_barcode_labels_are_in_place_from_scanning_not_from_a_paper_trace() -> None:
    # the dyehouse traces a batch within the day on paper and types stock into its ERP
    paper = _with("textile_dyeing")
    assert persona("textile_dyeing").answers["traceability"] == "same_day"
    assert _left(paper).get("barcode_labels") != "left_in_place"
    scanned = _with("textile_dyeing", auto_data_collection=["stock_moves"])
    assert _left(scanned)["barcode_labels"] == "left_in_place"
    posted = _with("textile_dyeing", erp_shopfloor_data="scanned")
    assert _left(posted)["barcode_labels"] == "left_in_place"


def test_the_networking_bands_say_where_their_bounds_fall() -> None:
    question = pack().questionnaire.question("equipment_networked_pct")
    assert isinstance(question, NumberQuestion)
    # min inclusive, max exclusive: 20 % is in the 20-40 band, and its label says so
    middle = [b for b in question.bands if b.min is not None and b.max is not None]
    for band in middle:
        assert "under" in band.label["en"] and "不足" in band.label["zh"], band.value

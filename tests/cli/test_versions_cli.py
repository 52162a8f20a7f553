"""Answers given for an earlier version of the pack, as a user meets them in score, explain,
report, batch and validate. The pack is a copy of the sample pack bumped to 1.1.0, never the
built-in pack (its content changes on its own)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from ..versioned_pack import bumped

OLD_YAML = """questionnaire: sample
questionnaire_version: 1.0.0
language: en
respondent: {company: Old Version Co}
answers:
  machine_level: typed
  networked_pct: 20
  has_erp: true
  erp_age: 3
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return bumped(tmp_path)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_migrated_pack_is_valid(cli, pack: Path) -> None:
    result = cli("validate", str(pack))
    assert result.exit_code == 0, result.output


def test_score_says_which_version_and_what_the_migration_did(cli, tmp_path, pack) -> None:
    answers = _write(tmp_path, "old.yaml", OLD_YAML)
    result = cli("score", str(answers), "--pack", str(pack))
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert (
        "! Answered for version 1.0.0, scored against 1.1.0: 1 question unanswered (new) "
        "(daily_entry); 0 answers no longer fit" in out
    )
    assert "question machine_level is now machine_data" in out
    assert "machine_data: option 'typed' is now 'spreadsheet'" in out
    assert "networked_pct: not carried over (it was a percentage of machines" in out
    assert "Answers not counted" in out  # the answer not carried over is listed as left out
    assert "“networked_pct”: answered for version 1.0.0, not carried over; not counted" in out

    data = json.loads(cli("score", str(answers), "--pack", str(pack), "-f", "json").stdout)
    change = data["version_change"]
    assert change["answered_for"] == "1.0.0" and change["scored_against"] == "1.1.0"
    assert change["new_unanswered"] == ["daily_entry"] and change["new_declared"] is True
    assert change["no_longer_fit"] == [] and len(change["migrated"]) == 3
    assert any(x.startswith("questionnaire_version: Answered for") for x in data["ignored"])
    # the migrated answer is scored: the machines read into a spreadsheet, not left out
    same = _write(
        tmp_path,
        "new.yaml",
        OLD_YAML.replace("1.0.0", "1.1.0")
        .replace("machine_level: typed", "machine_data: spreadsheet")
        .replace("  networked_pct: 20\n", ""),
    )
    now = json.loads(cli("score", str(same), "--pack", str(pack), "-f", "json").stdout)
    assert now["version_change"] is None
    assert data["overall"] == now["overall"]


def test_explain_and_report_say_it_too(cli, tmp_path, pack) -> None:
    answers = _write(tmp_path, "old.yaml", OLD_YAML)
    explain = cli("explain", str(answers), "--pack", str(pack))
    assert "Answered for version 1.0.0, scored against 1.1.0" in " ".join(explain.stdout.split())
    md = tmp_path / "r.md"
    report = cli("report", str(answers), "--pack", str(pack), "-o", str(md))
    assert report.exit_code == 0, report.output
    assert "note: Answered for version 1.0.0, scored against 1.1.0" in report.stderr
    text = md.read_text(encoding="utf-8")
    method = text[text.index("## Method") :]
    assert "Answered for version 1.0.0, scored against 1.1.0" in method.replace("\\", "")
    zh = cli("report", str(answers), "--pack", str(pack), "-o", "-", "-f", "md", "--lang", "zh")
    assert "答案按 1.0.0 版填写，按 1.1.0 版评分" in zh.stdout


def test_answers_that_no_longer_fit_are_named_where_they_stand(cli, tmp_path, pack) -> None:
    text = OLD_YAML.replace("  erp_age: 3\n", "  erp_age: 3\n  sensors: [counts, smoke]\n")
    answers = _write(tmp_path, "misfit.yaml", text + "  retired_question: 4\n")
    result = cli("score", str(answers), "--pack", str(pack))
    assert result.exit_code == 2
    err = result.stderr
    assert "2 problems in the answers (given for version 1.0.0, this pack is 1.1.0" in err
    assert "misfit.yaml:10:3: sensors: not options: 'smoke'" in err
    assert "misfit.yaml:11:3: retired_question: no such question" in err

    lenient = cli("score", str(answers), "--pack", str(pack), "--lenient", "-f", "json")
    assert lenient.exit_code == 0
    change = json.loads(lenient.stdout)["version_change"]
    assert [x.split(":")[0] for x in change["no_longer_fit"]] == ["sensors", "retired_question"]
    assert (
        "2 answers no longer fit (options or questions removed or renamed) and were left "
        "out (sensors, retired_question)" in change["note"]
    )


def test_a_json_answers_file_is_named_at_its_line_and_column(cli, tmp_path, pack) -> None:
    data = {
        "questionnaire": "sample",
        "questionnaire_version": "1.0.0",
        "answers": {"machine_data": "paper", "daily_entry": "fortnight"},
    }
    answers = _write(tmp_path, "old.json", json.dumps(data, indent=2))
    result = cli("score", str(answers), "--pack", str(pack))
    assert result.exit_code == 2
    assert "old.json:6:5: daily_entry: 'fortnight' is not an option" in result.stderr


def test_a_renamed_question_is_named_where_its_old_id_stands(cli, tmp_path, pack) -> None:
    text = OLD_YAML.replace("machine_level: typed", "machine_level: fax")
    answers = _write(tmp_path, "old.yaml", text)
    result = cli("score", str(answers), "--pack", str(pack))
    assert result.exit_code == 2
    assert "old.yaml:6:3: machine_data: 'fax' is not an option" in result.stderr


def test_answers_for_a_newer_version_are_refused_in_one_line(cli, tmp_path, pack) -> None:
    answers = _write(tmp_path, "newer.yaml", OLD_YAML.replace("1.0.0", "1.2.0"))
    for args in (["score"], ["explain"], ["report", "-o", str(tmp_path / "r.md")]):
        result = cli(*args, str(answers), "--pack", str(pack), "--lenient")
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ")
        assert (
            "newer.yaml:2:24: the answers were given for version 1.2.0 of 'sample', newer than "
            "this pack's version 1.1.0" in lines[0]
        )
    assert not (tmp_path / "r.md").exists()


def test_without_a_migration_the_pack_does_not_say_what_is_new(cli, tmp_path) -> None:
    pack = bumped(tmp_path, migrations=False)
    answers = _write(
        tmp_path,
        "old.yaml",
        "questionnaire: sample\nquestionnaire_version: 1.0.0\nanswers:\n  machine_data: paper\n",
    )
    result = cli("score", str(answers), "--pack", str(pack), "-f", "json")
    assert result.exit_code == 0, result.output
    change = json.loads(result.stdout)["version_change"]
    assert change["new_declared"] is False
    assert "unanswered (new, or left blank: the pack does not list what is new)" in change["note"]


def test_batch_notes_the_version_and_lists_misfits_in_errors(cli, tmp_path, pack) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    _write(inputs, "old.yaml", OLD_YAML)
    _write(inputs, "misfit.yaml", OLD_YAML.replace("has_erp: true", "has_erp: true\n  gone: 1"))
    out = tmp_path / "out"
    result = cli("batch", str(inputs), "-o", str(out), "--pack", str(pack), "--jobs", "1")
    assert result.exit_code == 1, result.output
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [Path(r["source"]).name for r in rows] == ["old.yaml"]
    assert "Answered for version 1.0.0, scored against 1.1.0" in rows[0]["notes"]
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as handle:
        errors = list(csv.DictReader(handle))
    assert "given for version 1.0.0, this pack is 1.1.0" in errors[0]["error"]
    assert "gone: no such question" in errors[0]["problems"]


BUILTIN_1_0_0 = Path(__file__).parents[1] / "fixtures" / "answers" / "auto_parts_1_0_0.yaml"


def test_answers_for_the_built_in_pack_1_0_0_are_scored_with_every_change_said(cli) -> None:
    """An owner's answers from before the pack moved to MIIT's questions: scored, and the note
    says which questions are new, which answer could not be carried over and which questions
    changed meaning while keeping their ids (the 1.1.0 scenario ladders, outcome windows)."""
    before = BUILTIN_1_0_0.read_bytes()
    result = cli("score", str(BUILTIN_1_0_0), "--format", "json")
    assert result.exit_code == 0, result.output
    change = json.loads(result.stdout)["version_change"]
    assert change["answered_for"] == "1.0.0"
    assert "machines_total" in change["new_unanswered"] and change["no_longer_fit"] == []
    said = " ".join(change["migrated"])
    assert "equipment_digitised: not carried over" in said
    assert "sc_quality: carried over as given, but its wording changed" in said
    assert "out_yield: carried over as given" in said and "before and after" in said
    # traceability asks the time only since 1.1.0: "in a system, hours" is "within the day"
    assert "system_hours" in said and "same_day" in said
    # 1.2.0's changes reach 1.0.0 answers too (each migration goes straight to this version)
    assert "question erp_integration is now erp_shopfloor_data" in said
    assert "systems_in_use: carried over as given" in said and "no longer scored" in said
    # and 1.3.0's: the cloud no longer counts as a network; and 1.4.0's: tools_in_use is new
    assert "tools_in_use" in change["new_unanswered"]
    assert "network_build: carried over as given" in said and "scores nothing now" in said
    assert BUILTIN_1_0_0.read_bytes() == before  # the input is never rewritten
    zh = cli("score", str(BUILTIN_1_0_0), "--lang", "zh")
    assert zh.exit_code == 0
    flat = zh.output.replace("\n", "").replace(" ", "")
    assert "答案按1.0.0版填写，按1.7.0版评分" in flat and "请核对" in flat


BUILTIN_1_1_0 = Path(__file__).parents[1] / "fixtures" / "answers" / "auto_parts_1_1_0.yaml"
PERSONA = Path(__file__).parents[1] / "fixtures" / "personas" / "auto_parts.yaml"


def test_answers_for_the_built_in_pack_1_1_0_are_scored_and_unscored_answers_kept(cli) -> None:
    """1.2.0 stopped scoring the systems ticked, the know-how and the online-channel questions
    and narrowed the ERP question: answers saved for 1.1.0 still score, say so, and keep the
    answers that are no longer scored (they still decide what the plan calls in place)."""
    before = BUILTIN_1_1_0.read_bytes()
    result = cli("score", str(BUILTIN_1_1_0), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    change = data["version_change"]
    assert change["answered_for"] == "1.1.0" and change["scored_against"] == "1.7.0"
    assert change["new_unanswered"] == ["production_tooling", "plant_processes", "tools_in_use"]
    assert change["no_longer_fit"] == []
    said = " ".join(change["migrated"])
    assert "question erp_integration is now erp_shopfloor_data" in said
    assert "erp_shopfloor_data: option 'integrated' is now 'interface'" in said
    for qid in ("systems_in_use", "know_how", "online_channels", "data_integration"):
        assert f"{qid}: carried over as given" in said, qid
    assert BUILTIN_1_1_0.read_bytes() == before  # the input is never rewritten
    # the unscored answers are kept: the MES, WMS and PDM it ticked are not sold to it again
    plan = {r["solution"] for r in data["recommendations"]}
    assert not plan & {"mes_lite", "wms_handheld", "cloud_erp"}
    # and they score as the same firm answering 1.7.0 does (the persona, saved for 1.7.0)
    now = json.loads(cli("score", str(PERSONA), "--format", "json").stdout)
    assert now["version_change"] is None
    assert data["categories"] == now["categories"] and data["overall"] == now["overall"]
    zh = cli("score", str(BUILTIN_1_1_0), "--lang", "zh")
    flat = zh.output.replace("\n", "").replace(" ", "")
    assert "答案按1.1.0版填写，按1.7.0版评分" in flat and "不再打分" in flat


BUILTIN_1_2_0 = (
    Path(__file__).parents[1] / "fixtures" / "answers" / "job_shop_work_order_app_1_2_0.yaml"
)


def test_answers_for_the_built_in_pack_1_2_0_keep_every_answer_and_say_what_is_new(
    cli, tmp_path: Path
) -> None:
    """1.3.0 asks the shop-floor coverage of work-order app users too and stops scoring the
    cloud as a network: a job shop with a work-order app that saved its answers under 1.2.0
    is scored, told the coverage question is new and unanswered, told the network question
    changed, and keeps every answer it gave. (1.4.0 asks tools_in_use, new to it too: the files
    it keeps in a cloud drive no longer count as its servers moved to the cloud.)"""
    before = BUILTIN_1_2_0.read_bytes()
    result = cli("score", str(BUILTIN_1_2_0), "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    change = data["version_change"]
    assert change["answered_for"] == "1.2.0" and change["scored_against"] == "1.7.0"
    assert change["new_declared"] is True
    assert change["new_unanswered"] == [
        "production_tooling",
        "plant_processes",
        "tools_in_use",
        "mes_coverage",
    ]
    assert change["no_longer_fit"] == []
    said = " ".join(change["migrated"])
    assert "network_build: carried over as given" in said and "cloud" in said
    assert BUILTIN_1_2_0.read_bytes() == before  # the input is never rewritten
    # nothing is left out of the answers: the version note is the only entry, and the scores
    # are those of the same answers saved for 1.4.0 (every answer carried over as given)
    # the two retrofit comparisons are not asked of a firm that has not started (since
    # 2026-11-30): its "n/a" to them is set aside, and said
    assert [x.split(":")[0] for x in data["ignored"]] == [
        "out_energy_per_revenue",
        "out_yield",
        "questionnaire_version",
    ]
    doc = yaml.safe_load(before.decode("utf-8"))
    assert "cloud" in doc["answers"]["network_build"]
    doc["questionnaire_version"] = "1.7.0"
    now = tmp_path / "now.json"
    now.write_text(json.dumps(doc, default=str), encoding="utf-8")
    same = json.loads(cli("score", str(now), "--format", "json", "--lang", "en").stdout)
    assert same["version_change"] is None
    assert data["categories"] == same["categories"] and data["overall"] == same["overall"]
    plan = {r["solution"] for r in data["recommendations"]}
    assert "scan_reporting" not in plan  # the work-order app reports by scanning
    zh = cli("score", str(BUILTIN_1_2_0), "--lang", "zh")
    flat = zh.output.replace("\n", "").replace(" ", "")
    assert "答案按1.2.0版填写，按1.7.0版评分" in flat and "mes_coverage" in flat


BUILTIN_1_3_0 = (
    Path(__file__).parents[1] / "fixtures" / "answers" / "electronics_assembler_1_3_0.yaml"
)
PERSONA_1_4_0 = Path(__file__).parents[1] / "fixtures" / "personas" / "electronics_assembler.yaml"


def test_answers_for_the_built_in_pack_1_3_0_keep_every_answer_and_claim_nothing_new(
    cli, tmp_path: Path
) -> None:
    """1.4.0 asks what the plan could not tell (tools_in_use): answers saved for 1.3.0 score as
    before, keep every answer, are told the question is new and unanswered and that the
    cloud tick no longer says the servers have moved, and get nothing in place from it."""
    before = BUILTIN_1_3_0.read_bytes()
    result = cli("score", str(BUILTIN_1_3_0), "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    change = data["version_change"]
    assert change["answered_for"] == "1.3.0" and change["scored_against"] == "1.7.0"
    assert change["new_unanswered"] == ["production_tooling", "plant_processes", "tools_in_use"]
    assert change["no_longer_fit"] == []
    said = " ".join(change["migrated"])
    assert "network_build: carried over as given" in said
    assert "“Which of these are in daily use?”" in said  # the question, not its id
    assert [x.split(":")[0] for x in data["ignored"]] == ["questionnaire_version"]
    assert BUILTIN_1_3_0.read_bytes() == before  # the input is never rewritten
    # the same firm answering 1.4.0 (it says everything is in the cloud) scores the same:
    # the new question is not scored
    now = json.loads(cli("score", str(PERSONA_1_4_0), "--format", "json").stdout)
    assert now["version_change"] is None
    assert data["categories"] == now["categories"] and data["overall"] == now["overall"]
    # the "cloud" tick alone no longer puts the move to the cloud in place (catalogue 1.1.0
    # said it was): it is planned; with everything in the cloud said, it is not
    assert "cloud_migration" in {r["solution"] for r in data["recommendations"]}
    assert "cloud_migration" not in {r["solution"] for r in now["recommendations"]}
    zh = cli("score", str(BUILTIN_1_3_0), "--lang", "zh")
    flat = zh.output.replace("\n", "").replace(" ", "")
    assert "答案按1.3.0版填写，按1.7.0版评分" in flat and "tools_in_use" in flat


def test_answers_for_the_built_in_pack_1_4_0_are_scored_with_the_tooling_question_unasked(
    cli, tmp_path: Path
) -> None:
    """1.5.0 asks which machines and tooling a plant depends on: answers saved for 1.4.0 score
    exactly as before (the question is not scored), say it is new and unanswered, apply no
    migration, and the DNC step says it was offered by sector alone (never guessed)."""
    doc = yaml.safe_load(
        (Path(__file__).parents[1] / "fixtures" / "personas" / "job_shop.yaml").read_text(
            encoding="utf-8"
        )
    )
    doc["questionnaire_version"] = "1.4.0"
    del doc["answers"]["production_tooling"]
    del doc["answers"]["plant_processes"]  # pack 1.7.0's: no 1.4.0 answer has it
    old = tmp_path / "old.json"
    old.write_text(json.dumps(doc, default=str), encoding="utf-8")
    data = json.loads(cli("score", str(old), "--format", "json", "--lang", "en").stdout)
    change = data["version_change"]
    assert change["answered_for"] == "1.4.0" and change["scored_against"] == "1.7.0"
    assert change["new_unanswered"] == ["production_tooling", "plant_processes"]
    assert change["migrated"] == []
    now = json.loads(
        cli(
            "score",
            str(Path(__file__).parents[1] / "fixtures" / "personas" / "job_shop.yaml"),
            "--format",
            "json",
            "--lang",
            "en",
        ).stdout
    )
    assert data["categories"] == now["categories"] and data["overall"] == now["overall"]
    dnc = next(r for r in data["recommendations"] if r["solution"] == "cnc_program_tools")
    assert any("offered by your sector alone" in x["text"] for x in dnc["reasons"])
    dnc_now = next(r for r in now["recommendations"] if r["solution"] == "cnc_program_tools")
    assert not any("offered by your sector alone" in x["text"] for x in dnc_now["reasons"])


FIRMS = Path(__file__).parents[1] / "fixtures" / "firms"


def _as_1_5_0(tmp_path: Path, firm: str, **answers: object) -> tuple[Path, Path]:
    """The firm's answers saved for pack 1.5.0 (no changeover question; production_tooling as
    given), and the same firm answering 1.7.0 with ``answers``."""
    doc = yaml.safe_load((FIRMS / f"{firm}.yaml").read_text(encoding="utf-8"))
    doc["answers"].pop("changeover_practice", None)
    old = dict(doc, questionnaire_version="1.5.0")
    path_old = tmp_path / f"{firm}_1_5_0.json"
    path_old.write_text(json.dumps(old, default=str), encoding="utf-8")
    doc["answers"].update(answers)
    path_now = tmp_path / f"{firm}_1_6_0.json"
    path_now.write_text(json.dumps(doc, default=str), encoding="utf-8")
    return path_old, path_now


def test_answers_for_the_built_in_pack_1_5_0_score_with_the_changeover_question_said_new(
    cli, tmp_path: Path
) -> None:
    """1.6.0 asks die and mould plants how changes and tryouts run, and lists SMT lines among
    the machines: an injection moulder's answers saved for 1.5.0 score exactly as before (the
    question is not scored), say it is new and unanswered and what the tooling answer can no
    longer tell, and keep quick die change and tryout records with the plan saying the
    question is unanswered (never taken as done); the same plant answering that it times its
    changes, has quick-change set-ups and records its tryouts is told to start neither."""
    old, now = _as_1_5_0(
        tmp_path,
        "injection_moulder",
        changeover_practice=["changeover_timed", "quick_change", "tryout_records"],
    )
    data = json.loads(cli("score", str(old), "--format", "json", "--lang", "en").stdout)
    change = data["version_change"]
    assert change["answered_for"] == "1.5.0" and change["scored_against"] == "1.7.0"
    assert change["new_unanswered"] == ["changeover_practice", "plant_processes"]
    assert change["no_longer_fit"] == []
    said = " ".join(change["migrated"])
    assert "production_tooling: carried over as given" in said and "SMT lines" in said
    plan = {r["solution"]: r for r in data["recommendations"]}
    for sid in ("quick_die_change", "die_tryout_records"):
        texts = " ".join(x["text"] for x in plan[sid]["reasons"])
        assert "your answers do not cover “How are die and mould changes and" in texts, sid
    done = json.loads(cli("score", str(now), "--format", "json", "--lang", "en").stdout)
    assert done["version_change"] is None
    assert done["categories"] == data["categories"] and done["overall"] == data["overall"]
    steps = {r["solution"] for r in done["recommendations"]}
    assert not steps & {"quick_die_change", "die_tryout_records"}
    zh = cli("score", str(old), "--lang", "zh")
    assert zh.exit_code == 0
    flat = zh.output.replace("\n", "").replace(" ", "")
    assert "答案按1.5.0版填写，按1.7.0版评分" in flat and "贴片线" in flat


def test_an_ems_plant_that_ticks_smt_lines_gets_feeder_checks_and_a_battery_assembler_not(
    cli, tmp_path: Path
) -> None:
    """The SMT step went to every electronics plant by sector, with a note that a bare-board
    maker or battery-pack assembler should skip it. Now the machines answer decides: an
    electronics plant that ticks SMT lines (reels checked by eye) gets it, one that says it
    runs none of the listed machines does not. Its 1.5.0 answers could not list SMT lines:
    the step stays, with a caution naming them, and the note says why."""
    saved, ticked = _as_1_5_0(
        tmp_path, "battery_pack_assembly_en", production_tooling=["smt_lines"]
    )
    data = json.loads(cli("score", str(ticked), "--format", "json", "--lang", "en").stdout)
    steps = {r["solution"]: r for r in data["recommendations"]}
    assert "smt_traceability" in steps
    assert not any("skip it" in x["text"] for x in steps["smt_traceability"]["reasons"])
    fixture = FIRMS / "battery_pack_assembly_en.yaml"
    none = json.loads(cli("score", str(fixture), "--format", "json", "--lang", "en").stdout)
    assert "smt_traceability" not in {r["solution"] for r in none["recommendations"]}
    old = json.loads(cli("score", str(saved), "--format", "json", "--lang", "en").stdout)
    kept = {r["solution"]: r for r in old["recommendations"]}["smt_traceability"]
    assert any(x["code"] == "option_unasked" for x in kept["reasons"])
    said = " ".join(old["version_change"]["migrated"])
    assert "keeps SMT feeder checks and reel tracing with a caution" in said
    assert "tick SMT lines" in said

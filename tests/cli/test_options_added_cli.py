"""Pack 1.6.0 added 'SMT lines' to the machines question (production_tooling): answers given
for 1.5.0 could not tick it, so whether the plant runs SMT lines is unknown, not "no" (the
1.5.0 migration's options_added). As a user meets it in score (terminal and JSON) and report:
the SMT step stays in the plan with a caution where the machines answer would decide it, the
same answers given for 1.6.0 without SMT lines leave it out, and the option not asked is
said once, in English and Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

PERSONAS = Path(__file__).parents[1] / "fixtures" / "personas"
FIRMS = Path(__file__).parents[1] / "fixtures" / "firms"
CAUTION = (
    "your answers do not say whether you have “SMT lines placing components on boards "
    "(placement machines, reflow)”"
)


def _saved(tmp_path: Path, fixture: Path, version: str, **answers: object) -> Path:
    doc = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    doc["answers"].update(answers)
    doc["answers"].pop("changeover_practice", None)  # not asked by 1.5.0
    doc["questionnaire_version"] = version
    path = tmp_path / f"{fixture.stem}_{version}.json"
    path.write_text(json.dumps(doc, default=str), encoding="utf-8")
    return path


def _score(cli, path: Path) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(cli("score", str(path), "--format", "json", "--lang", "en").stdout)


def _smt(data: dict) -> dict | None:
    return next((r for r in data["recommendations"] if r["solution"] == "smt_traceability"), None)


def test_an_smt_assembler_s_1_5_0_answers_keep_the_smt_step_with_a_caution(
    cli, tmp_path: Path
) -> None:
    """An electronics assembler that places boards on SMT lines and also runs CNC machines
    answered 1.5.0's machines question with CNC alone (SMT lines were not listed): its plan
    keeps SMT feeder checks, cautioned; given for 1.6.0, the same CNC-only answer says it
    runs no SMT line, and the step is left out. Scores are the same: the question is not
    scored."""
    fixture = PERSONAS / "electronics_assembler.yaml"
    old = _score(cli, _saved(tmp_path, fixture, "1.5.0", production_tooling=["cnc"]))
    now = _score(cli, _saved(tmp_path, fixture, "1.6.0", production_tooling=["cnc"]))
    step = _smt(old)
    assert step is not None
    cautions = [r for r in step["reasons"] if r["code"] == "option_unasked"]
    assert len(cautions) == 1 and CAUTION in cautions[0]["text"]
    assert cautions[0]["params"] == {"options": ["smt_lines"], "question": "production_tooling"}
    assert _smt(now) is None
    assert old["overall"] == now["overall"] and old["categories"] == now["categories"]
    change = old["version_change"]
    assert change["options_not_asked"] == {"production_tooling": ["smt_lines"]}
    said = " ".join(change["migrated"])
    assert "keeps SMT feeder checks and reel tracing with a caution" in said
    assert "takes it that you run none" not in said
    # said once: the pack's own note on the question, not the tool's sentence besides
    assert change["note"].count("it lists SMT lines now") == 1
    assert "did not list" not in change["note"]


def test_the_caution_is_in_the_short_terminal_view_and_the_report_in_both_languages(
    cli, tmp_path: Path
) -> None:
    path = _saved(
        tmp_path, PERSONAS / "electronics_assembler.yaml", "1.5.0", production_tooling=["cnc"]
    )
    en = cli("score", str(path), "--lang", "en")
    assert en.exit_code == 0
    flat = " ".join(en.output.split())
    assert "your answers do not say whether you have “SMT lines" in flat
    zh = cli("score", str(path), "--lang", "zh")
    flat_zh = "".join(zh.output.split()).replace("│", "")
    assert "您的答案没有说明有没有“SMT贴片线" in flat_zh
    assert "行动计划不知道您有没有贴片线" in flat_zh
    out = tmp_path / "r.md"
    assert cli("report", str(path), "-o", str(out), "--lang", "en").exit_code == 0
    report = " ".join(out.read_text(encoding="utf-8").split())
    assert "your answers do not say whether you have “SMT lines" in report
    assert "until it is answered again the plan does not know whether you run any" in report


def test_a_battery_assembler_that_ticked_none_of_1_5_0_s_machines_keeps_it_cautioned(
    cli, tmp_path: Path
) -> None:
    """'None of these' for 1.5.0 was none of 1.5.0's machines: SMT lines are still unknown,
    so the SMT step stays (it is an electronics plant), cautioned; for 1.6.0 it is out."""
    fixture = FIRMS / "battery_pack_assembly_en.yaml"
    old = _score(cli, _saved(tmp_path, fixture, "1.5.0"))
    step = _smt(old)
    assert step is not None and any(r["code"] == "option_unasked" for r in step["reasons"])
    assert _smt(_score(cli, fixture)) is None


def test_a_1_5_0_file_the_option_decides_nothing_for_plans_as_for_1_6_0(
    cli, tmp_path: Path
) -> None:
    """A CNC job shop (metal products): SMT lines decide no step of its plan, so its 1.5.0
    answers plan exactly as for 1.6.0, with no caution, and the option not asked is still
    named in the note (in Chinese too)."""
    fixture = PERSONAS / "job_shop.yaml"
    old = _score(cli, _saved(tmp_path, fixture, "1.5.0"))
    now = _score(cli, _saved(tmp_path, fixture, "1.6.0"))
    assert old["recommendations"] == now["recommendations"]
    assert old["overall"] == now["overall"]
    assert old["version_change"]["options_not_asked"] == {"production_tooling": ["smt_lines"]}
    zh = cli("score", str(_saved(tmp_path, fixture, "1.5.0")), "--lang", "zh")
    assert "在重新回答这题之前" in "".join(zh.output.split())


def test_a_table_with_no_column_for_an_option_and_a_1_5_0_file_are_the_same_fact(
    cli, tmp_path: Path
) -> None:
    """Answers for 1.6.0 that say SMT lines were never asked (options_not_asked: what a
    survey table with no column for them gives) plan as the same answers given for 1.5.0:
    the SMT step kept, with the same caution."""
    fixture = PERSONAS / "electronics_assembler.yaml"
    old = _score(cli, _saved(tmp_path, fixture, "1.5.0", production_tooling=["cnc"]))
    doc = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    doc["answers"].update(production_tooling=["cnc"])
    doc["answers"].pop("changeover_practice", None)
    doc["options_not_asked"] = {"production_tooling": ["smt_lines"]}
    path = tmp_path / "table_row.json"
    path.write_text(json.dumps(doc, default=str), encoding="utf-8")
    now = _score(cli, path)
    assert now["recommendations"] == old["recommendations"]
    assert _smt(now) is not None


def test_options_not_asked_that_name_no_option_are_one_line_each_at_the_field(
    cli, tmp_path: Path
) -> None:
    text = (PERSONAS / "electronics_assembler.yaml").read_text(encoding="utf-8")
    text += "options_not_asked:\n  production_toolin: [smt_lines]\n  company_size: [small]\n"
    text += "  production_tooling: [smt_line]\n"
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("score", str(path))
    assert result.exit_code == 2
    line = len(text.splitlines()) - 3
    said = [x.strip() for x in result.output.splitlines() if "options_not_asked:" in x]
    assert said == [
        f"{path}:{line}:1: options_not_asked: 'production_toolin' is not a question of this "
        "questionnaire: its options cannot be named",
        f"{path}:{line}:1: options_not_asked: 'company_size' is a single_choice question, not "
        "a multiple-choice one: its options cannot be named",
        f"{path}:{line}:1: options_not_asked: 'production_tooling' has no option smt_line (cnc, "
        "injection_moulds, die_casting_dies, stamping_dies, forging_dies, extrusion_dies, "
        "smt_lines, none)",
    ]

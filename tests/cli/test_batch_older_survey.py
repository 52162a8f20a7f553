"""A survey export made from an earlier version of the built-in pack: it has no column for a
question the pack added since (pack 1.5.0: which machines and tooling the plant depends on).
Each firm is scored with that question said as not asked, not refused as a firm whose
office dropped a column; the blank answer sheet (`template`) has the new column."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from ..conftest import FIXTURES

NEW = "Which of these machines and tools does your firm's production depend on"


@pytest.fixture
def older_export() -> Path:
    """The committed LimeSurvey fixture was exported from pack 1.4.0: it has no column for
    the tooling question (the other platform fixtures are of that age too, and score as their
    answers files do: tests/e2e/test_platform_exports.py)."""
    source = FIXTURES / "platforms" / "limesurvey.csv"
    head = source.read_text(encoding="utf-8-sig").splitlines()[0]
    assert NEW not in head and "production_tooling" not in head
    return source


def test_an_export_older_than_the_tooling_question_scores_every_firm(
    cli, older_export: Path, tmp_path: Path
) -> None:
    result = cli("batch", str(older_export), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "0 could not be scored" in result.output
    lines = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20
    said = (
        "production_tooling: no column, and the pack added it after version 1.4.0: the "
        "survey may be older than the question, so it is scored as not asked"
    )
    for line in lines:
        record = json.loads(line)
        assert said in json.dumps(record, ensure_ascii=False), record.get("company")
    # the mapping check agrees: nothing that cannot be scored right
    checked = cli("batch", str(older_export), "--check-mapping")
    assert checked.exit_code == 0, checked.output
    assert "production_tooling" not in checked.output.split("questions with no column, not")[0]


def test_an_export_without_a_column_the_pack_always_had_is_still_refused(
    cli, tmp_path: Path
) -> None:
    """Only what the pack added since an earlier version is taken as not asked."""
    source = FIXTURES / "platforms" / "limesurvey.csv"
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    gone = "Which of these rules are written down and followed"  # digital_rules
    keep = [i for i, head in enumerate(rows[0]) if not head.startswith(gone)]
    out = tmp_path / "dropped.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[row[i] for i in keep] for row in rows])
    result = cli("batch", str(out), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "digital_rules: no column" in result.output


def test_the_blank_answer_sheet_has_the_tooling_question(cli, tmp_path: Path) -> None:
    out = tmp_path / "sheet.csv"
    result = cli("template", "--lang", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    head = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "production_tooling - Which of these machines and tools does your production" in head


def test_a_kobo_option_column_whose_label_holds_a_slash_is_read() -> None:
    """KoboToolbox heads an option's column "question/label": "CAD/CAM or cut-list
    software" was split at its own slash, so the column matched nothing and every firm's
    CAD/CAM tick was dropped without a word (the custom-furniture step reads it)."""
    from sme_assess.answer_io.mapping import Matcher
    from sme_assess.pack.loading import load_pack

    from ..conftest import PACKS

    matcher = Matcher(load_pack(PACKS / "manufacturing-sme").questionnaire)
    column = matcher.match_header(
        94, "Which of these systems are in daily use/CAD/CAM or cut-list software"
    )
    assert (column.kind, column.target, column.option) == ("option", "systems_in_use", "cad_cam")


def test_a_kobo_form_published_before_an_option_existed_says_the_option_was_not_read(
    cli, tmp_path: Path
) -> None:
    """Pack 1.6.0 added 'SMT lines' to the tooling question. A KoboToolbox survey published
    from 1.5.0 has one column per option of the question but none for SMT lines: whether a
    firm runs SMT lines is not known (never asked, as for answers given for 1.5.0), so the
    plan keeps the SMT step of these electronics plants with a caution, every firm that
    answered the question says so, the batch's closing lines count them, and
    --check-mapping names the question and the option (exit 1)."""
    import random

    from sme_assess.batch.lean import shape
    from sme_assess.pack.loading import load_pack
    from sme_assess.pack.locate import resolve_pack
    from sme_assess.publish.xlsform import build_xlsform
    from sme_assess.synthetic import random_answers

    from ..kobo_sim import kobo_csv

    q = load_pack(resolve_pack("manufacturing-sme")).questionnaire
    form = build_xlsform(q, q.default_language)
    smt = ("production_tooling", "smt_lines")
    form.choices = [c for c in form.choices if (c["list_name"], c["name"]) != smt]

    rnd = random.Random(7)
    firms = []
    for i in range(6):
        answers = dict(random_answers(q, rnd))
        answers["company_sector"] = "electronics"
        answers["production_tooling"] = ["cnc"] if i % 2 else ["none"]
        answers.pop("changeover_practice", None)
        firms.append((answers, {"company": f"Firm {i}", "date": "2026-05-01"}))
    export = tmp_path / "kobo_1_5_0.csv"
    export.write_bytes(kobo_csv(form, firms))

    check = cli("batch", str(export), "--check-mapping")
    assert check.exit_code == 1, check.stdout
    assert (
        "production_tooling: no column for its options smt_lines: not known in any row"
    ) in check.stdout
    assert "1 question with options that have no column" in check.stdout

    result = cli("batch", str(export), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert "6 respondents scored with options their table has no column for" in result.stdout
    said = (
        "production_tooling: the table has no column for 'smt_lines': whether the firm ticks "
        "them is not known"
    )
    notes = [row["notes"] for row in _summary(tmp_path / "out")]
    assert len(notes) == 6 and all(said in n for n in notes), notes
    lines = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    planned = 0
    for line in lines:
        record = json.loads(line)
        assert record["options_not_asked"] == {"production_tooling": ["smt_lines"]}
        steps = {r["solution"]: r for r in shape(record)["recommendations"]}
        if "smt_traceability" in steps:
            planned += 1
            codes = [x["code"] for x in steps["smt_traceability"]["reasons"]]
            assert "option_unasked" in codes, codes
    assert planned, "an electronics plant not known to run no SMT line keeps the step"

    # the same survey with every option has nothing to say about options
    whole = tmp_path / "kobo_whole.csv"
    whole.write_bytes(kobo_csv(build_xlsform(q, q.default_language), firms))
    again = cli("batch", str(whole), "-o", str(tmp_path / "out2"), "--jobs", "1")
    assert "no column for" not in again.stdout
    assert not any("has no column for" in row["notes"] for row in _summary(tmp_path / "out2"))
    # where the survey asked it, CNC alone or none of these says no SMT line: the step is out
    lines = (tmp_path / "out2" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        steps = {r["solution"] for r in shape(json.loads(line))["recommendations"]}
        assert "smt_traceability" not in steps


def _summary(outdir: Path) -> list[dict[str, str]]:
    with (outdir / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))

"""Publish a pack as an XLSForm, fill it "on KoboToolbox", export, and score the export.

The export is built from the form itself (its field names, groups and choice names; see
tests/kobo_sim.py), so the test fails if the form names anything differently from what
`sme-assess batch` reads back. Every firm must score exactly as the same answers given as
answers files, with no mapping file.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from sme_assess.engine.visibility import visible_questions
from sme_assess.models import NA, UNKNOWN, Questionnaire
from sme_assess.models.questionnaire import MultipleChoiceQuestion
from sme_assess.pack.loading import load_pack
from sme_assess.pack.locate import resolve_pack
from sme_assess.publish.xlsform import build_xlsform
from sme_assess.synthetic import random_answers

from ..conftest import SAMPLE
from ..kobo_sim import kobo_csv

FIRMS = 40


def platform_answers(q: Questionnaire, rnd: random.Random) -> dict[str, Any]:
    """Random valid answers as a platform holds them: hidden questions are not asked, and
    an empty multiple choice is the same as no answer."""
    answers = random_answers(q, rnd)
    shown = {x.id for x in visible_questions(q, answers)}
    kept = {k: v for k, v in answers.items() if k in shown and v != []}
    # ticks in the form's order, as an export's one-column-per-option layout gives them back
    order = {
        x.id: [o.value for o in x.options]
        for x in q.questions()
        if isinstance(x, MultipleChoiceQuestion)
    }
    for qid, value in kept.items():
        if qid in order and isinstance(value, list):
            kept[qid] = sorted(value, key=order[qid].index)
    return kept


def results(folder: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for line in (folder / "results.jsonl").read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        company = data["respondent"]["company"]
        out[company] = data
    return out


def scores(data: dict[str, Any]) -> dict[str, Any]:
    """What a firm is told: levels, scores, coverage, pain points and the plan."""
    keep = {k: v for k, v in data.items() if k not in ("source", "row", "report", "respondent")}
    keep.pop("generated_at", None)
    return keep


@pytest.mark.parametrize("spec", ["manufacturing-sme", "sample"])
def test_kobo_export_of_the_published_form_scores_like_answers_files(
    spec: str, tmp_path: Path, cli: Any
) -> None:
    pack = resolve_pack(spec if spec != "sample" else str(SAMPLE))
    q = load_pack(pack).questionnaire
    form = build_xlsform(q, q.default_language)
    rnd = random.Random(20260501)
    firms = []
    answers_dir = tmp_path / "answers"
    answers_dir.mkdir()
    for i in range(FIRMS):
        answers = platform_answers(q, rnd)
        respondent = {"company": f"Firm {i:03d}", "date": "2026-05-01"}
        firms.append((answers, respondent))
        doc = {
            "questionnaire": q.id,
            "questionnaire_version": q.version,
            "respondent": respondent,
            "answers": answers,
        }
        (answers_dir / f"firm{i:03d}.json").write_text(json.dumps(doc), encoding="utf-8")
    given = [v for answers, _ in firms for v in answers.values()]
    assert NA in given and UNKNOWN in given, "the sample should exercise n/a and don't know"
    export = tmp_path / "kobo_export.csv"
    export.write_bytes(kobo_csv(form, firms))

    check = cli("batch", str(export), "--pack", str(pack), "--check-mapping")
    assert check.exit_code == 0, check.stdout + check.stderr
    from_kobo = cli("batch", str(export), "--pack", str(pack), "-o", str(tmp_path / "kobo"))
    assert from_kobo.exit_code == 0, from_kobo.stdout + from_kobo.stderr
    from_files = cli("batch", str(answers_dir), "--pack", str(pack), "-o", str(tmp_path / "files"))
    assert from_files.exit_code == 0, from_files.stdout + from_files.stderr

    kobo, files = results(tmp_path / "kobo"), results(tmp_path / "files")
    assert sorted(kobo) == sorted(files) == [f"Firm {i:03d}" for i in range(FIRMS)]
    for company in files:
        assert scores(kobo[company]) == scores(files[company]), company

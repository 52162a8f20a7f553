"""Lean results.jsonl lines: at most 5 KB a firm on average with the built-in pack (every
persona within it; random synthetic firms ~4.7 KB on average, the rare one that ticks many
options of many multi-choice questions a little over, never past 6 KB), and read back to the
same summary row, names and plan as the full line."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.batch import outputs as out
from sme_assess.batch.lean import answers_of, expand, is_lean, lean_json, names, shape
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.models import Answers
from sme_assess.pack.loading import Pack, load_pack
from sme_assess.pack.locate import pack_for
from sme_assess.synthetic import random_answers
from sme_assess.wording.messages import Namer

PERSONAS = sorted((Path(__file__).parents[1] / "fixtures" / "personas").glob("*.yaml"))
BUDGET = 5 * 1024  # bytes per firm on average, the whole results.jsonl line
CEILING = 6 * 1024  # no single firm's line past this


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(pack_for("manufacturing-sme", None))


def line_of(pack: Pack, answers: Answers, source: str) -> tuple[str, str]:
    """The lean and the full results.jsonl line of a firm, as the batch writes them."""
    ev = evaluate(pack, answers, Options())
    profile = {"sector": ev.profile.sector, "size": ev.profile.size}
    lean = out.results_line(source, None, profile, "", lean_json(ev.result, answers), "")
    full = out.results_line(source, None, profile, "", ev.result.model_dump_json(), "")
    return lean, full


def synthetic(pack: Pack, n: int, seed: int) -> list[Answers]:
    q = pack.questionnaire
    rnd = random.Random(seed)
    return [
        Answers.model_validate(
            {
                "questionnaire": q.id,
                "respondent": {"company": f"Synthetic firm {i:06d}"},
                "answers": random_answers(q, rnd),
            }
        )
        for i in range(n)
    ]


def test_a_lean_line_is_5_kb_a_firm_on_average_and_a_tenth_of_the_full_one(pack: Pack) -> None:
    personas = [(load_answers(p), f"personas/{p.name}") for p in PERSONAS]
    assert len(PERSONAS) >= 5
    for answers, source in personas:
        lean, full = line_of(pack, answers, source)
        size = len(lean.encode("utf-8"))
        assert size <= BUDGET, f"{source}: {size} bytes"
        assert size * 4 < len(full.encode("utf-8"))
    sizes = []
    for i, answers in enumerate(synthetic(pack, 300, 11)):
        lean, full = line_of(pack, answers, f"answers/firm_{i:06d}.json")
        size = len(lean.encode("utf-8"))
        assert size <= CEILING, f"firm {i}: {size} bytes"
        assert size * 4 < len(full.encode("utf-8"))
        sizes.append(size)
    assert sum(sizes) / len(sizes) <= BUDGET


@pytest.mark.parametrize("persona", PERSONAS[:3], ids=lambda p: p.stem)
def test_the_summary_row_from_a_lean_line_is_the_full_lines(pack: Pack, persona: Path) -> None:
    """What the summary, cohort and --resume read from a line is the same in both forms."""
    q = pack.questionnaire
    answers = load_answers(persona)
    rows = []
    for line in line_of(pack, answers, "p.yaml"):
        parsed = out.parse_results_line(line)
        assert parsed is not None
        key, data, profile, report = parsed
        if is_lean(data):
            names(data, Namer(q, pack.catalogue, str(data["language"])))
        record = out.record_of(q, key[0], key[1], data, profile, report)
        rows.append((record.summary, record.facts))
    assert rows[0] == rows[1]


def test_a_lean_line_keeps_the_decisions_as_codes_and_the_answers(pack: Pack) -> None:
    answers = load_answers(PERSONAS[0])
    ev = evaluate(pack, answers, Options())
    data = json.loads(lean_json(ev.result, answers))
    assert answers_of(data).answers == answers.answers  # the answers as read: auditable
    shaped = shape(json.loads(json.dumps(data)))
    recs = ev.result.recommendations
    assert [r["solution"] for r in shaped["recommendations"]] == [r.solution for r in recs]
    assert [r["rank"] for r in shaped["recommendations"]] == [r.rank for r in recs]
    assert [[x["code"] for x in r["reasons"]] for r in shaped["recommendations"]] == [
        [x.code for x in r.reasons] for r in recs
    ]
    assert [
        (c["id"], c["score"], c["coverage"], c["confidence"]) for c in shaped["categories"]
    ] == [
        (c.id, c.score, c.coverage, c.confidence) for c in ev.result.categories
    ]  # a trailing 1.0 left out of a category's array comes back
    assert [p["id"] for p in shaped["pain_points"]] == [p.id for p in ev.result.pain_points]
    assert [e["points"] for e in shaped["estimates"]] == [e.points for e in ev.result.estimates]
    assert [r["phase"] for r in shaped["recommendations"]] == [r.phase for r in recs]
    assert shaped["overall"]["score"] == ev.result.overall.score


def test_expand_says_when_the_pack_no_longer_gives_the_lines_plan(pack: Pack) -> None:
    answers = load_answers(PERSONAS[1])
    data = json.loads(lean_json(evaluate(pack, answers, Options()).result, answers))
    assert expand(json.loads(json.dumps(data)), pack)["matches_line"] is True
    data["recommendations"] = data["recommendations"][1:]  # as if the catalogue had changed
    again = expand(data, pack)
    assert again["matches_line"] is False
    assert again["recommendations"][0]["reasons"][0]["text"]  # still rendered, flagged


def test_answers_of_an_earlier_version_score_again_from_their_line_as_the_batch_scored_them(
    pack: Pack,
) -> None:
    """Answers given for an earlier version of the pack are kept as given: the line says for
    which version, so scoring them again (batch --pdf, expand, explain) applies the pack's
    changes again instead of refusing the old question ids (every report of such a batch was
    lost: "1 problem in the answers")."""
    old = Path(__file__).parents[1] / "fixtures" / "answers" / "auto_parts_1_1_0.yaml"
    answers = load_answers(old)
    assert answers.questionnaire_version != pack.questionnaire.version
    ev = evaluate(pack, answers, Options())
    data = json.loads(lean_json(ev.result, answers))
    assert data["questionnaire_version"] == pack.questionnaire.version  # what scored it
    # and which catalogue made the plan (its version moves apart from the questionnaire's)
    assert data["catalogue_version"] == ev.result.catalogue_version == pack.catalogue.version
    again = answers_of(data)
    assert again.questionnaire_version == answers.questionnaire_version
    assert evaluate(pack, again, Options()).result.overall == ev.result.overall
    assert expand(data, pack)["matches_line"] is True


def test_a_short_form_firm_is_still_the_short_form_when_scored_again_from_its_line(
    pack: Pack,
) -> None:
    answers = load_answers(PERSONAS[0]).model_copy(update={"short_form": True})
    ev = evaluate(pack, answers, Options())
    data = json.loads(lean_json(ev.result, answers))
    again = answers_of(data)
    assert again.short_form is True
    full = expand(data, pack)
    assert full["short_form"] == json.loads(ev.result.model_dump_json())["short_form"]
    assert full["short_form"] is not None

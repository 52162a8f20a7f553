"""The engine's fast paths give the numbers the plain definitions give.

- the minimal reference scorer (benchmarks/reference.py, the floor of the speed benchmark)
  and the engine agree exactly on every category score and the overall score;
- the Result, built from plain dicts in one validation, is exactly what validating its own
  JSON gives back (nothing was coerced differently or left out);
- a question's precomputed 0-1 score is the one ``points / max_points`` defines.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from types import ModuleType

import pytest

from sme_assess.engine.compiled import fraction_function, points
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.engine.scoring import assess, score_categories
from sme_assess.models import Answers
from sme_assess.models.result import Result
from sme_assess.pack.loading import load_pack
from sme_assess.pack.validation import max_points
from sme_assess.synthetic import random_answers

from ..conftest import PACKS, REPO


def _reference() -> ModuleType:
    path = REPO / "benchmarks" / "reference.py"
    spec = importlib.util.spec_from_file_location("sme_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sme_reference"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("pack_id", ["manufacturing-sme", "sample"])
def test_the_reference_scorer_and_the_engine_agree_on_every_category(pack_id: str) -> None:
    pack = load_pack(PACKS / pack_id)
    q = pack.questionnaire
    ref = _reference().Reference(q)
    rnd = random.Random(11)
    assessed = 0
    for _ in range(150):
        values = random_answers(q, rnd, skip=rnd.random() * 0.6, na=0.1, unknown=0.1)
        mine = score_categories(q, values)
        cats, overall, stage = ref.score(values)
        assert cats == {c.id: c.score for c in mine.categories}
        assert overall == mine.overall
        assert stage == assess(q, values).threshold_level
        assessed += sum(1 for s in cats.values() if s is not None)
    assert assessed > 100  # the comparison covered real scores, not only "not assessed"


def test_the_result_is_what_validating_its_json_gives_back() -> None:
    pack = load_pack(PACKS / "manufacturing-sme")
    q = pack.questionnaire
    rnd = random.Random(5)
    for i in range(30):
        answers = Answers.model_validate(
            {
                "questionnaire": q.id,
                "respondent": {"company": f"Firm {i}", "region": "Zhejiang"},
                "answers": random_answers(q, rnd),
            }
        )
        options = Options(lang="zh" if i % 2 else "en", target_level=3 if i % 3 == 0 else None)
        result = evaluate(pack, answers, options).result
        again = Result.model_validate_json(result.model_dump_json())
        assert again == result
        assert again.model_dump_json() == result.model_dump_json()


def test_precomputed_question_scores_match_their_definition() -> None:
    q = load_pack(PACKS / "manufacturing-sme").questionnaire
    rnd = random.Random(3)
    checked = 0
    for _ in range(40):
        for qid, value in random_answers(q, rnd, na=0, unknown=0).items():
            question = next(x for x in q.questions() if x.id == qid)
            top = max_points(question)
            if top <= 0:
                continue
            expected = max(0.0, min(1.0, points(question, value) / top))
            assert fraction_function(question)(value) == expected
            checked += 1
    assert checked > 1000

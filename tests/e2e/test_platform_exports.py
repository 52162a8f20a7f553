"""Every survey platform's export, as the platform lays it out, scores every firm exactly as
the same answers given as an answers file would (tests/fixtures/platforms/make_fixtures.py
writes the exports, with the questionnaire as an office re-types it)."""

from __future__ import annotations

import csv
import importlib.util
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from sme_assess.answer_io.intake import open_export
from sme_assess.answer_io.mapping import Matcher
from sme_assess.answer_io.platforms import by_name
from sme_assess.batch.work import answers_from
from sme_assess.engine.evaluation import Evaluation, evaluate
from sme_assess.models import Answers
from sme_assess.pack.loading import Pack, load_pack
from sme_assess.pack.locate import pack_for

from ..conftest import FIXTURES

PLATFORMS = FIXTURES / "platforms"
DETECTED = {
    "wjx_text.xlsx": ("wjx", 1),
    "wjx_quiz.xlsx": ("wjx", 1),
    "wjx_text_gb18030.csv": ("wjx", 1),
    "wjx_numbers.xlsx": ("wjx-numbers", 1),
    "tencent.xlsx": ("tencent", 1),
    "jinshuju.xlsx": ("jinshuju", 1),
    "google_forms_bom.csv": ("google", 1),
    "msforms.xlsx": ("msforms", 1),
    "surveymonkey.xlsx": ("surveymonkey", 2),
    "qualtrics.csv": ("qualtrics", 3),
    "kobo_labels.csv": ("kobo", 1),
    "kobo_xml_values.xlsx": ("kobo", 1),
    "limesurvey.csv": ("limesurvey", 1),
}


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("make_fixtures", PLATFORMS / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _quiz_maker() -> Any:
    spec = importlib.util.spec_from_file_location("make_quiz", PLATFORMS / "make_quiz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(pack_for(None, None))


def expected_of(lines: list[dict[str, Any]]) -> dict[str, dict[int, dict[str, Any]]]:
    out: dict[str, dict[int, dict[str, Any]]] = {}
    for item in lines:
        out.setdefault(item["file"], {})[item["row"]] = item
    return out


COMMITTED = expected_of(
    [json.loads(x) for x in (PLATFORMS / "answers.jsonl").read_text("utf-8").splitlines()]
)
# wjx_quiz.xlsx (make_quiz.py): wjx_text.xlsx's firms with the points wjx gave each answer
# beside it, "N、题目(分数)": they score as in wjx_text.xlsx, the points never read as answers
COMMITTED["wjx_quiz.xlsx"] = COMMITTED["wjx_text.xlsx"]


def scores(ev: Evaluation) -> tuple[Any, ...]:
    r = ev.result
    return (
        r.overall.score,
        r.overall.level,
        r.overall.coverage,
        tuple((c.id, c.score, c.coverage) for c in r.categories),
        tuple(x.solution for x in r.recommendations),
    )


def assert_every_firm_scores_as_its_answers_file(
    pack: Pack, folder: Path, name: str, expected: dict[int, dict[str, Any]]
) -> None:
    source = by_name("wjx-numbers") if name == "wjx_numbers.xlsx" else None
    matcher = Matcher(pack.questionnaire, source=source)
    export = open_export(folder / name, matcher)
    assert (export.platform.name, export.plan.header_rows) == DETECTED[name]
    seen = 0
    for number, cells in export.rows():
        firm = expected[number]  # a header row read as a firm would have no entry here
        read = matcher.row(export.plan, cells)
        assert read.header_like is None and read.missing == [], (name, number)
        assert read.doc["respondent"]["company"] == firm["company"]
        got = evaluate(pack, answers_from(read.doc))
        want = evaluate(
            pack,
            Answers.model_validate(
                {"questionnaire": pack.questionnaire.id, "answers": firm["answers"]}
            ),
        )
        assert scores(got) == scores(want), (name, number, firm["company"])
        seen += 1
    assert seen == len(expected) == 20


@pytest.mark.parametrize("name", sorted(DETECTED))
def test_every_firm_of_a_platform_export_scores_as_its_answers_file(pack: Pack, name: str) -> None:
    assert_every_firm_scores_as_its_answers_file(pack, PLATFORMS, name, COMMITTED[name])


def test_other_random_answers_in_every_layout_score_the_same(pack: Pack, tmp_path: Path) -> None:
    """The same with answers drawn at test time (not only the committed ones)."""
    expected = expected_of(_generator().build(tmp_path, count=20, seed=271))
    _quiz_maker().main(tmp_path)
    expected["wjx_quiz.xlsx"] = expected["wjx_text.xlsx"]
    for name in sorted(DETECTED):
        assert_every_firm_scores_as_its_answers_file(pack, tmp_path, name, expected[name])


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_batch_over_every_platform_scores_every_firm_right(
    cli, pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    exports = tmp_path / "exports"
    exports.mkdir()
    for name in DETECTED:
        if name != "wjx_numbers.xlsx":
            shutil.copy(PLATFORMS / name, exports / name)
    check = cli("batch", "--check-mapping", "exports")
    assert check.exit_code == 0, check.stdout
    for title in (
        "问卷星 (wjx)",
        "腾讯问卷",
        "金数据",
        "Google Forms",
        "Microsoft Forms",
        "SurveyMonkey",
        "Qualtrics",
        "KoboToolbox",
        "LimeSurvey",
    ):
        assert title in check.stdout
    result = cli("batch", "exports", "-o", "out", "--jobs", "2")
    assert result.exit_code == 0, result.output
    summary = read_csv(tmp_path / "out" / "summary.csv")
    assert len(summary) == 20 * (len(DETECTED) - 1)
    for row in summary:
        name = row["source"].removeprefix("exports/")
        firm = COMMITTED[name][int(row["row"])]
        want = evaluate(
            pack,
            Answers.model_validate(
                {"questionnaire": pack.questionnaire.id, "answers": firm["answers"]}
            ),
        )
        assert row["company"] == firm["company"]
        assert float(row["score"]) == want.result.overall.score, (name, row["row"])


def test_wjx_option_numbers_are_read_only_when_the_survey_came_from_this_questionnaire(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(PLATFORMS / "wjx_numbers.xlsx", tmp_path / "numbers.xlsx")
    check = cli("batch", "--check-mapping", "numbers.xlsx")
    assert check.exit_code == 1
    assert "holds option numbers" in check.stdout and "--source wjx-numbers" in check.stdout
    assert "required questions with no column" in check.stdout
    guessed = cli("batch", "numbers.xlsx", "-o", "out")
    assert guessed.exit_code == 1  # never a guess: every firm is in errors.csv, with why
    errors = read_csv(tmp_path / "out" / "errors.csv")
    assert len(errors) == 20 and not read_csv(tmp_path / "out" / "summary.csv")
    assert all("no column" in e["error"] for e in errors)
    told = cli("batch", "numbers.xlsx", "-o", "out2", "--source", "wjx-numbers")
    assert told.exit_code == 0, told.output
    assert len(read_csv(tmp_path / "out2" / "summary.csv")) == 20


def test_a_header_row_is_never_scored_as_a_firm(cli, tmp_path: Path, monkeypatch) -> None:
    """SurveyMonkey's second header row, when the platform is forced wrong."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(PLATFORMS / "surveymonkey.xlsx", tmp_path / "sm.xlsx")
    check = cli("batch", "--check-mapping", "sm.xlsx", "--source", "generic")
    assert check.exit_code == 1
    result = cli("batch", "sm.xlsx", "-o", "out", "--source", "generic", "--lenient")
    assert result.exit_code == 1
    errors = read_csv(tmp_path / "out" / "errors.csv")
    assert [e["row"] for e in errors if "header row" in e["error"]] == ["2"]
    assert all(r["row"] != "2" for r in read_csv(tmp_path / "out" / "summary.csv"))


def test_check_mapping_advice_is_only_advice_that_works(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "firms.csv").write_text(
        "企业名称,主要做什么产品？,厂里现在有哪些网络？,关键设备的产量、停机和报警，是怎么传到办公室的？\n"
        "甲厂,汽车零部件,1,信鸽\n乙厂,电子电器,0,信鸽\n",
        encoding="utf-8",
    )
    check = cli("batch", "--check-mapping", "firms.csv")
    assert check.exit_code == 1
    text = check.stdout
    # a column of ticks under a multiple choice: map the column to one option, not '1'
    assert "holds ticks (1/0) for one option: map its header to 'network_build/<option>'" in text
    assert "add it under 'network_build' in --mapping values" not in text
    # a label that is no option: mapping the value does read it
    assert "'信鸽' ×2" in text and "add it under 'machine_data' in --mapping values" in text
    assert "required questions with no column" in text and "company_size" in text
    (tmp_path / "map.yaml").write_text(
        "columns:\n  厂里现在有哪些网络？: network_build/office_lan\n"
        "values:\n  machine_data: {信鸽: paper}\n",
        encoding="utf-8",
    )
    lenient = cli("batch", "firms.csv", "-o", "out", "--mapping", "map.yaml", "--lenient")
    assert lenient.exit_code == 0, lenient.output
    assert "2 respondents scored with questions missing" in lenient.stdout
    notes = [r["notes"] for r in read_csv(tmp_path / "out" / "summary.csv")]
    assert all("scored without (no column): " in n and "company_size" in n for n in notes)

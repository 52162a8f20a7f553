"""The result screen at the end of `run` at 60 columns: what to do next first (the action
plan, then the plan's steps a few lines each), then the scores, ending with where the
answers and the report are. The plan's five-column table left a word or two a line there
("production-ma" | "nagement"); at 80 columns and more `run` shows what `score` shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from ..conftest import FIXTURES
from .driver import ENTER, run

pytestmark = pytest.mark.timeout(120)

PERSONA = FIXTURES / "personas" / "job_shop.yaml"
# the action plan, the steps, the scores' table, the answers and the report, in each language
WORDS = {
    "en": ("Action plan", "What to do", "Category", "Answers written to", "Report written to"),
    "zh": ("行动计划", "建议怎么做", "方面", "答案已保存到", "报告已生成"),
}


def _finish(tmp_path: Path, lang: str, columns: int) -> str:
    args = ["--resume", str(PERSONA), "--lang", lang, "--draft", str(tmp_path / "d.json")]
    result = run([*args, "-o", str(tmp_path / "r.md")], ENTER, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_at_60_columns_what_to_do_comes_first_and_the_paths_last(tmp_path: Path, lang: str) -> None:
    out = _finish(tmp_path, lang, 60)
    plan, steps, scores, answers, report = WORDS[lang]
    where = [out.index(x) for x in (plan, steps, scores, answers, report)]
    assert where == sorted(where), out
    lines = out.rstrip().splitlines()
    assert "".join(out[out.index(report) :].split()).endswith("r.md")  # the report path last
    assert all(cell_len(line) <= 60 for line in lines)
    # each step's name whole, on lines of its own, not cut into a narrow column
    if lang == "en":
        assert "production-management SaaS" in out and "production-ma │" not in out
    assert re.search(r"^ ?1\.  (Name a digital lead|明确数字化负责人)", out, re.M), out


def test_at_100_columns_run_shows_the_plan_table_as_score_does(tmp_path: Path) -> None:
    out = _finish(tmp_path, "en", 100)
    assert re.search(r"#\s+┃\s+┃\s+Cost\s+┃\s+Effort", out), out
    assert out.index("Category") < out.index("What to do")

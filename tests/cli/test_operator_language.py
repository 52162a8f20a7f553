"""`batch` and `validate` speak to the person at the terminal in the interface language
(SME_ASSESS_LANG, as --help), with real plural forms; `batch --lang` still chooses the
language of what is written for the firms (summary.xlsx), and errors.csv stays English."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl

from sme_assess.batch.summary_sheet import held_text

from ..conftest import SAMPLE

ZH = {"SME_ASSESS_LANG": "zh", "GITHUB_ACTIONS": "false"}
EN = {"SME_ASSESS_LANG": "en", "GITHUB_ACTIONS": "false"}


def test_batch_in_chinese_says_its_summary_notes_and_progress_in_chinese(cli, work: Path) -> None:
    result = cli("batch", "in", "-o", "out", "-p", str(SAMPLE), "--lang", "en", env=ZH)
    assert result.exit_code == 1, result.output
    assert "汇总中有 10 份答卷（本次评分 10 份），3 份无法评分 → out/" in result.stdout
    assert "评分中：已完成 13/13，3 份失败" in result.stdout
    assert "提示：跳过了 1 个既不是答卷也不是表格的文件：in/README.md" in result.stderr
    assert "in/google_bom.csv 第 5 行 (Pigeon Post Ltd)" in result.stderr
    assert "respondent" not in result.stdout and "(s)" not in result.output
    # what is written for people follows --lang; errors.csv keeps its English words
    sheet = openpyxl.load_workbook(work / "out" / "summary.xlsx").active
    assert "Company" in [c.value for c in sheet[1]]
    with (work / "out" / "errors.csv").open(encoding="utf-8-sig", newline="") as f:
        errors = {r["source"]: r["error"] for r in csv.DictReader(f)}
    assert errors["in/google_bom.csv"].startswith("1 problem in the answers")


def test_batch_in_english_says_one_and_two_respondents_and_files(cli, work: Path) -> None:
    one = cli("batch", "in/good.json", "-o", "one", "-p", str(SAMPLE), env=EN)
    assert one.exit_code == 0, one.output
    assert "1 respondent in the summary (1 scored now), 0 could not be scored" in one.stdout

    (work / "notes.txt").write_text("not answers", encoding="utf-8")
    shutil.copy(work / "in" / "good.json", work / "two.json")
    folder = work / "two"
    folder.mkdir()
    for name in ("in/good.json", "two.json", "in/README.md", "notes.txt"):
        shutil.copy(work / name, folder / Path(name).name.replace("good", "first"))
    two = cli("batch", str(folder), "-o", "out2", "-p", str(SAMPLE), env=EN)
    assert two.exit_code == 0, two.output
    assert "2 respondents in the summary (2 scored now), 0 could not be scored" in two.stdout
    assert "skipped 2 files that are neither answers nor tables" in two.stderr

    single = cli("batch", "in", "-o", "out3", "-p", str(SAMPLE), env=EN)
    assert "skipped 1 file that is neither answers nor a table: in/README.md" in single.stderr
    assert "(s)" not in single.output


def test_a_refusal_and_the_mapping_check_in_chinese(cli, work: Path) -> None:
    no_outdir = cli("batch", "in", "-p", str(SAMPLE), env=ZH)
    assert no_outdir.exit_code == 2
    assert "batch 需要 -o 输出文件夹（或 --check-mapping）" in no_outdir.stderr
    (work / "busy").mkdir()
    (work / "busy" / "mine.txt").write_text("x", encoding="utf-8")
    busy = cli("batch", "in/good.json", "-o", "busy", "-p", str(SAMPLE), env=ZH)
    assert busy.exit_code == 2
    assert "-o busy 不是空文件夹：用 --resume 继续之前的运行" in busy.stderr

    clean = cli("batch", "--check-mapping", "zh_google.csv", "-p", str(SAMPLE), env=ZH)
    assert clean.exit_code == 0, clean.output
    assert "✓ 每道必答题和计分题都有对应的列；每个值都能读取" in clean.stdout
    mixed = cli("batch", "--check-mapping", "in", "-p", str(SAMPLE), env=ZH)
    counts = (
        "1 个单元格的值不符合任何选项；0 行看起来像表头行；0 行无法确定地读取；2 个输入无法使用"
    )
    assert counts in mixed.stdout
    assert "答卷对应的问卷是“another-pack”，不是“sample”" in mixed.stdout
    english = cli("batch", "--check-mapping", "in", "-p", str(SAMPLE), env=EN)
    assert "1 cell with values that match no option; 0 rows that look like header rows" in (
        english.stdout
    )


def _broken(tmp_path: Path, name: str) -> Path:
    pack = tmp_path / name
    shutil.copytree(SAMPLE, pack)
    path = pack / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"has_erp == true"', '"has_epr == true"', 1), encoding="utf-8")
    return pack


def test_validate_counts_in_chinese_and_in_english_singular_and_plural(cli, tmp_path: Path) -> None:
    valid = cli("validate", str(SAMPLE), env=ZH)
    assert valid.exit_code == 0, valid.output
    assert "✓ 1 个问卷包有效：" in valid.stdout and "sample" in valid.stdout
    broken = _broken(tmp_path, "broken")
    zh = cli("validate", str(broken), env=ZH)
    assert zh.exit_code == 1
    assert "1 个问卷包中有 1 个错误、0 个警告" in zh.stdout
    en = cli("validate", str(broken), env=EN)
    assert "1 error, 0 warnings in 1 pack" in en.stdout
    both = cli("validate", str(broken), str(_broken(tmp_path, "again")), env=EN)
    assert "2 errors, 0 warnings in 2 packs" in both.stdout


def test_the_sheet_says_one_scenario_and_two_items_short() -> None:
    code = "L3: points-6.2,scenarios-1@3,mandatory-2@3"
    assert held_text(code, "en") == (
        "for level 3: 6.2 points short; 1 scenario short at rung 3; "
        "2 mandatory items short at rung 3"
    )
    assert held_text(code, "zh") == "距3级：差 6.2 分；第 3 级场景差 1 个；第 3 级必备项差 2 个"

"""A Chinese interface has no English left where a person reads it: the error prefix and the
file errors, a usage error and Typer's help extras, validate's findings, packs and doctor
(SME_ASSESS_LANG=zh); in English every one of them reads as before. Paths, ids, rule ids and
file:line:col stay as typed; validate's JSON stays English for machines."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import REPO, SAMPLE

ZH = {"SME_ASSESS_LANG": "zh", "GITHUB_ACTIONS": "false"}
EN = {"SME_ASSESS_LANG": "en", "GITHUB_ACTIONS": "false"}
SMALL = REPO / "tests" / "fixtures" / "answers" / "sample_small.yaml"
LANGUAGE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "SME_ASSESS_LANG")


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The tool as a user starts it (Click's words are read when the process starts)."""
    clean = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARS}
    clean.update({"COLUMNS": "200", **env})
    out = subprocess.run(
        [str(Path(sys.executable).with_name("sme-assess")), *args],
        capture_output=True,
        text=True,
        env=clean,
        cwd=REPO,
        check=False,
    )
    assert "Traceback" not in out.stderr
    return out


def test_a_missing_file_is_said_in_chinese_with_its_path_as_typed(cli, tmp_path: Path) -> None:
    missing = str(tmp_path / "无此文件.yaml")
    zh = cli("score", missing, env=ZH)
    assert zh.exit_code == 2
    assert zh.stderr.strip() == f"错误：{missing}: 文件不存在"
    en = cli("score", missing, env=EN)
    assert en.exit_code == 2
    assert en.stderr.strip() == f"error: {missing}: no such file"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_an_unreadable_file_is_said_in_chinese_with_the_reason(cli, tmp_path: Path) -> None:
    """/proc/self/mem cannot be read from its start (EIO), even by root: a real OS error."""
    link = tmp_path / "answers.yaml"
    link.symlink_to("/proc/self/mem")
    zh = cli("score", str(link), env=ZH)
    assert zh.exit_code == 2
    assert zh.stderr.strip() == f"错误：{link}: 无法读取：输入/输出错误"
    en = cli("score", str(link), env=EN)
    assert en.stderr.strip() == f"error: {link}: cannot read: Input/output error"


def test_a_file_that_cannot_be_written_is_said_in_chinese(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    target = str(blocker / "report.pdf")
    zh = cli("report", str(SMALL), "-o", target, env=ZH)
    assert zh.exit_code == 2
    assert zh.stderr.strip() == f"错误：{target}: 无法写入：路径中有一段是文件，不是文件夹"
    assert blocker.read_text(encoding="utf-8") == "x"
    en = cli("report", str(SMALL), "-o", target, env=EN)
    assert "error:" in en.stderr
    assert "cannot write: a part of this path is a file, not a folder" in en.stderr


def test_a_librarys_own_words_stay_as_said_inside_the_chinese_message(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    zh = cli("score", str(bad), env=ZH)
    assert zh.exit_code == 2
    assert zh.stderr.strip() == (
        f"错误：{bad}:1:2: 不是有效的 JSON：Expecting property name enclosed in double quotes"
    )
    en = cli("score", str(bad), env=EN)
    assert en.stderr.strip() == (
        f"error: {bad}:1:2: not valid JSON: Expecting property name enclosed in double quotes"
    )


def test_answers_that_do_not_fit_are_said_in_chinese_with_their_places(cli, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        "questionnaire: sample\nlanguage: zh\nanswers:\n  machine_data: pigeon\n  nosuch: 3\n",
        encoding="utf-8",
    )
    zh = cli("score", str(wrong), env=ZH)
    assert zh.exit_code == 2
    assert zh.stderr.splitlines() == [
        "错误：答卷中有2个问题；如仍要评分，请使用 --lenient",
        f"  {wrong}:4:3: machine_data: 'pigeon' 不是可选项（paper, spreadsheet, gateway）",
        f"  {wrong}:5:3: nosuch: 本问卷没有这道题",
    ]
    en = cli("score", str(wrong), env=EN)
    assert en.stderr.splitlines()[0] == (
        "error: 2 problems in the answers; use --lenient to score anyway"
    )
    assert f"  {wrong}:5:3: nosuch: no such question in this questionnaire" in en.stderr


def test_a_usage_error_is_all_chinese() -> None:
    zh = _run("score", "--bogus", SME_ASSESS_LANG="zh")
    assert zh.returncode == 2
    assert zh.stderr.splitlines() == [
        "用法：sme-assess score [选项] {ANSWERS}",
        "运行 'sme-assess score -h' 查看帮助。",
        "",
        "错误：没有这个选项：--bogus",
    ]
    missing = _run("validate", SME_ASSESS_LANG="zh")
    assert missing.returncode == 2 and "错误：缺少参数 'PATH...'。" in missing.stderr
    bad = _run("score", "x.yaml", "--format", "xml", SME_ASSESS_LANG="zh")
    assert "错误：'--format' / '-f' 的值无效：'xml' 不是 'table', 'json' 之一。" in bad.stderr
    typo = _run("scor", SME_ASSESS_LANG="zh")
    assert "错误：没有 'scor' 这个命令。是不是想用 'score'" in typo.stderr
    for out in (zh, missing, bad, typo):
        assert "Error" not in out.stderr and "Usage" not in out.stderr
        assert "Try " not in out.stderr


def test_a_usage_error_in_english_is_clicks_own() -> None:
    en = _run("score", "--bogus", LANG="C.UTF-8")
    assert en.returncode == 2
    assert en.stderr.splitlines() == [
        "Usage: sme-assess score [OPTIONS] {ANSWERS}",
        "Try 'sme-assess score -h' for help.",
        "",
        "Error: No such option: --bogus",
    ]


def test_help_says_typers_default_and_required_in_chinese() -> None:
    zh = _run("score", "--help", SME_ASSESS_LANG="zh").stdout
    assert "[必填]" in zh and "[默认：table]" in zh
    assert "required" not in zh and "default:" not in zh
    en = _run("score", "--help", LANG="C.UTF-8").stdout
    assert "[required]" in en and "[default: table]" in en


def _broken_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE, pack)
    path = pack / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('show_if: "has_erp == true"', 'show_if: "has_epr == true"', 1),
        encoding="utf-8",
    )
    return pack


def test_validate_findings_are_in_chinese_with_rule_and_place_as_written(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = _broken_pack(tmp_path)
    monkeypatch.chdir(tmp_path)
    zh = cli("validate", "pack", env=ZH)
    assert zh.exit_code == 1
    line = next(x for x in zh.stdout.splitlines() if "condition-unknown-name" in x)
    assert line.startswith("pack/questionnaire.yaml:")
    assert line.endswith("condition-unknown-name 'has_epr' 不是题目编号（是不是 'has_erp'？）")
    assert "1 个问卷包中有 1 个错误、0 个警告" in zh.stdout
    en = cli("validate", "pack", env=EN)
    assert "condition-unknown-name 'has_epr' is not a question id (did you mean 'has_erp'?)" in (
        en.stdout
    )
    # machines read English, whatever the interface language
    data = json.loads(cli("validate", "pack", "--format", "json", env=ZH).stdout)
    message = data["findings"][0]["message"]
    assert message == "'has_epr' is not a question id (did you mean 'has_erp'?)"
    github = cli("validate", "pack", "--format", "github", env=ZH).stdout
    assert "is not a question id" in github and "题目" not in github
    # a pack's findings listed under a command's error are said the same way
    score = cli("score", str(SMALL), "-p", str(pack), env=ZH)
    assert score.exit_code == 2
    assert "问卷包有 1 个错误；请对它运行 `sme-assess validate`" in score.stderr
    assert "condition-unknown-name 'has_epr' 不是题目编号" in score.stderr


def test_packs_table_and_narrow_list_are_in_chinese(cli) -> None:
    wide = cli("packs", env=ZH)
    assert wide.exit_code == 0
    assert "内置问卷包" in wide.stdout
    for heading in ("编号", "版本", "语言", "题目", "计分题", "解决方案", "标题"):
        assert heading in wide.stdout
    assert "Built-in packs" not in wide.stdout and "solutions" not in wide.stdout
    narrow = cli("packs", env={**ZH, "COLUMNS": "80"})
    assert "en, zh · 9 道题（6 道计分） · 4 个解决方案" in narrow.stdout
    en_narrow = cli("packs", env={**EN, "COLUMNS": "80"})
    assert "Built-in packs" in en_narrow.stdout
    assert "en, zh · 9 questions (6 scored) · 4 solutions" in en_narrow.stdout
    en_wide = cli("packs", env=EN)
    assert "Built-in packs" in en_wide.stdout and "solutions" in en_wide.stdout


def test_doctor_is_in_chinese(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from sme_assess.report import fonts

    monkeypatch.setattr(fonts, "fonts_for", lambda lang: () if lang == "zh" else ("Sans",))
    zh = cli("doctor", env=ZH)
    assert zh.exit_code == 1
    assert "'en' 的字体" in zh.stdout and "'zh' 的字体" in zh.stdout
    assert "缺少" in zh.stdout and "fontconfig 没有找到任何字体" in zh.stdout
    assert "解决：sudo apt-get install -y fonts-noto-cjk" in zh.stdout
    for english in ("fonts for", "missing", "fix:", " ok "):
        assert english not in zh.stdout
    en = cli("doctor", env=EN)
    assert "fonts for 'zh'" in en.stdout and "none found by fontconfig" in en.stdout
    assert "fix: sudo apt-get install -y fonts-noto-cjk" in en.stdout

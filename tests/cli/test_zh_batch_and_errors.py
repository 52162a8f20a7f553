"""A Chinese interface says the rest in Chinese: batch's per-file failure lines on the
terminal (errors.csv stays English, exact for scripts), the errors of files, usage, reports,
compare, export and the run, pydantic's words about a value and the YAML parser's frame, and
the metavars of the help (conventional uppercase names, the same in every language). In
English every line reads as before."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from ..conftest import REPO, SAMPLE

ZH = {"SME_ASSESS_LANG": "zh", "GITHUB_ACTIONS": "false"}
EN = {"SME_ASSESS_LANG": "en", "GITHUB_ACTIONS": "false"}
SMALL = REPO / "tests" / "fixtures" / "answers" / "sample_small.yaml"
JOB_SHOP = REPO / "tests" / "fixtures" / "personas" / "job_shop.yaml"
# every scored question of the sample pack has a column; machine_data twice, disagreeing
TWINS = (
    "company,machine_data,networked_share,sensors,has_erp,erp_age,daily_entry,machine_data\r\n"
    "Disagree,paper,20,counts,yes,3,week,gateway\r\n"
)


def _errors_csv(out: Path) -> dict[str, dict[str, str]]:
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["source"]: row for row in csv.DictReader(handle)}


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of inputs that each fail differently, and one that scores."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.yaml").write_bytes(SMALL.read_bytes())
    (folder / "bad.json").write_text("{", encoding="utf-8")
    (folder / "merged.csv").write_bytes(TWINS.encode("utf-8"))
    (folder / "short.csv").write_text("company,machine_data\r\nShort,paper\r\n", encoding="utf-8")
    (folder / "renamed.xlsx").write_bytes(b"PK not really a workbook")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")
    return folder


def _failure_lines(stderr: str) -> dict[str, str]:
    return {
        line.strip().split(":")[0].split(" ")[0]: line
        for line in stderr.splitlines()
        if line.startswith("  in/")
    }


def test_batch_failure_lines_are_chinese_on_the_terminal_and_english_in_errors_csv(
    cli, inputs: Path
) -> None:
    zh = cli("batch", "in", "-o", "out", "--pack", str(SAMPLE), "--jobs", "1", env=ZH)
    assert zh.exit_code == 1
    lines = _failure_lines(zh.stderr)
    assert lines["in/bad.json"] == (
        "  in/bad.json: 第 1 行第 2 列：不是有效的 JSON：Expecting property name enclosed in "
        "double quotes"
    )
    assert lines["in/merged.csv"].startswith(
        "  in/merged.csv 第 2 行 (Disagree): 有 1 道题在两列中的答案不同，无法正确评分"
    )
    assert lines["in/merged.csv"].endswith("; machine_data：B 列为 'paper'，H 列为 'gateway'")
    assert "问到的题目中有 3 道在此文件中没有对应的列" in lines["in/short.csv"]
    assert "networked_share：没有对应的列 （另有 2 条）" in lines["in/short.csv"]
    assert lines["in/renamed.xlsx"] == (
        "  in/renamed.xlsx: 不是可读取的 XLSX 工作簿：不是 zip 压缩包"
        "（文件已损坏，或是改了扩展名的其他格式）"
    )
    if hasattr(os, "mkfifo"):
        assert lines["in/pipe.yaml"] == (
            "  in/pipe.yaml: 不是普通文件（是命名管道、套接字或设备）：未读取"
        )
    for line in lines.values():
        for english in ("line ", "not ", "question", "column", "cannot"):
            assert english not in line.split(": ", 1)[1].replace("not_", ""), line
    # errors.csv is for scripts: English, whatever the interface language
    written = _errors_csv(inputs.parent / "out")
    assert written["in/bad.json"]["error"] == (
        "line 1:2: not valid JSON: Expecting property name enclosed in double quotes"
    )
    assert written["in/merged.csv"]["error"].startswith(
        "1 question answered differently in two columns, so it cannot be scored right"
    )
    assert written["in/merged.csv"]["problems"] == (
        "machine_data: column B says 'paper', column H says 'gateway'"
    )
    if hasattr(os, "mkfifo"):
        assert written["in/pipe.yaml"]["error"] == (
            "not a regular file (a named pipe, socket or device): not read"
        )


def test_batch_failure_lines_in_english_are_errors_csvs(cli, inputs: Path) -> None:
    en = cli("batch", "in", "-o", "out", "--pack", str(SAMPLE), "--jobs", "1", env=EN)
    assert en.exit_code == 1
    lines = _failure_lines(en.stderr)
    assert lines["in/bad.json"] == (
        "  in/bad.json: line 1:2: not valid JSON: Expecting property name enclosed in double quotes"
    )
    assert lines["in/merged.csv"].startswith(
        "  in/merged.csv row 2 (Disagree): 1 question answered differently in two columns"
    )
    assert lines["in/merged.csv"].endswith(
        "; machine_data: column B says 'paper', column H says 'gateway'"
    )


def test_the_mapping_check_says_unusable_inputs_and_twin_columns_in_chinese(
    cli, inputs: Path
) -> None:
    zh = cli("batch", "in", "--check-mapping", "--pack", str(SAMPLE), env=ZH)
    assert zh.exit_code == 1
    lines = [line.strip() for line in zh.stdout.splitlines()]
    assert "✗ in/bad.json: 不是有效的 JSON：Expecting property name enclosed in double quotes" in (
        lines
    )
    assert "✗ 第 2 行：machine_data：B 列为 'paper'，H 列为 'gateway'" in lines
    if hasattr(os, "mkfifo"):
        assert "✗ in/pipe.yaml: 不是普通文件（是命名管道、套接字或设备）：未读取" in lines
    en = cli("batch", "in", "--check-mapping", "--pack", str(SAMPLE), env=EN)
    assert "✗ row 2: machine_data: column B says 'paper', column H says 'gateway'" in [
        line.strip() for line in en.stdout.splitlines()
    ]


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (
            ("report", str(SMALL), "-o", "x.docx"),
            "错误：无法从 'x.docx' 判断格式；请用 --format pdf|html|md|json",
            "error: cannot tell the format from 'x.docx'; use --format pdf|html|md|json",
        ),
        (
            ("compare", str(SMALL), str(JOB_SHOP)),
            "错误：这些答卷属于不同的问卷（sample, manufacturing-sme）：compare 需要同一问卷的"
            "两次评估",
            "error: the answers are for different questionnaires (sample, manufacturing-sme): "
            "compare needs two assessments with the same questionnaire",
        ),
        (
            ("score", str(SMALL), "--target-level", "9"),
            "错误：--target-level 9 不是一个等级（0, 1, 2）",
            "error: --target-level 9 is not a level (0, 1, 2)",
        ),
        (
            ("explain", str(SMALL), "--category", "nosuch"),
            "错误：未知的类别 'nosuch'（类别有：equipment, data）",
            "error: unknown category 'nosuch' (categories: equipment, data)",
        ),
        (
            ("template", "-o", "-", "--format", "xlsx"),
            "错误：XLSX 模板不能输出到标准输出；请用 -o 文件",
            "error: an XLSX template cannot go to standard output; give -o FILE",
        ),
        (
            ("run",),
            "错误：`sme-assess run` 需要在终端中提问作答；如要在文件中作答，请从 "
            "`sme-assess template` 或一份答卷文件开始，再用 `sme-assess score` 或 "
            "`sme-assess report`",
            "error: `sme-assess run` asks questions and needs a terminal; to answer in a file, "
            "start from `sme-assess template` or an answers file and use `sme-assess score` or "
            "`sme-assess report`",
        ),
    ],
)
def test_usage_and_report_errors_are_said_in_chinese(
    cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    chinese: str,
    english: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    zh = cli(*args, env=ZH)
    assert zh.exit_code == 2
    assert zh.stderr.strip() == chinese
    en = cli(*args, env=EN)
    assert en.exit_code == 2
    assert en.stderr.strip() == english


def test_a_template_folder_without_the_template_is_said_in_chinese(cli, tmp_path: Path) -> None:
    folder = tmp_path / "brand"
    folder.mkdir()
    zh = cli("report", str(SMALL), "-o", str(tmp_path / "r.pdf"), "--template", str(folder), env=ZH)
    assert zh.exit_code == 2
    assert zh.stderr.strip() == (
        f"错误：--template {folder}：文件夹中没有 report.html.j2（PDF 和 HTML 报告的样式由它定制；"
        "见 README 的 Branding 一节）"
    )
    assert not (tmp_path / "r.pdf").exists()


def test_a_language_the_pack_lacks_is_said_in_chinese(cli) -> None:
    zh = cli("score", str(SMALL), "--lang", "fr", env=ZH)
    assert zh.exit_code == 2
    assert zh.stderr.strip().startswith("错误：--lang fr：问卷包 'sample' 只有 en, zh 版本")
    en = cli("score", str(SMALL), "--lang", "fr", env=EN)
    assert en.stderr.strip().startswith("error: --lang fr: the pack 'sample' is in en, zh only")


def test_pydantics_words_and_an_unknown_key_are_said_in_chinese(cli, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("questionnaire: 3\nrespondent: 5\nanswers: []\nextra: 1\n", encoding="utf-8")
    zh = cli("score", str(wrong), env=ZH)
    assert zh.exit_code == 2
    assert zh.stderr.splitlines() == [
        f"错误：{wrong}: 不是有效的答卷文件",
        f"  {wrong}:1:16: questionnaire：应为文字",
        f"  {wrong}:2:13: respondent：应为 Respondent 映射（键: 值）",
        f"  {wrong}:3:10: answers：应为映射（键: 值）",
        f"  {wrong}:4:1: 未知的键 'extra'",
    ]
    en = cli("score", str(wrong), env=EN)
    assert f"  {wrong}:1:16: questionnaire: Input should be a valid string" in en.stderr
    assert f"  {wrong}:4:1: unknown key 'extra'" in en.stderr


def test_the_yaml_parsers_words_stay_inside_a_chinese_frame(cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("questionnaire: sample\nanswers:\n  a: [1\n", encoding="utf-8")
    zh = cli("score", str(broken), env=ZH)
    assert zh.exit_code == 2
    assert zh.stderr.strip() == (
        f"错误：{broken}:4:1: YAML 语法错误：while parsing a flow sequence: did not find "
        "expected ',' or ']' [yaml-syntax]"
    )
    en = cli("score", str(broken), env=EN)
    assert en.stderr.strip() == (
        f"error: {broken}:4:1: while parsing a flow sequence: did not find expected ',' or "
        "']' [yaml-syntax]"
    )


def test_interrupted_outside_a_command_is_said_in_the_interface_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sme_assess.cli as cli_module
    from sme_assess.i18n import translator

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "app", interrupted)
    for lang, said in (("zh", "已中断"), ("en", "interrupted")):
        monkeypatch.setattr(cli_module, "_", translator(lang))  # the words of its start-up
        with pytest.raises(SystemExit) as ended:
            cli_module.main()
        assert ended.value.code == 130
        assert capsys.readouterr().err == said + "\n"


def test_help_names_pack_and_language_with_conventional_metavars(cli) -> None:
    for env in (ZH, EN):
        page = cli("score", "--help", env=env).stdout
        assert "-p, --pack PACK" in page and "--lang LANG" in page
        assert "<str>" not in page


def test_the_usage_line_says_options_in_chinese() -> None:
    """Click's words are read when the process starts: the tool as a user starts it."""
    from .test_zh_interface import _run

    zh = _run("explain", "--help", SME_ASSESS_LANG="zh").stdout
    assert zh.startswith("用法：sme-assess explain [选项] {ANSWERS}")
    en = _run("explain", "--help", LANG="C.UTF-8").stdout
    assert en.startswith("Usage: sme-assess explain [OPTIONS] {ANSWERS}")


def test_why_a_condition_cannot_be_parsed_is_said_in_chinese(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE, pack)
    path = pack / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('show_if: "has_erp == true"', 'show_if: "has_erp == true and range(3)"', 1),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    zh = cli("validate", "pack", env=ZH)
    assert zh.exit_code == 1
    assert (
        "condition-syntax 无法解析 'has_erp == true and range(3)'：条件中不允许使用 'call'；"
        "请使用名称、字面值、比较和 and/or/not"
    ) in zh.stdout
    en = cli("validate", "pack", env=EN)
    assert (
        "condition-syntax cannot parse 'has_erp == true and range(3)': 'call' is not allowed in "
        "a condition; use names, literals, comparisons, and/or/not"
    ) in en.stdout


def test_a_size_that_matches_no_option_is_said_in_the_chinese_summary_sheet(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    monkeypatch.chdir(tmp_path)
    (tmp_path / "sized.csv").write_text(
        "company,size,machine_data,networked_share,sensors,has_erp,erp_age,daily_entry\r\n"
        "X,huge,paper,20,counts,yes,3,week\r\n",
        encoding="utf-8",
    )
    done = cli(
        "batch",
        "sized.csv",
        "-o",
        "out",
        "--pack",
        str(SAMPLE),
        "--lang",
        "zh",
        "--jobs",
        "1",
        env=ZH,
    )
    assert done.exit_code == 0, done.output
    with (tmp_path / "out" / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert "company_size: 'huge' matches no option: kept as the firm's size" in row["notes"]
    sheet = load_workbook(tmp_path / "out" / "summary.xlsx", read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    notes = rows[1][list(rows[0]).index("备注")]
    assert "'huge' 与任何选项都不符；已作为企业的规模保留，该题按未作答处理" in notes
    assert "English" not in notes and "英文" not in notes


# a row shifted by an unquoted comma, a value under an empty header, a row ending early, and
# a decimal comma: the table reader's refusals and notes (answer_io.plan, answer_io.text)
SHIFTED = (
    "company,machine_data,networked_share,sensors,has_erp,erp_age,daily_entry\r\n"
    "Shifted,paper,20,counts,yes,3,week,extra\r\n"
)
NOTED = (
    "company,machine_data,networked_share,,sensors,has_erp,erp_age,daily_entry\r\n"
    'NoHead,paper,"12,5",called back,counts,yes,3,week\r\n'
    "Short,paper,20\r\n"
)


def test_rows_and_cells_not_read_for_certain_are_said_in_chinese(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "shifted.csv").write_text(SHIFTED, encoding="utf-8")
    (tmp_path / "in" / "noted.csv").write_text(NOTED, encoding="utf-8")
    zh = cli("batch", "in", "-o", "out", "--pack", str(SAMPLE), "--jobs", "1", env=ZH)
    assert zh.exit_code == 1
    lines = _failure_lines(zh.stderr)
    assert lines["in/shifted.csv"].startswith(
        "  in/shifted.csv 第 2 行 (Shifted): 这一行有 8 个单元格，表头只有 7 个"
    )
    assert "表头之外的单元格：'extra'" in lines["in/shifted.csv"]
    # errors.csv stays English
    assert _errors_csv(tmp_path / "out")["in/shifted.csv"]["error"].startswith(
        "the row has 8 cells and the header 7"
    )
    check = cli("batch", "in", "--check-mapping", "--pack", str(SAMPLE), env=ZH)
    assert check.exit_code == 1
    shown = [line.strip() for line in check.stdout.splitlines()]
    unheaded = (
        "✗ D 列没有表头，但有 1 个有内容的单元格（第 2 行，例如 'called back'）："
        "未读取（请给它加上表头，或删除它）"
    )
    assert unheaded in shown
    assert any(
        line.startswith("! 第 3 行：这一行在 C 列之后就结束了，只有 3 个单元格，表头有 8 个")
        for line in shown
    )
    assert any("'12,5' ×1 → 未读取：是逗号后不足三位数字的数：是 12.5" in line for line in shown)
    assert any("1 行无法确定地读取" in line for line in shown)
    en = cli("batch", "in", "--check-mapping", "--pack", str(SAMPLE), env=EN)
    assert "1 row that cannot be read for certain" in en.stdout
    assert "column D has no header but holds 1 filled cell (row 2, e.g. 'called back')" in en.stdout

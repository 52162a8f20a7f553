"""What the mutation fuzzer (scripts/fuzz_mutate.py) found, one test per class: each
asserts the one line a user now sees, at its file:line:col, where there was a traceback, an
error naming no place, or a silent loss."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from ..conftest import FIXTURES, SAMPLE
from ..drafts import write_draft

AUTO_T0 = FIXTURES / "personas" / "auto_parts.yaml"
AUTO_T1 = FIXTURES / "progress" / "auto_parts_after.yaml"


def _ticked_twice(folder: Path) -> Path:
    """The earlier answers with one option ticked twice (a copied line in an editor)."""
    text = AUTO_T0.read_text(encoding="utf-8")
    path = folder / "t0.yaml"
    path.write_text(
        text.replace("priorities: [equipment,", "priorities: [equipment, equipment,"),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("previous_first", [True, False])
def test_compare_names_the_file_and_line_of_a_problem_in_either_answers(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, previous_first: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    t0 = _ticked_twice(tmp_path)
    files = [t0.name, str(AUTO_T1)] if previous_first else [str(AUTO_T1), t0.name]
    result = cli("compare", *files)
    assert result.exit_code == 2
    assert "t0.yaml:25:3: priorities: an option is ticked twice" in result.stderr


def test_report_previous_names_the_file_and_line_of_its_problem(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _ticked_twice(tmp_path)
    result = cli("report", str(AUTO_T1), "--previous", "t0.yaml", "--format", "md", "-o", "r.md")
    assert result.exit_code == 2
    assert "t0.yaml:25:3: priorities: an option is ticked twice" in result.stderr
    assert not (tmp_path / "r.md").exists()


ODD_TABLE = "Firm;Machines\nOdd Works;Clipboard\n"


@pytest.mark.parametrize(
    ("mapping", "said"),
    [
        # not a mapping file at all: the node at fault, not "line 2"
        ("values: {}\ncolumns: [Firm, Machines]\n", "map.yaml:2:10: columns: "),
        # a mapping file, but not for this pack: each problem at its key
        (
            "columns:\n  Firm: company\n  Machines: machine_dta\n",
            "map.yaml:3:3: columns: 'Machines' -> 'machine_dta': not a question id",
        ),
        (
            "values:\n  machine_data:\n    Clipboard: papr\n",
            "map.yaml:3:5: values: machine_data: 'Clipboard' -> 'papr' is not an option",
        ),
        ("scales:\n  machine_data: fraction\n", "map.yaml:2:3: scales: 'machine_data' is not"),
    ],
    ids=["not-a-mapping", "unknown-question", "not-an-option", "not-a-percent"],
)
def test_a_mapping_file_problem_is_said_at_its_line_and_column(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mapping: str, said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "odd.csv").write_text(ODD_TABLE, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(mapping, encoding="utf-8")
    for command in (["-o", "out"], ["--check-mapping"]):
        result = cli("batch", "odd.csv", "--mapping", "map.yaml", "-p", str(SAMPLE), *command)
        assert result.exit_code == 2, result.output
        lines = result.stderr.splitlines()
        assert lines[0] == "error: --mapping map.yaml: not a valid mapping file"
        assert lines[1].startswith("  " + said), lines
    assert not (tmp_path / "out").exists()


def test_a_mapping_file_problem_is_said_in_chinese(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "odd.csv").write_text(ODD_TABLE, encoding="utf-8")
    (tmp_path / "map.yaml").write_text("values:\n  ghost: {a: b}\n", encoding="utf-8")
    result = cli(
        "batch",
        "odd.csv",
        "--mapping",
        "map.yaml",
        "-p",
        str(SAMPLE),
        "-o",
        "out",
        env={"SME_ASSESS_LANG": "zh"},
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "错误：--mapping map.yaml：不是有效的映射文件",
        "  map.yaml:2:3: values：'ghost' 不是题目编号",
    ]


def _run(tmp_path: Path, *args: str) -> Any:
    from ..interactive.driver import Pty

    env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1"}
    env.pop("SME_ASSESS_VIA_MAKE", None)
    exe = Path(sys.executable).parent / "sme-assess"
    return Pty([str(exe), "run", *args], tmp_path, env)


@pytest.mark.timeout(90)
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("questionnaire: machinery", "a.yaml:3:16: questionnaire 'machinery': unknown pack"),
        (
            "questionnaire_version: 9.0.0",
            "a.yaml:4:24: the answers were given for version 9.0.0 of 'sample', newer",
        ),
    ],
    ids=["unknown-pack", "newer-version"],
)
@pytest.mark.parametrize("option", ["--resume", "--from"])
def test_run_names_the_line_of_a_pack_or_version_it_cannot_continue(
    tmp_path: Path, option: str, line: str, said: str
) -> None:
    """It named the file alone (`a.yaml: questionnaire 'machinery': unknown pack`)."""
    source = (FIXTURES / "answers" / "sample_small.yaml").read_text(encoding="utf-8")
    key = line.partition(":")[0]
    old = next(x for x in source.splitlines() if x.startswith(key + ":"))
    answers = tmp_path / "a.yaml"
    answers.write_text("# earlier answers\n" + source.replace(old, line), encoding="utf-8")
    before = answers.read_bytes()
    term = _run(tmp_path, option, str(answers))
    assert term.wait() == 2
    assert said in term.everything.replace("\r", "").replace("\n", ""), term.everything
    assert answers.read_bytes() == before


@pytest.mark.timeout(90)
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("option", ["--resume", "--from"])
def test_an_answers_file_that_names_no_language_can_be_continued(
    tmp_path: Path, option: str
) -> None:
    """`language` is optional in an answers file; `run --resume`/`--from` of one without it
    was 'internal error: ValidationError … this is a bug'. The run starts, every answer kept."""
    from ..interactive.driver import CTRL_C, Pty

    source = (FIXTURES / "answers" / "sample_small.yaml").read_text(encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text(source.replace("language: en\n", ""), encoding="utf-8")
    before = answers.read_bytes()
    draft = tmp_path / "new.json"
    env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1"}
    env.pop("SME_ASSESS_VIA_MAKE", None)
    exe = Path(sys.executable).parent / "sme-assess"
    term = Pty([str(exe), "run", option, str(answers), "--draft", str(draft)], tmp_path, env)
    term.wait_screen("Review your answers" if option == "--resume" else "Keep these answers")
    term.send(CTRL_C)
    assert term.wait() == 130
    assert "internal error" not in term.everything
    assert answers.read_bytes() == before
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["answers"]["networked_share"] == 5 and len(saved["answers"]) == 7


def test_a_bundle_that_includes_a_part_twice_is_a_finding_not_a_crash(
    cli, sample_pack: Path
) -> None:
    """validate passed it and `score` then crashed in the plan (KeyError)."""
    catalogue = sample_pack / "catalogue.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(
        text.replace(
            "includes: [machine_gateway, oee_dashboard]",
            "includes: [machine_gateway, oee_dashboard, oee_dashboard]",
        ),
        encoding="utf-8",
    )
    validated = cli("validate", str(sample_pack))
    assert validated.exit_code == 1
    assert "duplicate-id 'oee_dashboard' is included twice" in validated.stdout
    scored = cli(
        "score", "--pack", str(sample_pack), str(FIXTURES / "answers" / "sample_small.yaml")
    )
    assert scored.exit_code == 2
    assert "duplicate-id 'oee_dashboard' is included twice" in scored.stderr


# --- stop 33: the question loop, XLSX exports, required answers ---------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_required_question_left_out_is_said_at_the_answers_it_belongs_in(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """It named the file alone (`a.yaml: machine_data: required question is not answered`)."""
    import yaml

    monkeypatch.chdir(tmp_path)
    doc = yaml.safe_load((FIXTURES / "answers" / "sample_small.yaml").read_text("utf-8"))
    del doc["answers"]["machine_data"]
    doc["respondent"] = {"company": "Lin Precision Parts"}
    text = yaml.safe_dump(doc, sort_keys=False) if suffix == ".yaml" else json.dumps(doc, indent=2)
    (tmp_path / f"a{suffix}").write_text(text, encoding="utf-8")
    result = cli("score", f"a{suffix}")
    assert result.exit_code == 2
    at = "6:1" if suffix == ".yaml" else "8:3"  # the `answers` key
    assert f"  a{suffix}:{at}: machine_data: required question is not answered" in (
        result.stderr.splitlines()
    ), result.stderr


def test_a_draft_whose_answers_cannot_be_answers_says_where(tmp_path: Path) -> None:
    """A draft for a pack id no answers file may name: `questionnaire: String should match
    pattern` with no place (the fuzzer's `no-line-col`)."""
    from sme_assess.errors import AnswersError
    from sme_assess.interview.draft import load_draft

    path = write_draft(tmp_path / "d.json", {"company_sector": "food"}, indent=1, questionnaire="")
    with pytest.raises(AnswersError) as raised:
        load_draft(path)
    assert raised.value.details[0].startswith(f"{path}:3:19: questionnaire: String should")


def test_a_json_draft_that_is_not_one_is_said_at_the_value_not_at_1_1(tmp_path: Path) -> None:
    """A draft is JSON, read without positions: every finding said `d.json:1:1`."""
    from sme_assess.errors import AnswersError
    from sme_assess.interview.draft import load_draft

    answers = {"company_sector": "food", "old_q": [1, 2]}
    path = write_draft(tmp_path / "d.json", answers, indent=1)
    with pytest.raises(AnswersError) as raised:
        load_draft(path)
    assert raised.value.details == [
        f"{path}:8:12: answers.old_q: a list holds option values (text); got 1 in it"
    ]


def _export(tmp_path: Path, edit: Any) -> Path:
    """msforms.xlsx (20 firms) with its sheet's XML or workbook relations edited."""
    import io
    import zipfile

    source = FIXTURES / "platforms" / "msforms.xlsx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = edit(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info.filename, data)
    path = tmp_path / "msforms.xlsx"
    path.write_bytes(out.getvalue())
    return path


def test_a_row_number_past_excels_last_row_is_said_not_the_end_of_the_table(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row numbered 99999999999 ended the read there: 2 of 20 firms scored, exit 0, the
    other 18 dropped in silence."""
    monkeypatch.chdir(tmp_path)

    def renumber(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return data.replace(b'<row r="4"', b'<row r="99999999999"', 1)
        return data

    path = _export(tmp_path, renumber)
    before = path.read_bytes()
    result = cli("batch", "--check-mapping", path.name)
    assert result.exit_code == 1, result.output
    assert (
        "msforms.xlsx  cannot be read: sheet 'Sheet1' row 99999999999: row number 99999999999 "
        "out of order or too large" in result.stdout
    )
    assert "2 rows" not in result.stdout
    assert path.read_bytes() == before


@pytest.mark.parametrize("how", ["part-missing", "points-nowhere"])
def test_a_workbook_whose_sheet_is_not_in_the_zip_is_said_damaged_not_empty(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """It said `the file is empty (no sheet has a row)` of a workbook with 20 firms."""
    monkeypatch.chdir(tmp_path)

    def damage(name: str, data: bytes) -> bytes | None:
        if how == "part-missing" and name == "xl/worksheets/sheet1.xml":
            return None
        if how == "points-nowhere" and name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"sheet1.xml", b"nowhere.xml")
        return data

    path = _export(tmp_path, damage)
    for args in (["-o", "out", "-j", "1"], ["--check-mapping"]):
        result = cli("batch", path.name, *args)
        assert result.exit_code == (1 if "--check-mapping" in args else 2), result.output
        said = result.output
        assert "the file is empty" not in said
        assert (
            "msforms.xlsx: not a readable XLSX workbook: sheet 'Sheet1' is not in the zip "
            "(damaged: open it in Excel and save it again)"
        ) in said.replace("  cannot be read: ", ": "), said


@pytest.mark.timeout(60)
def test_a_draft_answer_piled_with_accents_does_not_freeze_the_review(tmp_path: Path) -> None:
    """An answer of one letter and 9,000 combining accents (within an answer's 10,000
    characters) took prompt_toolkit ~25 s a frame on the review screen (it re-measures the
    character for every mark): the fuzzer's `hang`. Drawn with four marks at most; the answer
    itself is kept whole."""
    import time

    import yaml

    from ..interactive.driver import CTRL_C, run

    piled = "e" + "\u0301" * 9000
    answers = yaml.safe_load((FIXTURES / "answers" / "sample_small.yaml").read_text("utf-8"))
    answers = {**answers["answers"], "biggest_worry": piled}
    path = write_draft(tmp_path / "d.json", answers, respondent={"company": "Acme"})
    started = time.monotonic()
    result = run(["--resume", str(path), "-o", str(tmp_path / "r.md")], CTRL_C)
    assert result.exit_code == 130, result.output
    assert time.monotonic() - started < 8
    assert "e\u0301\u0301\u0301" in result.prompts  # the answer, on the review
    assert "\u0301" * 10 not in result.prompts
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["answers"]["biggest_worry"] == piled

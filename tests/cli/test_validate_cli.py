"""`sme-assess validate` as a user (or a CI job) runs it: exit codes and every output format."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sme_assess.errors import display_path
from sme_assess.pack.findings import RULES, Finding
from sme_assess.pack.findings_format import to_github

from ..conftest import FIXTURES, PACKS, SAMPLE

# Tests of the default (text) format must not pick up GITHUB_ACTIONS from a CI runner.
NOT_CI = {"GITHUB_ACTIONS": "false"}
GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z0-9-]+::.+$")

UNKNOWN_NAME = ('show_if: "has_erp == true"', 'show_if: "has_epr == true"')  # an error
BAD_SHARES = ("{0: 50, 1: 35, 2: 15}", "{0: 50, 1: 35, 2: 5}")  # a warning only
BAD_TIER = ("cost_tier: monthly", "cost_tier: yearly")  # an error in the catalogue


def _edit(pack: Path, name: str, old: str, new: str) -> str:
    path = pack / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def _line_of(text: str, snippet: str) -> int:
    assert text.count(snippet) == 1
    return text[: text.index(snippet)].count("\n") + 1


def _copy_sample(dest: Path) -> Path:
    shutil.copytree(SAMPLE, dest)
    return dest


def _json(result) -> dict:
    return json.loads(result.stdout)


# --- exit codes ---------------------------------------------------------------------------


def test_valid_pack_exits_0_and_says_valid(cli) -> None:
    result = cli("validate", str(SAMPLE), env=NOT_CI)
    assert result.exit_code == 0, result.output
    assert re.search(r"1 pack valid: .*sample", result.stdout)


def test_broken_pack_exits_1(sample_pack: Path, cli) -> None:
    _edit(sample_pack, "questionnaire.yaml", *UNKNOWN_NAME)
    result = cli("validate", str(sample_pack), env=NOT_CI)
    assert result.exit_code == 1
    assert "1 error, 0 warnings in 1 pack" in result.stdout
    assert "valid" not in result.stdout


def test_scoring_with_a_broken_pack_counts_its_one_error_and_points_to_validate(
    sample_pack: Path, cli
) -> None:
    _edit(sample_pack, "questionnaire.yaml", *UNKNOWN_NAME)
    answers = FIXTURES / "answers" / "sample_small.yaml"
    result = cli("score", str(answers), "--pack", str(sample_pack), env=NOT_CI)
    assert result.exit_code == 2
    assert "the pack has 1 error; run `sme-assess validate` on it" in result.stderr


def test_warnings_fail_only_with_strict(sample_pack: Path, cli) -> None:
    _edit(sample_pack, "questionnaire.yaml", *BAD_SHARES)
    relaxed = cli("validate", str(sample_pack), env=NOT_CI)
    assert relaxed.exit_code == 0, relaxed.output
    assert "benchmark-shares" in relaxed.stdout
    assert "0 errors, 1 warning in 1 pack" in relaxed.stdout
    strict = cli("validate", "--strict", str(sample_pack), env=NOT_CI)
    assert strict.exit_code == 1
    assert "benchmark-shares" in strict.stdout


def test_strict_passes_a_clean_pack(cli) -> None:
    assert cli("validate", "--strict", str(SAMPLE), env=NOT_CI).exit_code == 0


def test_missing_path_exits_2(tmp_path: Path, cli) -> None:
    result = cli("validate", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.output


def test_folder_without_a_pack_exits_2(tmp_path: Path, cli) -> None:
    (tmp_path / "notes.txt").write_text("not a pack\n", encoding="utf-8")
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "no pack here" in result.stderr


def test_a_missing_path_among_good_ones_still_exits_2(tmp_path: Path, cli) -> None:
    result = cli("validate", str(SAMPLE), str(tmp_path / "nope"))
    assert result.exit_code == 2


def test_a_file_outside_any_pack_exits_2(tmp_path: Path, cli) -> None:
    stray = tmp_path / "notes.yaml"
    stray.write_text("a: 1\n", encoding="utf-8")
    result = cli("validate", str(stray))
    assert result.exit_code == 2
    assert "no pack here" in result.stderr


def test_missing_catalogue_is_a_finding_not_a_crash(sample_pack: Path, cli) -> None:
    (sample_pack / "catalogue.yaml").unlink()
    result = cli("validate", str(sample_pack), env=NOT_CI)
    assert result.exit_code == 1
    assert "pack-missing-file" in result.stdout
    assert "catalogue.yaml" in result.stdout


# --- text output --------------------------------------------------------------------------


def test_text_output_shows_location_rule_message_and_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    pack = _copy_sample(tmp_path / "pack")
    text = _edit(pack, "questionnaire.yaml", *UNKNOWN_NAME)
    line = _line_of(text, "has_epr")
    source = text.splitlines()[line - 1]
    col = source.index('"has_epr') + 1
    monkeypatch.chdir(tmp_path)  # paths are shown relative to the working folder
    result = cli("validate", "pack", env=NOT_CI)
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    header = f"pack/questionnaire.yaml:{line}:{col} condition-unknown-name "
    (at,) = [i for i, row in enumerate(out) if row.startswith(header)]
    assert "'has_epr' is not a question id" in out[at]
    assert "did you mean 'has_erp'" in out[at]
    # then the source line, and a caret under the column
    assert out[at + 1].rstrip().endswith(source.strip())
    assert str(line) in out[at + 1]
    caret = out[at + 2]
    assert caret.index("^") - caret.index("|") - 2 == col - 1


def test_text_output_lists_findings_of_both_files_in_order(sample_pack: Path, cli) -> None:
    _edit(sample_pack, "questionnaire.yaml", *UNKNOWN_NAME)
    _edit(sample_pack, "catalogue.yaml", *BAD_TIER)
    result = cli("validate", str(sample_pack), env=NOT_CI)
    assert result.exit_code == 1
    headers = [row for row in result.stdout.splitlines() if re.match(r"^\S+:\d+:\d+ ", row)]
    assert len(headers) == 2
    assert "catalogue.yaml" in headers[0] and "unknown-reference" in headers[0]
    assert "questionnaire.yaml" in headers[1] and "condition-unknown-name" in headers[1]
    assert "2 errors, 0 warnings in 1 pack" in result.stdout


# --- JSON ---------------------------------------------------------------------------------


def test_json_output(sample_pack: Path, cli) -> None:
    text = _edit(sample_pack, "questionnaire.yaml", *UNKNOWN_NAME)
    _edit(sample_pack, "questionnaire.yaml", *BAD_SHARES)
    result = cli("validate", "--format", "json", str(sample_pack))
    assert result.exit_code == 1
    doc = _json(result)
    assert doc["summary"] == {"errors": 1, "warnings": 1}
    assert doc["packs"] == [display_path(sample_pack)]
    assert len(doc["findings"]) == 2
    for f in doc["findings"]:
        assert set(f) >= {"path", "line", "col", "rule", "severity", "message"}
        assert f["rule"] in RULES
        assert f["severity"] == RULES[f["rule"]].severity.value
        assert isinstance(f["line"], int) and isinstance(f["col"], int)
        assert Path(f["path"]).name == "questionnaire.yaml"
    by_rule = {f["rule"]: f for f in doc["findings"]}
    assert by_rule["condition-unknown-name"]["line"] == _line_of(text, "has_epr")
    assert by_rule["benchmark-shares"]["severity"] == "warning"


def test_json_output_of_a_valid_pack(cli) -> None:
    result = cli("validate", "-f", "json", str(SAMPLE))
    assert result.exit_code == 0
    doc = _json(result)
    assert doc["findings"] == []
    assert doc["summary"] == {"errors": 0, "warnings": 0}
    assert len(doc["packs"]) == 1


# --- SARIF --------------------------------------------------------------------------------


def test_sarif_output(sample_pack: Path, cli) -> None:
    text = _edit(sample_pack, "questionnaire.yaml", *UNKNOWN_NAME)
    _edit(sample_pack, "questionnaire.yaml", *BAD_SHARES)
    _edit(sample_pack, "catalogue.yaml", *BAD_TIER)
    result = cli("validate", "--format", "sarif", str(sample_pack))
    assert result.exit_code == 1
    log = _json(result)
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"] and "2.1.0" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "sme-assess"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    results = run["results"]
    assert {r["ruleId"] for r in results} == {
        "condition-unknown-name",
        "benchmark-shares",
        "unknown-reference",
    }
    for res in results:
        assert res["ruleId"] in rule_ids
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] == RULES[res["ruleId"]].severity.value
        assert res["message"]["text"]
        (loc,) = res["locations"]
        physical = loc["physicalLocation"]
        assert physical["artifactLocation"]["uri"]
        region = physical["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    unknown = next(r for r in results if r["ruleId"] == "condition-unknown-name")
    region = unknown["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == _line_of(text, "has_epr")
    uri = unknown["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("questionnaire.yaml") and "\\" not in uri


def test_sarif_of_a_valid_pack_has_rules_and_no_results(cli) -> None:
    result = cli("validate", "-f", "sarif", str(SAMPLE))
    assert result.exit_code == 0
    run = _json(result)["runs"][0]
    assert run["results"] == []
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == set(RULES)


# --- GitHub workflow commands -------------------------------------------------------------


def test_github_output_lines_are_workflow_commands(sample_pack: Path, cli) -> None:
    text = _edit(sample_pack, "questionnaire.yaml", *UNKNOWN_NAME)
    _edit(sample_pack, "questionnaire.yaml", *BAD_SHARES)
    result = cli("validate", "--format", "github", str(sample_pack))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        assert GITHUB_LINE.match(line), line
    error = next(row for row in lines if "title=condition-unknown-name" in row)
    assert error.startswith("::error ")
    assert f",line={_line_of(text, 'has_epr')}," in error
    warning = next(row for row in lines if "title=benchmark-shares" in row)
    assert warning.startswith("::warning ")


def test_github_format_is_the_default_on_github_actions(sample_pack: Path, cli) -> None:
    _edit(sample_pack, "questionnaire.yaml", *UNKNOWN_NAME)
    result = cli("validate", str(sample_pack), env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(GITHUB_LINE.match(line) for line in lines), result.stdout
    # an explicit --format still wins
    explicit = cli("validate", "-f", "json", str(sample_pack), env={"GITHUB_ACTIONS": "true"})
    assert _json(explicit)["summary"]["errors"] == 1


def test_github_escapes_newlines_percent_and_property_separators() -> None:
    finding = Finding(
        "schema-value",
        "first line\nsecond: 100% sure, really\r",
        "packs/a,b:c/questionnaire.yaml",
        3,
        7,
    )
    out = to_github([finding])
    assert "\n" not in out and "\r" not in out
    assert GITHUB_LINE.match(out), out
    assert "first line%0Asecond: 100%25 sure, really%0D" in out
    assert "file=packs/a%2Cb%3Ac/questionnaire.yaml," in out
    assert out.startswith("::error ") and ",line=3,col=7,title=schema-value::" in out


# --- which packs a run checks -------------------------------------------------------------


def test_several_paths_report_findings_of_each(tmp_path: Path, cli) -> None:
    first = _copy_sample(tmp_path / "first")
    second = _copy_sample(tmp_path / "second")
    _edit(first, "questionnaire.yaml", *UNKNOWN_NAME)
    _edit(second, "catalogue.yaml", *BAD_TIER)
    result = cli("validate", "-f", "json", str(first), str(second))
    assert result.exit_code == 1
    doc = _json(result)
    assert doc["packs"] == [display_path(first), display_path(second)]
    found = {(Path(f["path"]).parent.name, f["rule"]) for f in doc["findings"]}
    assert found == {("first", "condition-unknown-name"), ("second", "unknown-reference")}


def test_the_same_pack_twice_is_checked_once(sample_pack: Path, cli) -> None:
    _edit(sample_pack, "questionnaire.yaml", *UNKNOWN_NAME)
    result = cli(
        "validate", "-f", "json", str(sample_pack), str(sample_pack / "questionnaire.yaml")
    )
    doc = _json(result)
    assert len(doc["packs"]) == 1
    assert doc["summary"]["errors"] == 1


def test_a_folder_of_packs_validates_each(tmp_path: Path, cli) -> None:
    root = tmp_path / "packs"
    good = _copy_sample(root / "good")
    bad = _copy_sample(root / "bad")
    nested = _copy_sample(root / "more" / "nested")
    _edit(bad, "questionnaire.yaml", *UNKNOWN_NAME)
    _edit(nested, "catalogue.yaml", *BAD_TIER)
    result = cli("validate", "-f", "json", str(root))
    assert result.exit_code == 1
    doc = _json(result)
    assert sorted(doc["packs"]) == sorted(display_path(p) for p in (good, bad, nested))
    found = {(Path(f["path"]).parent.name, f["rule"]) for f in doc["findings"]}
    assert found == {("bad", "condition-unknown-name"), ("nested", "unknown-reference")}


def test_the_repository_packs_folder_validates(cli) -> None:
    expected = {p.parent for p in PACKS.rglob("questionnaire.yaml")}
    result = cli("validate", "-f", "json", str(PACKS))
    assert result.exit_code == 0, result.stdout
    doc = _json(result)
    assert sorted(doc["packs"]) == sorted(display_path(p) for p in expected)
    assert doc["findings"] == []


def test_a_single_file_validates_its_whole_pack(sample_pack: Path, cli) -> None:
    _edit(sample_pack, "catalogue.yaml", *BAD_TIER)
    result = cli("validate", "-f", "json", str(sample_pack / "questionnaire.yaml"))
    assert result.exit_code == 1
    doc = _json(result)
    assert doc["packs"] == [display_path(sample_pack)]
    assert [(Path(f["path"]).name, f["rule"]) for f in doc["findings"]] == [
        ("catalogue.yaml", "unknown-reference")
    ]


def test_a_single_file_of_a_valid_pack(cli) -> None:
    result = cli("validate", str(SAMPLE / "catalogue.yaml"), env=NOT_CI)
    assert result.exit_code == 0
    assert "1 pack valid" in result.stdout


# --- validate only reads ------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_validate_does_not_modify_its_inputs(sample_pack: Path, cli, fmt: str) -> None:
    _edit(sample_pack, "questionnaire.yaml", *UNKNOWN_NAME)
    _edit(sample_pack, "catalogue.yaml", *BAD_TIER)
    before = _snapshot(sample_pack)
    result = cli("validate", "--format", fmt, str(sample_pack))
    assert result.exit_code == 1
    assert _snapshot(sample_pack) == before

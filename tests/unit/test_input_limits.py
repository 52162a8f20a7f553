"""The limits on what the tool reads (sme_assess/limits.py): each refusal is one error at
file:line:col, what is under a limit reads as before, and nothing recurses or hangs."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest

from sme_assess import limits
from sme_assess.answer_io.native import load_answers, parse_answers_text
from sme_assess.errors import AnswersError, InputError
from sme_assess.models import Answers
from sme_assess.pack.conditions import ConditionSyntaxError, evaluate, parse_condition
from sme_assess.pack.loading import read_pack, validate_doc
from sme_assess.pack.yamldoc import YamlSyntaxError, parse_yaml, read_text

from ..conftest import FIXTURES

BOMB = FIXTURES / "hostile" / "parse-alias-bomb-answers" / "answers.yaml"
SAMPLE_ANSWERS = FIXTURES / "answers" / "sample_small.yaml"


def _where(exc: InputError) -> tuple[int | None, int | None]:
    assert exc.where is not None
    return exc.where.line, exc.where.col


# --- YAML ---------------------------------------------------------------------------------


def test_an_alias_bomb_is_refused_at_once_where_it_expands() -> None:
    started = time.monotonic()
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(BOMB.read_text(encoding="utf-8"), "bomb.yaml")
    assert time.monotonic() - started < 2
    assert "aliases expand to more than 100,000 values" in caught.value.message
    assert caught.value.finding.line == 10  # the a3 line: 10 x 10 x 10 x 11 values


def test_reused_anchors_give_the_same_data_as_the_text_written_out() -> None:
    options = "[{value: a, score: 0}, {value: b, score: 1}]"
    aliased = (
        "o: &o "
        + options
        + "\nqs:\n"
        + "".join(f"  - {{id: q{i}, options: *o}}\n" for i in range(2000))
    )
    written = (
        "o: "
        + options
        + "\nqs:\n"
        + "".join(f"  - {{id: q{i}, options: {options}}}\n" for i in range(2000))
    )
    started = time.monotonic()
    doc = parse_yaml(aliased, "a.yaml")
    assert time.monotonic() - started < 2
    assert doc.data == parse_yaml(written, "w.yaml").data
    # positions: the 1500th question's options are shown at the alias, what is inside them
    # where the anchored text is
    line = aliased.splitlines()[1502]
    assert line.startswith("  - {id: q1500,")
    assert doc.locate(("qs", 1500, "options")) == (1503, line.index("options") + 1)
    assert doc.locate(("qs", 1500, "options", 1, "score")) == (1, aliased.index("1}") + 1)


def test_an_alias_inside_its_own_value_is_refused() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("a: 1\nloop: &x {b: [1, *x]}\n", "l.yaml")
    assert "inside the value it names" in caught.value.message
    assert caught.value.finding.line == 2


def test_nesting_is_bounded_also_through_aliases() -> None:
    ok = limits.MAX_DEPTH - 1  # the top mapping is one level
    parse_yaml("a: " + "[" * ok + "]" * ok, "ok.yaml")
    with pytest.raises(YamlSyntaxError, match="nest more than 64 deep"):
        parse_yaml("a: " + "[" * (ok + 1) + "]" * (ok + 1), "deep.yaml")
    half = ok // 2 + 2
    chained = "a: &a " + "[" * half + "]" * half + "\nb: " + "[" * half + "*a" + "]" * half
    with pytest.raises(YamlSyntaxError, match="nest more than 64 deep") as caught:
        parse_yaml(chained, "chain.yaml")
    assert caught.value.finding.line == 2


@pytest.mark.parametrize(
    "literal", ["9" * 5000, "-" + "9" * 101, "0x" + "f" * 101, "0o" + "7" * 101]
)
def test_integers_longer_than_the_limit_are_refused_where_they_are(literal: str) -> None:
    with pytest.raises(YamlSyntaxError, match="more than 100 digits") as caught:
        parse_yaml(f"questionnaire: sample\nanswers:\n  n: {literal}\n", "a.yaml")
    assert (caught.value.finding.line, caught.value.finding.col) == (3, 6)


def test_integers_up_to_the_limit_and_quoted_digits_still_read() -> None:
    doc = parse_yaml(f"a: {'9' * 100}\nb: '{'9' * 5000}'\n", "a.yaml")
    assert doc.data["a"] == 10**100 - 1
    assert doc.data["b"] == "9" * 5000


# --- files --------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("questionnaire: sample\n" + "#" * limits.MAX_DOCUMENT_BYTES, encoding="utf-8")
    with pytest.raises(InputError, match="larger than 1 MB"):
        load_answers(big)
    with pytest.raises(InputError, match="larger than 1 MB"):
        read_text(Path("/dev/zero"))


def test_a_pack_file_over_the_size_limit_is_a_finding(sample_pack: Path) -> None:
    path = sample_pack / "catalogue.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "#" * limits.MAX_DOCUMENT_BYTES)
    loaded = read_pack(sample_pack)
    assert loaded.pack is None
    assert [(f.rule, f.path.endswith("catalogue.yaml")) for f in loaded.findings] == [
        ("file-unreadable", True)
    ]
    assert "larger than 1 MB" in loaded.findings[0].message


# --- JSON ---------------------------------------------------------------------------------


def test_json_nested_far_too_deep_is_one_error_not_a_recursion_error() -> None:
    text = (
        '{"questionnaire": "sample",\n "respondent": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    )
    with pytest.raises(InputError, match="nest more than 64 deep") as caught:
        parse_answers_text(text, "deep.json")
    # the first bracket beyond the limit: 2 levels of objects, then 63 of lists
    assert _where(caught.value) == (2, 22 + 62)


def test_json_nesting_just_past_the_limit_is_refused_and_at_it_is_read() -> None:
    def doc(depth: int) -> str:
        return '{"questionnaire": "sample", "respondent": {"x": ' + "[" * depth + "]" * depth + "}}"

    assert parse_answers_text(doc(62), "ok.json").data["respondent"]["x"] is not None
    with pytest.raises(InputError, match="nest more than 64 deep"):
        parse_answers_text(doc(63), "deep.json")


def test_json_huge_integer_nan_and_duplicate_keys_are_located() -> None:
    with pytest.raises(InputError, match="more than 100 digits") as caught:
        parse_answers_text(
            '{"questionnaire": "sample",\n "answers": {"n": ' + "7" * 5000 + "}}", "a.json"
        )
    assert _where(caught.value) == (2, 19)
    with pytest.raises(InputError, match="'NaN' is not a number JSON allows") as caught:
        parse_answers_text('{"answers": {"n": NaN}}', "a.json")
    assert _where(caught.value) == (1, 19)
    with pytest.raises(InputError, match="duplicate key 'a'") as caught:
        parse_answers_text('{"a": 1,\n "a": 2}', "a.json")
    assert _where(caught.value) == (2, 2)


# --- numbers and text in models ---------------------------------------------------------


def _answers_findings(text: str) -> list[str]:
    doc = parse_answers_text(text, "a.yaml")
    model, findings = validate_doc(doc, Answers)
    assert model is None
    return [f"{f.line}:{f.col} {f.rule} {f.message}" for f in findings]


def test_answers_that_are_not_finite_numbers_are_refused_where_they_are() -> None:
    found = _answers_findings(
        "questionnaire: sample\nanswers:\n  a: .nan\n  b: 2.5\n  c: -.inf\n  d: 3.5\n"
    )
    assert found == [
        "3:6 schema-value answers.a: expected a finite number, got nan",
        "5:6 schema-value answers.c: expected a finite number, got -inf",
    ]
    # a number too large for one is said as it was typed, where it is
    with pytest.raises(InputError) as caught:
        parse_answers_text("questionnaire: sample\nanswers:\n  b: 1e400\n", "a.yaml")
    assert str(caught.value) == "a.yaml:3:6: 1e400 is too large to be a number [yaml-syntax]"


def test_text_longer_than_the_limit_is_refused_in_answers_and_respondent() -> None:
    long = "长" * (limits.MAX_TEXT_CHARS + 1)
    found = _answers_findings(
        f"questionnaire: sample\nrespondent:\n  company: {long}\n  note: [{long}]\n"
        f"answers:\n  why: {long}\n  ok: {'x' * limits.MAX_TEXT_CHARS}\n"
    )
    assert [f.split(" ", 2)[2] for f in found] == [
        "respondent.company: String should have at most 10000 characters",
        "respondent.note: text is longer than 10,000 characters",
        "answers.why: text is longer than 10,000 characters",
    ]


def test_respondent_extra_fields_keep_their_values() -> None:
    doc = parse_answers_text(
        "questionnaire: sample\nrespondent: {plant: 2, tags: [a, b]}\n", "a.yaml"
    )
    model, findings = validate_doc(doc, Answers)
    assert findings == [] and model is not None
    assert model.respondent.model_extra == {"plant": 2, "tags": ["a", "b"]}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("\n    weight: 2\n    refs:", "\n    weight: .inf\n    refs:", "finite number"),
        (
            "\n    weight: 2\n    refs:",
            "\n    weight: 1e308\n    refs:",
            "less than or equal to 1000",
        ),
        ("      - {max: 10, score: 0}", "      - {max: .nan, score: 0}", "finite number"),
        ("        min: 0\n        max: 100\n", "        min: -.inf\n        max: 100\n", "finite"),
    ],
)
def test_pack_numbers_that_would_break_scores_are_schema_values(
    sample_pack: Path, old: str, new: str, message: str
) -> None:
    path = sample_pack / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = text[: text.index(old) + len(old) - len(old.lstrip("\n"))].count("\n") + 1
    findings = read_pack(sample_pack).findings
    assert [(f.rule, f.line) for f in findings] == [("schema-value", line)]
    assert message in findings[0].message


# --- conditions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (" or ".join(["a"] * 1000), "longer than 2000 characters"),
        (" or ".join(["a"] * 350), "more than 300 names, values and operators"),
        ("(" * 21 + "a" + ")" * 21, "nested more than 20 deep"),
        ("a == " + "9" * 5000, "longer than 2000"),
        ("a == " + "9" * 101, "more than 100 digits"),
    ],
)
def test_conditions_beyond_the_limits_are_syntax_errors(source: str, message: str) -> None:
    with pytest.raises(ConditionSyntaxError, match=message):
        parse_condition(source)


def test_conditions_at_the_limits_still_work() -> None:
    terms = " or ".join(f"q{i} == {i}" for i in range(limits.MAX_CONDITION_TOKENS // 4))
    cond = parse_condition(terms)
    assert evaluate(cond, {"q74": 74}) is True
    assert evaluate(cond, {"q74": 0}) is False
    nested = parse_condition("(" * 20 + "not a" + ")" * 20)
    assert evaluate(nested, {"a": False}) is True
    assert evaluate(parse_condition("not " * 150 + "a"), {"a": True}) is True  # 150 is even
    assert math.isinf(parse_condition("a < 1e999").node.ops[0].expr.value)


# --- every command that reads an answers file goes through the bounded reader ------------


@pytest.mark.parametrize(
    "args",
    [
        ["score"],
        ["explain"],
        ["report", "--format", "json", "-o", "{tmp}/r.json"],
    ],
)
def test_commands_refuse_an_alias_bomb_in_one_line(cli, tmp_path: Path, args: list[str]) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    started = time.monotonic()
    result = cli(argv[0], str(BOMB), *argv[1:])
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert "aliases expand to more than 100,000 values" in result.stderr
    assert not (tmp_path / "r.json").exists()


def test_run_resume_refuses_an_alias_bomb(tmp_path: Path) -> None:
    from sme_assess.interview.start import prepare

    with pytest.raises(InputError, match="aliases expand to more than 100,000 values"):
        prepare(None, None, None, BOMB)


def test_batch_puts_a_bomb_in_errors_and_scores_the_rest(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli(
        "batch", "--pack", "sample", "-j", "1", str(BOMB), str(SAMPLE_ANSWERS), "-o", str(out)
    )
    assert result.exit_code == 1
    errors = (out / "errors.csv").read_text(encoding="utf-8-sig")
    assert "aliases expand to more than 100,000 values" in errors
    assert "Lin Precision Parts" in (out / "summary.csv").read_text(encoding="utf-8-sig")


def test_score_refuses_a_nan_answer_even_when_lenient(cli, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(
        '{"questionnaire": "sample", "answers": {"networked_share": 1e400}}', encoding="utf-8"
    )
    result = cli("score", "--lenient", str(path))
    assert result.exit_code == 2
    assert "a.json:1:60: 1e400 is too large to be a number" in result.stderr


def test_a_nan_answer_names_its_line_in_the_details() -> None:
    with pytest.raises(AnswersError) as caught:
        load_answers(FIXTURES / "hostile" / "parse-nan-answer" / "answers.yaml")
    assert [d.split(": ", 1)[0].rsplit(":", 2)[1:] for d in caught.value.details] == [["9", "20"]]


def test_run_resume_refuses_a_draft_with_text_over_the_limit(tmp_path: Path) -> None:
    from sme_assess.interview.start import prepare

    draft = tmp_path / "draft.json"
    text = (
        '{"kind": "sme-assess-draft", "questionnaire": "sample", "questionnaire_version": '
        '"1.0.0", "language": "en", "answers": {"biggest_worry": "' + "x" * 10_001 + '"}}'
    )
    draft.write_text(text, encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        prepare(None, None, None, draft)
    [detail] = caught.value.details
    col = text.index('"xxx') + 1  # the over-long value itself, not the file's start
    assert detail.endswith(
        f":1:{col}: answers.biggest_worry: text is longer than 10,000 characters"
    ), detail


def test_a_yaml_1_1_merge_key_is_named_not_mistaken_for_a_missing_field() -> None:
    with pytest.raises(YamlSyntaxError, match=r"merge keys \(<<: \*name\) are YAML 1.1") as caught:
        parse_yaml("base: &b {type: scale}\nq:\n  <<: *b\n  id: x\n", "m.yaml")
    assert (caught.value.finding.line, caught.value.finding.col) == (3, 3)
    assert parse_yaml("q: {'<<': 1}\n", "quoted.yaml").data == {"q": {"<<": 1}}


def test_batch_refuses_an_oversized_answers_file_and_scores_the_rest(cli, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text('{"questionnaire": "sample"}' + " " * limits.MAX_DOCUMENT_BYTES)
    out = tmp_path / "out"
    result = cli(
        "batch", "--pack", "sample", "-j", "1", str(big), str(SAMPLE_ANSWERS), "-o", str(out)
    )
    assert result.exit_code == 1
    assert "larger than 1 MB" in (out / "errors.csv").read_text(encoding="utf-8-sig")

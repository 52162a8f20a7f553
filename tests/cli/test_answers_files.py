"""Answers files written by someone else, as a consultant scores them: other encodings, a pack
or language nobody has, JSON problems at their line:col, yes/no and numbers in other forms."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml

from ..conftest import FIXTURES, SAMPLE

SMALL = FIXTURES / "answers" / "sample_small.yaml"


def _sample(**answers: Any) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["respondent"]["company"] = "林氏精密零件有限公司"
    data["answers"].update(answers)
    return data


def _write_json(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _json_score(cli: Any, path: Path, *more: str) -> dict[str, Any]:
    result = cli("score", str(path), "--pack", str(SAMPLE), "-f", "json", *more)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_utf16_and_gbk_answers_files_are_read_as_the_utf8_one(cli, tmp_path: Path) -> None:
    text = yaml.safe_dump(_sample(), allow_unicode=True)
    (tmp_path / "utf8.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "utf16.yaml").write_bytes(text.replace("\n", "\r\n").encode("utf-16"))
    (tmp_path / "gbk.yaml").write_bytes(text.encode("gbk"))
    as_json = json.dumps(_sample(), ensure_ascii=False)
    (tmp_path / "utf16.json").write_bytes(as_json.encode("utf-16"))
    (tmp_path / "gbk.json").write_bytes(as_json.encode("gb18030"))
    expected = _json_score(cli, tmp_path / "utf8.yaml")
    assert expected["respondent"]["company"] == "林氏精密零件有限公司"
    for name in ("utf16.yaml", "gbk.yaml", "utf16.json", "gbk.json"):
        got = _json_score(cli, tmp_path / name)
        assert got["respondent"] == expected["respondent"], name
        assert got["overall"] == expected["overall"], name


def test_damaged_utf8_is_refused_not_read_as_gbk(cli, tmp_path: Path) -> None:
    text = yaml.safe_dump(_sample(biggest_worry="机器停了没人知道" * 4), allow_unicode=True)
    raw = text.encode("utf-8")
    cut = raw.index("机".encode()) + 1  # one byte of a character lost
    (tmp_path / "cut.yaml").write_bytes(raw[:cut] + raw[cut + 1 :])
    result = cli("score", str(tmp_path / "cut.yaml"), "--pack", str(SAMPLE))
    assert result.exit_code == 2
    assert "cut.yaml:" in result.stderr and "not text in UTF-8 or GB18030" in result.stderr
    assert "save it as UTF-8" in result.stderr


def test_json_problems_are_placed_at_their_line_and_column(cli, tmp_path: Path) -> None:
    data = _sample()
    data["respondent"]["date"] = "2024-13-45"
    data["short_form"] = "maybe"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    date_line = next(i for i, x in enumerate(lines, 1) if '"date"' in x)
    form_line = next(i for i, x in enumerate(lines, 1) if '"short_form"' in x)
    result = cli("score", str(path), "--pack", str(SAMPLE))
    assert result.exit_code == 2
    col = lines[date_line - 1].index('"2024') + 1
    assert f"bad.json:{date_line}:{col}: respondent.date" in result.stderr
    assert f"bad.json:{form_line}:" in result.stderr
    assert "bad.json:1:1:" not in result.stderr


def test_an_unknown_pack_is_named_as_such_with_the_known_ones(cli, tmp_path: Path) -> None:
    for name, dump in (("a.yaml", yaml.safe_dump), ("a.json", json.dumps)):
        data = _sample()
        data["questionnaire"] = "nosuch"
        (tmp_path / name).write_text(dump(data), encoding="utf-8")
        result = cli("score", str(tmp_path / name))
        assert result.exit_code == 2
        line = next(x for x in result.stderr.splitlines() if "nosuch" in x)
        assert "unknown pack (known: " in line and "manufacturing-sme" in line, line
        assert f"{name}:" in line and ":1:1:" not in line, line
        assert "not 'manufacturing-sme'" not in result.stderr
    # with --pack, the answers are simply for another pack: said, and that it is unknown
    result = cli("score", str(tmp_path / "a.yaml"), "--pack", str(SAMPLE))
    assert result.exit_code == 2
    assert "answers are for questionnaire 'nosuch', not 'sample': unknown pack" in result.stderr


def test_a_batch_goes_on_past_a_file_for_an_unknown_pack(cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    data = _sample()
    data["questionnaire"] = "nosuch"
    (folder / "a_first.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (folder / "b_good.yaml").write_text(yaml.safe_dump(_sample()), encoding="utf-8")
    result = cli("batch", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    errors = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig")
    assert "a_first.yaml" in errors and "unknown pack (known: " in errors
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig")
    assert "b_good.yaml" in summary  # scored with the pack it names (sample)


def test_a_language_nobody_speaks_is_said_not_switched_silently(cli, tmp_path: Path) -> None:
    data = _sample()
    data["language"] = "xx"
    path = tmp_path / "xx.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = _json_score(cli, path)
    assert result["language"] == "en"
    assert any(
        x.startswith("language: 'xx' is not a language of this questionnaire (en, zh)")
        and x.endswith("the result is in en")
        for x in result["ignored"]
    ), result["ignored"]
    # --lang chose: nothing to say; a language of the pack: nothing to say
    assert not any(
        x.startswith("language:") for x in _json_score(cli, path, "--lang", "zh")["ignored"]
    )
    data["language"] = "zh-CN"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    chinese = _json_score(cli, path)
    assert chinese["language"] == "zh"
    assert not any(x.startswith("language:") for x in chinese["ignored"])


def test_yes_no_in_other_forms_is_refused_with_what_to_write(cli, tmp_path: Path) -> None:
    without = _sample()
    del without["answers"]["has_erp"]
    (tmp_path / "without.json").write_text(json.dumps(without), encoding="utf-8")
    unanswered = _json_score(cli, tmp_path / "without.json", "--lenient")
    yes = _json_score(cli, _write_json(tmp_path / "yes.json", _sample(has_erp=True)))
    assert yes["categories"] != unanswered["categories"]  # the answer counts when it fits
    for value in (1, 0, 1.0, "yes", "是", "1"):
        path = tmp_path / "yn.json"
        path.write_text(json.dumps(_sample(has_erp=value), ensure_ascii=False), encoding="utf-8")
        result = cli("score", str(path), "--pack", str(SAMPLE))
        assert result.exit_code == 2, value
        assert "has_erp: expected true or false" in result.stderr
        assert "write true or false" in result.stderr
        # --lenient leaves it out (said), never scores it as yes or no
        lenient = _json_score(cli, path, "--lenient")
        assert any(x.startswith("has_erp: expected true or false") for x in lenient["ignored"])
        assert lenient["categories"] == unanswered["categories"], value


def test_numbers_with_units_and_labels_for_values_say_what_to_write(cli, tmp_path: Path) -> None:
    for value in ("12 万", "1,200", "3.5%", "5"):
        path = tmp_path / "n.yaml"
        path.write_text(
            yaml.safe_dump(_sample(networked_share=value), allow_unicode=True), encoding="utf-8"
        )
        result = cli("score", str(path), "--pack", str(SAMPLE))
        assert result.exit_code == 2, value
        assert "networked_share: expected a number" in result.stderr
        assert "write the number alone" in result.stderr
    # an option given by its label (here the Chinese one) is named with its value to write
    from sme_assess.models.questionnaire import ScaleQuestion
    from sme_assess.pack.loading import load_pack

    question = next(
        x for x in load_pack(SAMPLE).questionnaire.questions() if x.id == "machine_data"
    )
    assert isinstance(question, ScaleQuestion) and isinstance(question.options[0].label, dict)
    value, label = question.options[0].value, question.options[0].label["zh"]
    path = tmp_path / "label.yaml"
    path.write_text(
        yaml.safe_dump(_sample(machine_data=label), allow_unicode=True), encoding="utf-8"
    )
    result = cli("score", str(path), "--pack", str(SAMPLE))
    assert result.exit_code == 2
    said = f"write the option's value as the pack spells it: '{value}' for '{label}'"
    assert said in result.stderr


def test_validate_says_what_a_pack_file_is_when_it_is_not_a_file(cli, tmp_path: Path) -> None:
    import shutil

    for kind in ("folder", "pipe", "link"):
        pack = tmp_path / kind
        shutil.copytree(SAMPLE, pack)
        target = pack / "catalogue.yaml"
        target.unlink()
        if kind == "folder":
            target.mkdir()
        elif kind == "pipe":
            os.mkfifo(target)
        else:
            target.symlink_to(tmp_path / "nowhere.yaml")
        result = cli("validate", str(pack))
        assert result.exit_code == 2, result.output
        said = {
            "folder": "is a folder, not a file",
            "pipe": "is a named pipe, not a file",
            "link": "a link to a file that does not exist",
        }[kind]
        assert f"catalogue.yaml:1:1 file-unreadable {said}" in result.stdout, result.stdout
        assert "has no catalogue.yaml" not in result.stdout


def test_the_screen_says_the_unknown_language_first_not_as_an_answer_left_out(
    cli, tmp_path: Path
) -> None:
    data = _sample()
    data["language"] = "xx"
    path = tmp_path / "xx.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = cli("score", str(path), "--pack", str(SAMPLE))
    assert result.exit_code == 0, result.output
    out = result.stdout
    said = out.find("'xx' is not a language of this questionnaire")
    assert said != -1, out
    assert said < out.find("Category"), out  # with the notes above the scores
    assert "Answers not counted" not in out, out  # nothing else was set aside


def test_ten_thousand_unknown_keys_list_twenty_and_a_count(cli, tmp_path: Path) -> None:
    """A file of 10,000 unknown keys scored with --lenient: the screen lists the first 20 and
    says how many more, and where every one is; the JSON keeps every one."""
    data = _sample(**{f"zz_unknown_{i}": 1 for i in range(10_000)})
    path = _write_json(tmp_path / "many.json", data)
    result: Any = cli("score", str(path), "--lenient", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "zz_unknown_19" in result.stdout and "zz_unknown_20" not in result.stdout
    assert "… and 9,980 more: every one is in `score --format json` (ignored)" in result.stdout
    assert len(result.stdout.splitlines()) < 200
    every = _json_score(cli, path, "--lenient")["ignored"]
    assert sum("zz_unknown_" in line for line in every) == 10_000

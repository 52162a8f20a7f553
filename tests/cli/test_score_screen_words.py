"""What the owner reads on the `score` and `explain` screens, in Chinese and English, at 60,
80 and 120 columns: full-width punctuation after Chinese, terms and amounts kept whole, no
line that starts with a closing mark, the plan's hidden steps said with where to see them,
neutral category headings and no English left in the Chinese screen."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ..conftest import FIXTURES

PERSONAS = ("auto_parts", "electronics_assembler", "food_processor", "job_shop", "textile_dyeing")
WIDTHS = (60, 80, 120)
CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
BORDERS = "│┃║╭╮╰╯─━╇┃"


_SEEN: dict[tuple[str, str, str, int], str] = {}


def _screen(cli: Any, command: str, name: str, lang: str, width: int) -> str:
    """The command's standard output at ``width`` columns (each run once per test session)."""
    key = (command, name, lang, width)
    if key not in _SEEN:
        done = cli(
            command,
            str(FIXTURES / "personas" / f"{name}.yaml"),
            "--lang",
            lang,
            env={"COLUMNS": str(width)},
        )
        assert done.exit_code == 0, done.output
        _SEEN[key] = str(done.stdout)
    return _SEEN[key]


def _cells(text: str) -> list[str]:
    """Every piece of text between the borders of a panel or a table, one line at a time."""
    return [c.strip() for line in text.splitlines() for c in re.split(f"[{BORDERS}]", line)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PERSONAS)
@pytest.mark.parametrize("command", ["score", "explain"])
def test_chinese_screens_use_full_width_marks_and_keep_terms_whole(
    cli: Any, command: str, name: str, width: int
) -> None:
    text = _screen(cli, command, name, "zh", width)
    # an ASCII colon, semicolon or opening parenthesis right after Chinese ("总体: ")
    ascii_after = re.findall(f"[{CJK}] ?[:;(]", text)
    assert not ascii_after, ascii_after
    # no line of a cell starts with a closing mark or ends with an opening one
    cells = [c for c in _cells(text) if c]
    assert not [c for c in cells if c[0] in "，。、：；！？）」』】》”"], command
    assert not [c for c in cells if c[-1] in "（「『【《“"], command
    # a standard's name and number, a category's name and an amount are never parted
    flat = "\n".join(cells)
    if "GB/T" in flat:
        assert not re.search(r"GB/T\s*$", flat, flags=re.M)
        assert "GB/T 39116" in flat
    assert not re.search(r"网络与数据\s*$", flat, flags=re.M)
    assert not re.search(r"^元|第$", flat, flags=re.M)  # "18.4万" | "元", "第" | "1档"
    # no English developer text in the Chinese screen
    assert "not asked, because of earlier answers" not in text
    assert "Answers not counted" not in text and "Ignored" not in text


@pytest.mark.parametrize("name", PERSONAS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_plans_hidden_steps_are_counted_and_point_to_the_whole_plan(
    cli: Any, name: str, lang: str
) -> None:
    text = _screen(cli, "score", name, lang, 120)
    flat = re.sub(r"\s+", " ", "".join(c + " " for c in _cells(text)))
    assert "… +" not in text
    if lang == "en":
        said = re.findall(
            r"… and (\d+) more steps?: the whole plan is in `report --edition full`", flat
        )
    else:
        said = re.findall(r"……另有(\d+)项，完整计划见 `report --edition full`", flat)
    assert said, flat[:400]


def test_chinese_answers_set_aside_are_said_in_chinese_with_the_question(cli: Any) -> None:
    """job_shop answers two retrofit questions its stage hides: listed, in Chinese, by the
    question's words, under a heading that does not blame --lenient (not given)."""
    text = _screen(cli, "score", "job_shop", "zh", 120)
    assert "未计入的答案" in text and "--lenient" not in text
    assert "按前面的回答不用答，此答案未计入" in text
    assert "out_yield" not in text
    english = _screen(cli, "score", "job_shop", "en", 120)
    assert "Answers not counted" in english


def test_english_answers_set_aside_name_the_question_not_its_id(cli: Any) -> None:
    """The owner of job_shop reads which question's answer was not counted, in its words:
    "out_yield: not asked, because of earlier answers" named only an id he never saw."""
    english = _screen(cli, "score", "job_shop", "en", 120)
    flat = re.sub(r"\s+", " ", english.split("Answers not counted", 1)[1])
    assert "out_yield" not in flat and "out_energy_per_revenue" not in flat
    assert "your monthly first-pass yield" in flat
    assert "not asked because of earlier answers; this answer is not counted" in flat


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_report_lists_the_answers_set_aside_by_their_question(
    cli: Any, tmp_path: Any, lang: str
) -> None:
    """A report said nothing of the two answers job_shop gave that were not counted (a
    confident result with answers dropped silently); now its method section lists them, each
    by its question's words."""
    out = tmp_path / "r.md"
    done = cli(
        "report", str(FIXTURES / "personas" / "job_shop.yaml"), "--lang", lang, "-o", str(out)
    )
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    head, question = (
        ("Answers not counted", "monthly first-pass yield")
        if lang == "en"
        else ("未计入的答案", "月度产品一次合格率")
    )
    assert f"**{head}**" in text
    listed = text.split(f"**{head}**", 1)[1].split("**", 1)[0]
    assert question in listed and "out_yield" not in listed, listed


def test_explain_heads_each_category_by_its_neutral_name_not_a_pain(cli: Any) -> None:
    """auto_parts scores 76.7 in strategy, led by a named manager: its heading is "Strategy
    and leadership", never the pain statement "No one owns digital"."""
    english = _screen(cli, "explain", "auto_parts", "en", 120)
    assert "No one owns digital ·" not in english
    assert re.search(r"Strategy[^\n]* · 76\.7 · Stage 3", english), english[:300]
    chinese = _screen(cli, "explain", "auto_parts", "zh", 120)
    assert "数字化没人牵头 ·" not in chinese and "战略与组织 · 76.7 · 第3档" in chinese


def test_top_pains_are_ranked_with_their_area_not_a_unitless_severity(cli: Any) -> None:
    """ "1.49 │ Data could be lost for good": a gap-times-weight number with no unit. Now
    "1 │ Data could be lost for good │ Cybersecurity"."""
    text = _screen(cli, "score", "electronics_assembler", "en", 120)
    pains = text.split("Top pain points", 1)[1].split("What to do", 1)[0]
    rows = [line for line in pains.splitlines() if "│" in line]
    assert rows and not re.search(r"\d\.\d\d", pains)
    assert [r.split("│")[0].strip() for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert all(r.split("│")[2].strip() for r in rows)  # each says its area


def test_the_plans_headline_says_the_stage_is_the_tools_own(cli: Any) -> None:
    english = " ".join(_screen(cli, "score", "food_processor", "en", 120).split())
    assert "On this tool's own scale the firm is at stage" in english
    chinese = "".join(_cells(_screen(cli, "score", "food_processor", "zh", 120)))
    assert "按本工具自己的档位，贵企业处于第" in chinese


@pytest.mark.parametrize("name", PERSONAS)
def test_at_60_columns_category_names_and_percentages_are_whole(cli: Any, name: str) -> None:
    """The bar took the room at 60 columns: "Cybersecurit" | "y", and "100" with its "%"
    cut off. The bars narrow instead."""
    text = _screen(cli, "score", name, "en", 60)
    table = text.split("Top pain points", 1)[0].rsplit("Category", 1)[1]
    rows = [line for line in table.splitlines() if re.search(r"│\s+\d+\.\d │", line)]
    assert len(rows) == 13
    assert all(re.search(r"\d+%$", line.rstrip()) for line in rows), rows
    for word in ("Cybersecurity", "leadership", "environment", "production", "Measured"):
        assert re.search(rf"(^|\s){word}(\s|,|$)", table, flags=re.M), word


def test_explain_shows_each_question_whole(cli: Any) -> None:
    """The table folds long texts: a question cut at 70 characters ("…") left the owner a
    half sentence."""
    text = _screen(cli, "explain", "electronics_assembler", "en", 120)
    flat = " ".join(" ".join(_cells(text)).split())
    whole = (
        "A batch is found faulty. How long does it take to find which materials went into it "
        "and where else those materials went?"
    )
    assert whole in flat


def test_every_answer_set_aside_is_said_in_chinese_by_its_kind(cli: Any, tmp_path: Any) -> None:
    """Said by the kind of problem, not by matching its English message: an answer that does
    not fit (--lenient) was shown in English ("digital_plan: expected one of …") on the
    Chinese screen; a hidden one and a question the pack lacks stay Chinese."""
    text = (FIXTURES / "personas" / "job_shop.yaml").read_text(encoding="utf-8")
    text = text.replace("  digital_plan: none\n", "  digital_plan: banana\n")
    text = text.replace("  backup: manual_copy\n", "  backup: none\n  backup_restore_test: true\n")
    text = text.replace("answers:\n", "answers:\n  no_such_q: 3\n", 1)
    answers = tmp_path / "a.yaml"
    answers.write_text(text, encoding="utf-8")
    done = cli("score", str(answers), "--lenient", "--lang", "zh", env={"COLUMNS": "160"})
    assert done.exit_code == 0, done.output
    out = str(done.stdout)
    lines = out[out.index("未计入的答案") :].splitlines()[1:]
    said = [line.strip() for line in lines if line.strip()]
    assert len(said) >= 4, said
    assert any("“no_such_q”" in x and "未计入" in x for x in said), said
    assert any("备份" in x and "不用答" in x for x in said), said
    fits = [x for x in said if "banana" in x]
    assert fits and "未计入" in fits[0] and not fits[0].startswith("digital_plan"), fits
    assert not [x for x in said if re.match(r"[a-z_]+: ", x)], said  # no English line

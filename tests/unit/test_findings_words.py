"""Every finding of the rules corpus (every rule `validate` knows) is said in Chinese in the
text output, its ids and values kept as written; English is the message as the rule wrote
it; the shapes of the errors, Click's words and the findings each have a translation."""

from __future__ import annotations

import re

import pytest

from sme_assess.cli import click_words, error_words
from sme_assess.i18n import translator
from sme_assess.pack import findings_words
from sme_assess.pack.checking import check_paths
from sme_assess.pack.findings_words import said

from .test_rules_corpus import CASES, XFAIL, Case, _mutate

ZH = translator("zh")
EN = translator("en")
_QUOTED = re.compile(r"(?<!\w)'([\w.:-]+)'(?!\w)")  # a quoted id or value
_WORDS = {word for words in findings_words.WORDS.values() for word in words}  # translated


@pytest.mark.parametrize("case", [c for c in CASES if c.id not in XFAIL], ids=lambda c: c.id)
def test_every_rules_finding_is_said_in_chinese(sample_pack, case: Case) -> None:
    _mutate(sample_pack, case)
    findings = check_paths([sample_pack]).findings
    assert findings
    for f in findings:
        zh = said(f.message, ZH)
        assert zh != f.message, f"{f.rule}: no Chinese for {f.message!r}"
        assert re.search(r"[\u4e00-\u9fff]", zh), zh
        assert "{" not in zh.replace("{en: ..., zh: ...}", ""), zh
        for quoted in _QUOTED.findall(f.message):  # ids and values stay as written
            if quoted not in _WORDS:
                assert quoted in zh, (quoted, zh)
        assert said(f.message, EN) == f.message


def test_an_unknown_message_is_shown_as_written() -> None:
    assert said("something new a rule says", ZH) == "something new a rule says"
    assert error_words.message("something new", ZH) == "something new"
    assert error_words.message("cannot read: Bad luck", ZH) == "无法读取：Bad luck"
    assert error_words.message("cannot read: Permission denied", ZH) == "无法读取：没有权限"


@pytest.mark.parametrize(
    "shapes",
    [
        error_words.SHAPES,
        error_words.ANSWER_SHAPES,
        click_words.SHAPES,
        click_words.REASONS,
        findings_words.SHAPES,
    ],
    ids=["errors", "answers", "click", "click-reasons", "findings"],
)
def test_every_shape_has_chinese_words(shapes: tuple[str, ...]) -> None:
    for shape in shapes:
        names = set(re.findall(r"\{(\w+)\}", shape))
        zh = ZH(shape)
        assert zh != shape, shape
        assert set(re.findall(r"\{(\w+)\}", zh)) == names, (shape, zh)

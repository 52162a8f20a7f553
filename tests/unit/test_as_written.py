"""Values YAML would read otherwise than typed are refused by every reader of answers files,
the draft reader of `run --resume` included; what is typed in quotes is kept as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.errors import InputError
from sme_assess.interview.draft import load_draft

_FILE = (
    "questionnaire: sample\nrespondent:\n  company: {company}\nanswers:\n  networked_share: {n}\n"
)


@pytest.mark.parametrize(
    ("company", "n", "said"),
    [
        (
            "0123",
            "5",
            "3:12 respondent.company: 0123 is read as the number 123, not as text: "
            'write it in quotes, "0123"',
        ),
        ("true", "5", "3:12 respondent.company: true is read as true or false"),
        ("1.50", "5", "3:12 respondent.company: 1.50 is read as the number 1.5"),
        ("Acme", "0o17", "5:20 answers.networked_share: 0o17 is a number in octal (15)"),
        (
            "Acme",
            "-017",
            "5:20 answers.networked_share: -017 has a leading zero: -17 here, "
            "but octal -15 to YAML 1.1 tools",
        ),
        ("Acme", "1e999", "5:20 1e999 is too large to be a number"),
    ],
)
def test_refused_where_typed(tmp_path: Path, company: str, n: str, said: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(_FILE.format(company=company, n=n), encoding="utf-8")
    for read in (load_answers, load_draft):
        with pytest.raises(InputError) as caught:
            read(path)
        where = caught.value.where
        assert where is not None
        assert f"{where.line}:{where.col} {caught.value.message}".startswith(said)


def test_quoted_and_plain_values_are_read_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    text = _FILE.format(company='"0123"', n="0") + "  biggest_worry: '0x1F'\n  daily_entry: no\n"
    path.write_text(text, encoding="utf-8")
    answers = load_answers(path)
    assert answers.respondent.company == "0123"
    assert answers.answers == {"networked_share": 0, "biggest_worry": "0x1F", "daily_entry": "no"}


def test_json_number_as_company_is_placed(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"questionnaire": "sample",\n "respondent": {"company": 123}}', "utf-8")
    with pytest.raises(InputError) as caught:
        load_answers(path)
    assert caught.value.message == (
        'respondent.company: 123 is read as the number 123, not as text: write it in quotes, "123"'
    )
    assert caught.value.where is not None and caught.value.where.line == 2

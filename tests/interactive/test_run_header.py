"""The header says where the owner is: profile questions from later sections, asked first
with the profile, are counted in the profile's section, so it never jumps from "Section
12/13" back to section 2."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from sme_assess.engine.answers_check import check_value
from sme_assess.models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from sme_assess.pack.loading import load_pack
from sme_assess.pack.locate import pack_for

from ..drafts import write_draft
from .driver import run

pytestmark = pytest.mark.timeout(60)


def _an_answer(q: Question) -> Any:
    if isinstance(q, SingleChoiceQuestion | ScaleQuestion):
        return q.options[0].value
    if isinstance(q, MultipleChoiceQuestion):
        return [q.options[0].value]
    if isinstance(q, NumberQuestion):
        return q.min if q.min is not None else 1
    if isinstance(q, YesNoQuestion):
        return False
    return "x"


def test_a_profile_question_from_a_later_section_is_counted_with_the_profile(
    tmp_path: Path,
) -> None:
    q = load_pack(pack_for(None, None)).questionnaire
    first = q.sections[0]
    later = [x for s in q.sections[1:] for x in s.questions if x.profile]
    assert later, "the built-in pack asks profile questions of later sections first"
    answers = {x.id: _an_answer(x) for x in first.questions if x.profile}
    assert all(check_value(q.question(k), v) is None for k, v in answers.items())  # type: ignore[arg-type]
    draft = write_draft(
        tmp_path / "d.json", answers, questionnaire=q.id, questionnaire_version=q.version
    )
    result = run(["--resume", str(draft)], "")  # the keys run out at the next question
    assert result.exit_code == 130
    header = re.search(r"Section (\d+)/(\d+) · Question (\d+)/\d+ · ([^\r\n]*)", result.prompts)
    assert header is not None, result.prompts
    text = [x for x in later if x.text["en"] in result.prompts]  # type: ignore[index]
    assert text, "the next question is a later section's profile question"
    assert header.group(1) == "1", header.group(0)
    assert header.group(4).strip() == first.title["en"]  # type: ignore[index]
    assert int(header.group(3)) == len(answers) + 1

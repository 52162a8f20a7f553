"""The question loop on damaged drafts (prompt_toolkit pipe input, in-process): a draft a
crash, a hand edit or another version left with sections, positions or skips that name
nothing, answers of the wrong type or to options the pack no longer has, or piled-up Unicode,
is resumed and stopped at the first prompt, or walked to the end. Each run starts (or says
in one line where the draft is wrong, leaving it as it was), and every answer the draft held
is still in it: kept as it was, or set aside with why, never dropped or changed unasked.
tests/hostile/fuzz_loop.py does the same with random damage and random keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..conftest import FIXTURES
from ..drafts import write_draft
from ..interactive.driver import CTRL_C, ENTER, run

pytestmark = pytest.mark.timeout(90)

ANSWERS = {
    "company_sector": "machinery",
    "company_size": "small",
    "machine_data": "paper",
    "networked_share": 5,
    "has_erp": False,
    "daily_entry": "week",
    "biggest_worry": "We never know which machine is down.",
}
assert (FIXTURES / "answers" / "sample_small.yaml").exists()

# name: (changes to the draft, answers expected set aside (not kept) after the run)
DAMAGE: dict[str, tuple[dict[str, Any], set[str]]] = {
    "confirm-names-no-section": ({"confirm": ["ghost", "office"], "position": "ghost"}, set()),
    "confirm-in-a-section-at-a-hidden-question": (
        {"confirm": ["office"], "position": "erp_age"},
        set(),
    ),
    "position-names-no-question": ({"position": "no_such_question"}, set()),
    "position-at-a-hidden-question": ({"position": "sensors"}, set()),
    "skipped-answered-and-unknown": (
        {"skipped": ["machine_data", "ghost", "ghost"], "recheck": ["ghost", "has_erp"]},
        set(),
    ),
    "answer-of-the-wrong-type": (
        {"answers": {**ANSWERS, "networked_share": "lots", "has_erp": 3}},
        {"networked_share", "has_erp"},
    ),
    "option-no-longer-in-the-pack": (
        {"answers": {**ANSWERS, "company_sector": "textiles", "sensors": ["counts", "smell"]}},
        {"company_sector", "sensors"},
    ),
    "question-no-longer-in-the-pack": ({"answers": {**ANSWERS, "old_q": ["a", "b"]}}, {"old_q"}),
    "piled-unicode": (
        {
            "answers": {**ANSWERS, "biggest_worry": "e" + "\u0301" * 9000 + "\u202e🏭" * 200},
            "respondent": {"company": "长" * 3000 + "\u0301" * 3000},
        },
        set(),
    ),
    "set-aside-from-an-older-version": (
        {"set_aside": [{"question": "sensors", "value": ["stops"], "version": "0.9", "why": "x"}]},
        set(),
    ),
}


def _draft(tmp_path: Path, changes: dict[str, Any]) -> Path:
    fields = {
        "respondent": {"company": "Lin Precision Parts"},
        "answers": dict(ANSWERS),
        "saved_at": "2026-11-30T10:00:00",
        **changes,
    }
    answers = fields.pop("answers")
    return write_draft(tmp_path / "d.json", answers, indent=1, ensure_ascii=False, **fields)


@pytest.mark.parametrize("keys", ["stop", "finish"])
@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_draft_is_resumed_and_keeps_every_answer(
    tmp_path: Path, damage: str, keys: str
) -> None:
    changes, aside = DAMAGE[damage]
    path = _draft(tmp_path, changes)
    held = json.loads(path.read_text(encoding="utf-8"))["answers"]
    # stop at the first prompt; or Enter through whatever is asked (a section kept, the
    # first option, an empty text refused and the review's Finish), then stop
    typed = CTRL_C if keys == "stop" else ENTER * 30 + CTRL_C
    result = run(["--resume", str(path), "-o", str(tmp_path / "r.md")], typed)
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.exit_code in (0, 130), result.output
    saved = json.loads(path.read_text(encoding="utf-8"))
    set_aside = {x["question"]: x["value"] for x in saved.get("set_aside", [])}
    for key, value in held.items():
        if key in aside:
            assert set_aside.get(key) == value, (key, saved)
        elif keys == "stop":  # nothing asked was answered: unchanged
            assert saved["answers"].get(key) == value, (key, saved["answers"])
        else:
            assert key in saved["answers"] or key in set_aside, (key, saved)
    if keys == "stop":
        assert len(result.prompts) < 200_000  # drawn, not frozen


def test_a_draft_holding_what_no_answer_can_be_is_refused_at_its_line(tmp_path: Path) -> None:
    """One line naming the draft, the value at its line:col, the draft left as it was."""
    path = _draft(tmp_path, {"answers": {**ANSWERS, "old_q": [1, 2]}})
    before = path.read_bytes()
    result = run(["--resume", str(path)], CTRL_C)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {path}: not a draft or answers file",
        f"  {path}:17:12: answers.old_q: a list holds option values (text); got 1 in it",
    ]
    assert path.read_bytes() == before

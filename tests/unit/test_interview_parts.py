"""The interactive run's small parts: wrapping to a terminal's width, the draft lock, and
refusals explained in the run's language."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sme_assess.errors import UsageError
from sme_assess.interview.checks import why_not
from sme_assess.interview.layout import cells, wrap, wrap_message
from sme_assess.interview.lock import DraftLock
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE


@pytest.mark.parametrize("width", [20, 33, 80])
def test_wrapped_lines_fit_and_lose_nothing(width: int) -> None:
    text = (
        "网关自动读取每台设备控制器里的产量、停机和报警数据，系统里随时能看到。"
        "A gateway reads the controllers and a system shows them live, every minute."
    )
    lines = wrap(text, width)
    assert all(cells(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.startswith(("，", "。", "、")) for line in lines)


def test_a_message_keeps_its_indent_and_room_for_the_question_mark() -> None:
    message = wrap_message("Section 1/2 · " + "word " * 30 + "\n  " + "题" * 50, 40)
    lines = message.split("\n")
    assert cells(lines[0]) <= 40 - 2 - 1  # "? " comes before the first line
    assert all(cells(line) <= 40 for line in lines)
    assert all(line.startswith("  ") for line in lines if "题" in line)


def test_a_second_lock_on_a_draft_names_the_holder(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    with DraftLock(draft) as first:
        first.acquire()
        record = json.loads((tmp_path / "d.json.lock").read_text(encoding="utf-8"))
        assert record["pid"] == os.getpid()
        with pytest.raises(UsageError, match=rf"in use by another run \(process {os.getpid()} on"):
            DraftLock(draft).acquire()
    assert not (tmp_path / "d.json.lock").exists()
    again = DraftLock(draft)
    again.acquire()
    assert again.taken_over is None, "a lock released properly leaves nothing to take over"
    again.release()


def test_refusals_in_chinese_name_options_by_their_label() -> None:
    q = load_pack(SAMPLE).questionnaire
    sensors = q.question("sensors")
    share = q.question("networked_share")
    assert sensors is not None and share is not None
    assert why_not(sensors, ["counts", "none"], "zh", "en") == "“都没有”不能和其他选项同时勾选"
    assert why_not(sensors, ["counts"], "zh", "en") is None
    assert why_not(share, 150, "zh", "en") == "150 大于最大值 100"
    assert why_not(share, -1, "en", "en") == "-1 is below the minimum 0"

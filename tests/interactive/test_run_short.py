"""`run --short`: the pack's short form, its honest duration, and the MIIT estimate at the end."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from ..conftest import SAMPLE
from .driver import CTRL_C, DOWN, ENTER, SPACE, Pty, run

pytestmark = pytest.mark.timeout(120)


def _answer_all(term: Pty) -> int:
    markers = {
        "(arrow keys or the answer's number, then Enter)": DOWN + ENTER,  # the first option
        "(space or the answer's number ticks, Enter confirms)": SPACE + ENTER,
        "(type < to go back": "10" + ENTER,
    }
    markers["Review your answers"] = ENTER
    asked = 0
    while term.proc.poll() is None:
        try:
            chunk = term.next_prompt(list(markers), timeout=20, first=("Review your answers",))
        except AssertionError:
            if term.proc.poll() is not None:
                break
            raise
        term.send(markers[chunk])
        asked += 1
        assert asked < 200, "the run does not end"
    return asked


def test_the_short_form_asks_the_scenarios_and_foundation_and_gives_the_miit_estimate(
    tmp_path: Path,
) -> None:
    exe = Path(sys.executable).parent / "sme-assess"
    env = {**os.environ, "COLUMNS": "160", "LINES": "50", "TERM": "xterm", "LANG": "C.UTF-8"}
    args = [str(exe), "run", "--short", "--lang", "en", "--draft", str(tmp_path / "d.json")]
    term = Pty(args, tmp_path, env)
    term.expect("Company name")
    assert "About 25-30 minutes" in term.everything
    term.send("Short Form Ltd" + ENTER)
    asked = _answer_all(term)
    assert term.wait() == 0, term.seen[-3000:]
    answers = json.loads((tmp_path / "d.answers.json").read_text(encoding="utf-8"))["answers"]
    assert sum(1 for k in answers if k.startswith("sc_")) == 16
    assert "equipment_networked_pct" in answers and "digital_plan" not in answers
    # every item the MIIT estimate scores is asked: management and outcomes too
    # (the retrofit comparisons only once a retrofit is finished: Enter said "not started")
    assert {"digital_stage", "digital_talent", "data_security", "out_revenue_per_head"} <= set(
        answers
    )
    assert answers["digital_stage"] == "none" and "out_yield" not in answers
    # 45 of the 77 questions of the full form, the number the 25-30 minutes are measured on
    # (tests/unit/test_pack_duration.py); the header's total, not the prompts answered: a
    # prompt drawn twice on a busy machine would count twice
    totals = {int(t) for t in re.findall(r"Question \d+/(\d+)", term.everything)}
    assert totals and max(totals) <= 45 and asked >= max(totals)
    assert "machines_total" not in answers and "security_owner" not in answers
    assert "required question is not answered" not in term.everything
    assert "Estimated MIIT SME digital level" in " ".join(term.everything.split())


def test_the_full_run_states_its_measured_duration_first(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "sme-assess"
    env = {**os.environ, "COLUMNS": "160", "LINES": "50", "TERM": "xterm", "LANG": "C.UTF-8"}
    args = [str(exe), "run", "--lang", "zh", "--draft", str(tmp_path / "d.json")]
    term = Pty(args, tmp_path, env)
    term.expect("企业名称")
    assert "全部答完大约需要37-47分钟" in term.everything
    assert "run --short" in term.everything
    term.send(CTRL_C)
    assert term.wait() == 130


def test_under_make_run_the_short_form_is_offered_as_make_run_args(tmp_path: Path) -> None:
    """`make run` does not put sme-assess on the PATH: the hint gives the command that works
    where the owner is (it said `run --short`, which no shell finds)."""
    exe = Path(sys.executable).parent / "sme-assess"
    env = {**os.environ, "COLUMNS": "160", "LINES": "50", "TERM": "xterm", "LANG": "C.UTF-8"}
    env["SME_ASSESS_VIA_MAKE"] = "1"
    args = [str(exe), "run", "--lang", "en", "--draft", str(tmp_path / "d.json")]
    term = Pty(args, tmp_path, env)
    term.expect("Company")
    assert 'Short of time? `make run ARGS="--short"` asks about a third' in " ".join(
        term.everything.split()
    )
    term.send(CTRL_C)
    assert term.wait() == 130


def test_a_pack_without_a_short_form_says_so_and_asks_everything(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    result = run(
        ["--pack", str(SAMPLE), "--short", "--draft", str(draft), "-o", str(tmp_path / "r.md")],
        "",
    )
    assert "has no short form" in result.stdout

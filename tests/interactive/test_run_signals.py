"""Stopping at any moment loses nothing: SIGTERM and SIGHUP (the terminal window closed) at
every kind of prompt, in a fresh run and a resumed one, stop the run as Ctrl-C does (they
killed it: the lock was left behind, no command to continue was printed, exit -15/-1): the
draft holds every answer given, the lock is released, the resume line is printed where there
is a terminal to print it on, exit 130. Ctrl-C and Ctrl-D at every kind of prompt too."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pytest

from ..conftest import FIXTURES, SAMPLE
from .driver import CTRL_C, DOWN, ENTER, SPACE, Pty, run, terminal_env

pytestmark = pytest.mark.timeout(120)

EXE = Path(sys.executable).parent / "sme-assess"
CTRL_D = "\x04"

# (what the prompt shows, the keys that answer it, the answers saved once it is answered)
STEPS = [
    ("Company name", "Sig Co" + ENTER, {}),  # text
    ("What do you mainly make?", DOWN * 2 + ENTER, {"company_sector": "food"}),  # choice
    ("How many people work for you?", DOWN + ENTER, {"company_size": "micro"}),
    ("How do machine counts", DOWN * 2 + ENTER, {"machine_data": "spreadsheet"}),  # scale
    ("What share of your machines", "10" + ENTER, {"networked_share": 10}),  # number
    ("Which of these do your machines", SPACE + ENTER, {"sensors": ["counts"]}),  # checkbox
    ("(ERP)?", DOWN + DOWN + ENTER, {"has_erp": False}),  # yes/no
    ("When does a finished order", DOWN + ENTER, {"daily_entry": "never"}),
    ("What worries you most", ENTER, {}),  # free text, skipped
    ("Review your answers", "", {}),  # the review
]
KINDS = {"text": 0, "choice": 1, "number": 4, "checkbox": 5, "yes/no": 6, "review": 9}


def _given(upto: int) -> dict:
    given: dict = {}
    for _, _, adds in STEPS[:upto]:
        given.update(adds)
    return given


def _stop(term: Pty, sig: signal.Signals) -> int:
    if sig == signal.SIGHUP:  # the window closed: nothing left to print on
        os.close(term.master)
        term.proc.send_signal(sig)
        return term.proc.wait(timeout=30)
    term.proc.send_signal(sig)
    return term.wait(30)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_signal_at_any_prompt_keeps_every_answer_and_releases_the_draft(
    tmp_path: Path, kind: str, sig: signal.Signals
) -> None:
    upto = KINDS[kind]
    draft = tmp_path / "d.json"
    args = [str(EXE), "run", "--pack", str(SAMPLE), "--lang", "en", "--draft", str(draft)]
    term = Pty(args, tmp_path, terminal_env(), rows=24, cols=80)
    for marker, keys, _ in STEPS[:upto]:
        term.wait_screen(marker)
        term.send(keys)
    term.wait_screen(STEPS[upto][0])
    term.send("4")  # typed, not confirmed: not an answer
    code = _stop(term, sig)
    assert code == 130
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["answers"] == _given(upto)
    assert saved["respondent"].get("company") == ("Sig Co" if upto else None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"], "the lock is released"
    if sig == signal.SIGTERM:
        assert "continue with:" in term.everything and f"--resume {draft}" in term.everything
        assert "\x1b[?25h" in term.everything  # the cursor shown again: the terminal restored


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_in_a_resumed_run_and_a_re_assessment_keeps_every_answer(
    tmp_path: Path, sig: signal.Signals
) -> None:
    old = FIXTURES / "answers" / "sample_small.yaml"
    draft = tmp_path / "d.json"
    args = [str(EXE), "run", "--lang", "en", "--from", str(old), "--draft", str(draft)]
    term = Pty(args, tmp_path, terminal_env(), rows=24, cols=80)
    term.wait_screen("Keep these answers")
    term.send(DOWN + ENTER)  # profile kept
    term.wait_screen("Section 2/3")
    term.proc.send_signal(signal.SIGTERM)  # on the confirm screen
    assert term.wait(30) == 130
    assert json.loads(draft.read_text(encoding="utf-8"))["confirm"] == ["shop_floor", "office"]
    again = Pty(
        [str(EXE), "run", "--resume", str(draft)], tmp_path, terminal_env(), rows=24, cols=80
    )
    again.wait_screen("Section 2/3")
    again.send(DOWN + DOWN + ENTER)  # change some
    again.wait_screen("How do machine counts")
    again.send(DOWN + ENTER)  # one down from paper: a spreadsheet
    again.wait_screen("What share of your machines")
    assert _stop(again, sig) == 130
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["answers"]["machine_data"] == "spreadsheet"
    assert saved["position"] == "networked_share"
    assert saved["answers"]["daily_entry"] == "week"  # the earlier answers all kept
    assert not (tmp_path / "d.json.lock").exists()


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D], ids=["Ctrl-C", "Ctrl-D"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_ctrl_c_and_ctrl_d_at_any_prompt_keep_every_answer(
    tmp_path: Path, kind: str, key: str
) -> None:
    upto = KINDS[kind]
    draft = tmp_path / "d.json"
    keys = "".join(k for _, k, _ in STEPS[:upto]) + key
    result = run(["--pack", str(SAMPLE), "--lang", "en", "--draft", str(draft)], keys)
    assert result.exit_code == 130, result.output
    assert json.loads(draft.read_text(encoding="utf-8"))["answers"] == _given(upto)
    assert f"--resume {draft}" in result.stderr
    assert not (tmp_path / "d.json.lock").exists()


def test_a_signal_between_prompts_waits_until_the_answer_is_saved() -> None:
    """An answer chosen and not yet saved when SIGTERM comes is saved first: the run stops
    after it (at the next prompt, or as the interview ends), not in the middle."""
    from sme_assess.interview.stopping import Stopped, stoppable

    done = []
    with pytest.raises(Stopped), stoppable():
        os.kill(os.getpid(), signal.SIGTERM)
        done.append("saved")  # the step in hand goes on
    assert done == ["saved"]
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # as it was


def test_an_interview_run_in_a_thread_of_its_own_starts() -> None:
    """A program that runs the interview in a thread of its own (a GUI, a server) got
    'signal only works in main thread' before the first question: Python lets no handler
    be set there. The interview now runs without them (Ctrl-C and Ctrl-D still stop it)."""
    import threading

    from sme_assess.interview.stopping import stoppable

    ran: list[str] = []
    failed: list[BaseException] = []

    def interview() -> None:
        try:
            with stoppable():
                ran.append("asked")
        except BaseException as exc:  # the failure is what the test reports
            failed.append(exc)

    worker = threading.Thread(target=interview)
    worker.start()
    worker.join()
    assert failed == [] and ran == ["asked"]
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # the main thread's untouched

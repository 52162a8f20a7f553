"""The mutation fuzzer's interview target: a damaged draft continued with ``run --resume``
and walked through the question loop with random keys (prompt_toolkit pipe input under
Typer's runner, in-process, ``SME_ASSESS_DEBUG=1``).

The damage is what a draft can hold after a crash, a hand edit or a newer or older pack:
``confirm``, ``position``, ``skipped`` and ``recheck`` naming sections or questions that do
not exist, of the wrong type or repeated; answers of the wrong type, to unknown questions or
with options the pack no longer has; huge or odd Unicode; a draft for another pack. Judged
as every other target (``fuzz_targets.judge``), and: the run ends with 0, 2 or 130 (the keys
ran out); a refused draft is left byte for byte as it was; a draft the run continued still
holds every answer it held, kept, set aside or skipped on purpose in this run.
"""

from __future__ import annotations

import copy
import json
import os
import random
import time
from pathlib import Path
from typing import Any

from .. import drafts
from .fuzz_targets import ENV, FIXTURES, HANG_SECONDS, PACKS, Case, Hang, Outcome, _alarm, judge
from .mutations import HOSTILE_NUMBERS, HOSTILE_STRINGS, mutate

SAMPLE_ANSWERS = FIXTURES / "answers" / "sample_small.yaml"


def _sample_ids() -> tuple[list[str], list[str]]:
    """The sample pack's question and section ids."""
    from sme_assess.pack.loading import load_pack

    q = load_pack(PACKS / "sample").questionnaire
    return [x.id for x in q.questions()], [s.id for s in q.sections]


QUESTIONS, SECTIONS = _sample_ids()
DOWN, UP, ENTER, SPACE, BACKSPACE = "\x1b[B", "\x1b[A", "\r", " ", "\x7f"
KEYS = [ENTER] * 6 + [DOWN] * 3 + [UP, SPACE, BACKSPACE, "<", "?", "-", "5", "x", "1"]


def _odd(rng: random.Random) -> Any:
    """A value a draft should not hold: hostile scalars, containers, an id of another kind."""
    return rng.choice(
        [
            *HOSTILE_NUMBERS,
            *rng.sample(HOSTILE_STRINGS, 4),
            None,
            [],
            {},
            [None],
            {"a": 1},
            rng.choice(QUESTIONS),
            rng.choice(SECTIONS),
            "ghost_question",
        ]
    )


def _ids(rng: random.Random, pool: list[str]) -> Any:
    """A list of ids as the draft keeps them, damaged: unknown, repeated, mistyped."""
    picked: list[Any] = rng.sample(pool, rng.randint(0, len(pool)))
    for _ in range(rng.randint(0, 3)):
        picked.insert(rng.randint(0, len(picked)), rng.choice([*pool, "ghost", _odd(rng)]))
    return picked if rng.random() < 0.85 else _odd(rng)


def damage(draft: dict[str, Any], rng: random.Random) -> str:
    """One to three draft-shaped changes of ``draft`` (in place); what they were."""
    done = []
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(
            [
                *("confirm", "confirm", "position", "position", "skipped", "skipped"),
                *("recheck", "answer-type", "answer-type", "unknown-id", "gone-option"),
                *("unicode", "other-pack", "set-aside", "language", "short", "respondent"),
            ]
        )
        answers = draft.setdefault("answers", {})
        if op == "confirm":
            draft["confirm"] = _ids(rng, SECTIONS)
        elif op == "position":
            draft["position"] = rng.choice([*QUESTIONS, "erp_age", "ghost", _odd(rng)])
        elif op in ("skipped", "recheck"):
            draft[op] = _ids(rng, QUESTIONS)
        elif op == "answer-type" and isinstance(answers, dict):  # mostly a draft's types
            wrong = [5, -3, 1e9, 0.5, True, "text", "unknown", "n/a", ["counts"], ["x", "x"], []]
            answers[rng.choice(QUESTIONS)] = rng.choice([*wrong, _odd(rng)])
        elif op == "unknown-id" and isinstance(answers, dict):
            answers[rng.choice(["ghost", "x" * 300, "长" * 50, "", "a.b", "\u202eq"])] = "v"
        elif op == "gone-option" and isinstance(answers, dict):
            qid = rng.choice(["company_sector", "machine_data", "sensors", "daily_entry"])
            answers[qid] = ["counts", "gone"] if qid == "sensors" else "gone_option"
        elif op == "unicode" and isinstance(answers, dict):
            text = rng.choice(
                ["长" * 100_000, "\u202e" * 5000, "🏭" * 30_000, "e" + "\u0301" * 9000]
            )
            answers[rng.choice(["biggest_worry", "company_sector"])] = text
            draft["respondent"] = {"company": text[:5000]}
        elif op == "other-pack":
            draft["questionnaire"] = rng.choice(["manufacturing-sme", "ghost-pack", ""])
        elif op == "set-aside":
            draft["set_aside"] = rng.choice(
                [
                    [{"question": "sensors", "value": ["stops"], "version": "1.0.0", "why": "x"}],
                    [{"question": "ghost", "value": _odd(rng), "version": "", "why": ""}],
                    [{"question": "erp_age"}],
                    _odd(rng),
                ]
            )
        elif op == "language":
            draft["language"] = rng.choice(["xx", "", "zh", "zh-Hant", _odd(rng)])
        elif op == "short":
            draft["short_form"] = rng.choice([True, False, _odd(rng)])
        elif op == "respondent":
            draft["respondent"] = rng.choice([_odd(rng), {"company": _odd(rng), "date": "x"}])
        done.append(op)
    return " + ".join(done)


def _sample_draft() -> dict[str, Any]:
    import yaml

    doc = yaml.safe_load(SAMPLE_ANSWERS.read_text(encoding="utf-8"))
    return drafts.draft(
        doc["answers"],
        questionnaire=doc["questionnaire"],
        questionnaire_version=str(doc["questionnaire_version"]),
        respondent={k: str(v) for k, v in doc["respondent"].items()},
        position="daily_entry",
        saved_at="2026-11-30T10:00:00",
    )


def _held(path: Path) -> dict[str, Any]:
    """The answers the draft holds as the tool reads it ({} when it is not one)."""
    from sme_assess.errors import SmeAssessError
    from sme_assess.interview.draft import load_draft

    try:
        return dict(load_draft(path)[0].answers)
    except SmeAssessError:
        return {}


def loop_target(case_dir: Path, rng: random.Random) -> Case:
    """A damaged draft resumed and walked with random keys until they run out."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from typer.testing import CliRunner

    from sme_assess.cli import app

    from ..interactive.driver import Screen

    draft = _sample_draft()
    if rng.random() < 0.5:  # start in the middle: some answers not given yet
        for key in rng.sample(QUESTIONS, rng.randint(1, 4)):
            draft["answers"].pop(key, None)
    mutation = damage(draft, rng)
    data = json.dumps(draft, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass")
    if rng.random() < 0.15:
        try:
            data, more = mutate(data.decode("utf-8", "replace").encode("utf-8"), rng)
            mutation += f" + {more}"
        except Exception:  # the damage already made it unreadable as YAML: keep it so
            pass
    target = case_dir / "d.json"
    target.write_bytes(data)
    case = Case("loop", "sample_small.yaml as draft", mutation, data)
    held = copy.deepcopy(_held(target))
    # no keys at all (a fifth of the cases): stopped at the first prompt, every answer the
    # draft held must be there unchanged
    keys = "" if rng.random() < 0.2 else "".join(rng.choice(KEYS) for _ in range(40))
    keys = keys[: rng.randint(0, len(keys))]
    args = ["run", "--resume", "d.json", "-o", "r.md"]
    env = {**ENV, "XDG_DATA_HOME": str(case_dir / "home")}
    here = os.getcwd()
    started = time.monotonic()
    os.chdir(case_dir)
    try:
        with (
            _alarm(HANG_SECONDS),
            create_pipe_input() as pipe,
            create_app_session(input=pipe, output=Screen()),
        ):
            pipe.send_text(keys)
            pipe.close()
            result = CliRunner().invoke(app, args, env=env, catch_exceptions=True)
        exc = result.exception if not isinstance(result.exception, SystemExit) else None
        out = Outcome(args, result.exit_code, result.stdout, result.stderr, exc)
    except Hang as exc:
        out = Outcome(args, None, "", "", exc)
    finally:
        os.chdir(here)
    out.seconds = time.monotonic() - started
    case.outcomes.append(out)
    case.problems += [p for p in judge(out, target.name) if p != "exit-code:130"]
    if case.problems:
        return case
    if out.exit_code not in (0, 2, 130):
        case.problems.append(f"exit-code:{out.exit_code}")
    if out.exit_code == 2 and target.read_bytes() != data:
        case.problems.append("input-modified")
    if out.exit_code in (0, 130) and held:
        saved = json.loads(target.read_text(encoding="utf-8"))
        kept = set(saved.get("answers", {})) | set(saved.get("skipped", []))
        kept |= {x["question"] for x in saved.get("set_aside", [])}
        lost = {k for k, v in held.items() if v != []} - kept
        if lost:
            case.problems.append("answers-lost")
            out.stderr = f"lost: {sorted(lost)[:5]} keys={keys!r}"
        aside = [(x["question"], x["value"]) for x in saved.get("set_aside", [])]
        changed = [
            k
            for k, v in held.items()
            if v != [] and saved.get("answers", {}).get(k, aside) != v and (k, v) not in aside
        ]
        if not keys and changed:
            case.problems.append("answers-changed")
            out.stderr = f"changed unasked: {sorted(changed)[:5]}"
    return case

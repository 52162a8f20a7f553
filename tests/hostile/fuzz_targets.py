"""What the mutation fuzzer runs, and how it judges each outcome.

A target takes one seed file, writes a mutated copy (tests/hostile/mutations.py) into a
scratch folder and runs a command on it in-process (Typer's runner, ``SME_ASSESS_DEBUG=1``
so that a bug surfaces as its exception rather than as the one ``internal error`` line), or
the interview's own setup (``prepare``) for drafts. ``judge`` turns the outcome into
problem classes; an empty list is a pass:

- ``crash``: an exception other than SystemExit, ``Traceback`` or ``internal error`` shown;
- ``exit-code``: an exit code not in {0, 1, 2};
- ``exit0-with-error``: exit 0 and an ``error:`` line;
- ``unlocated``: an error that does not name the file it is about;
- ``no-line-col``: an error that names the file but no line:col (or row) in a text file;
- ``hang``: longer than ``HANG_SECONDS``;
- ``validate-0-unusable``: validate said 0 for a pack that ``score`` then cannot use;
- ``input-modified``: the mutated input was changed by the command;
- ``answers-lost``: a resumed draft's answers neither kept nor set aside;
- ``memory``: one case raised the process's peak memory by more than 400 MiB.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from .. import drafts
from .mutations import mutate

REPO = Path(__file__).resolve().parents[2]
PACKS = REPO / "questionnaires"
FIXTURES = REPO / "tests" / "fixtures"
HANG_SECONDS = 20
MEMORY_KIB = 400 * 1024  # one case raising the process's peak by more: not bounded
ENV = {"COLUMNS": "200", "NO_COLOR": "1", "SME_ASSESS_DEBUG": "1", "SME_ASSESS_LANG": "en"}
LOCATED = re.compile(r":\d+:\d+|:\d+\b| row \d+|line \d+")


class Hang(BaseException):
    """Raised by the alarm: not an Exception, so no `except Exception` in the tool eats it."""


@contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    def ring(_signum: int, _frame: Any) -> None:
        raise Hang

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@dataclass
class Outcome:
    """One command's run on one mutated input."""

    args: list[str]
    exit_code: int | None
    stdout: str = ""
    stderr: str = ""
    exception: BaseException | None = None
    seconds: float = 0.0


@dataclass
class Case:
    """One mutation of one seed, the runs made on it and the problems found."""

    target: str
    seed_file: str
    mutation: str
    data: bytes
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def invoke(args: list[str], cwd: Path) -> Outcome:
    """The CLI in-process in ``cwd``, judged by what a user would see."""
    from sme_assess.cli import app

    here = os.getcwd()
    started = time.monotonic()
    os.chdir(cwd)
    try:
        with _alarm(HANG_SECONDS):
            result = CliRunner().invoke(app, args, env=ENV, catch_exceptions=True)
        exc = result.exception if not isinstance(result.exception, SystemExit) else None
        return Outcome(
            args,
            result.exit_code,
            result.stdout,
            result.stderr,
            exc,
            time.monotonic() - started,
        )
    except Hang as exc:
        return Outcome(args, None, "", "", exc, time.monotonic() - started)
    finally:
        os.chdir(here)


def judge(outcome: Outcome, about: str, text_file: bool = True) -> list[str]:
    """The problem classes of one outcome; ``about`` is the name of the mutated file."""
    problems: list[str] = []
    shown = outcome.stdout + outcome.stderr
    if isinstance(outcome.exception, Hang) or outcome.seconds > HANG_SECONDS:
        return ["hang"]
    if outcome.exception is not None or "Traceback" in shown or "internal error" in shown:
        name = type(outcome.exception).__name__ if outcome.exception else "shown"
        return [f"crash:{name}"]
    if outcome.exit_code not in (0, 1, 2):
        problems.append(f"exit-code:{outcome.exit_code}")
    if outcome.exit_code == 0 and re.search(r"^error", outcome.stderr, re.M):
        problems.append("exit0-with-error")
    if outcome.exit_code == 2 and outcome.args[:3] == ["validate", "--format", "json"]:
        findings = json.loads(outcome.stdout or "{}").get("findings", [])
        if not findings or not all(f.get("line") and f.get("col") for f in findings):
            problems.append("no-line-col")
    elif outcome.exit_code == 2:
        said = outcome.stderr + (outcome.stdout if outcome.args[:1] == ["validate"] else "")
        named = [line for line in said.splitlines() if about in line]
        if not named:
            problems.append("unlocated")
        elif (
            text_file
            and "the file is empty" not in said
            and not any(LOCATED.search(line.split(about, 1)[1][:20]) for line in named)
        ):
            problems.append("no-line-col")
        missing = [line for line in named if "required question is not answered" in line]
        if text_file and any(not LOCATED.search(m.split(about, 1)[1][:20]) for m in missing):
            problems.append("missing-answer-unplaced")  # at the answers it belongs in
    return problems


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- seeds ------------------------------------------------------------------------------------

PERSONAS = sorted((FIXTURES / "personas").glob("*.yaml"))
ANSWERS = sorted((FIXTURES / "answers").glob("*.yaml"))
SAMPLE_ANSWERS = FIXTURES / "answers" / "sample_small.yaml"
PACK_CHOICES = ["sample", "sample", "manufacturing-sme"]  # the pytest run takes the small one
MAPPING_FULL = 0.3  # share of mapping cases run as a whole batch (the rest: --check-mapping)
MAPPING = (
    "columns:\n  Firm: company\n  Machines: machine_data\n  ERP?: has_erp\n"
    "  Province: region\n  Ticket: ignore\n  Share: networked_share\n"
    "values:\n  machine_data: {Clipboard: paper, Excel sheets: spreadsheet}\n"
    "  has_erp: {Kingdee: true, none: false}\n"
    "scales:\n  networked_share: fraction\n"
)
TABLE = (
    "Firm;Machines;ERP?;Province;Ticket;Share\n"
    "Odd Works;Clipboard;Kingdee;Zhejiang;77;0.3\n"
    "Even Works;Excel sheets;none;Jiangsu;78;0.5\n"
)


def _persona_for(pack_id: str) -> Path:
    return SAMPLE_ANSWERS if pack_id == "sample" else FIXTURES / "personas" / "auto_parts.yaml"


def _draft_text(seed: Path) -> bytes:
    """A draft as a run saves it, from an answers file: answers, a position, one set aside."""
    doc = yaml.safe_load(seed.read_text(encoding="utf-8"))
    respondent = {k: str(v) for k, v in (doc.get("respondent") or {}).items()}
    answers = doc["answers"]
    saved = drafts.draft(
        answers,
        questionnaire=doc["questionnaire"],
        questionnaire_version=str(doc.get("questionnaire_version") or ""),
        language=doc.get("language", "en"),
        respondent=respondent,
        position=list(answers)[-1],
        skipped=[],
        set_aside=[{"question": "old_q", "value": 3, "version": "0.9.0", "why": "renamed"}],
        saved_at="2026-11-30T10:00:00",
    )
    return json.dumps(saved, ensure_ascii=False, indent=2).encode("utf-8")


# --- targets -------------------------------------------------------------------------------


def validate_target(case_dir: Path, rng: random.Random) -> Case:
    """A pack with one file mutated: validate; when it says 0, score with the pack too."""
    pack_id = rng.choice(PACK_CHOICES)
    pack = case_dir / pack_id
    shutil.copytree(PACKS / pack_id, pack)
    name = rng.choice(sorted(p.name for p in pack.glob("*.yaml")))
    target = pack / name
    data, mutation = mutate(target.read_bytes(), rng)
    target.write_bytes(data)
    case = Case("validate", f"{pack_id}/{name}", mutation, data)
    before = _digest(target)
    fmt = rng.choice(["text", "json"])
    out = invoke(["validate", "--format", fmt, str(pack)], case_dir)
    case.outcomes.append(out)
    case.problems += judge(out, name)
    if out.exit_code == 1 and fmt == "json" and not case.problems:
        for f in json.loads(out.stdout)["findings"]:
            if not (f.get("line") or 0) >= 1 or not (f.get("col") or 0) >= 1 or not f["rule"]:
                case.problems.append("finding-unlocated")
                break
    if out.exit_code == 0 and not case.problems:
        persona = _persona_for(pack_id)
        scored = invoke(["score", "--lenient", "--pack", str(pack), str(persona)], case_dir)
        case.outcomes.append(scored)
        found = judge(scored, persona.name)
        if scored.exit_code == 2 and name in scored.stderr:
            found.append("validate-0-unusable")
        case.problems += [p for p in found if p not in ("unlocated", "no-line-col")]
        if "unlocated" in found and name not in scored.stderr:
            case.problems.append("validate-0-unusable")
    if _digest(target) != before:
        case.problems.append("input-modified")
    return case


def answers_target(case_dir: Path, rng: random.Random) -> Case:
    """A mutated answers file through score, explain or report --format md."""
    seed = rng.choice(PERSONAS + ANSWERS)
    suffix = rng.choice([".yaml", ".json", ".yml"])
    target = case_dir / f"answers{suffix}"
    data, mutation = mutate(seed.read_bytes(), rng)
    target.write_bytes(data)
    case = Case("answers", seed.name, mutation, data)
    before = _digest(target)
    command = rng.choice(
        [
            ["score", target.name],
            ["score", "--format", "json", target.name],
            ["explain", target.name],
            ["report", target.name, "--format", "md", "-o", "out.md"],
            ["report", target.name, "--format", "json", "-o", "out.json"],
        ]
    )
    if rng.random() < 0.3:
        command.insert(1, "--lenient")
    out = invoke(command, case_dir)
    case.outcomes.append(out)
    case.problems += judge(out, target.name)
    if _digest(target) != before:
        case.problems.append("input-modified")
    return case


def progress_target(case_dir: Path, rng: random.Random) -> Case:
    """compare / report --previous with a mutated earlier (or later) answers file."""
    seed = FIXTURES / "personas" / rng.choice(["auto_parts.yaml", "job_shop.yaml"])
    after = FIXTURES / "progress" / seed.name.replace(".yaml", "_after.yaml")
    target = case_dir / "t0.yaml"
    data, mutation = mutate(seed.read_bytes(), rng)
    target.write_bytes(data)
    case = Case("progress", seed.name, mutation, data)
    command = rng.choice(
        [
            ["compare", "t0.yaml", str(after)],
            ["compare", str(after), "t0.yaml", "--format", "json"],
            ["compare", "t0.yaml", str(after), "--format", "md"],
            ["report", str(after), "--previous", "t0.yaml", "--format", "md", "-o", "r.md"],
        ]
    )
    out = invoke(command, case_dir)
    case.outcomes.append(out)
    case.problems += judge(out, "t0.yaml")
    return case


def mapping_target(case_dir: Path, rng: random.Random) -> Case:
    """batch --mapping (or --check-mapping) with a mutated mapping file."""
    (case_dir / "odd.csv").write_text(TABLE, encoding="utf-8")
    target = case_dir / "map.yaml"
    data, mutation = mutate(MAPPING.encode("utf-8"), rng)
    target.write_bytes(data)
    case = Case("mapping", "map.yaml", mutation, data)
    pack = str(PACKS / "sample")
    check = ["batch", "--check-mapping", "odd.csv", "--mapping", "map.yaml", "-p", pack]
    full = ["batch", "odd.csv", "--mapping", "map.yaml", "-o", "out", "-p", pack, "-j", "1"]
    command = full if rng.random() < MAPPING_FULL else check  # a full batch writes a PDF: slow
    out = invoke(command, case_dir)
    case.outcomes.append(out)
    found = judge(out, "map.yaml")
    if "unlocated" in found and "odd.csv: no column matches" in out.stderr:
        found.remove("unlocated")  # the mapping was read: the table has nothing to score
    case.problems += found
    return case


def batch_target(case_dir: Path, rng: random.Random) -> Case:
    """A mutated answers file in a batch beside a good one: exit 0 or 1, each respondent in
    summary.csv or errors.csv, and no internal error hidden in errors.csv."""
    import csv

    seed = rng.choice([p for p in PERSONAS + ANSWERS if p != SAMPLE_ANSWERS])
    folder = case_dir / "in"
    folder.mkdir()
    shutil.copy(_persona_for("manufacturing-sme"), folder / "good.yaml")
    target = folder / f"firm{rng.choice(['.yaml', '.json'])}"
    data, mutation = mutate(seed.read_bytes(), rng)
    target.write_bytes(data)
    case = Case("batch", seed.name, mutation, data)
    out = invoke(["batch", "in", "-o", "out", "-j", "1", "-p", "manufacturing-sme"], case_dir)
    case.outcomes.append(out)
    case.problems += judge(out, target.name)
    if out.exit_code in (0, 1) and not case.problems:
        rows = {}
        for name in ("summary.csv", "errors.csv"):
            path = case_dir / "out" / name
            if path.exists():
                with path.open(encoding="utf-8-sig", newline="") as f:
                    rows[name] = list(csv.DictReader(f))
        failed = rows.get("errors.csv", [])
        said = " ".join(" ".join(r.values()) for r in failed)
        if "internal error" in said or "Error)" in said:
            case.problems.append("crash-in-errors-csv")
            out.stderr = said[:300]
        if len(rows.get("summary.csv", [])) + len(failed) < 2:
            case.problems.append("respondent-lost")
        if failed and not any(target.name in r.get("source", "") for r in failed):
            case.problems.append("error-row-unnamed")
    return case


def _answers_of(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc.get("answers") or {} if isinstance(doc, dict) else {}


def draft_target(case_dir: Path, rng: random.Random) -> Case:
    """A mutated draft (or answers file) continued with run --resume or run --from: the
    interview's setup, in-process. Every answer the file held must be kept, set aside or
    named; never a crash."""
    from sme_assess.errors import SmeAssessError
    from sme_assess.interview.draft import load_draft
    from sme_assess.interview.start import prepare

    seed = rng.choice([*PERSONAS, SAMPLE_ANSWERS])
    as_draft = rng.random() < 0.7
    source = _draft_text(seed) if as_draft else seed.read_bytes()
    target = case_dir / ("draft.json" if as_draft else "t0.yaml")
    data, mutation = mutate(source, rng)
    target.write_bytes(data)
    case = Case("draft", seed.name + (" as draft" if as_draft else ""), mutation, data)
    use_from = not as_draft and rng.random() < 0.5
    args = ["run", "--from" if use_from else "--resume", target.name]
    old_home = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(case_dir / "home")
    started = time.monotonic()
    out = Outcome(args, 0)
    here = os.getcwd()
    os.chdir(case_dir)
    try:
        with _alarm(HANG_SECONDS):
            try:
                held = load_draft(target)[0].answers
            except SmeAssessError:
                held = {}
            if use_from:
                prepared = prepare(None, "en", None, None, from_answers=target)
            else:
                prepared = prepare(None, "en", None, target)
            prepared.lock.release()
            saved = prepared.state.draft_path
            kept = set(_answers_of(saved))
            aside = json.loads(saved.read_text(encoding="utf-8")).get("set_aside", [])
            kept |= {a["question"] for a in aside}
            renamed = prepared.state.pack.questionnaire.migrations
            olds = {k for m in renamed for k in {**m.questions, **m.dropped}}
            lost = {k for k, v in held.items() if v != []} - kept - olds  # [] is asked again
            if lost:
                case.problems.append("answers-lost")
                out.stderr = f"lost: {sorted(lost)[:5]}"
    except SmeAssessError as exc:
        out.exit_code = exc.exit_code
        out.stderr = "\n".join([f"error: {exc}", *getattr(exc, "details", [])])
    except Hang as exc:
        out.exception = exc
    except Exception as exc:  # a crash is what the fuzzer looks for
        out.exception = exc
    finally:
        os.chdir(here)
        if old_home is None:
            os.environ.pop("XDG_DATA_HOME", None)
        else:
            os.environ["XDG_DATA_HOME"] = old_home
    out.seconds = time.monotonic() - started
    case.outcomes.append(out)
    case.problems += judge(out, target.name)
    return case


TARGETS: dict[str, Callable[[Path, random.Random], Case]] = {
    "validate": validate_target,
    "answers": answers_target,
    "progress": progress_target,
    "mapping": mapping_target,
    "draft": draft_target,
    "batch": batch_target,
}


def all_targets() -> dict[str, Callable[[Path, random.Random], Case]]:
    """``TARGETS`` and the ones kept in their own modules (which import this one)."""
    from .fuzz_loop import loop_target
    from .fuzz_xlsx import xlsx_target

    return {**TARGETS, "loop": loop_target, "xlsx": xlsx_target}


@contextmanager
def no_cohort_pdf() -> Iterator[None]:
    """Batches without their cohort PDF (a stub in its place), ~0.3 s a case instead of ~5:
    what the fuzzer judges is the reading and the scoring, not WeasyPrint."""
    from sme_assess.batch import finish

    real = finish.make_cohort_pdf
    finish.make_cohort_pdf = lambda html, lang: b"%PDF-1.7 stub"
    try:
        yield
    finally:
        finish.make_cohort_pdf = real


def run_cases(seed: int, count: int, targets: list[str], scratch: Path) -> Iterator[Case]:
    """``count`` cases, spread over ``targets``, reproducible from ``seed``."""
    for n in range(count):
        name = targets[n % len(targets)]
        rng = random.Random(f"{seed}-{n}")
        case_dir = scratch / f"case{n}"
        case_dir.mkdir(parents=True)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        try:
            case = all_targets()[name](case_dir, rng)
            grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak
            if grown > MEMORY_KIB:
                case.problems.append(f"memory:+{grown // 1024}MiB")
            yield case
        finally:
            shutil.rmtree(case_dir, ignore_errors=True)

"""Fuzzing the readers (area `parse`): random answers documents (structured, mutated text and
raw bytes) and random pack mutations, through the readers and the CLI. Whatever comes in, the
tool ends with exit 0, 1 or 2, never a traceback, and in bounded time.

In-process runs use Typer's runner with exceptions re-raised, so any crash fails the test with
its traceback; a few runs go through a real process to see what a user sees.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sme_assess.answer_io.native import load_answers
from sme_assess.errors import SmeAssessError
from sme_assess.limits import MAX_TEXT_CHARS

from ..conftest import FIXTURES, SAMPLE

ANSWERS_TEXT = (FIXTURES / "answers" / "sample_small.yaml").read_text(encoding="utf-8")
ANSWERS_JSON = json.dumps(yaml.safe_load(ANSWERS_TEXT), ensure_ascii=False, indent=1)
QUESTIONNAIRE_TEXT = (SAMPLE / "questionnaire.yaml").read_text(encoding="utf-8")
QUESTIONNAIRE_LINES = QUESTIONNAIRE_TEXT.split("\n")
NUMBER_LINES = [
    i
    for i, line in enumerate(QUESTIONNAIRE_LINES)
    if line.partition(": ")[2].strip().replace(".", "", 1).isdigit()
]
SAMPLE_IDS = [
    "company_sector",
    "company_size",
    "machine_data",
    "networked_share",
    "sensors",
    "has_erp",
    "erp_scope",
    "daily_entry",
    "biggest_worry",
]
# SME_FUZZ_SCALE=10 runs ten times the examples (a longer hunt before a release)
SCALE = float(os.environ.get("SME_FUZZ_SCALE", "1"))
SECONDS = 10  # per example, on a loaded machine; real runs take well under a second

FUZZ = settings(
    max_examples=int(40 * SCALE),
    deadline=None,  # time is asserted per run below, with a clearer message
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- strategies ---------------------------------------------------------------------------

hostile_numbers = st.one_of(
    st.integers(min_value=-(10**120), max_value=10**120),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 10**99, 10**100, 1e308, -1e308, 5e-324]),
)
hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["n/a", "unknown", "paper", "machinery", "", "yes", "~", "\x00", "\u202e"]),
    st.integers(min_value=MAX_TEXT_CHARS - 1, max_value=MAX_TEXT_CHARS + 1).map(lambda n: "长" * n),
)
scalars = st.one_of(st.none(), st.booleans(), hostile_numbers, hostile_text)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=8), inner, max_size=4),
    ),
    max_leaves=20,
)
answers_docs = st.fixed_dictionaries(
    {"questionnaire": st.sampled_from(["sample", "Sample", "other", ""])},
    optional={
        "questionnaire_version": st.one_of(st.just("1.0.0"), hostile_text, hostile_numbers),
        "language": st.sampled_from(["en", "zh", "xx", "EN"]),
        "respondent": st.one_of(
            st.dictionaries(
                st.sampled_from(["company", "sector", "size", "date", "note", "x"]),
                values,
                max_size=4,
            ),
            values,
        ),
        "answers": st.one_of(
            st.dictionaries(
                st.one_of(st.sampled_from(SAMPLE_IDS), st.text(max_size=10)), values, max_size=9
            ),
            values,
        ),
    },
)

# Pieces that YAML and the readers treat specially, spliced into valid text.
SPLICES = [
    "&a ",
    "*a",
    "&b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "[" * 70,
    "{" * 30,
    "]",
    ": ",
    "- ",
    "!!python/object:os.system ",
    "!!binary ",
    "\t",
    "\x00",
    "\ufeff",
    "9" * 5000,
    ".nan",
    "-.inf",
    "1e400",
    "0x" + "f" * 200,
    "'",
    '"',
    "#",
    "<<: *a",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\n  ",
    "&l [1, *l]",  # an alias inside its own value
    "[" * 100_000 + "]" * 100_000,  # balanced, far too deep
    "[" * 70 + "]" * 70,  # balanced, just too deep
    # a billion laughs: 9 levels of ten aliases each
    "[&a0 [x, x, x, x, x, x, x, x, x, x], "
    + ", ".join(f"&a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10))
    + "]",
]


def _value_starts(text: str) -> list[int]:
    """Offsets where a value or an item begins: where a splice is most likely to be read as
    a number, an alias or a nested value rather than to break the syntax at once."""
    starts = [i + 2 for i in range(len(text) - 1) if text[i : i + 2] in (": ", "- ")]
    return starts + [i + 1 for i, c in enumerate(text) if c in "\n[{,"]


Edit = tuple[int, str, bool]


def splices(text: str) -> st.SearchStrategy[list[Edit]]:
    """Edits: (offset, piece, whether the piece replaces the rest of the line)."""
    starts = _value_starts(text)
    at = st.one_of(st.sampled_from(starts), st.integers(min_value=0, max_value=len(text)))
    edit = st.tuples(at, st.sampled_from(SPLICES), st.booleans())
    return st.lists(edit, min_size=1, max_size=4, unique_by=lambda e: e[0])


def _splice(text: str, edits: list[Edit]) -> str:
    for at, piece, replace in sorted(edits, reverse=True):  # from the end: offsets hold
        end = text.find("\n", at) if replace else at
        text = text[:at] + piece + text[end if end >= 0 else len(text) :]
    return text


# --- running ------------------------------------------------------------------------------


def _invoke(*args: str) -> Any:
    """The CLI in-process; a crash (any exception but SystemExit) propagates and fails."""
    from sme_assess.cli import app

    started = time.monotonic()
    result = CliRunner().invoke(
        app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"}, catch_exceptions=False
    )
    elapsed = time.monotonic() - started
    assert result.exit_code in (0, 1, 2), result.output
    assert elapsed < SECONDS, f"took {elapsed:.1f} s: {args}"
    return result


def _read(path: Path) -> None:
    """The answers reader: a model or a SmeAssessError, nothing else, in bounded time."""
    started = time.monotonic()
    try:
        load_answers(path)
    except SmeAssessError as exc:
        assert str(exc).strip(), "an error must say something"
    assert time.monotonic() - started < SECONDS


@FUZZ
@given(doc=answers_docs, as_json=st.booleans())
def test_structured_answers_documents(doc: dict[str, Any], as_json: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if as_json:
            path = Path(folder, "a.json")
            path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        else:
            path = Path(folder, "a.yaml")
            path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        _read(path)
        _invoke("score", "--lenient", str(path))


@FUZZ
@given(data=st.data(), suffix=st.sampled_from([".yaml", ".json"]))
def test_mutated_answers_text(data: st.DataObject, suffix: str) -> None:
    base = ANSWERS_TEXT if suffix == ".yaml" else ANSWERS_JSON
    edits = data.draw(splices(base))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "a" + suffix)
        path.write_text(_splice(base, edits), encoding="utf-8", errors="surrogatepass")
        _read(path)
        _invoke("score", str(path))


@settings(FUZZ, max_examples=int(60 * SCALE))
@given(raw=st.binary(max_size=300), suffix=st.sampled_from([".yaml", ".json", ".yml"]))
def test_random_bytes_as_answers(raw: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "a" + suffix)
        path.write_bytes(raw)
        _read(path)


@settings(FUZZ, max_examples=int(25 * SCALE))
@given(edits=splices(QUESTIONNAIRE_TEXT))
def test_mutated_packs_through_validate(edits: list[Edit]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder, "pack")
        shutil.copytree(SAMPLE, pack)
        (pack / "questionnaire.yaml").write_text(
            _splice(QUESTIONNAIRE_TEXT, edits), encoding="utf-8", errors="surrogatepass"
        )
        _invoke("validate", str(pack))
        _invoke("score", "--pack", str(pack), str(FIXTURES / "answers" / "sample_small.yaml"))


@settings(FUZZ, max_examples=int(25 * SCALE))
@given(
    line=st.sampled_from(NUMBER_LINES),
    value=st.one_of(
        st.sampled_from([".inf", "-.inf", ".nan", "1e400", "9" * 400, "1e308", "-1", "0"]),
        hostile_numbers.map(str),
    ),
)
def test_pack_numbers_replaced_by_hostile_ones(line: int, value: str) -> None:
    """Every number in the pack, replaced: validate gives findings, never a crash or NaN."""
    lines = list(QUESTIONNAIRE_LINES)
    lines[line] = f"{lines[line].partition(': ')[0]}: {value}"
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder, "pack")
        shutil.copytree(SAMPLE, pack)
        (pack / "questionnaire.yaml").write_text("\n".join(lines), encoding="utf-8")
        validated = _invoke("validate", "--format", "json", str(pack))
        scored = _invoke(
            "score",
            "--format",
            "json",
            "--pack",
            str(pack),
            str(FIXTURES / "answers" / "sample_small.yaml"),
        )
        if scored.exit_code == 0:  # the pack was taken: every answer counts, so a score
            assert validated.exit_code in (0, 1)
            overall = json.loads(scored.stdout)["overall"]["score"]
            assert isinstance(overall, float) and 0 <= overall <= 100, overall


@pytest.mark.parametrize(
    "text",
    [
        '{"questionnaire": "sample", "respondent": {"x": ' + "[" * 50_000 + "]" * 50_000 + "}}",
        ANSWERS_TEXT.replace("networked_share: 5", "networked_share: " + "9" * 5000),
        ANSWERS_TEXT.replace("company: Lin", "x: &a [*a], company: Lin"),
        ANSWERS_TEXT.replace("company: Lin Precision Parts", "company: " + "x" * 20_000),
    ],
    ids=["deep-json", "huge-int", "alias-loop", "long-company"],
)
def test_a_real_process_says_one_line_and_exits_2(tmp_path: Path, text: str) -> None:
    path = tmp_path / ("a.json" if text.startswith("{") else "a.yaml")
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "sme_assess", "score", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        cwd=tmp_path,
    )
    assert time.monotonic() - started < 30
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error: a.") or proc.stderr.startswith("error: "), proc.stderr
    assert len(proc.stderr) < 2000, "one short message, not the input echoed"


@settings(FUZZ, max_examples=int(4 * SCALE))
@given(data=st.data(), suffix=st.sampled_from([".yaml", ".json"]))
def test_mutated_answers_in_a_real_process(data: st.DataObject, suffix: str) -> None:
    base = ANSWERS_TEXT if suffix == ".yaml" else ANSWERS_JSON
    text = _splice(base, data.draw(splices(base)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "a" + suffix)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "sme_assess", "score", str(path)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
            cwd=folder,
        )
    assert time.monotonic() - started < 30
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert proc.returncode in (0, 1, 2), proc.stderr

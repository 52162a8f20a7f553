"""The engine's full output on a frozen pack, recorded before issue 15's speed work, so that
making the engine faster provably changes no result (``test_engine_golden.py``).

The pack, the personas and the answers generator are frozen here (the built-in pack and
``synthetic.py`` move on with other work): ``tests/fixtures/engine_golden/pack`` is the
built-in pack as it was, and ``answers_for`` makes the synthetic firms from a seed with its
own code. Each case records a digest of every top-level part of the Result's JSON, the
plan's left-out solutions (what ``explain`` shows) and the JSON shape (every object's keys
by path): fields added later by other work are left out of the comparison, so the golden
only pins what existed when it was recorded.

Regenerate (only when a change is meant to alter results, from the commit before it):
    .venv/bin/python -m tests.unit.engine_golden --write
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.engine.matching import left_out
from sme_assess.models import Answers
from sme_assess.pack.loading import Pack, load_pack

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "engine_golden"
PACK = HERE / "pack"
PERSONAS = HERE / "personas"
GOLDEN = HERE / "golden.json"
SYNTHETIC = 300


@dataclass(frozen=True)
class Case:
    id: str
    doc: dict[str, Any]
    options: Options


def answers_for(pack: Pack, rnd: random.Random) -> dict[str, Any]:
    """A valid answer for most questions of the frozen pack (skips, n/a, unknown mixed in)."""
    answers: dict[str, Any] = {}
    skip, na, unknown = rnd.random() * 0.5, rnd.random() * 0.15, rnd.random() * 0.15
    for question in pack.questionnaire.questions():
        roll = rnd.random()
        if roll < skip and not question.required:
            continue
        if roll < skip + na and question.allow_na:
            answers[question.id] = "n/a"
            continue
        if roll < skip + na + unknown and question.allow_unknown:
            answers[question.id] = "unknown"
            continue
        kind = question.type
        if kind in ("single_choice", "scale"):
            answers[question.id] = rnd.choice(question.options).value  # type: ignore[union-attr]
        elif kind == "multiple_choice":
            options = question.options  # type: ignore[union-attr]
            plain = [o.value for o in options if not o.exclusive]
            exclusive = [o.value for o in options if o.exclusive]
            if exclusive and rnd.random() < 0.15:
                answers[question.id] = [rnd.choice(exclusive)]
                continue
            most = min(len(plain), question.max_selected or len(plain))  # type: ignore[union-attr]
            answers[question.id] = rnd.sample(plain, rnd.randint(0, most))
        elif kind == "number":
            lo = question.min if question.min is not None else 0.0  # type: ignore[union-attr]
            hi = question.max if question.max is not None else lo + 1000.0  # type: ignore[union-attr]
            value = rnd.choice([lo, hi, rnd.uniform(lo, hi), rnd.uniform(lo, hi)])
            answers[question.id] = (
                round(value) if question.integer else round(value, 2)  # type: ignore[union-attr]
            )
        elif kind == "yes_no":
            answers[question.id] = rnd.random() < 0.5
        elif kind == "text":
            answers[question.id] = "free text"
    return answers


def cases(pack: Pack) -> Iterator[Case]:
    q = pack.questionnaire
    levels = [lv.number for lv in q.levels]
    for path in sorted(PERSONAS.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc["questionnaire_version"] = q.version
        for lang in ("en", "zh"):
            yield Case(f"{path.stem}-{lang}", doc, Options(lang=lang))
        yield Case(f"{path.stem}-target", doc, Options(lang="en", target_level=levels[-2]))
    rnd = random.Random(20261130)
    for i in range(SYNTHETIC):
        respondent: dict[str, Any] = {"company": f"Firm {i}"}
        if i % 4 == 0:
            respondent["sector"] = rnd.choice(["metal_products", "electronics", "food"])
            respondent["size"] = rnd.choice(["micro", "small", "medium"])
        doc = {
            "questionnaire": q.id,
            "questionnaire_version": q.version,
            "respondent": respondent,
            "answers": answers_for(pack, rnd),
        }
        target = rnd.choice(levels) if i % 5 == 0 else None
        yield Case(f"firm-{i}", doc, Options(lang=rnd.choice(["en", "zh"]), target_level=target))


def output(pack: Pack, case: Case) -> dict[str, Any]:
    """What the engine says about one case, as JSON data."""
    ev = evaluate(pack, Answers.model_validate(case.doc), case.options)
    data: dict[str, Any] = ev.result.model_dump(mode="json")
    data["_left_out"] = [
        {"solution": lo.solution, "code": lo.reason.code, "params": repr(lo.reason.params)}
        for lo in left_out(ev.assessment, pack.catalogue, ev.profile)
    ]
    return data


def shape(
    data: Any, path: str = "", into: dict[str, set[str]] | None = None
) -> dict[str, set[str]]:
    """Every object's keys, by path (list positions collapsed to ``[]``)."""
    found: dict[str, set[str]] = {} if into is None else into
    if isinstance(data, dict):
        found.setdefault(path, set()).update(data)
        for key, value in data.items():
            shape(value, f"{path}.{key}", found)
    elif isinstance(data, list):
        for item in data:
            shape(item, f"{path}[]", found)
    return found


def project(data: Any, keys: dict[str, set[str]], path: str = "") -> Any:
    """``data`` with only the keys the golden knew at each path."""
    if isinstance(data, dict):
        known = keys.get(path, set())
        return {k: project(v, keys, f"{path}.{k}") for k, v in data.items() if k in known}
    if isinstance(data, list):
        return [project(item, keys, f"{path}[]") for item in data]
    return data


def digests(data: dict[str, Any]) -> dict[str, str]:
    """A digest of each top-level part."""
    return {
        key: hashlib.sha256(
            json.dumps(value, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()[:20]
        for key, value in data.items()
    }


def main() -> int:
    if sys.argv[1:] != ["--write"]:
        print(__doc__)
        return 2
    pack = load_pack(PACK)
    keys: dict[str, set[str]] = {}
    recorded: dict[str, dict[str, str]] = {}
    for case in cases(pack):
        data = output(pack, case)
        shape(data, "", keys)
        recorded[case.id] = digests(data)
    golden = {"shape": {k: sorted(v) for k, v in sorted(keys.items())}, "cases": recorded}
    GOLDEN.write_text(json.dumps(golden, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(recorded)} cases written to {GOLDEN}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

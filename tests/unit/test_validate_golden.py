"""`validate` says exactly what it said before its speed work: every finding of ~400 broken
packs (file, line, column, rule, severity, message) and every parse result of ~50 YAML
documents (the error, or the data with its types and every position) as recorded in
``tests/fixtures/validate_golden/golden.json`` (see ``validate_golden.py``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .validate_golden import GOLDEN, YAML_DOCS, replay, yaml_golden

_GOLDEN: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize("group", ["corpus", "mutations", "builtin"])
def test_findings_are_those_recorded(group: str, tmp_path: Path) -> None:
    differ = []
    for spec in _GOLDEN[group]:
        expected = spec["findings"]
        got = replay(group, spec, tmp_path)
        if got != expected:
            shown = {k: v for k, v in spec.items() if k != "findings"}
            differ.append(f"{shown}\n  expected {expected}\n  got      {got}")
    assert not differ, f"{len(differ)} packs differ:\n" + "\n".join(differ[:5])


def test_the_golden_pins_findings_of_every_kind() -> None:
    """The recorded packs are broken in many ways: a golden of clean packs would pin nothing."""
    rules = {
        line.split()[1]
        for group in ("corpus", "mutations", "builtin")
        for spec in _GOLDEN[group]
        for line in spec["findings"]
    }
    assert len(rules) >= 50
    assert {"yaml-syntax", "yaml-duplicate-key", "schema-type", "condition-syntax"} <= rules


def test_yaml_documents_parse_as_recorded() -> None:
    assert set(_GOLDEN["yaml"]) == set(YAML_DOCS)
    got = yaml_golden()
    differ = [name for name in YAML_DOCS if got[name] != _GOLDEN["yaml"][name]]
    assert not differ, {name: (_GOLDEN["yaml"][name], got[name]) for name in differ[:3]}

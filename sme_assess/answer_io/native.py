"""The tool's own answers files: JSON or YAML in, JSON or YAML out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import AnswersError, InputError, Where, display_path
from ..loading import validate_doc
from ..models import Answers
from ..yamldoc import YamlDoc, parse_yaml, read_text


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def parse_answers_text(text: str, path: Path | str) -> YamlDoc:
    """Parse JSON (fast, with the json module) or YAML (with positions)."""
    shown = display_path(path)
    if str(path).lower().endswith(".json"):
        try:
            data = json.loads(text, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"not valid JSON: {exc.msg}", Where(shown, exc.lineno, exc.colno)
            ) from None
        except _DuplicateKey as exc:
            raise InputError(f"duplicate key '{exc}'", Where(shown)) from None
        return YamlDoc(shown, text, data)
    return parse_yaml(text, path)


def load_answers(path: Path) -> Answers:
    """Read an answers file; raises InputError/AnswersError with every problem."""
    doc = parse_answers_text(read_text(path), path)
    model, findings = validate_doc(doc, Answers)
    if model is None:
        details = [f"{f.path}:{f.line}:{f.col}: {f.message}" for f in findings]
        raise AnswersError("not a valid answers file", details, Where(doc.path))
    return model


def answers_json(answers: Answers) -> str:
    """The answers as the JSON the tool writes (stable key order, UTF-8, readable)."""
    data = answers.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

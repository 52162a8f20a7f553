"""Drafts as `run` saves them (a JSON object), for the tests that resume one or damage one:
of the sample pack 1.0.0 in English unless told otherwise."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HEAD: dict[str, Any] = {
    "kind": "sme-assess-draft",
    "questionnaire": "sample",
    "questionnaire_version": "1.0.0",
    "language": "en",
}


def draft(answers: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A draft holding ``answers``: the head's fields (``questionnaire``, ``language`` ...
    given replace the sample's, in place), then ``respondent`` when given, ``answers``, and
    the other ``fields`` in the order given (the order a JSON test's line:col depends on)."""
    doc = {**HEAD, **{k: v for k, v in fields.items() if k in HEAD}}
    if "respondent" in fields:
        doc["respondent"] = fields["respondent"]
    doc["answers"] = answers
    doc.update((k, v) for k, v in fields.items() if k not in doc)
    return doc


def write_draft(
    path: Path,
    answers: dict[str, Any],
    *,
    indent: int | None = None,
    ensure_ascii: bool = True,
    **fields: Any,
) -> Path:
    """``draft(answers, **fields)`` written to ``path`` as UTF-8 JSON, ``indent`` and
    ``ensure_ascii`` as ``json.dumps`` takes them; returns ``path``."""
    text = json.dumps(draft(answers, **fields), ensure_ascii=ensure_ascii, indent=indent)
    path.write_text(text, encoding="utf-8")
    return path

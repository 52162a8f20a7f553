"""JSON Schemas of the file formats, for editors (yaml-language-server) and `sme-assess schema`."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

SCHEMA_NAMES = ("questionnaire", "catalogue", "answers", "result", "progress")
SCHEMA_BASE_URI = "https://sme-assess.github.io/schemas/"


def _model(name: str) -> type[BaseModel]:
    from ..models import Answers, Catalogue, Questionnaire
    from ..models.progress import Progress
    from ..models.result import Result

    models: dict[str, type[BaseModel]] = {
        "questionnaire": Questionnaire,
        "catalogue": Catalogue,
        "answers": Answers,
        "result": Result,
        "progress": Progress,
    }
    return models[name]


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one file format."""
    schema = _model(name).model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URI}{name}.schema.json",
        **schema,
    }


def schema_text(name: str) -> str:
    """The schema as the text committed in ``schemas/<name>.schema.json``."""
    return json.dumps(json_schema(name), ensure_ascii=False, indent=2, sort_keys=False) + "\n"

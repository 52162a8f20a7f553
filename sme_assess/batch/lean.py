"""The lean form of a results.jsonl line (the default): what was decided for a firm, as
codes and numbers, plus the answers as read; the words come from the pack on demand.

A full line (``--full-results``, as ``score --format json``) is ~40 KB for the built-in
pack, 86 % of it the same reason sentences and catalogue texts for every firm. A lean line
keeps: the overall result; per category id, score, level, coverage, confidence; per level
check, reached and its reasons; per pain point id, severity and the questions or
categories that raised it; per recommendation solution id, rank, phase, priority,
prerequisites, pulled_in and its reasons; every distinct reason once, as ``[code,
params]`` in ``reasons`` (entries refer to it by index); ``ignored``; and ``answers``, the
answers as the batch read them (after the column and value mapping, so a mapping can be
audited and the firm scored or reported again from this line alone: ``answers_of``).
Names and reason texts are rendered from the pack by ``expand``. Readers (``--resume``)
take both forms; a lean line has ``"results_form": "lean"``.
"""

from __future__ import annotations

import json
from typing import Any

from ..loading import Pack
from ..models import Answers
from ..models.result import ReasonOut, Result

FORM_KEY = "results_form"
LEAN = "lean"


def lean_data(result: Result, answers: Answers) -> dict[str, Any]:
    """The lean results.jsonl data of one firm."""
    table: list[list[Any]] = []
    index: dict[int, int] = {}

    def refs(reasons: list[ReasonOut]) -> list[int]:
        out = []
        for reason in reasons:
            key = id(reason)  # reasons are shared objects per language (evaluation._reason)
            at = index.get(key)
            if at is None:
                at = index[key] = len(table)
                table.append([reason.code, reason.params])
            out.append(at)
        return out

    return {
        FORM_KEY: LEAN,
        "questionnaire": result.questionnaire,
        "questionnaire_version": result.questionnaire_version,
        "language": result.language,
        "respondent": result.respondent,
        "overall": result.overall.model_dump(mode="json"),
        "categories": [
            {
                "id": c.id,
                "score": c.score,
                "level": c.level,
                "coverage": c.coverage,
                "confidence": c.confidence,
            }
            for c in result.categories
        ],
        "levels": [
            {"level": lv.level, "reached": lv.reached, "reasons": refs(lv.reasons)}
            for lv in result.levels
        ],
        "pain_points": [
            {
                "id": p.id,
                "severity": p.severity,
                "raised_by": [t.question or t.category for t in p.raised_by],
            }
            for p in result.pain_points
        ],
        "recommendations": [
            {
                "solution": r.solution,
                "rank": r.rank,
                "phase": r.phase,
                "priority": r.priority,
                "prerequisites": r.prerequisites,
                "pulled_in": r.pulled_in,
                "reasons": refs(r.reasons),
            }
            for r in result.recommendations
        ],
        "reasons": table,
        # official-framework estimates, the verdict without its itemised working (score or
        # explain the kept answers for that); batch --id-column reads the level from here
        "estimates": [
            {
                "framework": e.framework,
                "level": e.level,
                "level_label": e.level_label,
                "points": e.points,
                "held_back_by": None
                if e.held_back_by is None
                else e.held_back_by.model_dump(mode="json"),
            }
            for e in result.estimates
        ],
        "target": None if result.target is None else result.target.model_dump(mode="json"),
        "ignored": result.ignored,
        "answers": answers.model_dump(mode="json", exclude_defaults=True).get("answers", {}),
    }


def lean_json(result: Result, answers: Answers) -> str:
    """The lean results.jsonl body of one firm (one compact JSON object)."""
    return json.dumps(lean_data(result, answers), ensure_ascii=False, separators=(",", ":"))


def is_lean(data: dict[str, Any]) -> bool:
    return data.get(FORM_KEY) == LEAN


def expand(data: dict[str, Any], pack: Pack, lang: str | None = None) -> dict[str, Any]:
    """A lean line's data with the names and reason texts rendered from the pack (in
    ``lang``, else the line's own language): each level, pain point, category and
    recommendation gets its ``name``, each reason its ``code``, ``params`` and ``text``.
    Full lines are returned as they are."""
    if not is_lean(data):
        return data
    from ..messages import Namer, pick_language, render
    from ..scoring import Reason

    q = pack.questionnaire
    namer = Namer(q, pack.catalogue, pick_language(q, lang, str(data.get("language") or "")))
    reasons = [
        {"code": code, "params": params, "text": render(Reason.of(code, **params), namer)}
        for code, params in data.get("reasons", [])
    ]
    for entry in (*data.get("levels", []), *data.get("recommendations", [])):
        entry["reasons"] = [reasons[i] for i in entry.get("reasons", [])]
    for lv in data.get("levels", []):
        lv["name"] = namer.level(lv["level"])
    for cat in data.get("categories", []):
        cat["name"] = namer.area(cat["id"])
    names(data, namer)
    return data


def names(data: dict[str, Any], namer: Any) -> None:
    """Fill in the pain point and solution names a lean line leaves out (the summary's
    top pain points and solutions need them)."""
    for pain in data.get("pain_points", []):
        pain.setdefault("name", namer.pain(pain["id"]))
    for rec in data.get("recommendations", []):
        rec.setdefault("name", namer.solution(rec["solution"]))


def answers_of(data: dict[str, Any]) -> Answers:
    """The answers a lean line was scored from (to score or report the firm again)."""
    return Answers.model_validate(
        {
            "questionnaire": data["questionnaire"],
            "questionnaire_version": data.get("questionnaire_version"),
            "language": data.get("language"),
            "respondent": data.get("respondent", {}),
            "answers": data.get("answers", {}),
        }
    )

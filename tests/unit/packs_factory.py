"""Small in-memory packs for hand-computed scoring examples."""

from __future__ import annotations

from typing import Any

from sme_assess.models import Catalogue, Questionnaire


def scale(qid: str, category: str, scores: list[float], weight: float = 1.0, **extra: Any) -> dict:
    return {
        "id": qid,
        "type": "scale",
        "text": qid,
        "category": category,
        "weight": weight,
        "options": [{"value": f"s{i}", "label": f"s{i}", "score": s} for i, s in enumerate(scores)],
        **extra,
    }


def questionnaire(
    questions: list[dict],
    categories: list[tuple[str, float]] = (("a", 1.0), ("b", 1.0)),  # type: ignore[assignment]
    levels: list[float] = (0, 40, 70),  # type: ignore[assignment]
    level_rules: dict | None = None,
    pain_points: list[dict] | None = None,
    **extra: Any,
) -> Questionnaire:
    """A questionnaire; ``extra`` adds or replaces top-level fields (version, migrations...)."""
    return Questionnaire.model_validate(
        {
            **extra,
            "schema_version": 1,
            "id": "t",
            "version": extra.get("version", "1.0.0"),
            "title": "t",
            "languages": ["en"],
            "default_language": "en",
            "categories": [
                {"id": cid, "name": cid, "description": cid, "weight": w} for cid, w in categories
            ],
            "levels": [
                {"number": i, "name": f"L{i}", "description": "", "min_score": m}
                for i, m in enumerate(levels)
            ],
            "level_rules": level_rules or {},
            "sections": [{"id": "s", "title": "s", "questions": questions}],
            "pain_points": pain_points or [],
        }
    )


def catalogue(
    solutions: list[dict], tiers: tuple[str, ...] = ("cheap", "mid", "dear"), **extra: Any
) -> Catalogue:
    """A catalogue; ``extra`` adds top-level fields (facts, plan_rules, cost_tiers...)."""
    return Catalogue.model_validate(
        {
            **extra,
            "schema_version": 1,
            "questionnaire": "t",
            "version": "1.0.0",
            "cost_tiers": extra.get("cost_tiers") or [{"id": t, "label": t} for t in tiers],
            "solutions": [
                {
                    "name": s["id"],
                    "summary": s["id"],
                    "lifts": {"from": 0, "to": 1},
                    "cost_tier": "cheap",
                    "effort": "low",
                    "time_to_value_months": 2,
                    **s,
                }
                for s in solutions
            ],
        }
    )

"""The words of the first year's budget (catalogue ``plan_rules.first_year_budget``): why a
step waits for the second year, with the budget and what it was worked out from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..i18n import N_, Message
from .amounts import amount

BUDGET_REASONS: dict[str, Message] = {
    "first_year_budget": N_(
        "put off to later: the steps of the first 12 months already reach the first year's "
        "budget of {budget}, {share} per cent of your revenue of {revenue}"
    ),
    "first_year_budget_band": N_(
        "put off to later: the steps of the first 12 months already reach the first year's "
        "budget of {budget}, {share} per cent of revenue; no revenue figure was given, so "
        "revenue was taken as {revenue} from your revenue band"
    ),
    "first_year_budget_head": N_(
        "put off to later: the steps of the first 12 months already reach the first year's "
        "budget of {budget}, {per_head} a head for your {headcount} people"
    ),
}


def budget_values(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The values of a budget reason as words: amounts (¥250,000 / 约25万元), the share in
    per cent (0.03 -> 3), the headcount as it is."""
    values: dict[str, Any] = {}
    for key, value in params.items():
        if key in ("budget", "revenue", "per_head"):
            values[key] = amount(float(value), lang)
        elif key == "share":
            values[key] = f"{float(value) * 100:g}"
        else:
            values[key] = value
    return values

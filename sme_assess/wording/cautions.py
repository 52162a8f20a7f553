"""The words of the plan's cautions beside a step the firm's answers do not settle: a
question left unanswered that would say the step is in place (``in_place_unasked``), and
options its answers could not tick, added to the pack since they were given, that would
say whether the step fits (``option_unasked``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..i18n import N_, Message

CAUTION_REASONS: dict[str, Message] = {
    "in_place_unasked": N_(
        "you may have this already: your answers do not cover {questions}; skip it if you do"
    ),
    "option_unasked": N_(
        "your answers do not say whether you have {options}: {question} did not list it when "
        "you answered, and it decides whether this step fits you; answer that question again "
        "to see"
    ),
}


def caution_values(
    values: Mapping[str, Any],
    params: Mapping[str, Any],
    option: Callable[[str, str], str],
    sep: str,
) -> dict[str, Any]:
    """A caution's values as words (``values``: those the reasons share, questions quoted),
    the options of its question by their labels, quoted."""
    found = dict(values)
    if "options" in params:
        qid = params.get("question", "")
        found["options"] = sep.join(f"“{option(qid, v)}”" for v in params["options"])
    return found

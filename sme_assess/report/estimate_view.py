"""A framework estimate (e.g. MIIT 2024) as a report shows it, in one language: headline,
points, the gate held, the steps to the next level, the method note and what could not be
verified. Pure; no markup here."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.evaluation import Evaluation
from ..i18n import Translator


@dataclass(frozen=True)
class EstimateView:
    """A framework estimate (e.g. MIIT 2024) as the report shows it."""

    headline: str
    points: str
    held: str
    steps: list[str]
    method: str
    unverified: list[str]
    name: str = ""  # the framework, e.g. MIIT 2024
    level_label: str = ""  # its estimated level, e.g. 二级


def estimate_views(ev: Evaluation, _: Translator) -> list[EstimateView]:
    """The result's estimates in the language of ``_``."""
    from ..wording.estimate_text import (
        headline,
        held_line,
        no_estimate,
        points_line,
        step_lines,
    )

    r = ev.result
    lang = _.lang
    names = {rec.solution: rec.name for rec in r.recommendations}
    return [  # nothing estimated: no points, gate or steps under "not enough answers"
        EstimateView(
            headline=headline(e, lang),
            points="" if no_estimate(e) else points_line(e, lang),
            held=held_line(e, lang),
            steps=[] if no_estimate(e) else step_lines(e, lang, names, ev.namer),
            method=_(
                "{name}: the answers are mapped onto the framework's points and scenario rungs "
                "(the pack's crosswalk) and its level gates are applied. It is an estimate, not an "
                "official rating. Not verified:",
                name=e.name,
            ),
            unverified=list(e.unverified),
            name=e.name,
            level_label=e.level_label,
        )
        for e in r.estimates
    ]

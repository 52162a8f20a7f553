"""A framework estimate (``Result.estimates``) in words: the lines score, explain, the report
and batch show. Plain strings; the callers escape them for their medium."""

from __future__ import annotations

from ..models.result import FrameworkEstimate
from .messages import LIST_SEP, label


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def headline(e: FrameworkEstimate, lang: str) -> str:
    """E.g. 对照工信部…估算：二级（按本问卷答案估算，非官方，以现场评定为准）."""
    note = e.note.rstrip("。.")
    open_, close = ("（", "）") if lang.startswith("zh") else (" (", ")")
    sep = "：" if lang.startswith("zh") else ": "
    return f"{label('estimate_vs', lang, name=e.name)}{sep}{e.level_label}{open_}{note}{close}"


def points_line(e: FrameworkEstimate, lang: str) -> str:
    """Points of the scored part, per group ("" when the framework has no points)."""
    if e.max_points <= 0:
        return ""
    sep = LIST_SEP.get(lang[:2], ", ")
    total = label("est_points", lang, points=_n(e.points), max=_n(e.max_points))
    groups = sep.join(f"{e.group_names.get(k, k)} {_n(v)}" for k, v in e.points_by_group.items())
    return f"{total} ({groups})"


def rung_lines(e: FrameworkEstimate, lang: str) -> list[str]:
    return [
        label("est_rungs", lang, rung=r.rung, n=r.scenarios, m=r.mandatory)
        for r in e.scenarios_at_rung
    ]


def held_line(e: FrameworkEstimate, lang: str) -> str:
    """What holds the estimate back: the next gate and what it misses."""
    h = e.held_back_by
    if h is None:
        return label("est_top", lang)
    missing: list[str] = []
    if h.points_short > 0:
        missing.append(label("est_short_points", lang, n=_n(h.points_short)))
    # when every scenario counted must be mandatory, the mandatory count says it all
    all_mandatory = h.min_mandatory >= h.min_scenarios and h.mandatory_short > 0
    if h.scenarios_short > 0 and not all_mandatory:
        missing.append(label("est_short_sc", lang, n=h.scenarios_short, rung=h.at_rung))
    if h.mandatory_short > 0:
        missing.append(label("est_short_mand", lang, n=h.mandatory_short, rung=h.at_rung))
    sep = LIST_SEP.get(lang[:2], ", ")
    colon = "：" if lang.startswith("zh") else ": "
    return f"{label('est_held', lang, label=h.label)}{colon}{sep.join(missing)}"


def step_lines(
    e: FrameworkEstimate, lang: str, namer_solution: dict[str, str] | None = None
) -> list[str]:
    """The cheapest scenario raises for the next gate, with the plan's solutions for them."""
    out = []
    sep = LIST_SEP.get(lang[:2], ", ")
    for step in e.to_next:
        flag = f" [{label('mandatory', lang)}]" if step.mandatory else ""
        names = [(namer_solution or {}).get(s, s) for s in step.solutions]
        colon = "：" if lang.startswith("zh") else ": "
        tail = f" ({label('est_via', lang)}{colon}{sep.join(names)})" if names else ""
        out.append(f"{step.name}{flag}{colon}{step.rung} → {step.to_rung}{tail}")
    return out

"""A framework estimate (``Result.estimates``) in words: the lines score, explain, the report
and batch show. Plain strings; the callers escape them for their medium."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

from ..i18n import N_, available_languages, translator
from ..models.result import FrameworkEstimate

if TYPE_CHECKING:
    from .messages import Namer


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _tenths_down(value: float) -> int:
    """Points shown in tenths, rounded down: 39.98 points must not read as the 40 a gate asks."""
    return math.floor(value * 10 + 1e-6)


def _tenths_up(value: float) -> int:
    """Points missing, in tenths, rounded up: 0.02 short is "0.1 more", never "0 more"."""
    return math.ceil(value * 10 - 1e-6)


def points_shown(value: float) -> float:
    """Points as shown: to a tenth, rounded down (what a spreadsheet cell holds)."""
    return _tenths_down(value) / 10


def short_shown(value: float) -> str:
    """Points missing as shown: to a tenth, rounded up ("6.43" reads "6.5")."""
    return _n(_tenths_up(value) / 10)


def _shown_groups(total_tenths: int, groups: Mapping[str, float]) -> dict[str, float]:
    """The groups' points in tenths that add up to the total shown: each rounded down, the
    tenths left over given to the largest remainders (so 5.75 + 1.5 reads 5.7 + 1.5 = 7.2,
    not 5.8 + 1.5 beside a total of 7.2)."""
    down = {k: _tenths_down(v) for k, v in groups.items()}
    left = total_tenths - sum(down.values())
    by_rest = sorted(groups, key=lambda k: groups[k] * 10 - down[k], reverse=True)
    for k in by_rest[: max(0, left)]:
        down[k] += 1
    return {k: t / 10 for k, t in down.items()}


# the level label ``engine.estimate_out`` gives when nothing the estimate reads is answered
NO_ESTIMATE = N_("not enough answers to estimate")


@cache
def _no_estimate_labels() -> frozenset[str]:
    """That label in every language the tool has (a result, or a batch line, in any)."""
    return frozenset(translator(lang)(NO_ESTIMATE) for lang in available_languages())


# the level label when the open questions could raise it: "Below level 1 (up to Level 1)"
RANGE = N_("{level} (up to {upper})")


@cache
def _range_patterns() -> tuple[re.Pattern[str], ...]:
    out = []
    for lang in available_languages():
        shape = translator(lang)(RANGE)
        parts = re.split(r"\{level\}|\{upper\}", shape)
        out.append(re.compile("(.+)".join(re.escape(p) for p in parts), re.DOTALL))
    return tuple(out)


def is_range_label(level_label: str) -> bool:
    """Whether a level label is a range (a batch line keeps only the label)."""
    return any(p.fullmatch(level_label) for p in _range_patterns())


def is_no_estimate(level_label: str) -> bool:
    """Whether a level label says that nothing was estimated (nothing it reads answered)."""
    return level_label in _no_estimate_labels()


def no_estimate(e: FrameworkEstimate) -> bool:
    """Nothing the estimate reads is answered: there is no level, so no points, gate or
    steps are worth showing (a gate "Level 1 needs: 20 more points" reads as a figure)."""
    return bool(e.open_questions) and is_no_estimate(e.level_label)


def could_rise(e: FrameworkEstimate) -> bool:
    """The level is a range: the open questions, answered, could raise it."""
    return e.level_if_answered is not None and e.level_if_answered > e.level


def _count(value: float) -> int:
    """The number that picks a plural form: a fraction takes the plural, as in "1.5 points"."""
    return int(value) if value == int(value) else 2


def headline(e: FrameworkEstimate, lang: str) -> str:
    """E.g. 对照工信部…估算：二级（按本问卷答案估算，非官方，以现场评定为准）, then what
    the open questions leave undecided."""
    _ = translator(lang)
    if no_estimate(e):  # no level: not "estimated from these answers", but what to do
        line = _.pgettext("no estimate", "{name}: {level}.", name=e.name, level=e.level_label)
        opened = _.ngettext(
            "{n} question it reads is unanswered or “don't know”: answer it for an estimate.",
            "{n} questions it reads are unanswered or “don't know”: answer them for an estimate.",
            len(e.open_questions),
        )
        return _.pgettext("sentences in a row", "{text} {sentence}", text=line, sentence=opened)
    line = _(
        "Estimated {name}: {level} ({note})",
        name=e.name,
        level=e.level_label,
        note=e.note.rstrip("。."),
    )
    opened = open_line(e, lang)
    if not opened:
        return line
    return _.pgettext("sentences in a row", "{text} {sentence}", text=line, sentence=opened)


def open_line(e: FrameworkEstimate, lang: str) -> str:
    """What the questions left open mean for the estimate ("" when none is)."""
    n = len(e.open_questions)
    if not n:
        return ""
    _ = translator(lang)
    if e.level_if_answered is not None and e.level_if_answered > e.level:
        return _.ngettext(
            "{n} question it reads is unanswered or “don't know”, counted as 0: answered, "
            "the level could be higher.",
            "{n} questions it reads are unanswered or “don't know”, counted as 0: answered, "
            "the level could be higher.",
            n,
        )
    return _.ngettext(
        "{n} question it reads is unanswered or “don't know”, counted as 0; the level "
        "would be the same answered.",
        "{n} questions it reads are unanswered or “don't know”, counted as 0; the level "
        "would be the same answered.",
        n,
    )


def points_line(e: FrameworkEstimate, lang: str) -> str:
    """Points of the scored part, per group ("" when the framework has no points)."""
    if e.max_points <= 0:
        return ""
    _ = translator(lang)
    total = _tenths_down(e.points)
    shown = _shown_groups(total, e.points_by_group)
    groups = _(", ").join(f"{e.group_names.get(k, k)} {_n(v)}" for k, v in shown.items())
    return _(
        "{points} of {max} points ({groups})",
        points=_n(total / 10),
        max=_n(e.max_points),
        groups=groups,
    )


def rung_lines(e: FrameworkEstimate, lang: str) -> list[str]:
    _ = translator(lang)
    return [
        _(
            "scenarios at rung {rung} or above: {n} (mandatory {m})",
            rung=r.rung,
            n=r.scenarios,
            m=r.mandatory,
        )
        for r in e.scenarios_at_rung
    ]


def held_line(e: FrameworkEstimate, lang: str) -> str:
    """What holds the estimate back: the next gate and what it misses; with questions left
    open, said as counted on the answers given (and, where answering them could raise the
    level, that it could be enough); "" when nothing was estimated."""
    if no_estimate(e):
        return ""
    _ = translator(lang)
    h = e.held_back_by
    if h is None:
        return _("the highest level")
    missing: list[str] = []
    if h.points_short > 0:
        short = _tenths_up(h.points_short) / 10
        missing.append(
            _.ngettext(
                "{points} more point",
                "{points} more points",
                _count(short),
                points=_n(short),
            )
        )
    # when every scenario counted must be mandatory, the mandatory count says it all
    all_mandatory = h.min_mandatory >= h.min_scenarios and h.mandatory_short > 0
    if h.scenarios_short > 0 and not all_mandatory:
        missing.append(
            _.ngettext(
                "{n} more scenario at rung {rung}",
                "{n} more scenarios at rung {rung}",
                h.scenarios_short,
                rung=h.at_rung,
            )
        )
    if h.mandatory_short > 0:
        missing.append(
            _.ngettext(
                "{n} more mandatory scenario at rung {rung}",
                "{n} more mandatory scenarios at rung {rung}",
                h.mandatory_short,
                rung=h.at_rung,
            )
        )
    values = dict(label=h.label, missing=_(", ").join(missing))
    if not e.open_questions:
        return _("{label} needs: {missing}", **values)
    if could_rise(e):
        return _(
            "{label} needs, on the answers given (open questions counted as 0): {missing}; "
            "answering them could be enough",
            **values,
        )
    return _(
        "{label} needs, on the answers given (open questions counted as 0): {missing}", **values
    )


def step_lines(
    e: FrameworkEstimate,
    lang: str,
    namer_solution: dict[str, str] | None = None,
    namer: Namer | None = None,
) -> list[str]:
    """The cheapest scenario raises for the next gate, with the plan's solutions for them;
    with ``namer`` (the report) each question named whole, not its first words."""
    _ = translator(lang)
    out = []
    for step in e.to_next:
        name = namer.question(step.question, 1_000) if namer is not None else step.name
        values = dict(name=name, rung=step.rung, to=step.to_rung)
        names = [(namer_solution or {}).get(s, s) for s in step.solutions]
        if names:
            values["solutions"] = _(", ").join(names)
        if step.mandatory and names:
            line = _("{name} [mandatory]: {rung} → {to} (in the plan: {solutions})", **values)
        elif step.mandatory:
            line = _("{name} [mandatory]: {rung} → {to}", **values)
        elif names:
            line = _("{name}: {rung} → {to} (in the plan: {solutions})", **values)
        else:
            line = _("{name}: {rung} → {to}", **values)
        out.append(line)
    return out

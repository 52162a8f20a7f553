"""Estimate an external framework's level from the answers, through a pack crosswalk.

Pure functions of (crosswalk, questionnaire, answers). The rules:
- every item earns points: the framework points of the answer (multiple choice: the ticked
  options summed; numbers: the crosswalk's own bands, upper bound inclusive, or the pack band's
  value), capped at the item's ``max_points``; scenario-coverage items count scenarios at a rung;
  a rate item computes 100 × part ÷ whole from two counts and scores it by its bands, and reads
  its ``question`` instead when the counts are missing, the whole is 0 or the part exceeds it;
  unanswered, "n/a" and "unknown" earn 0;
- an estimate from answers with gaps is a floor: ``crosswalk_open`` adds the open questions
  and the level they could still reach;
- each scenario sits at the rung its answer maps to (0 when not rated);
- a level holds when its gate holds (points, scenarios at the gate's rung or above, of which
  mandatory) and every lower level holds; the estimate is the highest such level (0 = none);
- ``held_back_by`` is the first gate that fails, with what it misses; ``to_next`` the fewest
  scenario rungs to raise (mandatory first when the mandatory count is short, then the closest).
Adding a DMA or CMMM crosswalk is pack data; nothing here is MIIT-specific. The records made
for every respondent are named tuples (the cheapest immutable records).
"""

from collections.abc import Mapping
from typing import Any, NamedTuple

from ..adding import added
from ..models import NA, UNKNOWN, Questionnaire
from ..models.crosswalk import Crosswalk, CrosswalkGate, CrosswalkItem
from ..models.questionnaire import MultipleChoiceQuestion, NumberQuestion, YesNoQuestion


class GateCheck(NamedTuple):
    gate: CrosswalkGate
    points_short: float
    scenarios_short: int
    mandatory_short: int

    @property
    def met(self) -> bool:
        return self.points_short <= 0 and self.scenarios_short <= 0 and self.mandatory_short <= 0


class ItemPoints(NamedTuple):
    item: CrosswalkItem
    points: float
    answer: Any


class RungCount(NamedTuple):
    rung: int
    scenarios: int
    mandatory: int


class ScenarioStep(NamedTuple):
    question: str
    mandatory: bool
    rung: int
    to_rung: int


class Estimate(NamedTuple):
    crosswalk: Crosswalk
    level: int
    points: float
    max_points: float
    items: tuple[ItemPoints, ...]
    points_by_group: Mapping[str, float]
    rungs: tuple[RungCount, ...]
    scenario_rungs: Mapping[str, int]
    checks: tuple[GateCheck, ...]
    held_back_by: GateCheck | None
    to_next: tuple[ScenarioStep, ...]
    open_questions: tuple[str, ...] = ()  # items' and scenarios' questions open, in order
    level_if_answered: int = 0  # the level were every open question answered at its best
    nothing_answered: bool = False  # every item and scenario open: no estimate to make


def _answered(value: Any) -> bool:
    return value is not None and value != NA and value != UNKNOWN


def _number_points(item: CrosswalkItem, q: NumberQuestion | None, value: float) -> float:
    for band in item.bands:
        if (band.min is None or value > band.min) and (band.max is None or value <= band.max):
            return band.points
    if item.points and q is not None:
        from .compiled import band_for

        found = band_for(q, value)
        if found is not None and found.value is not None:
            return item.points.get(found.value, 0.0)
    return 0.0


def rate_of(item: CrosswalkItem, answers: Mapping[str, Any]) -> float | None:
    """The item's percentage from its two counts, or None when they do not give one."""
    if item.rate is None:
        return None
    part, whole = answers.get(item.rate.part), answers.get(item.rate.whole)
    numbers = (int, float)
    if isinstance(part, bool) or isinstance(whole, bool):
        return None
    if not isinstance(part, numbers) or not isinstance(whole, numbers):
        return None
    if whole <= 0 or part < 0 or part > whole:
        return None
    return round(100.0 * float(part) / float(whole), 2)


def item_points(
    item: CrosswalkItem,
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    scenario_rungs: Mapping[str, int],
) -> ItemPoints:
    """The framework points one item earns from the answers."""
    if item.scenario_coverage is not None:
        cov = item.scenario_coverage
        count = sum(1 for r in scenario_rungs.values() if r >= cov.at_rung)
        got = max((s.points for s in cov.steps if count >= s.min_count), default=0.0)
        return ItemPoints(item, min(got, item.max_points), count)
    rate = rate_of(item, answers)
    if rate is not None:
        return ItemPoints(item, min(_number_points(item, None, rate), item.max_points), rate)
    if item.question is None:
        return ItemPoints(item, 0.0, None)
    value = answers.get(item.question)
    if not _answered(value):
        return ItemPoints(item, 0.0, value)
    q = questionnaire.question(item.question)
    got = 0.0
    if isinstance(q, MultipleChoiceQuestion) and isinstance(value, list | tuple):
        got = added(item.points.get(str(v), 0.0) for v in value)
    elif isinstance(q, YesNoQuestion) or isinstance(value, bool):
        got = item.points.get("yes" if value is True else "no", 0.0)
    elif isinstance(value, int | float):
        got = _number_points(item, q if isinstance(q, NumberQuestion) else None, float(value))
    else:
        got = item.points.get(str(value), 0.0)
    return ItemPoints(item, round(min(got, item.max_points), 4), value)


def scenario_rungs(cw: Crosswalk, answers: Mapping[str, Any]) -> dict[str, int]:
    """Scenario question -> the framework rung its answer maps to (0 = not rated)."""
    out: dict[str, int] = {}
    for sc in cw.scenarios:
        value = answers.get(sc.question)
        out[sc.question] = sc.rungs.get(str(value), 0) if _answered(value) else 0
    return out


def gate_check(gate: CrosswalkGate, points: float, at: int, mand: int) -> GateCheck:
    """The gate against the points and the scenarios (``at``, of which mandatory ``mand``)
    at its rung or above."""
    return GateCheck(
        gate,
        points_short=round(max(0.0, gate.min_points - points), 2),
        scenarios_short=max(0, gate.min_scenarios - at),
        mandatory_short=max(0, gate.min_mandatory - mand),
    )


def at_least(
    rung_of: Mapping[str, int], mandatory: set[str], top: int
) -> tuple[list[int], list[int]]:
    """For each rung 1..top (index), how many scenarios are at it or above, and how many of
    them are mandatory: one pass over the scenarios instead of one per rung and gate."""
    count = [0] * (top + 2)
    mand = [0] * (top + 2)
    for question, rung in rung_of.items():
        if rung >= 1:
            k = rung if rung < top else top
            count[k] += 1
            if question in mandatory:
                mand[k] += 1
    for r in range(top - 1, 0, -1):
        count[r] += count[r + 1]
        mand[r] += mand[r + 1]
    return count, mand


def fewest_raises(
    gaps: Mapping[str, int],
    short: int,
    preferred: set[str] | frozenset[str] = frozenset(),
    preferred_short: int = 0,
) -> list[str]:
    """Which questions to raise to get ``short`` more at the mark, the smallest raises first:
    ``gaps`` maps each question below the mark (in its order) to how many rungs it is below;
    ``preferred_short`` of them come from ``preferred`` (e.g. mandatory scenarios) first.
    The level rules name what a count requirement misses with it too."""
    order = {q: i for i, q in enumerate(gaps)}

    def cost(q: str) -> tuple[int, int, int]:
        return (gaps[q], 0 if q in preferred else 1, order[q])

    chosen = sorted((q for q in gaps if q in preferred), key=cost)[:preferred_short]
    rest = sorted((q for q in gaps if q not in chosen), key=cost)
    chosen.extend(rest[: max(0, short - len(chosen))])
    return chosen


def steps_for(
    check: GateCheck, rung_of: Mapping[str, int], mandatory: set[str]
) -> tuple[ScenarioStep, ...]:
    """The fewest, smallest scenario raises that meet the gate's scenario counts."""
    target = check.gate.at_rung
    gaps = {q: target - r for q, r in rung_of.items() if r < target}
    chosen = fewest_raises(gaps, check.scenarios_short, mandatory, check.mandatory_short)
    return tuple(ScenarioStep(q, q in mandatory, rung_of[q], target) for q in chosen)


_SHAPES: dict[int, tuple[Crosswalk, tuple[set[str], tuple[CrosswalkGate, ...], int, float]]] = {}


def shape_of(cw: Crosswalk) -> tuple[set[str], tuple[CrosswalkGate, ...], int, float]:
    """What an estimate needs of the crosswalk alone (once per crosswalk): the mandatory
    scenarios, the gates by level, the highest rung a gate asks for, the maximum points."""
    hit = _SHAPES.get(id(cw))
    if hit is not None and hit[0] is cw:
        return hit[1]
    shape = (
        {sc.question for sc in cw.scenarios if sc.mandatory},
        tuple(sorted(cw.gates, key=lambda g: g.level)),
        max([g.at_rung for g in cw.gates] + [1]),
        round(added(g.points for g in cw.groups), 2),
    )
    if len(_SHAPES) > 64:
        _SHAPES.clear()
    _SHAPES[id(cw)] = (cw, shape)
    return shape


def level_of(checks: tuple[GateCheck, ...]) -> tuple[int, GateCheck | None]:
    """The highest level whose gate and every lower gate hold, and the first gate that fails."""
    level = 0
    for chk in checks:
        if not chk.met:
            return level, chk
        level = chk.gate.level
    return level, None


def estimate(cw: Crosswalk, questionnaire: Questionnaire, answers: Mapping[str, Any]) -> Estimate:
    """The framework level these answers reach, with every reason (what open answers leave
    undecided is added by ``crosswalk_open``)."""
    rung_of = scenario_rungs(cw, answers)
    mandatory, gates, max_rung, max_points = shape_of(cw)
    items = tuple(item_points(i, questionnaire, answers, rung_of) for i in cw.items)
    by_group: dict[str, float] = {g.id: 0.0 for g in cw.groups}
    for ip in items:
        by_group[ip.item.group] = by_group.get(ip.item.group, 0.0) + ip.points
    by_group = {k: round(v, 2) for k, v in by_group.items()}
    points = round(added(ip.points for ip in items), 2)
    at, mand = at_least(rung_of, mandatory, max_rung)  # gates ask for rungs 1..max_rung
    rungs = tuple(RungCount(r, at[r], mand[r]) for r in range(1, max_rung + 1))
    checks = tuple(gate_check(g, points, at[g.at_rung], mand[g.at_rung]) for g in gates)
    level, held = level_of(checks)
    return Estimate(
        crosswalk=cw,
        level=level,
        points=points,
        max_points=max_points,
        items=items,
        points_by_group=by_group,
        rungs=rungs,
        scenario_rungs=rung_of,
        checks=checks,
        held_back_by=held,
        to_next=steps_for(held, rung_of, mandatory) if held is not None else (),
        level_if_answered=level,
    )


def estimates(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> tuple[Estimate, ...]:
    """Every crosswalk of the pack, estimated from the answers given."""
    return tuple(estimate(cw, questionnaire, answers) for cw in questionnaire.crosswalks)

"""The MIIT estimate's points in words never contradict its level: MIIT's item points (0.7,
0.625, 1.875 ...) give totals like 39.98, which rounded to one decimal read "40 of 100
points ... Level 2 needs: 0 more points" for a firm below level 2 (1 firm in 3,000 random
ones). Points are shown rounded down, points missing rounded up, and the groups add up to the
total shown."""

from __future__ import annotations

from sme_assess.models.result import FrameworkEstimate, GateOut
from sme_assess.wording.estimate_text import held_line, points_line


def _estimate(points: float, groups: dict[str, float], short: float) -> FrameworkEstimate:
    gate = GateOut(
        level=2,
        label="Level 2",
        min_points=40,
        min_scenarios=6,
        at_rung=2,
        min_mandatory=3,
        points_short=short,
        scenarios_short=0,
        mandatory_short=0,
    )
    return FrameworkEstimate(
        framework="miit_2024",
        name="MIIT",
        level=1,
        level_label="Level 1",
        points=points,
        max_points=100,
        points_by_group=groups,
        group_names={
            "foundation": "Foundation",
            "management": "Management",
            "outcomes": "Outcomes",
        },
        points_by_item=[],
        scenarios_at_rung=[],
        held_back_by=gate,
        to_next=[],
        note="not official",
        unverified=[],
    )


def test_a_firm_just_below_a_gate_is_not_shown_at_it() -> None:
    e = _estimate(39.98, {"foundation": 29.43, "management": 5.55, "outcomes": 5.0}, 0.02)
    assert points_line(e, "en").startswith("39.9 of 100 points")
    assert held_line(e, "en") == "Level 2 needs: 0.1 more points"
    assert "0 more" not in held_line(e, "zh")


def test_the_groups_add_up_to_the_total_shown() -> None:
    # 5.75 + 0 + 1.5 = 7.25: rounded one by one it read 5.8 + 0 + 1.5 beside a total of 7.2
    e = _estimate(7.25, {"foundation": 5.75, "management": 0.0, "outcomes": 1.5}, 12.75)
    line = points_line(e, "en")
    assert line == "7.2 of 100 points (Foundation 5.7, Management 0, Outcomes 1.5)"
    assert held_line(e, "en") == "Level 2 needs: 12.8 more points"
    # a tenth left over by rounding each group down goes to the largest remainder
    e = _estimate(7.3, {"foundation": 5.72, "management": 0.0, "outcomes": 1.58}, 12.7)
    assert points_line(e, "en") == "7.3 of 100 points (Foundation 5.7, Management 0, Outcomes 1.6)"

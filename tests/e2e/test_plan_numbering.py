"""The plan as an owner reads it is numbered 1, 2, 3 ... without gaps, in the report and on the
terminal, although each phase shows only its top few (users saw "1-5 then 7" and "14 then 27")."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from sme_assess.engine.matching import PHASES
from sme_assess.report.context import build_context
from sme_assess.report.render import render_markdown
from sme_assess.terminal.views import score_view

from .test_personas import NAMES, persona


@pytest.mark.parametrize("name", NAMES)
def test_report_plan_is_numbered_without_gaps(name: str) -> None:
    ev = persona(name)
    ctx = build_context(ev)
    shown = [sol for phase in PHASES for sol in ctx.roadmap[phase]]
    assert [sol.rank for sol in shown] == list(range(1, len(shown) + 1))
    # each keeps its place in the full list, which the JSON result has
    by_rank = {rec.rank: rec.name for rec in ev.result.recommendations}
    assert all(by_rank[sol.priority] == sol.name for sol in shown)
    assert ctx.actions_now == ctx.roadmap["now"][:3]

    markdown = render_markdown(ctx)
    roadmap = markdown[markdown.index(f"## {'Roadmap' if ctx.lang == 'en' else '行动路线图'}") :]
    roadmap = roadmap[: roadmap.index("\n## ", 3)]
    numbers = [int(n) for n in re.findall(r"^(\d+)\. \*\*", roadmap, flags=re.M)]
    assert numbers == list(range(1, len(shown) + 1))


def test_some_persona_has_hidden_items_so_the_numbering_test_means_something() -> None:
    assert any(sum(build_context(persona(name)).more.values()) for name in NAMES)


@pytest.mark.parametrize("top", [3, 5])
@pytest.mark.parametrize("name", NAMES)
def test_terminal_plan_is_numbered_without_gaps_and_says_what_it_leaves_out(
    name: str, top: int
) -> None:
    ev = persona(name)
    console = Console(width=200, record=True, color_system=None, file=io.StringIO())
    console.print(score_view(ev, top_recs=top))
    text = console.export_text()
    plan = re.split(r"What to do|建议怎么做", text, maxsplit=1)[1]  # after the ranked pains
    rows = re.findall(r"^\s*(\d+) │", plan.split("╭", 1)[0], flags=re.M)
    numbers = [int(n) for n in rows]
    assert numbers == list(range(1, len(numbers) + 1))
    per_phase = {p: sum(1 for r in ev.result.recommendations if r.phase == p) for p in PHASES}
    assert len(numbers) == sum(min(top, n) for n in per_phase.values())
    hidden = sum(max(0, n - top) for n in per_phase.values())
    # each phase's row says how many more and where the whole plan is, never a bare "… +3"
    said = re.findall(
        r"(?:… and (\d+) more steps?: the whole plan is in|……另有(\d+)项，完整计划见) "
        r"`report --edition full`",
        text,
    )
    assert sum(int(a or b) for a, b in said) == hidden
    assert "… +" not in text

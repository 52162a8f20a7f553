"""The result screen at the end of `run` on a terminal narrower than 80 columns: what to do
next first (the action plan, then the plan's steps as a list), then the scores; `run` ends
it with where the answers and the report are. At 80 columns and more `run` shows what
`score` shows.

The plan's steps as a table of five columns left a word or two per line at 60 columns
("production-ma" | "nagement"): here each step is a few lines of its own, wrapped whole.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..engine.evaluation import Evaluation
from ..engine.matching import CAUTIONS, PHASES
from ..i18n import translator
from ..terminal.plan_views import plan_panel
from ..terminal.steady import plain
from ..terminal.views import (
    CategoryTable,
    answers_notes_view,
    cost_text,
    estimate_panel,
    for_language,
    markup,
    more_steps,
)
from ..wording.messages import label
from ..wording.set_aside import SHOW_SET_ASIDE, more_set_aside, set_aside, set_aside_line
from ..wording.stage_words import stage_text

NARROW = 80  # below this many columns, the narrow result


def narrow_result(ev: Evaluation, top_recs: int = 5, top_pains: int = 5) -> RenderableType:
    """What ``score_view`` shows, for a narrow terminal, what to do next first."""
    r = ev.result
    lang = r.language
    _ = translator(lang)
    colon = _(": ")
    head = Text()
    company = r.respondent.get("company") or ""
    if company:
        head.append(f"{plain(company)}\n", style="bold")
    overall = r.overall
    score = "—" if overall.score is None else f"{overall.score:.1f}"
    head.append(f"{label('overall', lang)}{colon}", style="bold")
    head.append(f"{score}/100\n")
    stage = plain(stage_text(overall.level, overall.level_name, lang))
    head.append(f"{label('own_stage', lang)}{colon}{stage}")
    coverage = f"{label('coverage', lang)} {overall.coverage * 100:.0f}%"
    head.append(f"  {_(' ({note})', note=coverage)}", style="dim")
    parts: list[RenderableType] = [Panel(head, expand=False), *answers_notes_view(ev)]
    parts.append(plan_panel(ev))
    parts.extend(_steps(ev, top_recs))
    parts.extend(estimate_panel(r, detail=False))
    parts.append(CategoryTable(r))
    if r.pain_points:
        parts.append(Text(label("pain_points", lang), style="bold"))
        for i, pain in enumerate(r.pain_points[:top_pains], start=1):
            area = ev.namer.area(pain.category) if pain.category else ""
            line = Text(f"{i}. ") + Text.from_markup(markup(pain.name))
            if area:
                line += Text(" · ") + Text.from_markup(markup(area), style="dim")
            parts.append(line)
    left = set_aside(ev)
    if left:
        shown = left if len(left) <= SHOW_SET_ASIDE + 1 else left[:SHOW_SET_ASIDE]
        parts.append(Text(label("ignored", lang), style="bold yellow"))
        parts.extend(Text(f"  {plain(set_aside_line(p, ev))}", style="yellow") for p in shown)
        if len(left) > len(shown):
            parts.append(Text("  " + more_set_aside(len(left) - len(shown), lang), style="yellow"))
    return for_language(Group(*parts), lang)


def _steps(ev: Evaluation, top_recs: int) -> list[RenderableType]:
    """The plan's first steps of each phase, each as its name, what it costs, how hard it is
    and when it pays, and why (dim), numbered as `score` numbers them."""
    r = ev.result
    lang = r.language
    _ = translator(lang)
    colon = _(": ")
    if not r.recommendations:
        return []
    # a number column beside each step: its wrapped lines stay under its words
    table = Table(show_edge=False, show_header=False, pad_edge=False, box=None)
    table.add_column(justify="right")
    table.add_column(overflow="fold")
    number = 0
    for phase in PHASES:
        in_phase = [x for x in r.recommendations if x.phase == phase]
        items = in_phase[:top_recs]
        if not items:
            continue
        table.add_row("", Text(label(phase, lang), style="bold cyan"))
        for rec in items:
            number += 1
            step = Text(plain(rec.name), style="bold")
            facts = [
                f"{label('cost', lang)}{colon}{cost_text(rec.cost, rec.cost_3y, lang)}",
                f"{label('effort', lang)}{colon}{label(rec.effort, lang)}",
                f"{label('months', lang)}{colon}{rec.time_to_value_months:g}",
            ]
            step.append("\n" + " · ".join(plain(x) for x in facts))
            why = rec.reasons[0].text if rec.reasons else ""
            why += "".join(f"\n{x.text}" for x in rec.reasons[1:] if x.code in CAUTIONS)
            if why:
                step.append(f"\n{plain(why)}", style="dim")
            table.add_row(f"{number}.", step)
        if len(in_phase) > len(items):
            table.add_row("", Text(more_steps(len(in_phase) - len(items), lang), style="dim"))
    out: list[RenderableType] = [Text(label("recommendations", lang), style="bold"), table]
    return out

"""Rich renderables for the terminal: the score summary and the explanation. Nothing prints here.

Every text that comes from a file (company names, answers, and the pack's own texts, which a
custom pack may fill with anything) passes through ``plain`` (for a Text) or ``markup`` (for
a string Rich reads as markup): control characters are shown, never sent to the terminal.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..engine.evaluation import Evaluation
from ..engine.matching import CAUTIONS, PHASES
from ..i18n import base_language, translator
from ..models.result import Result
from ..wording.messages import label
from ..wording.set_aside import SHOW_SET_ASIDE, more_set_aside, set_aside, set_aside_line
from ..wording.stage_words import stage_text
from .panels import FitPanel
from .steady import plain


def markup(text: Any) -> str:
    """Text from a file for a string Rich parses as markup: safe, and no markup either."""
    return escape(plain(text))


def bar(score: float | None, width: int = 12) -> Text:
    if score is None:
        return Text("·" * width, style="dim")
    filled = round(score / 100 * width)
    colour = "red" if score < 40 else "yellow" if score < 60 else "green"
    return Text("█" * filled, style=colour) + Text("░" * (width - filled), style="dim")


class CategoryTable:
    """The categories' scores, stages and coverage. Its bars are 12 cells wide where the
    terminal has room and narrower where it has not, so that a name's longest word
    ("Cybersecurity") and the percentages keep the room they need (at 60 columns the bar
    took it: "Cybersecurit" | "y", "100" with its "%" cut off)."""

    def __init__(self, r: Result) -> None:
        self.r = r

    def table(self, bar_width: int) -> Table:
        r = self.r
        lang = r.language
        table = Table(show_edge=False, pad_edge=False)
        # never narrower than the longest word of a category's name ("Cybersecurit" | "y" at 60)
        words = (w for c in r.categories for w in plain(c.short_name).split())
        longest = max((cell_len(w) for w in words), default=0)
        table.add_column(label("category", lang), overflow="fold", min_width=longest)
        table.add_column(label("score", lang), justify="right", overflow="fold")
        table.add_column("", overflow="fold")
        table.add_column(label("level", lang), overflow="fold")
        table.add_column(label("coverage", lang), justify="right", overflow="fold")
        for cat in r.categories:
            table.add_row(
                markup(cat.short_name),
                _num(cat.score) if cat.score is not None else label("not_assessed", lang),
                bar(cat.score, bar_width),
                "" if cat.level is None else f"{cat.level} {markup(cat.level_name or '')}",
                _pct(cat.coverage),
            )
        return table

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        return Measurement.get(console, options, self.table(12))

    def __rich_console__(self, console: Any, options: Any) -> Any:
        width = options.max_width
        yield self.table(12 if width >= 80 else 6 if width >= 60 else 4)


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def score_view(ev: Evaluation, top_recs: int = 3, top_pains: int = 5) -> RenderableType:
    r = ev.result
    lang = r.language
    parts: list[RenderableType] = []
    company = r.respondent.get("company") or ""
    overall = r.overall
    head = Text()
    if company:
        head.append(f"{plain(company)}\n", style="bold")
    _ = translator(lang)
    colon = _(": ")
    head.append(f"{label('overall', lang)}{colon}", style="bold")
    head.append(f"{_num(overall.score)}/100  ")
    stage = plain(stage_text(overall.level, overall.level_name, lang))
    level_text = f"{label('own_stage', lang)}{colon}{stage}"
    head.append(level_text, style="bold")
    coverage = f"{label('coverage', lang)} {_pct(overall.coverage)}"
    head.append(f"  {_(' ({note})', note=coverage)}", style="dim")
    title = Text(plain(f"{r.questionnaire} {r.questionnaire_version}"))
    parts.append(Panel(head, title=title, expand=False))
    parts.extend(answers_notes_view(ev))
    parts.extend(estimate_panel(r, detail=False))

    parts.append(CategoryTable(r))

    if r.pain_points:
        # ranked, with the area each is in: the severity itself (gap x weight, unitless)
        # means nothing to an owner, and is in --format json
        pains = Table(title=label("pain_points", lang), show_header=False, show_edge=False)
        pains.add_column(justify="right", overflow="fold")
        pains.add_column(overflow="fold")
        pains.add_column(overflow="fold", style="dim")
        for i, pain in enumerate(r.pain_points[:top_pains], start=1):
            area = ev.namer.area(pain.category) if pain.category else ""
            pains.add_row(str(i), markup(pain.name), markup(area))
        parts.append(pains)

    if r.recommendations:
        recs = Table(title=label("recommendations", lang), show_edge=False)
        recs.add_column("#", justify="right", overflow="fold")
        recs.add_column("", overflow="fold")
        recs.add_column(label("cost", lang), overflow="fold")
        recs.add_column(label("effort", lang), overflow="fold")
        recs.add_column(label("months", lang), justify="right", overflow="fold")
        number = 0  # the plan as shown is numbered without gaps (a phase shows its top few)
        for phase in PHASES:
            in_phase = [x for x in r.recommendations if x.phase == phase]
            items = in_phase[:top_recs]
            if not items:
                continue
            recs.add_row("", Text(label(phase, lang), style="bold cyan"), "", "", "")
            for rec in items:
                number += 1
                why = rec.reasons[0].text if rec.reasons else ""
                # "you may have this already" is never left out of the short view
                why += "".join(f"\n{x.text}" for x in rec.reasons[1:] if x.code in CAUTIONS)
                recs.add_row(
                    str(number),
                    Text(plain(rec.name), style="bold") + Text(f"\n{plain(why)}", style="dim"),
                    markup(cost_text(rec.cost, rec.cost_3y, lang)),
                    label(rec.effort, lang),
                    f"{rec.time_to_value_months:g}",
                )
            if len(in_phase) > len(items):
                recs.add_row("", Text(more_steps(len(in_phase) - len(items), lang), style="dim"))
        parts.append(recs)

    if r.target is not None:
        parts.append(target_view(ev))
    from .plan_views import plan_panel

    parts.append(plan_panel(ev))
    left = set_aside(ev)
    if left:
        parts.append(Text(label("ignored", lang), style="bold yellow"))
        shown = left if len(left) <= SHOW_SET_ASIDE + 1 else left[:SHOW_SET_ASIDE]
        parts.extend(Text(f"  {plain(set_aside_line(p, ev, 120))}", style="yellow") for p in shown)
        if len(shown) < len(left):
            parts.append(Text("  " + more_set_aside(len(left) - len(shown), lang), style="yellow"))
    return for_language(Group(*parts), lang)


def for_language(view: RenderableType, lang: str) -> RenderableType:
    """``view`` with its lines broken the Chinese, Japanese or Korean way where ``lang`` is
    one of them (``terminal.cjk_wrap``), else never between a number and its unit
    (``terminal.keep_wrap``). The CJK rules are imported only then."""
    if base_language(lang) not in ("zh", "ja", "ko"):
        from .keep_wrap import keep_aware

        return keep_aware(view)
    from .cjk_wrap import cjk_aware

    return cjk_aware(view)


def more_steps(n: int, lang: str) -> str:
    """The row under a phase that shows its first few: how many more, and where they are."""
    _ = translator(lang)
    return _.ngettext(
        "… and {n} more step: the whole plan is in `report --edition full`",
        "… and {n} more steps: the whole plan is in `report --edition full`",
        n,
    )


def answers_notes_view(ev: Evaluation) -> list[RenderableType]:
    """The notes on the answers' version, form and language, shown first: the result depends
    on them; the short form's questions not asked are named."""
    r = ev.result
    notes = [x.note for x in (r.version_change, r.short_form) if x is not None]
    notes += [set_aside_line(p, ev) for p in ev.ignored if p.key == "language"]
    out: list[RenderableType] = [Text(f"! {plain(note)}", style="bold yellow") for note in notes]
    if r.short_form is not None and r.short_form.left_out:
        _ = translator(r.language)
        names = _.pgettext("punctuation", "; ").join(
            ev.namer.question(x, 60) for x in r.short_form.left_out
        )
        colon = _(": ")
        out.append(Text(f"  {label('not_asked', r.language)}{colon}{plain(names)}", style="yellow"))
    return out


def target_view(ev: Evaluation) -> RenderableType:
    t = ev.result.target
    assert t is not None
    lang = ev.result.language
    namer = ev.namer
    title = Text(label("target", lang, level=t.level))
    if t.already_reached:
        body = Text(label("target_already", lang, level=t.level))
        return Panel(body, title=title, expand=False)
    rows = Table(show_header=False, show_edge=False)
    rows.add_column(justify="right", overflow="fold")
    rows.add_column(overflow="fold")
    for i, sid in enumerate(t.solutions, start=1):
        rows.add_row(str(i), markup(namer.solution(sid)))
    _ = translator(lang)
    status = (
        Text(
            f"{label('projected', lang)}{_(': ')}{_num(t.projected_score)} · "
            f"{label('level', lang)} {t.projected_level}"
        )
        if t.reachable
        else Text(
            label(
                "target_unreachable",
                lang,
                level=t.level,
                projected=t.projected_level,
                score=_num(t.projected_score),
            ),
            style="yellow",
        )
    )
    parts: list[RenderableType] = [rows, status, Text(plain(t.assumption), style="dim")]
    return FitPanel(parts, title=title, expand=False)


def cost_text(tier: str, cost_3y: float | None, lang: str) -> str:
    """The cost tier and, beside it, the 3-year cost of ownership when the catalogue says;
    nothing to buy (a 3-year cost of 0) says staff time only, whatever the tier."""
    from ..wording.plan_text import amount, w

    if cost_3y == 0:
        return w("staff_time", lang)
    if cost_3y is None:  # unknown
        return tier
    return f"{tier} · {label('cost_3y', lang, amount=amount(cost_3y, lang))}"


def estimate_panel(r: Result, detail: bool = True) -> list[RenderableType]:
    """The framework estimates (e.g. MIIT 2024), apart from the tool's own stage."""
    from ..wording.estimate_text import (
        headline,
        held_line,
        no_estimate,
        points_line,
        rung_lines,
        step_lines,
    )

    lang = r.language
    names = {rec.solution: rec.name for rec in r.recommendations}
    out: list[RenderableType] = []
    for e in r.estimates:
        body = Text()
        body.append(headline(e, lang), style="bold")
        none = no_estimate(e)  # "not enough answers": no points, gate or steps under it
        if e.max_points > 0 and not none:
            body.append("\n" + points_line(e, lang))
        held = held_line(e, lang)
        if held:
            body.append("\n" + held)
        if detail:
            for line in rung_lines(e, lang):
                body.append("\n" + line, style="dim")
            _ = translator(lang)
            colon = _(": ")
            for ip in e.points_by_item:
                line = f"\n  {plain(ip.name)}{colon}{ip.points:g}/{ip.max_points:g}"
                note = _(" ({note})", note=plain(ip.note)) if ip.note else ""
                body.append(line + note, style="dim")
            for line in [] if none else step_lines(e, lang, names):
                body.append("\n→ " + plain(line))
            for note in e.unverified:
                body.append(f"\n{label('est_unverified', lang)}{colon}{plain(note)}", style="dim")
        out.append(Panel(body, expand=False))
    return out

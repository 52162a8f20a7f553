"""The action plan in words: amounts of money one way per language, and the headline.

English: ``¥24,000``, ``up to ¥50,000``, ``¥2,000 a month``. Chinese: ``约2.4万元``,
``5万元以内``, ``每月约2000元``. The words are gettext messages (the catalogue says how each
construction reads); how the numbers are written is the catalogue's too, through the message
``number-style:grouped`` (the pattern of GTK's ``default:LTR``), translated as one of:

- ``number-style:wan``: in 万, tens of thousands (Chinese), only where the catalogue also
  says the amounts' own words (``¥{amount}`` in the "money" context): never "¥2.4万" in
  another language's sentence;
- ``number-style:grouped-comma`` / ``-dot`` / ``-space``: 24,000 / 24.000 / 24 000;
- anything else, or no translation, in a language other than English: ``24000``, digits
  alone. A comma would read as a decimal point in German or French ("¥24,000" = 24 yuan),
  so a catalogue that does not say how it groups never gets English grouping.

Plain strings; callers escape them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import N_, NP_, Message, Translator, translator
from ..models.result import Result
from .amounts import _amount, _Amounts
from .amounts import amount as amount  # the plan's amounts, as before
from .estimate_text import held_line

if TYPE_CHECKING:
    from ..engine.peers import Peers
    from ..engine.plan_money import Cost, Money, Totals

STAFF_TIME = N_("staff time only, nothing to buy")

# Page 2's headings and the templates' punctuation (ActionPlanView.labels).
LABELS: dict[str, Message] = {
    "page_title": N_("Action plan"),
    "headline": N_("In one sentence"),
    "first_actions": N_("The first three actions"),
    "first_step": N_("First step"),
    "owner": N_("Owner"),
    "cost": NP_("action plan", "Cost"),
    "one_off": N_("one-off"),
    "monthly": N_("monthly"),
    "three_year": N_("3 years"),
    "kpi": N_("KPI and target"),
    "start": N_("Start by"),
    "due": N_("target by"),
    "benefit": N_("Expected benefit"),
    "money": N_("Money"),
    "horizon": N_("Period"),
    "n_items": N_("Actions"),
    "funding": N_("Funding you may apply for"),
    "source": N_("Source"),
    # before a programme's conditions: "the plant is in a pilot city" is what it asks, not
    # what this tool knows of the firm
    "conditions": N_("who qualifies"),
    "no_funding": N_("The pack names no programme for this region."),
    "no_actions": N_("Nothing to do now: the plan is empty."),
    "signature": N_("Agreed by (name, date)"),
    # punctuation of the templates: Chinese text takes full-width marks
    "colon": NP_("punctuation", ": "),
    "semicolon": NP_("punctuation", "; "),
    "open": NP_("punctuation", " ("),
    "close": NP_("punctuation", ")"),
}
# The money table's rows (``plan_page``).
HORIZONS: dict[str, Message] = {
    "days_90": N_("First 90 days"),
    "months_12": N_("First 12 months"),
    "total": N_("Whole plan"),
}


def w(key: str, lang: str) -> str:
    """A word by key, for callers outside the plan page (cost texts elsewhere say "staff
    time only" with it)."""
    if key == "staff_time":
        return translator(lang).text(STAFF_TIME)
    return translator(lang).text(LABELS[key])


def _money(m: Money, _: Translator, monthly: bool = False) -> str:
    a = _Amounts(_)
    if m.high is None:
        text = _.pgettext("money", "over ¥{amount}", amount=a.number(m.low))
    elif m.low == m.high:
        text = _amount(m.low, _)
    elif m.low == 0:
        text = _.pgettext("money", "up to ¥{amount}", amount=a.number(m.high))
    elif a.different_units(m.low, m.high):
        text = _.pgettext(
            "money range, the two ends in different units",
            "¥{low}–{high}",
            low=a.number(m.low),
            high=a.number(m.high),
        )
    else:
        text = _.pgettext(
            "money range", "¥{low}–{high}", low=a.number(m.low), high=a.number(m.high)
        )
    if not monthly:
        return text
    return _.pgettext("money", "{amount} a month", amount=text)


def money(m: Money, lang: str, monthly: bool = False) -> str:
    """A range: exact, up to, from-to or open-ended; monthly says so."""
    return _money(m, translator(lang), monthly)


def cost_line(cost: Cost, lang: str, staff_time: str = "") -> str:
    """One action's cost: one-off, monthly and 3 years, or staff time when nothing is bought."""
    _ = translator(lang)
    if cost.staff_time_only:
        if staff_time:
            return _("staff time only, nothing to buy ({staff_time})", staff_time=staff_time)
        return _.text(STAFF_TIME)
    parts = []
    if not cost.one_off.is_zero:
        parts.append(_("one-off {amount}", amount=_money(cost.one_off, _)))
    if not cost.monthly.is_zero:
        parts.append(_money(cost.monthly, _, monthly=True))
    parts.append(_("{amount} over 3 years", amount=_money(cost.three_year, _)))
    return _.pgettext("between the costs of an action", ", ").join(parts)


def totals_cells(t: Totals, lang: str) -> tuple[str, str, str]:
    """One-off, monthly, 3 years of a total."""
    _ = translator(lang)
    return (_money(t.one_off, _), _money(t.monthly, _, monthly=True), _money(t.three_year, _))


def totals_note(t: Totals, lang: str) -> str:
    """How many items are priced by band only or have no upper price ("" when none)."""
    _ = translator(lang)
    parts = []
    if t.from_tiers:
        parts.append(_("{n} of them priced by band only", n=t.from_tiers))
    if t.open_ended:
        parts.append(_("{n} with no upper price", n=t.open_ended))
    return _.pgettext("punctuation", "; ").join(parts)


def phase_money(t: Totals, lang: str) -> str:
    one_off, monthly, three = totals_cells(t, lang)
    _ = translator(lang)
    return _(
        "This phase: {one_off} one-off, {monthly}, {three_year} over 3 years",
        one_off=one_off,
        monthly=monthly,
        three_year=three,
    )


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def headline(
    result: Result, first_action: str | None, peers: Peers | None, lang: str | None = None
) -> str:
    """Where the firm stands (stage, the framework estimate and the gate holding it, peers
    when a batch gives them) and the single most important move. Never a peer claim
    without ``peers``. In ``lang`` (default: the result's language)."""
    lang = lang or result.language
    _ = translator(lang)
    o = result.overall
    stage = dict(
        n=o.level if o.level is not None else "—",
        name=o.level_name or "—",
        score=_score(o.score),
    )
    # nothing the estimate reads answered: its label says so, and no gate follows it
    e = result.estimates[0] if result.estimates else None
    held = held_line(e, lang) if e is not None else ""
    if o.level is None:  # nothing scored: no stage, said plainly (never "stage —")
        sentences = [_("On this tool's own scale there are not enough answers for a stage.")]
        if e is not None and held:
            sentences.append(
                _(
                    "Estimated against the {framework}: {level} (not official). {held}.",
                    framework=e.name,
                    level=e.level_label,
                    held=held,
                )
            )
        elif e is not None:
            sentences.append(
                _(
                    "Estimated against the {framework}: {level}.",
                    framework=e.name,
                    level=e.level_label,
                )
            )
    elif e is not None and held:
        sentences = [
            _(
                "On this tool's own scale the firm is at stage {n} ({name}, {score}/100). "
                "Estimated against the "
                "{framework}: {level} (not official). {held}.",
                framework=e.name,
                level=e.level_label,
                held=held,
                **stage,
            )
        ]
    elif e is not None:
        sentences = [
            _(
                "On this tool's own scale the firm is at stage {n} ({name}, {score}/100). "
                "Estimated against the {framework}: {level}.",
                framework=e.name,
                level=e.level_label,
                **stage,
            )
        ]
    else:
        sentences = [
            _("On this tool's own scale the firm is at stage {n} ({name}, {score}/100).", **stage)
        ]
    if peers is not None and peers.percentile is not None:
        group = peers.group("all")
        if group is not None:
            pct = f"{peers.percentile:.0f}"
            sentences.append(
                _(
                    "It scores above {share} of the {n} firms in {group}.",
                    share=_("{pct} %", pct=pct),
                    n=group.n,
                    group=group.label,
                )
            )
    if first_action:
        sentences.append(_("The most important move: {action}.", action=first_action))
    else:
        sentences.append(_("The plan has nothing to do now."))
    text = sentences[0]
    for sentence in sentences[1:]:
        text = _.pgettext("sentences in a row", "{text} {sentence}", text=text, sentence=sentence)
    return text

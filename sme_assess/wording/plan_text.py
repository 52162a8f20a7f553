"""The action plan in words: amounts of money one way per language, and the headline.

English: ``¥24,000``, ``up to ¥50,000``, ``¥2,000 a month``. Chinese: ``约2.4万元``,
``5万元以内``, ``每月约2000元``. Plain strings; callers escape them for their medium.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..engine.peers import Peers
from ..models.result import Result
from .estimate_text import held_line

if TYPE_CHECKING:
    from ..engine.action_plan import Cost, Money, Totals

WORDS: dict[str, dict[str, str]] = {
    "page_title": {"en": "Action plan", "zh": "行动计划"},
    "headline": {"en": "In one sentence", "zh": "一句话结论"},
    "first_actions": {"en": "The first three actions", "zh": "先做这三件事"},
    "first_step": {"en": "First step", "zh": "第一步"},
    "owner": {"en": "Owner", "zh": "负责人"},
    "cost": {"en": "Cost", "zh": "费用"},
    "one_off": {"en": "one-off", "zh": "一次性"},
    "monthly": {"en": "monthly", "zh": "每月"},
    "three_year": {"en": "3 years", "zh": "3年合计"},
    "kpi": {"en": "KPI and target", "zh": "指标和目标"},
    "start": {"en": "Start by", "zh": "开始时间"},
    "due": {"en": "target by", "zh": "目标时间"},
    "benefit": {"en": "Expected benefit", "zh": "预期收益"},
    "basis": {"en": "basis", "zh": "依据"},
    "large_firms": {
        "en": "averages of large demonstration factories; a small firm may see less",
        "zh": "这是大型示范工厂的平均数，中小企业的收益可能更低",
    },
    "money": {"en": "Money", "zh": "资金"},
    "horizon": {"en": "Period", "zh": "时间段"},
    "n_items": {"en": "Actions", "zh": "事项"},
    "days_90": {"en": "First 90 days", "zh": "头90天"},
    "months_12": {"en": "First 12 months", "zh": "头12个月"},
    "total": {"en": "Whole plan", "zh": "整个计划"},
    "phase_now": {"en": "Now", "zh": "马上做"},
    "phase_next": {"en": "Next (3-12 months)", "zh": "接下来（3-12个月）"},
    "phase_later": {"en": "Later (12 months and more)", "zh": "以后（12个月以上）"},
    "phase_money": {
        "en": "This phase: {one_off} one-off, {monthly}, {three_year} over 3 years",
        "zh": "本阶段：一次性{one_off}，{monthly}，3年合计{three_year}",
    },
    "staff_time": {"en": "staff time only, nothing to buy", "zh": "只需投入人员时间，不用花钱采购"},
    "not_stated": {"en": "not stated in the catalogue", "zh": "方案库未给出"},
    "funding": {"en": "Funding you may apply for", "zh": "可以申请的资金支持"},
    "source": {"en": "Source", "zh": "来源"},
    "secondary": {
        "en": "figures quoted by a secondary source",
        "zh": "数字引自二手资料",
    },
    "unverified": {
        "en": "not verified: check with the local office before counting on it",
        "zh": "未核实：申请前请向当地主管部门确认",
    },
    "no_funding": {
        "en": "The pack names no programme for this region.",
        "zh": "问卷包没有列出适用于本地区的扶持项目。",
    },
    "how_money": {
        "en": "Typical figures from the catalogue; where it gives only a price band, the band's "
        "range. 3 years = one-off + 36 months. Quotes for your plant will differ: use these "
        "figures to plan a budget, not to sign a contract.",
        "zh": "金额取自方案库的典型值；只给了价格档的，按价格档的区间计。3年合计 = 一次性 + "
        "36个月费用。实际报价会因工厂而异：这些数字用来做预算，不作为合同价。",
    },
    "from_tiers": {
        "en": "{n} of them priced by band only",
        "zh": "其中{n}项只有价格档",
    },
    "open_ended": {
        "en": "{n} with no upper price",
        "zh": "{n}项没有价格上限",
    },
    "no_actions": {"en": "Nothing to do now: the plan is empty.", "zh": "计划为空，暂无要做的事。"},
    "signature": {"en": "Agreed by (name, date)", "zh": "确认人（签名、日期）"},
    # punctuation of the templates: Chinese text takes full-width marks
    "colon": {"en": ": ", "zh": "："},
    "semicolon": {"en": "; ", "zh": "；"},
    "open": {"en": " (", "zh": "（"},
    "close": {"en": ")", "zh": "）"},
    # the headline
    "hl_stage": {
        "en": "The firm is at stage {n} ({name}, {score}/100)",
        "zh": "贵企业处于第{n}档（{name}，{score}分）",
    },
    "hl_estimate": {
        "en": ". Estimated against the {framework}: {level} (not official). {held}",
        "zh": "；对照{framework}估算为{level}（估算，非官方），{held}",
    },
    "hl_peers": {
        "en": " It scores above {pct} % of the {n} firms in {group}.",
        "zh": "在{group}的{n}家企业中，得分高于{pct}%的企业。",
    },
    "hl_move": {
        "en": " The most important move: {action}.",
        "zh": "最要紧的一步：{action}。",
    },
    "hl_nothing": {
        "en": " The plan has nothing to do now.",
        "zh": "计划里暂时没有要做的事。",
    },
}


def w(key: str, lang: str, **values: object) -> str:
    entry = WORDS[key]
    text = entry.get(lang[:2], entry["en"])
    return text.format(**values) if values else text


def _zh_number(value: float) -> str:
    if value >= 10_000:
        return f"{value / 10_000:.1f}".rstrip("0").rstrip(".") + "万"
    return f"{value:.0f}"


def _zh_range(low: float, high: float) -> str:
    """5万–30万元, 2000–8000元, 8300元–2.6万元: the unit once when both share it."""
    if (low >= 10_000) == (high >= 10_000):
        return f"{_zh_number(low)}–{_zh_number(high)}元"
    return f"{_zh_number(low)}元–{_zh_number(high)}元"


def amount(value: float, lang: str) -> str:
    """One amount: ¥24,000 / 约2.4万元."""
    if lang.startswith("zh"):
        return f"约{_zh_number(value)}元" if value else "0元"
    return f"¥{value:,.0f}"


def money(m: Money, lang: str, monthly: bool = False) -> str:
    """A range: exact, up to, from-to or open-ended; monthly says so."""
    zh = lang.startswith("zh")
    if m.high is None:
        text = f"{_zh_number(m.low)}元以上" if zh else f"over ¥{m.low:,.0f}"
    elif m.low == m.high:
        text = amount(m.low, lang)
    elif m.low == 0:
        text = f"{_zh_number(m.high)}元以内" if zh else f"up to ¥{m.high:,.0f}"
    else:
        text = _zh_range(m.low, m.high) if zh else f"¥{m.low:,.0f}–{m.high:,.0f}"
    if not monthly:
        return text
    return f"每月{text}" if zh else f"{text} a month"


def cost_line(cost: Cost, lang: str, staff_time: str = "") -> str:
    """One action's cost: one-off, monthly and 3 years, or staff time when nothing is bought."""
    if cost.staff_time_only:
        base = w("staff_time", lang)
        if staff_time:
            return f"{base}（{staff_time}）" if lang.startswith("zh") else f"{base} ({staff_time})"
        return base
    sep = "，" if lang.startswith("zh") else ", "
    parts = []
    if not cost.one_off.is_zero:
        parts.append(
            f"{w('one_off', lang)}{'' if lang.startswith('zh') else ' '}{money(cost.one_off, lang)}"
        )
    if not cost.monthly.is_zero:
        parts.append(money(cost.monthly, lang, monthly=True))
    three = money(cost.three_year, lang)
    parts.append(f"3年合计{three}" if lang.startswith("zh") else f"{three} over 3 years")
    return sep.join(parts)


def totals_cells(t: Totals, lang: str) -> tuple[str, str, str]:
    """One-off, monthly, 3 years of a total."""
    return (
        money(t.one_off, lang),
        money(t.monthly, lang, monthly=True),
        money(t.three_year, lang),
    )


def totals_note(t: Totals, lang: str) -> str:
    """How many items are priced by band only or have no upper price ("" when none)."""
    parts = []
    if t.from_tiers:
        parts.append(w("from_tiers", lang, n=t.from_tiers))
    if t.open_ended:
        parts.append(w("open_ended", lang, n=t.open_ended))
    return ("；" if lang.startswith("zh") else "; ").join(parts)


def phase_money(t: Totals, lang: str) -> str:
    one_off, monthly, three = totals_cells(t, lang)
    return w("phase_money", lang, one_off=one_off, monthly=monthly, three_year=three)


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def headline(result: Result, first_action: str | None, peers: Peers | None) -> str:
    """Where the firm stands (stage, the framework estimate and the gate holding it, peers
    when a batch gives them) and the single most important move. Never a peer claim
    without ``peers``."""
    lang = result.language
    zh = lang.startswith("zh")
    o = result.overall
    text = w(
        "hl_stage",
        lang,
        n=o.level if o.level is not None else "—",
        name=o.level_name or "—",
        score=_score(o.score),
    )
    if result.estimates:
        e = result.estimates[0]
        text += w(
            "hl_estimate",
            lang,
            framework=e.name,
            level=e.level_label,
            held=held_line(e, lang),
        )
    text += "。" if zh else "."
    if peers is not None and peers.percentile is not None:
        group = peers.group("all")
        if group is not None:
            text += w("hl_peers", lang, pct=f"{peers.percentile:.0f}", n=group.n, group=group.label)
    if first_action:
        text += w("hl_move", lang, action=first_action)
    else:
        text += w("hl_nothing", lang)
    return text

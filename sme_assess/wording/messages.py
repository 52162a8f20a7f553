"""Words shown to people, in English and Chinese: reason texts and interface labels.

Reasons are computed as codes with values (``scoring.Reason``); this module turns them into
a sentence in the wanted language, naming categories, pain points, solutions and questions
by their pack text, never by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..engine.scoring import Reason
from ..i18n import localized
from ..models import Catalogue, Questionnaire, text_for
from ..models.questionnaire import MultipleChoiceQuestion, ScaleQuestion, SingleChoiceQuestion

REASONS: dict[str, dict[str, str]] = {
    "score_meets": {
        "en": "the overall score {score} reaches this stage's minimum of {minimum}",
        "zh": "总分{score}，达到本档最低分{minimum}",
    },
    "score_below": {
        "en": "the overall score {score} is below this stage's minimum of {minimum}",
        "zh": "总分{score}，低于本档最低分{minimum}",
    },
    "categories_below": {
        "en": "not every category reaches stage {level} yet: {categories}",
        "zh": "以下方面还没达到第{level}档：{categories}",
    },
    "categories_meet": {
        "en": "every assessed category reaches stage {level}",
        "zh": "所有已评方面都达到了第{level}档",
    },
    "requirement_met": {
        "en": "{question}: at or above “{at_least}”",
        "zh": "{question}：已达到“{at_least}”或以上",
    },
    "requirement_unmet": {
        "en": "{question} must be at least “{at_least}” (your answer: {answer})",
        "zh": "{question}需要达到“{at_least}”（您的回答：{answer}）",
    },
    "lower_level_missing": {
        "en": "stage {level} is not reached, so this stage cannot count",
        "zh": "第{level}档还没达到，这一档不能算",
    },
    "nothing_assessed": {
        "en": "no scored question was answered",
        "zh": "没有回答任何计分题",
    },
    "addresses_pain": {
        "en": "tackles “{pain}”, raised by your answers to {questions}",
        "zh": "解决“{pain}”（来自您对{questions}的回答）",
    },
    "addresses_pain_plain": {
        "en": "tackles “{pain}”",
        "zh": "解决“{pain}”",
    },
    "category_gap": {
        "en": "{area} scores {score} (stage {level}); this lifts it towards stage {to}",
        "zh": "“{area}”得分{score}（第{level}档），这一步能把它往第{to}档提",
    },
    "bundle_covers": {
        "en": "one system instead of several: covers {solutions}",
        "zh": "一套系统顶几套：已包含{solutions}",
    },
    "needs_fact": {
        "en": "needs first: {facts}; the plan sets that up before it",
        "zh": "先要具备：{facts}；计划里已把打基础的事排在前面",
    },
    "plan_note": {
        "en": "note: {note}",
        "zh": "注意：{note}",
    },
    "first_step": {
        "en": "first step: someone must own digital work before systems are bought",
        "zh": "第一步：先有人牵头，再买系统",
    },
    "left_in_place": {
        "en": "already in place, from your answers",
        "zh": "从您的回答看，已经有了",
    },
    "left_not_applicable": {
        "en": "does not apply to your firm, from your answers",
        "zh": "从您的回答看，不适用于贵企业",
    },
    "left_not_applicable_scenario": {
        "en": "does not apply: you answered {questions} “not applicable”",
        "zh": "不适用：{questions}您选了“不适用”",
    },
    "left_sector": {
        "en": "meant for other sectors",
        "zh": "面向其他行业",
    },
    "left_size": {
        "en": "meant for firms of another size",
        "zh": "面向其他规模的企业",
    },
    "left_waiting_fact": {
        "en": "waits for: {facts}; nothing in the catalogue that fits your firm sets that up yet",
        "zh": "要等先具备：{facts}；目录里暂时没有适合贵企业、能打好这个基础的方案",
    },
    "left_in_bundle": {
        "en": "covered by {solutions} in the plan",
        "zh": "已包含在计划里的{solutions}中",
    },
    "left_parts_instead": {
        "en": "only some of its parts are needed; the plan holds {solutions} on their own",
        "zh": "只需要其中几个模块，计划里单独列了{solutions}",
    },
    "left_not_needed": {
        "en": "no raised pain point it addresses, and its areas already reach stage {to}",
        "zh": "没有它针对的痛点，它涉及的方面也已经达到第{to}档",
    },
    "left_plan_limit": {
        "en": "beyond the {limit} most valuable measures the plan holds",
        "zh": "排在计划收录的前{limit}项之后",
    },
    "prerequisite_for": {
        "en": "needed first by {solutions}",
        "zh": "是{solutions}的前提，要先做",
    },
    "after_prerequisites": {
        "en": "comes after {solutions}, which it builds on",
        "zh": "要在{solutions}之后做",
    },
    "needs_level": {
        "en": "needs {area} at stage {level} first",
        "zh": "需要“{area}”先达到第{level}档",
    },
    "quick_win": {
        "en": "quick win: low cost and effort, value within {months_en}",
        "zh": "见效快：投入小、难度低，{months}个月内见效",
    },
    "owner_priority": {
        "en": "you named {areas} among your biggest problems",
        "zh": "您把{areas}列为最头疼的问题之一",
    },
    "quick_win_queued": {
        "en": "also a quick win; queued after the first {limit} so the team is not swamped",
        "zh": "也是见效快的项目；排在前{limit}项之后，免得一下子铺太多",
    },
    "target_assumption": {
        "en": (
            "Assumption: once in place and in daily use, a solution brings each category it "
            "mainly addresses (strength 2-3) up to the minimum score of the level it lifts to, "
            "and a category it helps a little (strength 1) halfway there. Real results depend "
            "on how well it is carried out."
        ),
        "zh": (
            "假设：方案落地并真正用起来后，它主要针对的方面（强度2-3）能提升到目标等级的最低分，"
            "次要帮助的方面（强度1）提升一半。实际效果取决于落实情况。"
        ),
    },
}

LABELS: dict[str, dict[str, str]] = {
    "category": {"en": "Category", "zh": "方面"},
    "score": {"en": "Score", "zh": "得分"},
    "level": {"en": "Stage", "zh": "档位"},
    "coverage": {"en": "Answered", "zh": "作答率"},
    "confidence": {"en": "Confidence", "zh": "把握度"},
    "overall": {"en": "Overall", "zh": "总体"},
    "not_assessed": {"en": "not assessed", "zh": "未评估"},
    "pain_points": {"en": "Top pain points", "zh": "主要痛点"},
    "recommendations": {"en": "What to do", "zh": "建议怎么做"},
    "now": {"en": "Now (quick wins)", "zh": "马上做（见效快）"},
    "next": {"en": "Next (3-12 months)", "zh": "接下来（3-12个月）"},
    "later": {"en": "Later (12 months and more)", "zh": "以后（12个月以上）"},
    "question": {"en": "Question", "zh": "题目"},
    "answer": {"en": "Answer", "zh": "回答"},
    "weight": {"en": "Weight", "zh": "权重"},
    "points": {"en": "Points", "zh": "贡献分"},
    "why_level": {"en": "Stages", "zh": "档位判定"},
    "next_level": {"en": "What the next stage needs", "zh": "再上一档需要做到"},
    "reached": {"en": "reached", "zh": "已达到"},
    "not_reached": {"en": "not reached", "zh": "未达到"},
    "na": {"en": "not applicable", "zh": "不适用"},
    "unknown": {"en": "don't know", "zh": "不清楚"},
    "unanswered": {"en": "not answered", "zh": "未作答"},
    "hidden": {"en": "not asked", "zh": "未问"},
    "left_out": {"en": "Not in the plan, and why", "zh": "没有列入计划的方案及原因"},
    "solution": {"en": "Solution", "zh": "方案"},
    "why": {"en": "Why", "zh": "原因"},
    "cost_3y": {"en": "{amount} over 3 years", "zh": "3年合计{amount}"},
    "target": {"en": "Path to stage {level}", "zh": "达到第{level}档的路径"},
    "target_unreachable": {
        "en": "Stage {level} is out of reach with this catalogue; best projection: stage "
        "{projected} ({score})",
        "zh": "按目前方案库达不到第{level}档；最好能到第{projected}档（{score}分）",
    },
    "target_already": {
        "en": "Already at stage {level} or above.",
        "zh": "已经达到第{level}档或以上。",
    },
    "projected": {"en": "Projected", "zh": "预计"},
    "ignored": {"en": "Ignored (--lenient)", "zh": "已忽略（--lenient）"},
    "not_asked": {"en": "Not asked (short form)", "zh": "简版未问的题"},
    "cost": {"en": "Cost", "zh": "投入"},
    "effort": {"en": "Effort", "zh": "难度"},
    "months": {"en": "Months to value", "zh": "见效（月）"},
    "low": {"en": "low", "zh": "低"},
    "medium": {"en": "medium", "zh": "中"},
    "high": {"en": "high", "zh": "高"},
    "lowest_items": {"en": "Lowest-scoring answers", "zh": "得分最低的几项"},
    "now_answer": {"en": "today", "zh": "现在"},
    "next_rung": {"en": "next step", "zh": "下一步"},
    "top_rung": {"en": "already at the top option", "zh": "已是最高一档"},
    "stage_n": {"en": "Stage {n}", "zh": "第{n}档"},
    "own_stage": {"en": "This tool's stage", "zh": "本工具自测"},
    "estimate_vs": {"en": "Estimated {name}", "zh": "对照{name}估算"},
    "est_points": {"en": "{points} of {max} points", "zh": "{points}/{max}分"},
    "est_rungs": {
        "en": "scenarios at rung {rung} or above: {n} (mandatory {m})",
        "zh": "{rung}级及以上场景：{n}个（其中约束性{m}个）",
    },
    "est_held": {"en": "{label} needs", "zh": "{label}还差"},
    "est_short_points": {"en": "{n} more points", "zh": "{n}分"},
    "est_short_sc": {
        "en": "{n} more scenarios at rung {rung}",
        "zh": "{n}个达到{rung}级的场景",
    },
    "est_short_mand": {
        "en": "{n} more mandatory scenarios at rung {rung}",
        "zh": "{n}个达到{rung}级的约束性场景",
    },
    "est_via": {"en": "in the plan", "zh": "计划中的方案"},
    "est_top": {"en": "the highest level", "zh": "已是最高级"},
    "est_unverified": {"en": "Not verified", "zh": "未核实"},
    "mandatory": {"en": "mandatory", "zh": "约束性"},
}

LIST_SEP = {"en": ", ", "zh": "、"}


def label(key: str, lang: str, **values: Any) -> str:
    return localized(LABELS, key, lang, **values)


def shorten(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, cut at a word's end where there are words
    (never mid-word, unless one word fills the width), with an ellipsis when cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


_NAMERS: dict[tuple[int, int, str], Namer] = {}


@dataclass(frozen=True)
class Namer:
    """Names pack items in one language."""

    questionnaire: Questionnaire
    catalogue: Catalogue | None
    lang: str

    def _t(self, text: Any) -> str:
        return text_for(text, self.lang, self.questionnaire.default_language)

    @staticmethod
    def shared(questionnaire: Questionnaire, catalogue: Catalogue | None, lang: str) -> Namer:
        """One namer per (pack, language), reused across respondents (its lookups are cached)."""
        key = (id(questionnaire), id(catalogue), lang)
        found = _NAMERS.get(key)
        if found is not None and found.questionnaire is questionnaire:
            return found
        if len(_NAMERS) > 16:
            _NAMERS.clear()
        namer = _NAMERS[key] = Namer(questionnaire, catalogue, lang)
        return namer

    @cached_property
    def _memo(self) -> dict[tuple[str, Any], Any]:
        """Names, reason texts and reason models already made in this language."""
        return {}

    @cached_property
    def _categories(self) -> dict[str, Any]:
        return {c.id: c for c in self.questionnaire.categories}

    @cached_property
    def _pains(self) -> dict[str, Any]:
        return {p.id: p for p in self.questionnaire.pain_points}

    @cached_property
    def _solutions(self) -> dict[str, Any]:
        return {s.id: s for s in self.catalogue.solutions} if self.catalogue else {}

    @cached_property
    def _levels(self) -> dict[int, Any]:
        return {lv.number: lv for lv in self.questionnaire.levels}

    def category(self, cid: str) -> str:
        memo_key = ("category", cid)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._category(cid)
        return str(self._memo[memo_key])

    def _category(self, cid: str) -> str:
        cat = self._categories.get(cid)
        return self._t(cat.name) if cat else cid

    def area(self, cid: str) -> str:
        memo_key = ("area", cid)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._area(cid)
        return str(self._memo[memo_key])

    def _area(self, cid: str) -> str:
        """The category's neutral short name (charts, strengths), else its name."""
        cat = self._categories.get(cid)
        if cat is None:
            return cid
        return self._t(cat.short_name or cat.name)

    def pain(self, pid: str) -> str:
        memo_key = ("pain", pid)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._pain(pid)
        return str(self._memo[memo_key])

    def _pain(self, pid: str) -> str:
        pain = self._pains.get(pid)
        return self._t(pain.name) if pain else pid

    def solution(self, sid: str) -> str:
        memo_key = ("solution", sid)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._solution(sid)
        return str(self._memo[memo_key])

    def _solution(self, sid: str) -> str:
        if self.catalogue is None:
            return sid
        sol = self._solutions.get(sid)
        return self._t(sol.name) if sol else sid

    def fact(self, fid: str) -> str:
        """A catalogue fact as a statement about the firm."""
        return self._catalogue_text("facts", "name", fid)

    def note(self, nid: str) -> str:
        """A catalogue note's caution."""
        return self._catalogue_text("notes", "text", nid)

    def _catalogue_text(self, kind: str, field: str, item_id: str) -> str:
        memo_key = (kind, item_id)
        if memo_key not in self._memo:
            items = getattr(self.catalogue, kind, []) if self.catalogue else []
            found = next((x for x in items if x.id == item_id), None)
            self._memo[memo_key] = self._t(getattr(found, field)) if found else item_id
        return str(self._memo[memo_key])

    def level(self, number: int | None) -> str:
        if number is None:
            return label("not_assessed", self.lang)
        lv = self._levels.get(number)
        return self._t(lv.name) if lv else str(number)

    def question(self, qid: str, width: int = 60) -> str:
        question = self.questionnaire.question(qid)
        text = self._t(question.text) if question else qid
        return shorten(text, width)

    def answer(self, qid: str, value: Any) -> str:
        """An answer as the respondent saw it: option labels, yes/no, numbers with units."""
        question = self.questionnaire.question(qid)
        if value is None:
            return label("unanswered", self.lang)
        if value == "n/a":
            return label("na", self.lang)
        if value == "unknown":
            return label("unknown", self.lang)
        if isinstance(question, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
            labels = {o.value: self._t(o.label) for o in question.options}
            if isinstance(value, list):
                return LIST_SEP.get(self.lang, ", ").join(labels.get(v) or str(v) for v in value)
            return labels.get(value, str(value))
        if isinstance(value, bool):
            return {True: {"en": "yes", "zh": "是"}, False: {"en": "no", "zh": "否"}}[value].get(
                self.lang, "yes" if value else "no"
            )
        unit = getattr(question, "unit", None)
        if isinstance(value, int | float) and unit is not None:
            return f"{value:g} {self._t(unit)}".strip()
        return str(value)

    def option(self, qid: str, value: str) -> str:
        return self.answer(qid, value)


def render(reason: Reason, namer: Namer) -> str:
    """One reason as a sentence in the namer's language (memoised per namer)."""
    key = ("reason", reason)
    memo = namer._memo
    text = memo.get(key)
    if text is None:
        if len(memo) > 50_000:  # a long batch: keep memory bounded
            memo.clear()
        text = memo[key] = _render(reason, namer)
    return text


def _render(reason: Reason, namer: Namer) -> str:
    params = dict(reason.params)
    code = reason.code
    lang = namer.lang
    sep = LIST_SEP.get(lang, ", ")
    if code == "addresses_pain" and not params.get("questions"):
        code = "addresses_pain_plain"
    values: dict[str, Any] = {}
    for key, value in params.items():
        if key == "pain":
            values[key] = namer.pain(value)
        elif key == "category":
            values[key] = namer.category(value)
        elif key == "categories":
            values[key] = sep.join(namer.category(v) for v in value)
        elif key == "area":
            values[key] = namer.area(value)
        elif key == "note":
            values[key] = namer.note(value)
        elif key == "facts":
            values[key] = sep.join(f"“{namer.fact(v)}”" for v in value)
        elif key == "areas":
            values[key] = sep.join(f"“{namer.area(v)}”" for v in value)
        elif key == "solutions":
            values[key] = sep.join(f"“{namer.solution(v)}”" for v in value)
        elif key == "questions":
            values[key] = sep.join(f"“{namer.question(v, 40)}”" for v in value)
        elif key == "question":
            values[key] = f"“{namer.question(value, 40)}”"
        elif key == "at_least":
            values[key] = namer.option(params.get("question", ""), value)
        elif key == "answer":
            values[key] = namer.answer(params.get("question", ""), value)
        elif key == "months":  # "1 month", "3 months"
            values[key] = f"{value:g}"
            values["months_en"] = "1 month" if value == 1 else f"{value:g} months"
        elif isinstance(value, float) and key in ("score", "minimum", "threshold"):
            values[key] = f"{value:.0f}"  # scores print as integers everywhere
        elif isinstance(value, float):
            values[key] = f"{value:g}"
        else:
            values[key] = value
    if code not in REASONS:
        return code
    try:
        return localized(REASONS, code, lang, **values)
    except (KeyError, IndexError):  # a value the text names is missing: show it unfilled
        return localized(REASONS, code, lang)


def require_language(q: Questionnaire, lang: str | None) -> None:
    """A --lang the pack does not have is a usage error, not a silent switch to another."""
    if lang is None:
        return
    base = lang.split("-")[0].split("_")[0]
    if not any(have == lang or have.split("-")[0] == base for have in q.languages):
        from ..errors import UsageError

        raise UsageError(f"--lang {lang}: the pack '{q.id}' is in {', '.join(q.languages)} only")


def pick_language(q: Questionnaire, *wanted: str | None) -> str:
    """The first wanted language the pack has, else its default."""
    for lang in wanted:
        if lang and lang in q.languages:
            return lang
        if lang:
            base = lang.split("-")[0].split("_")[0]
            for have in q.languages:
                if have.split("-")[0] == base:
                    return have
    return q.default_language

"""Words shown to people: reason texts and interface labels, English messages translated
through the message catalogues (sme_assess/i18n.py). (Which language a command speaks is
wording/language.py's, its functions also importable from here.)

Reasons are computed as codes with values (``scoring.Reason``); this module turns them into
a sentence in the wanted language, naming categories, pain points, solutions and questions
by their pack text, never by id.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..engine.scoring import Reason
from ..i18n import LOCALE_ENV, N_, Translator, translator
from ..models import Catalogue, Questionnaire, text_for
from ..models.questionnaire import MultipleChoiceQuestion, ScaleQuestion, SingleChoiceQuestion
from ..terminal_text import cluster_start
from .budget_words import BUDGET_REASONS, budget_values
from .cautions import CAUTION_REASONS, caution_values
from .language import pack_language as pack_language
from .language import pick_language as pick_language
from .language import require_language as require_language

REASONS: dict[str, str] = {
    "score_meets": N_("the overall score {score} reaches this stage's minimum of {minimum}"),
    "score_below": N_("the overall score {score} is below this stage's minimum of {minimum}"),
    "categories_below": N_("not every category reaches stage {level} yet: {categories}"),
    "categories_meet": N_("every assessed category reaches stage {level}"),
    "requirement_met": N_("{question}: at or above “{at_least}”"),
    "requirement_unmet": N_("{question} must be at least “{at_least}” (your answer: {answer})"),
    "requirement_count_met": N_(
        "{count} of {total} answers at or above “{at_least}” (this stage needs {min_count})"
    ),
    "requirement_count_unmet": N_(
        "this stage needs {min_count} of {total} answers at or above “{at_least}”, you have "
        "{count}; the closest to raise: {questions}"
    ),
    "requirement_count_unmet_plain": N_(
        "this stage needs {min_count} of {total} answers at or above “{at_least}”, you have {count}"
    ),
    "lower_level_missing": N_("stage {level} is not reached, so this stage cannot count"),
    "nothing_assessed": N_("no scored question was answered"),
    "addresses_pain": N_("tackles “{pain}”, raised by your answers to {questions}"),
    "addresses_pain_plain": N_("tackles “{pain}”"),
    "category_gap": N_("{area} scores {score} (stage {level}); this lifts it towards stage {to}"),
    "bundle_covers": N_("one system instead of several: covers {solutions}"),
    "needs_fact": N_("needs first: {facts}; the plan sets that up before it"),
    "needs_history": N_(
        "in the second year: it works on months of records that only start with this plan ({facts})"
    ),
    "plan_note": N_("note: {note}"),
    "first_step": N_("first step: someone must own digital work before systems are bought"),
    "left_in_place": N_("already in place, from your answers"),
    "left_not_applicable": N_("does not apply to your firm, from your answers"),
    "left_not_applicable_scenario": N_("does not apply: you answered {questions} “not applicable”"),
    "left_sector": N_("meant for other sectors"),
    "left_size": N_("meant for firms of another size"),
    "left_waiting_fact": N_(
        "waits for: {facts}; nothing in the catalogue that fits your firm sets that up yet"
    ),
    "left_in_bundle": N_("covered by {solutions} in the plan"),
    "left_parts_instead": N_(
        "only some of its parts are needed; the plan holds {solutions} on their own"
    ),
    "left_parts_not_needed": N_(
        "the rest of it is in place, and nothing in your answers calls for {solutions}"
    ),
    "left_not_needed": N_(
        "no raised pain point it addresses, and its areas already reach stage {to}"
    ),
    "left_plan_limit": N_("beyond the {limit} most valuable measures the plan holds"),
    "prerequisite_for": N_("needed first by {solutions}"),
    "after_prerequisites": N_("comes after {solutions}, which it builds on"),
    "needs_level": N_("needs {area} at stage {level} first"),
    "owner_priority": N_("you named {areas} among your biggest problems"),
    "quick_win_queued": N_(
        "also a quick win; queued after the first {limit} so the team is not swamped"
    ),
    "target_assumption": N_(
        "Assumption: once in place and in daily use, a solution brings each category it mainly "
        "addresses (strength 2-3) up to the minimum score of the level it lifts to, and a category "
        "it helps a little (strength 1) halfway there. Real results depend on how well it is "
        "carried out."
    ),
}

LABELS: dict[str, str] = {
    "category": N_("Category"),
    "score": N_("Score"),
    "level": N_("Stage"),
    "coverage": N_("Answered"),
    "confidence": N_("Confidence"),
    "overall": N_("Overall"),
    "not_assessed": N_("not assessed"),
    "pain_points": N_("Top pain points"),
    "recommendations": N_("What to do"),
    "now": N_("Now (quick wins)"),
    "next": N_("Next (3-12 months)"),
    "later": N_("Later (12 months and more)"),
    "question": N_("Question"),
    "answer": N_("Answer"),
    "weight": N_("Weight"),
    "points": N_("Points"),
    "why_level": N_("Stages"),
    "next_level": N_("What the next stage needs"),
    "reached": N_("reached"),
    "not_reached": N_("not reached"),
    "na": N_("not applicable"),
    "unknown": N_("don't know"),
    "unanswered": N_("not answered"),
    "hidden": N_("not asked"),
    "left_out": N_("Not in the plan, and why"),
    "solution": N_("Solution"),
    "why": N_("Why"),
    "cost_3y": N_("{amount} over 3 years"),
    "target": N_("Path to stage {level}"),
    "target_unreachable": N_(
        "Stage {level} is out of reach with this catalogue; best projection: stage {projected} "
        "({score})"
    ),
    "target_already": N_("Already at stage {level} or above."),
    "projected": N_("Projected"),
    "ignored": N_("Answers not counted"),
    "not_asked": N_("Not asked (short form)"),
    "cost": N_("Cost"),
    "effort": N_("Effort"),
    "months": N_("Months to value"),
    "low": N_("low"),
    "medium": N_("medium"),
    "high": N_("high"),
    "lowest_items": N_("Lowest-scoring answers"),
    "now_answer": N_("today"),
    "next_rung": N_("next step"),
    "top_rung": N_("already at the top option"),
    "stage_n": N_("Stage {n}"),
    "stage_none": N_("not enough answers for a stage"),
    "own_stage": N_("This tool's stage"),
    "estimate_vs": N_("Estimated {name}"),
    "est_points": N_("{points} of {max} points"),
    "est_rungs": N_("scenarios at rung {rung} or above: {n} (mandatory {m})"),
    "est_held": N_("{label} needs"),
    "est_short_points": N_("{n} more points"),
    "est_short_sc": N_("{n} more scenarios at rung {rung}"),
    "est_short_mand": N_("{n} more mandatory scenarios at rung {rung}"),
    "est_via": N_("in the plan"),
    "est_top": N_("the highest level"),
    "est_unverified": N_("Not verified"),
    "mandatory": N_("mandatory"),
}


def label(key: str, lang: str, **values: Any) -> str:
    """An interface label in ``lang``, placeholders filled in."""
    return translator(lang).text(LABELS[key], **values)


def list_separator(lang: str) -> str:
    """What joins the items of a list in ``lang`` (", " in English)."""
    _ = translator(lang)
    return _(", ")


def shorten(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, cut at a word's end where there are words
    (never mid-word, unless one word fills the width), with an ellipsis when cut."""
    if len(text) <= width:
        return text
    end = cluster_start(text, width - 1)  # never inside an accented letter, emoji or flag
    cut = text[:end]
    space = cut.rfind(" ")
    if space > width // 2 or (space > 0 and cut and _in_word(cut[-1]) and _in_word(text[end])):
        cut = cut[:space]  # never "How does informatio…": a CJK character is a word of its own
    return cut.rstrip(" ,;:") + "…"


def _in_word(ch: str) -> bool:
    """Whether ``ch`` belongs to a word written with spaces (Latin letters, digits)."""
    return ch.isalnum() and ord(ch) < 0x2E80


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
                sep = list_separator(self.lang)
                return sep.join(labels.get(v) or str(v) for v in value)
            return labels.get(value, str(value))
        if isinstance(value, bool):
            _ = translator(self.lang)
            return _.pgettext("answer", "yes") if value else _.pgettext("answer", "no")
        unit = getattr(question, "unit", None)
        if isinstance(value, int | float) and unit is not None:
            return f"{value:g} {self._t(unit)}".strip()
        return str(value)

    def option(self, qid: str, value: str) -> str:
        return self.answer(qid, value)

    def requirement_mark(self, index: int) -> str:
        """What a count requirement's ``at_least`` means: its label, else the option's label
        in its first question."""
        rules = self.questionnaire.level_rules.requirements
        if not 0 <= index < len(rules):
            return str(index)
        req = rules[index]
        if req.label is not None:
            return self._t(req.label)
        return self.option((req.questions or [""])[0], req.at_least)


# How much of a question a reason quotes: on a screen's narrow column (and in the result)
# its first words, cut at a word's end with an ellipsis; in the report the whole question.
QUOTE_CHARS = 40
WHOLE = 1_000


def render(reason: Reason, namer: Namer, quote: int = QUOTE_CHARS) -> str:
    """One reason as a sentence in the namer's language (memoised per namer), the questions
    it names quoted in at most ``quote`` characters each."""
    key = ("reason", reason) if quote == QUOTE_CHARS else ("reason", (reason, quote))
    memo = namer._memo
    text = memo.get(key)
    if text is None:
        if len(memo) > 4_096:  # a long batch: keep memory bounded (small: issue 15)
            memo.clear()
        text = memo[key] = _render(reason, namer, quote)
    return text


_TRANSLATORS: dict[tuple[str, str | None], Translator] = {}


def _words_in(lang: str) -> Translator:
    """``translator(lang)`` for the catalogue folders set now, without making their paths
    again for each reason a batch renders."""
    key = (lang, os.environ.get(LOCALE_ENV))
    found = _TRANSLATORS.get(key)
    if found is None:
        if len(_TRANSLATORS) > 64:
            _TRANSLATORS.clear()
        found = _TRANSLATORS[key] = translator(lang)
    return found


def _render(reason: Reason, namer: Namer, quote: int = QUOTE_CHARS) -> str:
    params = dict(reason.params)
    code = reason.code
    lang = namer.lang
    _ = _words_in(lang)
    sep = _(", ")
    if code == "addresses_pain" and not params.get("questions"):
        code = "addresses_pain_plain"
    if code == "requirement_count_unmet" and not params.get("questions"):
        code = "requirement_count_unmet_plain"  # nothing left to raise (all n/a)
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
            values[key] = sep.join(f"“{namer.question(v, quote)}”" for v in value)
        elif key == "question":
            values[key] = f"“{namer.question(value, quote)}”"
        elif key == "at_least" and "requirement" in params:  # a count requirement's mark
            values[key] = namer.requirement_mark(params["requirement"])
        elif key == "at_least":
            values[key] = namer.option(params.get("question", ""), value)
        elif key == "answer":
            values[key] = namer.answer(params.get("question", ""), value)
        elif key == "months":  # "1 month", "3 months"
            values[key] = f"{value:g}"
        elif isinstance(value, float) and key in ("score", "minimum", "threshold"):
            values[key] = f"{value:.0f}"  # scores print as integers everywhere
        elif isinstance(value, float):
            values[key] = f"{value:g}"
        else:
            values[key] = value
    if code == "quick_win":
        months = params.get("months", 0)
        return _.ngettext(
            "quick win: low cost and effort, value within {months} month",
            "quick win: low cost and effort, value within {months} months",
            1 if months == 1 else 2,
            **values,
        )
    if code == "first_year_cap":  # a new system the first year's cap put off
        return _.ngettext(
            "a new system put off to later: the next 3-12 months already start {limit} new "
            "system after the quick wins, as many as a firm of your size can take on at once",
            "a new system put off to later: the next 3-12 months already start {limit} new "
            "systems after the quick wins, as many as a firm of your size can take on at once",
            params.get("limit", 0),
            **values,
        )
    if code in BUDGET_REASONS:
        return _.text(BUDGET_REASONS[code], **budget_values(params, lang))
    if code in CAUTION_REASONS:
        return _.text(CAUTION_REASONS[code], **caution_values(values, params, namer.option, sep))
    if code not in REASONS:
        return code
    try:
        return _.text(REASONS[code], **values)
    except (KeyError, IndexError):  # a value the text names is missing: show it unfilled
        return _.text(REASONS[code])

"""The lean form of a results.jsonl line (the default): what was decided for a firm, as
ids, codes and numbers, plus the answers as read; words and reason parameters come from the
pack on demand.

A full line (``--full-results``, as ``score --format json``) is ~40 KB for the built-in
pack, 86 % of it the same reason sentences and catalogue texts for every firm; a lean line
is ≤ 5 KB. It keeps, as compact arrays (``COLUMNS`` names their fields):

- ``overall``: ``[score, level, threshold level, coverage, confidence]`` (no level name);
  ``target`` and ``ignored`` when there are any;
- ``categories``: ``[id, score, level, coverage, confidence]`` each, a trailing 1.0 (full
  coverage or confidence) left out: ``[id, score, level]`` is a category fully answered;
- ``levels``: ``[level, reached, [reasons]]`` each;
- ``pain_points``: ``[id, severity]`` each, most severe first;
- ``recommendations``: ``[solution, phase, reasons]`` each in rank order (phase as 0 now, 1
  next, 2 later; rank = position
  + 1), a fourth element ``1`` when it was pulled in as a prerequisite;
- ``reason_codes``: the distinct reason codes of the line; the reasons of a level check or
  a recommendation are one letter per reason, ``a`` for its first code (``"aac"``: codes 0,
  0 and 2);
- ``estimates``: ``[framework, level, level label, points, gate that holds it back]`` each
  (level, rung and what is short);
- ``answers``: the answers as the batch read them (after the column and value mapping), so
  a mapping can be audited line by line and the firm scored again from this line alone;
  with ``answers_version`` when they were given for another version of the pack than the
  one that scored them (``questionnaire_version``), so that scoring them again applies the
  same changes of the pack, and ``short_form`` when they were answered with the short form.

The reasons' *parameters* (which pains, questions, gaps, thresholds; ~5 KB a firm), the
recommendations' priorities and prerequisites and the pain points' triggers are not
stored: they follow from the answers and the pack, and ``expand`` scores the kept answers
again to give the full result (names, every reason with its parameters and text), saying
whether it still matches the line (``matches_line``: the same plan, reason codes and
scores; False when the pack changed since). ``answers_of`` gives the answers back (for
``sme-assess explain`` / ``report``). ``shape`` gives the summary's readers the line as
dicts (``names`` adds the names). Readers (``--resume``) take both forms; a lean line has
``"results_form": "lean"``.
"""

from __future__ import annotations

import json
from typing import Any

from ..engine.matching import PHASES
from ..models import Answers
from ..models.result import Result
from ..pack.loading import Pack

FORM_KEY = "results_form"
LEAN = "lean"
COLUMNS = {
    "categories": ("id", "score", "level", "coverage", "confidence"),
    "levels": ("level", "reached", "reasons"),
    "pain_points": ("id", "severity"),
    "recommendations": ("solution", "phase", "reasons", "pulled_in"),
    "estimates": ("framework", "level", "level_label", "points", "held_back_by"),
}
OVERALL = ("score", "level", "threshold_level", "coverage", "confidence")


def lean_data(result: Result, answers: Answers) -> dict[str, Any]:
    """The lean results.jsonl data of one firm."""
    overall = result.overall
    codes: dict[str, int] = {}
    levels = [
        [lv.level, lv.reached, _letters([codes.setdefault(x.code, len(codes)) for x in lv.reasons])]
        for lv in result.levels
    ]
    recommendations: list[list[Any]] = []
    for r in sorted(result.recommendations, key=lambda r: r.rank):
        refs = [codes.setdefault(x.code, len(codes)) for x in r.reasons]
        entry: list[Any] = [r.solution, _PHASE.get(r.phase, r.phase), _letters(refs)]
        if r.pulled_in:
            entry.append(1)
        recommendations.append(entry)
    data: dict[str, Any] = {
        FORM_KEY: LEAN,
        "questionnaire": result.questionnaire,
        "questionnaire_version": result.questionnaire_version,
        "catalogue_version": result.catalogue_version,
        "language": result.language,
        "respondent": result.respondent,
        "overall": [
            overall.score,
            overall.level,
            overall.threshold_level,
            overall.coverage,
            overall.confidence,
        ],
        "categories": [
            _trim([c.id, c.score, c.level, c.coverage, c.confidence]) for c in result.categories
        ],
        "levels": levels,
        "pain_points": [[p.id, p.severity] for p in result.pain_points],
        "recommendations": recommendations,
        "reason_codes": list(codes),
        "estimates": [
            [e.framework, e.level, e.level_label, e.points, _gate(e.held_back_by)]
            for e in result.estimates
        ],
        "answers": answers.model_dump(mode="json", exclude_defaults=True).get("answers", {}),
    }
    given = answers.questionnaire_version
    if given and given != result.questionnaire_version:
        data["answers_version"] = given  # scored again, the pack's changes apply again
    if answers.short_form:
        data["short_form"] = True
    if answers.options_not_asked:
        data["options_not_asked"] = answers.options_not_asked  # unknown, not false
    if result.target is not None:
        data["target"] = result.target.model_dump(mode="json")
    if result.ignored:
        data["ignored"] = result.ignored
    return data


def _trim(entry: list[Any]) -> list[Any]:
    """A category's array without its trailing 1.0s (coverage, confidence): ``shape`` puts
    them back."""
    while len(entry) > 3 and entry[-1] == 1.0:
        entry.pop()
    return entry


LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# a recommendation's phase as its position in matching.PHASES (0 now, 1 next, 2 later)
_PHASE = {phase: i for i, phase in enumerate(PHASES)}


def _letters(refs: list[int]) -> str | list[int]:
    """Indexes into reason_codes as one letter each ("aab": codes 0, 0, 1); a list of
    numbers in the unlikely case of more than 52 codes."""
    if all(i < len(LETTERS) for i in refs):
        return "".join(LETTERS[i] for i in refs)
    return refs


def _refs(given: Any) -> list[int]:
    return [LETTERS.index(c) for c in given] if isinstance(given, str) else list(given or [])


def _gate(held: Any) -> dict[str, Any] | None:
    """The gate that holds an estimate back: its level, rung and what is short (the
    thresholds and the label are the pack's)."""
    if held is None:
        return None
    gate = {"level": held.level, "at_rung": held.at_rung}
    for key in ("points_short", "scenarios_short", "mandatory_short"):
        if getattr(held, key):
            gate[key] = getattr(held, key)
    return gate


def lean_json(result: Result, answers: Answers) -> str:
    """The lean results.jsonl body of one firm (one compact JSON object)."""
    return json.dumps(lean_data(result, answers), ensure_ascii=False, separators=(",", ":"))


def is_lean(data: dict[str, Any]) -> bool:
    return data.get(FORM_KEY) == LEAN


def _is_compact(entries: Any) -> bool:
    return isinstance(entries, list) and bool(entries) and isinstance(entries[0], list)


def shape(data: dict[str, Any]) -> dict[str, Any]:
    """A lean line's arrays as the dicts a full line has (``id``, ``score``, ``rank``...;
    without names), in place; a full line or one already shaped is returned as it is."""
    if not is_lean(data):
        return data
    if isinstance(data.get("overall"), list):
        data["overall"] = dict(zip(OVERALL, data["overall"], strict=False))
    for key in ("categories", "levels", "pain_points", "estimates"):
        if _is_compact(data.get(key)):
            data[key] = [dict(zip(COLUMNS[key], entry, strict=False)) for entry in data[key]]
    for cat in data.get("categories", []):  # a trailing 1.0 is left out of the array
        cat.setdefault("coverage", 1.0)
        cat.setdefault("confidence", 1.0)
    codes = data.pop("reason_codes", [])
    for lv in data.get("levels", []):
        lv["reasons"] = [{"code": codes[i]} for i in _refs(lv.get("reasons"))]
    if _is_compact(data.get("recommendations")):
        recs = []
        for rank, entry in enumerate(data["recommendations"], start=1):
            rec = dict(zip(COLUMNS["recommendations"], entry, strict=False))
            rec["rank"] = rank
            if isinstance(rec.get("phase"), int):  # lines before phases were numbers say them
                rec["phase"] = PHASES[rec["phase"]]
            rec["pulled_in"] = bool(rec.get("pulled_in"))
            rec["reasons"] = [{"code": codes[i]} for i in _refs(rec.get("reasons"))]
            recs.append(rec)
        data["recommendations"] = recs
    return data


def names(data: dict[str, Any], namer: Any) -> None:
    """Shape a lean line (``shape``) and fill in the names it leaves out (the summary's
    level name, top pain points and solutions need them)."""
    if not is_lean(data):
        return
    shape(data)
    overall = data.get("overall") or {}
    if "level_name" not in overall:
        overall["level_name"] = namer.level(overall.get("level"))
    for cat in data.get("categories", []):
        cat.setdefault("name", namer.area(cat["id"]))
    for lv in data.get("levels", []):
        lv.setdefault("name", namer.level(lv["level"]))
    for pain in data.get("pain_points", []):
        pain.setdefault("name", namer.pain(pain["id"]))
    for rec in data.get("recommendations", []):
        rec.setdefault("name", namer.solution(rec["solution"]))


def _plan(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    shaped = shape(json.loads(json.dumps(data)))
    return [
        (r["solution"], r["phase"], [x["code"] for x in r["reasons"]])
        for r in shaped.get("recommendations", [])
    ] + [(c["id"], c["score"], c["level"]) for c in shaped.get("categories", [])]


def expand(data: dict[str, Any], pack: Pack, lang: str | None = None) -> dict[str, Any]:
    """The full result of a lean line: its kept answers scored again with ``pack`` (names
    and reason texts in ``lang``, else the line's own language), as ``score --format
    json`` gives it, plus ``matches_line``: True when that gives the plan, reasons and
    category scores the line holds (False: the pack changed since; the line is what the
    batch decided). Full lines are returned as they are."""
    if not is_lean(data):
        return data
    from ..engine.evaluation import Options, evaluate

    answers = answers_of(data)
    result = evaluate(pack, answers, Options(lang=lang or data.get("language"))).result
    again: dict[str, Any] = json.loads(result.model_dump_json())
    again["matches_line"] = _plan(lean_data(result, answers)) == _plan(data)
    return again


def answers_of(data: dict[str, Any]) -> Answers:
    """The answers a lean line was scored from (to score or report the firm again): for the
    version of the pack they were given for, and the form they were answered with."""
    return Answers.model_validate(
        {
            "questionnaire": data["questionnaire"],
            "questionnaire_version": data.get("answers_version")
            or data.get("questionnaire_version"),
            "short_form": data.get("short_form") or None,
            "language": data.get("language"),
            "respondent": data.get("respondent", {}),
            "answers": data.get("answers", {}),
            "options_not_asked": data.get("options_not_asked"),
        }
    )

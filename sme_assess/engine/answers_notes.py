"""What a result says about its answers beyond the scores: where an answer stands in its file,
the note on answers given for an earlier version, the note on the short form, and the note on
a language the answers ask for that nothing speaks."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ..i18n import N_, NN_, Message, translator
from ..models import Answers, Questionnaire, text_for
from ..models.result import ShortFormOut, VersionChangeOut
from ..pack.versions import Carried, version_note
from ..pack.yamldoc import YamlDoc
from .answers_check import AnswerProblem
from .visibility import visible_questions

WORDS: dict[str, Message] = {
    "short": NN_(
        "Short form (run --short): {n} question was not asked; the stage and the category "
        "scores are computed on fewer answers and are less complete{aim}.",
        "Short form (run --short): {n} questions were not asked; the stage and the category "
        "scores are computed on fewer answers and are less complete{aim}.",
    ),
    "short_aim": N_("; what the short form aims at is the estimate of {names}"),
}


def short_form_ids(q: Questionnaire) -> set[str] | None:
    """The questions the pack's short form asks besides the profile (None: no short form)."""
    if q.short_form is None:
        return None
    named = set(q.short_form.questions)
    in_sections = {x.id for s in q.sections if s.id in named for x in s.questions}
    return {x.id for x in q.questions() if x.id in named or x.id in in_sections}


def short_form_out(q: Questionnaire, answers: Answers, lang: str) -> ShortFormOut | None:
    """The result's note on answers given with ``run --short`` (None for the full form, or
    a pack without a short form: then every question was asked)."""
    asked = short_form_ids(q)
    if not answers.short_form or asked is None:
        return None
    left_out = [x.id for x in q.questions() if not x.profile and x.id not in asked]
    _ = translator(lang)
    cws = _(", ").join(text_for(cw.name, lang, q.default_language) for cw in q.crosswalks)
    aim = _.text(WORDS["short_aim"], names=cws) if cws else ""
    note = _.text(WORDS["short"], n=len(left_out), aim=aim)
    return ShortFormOut(left_out=left_out, note=note)


def version_change(
    carried: Carried,
    q: Questionnaire,
    lang: str,
    values: Mapping[str, Any],
    problems: list[AnswerProblem],
) -> VersionChangeOut | None:
    """The result's note on answers given for an earlier version (None for this version)."""
    if carried.old_version is None:
        return None
    given = carried.answers.answers
    unanswered = [
        x.id
        for x in visible_questions(q, dict(values))
        if x.id not in given and carried.may_be_unanswered(x.id)
    ]
    misfits = [str(p) for p in problems if p.key in given]
    misfit_keys = [p.key for p in problems if p.key in given]
    return VersionChangeOut(
        answered_for=carried.old_version,
        scored_against=q.version,
        new_unanswered=unanswered,
        new_declared=carried.new_declared,
        no_longer_fit=misfits,
        migrated=carried.applied_lines(lang, q.default_language),
        options_not_asked={qid: list(options) for qid, options in carried.not_asked.items()},
        note=version_note(carried, q, lang, unanswered, misfit_keys),
    )


def language_notes(
    q: Questionnaire, asked: str | None, given: str | None, lang: str
) -> tuple[AnswerProblem, ...]:
    """The note on an answers file's ``language`` that neither the pack nor the tool's
    catalogues have (a typo such as ``cn``, or ``xx``), so that the result is in ``lang``, the
    pack's default, instead: said rather than switched silently. Nothing when --lang
    (``asked``) chose, or when ``lang`` is the language asked for (``zh`` for ``zh-CN``)."""
    if asked or not given or _base(given) == _base(lang):
        return ()
    why = (
        f"'{given}' is not a language of this questionnaire ({', '.join(q.languages)}) nor of "
        f"the tool: the result is in {lang}"
    )
    return (AnswerProblem("language", why, code="language"),)


def _base(tag: str) -> str:
    return tag.split("-")[0].lower()


def answer_position(doc: YamlDoc | None, key: str, text: str) -> str:
    """``text`` (a problem with an answer) led by file:line:col of the answer's key in its
    file, where the file is known and holds the key; else by the file alone."""
    if doc is None:
        return text
    if key == "options_not_asked":  # a field beside the answers, not an answer
        at = _top_key(doc, key)
        return f"{doc.path}: {text}" if at is None else f"{doc.path}:{at[0]}:{at[1]}: {text}"
    block = doc.data.get("answers") if isinstance(doc.data, dict) else None
    if not isinstance(block, dict):
        return f"{doc.path}: {text}"
    if key not in block:  # not answered: at the answers, where it would be written
        at = _answers_key(doc)
        return f"{doc.path}: {text}" if at is None else f"{doc.path}:{at[0]}:{at[1]}: {text}"
    if doc.root is not None:
        line, col = doc.locate(("answers", key), at_key=True)
        return f"{doc.path}:{line}:{col}: {text}"
    found = _json_key(doc.text, key)
    if found is None:
        return f"{doc.path}: {text}"
    return f"{doc.path}:{found[0]}:{found[1]}: {text}"


def _answers_key(doc: YamlDoc) -> tuple[int, int] | None:
    """Line and column of the ``answers`` key of an answers file."""
    if doc.root is not None:
        return doc.locate(("answers",), at_key=True)
    found = re.search(r'"answers"\s*:\s*\{', doc.text)
    return None if found is None else _line_col(doc.text, found.start())


def _top_key(doc: YamlDoc, key: str) -> tuple[int, int] | None:
    """Line and column of a top-level key of an answers file."""
    if not isinstance(doc.data, dict) or key not in doc.data:
        return None
    if doc.root is not None:
        return doc.locate((key,), at_key=True)
    found = re.search(re.escape(json.dumps(key)) + r"\s*:", doc.text)
    return None if found is None else _line_col(doc.text, found.start())


def _line_col(text: str, at: int) -> tuple[int, int]:
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _json_key(text: str, key: str) -> tuple[int, int] | None:
    """Line and column of ``"key":`` inside the answers object of a JSON text."""
    start = re.search(r'"answers"\s*:\s*\{', text)
    if start is None:
        return None
    pattern = re.escape(json.dumps(key)) + r"\s*:"
    found = re.compile(pattern).search(text, start.end())
    if found is None:
        pattern = re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:"
        found = re.compile(pattern).search(text, start.end())
    if found is None:
        return None
    return _line_col(text, found.start())

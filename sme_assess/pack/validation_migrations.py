"""Checks of a pack's ``migrations:``: each entry carries answers of an earlier version over
to this one, so it must name an earlier version, questions and options this version has,
and never two meanings for one answer; options it lists as added must be new since that
version and belong to a multiple-choice question. Each finding at its place in
questionnaire.yaml."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from ..models.questionnaire import (
    MultipleChoiceQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
)
from .validation_common import Out, did_you_mean
from .versions import is_older
from .yamldoc import Loc, YamlDoc


def check_migrations(q: Questionnaire, doc: YamlDoc, out: Out) -> None:
    questions = {x.id: x for x in q.questions()}
    seen: set[str] = set()
    for i, m in enumerate(q.migrations):
        base = ("migrations", i)
        if m.version in seen:
            out.add(
                doc,
                (*base, "version"),
                "migration-version",
                f"a second migration for version {m.version}",
            )
        seen.add(m.version)
        if not is_older(m.version, q.version):
            out.add(
                doc,
                (*base, "version"),
                "migration-version",
                f"migration from version {m.version}, which is not older than this pack's "
                f"version {q.version}",
            )
        for j, qid in enumerate(m.added):
            if qid not in questions:
                out.add(
                    doc,
                    (*base, "added", j),
                    "migration-unknown-question",
                    f"added names '{qid}', which is not a question of this version",
                )
        targets: dict[str, str] = {}
        for old, new in m.questions.items():
            loc = (*base, "questions", old)
            if new not in questions:
                out.add(
                    doc,
                    loc,
                    "migration-unknown-question",
                    f"question '{old}' is renamed to '{new}', which is not a question of "
                    "this version",
                )
            if old in questions:
                out.add(
                    doc,
                    loc,
                    "migration-conflict",
                    f"'{old}' is renamed, but this version still has a question '{old}': "
                    "its answers would have two meanings",
                    at_key=True,
                )
            if new in targets:
                out.add(
                    doc,
                    loc,
                    "migration-conflict",
                    f"'{old}' and '{targets[new]}' are both renamed to '{new}'",
                    at_key=True,
                )
            targets.setdefault(new, old)
            if new in m.added:
                out.add(
                    doc,
                    loc,
                    "migration-conflict",
                    f"'{new}' is listed as added, but answers to '{old}' are carried over to it",
                )
            if old in m.dropped:
                out.add(
                    doc,
                    loc,
                    "migration-conflict",
                    f"'{old}' is both renamed and dropped",
                    at_key=True,
                )
        for old, why in m.dropped.items():
            missing = [] if isinstance(why, str) else [x for x in q.languages if not why.get(x, "")]
            if missing:
                out.add(
                    doc,
                    (*base, "dropped", old),
                    "missing-translation",
                    f"why '{old}' is dropped has no {', '.join(missing)} version",
                )
        for qid, why in m.reworded.items():
            loc = (*base, "reworded", qid)
            if qid not in questions:
                out.add(
                    doc,
                    loc,
                    "migration-unknown-question",
                    f"'{qid}' is said to be reworded, but it is not a question of this version",
                    at_key=True,
                )
            missing = [] if isinstance(why, str) else [x for x in q.languages if not why.get(x, "")]
            if missing:
                out.add(
                    doc,
                    loc,
                    "missing-translation",
                    f"what changed in '{qid}' has no {', '.join(missing)} version",
                )
        _check_options_added(q, i, questions, doc, out)
        for qid, renames in m.options.items():
            loc = (*base, "options", qid)
            question = questions.get(qid)
            if question is None:
                out.add(
                    doc,
                    loc,
                    "migration-unknown-question",
                    f"options are renamed for '{qid}', which is not a question of this version",
                    at_key=True,
                )
                continue
            if not isinstance(
                question, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion
            ):
                out.add(
                    doc,
                    loc,
                    "migration-unknown-option",
                    f"'{qid}' has no options to rename ({question.type})",
                    at_key=True,
                )
                continue
            values = {o.value for o in question.options}
            for old, new in renames.items():
                if new not in values:
                    out.add(
                        doc,
                        (*loc, old),
                        "migration-unknown-option",
                        f"option '{old}' of '{qid}' is renamed to '{new}', which is not an "
                        f"option of it ({', '.join(sorted(values))})",
                    )


def _check_options_added(
    q: Questionnaire, i: int, questions: Mapping[str, Question], doc: YamlDoc, out: Out
) -> None:
    """``options_added`` of migration ``i``: options of multiple-choice questions this version
    has, that the earlier version lacked as far as the pack says (not a renamed option of it,
    not a question added since), and listed for the older versions' migrations too."""
    m = q.migrations[i]
    base = ("migrations", i, "options_added")
    for qid, options in m.options_added.items():
        loc = (*base, qid)
        question = questions.get(qid)
        if question is None:
            out.add(
                doc,
                loc,
                "migration-unknown-question",
                f"options are added to '{qid}', which is not a question of this version"
                + did_you_mean(qid, questions),
                at_key=True,
            )
            continue
        if not isinstance(question, MultipleChoiceQuestion):
            out.add(
                doc,
                loc,
                "migration-not-multiple-choice",
                f"'{qid}' is a {question.type} question: options_added is for multiple-choice "
                "questions, whose answers tick some options and may lack new ones",
                at_key=True,
            )
            continue
        if qid in m.added:
            out.add(
                doc,
                loc,
                "migration-conflict",
                f"'{qid}' is listed as added: every option of it is new since {m.version}",
                at_key=True,
            )
        values = [o.value for o in question.options]
        renamed = m.options.get(qid, {})
        for j, option in enumerate(options):
            if option not in values:
                out.add(
                    doc,
                    (*loc, j),
                    "migration-unknown-option",
                    f"option '{option}' is listed as added to '{qid}', which has no such option "
                    f"({', '.join(values)})",
                )
            elif option in renamed.values():
                old = next(k for k, v in renamed.items() if v == option)
                out.add(
                    doc,
                    (*loc, j),
                    "migration-conflict",
                    f"option '{option}' of '{qid}' is listed as added, but version {m.version} "
                    f"had it as '{old}' (options: renames it)",
                )
            else:
                _older_lists(q, i, qid, option, (*loc, j), doc, out)


def _older_lists(
    q: Questionnaire, i: int, qid: str, option: str, loc: Loc, doc: YamlDoc, out: Out
) -> None:
    """An option new since one version is new since every older one: an older version's
    migration that carries the question's answers must list it too."""
    m = q.migrations[i]
    for other in q.migrations:
        if not is_older(other.version, m.version) or qid in other.added:
            continue
        if qid in other.questions.values() or option in other.options_added.get(qid, []):
            continue  # renamed from another question then: not checkable here
        out.add(
            doc,
            loc,
            "migration-options-added-older",
            f"option '{option}' of '{qid}' is new since {m.version}, but the migration from "
            f"{other.version} does not list it under options_added: answers for {other.version} "
            "would read it as not ticked",
        )


def fingerprint(q: Questionnaire) -> str:
    """What answers depend on, as 16 hex digits: every question's id, type, whether it is
    required and takes "n/a" or "don't know", its option and band values and its show-if,
    and each section's show-if. Wording, help, scores and the catalogue are left out (a
    rewording is said by a migration's ``reworded``, not by a new fingerprint)."""
    shape: list[object] = []
    for section in q.sections:
        shape.append(["section", section.id, section.show_if])
        for x in section.questions:
            options = [o.value for o in getattr(x, "options", [])]
            bands = [b.value for b in getattr(x, "bands", [])]
            flags = [x.required, x.allow_na, x.allow_unknown]
            shape.append([x.id, x.type, flags, options, bands, x.show_if])
    text = json.dumps(shape, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def check_published(q: Questionnaire, doc: YamlDoc, out: Out) -> None:
    """A pack that records its published versions' fingerprints (``published``) keeps them:
    the version it states must be listed with the fingerprint it has now."""
    if not q.published:
        return
    now = fingerprint(q)
    recorded = q.published.get(q.version)
    if recorded is None:
        out.add(
            doc,
            ("version",),
            "published-version-unrecorded",
            f"version {q.version} is not under published: once it is released, record "
            f'\'"{q.version}": "{now}"\'',
        )
    elif recorded != now:
        out.add(
            doc,
            ("published", q.version),
            "published-version-changed",
            f"the questions, options or show-ifs differ from published version {q.version} "
            f"(fingerprint {now}, recorded {recorded}): give the pack a new version and a "
            "migration, and record the new version's fingerprint",
        )

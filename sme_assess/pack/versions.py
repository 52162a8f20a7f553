"""Answers given for another version of a pack: compare versions, carry answers over with
the pack's ``migrations``, and say what that changed, in the result's language.

Pure: no files, no printing. ``evaluate`` and ``run --resume`` call ``carry_over`` before
checking answers, so both say the same thing about the same answers.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..errors import AnswersError, Where
from ..i18n import N_, NN_, Message, translator
from ..models import Answers, Questionnaire, text_for
from ..models.common import PartlyKnown
from ..models.questionnaire import Migration

_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")

WORDS: dict[str, Message] = {
    "versions": N_("Answered for version {old}, scored against {new}"),
    "new": NN_("{n} question unanswered (new){names}", "{n} questions unanswered (new){names}"),
    "new_or_blank": NN_(
        "{n} question unanswered (new, or left blank: the pack does not list what is new){names}",
        "{n} questions unanswered (new, or left blank: the pack does not list what is new){names}",
    ),
    "misfits": NN_(
        "{n} answer no longer fits (options or questions removed or renamed){left}",
        "{n} answers no longer fit (options or questions removed or renamed){left}",
    ),
    "left_out": N_(" and were left out{names}"),
    "migrated": NN_(
        "{n} change of the pack applied to the answers: {items}",
        "{n} changes of the pack applied to the answers: {items}",
    ),
    "sep": N_("; "),
    "renamed_question": N_("question {old} is now {new}"),
    "renamed_option": N_("{question}: option '{old}' is now '{new}'"),
    "dropped": N_("{question}: not carried over ({why})"),
    "reworded": N_(
        "{question}: carried over as given, but its wording changed since ({why}): check it"
    ),
    "options_not_asked": NN_(
        "“{question}” did not list {options} when it was answered, so whether it applies is "
        "not known: the plan keeps the steps it decides, with a caution, until the question "
        "is answered again",
        "“{question}” did not list {options} when it was answered, so whether they apply is "
        "not known: the plan keeps the steps they decide, with a caution, until the question "
        "is answered again",
    ),
    "option_sep": N_(", "),
}


def word(key: str, lang: str, **values: Any) -> str:
    return translator(lang).text(WORDS[key], **values)


def version_key(version: str) -> tuple[int, int, int, int, str] | None:
    """A sortable key of a semantic version (a pre-release sorts before its release);
    None when ``version`` is not one."""
    match = _SEMVER.match(version.strip())
    if match is None:
        return None
    major, minor, patch, pre = match.groups()
    return int(major), int(minor), int(patch), 0 if pre else 1, pre or ""


def is_older(version: str, than: str) -> bool:
    a, b = version_key(version), version_key(than)
    return a is not None and b is not None and a < b


class Dropped(NamedTuple):
    """An answer the pack says cannot be carried over, with why (localised text)."""

    question: str
    value: Any
    why: Any


@dataclass(frozen=True)
class Carried:
    """Answers made ready to check against the pack's version."""

    answers: Answers
    old_version: str | None = None  # set when the answers are for an earlier version
    migration: Migration | None = None
    moved: Mapping[str, str] = field(default_factory=dict)  # key now -> key in the file
    applied: tuple[tuple[str, dict[str, str]], ...] = ()  # (word key, values)
    dropped: tuple[Dropped, ...] = ()
    reworded: tuple[Dropped, ...] = ()  # carried over as given; the question changed since
    # per multiple-choice answer: the options added since its version, which it could not
    # tick (unknown, not false: ``unknown_options``)
    not_asked: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def new_declared(self) -> bool:
        return self.migration is not None

    def may_be_unanswered(self, qid: str) -> bool:
        """Whether an unanswered required question is new since the answers' version (and so
        not a problem in them)."""
        if self.old_version is None:
            return False
        return self.migration is None or qid in self.migration.added

    @property
    def not_asked_unsaid(self) -> dict[str, tuple[str, ...]]:
        """``not_asked`` but for the questions the migration rewords: options never asked
        are said once, by the pack's own note where it has one."""
        said = {d.question for d in self.reworded}
        return {k: v for k, v in self.not_asked.items() if k not in said}

    def applied_lines(self, lang: str, fallback: str) -> list[str]:
        lines = [word(key, lang, **values) for key, values in self.applied]
        lines += [
            word("dropped", lang, question=d.question, why=text_for(d.why, lang, fallback))
            for d in self.dropped
        ]
        lines += [
            word("reworded", lang, question=d.question, why=text_for(d.why, lang, fallback))
            for d in self.reworded
        ]
        return lines


def unknown_options(
    values: Mapping[str, Any], not_asked: Mapping[str, tuple[str, ...]]
) -> dict[str, Any]:
    """``values`` with each multiple-choice answer named in ``not_asked`` as a ``PartlyKnown``
    list (its options never asked unknown); other answers as they are."""
    found = dict(values)
    for qid, options in not_asked.items():
        value = found.get(qid)
        if isinstance(value, list):
            found[qid] = PartlyKnown(value, frozenset(options))
    return found


def not_asked_lines(
    q: Questionnaire, not_asked: Mapping[str, tuple[str, ...]], lang: str
) -> list[str]:
    """One sentence per question whose answer could not tick some of its options, naming
    the question and the options by their labels."""
    lines = []
    fallback = q.default_language
    for qid, options in not_asked.items():
        question = q.question(qid)
        if question is None:
            continue
        labels = {o.value: o.label for o in getattr(question, "options", ())}
        shown = word("option_sep", lang).join(
            f"“{text_for(labels[v], lang, fallback)}”" if v in labels else v for v in options
        )
        text = text_for(question.text, lang, fallback)
        lines.append(word("options_not_asked", lang, n=len(options), question=text, options=shown))
    return lines


def refuse_newer(q: Questionnaire, answers: Answers, where: Where | None = None) -> None:
    """Answers for a newer version than the pack's, or for no version at all we can
    read, cannot be scored honestly: one line, exit 2."""
    given = answers.questionnaire_version
    if not given or given == q.version:
        return
    if version_key(given) is None:
        raise AnswersError(
            f"the answers name questionnaire_version '{given}', which is not a version like "
            f"{q.version}; the pack is version {q.version}",
            [],
            where,
        )
    if not is_older(given, q.version):
        raise AnswersError(
            f"the answers were given for version {given} of '{q.id}', newer than this pack's "
            f"version {q.version}: score them with that version of the pack (--pack) or a "
            "newer sme-assess",
            [],
            where,
        )


def carry_over(q: Questionnaire, answers: Answers, where: Where | None = None) -> Carried:
    """The answers as they read in this version of the pack: the pack's migration for their
    version applied (dropped answers, renamed questions, renamed options). Answers for this
    version (or that name none) are returned as they are. Raises AnswersError for a newer
    or unreadable version."""
    refuse_newer(q, answers, where)
    given = answers.questionnaire_version
    if not given or given == q.version:
        return Carried(answers)
    migration = next((m for m in q.migrations if m.version == given), None)
    if migration is None:
        return Carried(answers, old_version=given)
    values = dict(answers.answers)
    moved: dict[str, str] = {}
    applied: list[tuple[str, dict[str, str]]] = []
    dropped: list[Dropped] = []
    for old, why in migration.dropped.items():
        if old in values:
            dropped.append(Dropped(old, values.pop(old), why))
    for old, new in migration.questions.items():
        if old in values and new not in values:
            values[new] = values.pop(old)
            moved[new] = old
            applied.append(("renamed_question", {"old": old, "new": new}))
    for qid, renames in migration.options.items():
        if qid not in values:
            continue
        value = values[qid]
        if isinstance(value, str) and value in renames:
            values[qid] = renames[value]
            applied.append(
                ("renamed_option", {"question": qid, "old": value, "new": renames[value]})
            )
        elif isinstance(value, list):
            ticked = [renames.get(v, v) if isinstance(v, str) else v for v in value]
            for v in value:
                if isinstance(v, str) and v in renames:
                    applied.append(
                        ("renamed_option", {"question": qid, "old": v, "new": renames[v]})
                    )
            values[qid] = ticked
    reworded = tuple(
        Dropped(qid, values[qid], why) for qid, why in migration.reworded.items() if qid in values
    )
    not_asked: dict[str, tuple[str, ...]] = {}
    for qid, options in migration.options_added.items():
        answered = values.get(qid)
        if isinstance(answered, list):  # a multiple choice answered then ("n/a" says it all)
            unknown = tuple(o for o in options if o not in answered)
            if unknown:
                not_asked[qid] = unknown
    carried = answers.model_copy(update={"answers": values})
    return Carried(
        carried, given, migration, moved, tuple(applied), tuple(dropped), reworded, not_asked
    )


def version_note(
    carried: Carried,
    q: Questionnaire,
    lang: str,
    unanswered: list[str],
    misfits: list[str],
) -> str:
    """One sentence: which version the answers were for, what is unanswered, what no longer
    fits, what was migrated."""
    assert carried.old_version is not None
    sep = word("sep", lang)

    def names(ids: list[str]) -> str:
        if not ids:
            return ""
        shown = ", ".join(ids[:8]) + (f", … (+{len(ids) - 8})" if len(ids) > 8 else "")
        return f" ({shown})"

    parts = [word("versions", lang, old=carried.old_version, new=q.version)]
    key = "new" if carried.new_declared else "new_or_blank"
    parts.append(word(key, lang, n=len(unanswered), names=names(unanswered)))
    left = word("left_out", lang, names=names(misfits)) if misfits else ""
    parts.append(word("misfits", lang, n=len(misfits), left=left))
    head = parts[0] + ": " + sep.join(parts[1:])
    lines = carried.applied_lines(lang, q.default_language)
    if lines:
        head += sep + word("migrated", lang, n=len(lines), items=sep.join(lines))
    for line in not_asked_lines(q, carried.not_asked_unsaid, lang):
        head += sep + line
    return head

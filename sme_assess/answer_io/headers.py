"""Header -> column: which question, option of a question, or respondent field a header
names. A header matches a question by its id or its text in any of the pack's languages
(whitespace, case and punctuation aside; "Q12. <text>", "<id> - <text>", "(多选)" tags,
Kobo group paths, and re-worded texts clearly closer to one question than to any other);
a sub-item after the question (``platforms.base.SPLITS``) is an option (one column per
option) or a grid row (a question of its own). The mapping file overrides all of it.
"""

from __future__ import annotations

import re

from ..models import NA, UNKNOWN
from ..models.questionnaire import MultipleChoiceQuestion
from .lookups import CHOICE, Lookups
from .mapping_file import MappingFile, option_target
from .plan import EMPTY_HEADER, NO_QUESTION, OTHER_OF, Column
from .platforms import HeaderSpec, Platform
from .text import normalise, strip_numbering
from .vocabulary import (
    CONTACT_BLOCK_LINES,
    CONTACT_BLOCK_TITLE,
    IGNORE,
    NA_WORDS,
    OFFICE_PREFIXES,
    OTHER_WORDS,
    RESPONDENT_ALIASES,
    RESPONDENT_FIELDS,
    SCORE_COLUMN,
    SURVEY_METADATA,
    UNKNOWN_WORDS,
)

SCORE_HOW = "a score the survey platform computed, not an answer"
CONTACT_BLOCK = "respondent field, from the contact block"

_ID_PREFIX = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:[-–—:：|]|\s-\s)\s*(.*)$", re.S)
_TAG_OPEN = "(（[【"
_TAG_CLOSE = ")）]】"
_LEADING_TAG = re.compile(r"^\s*[\[【][^\[\]【】]*[\]】]\s*")
Found = tuple[str, str, str | None]  # question id, how, language


class HeaderMatcher:
    """Resolves headers against a pack's lookups and a mapping file."""

    def __init__(self, lookups: Lookups, mapping: MappingFile) -> None:
        self.lk = lookups
        self.mapping = mapping
        self.overrides = {normalise(k): v for k, v in mapping.columns.items()}

    # -- one column --

    def column(self, index: int, spec: HeaderSpec, platform: Platform) -> Column:
        header = spec.text
        if not header:
            return Column(index, header, "unmapped", how=EMPTY_HEADER)
        for name in (header, *spec.names):
            override = self.mapping.columns.get(name)
            if override is None:
                override = self.overrides.get(normalise(name))
            if override is not None:
                return self.override(index, header, override)
        if spec.ignore:
            return Column(index, header, "ignored", how=spec.ignore)
        special = self.special_choice(header)
        if special is not None:  # Kobo's column for the n/a (don't know) choice: read as such
            qid, value = special
            return Column(index, header, "option", qid, value, how=f"option '{value}' of {qid}")
        helper = self.xlsform_helper(header)
        if helper is not None:  # export --to xlsform's parts of a question: its own column is read
            how = f"a part of {helper} in the published form (its own column is read)"
            return Column(index, header, "ignored", helper, how=how)
        if SCORE_COLUMN.search(header):
            return Column(index, header, "ignored", how=SCORE_HOW)
        option = self.option_path(header) if spec.whole else None
        if option is not None:
            qid, value = option
            return Column(index, header, "option", qid, value, how=f"option '{value}' of {qid}")
        if spec.whole:
            found = self.question(header, similar=False)
            if isinstance(found, tuple) and "aside" in found[1]:
                # "Q [option]": the bracket is an option, not a note on the question
                for stem, part in spec.splits:
                    column = self.sub_item(index, header, stem, part, spec.number is not None)
                    if column is not None and column.kind != "question":
                        return column
                    if column is None and self._choice(stem) == found[0]:
                        return self._not_an_option(index, header, found[0], part)
            if isinstance(found, str):
                return Column(index, header, "unmapped", how=found)
            if found is not None:
                qid, how, lang = found
                return Column(index, header, "question", qid, how=how, lang=lang)
            field_name = self.respondent(header)
            if field_name is not None:
                return Column(index, header, "respondent", field_name, how="respondent field")
            # a platform's own column, by its header or its code (a Qualtrics export's second
            # row is in the survey's language: "Anfangsdatum" over StartDate)
            if any(self.metadata(name, platform) for name in (header, *spec.names)):
                return Column(index, header, "ignored", how="survey metadata")
        # One option of a question, or a grid row, before a re-worded whole question: a
        # "题干:选项" header is close to its question's text too.
        for stem, part in spec.splits:
            column = self.sub_item(index, header, stem, part, spec.number is not None)
            if column is not None:
                return column
        if spec.number is not None:  # "3、(选项)": resolved with its siblings
            return Column(index, header, "unmapped", how=f"question {spec.number}")
        for stem, part in spec.splits:  # "题干:选项" whose option is none of the question's
            choice = self._choice(stem)
            if choice is not None and normalise(part) not in NA_WORDS | UNKNOWN_WORDS:
                return self._not_an_option(index, header, choice, part)
        for stem, part in spec.splits:  # a contact block's "Company" (SurveyMonkey, Tencent)
            field_name = self.block_field(stem, part)
            if field_name is not None:
                how = f"{CONTACT_BLOCK} '{stem}'"
                return Column(index, header, "respondent", field_name, how=how)
        if spec.whole:
            close = self.similar(header)
            if close is not None:
                qid, how, lang = close
                return Column(index, header, "question", qid, how=how, lang=lang)
        return Column(index, header, "unmapped", how=NO_QUESTION)

    def override(self, index: int, header: str, target: str) -> Column:
        if target == IGNORE:
            return Column(index, header, "ignored", how="mapping file: ignore")
        if target in self.lk.questions:
            return Column(index, header, "question", target, how="mapping file")
        option = option_target(self.lk.questionnaire, target)
        if option is not None:
            return Column(index, header, "option", option[0], option[1], how="mapping file")
        if target in RESPONDENT_FIELDS:
            return Column(index, header, "respondent", target, how="mapping file")
        if target.startswith("respondent."):
            name = target[len("respondent.") :]
            return Column(index, header, "respondent", name, how="mapping file")
        return Column(index, header, "unmapped", how=f"mapping file: unknown target '{target}'")

    def sub_item(
        self, index: int, header: str, stem: str, part: str, numbered: bool
    ) -> Column | None:
        """One option of a question (one column per option), or a grid row that is a
        question of its own."""
        if numbered:
            return None
        found = self.question(stem)
        if isinstance(found, tuple) and isinstance(self.lk.questions[found[0]], CHOICE):
            qid = found[0]
            hit = self.lk.option(qid, part)
            if hit is not None:
                how = f"option '{hit[0]}' of {qid}"
                return Column(index, header, "option", qid, hit[0], how=how)
            if normalise(part) in OTHER_WORDS or normalise(part).startswith(
                ("other", "其他", "其它")
            ):
                return Column(index, header, "ignored", qid, how=OTHER_OF + qid)
        row = self.question(part)
        if isinstance(row, tuple):
            qid, how, lang = row
            return Column(index, header, "question", qid, how=f"grid row: {how}", lang=lang)
        held = self.lk.containing(part)
        if held is not None:
            how = f"grid row, part of the question text ({held[1]})"
            return Column(index, header, "question", held[0], how=how, lang=held[1])
        joined = self.lk.similar(f"{stem} {part}")
        if joined is not None and self._grid_title_differs(stem, joined[0]):
            qid, lang, score = joined
            how = f"grid row, similar question text ({lang}, {score:.0%})"
            return Column(index, header, "question", qid, how=how, lang=lang)
        return None

    @staticmethod
    def _not_an_option(index: int, header: str, qid: str, part: str) -> Column:
        how = (
            f"'{part}' is not an option of {qid} (map this column to '{qid}/<option>' in "
            "--mapping columns)"
        )
        return Column(index, header, "unmapped", qid, how=how)

    def _choice(self, stem: str) -> str | None:
        found = self.question(stem)
        if isinstance(found, tuple) and isinstance(self.lk.questions[found[0]], CHOICE):
            return found[0]
        return None

    def _grid_title_differs(self, stem: str, qid: str) -> bool:
        """A grid title joined with a row: only when the title alone is not that question."""
        alone = self.question(stem)
        return not (isinstance(alone, tuple) and alone[0] == qid)

    # -- lookups --

    def question(self, header: str, similar: bool = True) -> Found | str | None:
        """(id, how, lang) of the question a header names; a str says why it is ambiguous."""
        lk = self.lk
        qid = lk.ids.get(header.strip().casefold())
        if qid is not None:
            return qid, "question id", None
        if "/" in header:  # Kobo group path: group/subgroup/question_id
            qid = lk.ids.get(header.rsplit("/", 1)[-1].strip().casefold())
            if qid is not None:
                return qid, "question id (group path)", None
        prefix = _ID_PREFIX.match(header)
        if prefix is not None:
            qid = lk.ids.get(prefix.group(1).casefold())
            if qid is not None:
                rest = lk.by_text(prefix.group(2))
                lang = rest[1] if isinstance(rest, tuple) and rest[0] == qid else None
                return qid, "question id before the text", lang
        candidates = self._candidates(header)
        for i, text in enumerate(candidates):
            found = lk.by_text(text)
            if isinstance(found, str):
                return found
            if found is not None:
                how = "question text" if i == 0 else "question text, numbering or notes aside"
                return found[0], f"{how} ({found[1]})", found[1]
        # A header cut short by the survey tool: a unique question text starting with it.
        short = normalise(header.rstrip(".… "))
        if len(short) >= 16:
            hits = {
                (qid, lang)
                for key, entries in lk.texts.items()
                if key.startswith(short)
                for qid, lang in entries
            }
            if len({h[0] for h in hits}) == 1:
                qid, lang = sorted(hits)[0]
                return qid, f"start of the question text ({lang})", lang
        return self.similar(header) if similar else None

    def similar(self, header: str) -> Found | None:
        """A re-worded question text, clearly closer to one question than to any other."""
        close = self.lk.similar(self._candidates(header)[-1])
        if close is None:
            return None
        qid, lang, score = close
        return qid, f"similar question text ({lang}, {score:.0%})", lang

    @staticmethod
    def _candidates(header: str) -> list[str]:
        candidates = [header]
        numbered = strip_numbering(header)
        if numbered != header:
            candidates.append(numbered)
        for text in list(candidates):
            untagged = _LEADING_TAG.sub("", text)
            untagged = _without_trailing_tags(untagged)
            untagged = strip_numbering(untagged)
            if untagged != text and untagged.strip():
                candidates.append(untagged)
        return list(dict.fromkeys(candidates))

    def xlsform_helper(self, header: str) -> str | None:
        """The question whose ``<id>_answer`` or ``<id>_value`` field (``export --to
        xlsform``: a number or text that allows n/a) a header names; the calculated ``<id>``
        column holds its answer."""
        last = header.rpartition("/")[2].strip()
        for suffix in ("_answer", "_value"):
            if last.casefold().endswith(suffix):
                stem = last[: -len(suffix)]
                for name in (stem, stem.rsplit("-", 1)[-1]):  # ODK joins groups with '-'
                    qid = self.lk.ids.get(name.casefold())
                    if qid is not None:
                        return qid
        return None

    def special_choice(self, header: str) -> tuple[str, str] | None:
        """(question, 'n/a' or 'unknown') for Kobo's one column per choice of the n/a or
        don't-know choice of a multiple choice (``group/question/na``): its 1 is that answer,
        read as the combined column's "na" is, and read the same when the download left the
        combined column out."""
        head, _, last = header.rpartition("/")
        key = normalise(last.strip())
        if not head or key not in NA_WORDS | UNKNOWN_WORDS | {"na"}:
            return None
        qid = self.lk.ids.get(head.rsplit("/", 1)[-1].strip().casefold())
        if qid is None or not isinstance(self.lk.questions[qid], MultipleChoiceQuestion):
            return None
        return qid, NA if key in NA_WORDS | {"na"} else UNKNOWN

    def option_path(self, header: str) -> tuple[str, str] | None:
        """Kobo's one column per option of a multiple choice: 'question_id/option_value'
        (before the group-path rule, so that an option named like a question stays one)."""
        if "/" not in header:
            return None
        head, _, tail = header.rpartition("/")
        qid = self.lk.ids.get(head.rsplit("/", 1)[-1].strip().casefold())
        if qid is None or not isinstance(self.lk.questions[qid], MultipleChoiceQuestion):
            return None
        hit = self.lk.option(qid, tail)
        return (qid, hit[0]) if hit else None

    def respondent(self, header: str) -> str | None:
        prefix = _ID_PREFIX.match(header)
        if prefix is not None and prefix.group(1).casefold() in RESPONDENT_FIELDS:
            return prefix.group(1).casefold()
        for text in self._candidates(header):
            for form in (text, OFFICE_PREFIXES.sub("", text)):
                key = normalise(form)
                for name, aliases in RESPONDENT_ALIASES.items():
                    if key in aliases:
                        return name
        return None

    def block_field(self, stem: str, part: str) -> str | None:
        """The respondent field one line of a contact block names (SurveyMonkey's contact
        form: "Contact information" over Name, Company, Address ... Phone Number), when the
        block's title says it is one and is no question of the pack: "Company" is the firm's
        name, "Name", "Email Address", "Phone Number" and the address lines its contact."""
        if not CONTACT_BLOCK_TITLE.search(stem) or self.question(stem, similar=False) is not None:
            return None
        field_name = self.respondent(part)
        if field_name is not None:
            return field_name
        return "contact" if normalise(part) in CONTACT_BLOCK_LINES else None

    @staticmethod
    def metadata(header: str, platform: Platform) -> bool:
        key = normalise(header)
        return (
            key in SURVEY_METADATA
            or key in platform.metadata
            or header.startswith("_")
            or header.startswith("meta/")
        )


def _without_trailing_tags(text: str) -> str:
    """'Text (optional)【单选】' -> 'Text': bracketed tags at the end removed, in linear time."""
    end = len(text.rstrip())
    while end and text[end - 1] in _TAG_CLOSE:
        i = end - 2
        while i >= 0 and text[i] not in _TAG_OPEN and text[i] not in _TAG_CLOSE:
            i -= 1
        if i < 0 or text[i] not in _TAG_OPEN:
            break
        end = i
        while end and text[end - 1].isspace():
            end -= 1
    return text[:end]

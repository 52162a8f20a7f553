"""Drafts: every answer saved atomically as it is given, so an interrupted run loses nothing.

A new draft's name is claimed by creating the file exclusively, so no run ever takes over
a file that exists (another draft, an answers file) by accident.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from ..answer_io.native import parse_answers_text
from ..atomic import write_text
from ..errors import AnswersError, InputError, UsageError, Where, display_path, shortened
from ..models import Answers, AnswerValue, Respondent
from ..models.common import StrictModel
from ..pack.loading import validate_doc
from ..pack.yamldoc import YamlDoc, positioned, read_text, where_in

DRAFT_KIND = "sme-assess-draft"


class SetAside(StrictModel):
    """A saved answer that no longer fits the questionnaire: kept in the draft, not scored."""

    question: str
    value: AnswerValue
    version: str = Field(description="The questionnaire version it was given for.")
    why: str = Field(description="Why it no longer fits, in the run's language.")


class Draft(StrictModel):
    """A run in progress: the answers so far and where the respondent was."""

    kind: Literal["sme-assess-draft"] = "sme-assess-draft"
    questionnaire: str
    questionnaire_version: str
    language: str
    respondent: Respondent = Respondent()
    answers: dict[str, AnswerValue] = {}
    position: str | None = Field(
        default=None, description="Question id being asked when the draft was saved."
    )
    recheck: list[str] | None = Field(
        default=None,
        description="Answered questions reworded since they were answered: asked again, "
        "their answer as the default (kept until they are).",
    )
    confirm: list[str] | None = Field(
        default=None,
        description="run --from: the sections whose earlier answers are still to be confirmed.",
    )
    skipped: list[str] | None = Field(
        default=None,
        description="Questions the respondent chose to skip: not asked again on resume, "
        "listed first on the review to answer there.",
    )
    short_form: bool | None = Field(
        default=None, description="Started with run --short: --resume continues the short form."
    )
    set_aside: list[SetAside] = Field(
        default=[],
        description="Saved answers that no longer fit the questionnaire (it changed): kept "
        "here, never deleted, not scored.",
    )
    saved_at: str | None = None

    def to_answers(self) -> Answers:
        return Answers(
            questionnaire=self.questionnaire,
            questionnaire_version=self.questionnaire_version or None,
            language=self.language or None,  # an answers file may name none
            short_form=self.short_form or None,
            respondent=self.respondent,
            answers=dict(self.answers),
        )


def data_home() -> Path:
    """The user data folder (XDG on Linux, Application Support on macOS, APPDATA on Windows)."""
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def default_draft_candidates(pack_id: str, now: dt.datetime | None = None) -> Iterator[Path]:
    """``<pack>-<date>-<time>.json`` in the user data folder, then ``-2``, ``-3``... for runs
    started in the same second."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = data_home() / "sme-assess" / "drafts"
    yield folder / f"{pack_id}-{stamp}.json"
    for n in itertools.count(2):
        yield folder / f"{pack_id}-{stamp}-{n}.json"


def claim(path: Path) -> bool:
    """Create ``path`` as a new empty file; False when something is already there.

    Creation is exclusive, so two runs can never both take one name.
    """
    shown = display_path(path)
    if path.is_dir():
        raise UsageError(f"--draft {shown} is a folder; name a file, e.g. {shown}/draft.json")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = "a file is in the way" if isinstance(exc, FileExistsError) else exc.strerror
        raise InputError(f"cannot create the draft's folder: {why}", Where(shown)) from None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    except OSError as exc:
        raise InputError(f"cannot create the draft: {exc.strerror}", Where(shown)) from None
    os.close(fd)
    return True


def claim_default(pack_id: str, now: dt.datetime | None = None) -> Path:
    """A new draft file with a name no other run has."""
    for path in default_draft_candidates(pack_id, now):
        if claim(path):
            return path
    raise AssertionError("unreachable")  # pragma: no cover - the candidates never end


def save_draft(path: Path, draft: Draft) -> None:
    stamped = draft.model_copy(update={"saved_at": dt.datetime.now().isoformat(timespec="seconds")})
    data = stamped.model_dump(mode="json", exclude_none=True)
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def where_in_file(path: Path, key: str) -> Where:
    """Where ``key`` (``questionnaire``, ``questionnaire_version``) is written in a draft or
    answers file, to say a problem with its value there; read again only for that error."""
    shown = display_path(path)
    try:
        return where_in(parse_answers_text(read_text(path), shown), (key,))
    except InputError:
        return Where(shown)


def _placed(doc: YamlDoc, loc: tuple[str | int, ...], message: str) -> str:
    """One problem of a draft's answers at its file:line:col (the draft's keys are the
    answers' keys, so the place is the same)."""
    return shortened(f"{where_in(doc, tuple(loc))}: {'.'.join(str(x) for x in loc)}: {message}")


def load_draft(path: Path) -> tuple[Draft, bool]:
    """Read a draft, or a finished answers file to continue from; True when it is a draft."""
    doc = parse_answers_text(read_text(path), path)
    data: Any = doc.data
    as_answers: list[Any] = []  # why it is not an answers file, where that was tried
    if isinstance(data, dict) and data.get("kind") != DRAFT_KIND:
        answers, as_answers = validate_doc(doc, Answers)
        if answers is not None:
            return (
                Draft(
                    questionnaire=answers.questionnaire,
                    questionnaire_version=answers.questionnaire_version or "",
                    language=answers.language or "",
                    short_form=answers.short_form,
                    respondent=answers.respondent,
                    answers=dict(answers.answers),
                ),
                False,
            )
    draft, findings = validate_doc(doc, Draft)
    if draft is None:  # an answers file's own findings say more than a draft's
        placed = positioned(doc)  # JSON is read without positions: placed again, as YAML
        if placed is not None and placed is not doc:
            as_answers = validate_doc(placed, Answers)[1] if as_answers else []
            findings = validate_doc(placed, Draft)[1] or findings
        details = [f"{f.path}:{f.line}:{f.col}: {f.message}" for f in as_answers or findings]
        raise AnswersError("not a draft or answers file", details, Where(doc.path))
    try:  # a draft's answers must make answers (a key too long for one, say)
        draft.to_answers()
    except ValidationError as exc:
        details = [f"{f.path}:{f.line}:{f.col}: {f.message}" for f in as_answers] or [
            _placed(doc, e["loc"], " ".join(str(e["msg"]).split())) for e in exc.errors()
        ]
        raise AnswersError("not a draft or answers file", details, Where(doc.path)) from None
    return draft, True

"""Setting up a run: terminal check, language, a new draft or a resumed one."""

from __future__ import annotations

import locale
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError, display_path
from ..loading import load_pack
from ..messages import pick_language, require_language
from ..models import Respondent, text_for
from ..packs import pack_for
from .draft import default_draft_path, load_draft
from .runner import RunState
from .session import Interview, misfits


def has_terminal() -> bool:
    """A person can answer: stdin is a terminal, or prompt_toolkit was given an input (tests)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return True
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.input.base import PipeInput

    # the private attribute: reading .input would create a terminal input (and warn)
    return isinstance(getattr(get_app_session(), "_input", None), PipeInput)


def system_language() -> str | None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return value.split(".")[0].replace("_", "-")
    loc = locale.getlocale()[0]
    return loc.replace("_", "-") if loc else None


@dataclass
class Prepared:
    state: RunState
    resumed: bool
    notes: list[str] = field(default_factory=list)  # saved answers that had to go

    @property
    def title(self) -> str:
        q = self.state.pack.questionnaire
        return text_for(q.title, self.state.lang, q.default_language)


def prepare(
    pack_spec: str | None,
    lang: str | None,
    draft: Path | None,
    resume: Path | None,
) -> Prepared:
    """A fresh run, or the draft to continue (answers that no longer fit are dropped).

    Without ``pack_spec`` the pack is the draft's, else the default built-in pack.
    """
    saved = load_draft(resume) if resume is not None else None
    pack = load_pack(pack_for(pack_spec, saved.questionnaire if saved else None))
    q = pack.questionnaire
    require_language(q, lang)
    if resume is not None and saved is not None:
        if saved.questionnaire != q.id:
            raise UsageError(
                f"{display_path(resume)} is a draft for '{saved.questionnaire}', not '{q.id}'; "
                f"use --pack {saved.questionnaire}"
            )
        answers = dict(saved.answers)
        bad = misfits(q, answers)
        notes = []
        if saved.questionnaire_version and saved.questionnaire_version != q.version:
            notes.append(
                f"the questionnaire changed from version {saved.questionnaire_version} to "
                f"{q.version}"
            )
        for key, why in bad.items():
            answers.pop(key, None)
            notes.append(f"{key}: {why}; it will be asked again")
        interview = Interview(q, answers)
        interview.prune()
        language = pick_language(q, lang, saved.language or None)
        state = RunState(
            pack=pack,
            lang=language,
            draft_path=draft or resume,
            interview=interview,
            respondent=saved.respondent,
            position=None,
            ask_company=False,
        )
        return Prepared(state, True, notes)
    language = pick_language(q, lang, system_language())
    if lang is None and system_language() is None:
        language = q.default_language
    path = draft or default_draft_path(q.id)
    return Prepared(
        RunState(
            pack=pack,
            lang=language,
            draft_path=path,
            interview=Interview(q),
            respondent=Respondent(),
        ),
        False,
    )

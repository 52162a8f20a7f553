"""Setting up a run: terminal check, language, a new draft or a resumed one, locked."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import shlex
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError, display_path
from ..i18n import LANG_ENV, system_language
from ..models import Questionnaire, Respondent, text_for
from ..pack.loading import Pack, load_pack
from ..pack.locate import pack_for
from ..pack.versions import Carried, carry_over, not_asked_lines, refuse_newer
from ..wording.language import fallback_note, pick_language, require_language
from .asking import RunState
from .checks import saved_misfits
from .draft import Draft, SetAside, claim, claim_default, load_draft, where_in_file
from .lock import DraftLock
from .session import Interview
from .words import word


def has_terminal() -> bool:
    """A person can answer: stdin is a terminal, or prompt_toolkit was given an input (tests)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return True
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.input.base import PipeInput

    # the private attribute: reading .input would create a terminal input (and warn)
    return isinstance(getattr(get_app_session(), "_input", None), PipeInput)


@dataclass
class Prepared:
    """A run ready to ask: its state, the lock it holds on its draft, notes to show first."""

    state: RunState
    lock: DraftLock
    resumed: bool
    notes: list[str] = field(default_factory=list)

    def duration(self, short: bool) -> str | None:
        """The measured time to answer, as a line to show at the start (None: unknown)."""
        q = self.state.pack.questionnaire
        lang = self.state.lang
        if short and q.short_form is not None:
            d = q.short_form.duration
            about = text_for(q.short_form.description, lang, q.default_language)
            return word("duration_short", lang, lo=d.min_minutes, hi=d.max_minutes, about=about)
        if q.duration is None:
            return None
        d = q.duration
        hint = (
            word("duration_hint", lang, command=run_command("--short"))
            if q.short_form is not None
            else ""
        )
        return word("duration", lang, lo=d.min_minutes, hi=d.max_minutes, hint=hint)

    @property
    def title(self) -> str:
        q = self.state.pack.questionnaire
        return text_for(q.title, self.state.lang, q.default_language)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def prepare(
    pack_spec: str | None,
    lang: str | None,
    draft: Path | None,
    resume: Path | None,
    answers_out: Path | None = None,
    from_answers: Path | None = None,
    short: bool | None = None,
) -> Prepared:
    """A fresh run, or one that continues saved answers; its draft claimed and locked.

    Without ``pack_spec`` the pack is the saved answers', else the default built-in pack.
    A draft is written only when it is new (claimed here) or is the draft being resumed:
    resuming a finished answers file, or a draft into another ``--draft``, starts a new
    draft and leaves the file resumed from as it was. Saved answers that no longer fit are
    kept aside in the draft (never deleted), with a note in the run's language; answers
    saved for an earlier version of the pack are carried over by its migrations first, and
    the new questions are said. ``short`` None: as the resumed draft was started (a new run:
    the full form); True or False: the short or full form, said when it departs from the
    draft's.

    ``from_answers`` (run --from): an earlier assessment to re-assess from. A new draft
    starts from its answers, dated today, with the earlier date kept (respondent
    ``previous_date``), and the run first walks through them section by section.
    """
    if from_answers is not None and resume is not None:
        raise UsageError(
            "--from starts a new re-assessment and --resume continues a draft: give one"
        )
    saved: Draft | None = None
    is_draft = False
    if from_answers is not None:
        saved = again(load_draft(from_answers)[0])
        resume = from_answers
    elif resume is not None:
        saved, is_draft = load_draft(resume)
    read_from = resume  # the file that names the pack, said when no pack has that name
    pack = load_pack(
        pack_for(
            pack_spec,
            saved.questionnaire if saved else None,
            (lambda: where_in_file(read_from, "questionnaire")) if read_from is not None else None,
        )
    )
    q = pack.questionnaire
    require_language(q, lang, any_catalogue=True)
    if resume is not None and saved is not None and saved.questionnaire != q.id:
        raise UsageError(
            f"{display_path(resume)} holds answers for '{saved.questionnaire}', not '{q.id}'; "
            f"use --pack {saved.questionnaire}"
        )
    if resume is not None and saved is not None:
        refuse_newer(q, saved.to_answers(), where_in_file(resume, "questionnaire_version"))
    continuing = resume is not None and is_draft and (draft is None or _same_file(draft, resume))
    if continuing:
        assert resume is not None
        path = resume
    elif draft is not None:
        if not claim(draft):
            shown = display_path(draft)
            raise UsageError(
                f"--draft {shown} already exists; continue it with --resume {shown}, "
                "or choose a new --draft"
            )
        path = draft
    else:
        path = claim_default(q.id)
    created = not continuing
    lock = DraftLock(path)
    try:
        if answers_out is not None and _same_file(answers_out, path):
            raise UsageError(
                f"--answers-out {display_path(answers_out)} is the draft; name another file"
            )
        lock.acquire()
        if continuing:
            saved, _ = load_draft(path)  # what it holds now that this run has it
        copied = None if continuing or from_answers is not None else resume
        prepared = _prepared(pack, lang, path, lock, saved, copied, short)
        prepared.notes[:0] = _pack_fallback(q, prepared.state.lang)
        if from_answers is not None:
            state = prepared.state
            state.confirm = [s.id for s in q.sections]
            date = state.respondent.model_extra or {}
            shown = str(date.get("previous_date") or word("from_undated", state.lang))
            prepared.notes.append(
                word("from_previous", state.lang, date=shown, path=display_path(from_answers))
            )
        # a resumed draft is saved at once too: the form it continues and the answers kept
        # aside are on record even if the run stops before the first answer
        prepared.state.save()
        return prepared
    except BaseException:
        lock.release()
        if created:
            with contextlib.suppress(OSError):
                path.unlink()
        raise


def _prepared(
    pack: Pack,
    lang: str | None,
    path: Path,
    lock: DraftLock,
    saved: Draft | None,
    copied_from: Path | None,
    short: bool | None = None,
) -> Prepared:
    q = pack.questionnaire
    if saved is None:
        wanted = (lang, os.environ.get(LANG_ENV), system_language())
        language = pick_language(q, *wanted, any_catalogue=True)
        state = RunState(
            pack=pack,
            lang=language,
            draft_path=path,
            interview=Interview(q, short=bool(short)),
            respondent=Respondent(),
        )
        return Prepared(state, lock, False, _lock_notes(lock, language))
    language = pick_language(q, lang, saved.language or None, any_catalogue=True)
    notes = _lock_notes(lock, language)
    if copied_from is not None:
        notes.append(word("from_answers", language, path=display_path(copied_from)))
    short, short_note = _which_form(saved.short_form, short, language)
    notes.extend(short_note)
    old = saved.questionnaire_version
    if old and old != q.version:
        notes.append(word("version_changed", language, old=old, new=q.version))
    carried = carry_over(q, saved.to_answers())
    aside = list(saved.set_aside)
    if carried.moved:
        notes.append(word("carried", language, n=len(carried.moved)))
    for d in carried.dropped:
        question = q.question(d.question)
        why = text_for(d.why, language, q.default_language)
        if question is not None:
            text = text_for(question.text, language, q.default_language)
            notes.append(word("not_carried", language, question=text, why=why))
        else:
            notes.append(word("not_carried_old", language, why=why))
        aside.append(SetAside(question=d.question, value=d.value, version=old, why=why))
    for d in carried.reworded:
        question = q.question(d.question)
        if question is not None:
            notes.append(
                word(
                    "reworded",
                    language,
                    question=text_for(question.text, language, q.default_language),
                    why=text_for(d.why, language, q.default_language),
                )
            )
    notes.extend(not_asked_lines(q, carried.not_asked_unsaid, language))
    answers, misfit_notes, misfits = saved_misfits(q, dict(carried.answers.answers), language)
    notes.extend(misfit_notes)
    aside += [
        SetAside(question=carried.moved.get(k, k), value=v, version=old or q.version, why=why)
        for k, v, why in misfits
    ]
    interview = Interview(q, answers, short=short)
    # a question reworded since it was answered, or whose answer could not tick options
    # added since, is asked again, its answer as the default (also when this run stops
    # before it is asked: the draft keeps the list, as the saved version no longer says it)
    reworded = {d.question for d in carried.reworded} | set(carried.not_asked)
    reworded |= set(saved.recheck or ())
    interview.recheck = {k for k in reworded if k in answers}
    # skipped on purpose before: not asked again, listed on the review to answer there
    interview.skipped = {k for k in saved.skipped or () if k not in answers}
    skips = [x for x in interview.visible() if x.id in interview.skipped]
    if skips:
        notes.append(word("skipped_before", language, n=len(skips)))
    if len(aside) > len(saved.set_aside):
        notes.append(word("kept_aside", language, n=len(aside) - len(saved.set_aside)))
    # answers to questions the saved answers themselves do not lead to (a newer pack's
    # show-if, answers brought in from a file): nothing the owner did hid them, so they are
    # not set aside but kept with the answers as they were (not scored, as `score` reads
    # them), named; a change that leads to one asks it, the answer as the default
    hidden = interview.rest()
    if hidden:
        lines = [word("kept_as_they_were", language, n=len(hidden))]
        shown = (q.question(k) for k in hidden)
        lines += [f"  • {text_for(x.text, language, q.default_language)}" for x in shown if x]
        notes.append("\n".join(lines))
    if carried.old_version is not None:
        notes.extend(_new_questions(q, carried, interview, language))
    state = RunState(
        pack=pack,
        lang=language,
        draft_path=path,
        interview=interview,
        respondent=saved.respondent,
        # run --from stopped while a section was being changed: continue changing it there
        position=saved.position if saved.confirm else None,
        ask_company=False,
        confirm=saved.confirm,
        set_aside=aside,
    )
    return Prepared(state, lock, True, notes)


def _pack_fallback(q: Questionnaire, lang: str) -> list[str]:
    """The note, once at the start, that the pack's texts are not in the run's language."""
    note = fallback_note(q, lang)
    return [] if note is None else [note]


def _which_form(saved: bool | None, asked: bool | None, lang: str) -> tuple[bool, list[str]]:
    """Short or full form when continuing saved answers: as they were started unless the
    command says otherwise (then said)."""
    if asked is None:
        return bool(saved), [word("short_remembered", lang)] if saved else []
    if saved is not None and saved != asked:
        return asked, [word("full_to_short" if asked else "short_to_full", lang)]
    return asked, []


def _new_questions(
    q: Questionnaire, carried: Carried, interview: Interview, lang: str
) -> list[str]:
    """The note on the questions to ask that were not in the saved answers' version."""
    todo = [
        x
        for x in interview.visible()
        if x.id not in interview.answers and carried.may_be_unanswered(x.id)
    ]
    if not todo:
        return []
    if not carried.new_declared:
        return [word("not_yet_answered", lang, n=len(todo))]
    sep = word("list_sep", lang)
    names = sep.join(f"“{text_for(x.text, lang, q.default_language)}”" for x in todo[:5])
    if len(todo) > 5:
        names += f"{sep}… (+{len(todo) - 5})"
    return [word("new_questions", lang, n=len(todo), names=names)]


def again(saved: Draft) -> Draft:
    """An earlier assessment as the start of a new one: dated today, the earlier date kept
    as ``previous_date`` (both dates are recorded), nothing left to confirm yet."""
    old = saved.respondent
    fields = old.model_dump(mode="json", exclude_none=True)
    fields.pop("previous_date", None)
    if old.date is not None:
        fields["previous_date"] = old.date.isoformat()
    fields["date"] = dt.date.today().isoformat()
    return saved.model_copy(
        update={"respondent": Respondent.model_validate(fields), "position": None, "confirm": None}
    )


def unused_report_path(path: Path) -> Path:
    """``path`` when nothing is there yet, else ``<stem>-2<suffix>``, ``-3``...: the report
    an earlier run left under the default name is never replaced unasked. The name is taken
    by creating the file exclusively, so two runs never write one report."""
    for n in itertools.count(1):
        candidate = path if n == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        except OSError:
            return candidate  # the writer says what is wrong with it
        os.close(fd)
        return candidate
    raise AssertionError("unreachable")  # pragma: no cover - the names never end


def _lock_notes(lock: DraftLock, lang: str) -> list[str]:
    held = lock.taken_over
    if held is None:
        return []
    who = word("holder", lang, pid=held.pid, host=held.host, started=held.started)
    return [word("lock_taken_over", lang, holder=who)]


def resume_command(draft: Path, short: bool = False) -> str:
    """The command that continues ``draft``, as the person can type it where they are.

    Under ``make run`` (the Makefile sets SME_ASSESS_VIA_MAKE=1) that is ``make run ARGS=…``,
    since the program lives in .venv/bin and is not on the PATH; else the program as it was
    started: ``sme-assess`` when that is what the PATH finds, else its path.
    """
    arg = shlex.quote(str(draft)) + (" --short" if short else "")
    return run_command(f"--resume {arg}")


def run_command(args: str) -> str:
    """``run ARGS`` as the person can type it where they are: ``make run ARGS="…"`` under
    ``make run``, else the program as it was started (see ``resume_command``)."""
    if os.environ.get("SME_ASSESS_VIA_MAKE") == "1":
        return f'make run ARGS="{args}"'
    return f"{_program()} run {args}"


def _program() -> str:
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is None or not started.name.startswith("sme-assess"):
        # python -m sme_assess, or an embedding program
        return f"{shlex.quote(sys.executable)} -m sme_assess"
    found = shutil.which("sme-assess")
    if found and started.exists() and _same_file(Path(found), started):
        return "sme-assess"
    shown = os.path.relpath(started) if started.is_absolute() else str(started)
    if shown.startswith(".."):
        shown = str(started.resolve())
    elif os.sep not in shown:
        shown = os.path.join(".", shown)
    return shlex.quote(shown)

"""What every command shares: the help's language, the option types, and `friendly`."""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ..errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PackNote,
    SmeAssessError,
    shortened,
    unexpected,
)
from ..i18n import (
    CatalogueMissing,
    Translator,
    has_catalogue,
    interface_language,
    translator,
)
from ..terminal_text import visible

F = TypeVar("F", bound=Callable[..., Any])


def _interface_translator() -> Translator:
    """The words of --help: SME_ASSESS_LANG, else the system's language, else English. A
    shipped catalogue that was never compiled is said on stderr (English is shown)."""
    try:
        return translator(interface_language())
    except CatalogueMissing as exc:
        sys.stderr.write(f"warning: {exc}\n")
        return translator("en")


_ = _interface_translator()


_DONE: list[bool] = []


def nothing_left_to_close() -> None:
    """Said by a command that has printed everything and opened nothing a normal shutdown
    must close (no file being written, thread, child process or terminal mode): the console
    script may then end the process at once (``cli.main``). Never ends anything itself."""
    _DONE.append(True)


def may_end_at_once() -> bool:
    """Whether a command said ``nothing_left_to_close`` since the last call (then forgotten:
    a command run earlier in the same process, e.g. by a test, does not count)."""
    done = bool(_DONE)
    _DONE.clear()
    return done


def consoles() -> tuple[Any, Any]:
    """Standard output and standard error as Rich consoles (no highlighting of numbers, no
    emoji codes: a file or company named ":smile:" is printed as named)."""
    from rich.console import Console

    return (
        Console(highlight=False, emoji=False),
        Console(stderr=True, highlight=False, emoji=False),
    )


_SPOKEN: list[str] = []  # the language a running command speaks in (run --lang), if any


def words() -> Translator:
    """The words a command's messages and errors are said in: the language the command
    speaks (``speaking``: run --lang), else the interface language now (a test or a wrapper
    may have set SME_ASSESS_LANG since start-up); cheap: the catalogue is read once."""
    if _SPOKEN:
        try:
            return translator(_SPOKEN[-1])
        except CatalogueMissing:
            pass
    return _interface_translator()


def speak_in(lang: str | None) -> None:
    """For the rest of the command, its errors (and Ctrl-C's line) are said in ``lang`` when
    the tool has words in it: a command whose output is in a language it was given (``run
    --lang zh``) says why it cannot start in that language, not in the system's.
    ``friendly`` forgets it when the command ends."""
    if lang is not None and has_catalogue(lang):
        _SPOKEN[:] = [lang]


def _fail(exc: SmeAssessError) -> None:
    from rich.markup import escape

    from .error_words import detail, error_line

    # Messages quote file names and file contents: control characters are shown, not obeyed.
    _ = words()
    _out, err = consoles()
    line = escape(visible(shortened(error_line(exc, _)), newlines=False))
    prefix = _("error:")
    gap = "" if prefix.endswith("：") else " "  # a full-width colon holds its own space
    err.print(f"[bold red]{escape(prefix)}[/]{gap}{line}", soft_wrap=True)
    details = getattr(exc, "details", [])
    for line_ in details[:50]:
        shown = visible(shortened(detail(line_, _)), newlines=False)
        err.print(f"  {escape(shown)}", soft_wrap=True)
    hidden = len(details) - 50
    if hidden > 0:
        err.print("  " + _("… and {n} more", n=hidden))


def _say_bug(exc: Exception) -> None:
    from .error_words import message

    _ = words()
    _out, err = consoles()
    prefix = _("error:")
    gap = "" if prefix.endswith("：") else " "
    what = visible(message(unexpected(exc), _), newlines=False)
    err.print(f"{prefix}{gap}{what}", markup=False)
    err.print(
        "  " + _("this is a bug in sme-assess; SME_ASSESS_DEBUG=1 shows the traceback"),
        markup=False,
    )


_WRITE_FAILURES = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name)
)


def _output_failed(exc: OSError) -> SmeAssessError | None:
    """A write to standard output or the terminal that failed (the disk under a redirected
    output full, a quota, a terminal gone): every file the tool writes says its own name, so
    an error of this kind without a file name is the output's."""
    if exc.filename is not None or exc.errno not in _WRITE_FAILURES:
        return None
    from ..errors import InputError

    return InputError(f"cannot write the output: {exc.strerror or exc}")


def friendly(fn: F) -> F:
    """The one place where errors become a message and an exit code (never a traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import warnings

        try:
            with warnings.catch_warnings():
                warnings.showwarning = _say_warning
                warnings.simplefilter("always", PackNote)
                return _said(fn, *args, **kwargs)
        finally:
            _SPOKEN.clear()  # the next command (a test runs many in one process) starts anew

    return wrapper  # type: ignore[return-value]


def _say_warning(message: Warning | str, category: type[Warning], *_args: Any, **_kw: Any) -> None:
    """A note the core raised as a warning (a pack file read in another encoding than UTF-8),
    said on stderr as one line in the interface language; other warnings as Python says them."""
    if not issubclass(category, PackNote):
        sys.stderr.write(f"{category.__name__}: {message}\n")
        return
    from rich.markup import escape

    from ..pack.findings_words import said

    _ = words()
    where, _sep, why = str(message).partition(": ")
    line = visible(shortened(f"{where}: {said(why, _)}"), newlines=False)
    prefix = _("warning:")
    gap = "" if prefix.endswith("：") else " "  # a full-width colon holds its own space
    consoles()[1].print(f"[yellow]{escape(prefix)}[/]{gap}{escape(line)}", soft_wrap=True)


def _said(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn`` run, its errors said (in ``words()``) and turned into exit codes."""
    try:
        return fn(*args, **kwargs)
    except SmeAssessError as exc:
        _fail(exc)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _out, err = consoles()
        err.print(words().gettext("interrupted"), markup=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        raise typer.Exit(EXIT_OK) from None
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise
    except OSError as exc:
        said = _output_failed(exc)
        if said is None or os.environ.get("SME_ASSESS_DEBUG"):
            raise
        _fail(said)
        raise typer.Exit(said.exit_code) from None
    except Exception as exc:  # a bug, or an input that breaks a library: still one line
        if os.environ.get("SME_ASSESS_DEBUG"):
            raise
        _say_bug(exc)
        raise typer.Exit(EXIT_USAGE) from None


class Edition(StrEnum):
    brief = "brief"
    full = "full"


PackOption = Annotated[
    str | None,
    typer.Option(
        "--pack",
        "-p",
        help=_("Built-in pack id or a pack folder. Default: the built-in manufacturing-sme."),
        show_default=False,
        metavar="PACK",
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=_(
            "Language of the output: one of the pack's (en, zh) or any language the tool has "
            "a message catalogue for (its own words in it, the pack's texts in the pack's "
            "default language). Default: the answers' language."
        ),
        show_default=False,
        metavar="LANG",
    ),
]
LenientOption = Annotated[
    bool,
    typer.Option("--lenient", help=_("Score anyway, leaving out answers that do not fit.")),
]
AnswersArg = Annotated[
    Path,
    typer.Argument(help=_("Answers file (JSON or YAML)."), show_default=False, metavar="ANSWERS"),
]
EditionOption = Annotated[
    Edition,
    typer.Option(
        "--edition",
        help=_(
            "brief: about 6 pages for the bank or the district office (summary and action "
            'plan, charts, the three weakest areas, "now" and "next", method); full: '
            "everything (every area and answer, the whole plan in an annex, evidence, "
            "benchmark)."
        ),
    ),
]


def evaluate_answers(
    answers_path: Path,
    pack: str | None,
    lang: str | None,
    lenient: bool,
    target_level: int | None = None,
) -> Any:
    """Read an answers file, load the pack it names (or --pack) and evaluate it."""
    from ..answer_io.native import load_answers_doc, where_in
    from ..engine.evaluation import Options, evaluate
    from ..pack.loading import load_pack
    from ..pack.locate import pack_for

    if answers_path.is_dir():
        from ..errors import UsageError, display_path

        raise UsageError(
            f"{display_path(answers_path)} is a folder; give an answers file (.yaml, .json)"
        )
    answers, doc = load_answers_doc(answers_path, expected=_expected(pack))

    def named_in() -> Any:  # where the file names its pack: worked out for an error only
        return where_in(doc, ("questionnaire",))

    loaded = load_pack(pack_for(pack, answers.questionnaire, named_in))
    options = Options(lenient=lenient, target_level=target_level, lang=lang)
    ev = evaluate(loaded, answers, options, doc=doc)
    _say_pack_fallback(loaded.questionnaire, ev.result.language)
    return ev


def _expected(pack: str | None) -> Any:
    """What a question expects, for an answer of a shape no answer has (a mapping): the pack
    --pack names or the file names is loaded only then."""

    def expected(data: Any, qid: str) -> str | None:
        from ..engine.answers_check import expected_in
        from ..pack.loading import load_pack
        from ..pack.locate import pack_for

        named = data.get("questionnaire") if isinstance(data, dict) else None
        if pack is None and not isinstance(named, str):
            return None
        loaded = load_pack(pack_for(pack, str(named or "")))
        return expected_in(loaded.questionnaire)(data, qid)

    return expected


def _say_pack_fallback(q: Any, lang: str) -> None:
    """On stderr, once: the pack has no texts in ``lang`` (a language only the tool's
    catalogues have), so its questions and answers are in the pack's default language."""
    from ..wording.language import fallback_note

    note = fallback_note(q, lang)
    if note is not None:
        from rich.text import Text

        consoles()[1].print(Text.assemble(("note: ", "yellow"), note), soft_wrap=True)

"""`sme-assess run`: the interactive interview, ending with the scores, answers and report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import EXIT_INTERRUPTED
from .common import PackOption, _, consoles, friendly, speak_in
from .group import command_help

commands = typer.Typer()

RunLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=_(
            "Language of the run and the report: one of the pack's (en, zh) or any language "
            "the tool has a message catalogue for (the pack's texts then in its default "
            "language). Default: when resuming, the saved answers' language; else "
            "SME_ASSESS_LANG, else your system's language if the pack or a catalogue has it; "
            "else the pack's default."
        ),
        show_default=False,
    ),
]


@commands.command(
    help=command_help(
        "run",
        _(
            'One question at a time with help, "don\'t know", "not applicable" and back; '
            "a question never answered starts on no option, so Enter alone records nothing; "
            "every answer is saved at once to a draft, so Ctrl-C, Ctrl-D, a closed terminal "
            "or a kill (SIGTERM) loses nothing: the run stops (exit 130) with the command that "
            "continues it (--resume). One run at a time per draft: a second run on "
            "a draft in use is refused, naming the run that has it. At the end: a review, "
            "your scores and plan, the answers as JSON and the PDF report."
        ),
    )
)
@friendly
def run(
    ctx: typer.Context,
    pack: PackOption = None,
    lang: RunLangOption = None,
    draft: Annotated[
        Path | None,
        typer.Option(
            "--draft",
            help=_(
                "A new file to autosave to (default: a new file in the user data folder). "
                "An existing file is refused: continue it with --resume."
            ),
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            help=_(
                "Continue a saved draft at its first unanswered question (the draft is "
                "locked while the run lasts). Given a finished answers file, a new draft "
                "starts from its answers and the file is left unchanged."
            ),
            show_default=False,
        ),
    ] = None,
    from_answers: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help=_(
                "Re-assess from an earlier answers file (after support, a year on): its "
                "answers are shown section by section to keep or change, the new answers are "
                "dated today with the earlier date kept (previous_date); the file is left "
                "unchanged. Then compare the two with `sme-assess compare`."
            ),
            show_default=False,
            metavar="OLD_ANSWERS",
        ),
    ] = None,
    answers_out: Annotated[
        Path | None,
        typer.Option(
            "--answers-out",
            help=_("Where to write the answers (JSON). Default: beside the draft."),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help=_("The PDF report to write.")),
    ] = Path("report.pdf"),
    short: Annotated[
        bool | None,
        typer.Option(
            "--short/--full",
            help=_(
                "--short asks only the pack's short form (the built-in pack: the profile, "
                "the 16 scenarios and the items the MIIT estimate scores, 25-30 minutes "
                "instead of 37-47); enough for the estimated MIIT level; the result and "
                "report say it is the short form. The draft remembers it: --resume continues "
                "the form the draft was started with; --short or --full given with --resume "
                "changes it (and says so)."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Answer the questionnaire interactively (the main job)."""
    from rich.cells import cell_len
    from rich.text import Text

    from ..interview.start import has_terminal, prepare

    speak_in(lang)  # why it cannot start is said in the run's language, not the system's
    if not has_terminal():
        from ..errors import UsageError

        raise UsageError(
            "`sme-assess run` asks questions and needs a terminal; to answer in a file, "
            "start from `sme-assess template` or an answers file and use `sme-assess score` "
            "or `sme-assess report`"
        )

    from ..atomic import check_target
    from ..interview.prompts import QuestionaryPrompter
    from ..interview.runner import run_interview
    from ..interview.start import resume_command, unused_report_path
    from ..interview.stopping import stoppable
    from ..interview.words import word
    from ..report import ReportFormat, build_report, format_for
    from ..terminal_text import visible

    # the default report name: an earlier run's report there is kept, this one takes -2, -3...
    # (typer carries its own click: the source is compared by name)
    source = ctx.get_parameter_source("output")
    keep_earlier = source is None or source.name in ("DEFAULT", "DEFAULT_MAP")

    # a wrong report name, or a place that cannot be written, is said now, not after the last
    # question
    fmt = format_for(output, None if output.suffix else ReportFormat.pdf)
    for target in (output, answers_out):
        if target is not None:
            check_target(target)
    out, err = consoles()
    prepared = prepare(pack, lang, draft, resume, answers_out, from_answers, short)
    state = prepared.state
    speak_in(state.lang)  # a resumed draft's language, when --lang did not say
    with prepared.lock:
        draft_shown = visible(str(state.draft_path), newlines=False)
        out.print(Text(prepared.title, "bold"))
        short = state.interview.short  # as asked, or as the resumed draft was started
        if short and state.pack.questionnaire.short_form is None:
            out.print(Text(word("no_short_form", state.lang), "yellow"))
        duration = prepared.duration(short)
        if duration:
            out.print(Text(duration))
        out.print(Text(word("saving", state.lang, path=draft_shown), "dim"))
        state.notes.extend(prepared.notes)  # shown with the first question, so they stay
        try:
            # SIGTERM and SIGHUP (the window closed) stop it as Ctrl-C does
            with stoppable():
                answers = run_interview(state, QuestionaryPrompter())
        except (KeyboardInterrupt, EOFError):
            command = resume_command(state.draft_path)  # the draft remembers the form
            shown = visible(command)
            stopped = word("stopped", state.lang, path=draft_shown, command=shown)
            if cell_len(stopped) > err.width:  # the command whole on a line of its own
                stopped = stopped.replace(shown, "\n  " + shown)
            try:
                err.print(Text(stopped), soft_wrap=True)
            except OSError:  # no terminal left to say it to (SIGHUP): the draft is saved
                _quiet_exit()
            raise typer.Exit(EXIT_INTERRUPTED) from None

        from ..answer_io.native import answers_json
        from ..atomic import write_bytes, write_text
        from ..engine.evaluation import Options, evaluate
        from ..interview.result_view import NARROW, narrow_result
        from ..terminal.views import score_view

        target = answers_out or state.answers_path()
        write_text(target, answers_json(answers))
        ev = evaluate(state.pack, answers, Options(lenient=True, lang=state.lang))
        if out.width < NARROW:  # what to do next first, a step a few lines of its own
            out.print(narrow_result(ev, top_recs=3))
        else:
            out.print(score_view(ev, top_recs=5))
        shown = visible(str(target), newlines=False)
        out.print(Text(word("answers_written", state.lang, path=shown), "green"))
        report = build_report(ev, fmt)
        if keep_earlier:
            output = unused_report_path(output)
        write_bytes(output, report)
        shown = visible(str(output), newlines=False)
        out.print(Text(word("report_written", state.lang, path=shown), "green"))


def _quiet_exit() -> None:
    """The terminal is gone: what is still buffered for it is dropped, so that Python's last
    flush at exit does not fail with a traceback about a closed terminal."""
    import contextlib
    import os
    import sys

    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            os.dup2(devnull, stream.fileno())

"""Every word the interactive run shows a person: English messages, translated through the
message catalogues (sme_assess/i18n.py).

One table for prompts, hints, refusals, notes and the lines around the run, so that a run in
one language never shows a word of another (or an internal id).
"""

from __future__ import annotations

from typing import Any

from ..i18n import N_, NN_, Message, translator

WORDS: dict[str, Message] = {
    # extra choices and commands
    "back": N_("← Back to the previous question"),
    "help": N_("? Explain this question"),
    "unknown": N_("Don't know"),
    "skip": N_("Skip for now"),
    "na": N_("Not applicable to us"),
    "yes": N_("Yes"),
    "no": N_("No"),
    "typed_commands": N_("(type < to go back, ? for help{extra})"),
    "detail": N_(" [{detail}]"),
    "typed_unknown": N_(", - if you don't know"),
    "typed_skip": N_(", - to skip"),
    "typed_na": N_(", n/a if it does not apply"),
    "range": N_("between {lo} and {hi}"),
    "whole": N_("a whole number"),
    "select_hint": N_("(arrow keys, Enter)"),
    "number_hint": N_("(arrow keys or the answer's number, then Enter)"),
    "review_hint": N_("(arrow keys or a question's number, then Enter)"),
    "checkbox_hint": N_("(space or the answer's number ticks, Enter confirms)"),
    "pick_hint": N_("(no answer yet: ↓ to the answer, then Enter)"),
    "pick_first": N_("Choose an answer first: ↓ moves to the options, Enter confirms"),
    "list_sep": N_(", "),
    # refusals while answering
    "required": N_("This question needs an answer."),
    "not_number": N_("Please type a number"),
    "not_whole": N_("Please type a whole number"),
    "below_min": N_("{value} is below the minimum {limit}"),
    "above_max": N_("{value} is above the maximum {limit}"),
    "too_long": N_("Please keep it to {n} characters ({k} typed)"),
    "nothing_ticked": N_("Tick at least one option with the space bar{alternative}"),
    "or_none": N_(", or tick “{label}” if none apply"),
    "or_extra": N_(", or choose “{label}”"),
    "too_many": N_("Tick at most {n} options ({k} ticked)"),
    "exclusive": N_("“{label}” cannot be combined with other options"),
    "not_option": N_("“{value}” is not one of the options"),
    "twice": N_("an option is ticked twice"),
    "na_not_allowed": N_("“not applicable” is not an answer to this question"),
    "unknown_not_allowed": N_("“don't know” is not an answer to this question"),
    "misfit": N_("the saved answer does not fit this question"),
    # the walk
    "progress": N_("Section {s}/{sn} · Question {q}/{qn} · {title}"),
    "company": N_("Company name (optional)"),
    "review": N_("All questions answered. Review your answers, change any, or finish:"),
    "finish": N_("✓ Finish and see the results"),
    "help_title": N_("About this question: {help}"),
    "unanswered": N_("(not answered)"),
    "skipped": N_("(skipped: choose to answer)"),
    "review_skipped": NN_(
        "All questions done; {n} skipped, listed first: choose it to answer it now. Review "
        "your answers, change any, or finish:",
        "All questions done; {n} skipped, listed first: choose one to answer it now. Review "
        "your answers, change any, or finish:",
    ),
    # around the run
    "duration": N_("This takes about {lo}-{hi} minutes.{hint}"),
    "duration_hint": N_(" Short of time? `{command}` asks about a third of the questions."),
    "duration_short": N_("About {lo}-{hi} minutes. {about}"),
    "no_short_form": N_("This questionnaire has no short form; asking every question."),
    "saving": N_("Answers are saved as you go in: {path}"),
    "stopped": N_("Stopped. Your answers are saved in {path}; continue with: {command}"),
    "answers_written": N_("Answers written to {path}"),
    "report_written": N_("Report written to {path}"),
    # notes when a run continues
    "from_walk": N_("Section {s}/{sn}: {title}. Your answers of {date}:"),
    "from_undated": N_("last time"),
    "from_question": N_("Still true? Keep these answers, or change some?"),
    "keep": N_("Keep these answers"),
    "from_part": N_(" (answers {a}-{b} of {n})"),
    "from_more_question": N_("More of this section's answers follow: see them before keeping."),
    "from_more": N_("More answers of this section ↓"),
    "from_earlier": N_("↑ The answers before these"),
    "change_some": N_("Change some"),
    "from_previous": N_(
        "Re-assessing from the answers of {date} in {path} (that file is not changed): confirm or "
        "change them section by section."
    ),
    "from_answers": N_(
        "Starting a new draft from the answers in {path}; that file is not changed."
    ),
    "version_changed": N_(
        "The questionnaire changed from version {old} to {new} since these answers were saved."
    ),
    "ask_again": N_("“{question}”: {why}; it will be asked again."),
    "nothing_saved_ticked": N_("nothing was ticked"),
    "gone": NN_(
        "{n} saved answer belongs to a question no longer in the questionnaire.",
        "{n} saved answers belong to questions no longer in the questionnaire.",
    ),
    "no_question": N_("the question is no longer in the questionnaire"),
    "not_shown": N_("your other answers no longer lead to this question"),
    "kept_as_they_were": NN_(
        "{n} saved answer is to a question your other answers do not lead to: kept with the "
        "answers as it was, not scored (asked, with it as the default, if a change leads to it).",
        "{n} saved answers are to questions your other answers do not lead to: kept with the "
        "answers as they were, not scored (asked, with them as the default, if a change leads "
        "to them).",
    ),
    "hidden_before": N_("your other answers did not lead to this question when it was saved"),
    "kept_aside": NN_(
        "{n} saved answer that no longer fits is kept aside in the draft (not deleted, not "
        "scored).",
        "The {n} saved answers that no longer fit are kept aside in the draft (not deleted, not "
        "scored).",
    ),
    "carried": NN_(
        "{n} saved answer was carried over to the new version of its question.",
        "{n} saved answers were carried over to the new version of their question.",
    ),
    "not_carried": N_(
        "Your earlier answer to “{question}” cannot be carried over ({why}); it will be asked "
        "again."
    ),
    "reworded": N_(
        "“{question}” has changed since you answered it ({why}); your answer is kept, and the "
        "question is asked again with it as the default: check it."
    ),
    "not_carried_old": N_("An earlier answer cannot be carried over: {why}."),
    "new_questions": NN_(
        "{n} new question will be asked: {names}.", "{n} new questions will be asked: {names}."
    ),
    "not_yet_answered": NN_(
        "{n} question is not answered yet and will be asked (the questionnaire does not say "
        "whether it is new).",
        "{n} questions are not answered yet and will be asked (the questionnaire does not say "
        "which of them are new).",
    ),
    "skipped_before": NN_(
        "You skipped {n} question before: it is not asked again; the review at the end lists "
        "it first, to answer there if you wish.",
        "You skipped {n} questions before: they are not asked again; the review at the end "
        "lists them first, to answer there if you wish.",
    ),
    "short_remembered": N_(
        "This draft was started with the short form (run --short): continuing it."
    ),
    "short_to_full": N_(
        "This draft was started with the short form; --full asks every question from here."
    ),
    "full_to_short": N_(
        "This draft was started with the full form; --short asks only the short form from here."
    ),
    "lock_taken_over": N_(
        "An earlier run on this draft ended without closing it ({holder}); this run takes it over."
    ),
    "holder": N_("process {pid} on {host}, started {started}"),
}


def word(key: str, lang: str, **values: Any) -> str:
    """``key`` in ``lang`` (English when its catalogue lacks it), placeholders filled in."""
    return translator(lang).text(WORDS[key], **values)

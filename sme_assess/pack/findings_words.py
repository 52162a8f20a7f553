"""The findings' messages in the interface language, for `validate`'s text output.

The rules build their messages in English (the JSON, GitHub and SARIF outputs keep them, for
machines and for CI logs read the world over). A person reading the text output is told each
message in the interface language: its shape is looked up here (the message as a rule writes
it, its parameters as ``{name}``) and said with the parameters as they are (ids, values,
paths); a quoted name in English (a kind of item, a reason) is translated where listed. A
message of no known shape is shown as written (the YAML parser's own words, for one).
"""

from __future__ import annotations

import re

from ..i18n import N_, NP_, Message, Translator, is_source_language, shaped

# Longer and more specific shapes first: a shape's parameters match as little as they can.
SHAPES = (
    # YAML and the file format
    N_("tab character used for indentation; use spaces"),
    N_("saved as {encoding}, not UTF-8: read as {encoding}; save it as UTF-8"),
    N_(
        "not UTF-8, and as GB18030 it reads as rare characters: probably Latin-1 or "
        "Windows-1252, not guessed (save it as UTF-8)"
    ),
    N_("mapping values are not allowed in this context"),
    N_("mapping values are not allowed here"),
    N_("could not find expected ':'"),
    N_("duplicate key '{key}' (first at line {line})"),
    N_("the document nests too deeply"),
    N_(
        "character {code} is not allowed in YAML (a control character); a file in UTF-16 (save "
        "it as UTF-8) or a damaged file?"
    ),
    N_("character {code} is not allowed in YAML (a control character)"),
    N_("missing field '{name}' in {where}"),
    N_("missing field '{name}'"),
    N_("unknown key '{name}' in {where}"),
    N_("unknown key '{name}'"),
    N_("expected a mapping at the top level, got {kind}"),
    N_("pack folder has no {file}"),
    N_("is a folder, not a file: not read"),
    N_("is a named pipe, not a file: not read"),
    N_("is a socket, not a file: not read"),
    N_("is a device, not a file: not read"),
    N_("a link to a file that does not exist"),
    N_("a full-width colon '：' after a key: write ':' (and a space), as YAML needs"),
    N_("give either 'category' or 'categories', not both"),
    # ids and references
    N_("catalogue is for questionnaire '{other}', but this pack is '{pack}'"),
    N_("duplicate question id '{id}'"),
    N_("duplicate option value '{value}' in question '{id}'"),
    N_("duplicate {kind} '{value}'"),
    N_("unknown prerequisite solution '{id}'"),
    N_("unknown cost tier '{id}' (declared: {declared})"),
    N_("unknown role '{id}' (declared: {declared})"),
    N_("unknown {kind} '{id}'"),
    N_("unknown level {number}"),
    N_("default_language '{lang}' is not one of languages ({languages})"),
    N_("refs names source '{id}', which is not in sources"),
    N_("level {number} is not one of the pack's levels"),
    N_("priority '{value}' is not a category id"),
    N_("a 'priorities' profile question must be multiple_choice"),
    N_(
        "option value '{value}' is reserved for 'not applicable' and 'don't know'; use "
        "allow_na / allow_unknown"
    ),
    N_("'{value}' is not a {kind} value of the questionnaire ({values})"),
    N_("'{value}' is not a {kind} value of the questionnaire"),
    N_("the questionnaire has no profile question for '{kind}'"),
    N_("'{value}' is not an option of '{id}'"),
    N_("'{id}' is not a single-choice question; factors need options"),
    N_("'{id}' is not a number question; the first year's budget reads it"),
    N_("'{id}' is not a single-choice question; the first year's budget reads it"),
    N_("band_revenue_cny names bands, but revenue_band names no question"),
    # translations
    N_("text {text} has no {languages} version"),
    N_("plain text {text} is shown in every language; give it as {form}"),
    N_("language '{lang}' is not in the pack's languages ({languages})"),
    N_("why '{id}' is dropped has no {languages} version"),
    N_("what changed in '{id}' has no {languages} version"),
    # conditions
    N_("cannot parse {expression}: {why}"),
    N_("'{name}' is not a question id"),
    N_("the condition of '{owner}' refers to itself; it may only use earlier answers"),
    N_(
        "the condition of '{owner}' refers to '{name}', which comes later; it may only use "
        "earlier answers"
    ),
    N_("conditions depend on each other in a cycle: {cycle}"),
    N_("'{name}' is a {kind} answer; it cannot be compared with {value} using '{op}'"),
    N_("'{name}' is a number; compare it (e.g. {example}) instead of using it alone"),
    N_(
        "{values} is not an option of '{name}' (options: {options}), so this comparison is "
        "always true"
    ),
    N_("{values} is not an option of '{name}' (options: {options}), so it can never match"),
    N_(
        "{values} is not an option of '{name}' (options: {options}), so this comparison can "
        "never be true"
    ),
    N_("'{name}' ranges over {low}...{high}; {comparison} is never true"),
    N_("'{name}' cannot equal {values} at once; did you mean 'or'?"),
    N_("question '{id}' does not allow 'not applicable', so this never applies"),
    # levels and scores
    N_("level {number} min_score {score} is not above level {previous}'s {previous_score}"),
    N_("level numbers must ascend; {number} follows {previous}"),
    N_("the first level must start at min_score 0, not {score}"),
    N_("level {number} needs {score} but the best possible overall score is {best}"),
    N_("score {score} is outside 0..{top}"),
    N_("score {score} is above the question's max_score {cap}"),
    N_("scale options go from lowest to highest; score {score} comes after {previous}"),
    N_("question '{id}' scores some options but not all"),
    N_("question '{id}': no option scores above 0, so it cannot be scored"),
    N_("question '{id}': no answer scores above 0, so it cannot be scored"),
    N_("question '{id}' has scores but no category"),
    N_("question '{id}' has a category but no scores"),
    N_("text question '{id}' is never scored; remove its category"),
    N_("no scored question feeds category '{id}'"),
    N_("profile question '{id}' must not have a category or scores"),
    N_("min {low} is not below max {high}"),
    N_("band overlaps another band"),
    N_("band min is not below its max"),
    # level requirements
    N_("a requirement names either one 'question' or 'questions' with 'min_count', not both"),
    N_("a requirement needs 'question', or 'questions' with 'min_count'"),
    N_("'questions' needs 'min_count': how many of them must reach the option"),
    N_("'{key}' belongs to the count form ('questions'), not to one 'question'"),
    N_("min_count {count} is more than the {n} questions listed"),
    N_("question '{id}' is listed twice"),
    N_("question '{id}' is not a single choice or scale question"),
    N_(
        "question '{id}' is {kind} but '{first}' is {first_kind}: one requirement counts "
        "questions of one type"
    ),
    # pain points, solutions, the plan
    N_("pain point '{id}' has neither a 'when' rule nor a 'below' threshold"),
    N_("pain point '{id}' has 'below' but no category to compare"),
    N_("no solution in the catalogue addresses pain point '{id}'"),
    N_("shares add up to {total}, not 100"),
    N_("solution '{id}' addresses no pain point and no category"),
    N_("solutions require each other in a cycle: {cycle}"),
    N_("'{id}' is included twice"),
    N_("a bundle includes itself: {cycle}"),
    N_(
        "no solution establishes fact '{fact}': '{id}' is recommended only to firms whose "
        "answers already show it"
    ),
    N_("lifts to level {to}, not above level {frm}"),
    N_(
        "solution '{id}' has no action (first step, owner, KPI): the action plan says 'not "
        "stated' for it"
    ),
    N_(
        "the KPI target of '{id}' has no number ({lang}: '{target}'): nobody can tell whether "
        "it was met"
    ),
    # crosswalks
    N_("short_form names '{id}', which is neither a question nor a section"),
    N_("crosswalk '{id}' cites source '{source}', which `sources` lacks"),
    N_("item '{id}' needs exactly one of `question` (or `rate`) or `scenario_coverage`"),
    N_("item '{id}' names group '{group}', which the crosswalk lacks"),
    N_("item '{id}' reads question '{question}', which the pack lacks"),
    N_("item '{id}': '{value}' is not an answer of '{question}' ({values})"),
    N_("item '{id}': option '{value}' earns {points}, above its max_points {top}"),
    N_("item '{id}': {points} points, above max_points {top}"),
    N_("item '{id}': the rate's {key} '{question}' is a question which the pack lacks"),
    N_("item '{id}': the rate's {key} '{question}' is a question which is not a number question"),
    N_("item '{id}': the rate divides '{question}' by itself"),
    N_("item '{id}': a rate needs `bands` to score it"),
    N_("item '{id}': a higher band earns fewer points ({points})"),
    N_("the items of group '{id}' can earn {points} points, above the group's {top}"),
    N_("scenario '{id}' is not a question of the pack"),
    N_("scenario '{id}': '{value}' is not one of its answers ({values})"),
    N_(
        "scenario '{scenario}': '{better}' is a better answer of '{id}' than '{worse}' but maps "
        "to less ({less} < {more})"
    ),
    N_(
        "{where}: '{better}' is a better answer of '{id}' than '{worse}' but maps to less "
        "({less} < {more})"
    ),
    N_(
        "gate {level} must come after gate {previous} with a level above it and at least its "
        "min_points"
    ),
    N_(
        "gate {level} needs {n} scenarios ({mandatory} mandatory) but the crosswalk has {has} "
        "({has_mandatory})"
    ),
    N_("gate {level}: {mandatory} mandatory scenarios of only {n}"),
    N_("gate {level} needs {points} points of at most {top}"),
    # published versions
    N_("version {version} is not under published: once it is released, record '{entry}'"),
    N_(
        "the questions, options or show-ifs differ from published version {version} "
        "(fingerprint {now}, recorded {recorded}): give the pack a new version and a "
        "migration, and record the new version's fingerprint"
    ),
    # migrations
    N_("a second migration for version {version}"),
    N_("migration from version {version}, which is not older than this pack's version {current}"),
    N_("added names '{id}', which is not a question of this version"),
    N_("question '{id}' is renamed to '{new}', which is not a question of this version"),
    N_(
        "'{id}' is renamed, but this version still has a question '{same}': its answers would "
        "have two meanings"
    ),
    N_("'{id}' and '{other}' are both renamed to '{new}'"),
    N_("'{new}' is listed as added, but answers to '{id}' are carried over to it"),
    N_("'{id}' is both renamed and dropped"),
    N_("'{id}' is said to be reworded, but it is not a question of this version"),
    N_("options are renamed for '{id}', which is not a question of this version"),
    N_("'{id}' has no options to rename ({kind})"),
    N_("option '{value}' of '{id}' is renamed to '{new}', which is not an option of it ({values})"),
    N_("options are added to '{id}', which is not a question of this version"),
    N_(
        "'{id}' is a {kind} question: options_added is for multiple-choice questions, whose "
        "answers tick some options and may lack new ones"
    ),
    N_("'{id}' is listed as added: every option of it is new since {version}"),
    N_("option '{value}' is listed as added to '{id}', which has no such option ({values})"),
    N_(
        "option '{value}' of '{id}' is listed as added, but version {version} had it as "
        "'{old}' (options: renames it)"
    ),
    N_(
        "option '{value}' of '{id}' is new since {version}, but the migration from {older} "
        "does not list it under options_added: answers for {older} would read it as not ticked"
    ),
    # the file format's values (pydantic's words after "where: ")
    N_("'{value}' is not an option of {ids}"),
    N_("{where}: Input should be a valid number"),
    N_("{where}: Input should be a valid integer"),
    N_("{where}: Input should be a valid boolean"),
    N_("{where}: Input should be a valid string"),
    N_("{where}: Input should be a valid list"),
    N_("{where}: Input should be a valid dictionary"),
    N_("{where}: Input should be {values}"),
    N_("{where}: String should match pattern {pattern}"),
)

# Why a condition cannot be parsed (pack.condition_parse), after "cannot parse '...': ";
# the template parser's own words (Jinja's) stay as it said them.
CONDITION_REASONS = (
    N_("unexpected '{token}' after the expression"),
    N_("cannot parse the expression"),
    N_("the expression nests too deeply"),
    N_("the expression is longer than {n} characters; split it"),
    N_("the expression has more than {n} names, values and operators; split it or use 'in [...]'"),
    N_("brackets are nested more than {n} deep"),
    N_("a number has more than {n} digits"),
    N_("a list in a condition may hold only literal values"),
    N_("operator '{op}' is not allowed"),
    N_("'{kind}' is not allowed in a condition; use names, literals, comparisons, and/or/not"),
)

# English words a message takes as a parameter, translated where they are listed.
WORDS: dict[str, dict[str, Message]] = {
    "kind": {
        "question id": NP_("finding word", "question id"),
        "option value": NP_("finding word", "option value"),
        "language": NP_("finding word", "language"),
        "source": NP_("finding word", "source"),
        "category": NP_("finding word", "category"),
        "section": NP_("finding word", "section"),
        "pain point": NP_("finding word", "pain point"),
        "benchmark": NP_("finding word", "benchmark"),
        "level number": NP_("finding word", "level number"),
        "solution": NP_("finding word", "solution"),
        "cost tier": NP_("finding word", "cost tier"),
        "role": NP_("finding word", "role"),
        "funding": NP_("finding word", "funding"),
        "fact": NP_("finding word", "fact"),
        "note": NP_("finding word", "note"),
        "question": NP_("finding word", "question"),
        "single-choice": NP_("finding word", "single-choice"),
        "multiple-choice (a list; use 'value' in name)": NP_(
            "finding word", "multiple-choice (a list; use 'value' in name)"
        ),
        "number": NP_("finding word", "number"),
        "yes/no (use true or false)": NP_("finding word", "yes/no (use true or false)"),
        "text": NP_("finding word", "text"),
        "size": NP_("finding word", "size"),
        "sector": NP_("finding word", "sector"),
        "region": NP_("finding word", "region"),
        "empty": NP_("finding word", "empty"),
    },
    "key": {"part": NP_("finding word", "part"), "whole": NP_("finding word", "whole")},
}
_HINT = re.compile(r" \(did you mean '(?P<name>[^']*)'\?\)")


def said(message: str, _: Translator) -> str:
    """A finding's message in ``_``'s language when its shape is known, else as written;
    a closing "(did you mean 'x'?)" is said too."""
    if is_source_language(_.lang):
        return message
    hint = _HINT.search(message)
    text = message[: hint.start()] + message[hint.end() :] if hint else message

    def word(name: str, value: str) -> str:
        if name == "why":
            reason = shaped(value, CONDITION_REASONS, _, lambda _k, v: v)
            return value if reason is None else reason
        known = WORDS.get(name, {}).get(value)
        return _.text(known) if known is not None else value

    translated = shaped(text, SHAPES, _, word)
    if translated is None:
        return message
    if hint:
        translated += _(" (did you mean '{name}'?)", name=hint["name"])
    return translated

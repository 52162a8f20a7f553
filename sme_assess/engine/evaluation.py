"""One respondent, start to finish: check answers, assess, recommend, build the Result.

``evaluate`` is a pure function of (pack, answers, options): batch runs it in worker
processes, and it could run unchanged on a distributed engine.
"""

from typing import NamedTuple

from ..errors import AnswersError, UsageError, Where
from ..models import Answers
from ..models.result import Result
from ..pack.loading import Pack
from ..pack.versions import Carried, carry_over, unknown_options
from ..pack.yamldoc import YamlDoc, where_in
from ..wording.messages import Namer, pick_language, require_language
from .answers_check import AnswerProblem, check_answers, not_asked_of, usable_answers
from .answers_notes import answer_position, language_notes, short_form_out, version_change
from .crosswalk import Estimate
from .crosswalk_open import estimates
from .matching import Profile, Recommendation, profile_of, recommend
from .result_out import build_result as build_result  # the Result's own module
from .scoring import Assessment, assess
from .settle import settle
from .targeting import TargetPlan, plan_to_level


class Options(NamedTuple):
    lenient: bool = False
    target_level: int | None = None
    lang: str | None = None


class Evaluation(NamedTuple):
    pack: Pack
    answers: Answers
    assessment: Assessment
    profile: Profile
    recommendations: tuple[Recommendation, ...]
    target: TargetPlan | None
    ignored: tuple[AnswerProblem, ...]
    namer: Namer
    result: Result
    estimates: tuple[Estimate, ...] = ()


def evaluate(
    pack: Pack,
    answers: Answers,
    options: Options = Options(),
    source: str = "",
    doc: YamlDoc | None = None,
) -> Evaluation:
    """Check, score and plan. Raises AnswersError listing every problem unless lenient.

    Answers given for an earlier version of the pack are carried over first (the pack's
    migrations) and scored with a note saying so; ``doc``, the parsed answers file, lets
    problems be named at file:line:col."""
    q, c = pack.questionnaire, pack.catalogue
    require_language(q, options.lang, any_catalogue=True)
    if answers.questionnaire != q.id:
        carried = Carried(answers)
    else:
        try:
            carried = carry_over(q, answers, Where(doc.path) if doc is not None else None)
        except AnswersError as exc:  # the version cannot be read or is newer: say where
            if doc is None:
                raise
            at = where_in(doc, ("questionnaire_version",))
            raise AnswersError(exc.message, exc.details, at) from None
    original = answers
    answers = carried.answers
    problems = check_answers(q, answers, carried.may_be_unanswered)
    fatal = [p for p in problems if not p.ignorable]
    if fatal or (problems and not options.lenient):
        shown = fatal or problems
        hint = "" if fatal else "; use --lenient to score anyway"
        if carried.old_version is not None and not fatal:
            hint = (
                f" (given for version {carried.old_version}, this pack is {q.version}: "
                "they no longer fit)" + hint
            )
        raise AnswersError(
            f"{len(shown)} problem{'s' if len(shown) > 1 else ''} in the answers{hint}",
            [answer_position(doc, carried.moved.get(p.key, p.key), str(p)) for p in shown],
        )
    if options.target_level is not None and options.target_level not in {
        lv.number for lv in q.levels
    }:
        numbers = ", ".join(str(lv.number) for lv in q.levels)
        raise UsageError(f"--target-level {options.target_level} is not a level ({numbers})")
    values = usable_answers(q, answers.answers) if problems else dict(answers.answers)
    # options never asked (added since the answers' version, or with no column in their
    # table): unknown, not false
    not_asked = {**not_asked_of(q, answers), **carried.not_asked}
    if not_asked:
        values = unknown_options(values, not_asked)
    assessment = assess(q, values)
    profile = profile_of(q, values, answers.respondent)
    recs = recommend(assessment, c, profile)
    target = (
        plan_to_level(assessment, c, profile, options.target_level)
        if options.target_level is not None
        else None
    )
    lang = pick_language(q, options.lang, answers.language, any_catalogue=True)
    namer = Namer.shared(q, c, lang)
    ignored = tuple(problems) + tuple(
        AnswerProblem(key, "not asked, because of earlier answers", code="hidden")
        for key in assessment.hidden_answers
    )
    change = version_change(carried, q, namer.lang, values, problems)
    short = short_form_out(q, original, namer.lang) if original.short_form else None
    ignored += tuple(
        AnswerProblem(
            d.question, f"not carried over from version {carried.old_version}", code="not_carried"
        )
        for d in carried.dropped
    )
    if change is not None:
        ignored += (AnswerProblem("questionnaire_version", change.note),)
    if short is not None:
        ignored += (AnswerProblem("short_form", short.note),)
    ignored += language_notes(q, options.lang, answers.language, namer.lang)
    found = estimates(q, assessment.answers, assessment.questions)
    result = build_result(
        pack, answers, assessment, recs, target, ignored, namer, found, change, short
    )
    settle()
    return Evaluation(
        pack, answers, assessment, profile, recs, target, ignored, namer, result, found
    )

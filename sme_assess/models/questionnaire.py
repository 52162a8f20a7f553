"""The questionnaire file format (questionnaire.yaml): identity, categories, levels, questions."""

from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ..limits import MAX_WEIGHT
from .common import Id, LanguageTag, LocalizedText, OptionValue, SemVer, StrictModel
from .crosswalk import Crosswalk

SCHEMA_VERSION = 1

PackId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Condition = Annotated[
    str,
    Field(
        description=(
            'A show-if expression over earlier answers, e.g. "has_erp == true and '
            "erp_scope in ['finance', 'all']\". Names are question ids."
        )
    ),
]
Refs = Annotated[
    dict[Id, list[str]],
    Field(
        description=(
            "Where this item sits in the cited frameworks, keyed by source id: "
            "e.g. {miit_2024: ['equipment networking rate'], gbt_39116: ['equipment']}."
        )
    ),
]


class Source(StrictModel):
    """A framework or publication the pack stands next to and cites."""

    id: Id
    name: LocalizedText
    edition: str | None = None
    year: int = Field(ge=1900, le=2100)
    publisher: LocalizedText | None = None
    url: str | None = None


class Category(StrictModel):
    """A pain-point category (dimension) that questions score into."""

    id: Id
    name: LocalizedText = Field(description="The pain as an owner would say it.")
    short_name: LocalizedText | None = Field(
        default=None,
        description="A neutral name of the area (charts, strengths); defaults to name.",
    )
    description: LocalizedText
    weight: float = Field(default=1.0, gt=0, le=MAX_WEIGHT)
    refs: Refs = {}


class Level(StrictModel):
    """One maturity level; reached when the overall score is at least ``min_score``."""

    number: int = Field(ge=0, le=10)
    name: LocalizedText
    description: LocalizedText
    min_score: float = Field(ge=0, description="Minimum overall score (0-100) for this level.")


class LevelRequirement(StrictModel):
    """A mandatory item for ``level``, in one of two forms: ``question`` answered at or above
    option ``at_least``; or at least ``min_count`` of ``questions`` (questions of one type
    sharing that option, e.g. scenario ladders) answered at or above it, as MIIT gates a level
    on N scenarios at rung k."""

    level: int
    question: Id | None = Field(
        default=None, description="One single choice or scale question (the one-question form)."
    )
    questions: list[Id] | None = Field(
        default=None,
        min_length=1,
        description=(
            "The count form: single choice or scale questions of one type, each with the "
            "option ``at_least``; use with ``min_count`` instead of ``question``."
        ),
    )
    min_count: int | None = Field(
        default=None,
        ge=1,
        description="The count form: how many of ``questions`` must be at or above ``at_least``.",
    )
    at_least: OptionValue = Field(
        description=(
            "The option to reach (option order: first = lowest); n/a, don't know and "
            "unanswered never count."
        )
    )
    label: LocalizedText | None = Field(
        default=None,
        description=(
            "The count form: what reaching ``at_least`` means, shown in the reasons (e.g. "
            "'linked with other systems'); defaults to the option's label in the first question."
        ),
    )


class LevelRules(StrictModel):
    """Extra rules beyond score thresholds."""

    cumulative: bool = Field(
        default=False,
        description=(
            "A level counts only when every assessed category reaches the level below it."
        ),
    )
    requirements: list[LevelRequirement] = []


class Option(StrictModel):
    """A choice in a single choice, multiple choice or scale question."""

    value: OptionValue
    label: LocalizedText
    score: float | None = Field(default=None, description="Points for this option (>= 0).")
    descriptor: LocalizedText | None = Field(
        default=None, description="For scales: what this level looks like in practice."
    )
    exclusive: bool = Field(
        default=False, description="Multiple choice: cannot be ticked with other options."
    )


class NumberBand(StrictModel):
    """A range of a number answer: ``min`` inclusive, ``max`` exclusive; either may be open."""

    min: float | None = None
    max: float | None = None
    score: float | None = None
    value: OptionValue | None = Field(
        default=None, description="Name of the band, used by conditions and matching."
    )
    label: LocalizedText | None = None


class _QuestionBase(StrictModel):
    id: Id
    text: LocalizedText
    help: LocalizedText | None = None
    required: bool = False
    allow_na: bool = Field(default=False, description='Accept "n/a" (not applicable).')
    allow_unknown: bool = Field(default=False, description='Accept "unknown" (don\'t know).')
    show_if: Condition | None = None
    category: Id | None = None
    categories: dict[Id, Annotated[float, Field(ge=0, le=MAX_WEIGHT)]] | None = Field(
        default=None, description="Weighted categories, instead of a single category."
    )
    weight: float = Field(default=1.0, ge=0, le=MAX_WEIGHT)
    profile: Id | None = Field(
        default=None,
        description=(
            "Not scored: the answer describes the company (sector, size, region, ...) and is "
            "used for matching and benchmarks."
        ),
    )
    refs: Refs = {}


class SingleChoiceQuestion(_QuestionBase):
    type: Literal["single_choice"]
    options: list[Option] = Field(min_length=2)


class ScaleQuestion(_QuestionBase):
    """Ordered options, lowest first; each option's descriptor says what that level looks like."""

    type: Literal["scale"]
    options: list[Option] = Field(min_length=2)


class MultipleChoiceQuestion(_QuestionBase):
    type: Literal["multiple_choice"]
    options: list[Option] = Field(min_length=2)
    max_score: float | None = Field(
        default=None,
        gt=0,
        description="Cap on the summed option scores; defaults to the sum of all scores.",
    )
    max_selected: int | None = Field(
        default=None, ge=1, description="At most this many options may be ticked."
    )


class NumberQuestion(_QuestionBase):
    type: Literal["number"]
    unit: LocalizedText | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    bands: list[NumberBand] = []


class YesNoQuestion(_QuestionBase):
    type: Literal["yes_no"]
    score_yes: float | None = None
    score_no: float | None = None


class TextQuestion(_QuestionBase):
    """Free text: never scored."""

    type: Literal["text"]
    max_length: int | None = Field(default=None, gt=0)


Question = Annotated[
    SingleChoiceQuestion
    | ScaleQuestion
    | MultipleChoiceQuestion
    | NumberQuestion
    | YesNoQuestion
    | TextQuestion,
    Field(discriminator="type"),
]
ChoiceQuestion = SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion


class Section(StrictModel):
    id: Id
    title: LocalizedText
    description: LocalizedText | None = None
    show_if: Condition | None = None
    questions: list[Question] = Field(min_length=1)


class PainScale(StrictModel):
    """Weights a pain point by a fact about the firm, e.g. the energy share of its costs."""

    question: Id = Field(description="A question whose answer sets the factor.")
    factors: dict[OptionValue, float] = Field(
        description="Answer option -> factor (e.g. a high energy share weighs 1.5)."
    )
    by_sector: dict[OptionValue, float] = Field(
        default={},
        description="Sector value -> factor, used when the question is not answered.",
    )
    default: float = Field(default=1.0, ge=0, description="Factor when nothing else applies.")


class PainPoint(StrictModel):
    """A problem an owner recognises; raised by a rule (``when``) or a low category score."""

    id: Id
    name: LocalizedText
    description: LocalizedText
    category: Id | None = None
    when: Condition | None = None
    below: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Raised when the score of ``category`` is below this (0-100).",
    )
    weight: float = Field(default=1.0, gt=0, le=MAX_WEIGHT)
    scale_by: PainScale | None = Field(
        default=None, description="Weigh the severity by a fact about the firm."
    )


class Benchmark(StrictModel):
    """A published distribution of levels to compare a firm against."""

    id: Id
    name: LocalizedText
    source: Id
    year: int = Field(ge=1900, le=2100)
    shares: dict[int, float] = Field(
        description="Level number -> percentage of firms at that level."
    )
    note: LocalizedText | None = None


class Duration(StrictModel):
    """How long answering takes, as measured; a run states it at the start."""

    min_minutes: int = Field(ge=1, le=600)
    max_minutes: int = Field(ge=1, le=600)


class ShortForm(StrictModel):
    """A shorter walk (``run --short``): the profile plus these questions or sections."""

    questions: list[Id] = Field(
        min_length=1, description="Question or section ids asked besides the profile."
    )
    duration: Duration
    description: LocalizedText = Field(description="What the short form gives and leaves out.")


class Migration(StrictModel):
    """How answers given for an earlier version of the pack are carried over to this one.

    Each entry maps one earlier version straight to this version (no chains). Applied in
    this order: ``dropped``, then ``questions``, then ``options``."""

    version: SemVer = Field(description="The earlier version whose answers this carries over.")
    added: list[Id] = Field(
        default=[],
        description="Questions new since that version: left unanswered, said so, never refused.",
    )
    questions: dict[Id, Id] = Field(
        default={}, description="Renamed questions: the id then -> the id now."
    )
    options: dict[Id, dict[OptionValue, OptionValue]] = Field(
        default={},
        description="Renamed options, per question (its id now): the value then -> the value now.",
    )
    options_added: dict[Id, list[OptionValue]] = Field(
        default={},
        description=(
            "Options of a multiple-choice question new since that version (its id now -> the "
            "option values): an answer given then could not tick them, so whether they hold is "
            "unknown, not false. Conditions on them read as they do for an unanswered question, "
            "every output says they were not asked, and `run --resume` asks the question again."
        ),
    )
    dropped: dict[Id, LocalizedText] = Field(
        default={},
        description=(
            "Answers that cannot be carried over (question id then -> why, e.g. a percentage "
            "replaced by counts): left out and said so, never refused."
        ),
    )
    reworded: dict[Id, LocalizedText] = Field(
        default={},
        description=(
            "Questions whose wording or option meanings changed while their ids stayed (id now "
            "-> what changed): answers are carried over as given and every output says so, "
            "so the firm can check them."
        ),
    )


class Questionnaire(StrictModel):
    """A questionnaire pack's questions, categories, levels and pain points."""

    schema_version: Literal[1]
    id: PackId
    version: SemVer
    title: LocalizedText
    description: LocalizedText | None = None
    languages: list[LanguageTag] = Field(min_length=1)
    default_language: LanguageTag
    sources: list[Source] = []
    categories: list[Category] = Field(min_length=1)
    levels: list[Level] = Field(min_length=1)
    level_rules: LevelRules = LevelRules.model_construct()
    sections: list[Section] = Field(min_length=1)
    pain_points: list[PainPoint] = []
    benchmarks: list[Benchmark] = []
    duration: Duration | None = Field(
        default=None, description="How long the whole questionnaire takes, as measured."
    )
    short_form: ShortForm | None = None
    crosswalks: list[Crosswalk] = Field(
        default=[],
        description="External frameworks whose level the pack estimates (e.g. MIIT 2024).",
    )
    migrations: list[Migration] = Field(
        default=[],
        description="How answers given for earlier versions of the pack are carried over.",
    )
    published: dict[SemVer, str] = Field(
        default={},
        description=(
            "Fingerprints of the published versions (version -> what `validate` prints): "
            "their question ids, types, options and show-ifs. `validate` fails a pack whose "
            "version is listed with another fingerprint (changed without a new version)."
        ),
    )

    def questions(self) -> list[Question]:
        """Every question, in the order they are asked."""
        return list(self._questions)

    @cached_property
    def _questions(self) -> tuple[Question, ...]:
        return tuple(q for section in self.sections for q in section.questions)

    def question(self, qid: str) -> Question | None:
        """The question with this id, if any."""
        return self._question_index.get(qid)

    @cached_property
    def _question_index(self) -> dict[str, Question]:
        index: dict[str, Question] = {}
        for q in self._questions:
            index.setdefault(q.id, q)
        return index

"""Findings (what `validate` reports) and the registry of stable rule ids."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str


_E, _W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    r.id: r
    for r in [
        Rule("file-unreadable", _E, "The file cannot be read (missing, permissions, encoding)."),
        Rule("file-encoding", _W, "The file is not saved as UTF-8 (GBK, UTF-16): read, said."),
        Rule("yaml-syntax", _E, "The file is not valid YAML."),
        Rule("yaml-tab-indent", _E, "A tab is used for indentation; YAML needs spaces."),
        Rule("yaml-duplicate-key", _E, "A mapping has the same key twice."),
        Rule("schema-missing-field", _E, "A required field is missing."),
        Rule("schema-unknown-key", _E, "A key the format does not know (typo?)."),
        Rule("schema-type", _E, "A value has the wrong type."),
        Rule("schema-value", _E, "A value is not allowed (pattern, range, choice)."),
        Rule("pack-missing-file", _E, "A pack folder lacks questionnaire.yaml or catalogue.yaml."),
        Rule("pack-mismatch", _E, "The catalogue belongs to another questionnaire."),
        Rule("duplicate-id", _E, "Two items of one kind share an id."),
        Rule("unknown-reference", _E, "A reference to an id that is not declared."),
        Rule("reserved-value", _E, 'An option value is "n/a" or "unknown", which are reserved.'),
        Rule("condition-syntax", _E, "A show-if or when expression cannot be parsed."),
        Rule("condition-unknown-name", _E, "A condition uses a name that is not a question id."),
        Rule(
            "condition-forward-reference",
            _E,
            "A condition refers to a question asked later (or to itself).",
        ),
        Rule("condition-cycle", _E, "Conditions depend on each other in a cycle."),
        Rule(
            "condition-type-mismatch",
            _E,
            "A comparison whose type cannot match the question's type.",
        ),
        Rule("condition-never-true", _W, "A condition that can never be true."),
        Rule("missing-translation", _E, "A text lacks one of the pack's declared languages."),
        Rule("untranslated-text", _W, "A plain string with words in a multi-language pack."),
        Rule("unknown-language", _W, "A text has a language the pack does not declare."),
        Rule("level-order", _E, "Level minimums are not strictly ascending from 0."),
        Rule("level-unreachable", _E, "No set of answers can reach this level."),
        Rule("option-score-range", _E, "An option score is outside its allowed range."),
        Rule("scale-order", _E, "Scale options are not ordered from lowest to highest score."),
        Rule("scored-without-category", _E, "A question has scores but no category."),
        Rule("category-without-scores", _E, "A question has a category but nothing to score."),
        Rule("category-without-questions", _E, "A category no scored question feeds."),
        Rule("profile-scored", _E, "A profile question also has a category or scores."),
        Rule("solution-addresses-nothing", _E, "A solution addresses no pain point or category."),
        Rule("prerequisite-cycle", _E, "Solutions require each other in a cycle."),
        Rule("bundle-cycle", _E, "A bundle includes itself, directly or through its parts."),
        Rule(
            "fact-never-established",
            _W,
            "A solution requires a fact that no solution establishes.",
        ),
        Rule("lift-order", _E, "A solution lifts to a level not above the one it lifts from."),
        Rule("pain-point-never-raised", _E, "A pain point has neither a rule nor a threshold."),
        Rule("pain-point-unaddressed", _W, "No solution addresses this pain point."),
        Rule(
            "solution-without-action",
            _W,
            "A solution has no action (first step, owner role, KPI): page 2 cannot plan it.",
        ),
        Rule("kpi-target-without-number", _W, "A KPI target has no number to check it by."),
        Rule("benchmark-shares", _W, "A benchmark's shares do not add up to 100."),
        Rule(
            "level-requirement-form",
            _E,
            "A level requirement needs one 'question', or 'questions' with 'min_count'.",
        ),
        Rule(
            "level-requirement-count",
            _E,
            "A level requirement's min_count is more than the questions it lists.",
        ),
        Rule(
            "level-requirement-mixed",
            _E,
            "A level requirement counts questions of different types (scale and single choice).",
        ),
        Rule("number-range", _E, "A number question's min is not below its max, or bands overlap."),
        Rule("crosswalk-unknown-question", _E, "A crosswalk names a question the pack lacks."),
        Rule("crosswalk-unknown-option", _E, "A crosswalk maps an option the question lacks."),
        Rule("crosswalk-unknown-group", _E, "A crosswalk item names a group it does not declare."),
        Rule("crosswalk-unknown-source", _E, "A crosswalk cites a source the pack lacks."),
        Rule("crosswalk-item-input", _E, "A crosswalk item needs exactly one input."),
        Rule(
            "crosswalk-rate-input",
            _E,
            "A crosswalk rate needs two different number questions and bands to score it.",
        ),
        Rule(
            "crosswalk-points-total",
            _E,
            "A crosswalk's items can earn more than their group's points, or an option more "
            "than its item's.",
        ),
        Rule("crosswalk-gate-order", _E, "Crosswalk gates are not ascending or cannot be met."),
        Rule(
            "crosswalk-not-monotone",
            _E,
            "A better answer would earn fewer framework points or a lower rung.",
        ),
        Rule(
            "migration-version",
            _E,
            "A migration is not from an earlier version of the pack, or one version twice.",
        ),
        Rule(
            "migration-unknown-question",
            _E,
            "A migration names a question this version lacks (added, renamed to, options).",
        ),
        Rule(
            "migration-unknown-option",
            _E,
            "A migration renames an option to one the question lacks, or on a question "
            "without options, or lists as added an option the question lacks.",
        ),
        Rule(
            "migration-not-multiple-choice",
            _E,
            "A migration lists options added to a question that is not multiple choice (only "
            "an answer that ticks several options can leave some of them unknown).",
        ),
        Rule(
            "migration-conflict",
            _E,
            "A migration gives one answer two meanings (renamed but still asked, renamed "
            "twice onto one question, renamed and dropped, renamed onto an added question, an "
            "option listed as added that the version had, or of a question added since).",
        ),
        Rule(
            "migration-options-added-older",
            _W,
            "An option is listed as added since a version, but the migration of an older "
            "version carries the question's answers without listing it: those answers would "
            "read it as not ticked.",
        ),
        Rule(
            "published-version-changed",
            _E,
            "The questions, options or show-ifs changed while the version stayed one that was "
            "published (its recorded fingerprint differs): give it a new version and a migration.",
        ),
        Rule(
            "published-version-unrecorded",
            _W,
            "The pack records published versions, but not this one: record its fingerprint.",
        ),
    ]
}


@dataclass(frozen=True)
class Finding:
    """One problem found in a file, at a 1-based line and column."""

    rule: str
    message: str
    path: str
    line: int = 1
    col: int = 1
    severity: Severity | None = None

    @property
    def level(self) -> Severity:
        return self.severity or RULES[self.rule].severity

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.rule)

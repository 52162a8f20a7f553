"""A corpus of broken packs: every rule `validate` knows, each found at the right line.

Each case is one text replacement in a copy of the valid sample pack. The case names the
rule it must trigger and a snippet of the *mutated* file that starts on the line the finding
must point at. The replacement must apply exactly once, so a case cannot silently stop
breaking anything when the sample pack changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from sme_assess.pack.checking import check_paths
from sme_assess.pack.findings import RULES, Finding, Severity
from sme_assess.pack.reading import read_pack

from ..conftest import SAMPLE

Q, C = "questionnaire.yaml", "catalogue.yaml"
_HOOK = "\n# A small crosswalk onto"  # where a case adds a block to the questionnaire
_REQ = "      question: machine_data\n      at_least: gateway\n"  # the sample's level requirement


class Case(NamedTuple):
    id: str
    file: str
    old: str
    new: str
    rule: str
    at: str  # a snippet of the mutated file that starts on the expected line


CASES: list[Case] = [
    # --- YAML -------------------------------------------------------------------------------
    Case("yaml-syntax", Q, "id: sample\n", "id: sample: x\n", "yaml-syntax", "id: sample: x"),
    Case(
        "yaml-tab-indent",
        Q,
        '    edition: "2024"',
        '\tedition: "2024"',
        "yaml-tab-indent",
        '\tedition: "2024"',
    ),
    Case(
        "yaml-tab-indent-in-catalogue",
        C,
        "    cost_tier: monthly\n",
        "\tcost_tier: monthly\n",
        "yaml-tab-indent",
        "\tcost_tier: monthly",
    ),
    Case(
        "yaml-duplicate-key",
        Q,
        "    year: 2024\n    publisher",
        "    year: 2024\n    year: 2025\n    publisher",
        "yaml-duplicate-key",
        "year: 2025",
    ),
    Case(
        "yaml-duplicate-top-level-key",
        C,
        "currency: CNY\n",
        "currency: CNY\nversion: 1.0.1\n",
        "yaml-duplicate-key",
        "version: 1.0.1",
    ),
    # --- schema -----------------------------------------------------------------------------
    Case(
        "schema-type-number",
        Q,
        "    weight: 2\n    refs",
        "    weight: heavy\n    refs",
        "schema-type",
        "weight: heavy",
    ),
    Case(
        # YAML 1.2: `yes` is a string, and a string is not a boolean
        "schema-type-yes-is-not-a-boolean",
        Q,
        "        required: true\n",
        "        required: yes\n",
        "schema-type",
        "required: yes",
    ),
    Case(
        "schema-type-in-flow-mapping",
        Q,
        "{value: food, label: {en: Food and drink, zh: 食品饮料}}",
        "{value: food, label: {en: Food and drink, zh: 食品饮料}, score: high}",
        "schema-type",
        "- {value: food",
    ),
    Case(
        "schema-unknown-key",
        Q,
        "        required: true\n",
        "        requird: true\n",
        "schema-unknown-key",
        "requird: true",
    ),
    Case(
        "schema-unknown-top-level-key",
        C,
        "currency: CNY\n",
        "currency: CNY\ncurency: CNY\n",
        "schema-unknown-key",
        "curency: CNY",
    ),
    Case(
        # the finding points at the mapping that lacks the field
        "schema-missing-field",
        Q,
        "    description: {en: Work runs on paper and memory., zh: 主要靠纸和人记。}\n",
        "",
        "schema-missing-field",
        "- number: 0",
    ),
    Case(
        "schema-missing-field-in-question",
        Q,
        "        text: {en: How many years have you used it?, zh: 用了几年了？}\n",
        "",
        "schema-missing-field",
        "- id: erp_age",
    ),
    Case(
        "schema-missing-field-in-solution",
        C,
        "    effort: low\n    time_to_value_months: 3\n",
        "    time_to_value_months: 3\n",
        "schema-missing-field",
        "- id: cloud_erp",
    ),
    Case(
        "schema-missing-top-level-field",
        Q,
        "id: sample\n",
        "",
        "schema-missing-field",
        "schema_version: 1",
    ),
    Case(
        "schema-missing-question-type",
        Q,
        "        type: yes_no\n",
        "",
        "schema-missing-field",
        "- id: has_erp",
    ),
    Case(
        "schema-value-pattern",
        Q,
        "version: 1.0.0\ntitle",
        "version: one\ntitle",
        "schema-value",
        "version: one",
    ),
    Case(
        "schema-value-choice",
        C,
        "    effort: low\n    time_to_value_months: 3\n",
        "    effort: lo\n    time_to_value_months: 3\n",
        "schema-value",
        "effort: lo\n",
    ),
    Case(
        "schema-value-schema-version",
        C,
        "schema_version: 1\n",
        "schema_version: 2\n",
        "schema-value",
        "schema_version: 2",
    ),
    Case(
        "schema-value-category-and-categories",
        Q,
        "        type: yes_no\n        category: data\n",
        "        type: yes_no\n        category: data\n        categories: {data: 1}\n",
        "schema-value",
        "categories: {data: 1}",
    ),
    # --- pack -------------------------------------------------------------------------------
    Case(
        "pack-mismatch",
        C,
        "questionnaire: sample\n",
        "questionnaire: other-pack\n",
        "pack-mismatch",
        "questionnaire: other-pack",
    ),
    # --- duplicate ids ----------------------------------------------------------------------
    Case(
        "duplicate-question",
        Q,
        "      - id: daily_entry\n",
        "      - id: has_erp\n",
        "duplicate-id",
        "- id: has_erp\n        type: single_choice",
    ),
    Case(
        "duplicate-option",
        Q,
        "{value: week, label",
        "{value: never, label",
        "duplicate-id",
        "- {value: never, label: {en: Within a week",
    ),
    Case(
        "duplicate-category",
        Q,
        "  - id: data\n    name",
        "  - id: equipment\n    name",
        "duplicate-id",
        "- id: equipment\n    name: {en: Data lives on paper",
    ),
    Case(
        "duplicate-pain-point",
        Q,
        "  - id: data_late\n",
        "  - id: equipment_unreadable\n",
        "duplicate-id",
        "- id: equipment_unreadable\n    name: {en: Data arrives late",
    ),
    Case(
        "duplicate-solution",
        C,
        "  - id: oee_dashboard\n",
        "  - id: cloud_erp\n",
        "duplicate-id",
        "- id: cloud_erp\n    name: {en: Downtime",
    ),
    Case(
        "duplicate-cost-tier",
        C,
        "{id: mid,",
        "{id: low,",
        "duplicate-id",
        "{id: low, label: {en: ¥50k",
    ),
    Case(
        "duplicate-section",
        Q,
        "  - id: office\n",
        "  - id: profile\n",
        "duplicate-id",
        "- id: profile\n    title: {en: Office",
    ),
    Case(
        "duplicate-language",
        Q,
        "languages: [en, zh]",
        "languages: [en, zh, en]",
        "duplicate-id",
        "languages: [en, zh, en]",
    ),
    # --- unknown references -----------------------------------------------------------------
    Case(
        "unknown-category",
        Q,
        "        category: data\n        integer",
        "        category: date\n        integer",
        "unknown-reference",
        "category: date",
    ),
    Case(
        "unknown-pain-point",
        C,
        "pain_points: {data_late: 3}",
        "pain_points: {data_lates: 3}",
        "unknown-reference",
        "pain_points: {data_lates: 3}",
    ),
    Case(
        "unknown-prerequisite-solution",
        C,
        "solutions: [machine_gateway]",
        "solutions: [machine_gatway]",
        "unknown-reference",
        "solutions: [machine_gatway]",
    ),
    Case(
        "unknown-cost-tier",
        C,
        "cost_tier: monthly",
        "cost_tier: yearly",
        "unknown-reference",
        "cost_tier: yearly",
    ),
    Case(
        "unknown-default-language",
        Q,
        "default_language: en",
        "default_language: fr",
        "unknown-reference",
        "default_language: fr",
    ),
    Case(
        "unknown-source-in-refs",
        Q,
        "    weight: 2\n    refs: {miit_2024:",
        "    weight: 2\n    refs: {miit_2042:",
        "unknown-reference",
        "refs: {miit_2042:",
    ),
    Case(
        "unknown-benchmark-level",
        Q,
        "{0: 50, 1: 35, 2: 15}",
        "{0: 50, 1: 35, 3: 15}",
        "unknown-reference",
        "shares: {0: 50, 1: 35, 3: 15}",
    ),
    Case(
        "unknown-requirement-question",
        Q,
        "      question: machine_data\n",
        "      question: machine_date\n",
        "unknown-reference",
        "question: machine_date",
    ),
    Case(
        "unknown-requirement-option",
        Q,
        "      at_least: gateway\n",
        "      at_least: gatway\n",
        "unknown-reference",
        "at_least: gatway",
    ),
    # --- level requirements: the count form (at least min_count of questions) -------------
    Case(
        "level-requirement-unknown-question-in-count",
        Q,
        _REQ,
        "      questions:\n        - machine_data\n        - machine_dta\n"
        "      min_count: 1\n      at_least: gateway\n",
        "unknown-reference",
        "- machine_dta",
    ),
    Case(
        "level-requirement-count-above-the-set",
        Q,
        _REQ,
        "      questions: [machine_data]\n      min_count: 3\n      at_least: gateway\n",
        "level-requirement-count",
        "min_count: 3",
    ),
    Case(
        "level-requirement-option-the-questions-lack",
        Q,
        _REQ,
        "      questions: [daily_entry, company_size]\n      min_count: 1\n"
        "      at_least: same_day\n",
        "unknown-reference",
        "at_least: same_day",
    ),
    Case(
        "level-requirement-mixed-types",
        Q,
        _REQ,
        "      questions:\n        - machine_data\n        - daily_entry\n"
        "      min_count: 1\n      at_least: gateway\n",
        "level-requirement-mixed",
        "- daily_entry",
    ),
    Case(
        "level-requirement-count-of-a-number-question",
        Q,
        _REQ,
        "      questions:\n        - machine_data\n        - networked_share\n"
        "      min_count: 1\n      at_least: gateway\n",
        "condition-type-mismatch",
        "- networked_share",
    ),
    Case(
        "level-requirement-question-listed-twice",
        Q,
        _REQ,
        "      questions:\n        - machine_data\n        - machine_data\n"
        "      min_count: 1\n      at_least: gateway\n",
        "duplicate-id",
        "- machine_data\n      min_count",
    ),
    Case(
        "level-requirement-both-forms",
        Q,
        _REQ,
        "      question: machine_data\n      questions: [machine_data]\n      min_count: 1\n"
        "      at_least: gateway\n",
        "level-requirement-form",
        "questions: [machine_data]",
    ),
    Case(
        "level-requirement-questions-without-min-count",
        Q,
        _REQ,
        "      questions: [machine_data]\n      at_least: gateway\n",
        "level-requirement-form",
        "questions: [machine_data]",
    ),
    Case(
        "unknown-size-value",
        C,
        "sizes: [small, medium]",
        "sizes: [small, large]",
        "unknown-reference",
        "sizes: [small, large]",
    ),
    Case(
        "unknown-sector-value",
        C,
        "sectors: [machinery]",
        "sectors: [textiles]",
        "unknown-reference",
        "sectors: [textiles]",
    ),
    Case(
        "unknown-min-level-category",
        C,
        "min_levels: {equipment: 1}",
        "min_levels: {equipments: 1}",
        "unknown-reference",
        "min_levels: {equipments: 1}",
    ),
    Case(
        "unknown-lift-level",
        C,
        "lifts: {from: 0, to: 2}",
        "lifts: {from: 0, to: 5}",
        "unknown-reference",
        "lifts: {from: 0, to: 5}",
    ),
    Case(
        "unknown-addressed-category",
        C,
        "categories: {data: 3}",
        "categories: {daat: 3}",
        "unknown-reference",
        "categories: {daat: 3}",
    ),
    Case(
        "below-without-category",
        Q,
        "    category: data\n    below: 40",
        "    below: 40",
        "unknown-reference",
        "below: 40",
    ),
    Case(
        "reserved-value",
        Q,
        "{value: never, label",
        "{value: unknown, label",
        "reserved-value",
        "- {value: unknown",
    ),
    # --- conditions -------------------------------------------------------------------------
    Case(
        "condition-syntax",
        Q,
        'show_if: "has_erp == true"',
        'show_if: "has_erp = true"',
        "condition-syntax",
        'show_if: "has_erp = true"',
    ),
    Case(
        # attribute access is refused: a condition is data, never code
        "condition-syntax-attribute",
        Q,
        "when: \"machine_data == 'paper'\"",
        'when: "machine_data.__class__"',
        "condition-syntax",
        'when: "machine_data.__class__"',
    ),
    Case(
        "condition-unknown-name",
        Q,
        'show_if: "has_erp == true"',
        'show_if: "has_epr == true"',
        "condition-unknown-name",
        'show_if: "has_epr == true"',
    ),
    Case(
        "condition-forward-reference",
        Q,
        "show_if: \"machine_data >= 'spreadsheet'\"",
        "show_if: \"daily_entry == 'week'\"",
        "condition-forward-reference",
        "show_if: \"daily_entry == 'week'\"",
    ),
    Case(
        "condition-refers-to-itself",
        Q,
        "show_if: \"machine_data >= 'spreadsheet'\"",
        'show_if: "sensors"',
        "condition-forward-reference",
        'show_if: "sensors"',
    ),
    Case(
        # has_erp -> erp_age -> has_erp; reported at the first id of the cycle (erp_age)
        "condition-cycle",
        Q,
        "        type: yes_no\n",
        '        type: yes_no\n        show_if: "erp_age > 1"\n',
        "condition-cycle",
        'show_if: "has_erp == true"',
    ),
    Case(
        "condition-cycle-self",
        Q,
        "show_if: \"machine_data >= 'spreadsheet'\"",
        'show_if: "sensors"',
        "condition-cycle",
        'show_if: "sensors"',
    ),
    Case(
        # a section shown only for an answer given inside that section
        "condition-cycle-through-section",
        Q,
        "  - id: shop_floor\n    title: {en: Shop floor, zh: 车间}\n",
        "  - id: shop_floor\n    show_if: \"machine_data == 'paper'\"\n"
        "    title: {en: Shop floor, zh: 车间}\n",
        "condition-cycle",
        "show_if: \"machine_data == 'paper'\"\n    title",
    ),
    Case(
        "condition-type-mismatch-yes-no-vs-string",
        Q,
        'show_if: "has_erp == true"',
        "show_if: \"has_erp == 'yes'\"",
        "condition-type-mismatch",
        "show_if: \"has_erp == 'yes'\"",
    ),
    Case(
        "condition-type-mismatch-number-vs-string",
        Q,
        "show_if: \"machine_data >= 'spreadsheet'\"",
        "show_if: \"networked_share > '50'\"",
        "condition-type-mismatch",
        "show_if: \"networked_share > '50'\"",
    ),
    Case(
        "condition-type-mismatch-bare-number",
        Q,
        "show_if: \"machine_data >= 'spreadsheet'\"",
        'show_if: "networked_share"',
        "condition-type-mismatch",
        'show_if: "networked_share"',
    ),
    Case(
        "condition-type-mismatch-level-requirement",
        Q,
        "      question: machine_data\n",
        "      question: has_erp\n",
        "condition-type-mismatch",
        "question: has_erp",
    ),
    Case(
        "condition-never-true-unknown-option",
        Q,
        "when: \"machine_data == 'paper'\"",
        "when: \"machine_data == 'papers'\"",
        "condition-never-true",
        "when: \"machine_data == 'papers'\"",
    ),
    Case(
        "condition-never-true-out-of-range",
        Q,
        "when: \"machine_data == 'paper'\"",
        'when: "networked_share > 100"',
        "condition-never-true",
        'when: "networked_share > 100"',
    ),
    Case(
        "condition-never-true-contradiction",
        Q,
        "when: \"machine_data == 'paper'\"",
        "when: \"machine_data == 'paper' and machine_data == 'gateway'\"",
        "condition-never-true",
        "when: \"machine_data == 'paper' and",
    ),
    # --- translations -----------------------------------------------------------------------
    Case(
        "missing-translation",
        Q,
        "{en: Shop floor, zh: 车间}",
        "{en: Shop floor}",
        "missing-translation",
        "title: {en: Shop floor}",
    ),
    Case(
        "missing-translation-blank",
        Q,
        "{en: Shop floor, zh: 车间}",
        '{en: Shop floor, zh: " "}',
        "missing-translation",
        "title: {en: Shop floor,",
    ),
    Case(
        "missing-translation-in-catalogue",
        C,
        "{en: Weekly OEE report, zh: 每周设备综合效率报表}",
        "{en: Weekly OEE report}",
        "missing-translation",
        "- {en: Weekly OEE report}",
    ),
    Case(
        "missing-translation-optional-text",
        Q,
        "{en: A sentence is enough., zh: 一句话就行。}",
        "{en: A sentence is enough.}",
        "missing-translation",
        "help: {en: A sentence is enough.}",
    ),
    Case(
        "untranslated-text",
        Q,
        "{en: Shop floor, zh: 车间}",
        "Shop floor",
        "untranslated-text",
        "title: Shop floor",
    ),
    Case(
        "untranslated-text-in-catalogue",
        C,
        "{id: mid, label: {en: ¥50k-300k, zh: 5万到30万元}",
        "{id: mid, label: ¥50k-300k",
        "untranslated-text",
        "{id: mid, label: ¥50k-300k",
    ),
    Case(
        "unknown-language",
        Q,
        "{en: Shop floor, zh: 车间}",
        "{en: Shop floor, zh: 车间, fr: Atelier}",
        "unknown-language",
        "title: {en: Shop floor, zh: 车间, fr",
    ),
    Case(
        # block mapping: the finding is at the unknown key's own line
        "unknown-language-block",
        Q,
        "      zh: 机器的运行情况能不能自动报上来，而不是靠人去抄。\n",
        "      zh: 机器的运行情况能不能自动报上来，而不是靠人去抄。\n      fr: Les machines.\n",
        "unknown-language",
        "fr: Les machines.",
    ),
    # --- levels and scores ------------------------------------------------------------------
    Case(
        "level-order-not-ascending",
        Q,
        "    min_score: 60\n",
        "    min_score: 20\n",
        "level-order",
        "min_score: 20",
    ),
    Case(
        "level-order-not-from-zero",
        Q,
        "    min_score: 0\n",
        "    min_score: 10\n",
        "level-order",
        "min_score: 10",
    ),
    Case(
        "level-unreachable",
        Q,
        "    min_score: 60\n",
        "    min_score: 101\n",
        "level-unreachable",
        "min_score: 101",
    ),
    Case(
        "option-score-range",
        Q,
        "            score: 3\n",
        "            score: 300\n",
        "option-score-range",
        "score: 300",
    ),
    Case(
        "option-score-negative",
        Q,
        "zh: 一周以内}, score: 1}",
        "zh: 一周以内}, score: -1}",
        "option-score-range",
        "- {value: week",
    ),
    Case(
        "option-score-above-max-score",
        Q,
        "zh: 能耗}, score: 1}",
        "zh: 能耗}, score: 3}",
        "option-score-range",
        "- {value: energy",
    ),
    Case(
        "option-score-yes-no",
        Q,
        "        score_yes: 1\n",
        "        score_yes: 101\n",
        "option-score-range",
        "score_yes: 101",
    ),
    Case(
        "option-score-band",
        Q,
        "          - {min: 1, score: 1}\n",
        "          - {min: 1, score: 150}\n",
        "option-score-range",
        "- {min: 1, score: 150}",
    ),
    Case(
        "option-score-some-unscored",
        Q,
        "zh: 一周以内}, score: 1}",
        "zh: 一周以内}}",
        "option-score-range",
        "- {value: never",
    ),
    Case(
        "scale-order",
        Q,
        "            score: 1\n",
        "            score: 5\n",
        "scale-order",
        "score: 3\n",
    ),
    Case(
        "scored-without-category",
        Q,
        "        type: yes_no\n        category: data\n",
        "        type: yes_no\n",
        "scored-without-category",
        "- id: has_erp",
    ),
    Case(
        "category-without-scores",
        Q,
        "        score_yes: 1\n        score_no: 0\n",
        "",
        "category-without-scores",
        'category: data\n        text: {en: "Do orders',
    ),
    Case(
        "category-on-text-question",
        Q,
        "        type: text\n",
        "        type: text\n        category: data\n",
        "category-without-scores",
        "category: data\n        text: {en: What worries",
    ),
    Case(
        "category-without-questions",
        Q,
        "levels:\n  - number: 0\n",
        "  - id: people\n    name: {en: Skills, zh: 技能}\n"
        "    description: {en: Skills., zh: 技能。}\n"
        "levels:\n  - number: 0\n",
        "category-without-questions",
        "- id: people",
    ),
    Case(
        "profile-scored",
        Q,
        "        profile: size\n",
        "        profile: size\n        category: data\n",
        "profile-scored",
        "profile: size",
    ),
    Case(
        "number-range-min-max",
        Q,
        "        min: 0\n        max: 40\n",
        "        min: 50\n        max: 40\n",
        "number-range",
        "min: 50",
    ),
    Case(
        "number-range-overlapping-bands",
        Q,
        "{min: 10, max: 40, score: 1}",
        "{min: 5, max: 40, score: 1}",
        "number-range",
        "- {min: 5, max: 40",
    ),
    Case(
        "number-range-empty-band",
        Q,
        "{min: 10, max: 40, score: 1}",
        "{min: 40, max: 10, score: 1}",
        "number-range",
        "- {min: 40, max: 10",
    ),
    # --- pain points and benchmarks ---------------------------------------------------------
    Case(
        "pain-point-never-raised",
        Q,
        "    below: 40\n",
        "",
        "pain-point-never-raised",
        "- id: data_late",
    ),
    Case(
        "pain-point-unaddressed",
        Q,
        "benchmarks:\n",
        "  - id: no_backup\n    name: {en: No backup, zh: 没有备份}\n"
        "    description: {en: Data may be lost., zh: 数据可能丢失。}\n"
        '    when: "has_erp == false"\nbenchmarks:\n',
        "pain-point-unaddressed",
        "- id: no_backup",
    ),
    Case(
        "benchmark-shares",
        Q,
        "{0: 50, 1: 35, 2: 15}",
        "{0: 50, 1: 35, 2: 5}",
        "benchmark-shares",
        "shares: {0: 50, 1: 35, 2: 5}",
    ),
    # --- catalogue --------------------------------------------------------------------------
    Case(
        "solution-addresses-nothing",
        C,
        "    addresses:\n      pain_points: {data_late: 3}\n      categories: {data: 3}\n",
        "    addresses: {}\n",
        "solution-addresses-nothing",
        "addresses: {}",
    ),
    Case(
        "prerequisite-cycle",
        C,
        "    lifts: {from: 0, to: 1}\n",
        "    lifts: {from: 0, to: 1}\n    prerequisites: {solutions: [oee_dashboard]}\n",
        "prerequisite-cycle",
        "prerequisites: {solutions: [oee_dashboard]}",
    ),
    # --- facts, bundles and plan rules (issue 11) ------------------------------------------
    Case(
        "unknown-fact-required",
        C,
        "requires: [machines_read]",
        "requires: [machines_red]",
        "unknown-reference",
        "requires: [machines_red]",
    ),
    Case(
        "in-place-condition-unknown-name",
        C,
        'in_place_if: "has_erp == true"',
        'in_place_if: "has_erpp == true"',
        "condition-unknown-name",
        'in_place_if: "has_erpp == true"',
    ),
    Case(  # catalogue 1.8.0: what the answers point at is read as any condition
        "indicated-condition-unknown-name",
        C,
        'in_place_if: "has_erp == true"',
        'in_place_if: "has_erp == true"\n    indicated_if: "has_erpp == true"',
        "condition-unknown-name",
        'indicated_if: "has_erpp == true"',
    ),
    Case(  # a step that waits for months of records of a fact the catalogue lacks
        "needs-history-unknown-fact",
        C,
        "requires: [machines_read]",
        "requires: [machines_read]\n    needs_history: [machines_red]",
        "unknown-reference",
        "needs_history: [machines_red]",
    ),
    Case(
        "in-place-condition-type-mismatch",
        C,
        'in_place_if: "has_erp == true"',
        "in_place_if: \"has_erp == 'yes'\"",
        "condition-type-mismatch",
        "in_place_if: \"has_erp == 'yes'\"",
    ),
    Case(
        "fact-condition-syntax",
        C,
        "when: \"machine_data == 'gateway'\"",
        'when: "machine_data == "',
        "condition-syntax",
        'when: "machine_data == "',
    ),
    Case(
        "not-applicable-condition-never-true",
        C,
        'not_applicable_if: "networked_share == 0"',
        'not_applicable_if: "networked_share == 200"',
        "condition-never-true",
        'not_applicable_if: "networked_share == 200"',
    ),
    Case(
        "bundle-includes-itself",
        C,
        "includes: [machine_gateway, oee_dashboard]",
        "includes: [machine_gateway, oee_dashboard, shopfloor_kit]",
        "bundle-cycle",
        "includes: [machine_gateway, oee_dashboard, shopfloor_kit]",
    ),
    Case(
        "bundle-unknown-part",
        C,
        "includes: [machine_gateway, oee_dashboard]",
        "includes: [machine_gateway, oee_board]",
        "unknown-reference",
        "includes: [machine_gateway, oee_board]",
    ),
    Case(
        "fact-never-established",
        C,
        "    establishes: [machines_read]\n",
        "",
        "fact-never-established",
        "requires: [machines_read]",
    ),
    Case(
        "scenario-unknown-question",
        C,
        "scenarios: [sensors]",
        "scenarios: [sensor]",
        "unknown-reference",
        "scenarios: [sensor]",
    ),
    Case(
        "scenario-without-not-applicable",
        C,
        "scenarios: [sensors]",
        "scenarios: [daily_entry]",
        "condition-never-true",
        "scenarios: [daily_entry]",
    ),
    Case(
        "first-when-raised-unknown-pain",
        C,
        "first_when_raised: {}",
        "first_when_raised: {no_owner: cloud_erp}",
        "unknown-reference",
        "first_when_raised: {no_owner: cloud_erp}",
    ),
    Case(  # a misspelt size caps no firm: the first year's cap would silently not apply
        "next-cap-unknown-size",
        C,
        "first_when_raised: {}",
        "first_when_raised: {}\n  next_max_new_systems: {micro: 1, smal: 3}",
        "unknown-reference",
        "next_max_new_systems: {micro: 1, smal: 3}",
    ),
    Case(
        "next-cap-negative",
        C,
        "first_when_raised: {}",
        "first_when_raised: {}\n  next_max_new_systems: {micro: -1}",
        "schema-value",
        "next_max_new_systems: {micro: -1}",
    ),
    Case(  # a band the budget names but the question does not give: no budget, without a word
        "budget-unknown-band",
        C,
        "first_when_raised: {}",
        "first_when_raised: {}\n  first_year_budget:\n    share_of_revenue: 0.03\n"
        "    revenue_band: company_size\n    band_revenue_cny: {micro: 1000000, hug: 9000000}",
        "unknown-reference",
        "band_revenue_cny: {micro: 1000000, hug: 9000000}",
    ),
    Case(  # the revenue figure must be a number question
        "budget-figure-not-a-number",
        C,
        "first_when_raised: {}",
        "first_when_raised: {}\n  first_year_budget:\n    share_of_revenue: 0.03\n"
        "    revenue_figure: company_size",
        "unknown-reference",
        "revenue_figure: company_size",
    ),
    Case(  # the band must be a single choice
        "budget-band-not-a-choice",
        C,
        "first_when_raised: {}",
        "first_when_raised: {}\n  first_year_budget:\n    share_of_revenue: 0.03\n"
        "    revenue_band: erp_age",
        "unknown-reference",
        "revenue_band: erp_age",
    ),
    Case(  # catalogue 1.8.0: the small steps fitted first cost something
        "budget-small-step-not-positive",
        C,
        "first_when_raised: {}",
        "first_when_raised: {}\n  first_year_budget:\n    share_of_revenue: 0.03\n"
        "    small_step_cny: 0",
        "schema-value",
        "small_step_cny: 0",
    ),
    Case(  # a share is of revenue: at most all of it
        "budget-share-over-one",
        C,
        "first_when_raised: {}",
        "first_when_raised: {}\n  first_year_budget:\n    share_of_revenue: 3",
        "schema-value",
        "share_of_revenue: 3",
    ),
    Case(
        "plan-rule-type",
        C,
        "now_max_new_systems: 1",
        "now_max_new_systems: many",
        "schema-type",
        "now_max_new_systems: many",
    ),
    Case(
        "note-condition-unknown-name",
        C,
        "when: \"machine_data == 'paper'\"",
        "when: \"machine_dat == 'paper'\"",
        "condition-unknown-name",
        "when: \"machine_dat == 'paper'\"",
    ),
    Case(
        "pain-scale-unknown-option",
        Q,
        "factors: {micro: 0.8, small: 1, medium: 1.2}",
        "factors: {micro: 0.8, small: 1, huge: 1.2}",
        "unknown-reference",
        "factors: {micro: 0.8, small: 1, huge: 1.2}",
    ),
    Case(
        "pain-scale-unknown-question",
        Q,
        "question: company_size\n",
        "question: company_sise\n",
        "unknown-reference",
        "question: company_sise",
    ),
    Case(
        "lift-order",
        C,
        "lifts: {from: 1, to: 2}",
        "lifts: {from: 2, to: 1}",
        "lift-order",
        "lifts: {from: 2, to: 1}",
    ),
    Case(
        "lift-order-same-level",
        C,
        "lifts: {from: 1, to: 2}",
        "lifts: {from: 1, to: 1}",
        "lift-order",
        "lifts: {from: 1, to: 1}",
    ),
    # --- crosswalks (an external framework's estimate) ------------------------------------
    Case(
        "crosswalk-unknown-question",
        Q,
        '        question: "has_erp"\n',
        '        question: "has_crm"\n',
        "crosswalk-unknown-question",
        'question: "has_crm"',
    ),
    Case(
        "crosswalk-unknown-scenario-question",
        Q,
        "      - {question: daily_entry, rungs",
        "      - {question: daily_entryy, rungs",
        "crosswalk-unknown-question",
        "- {question: daily_entryy",
    ),
    Case(
        "crosswalk-unknown-option",
        Q,
        "points: {counts: 10, stops: 10, energy: 10}",
        "points: {counts: 10, stop: 10, energy: 10}",
        "crosswalk-unknown-option",
        "points: {counts: 10, stop: 10",
    ),
    Case(
        "crosswalk-unknown-rung-option",
        Q,
        "rungs: {week: 1, same_day: 2}",
        "rungs: {weekly: 1, same_day: 2}",
        "crosswalk-unknown-option",
        "- {question: daily_entry",
    ),
    Case(
        "crosswalk-unknown-group",
        Q,
        '        group: use\n        max_points: 20\n        question: "has_erp"',
        '        group: usage\n        max_points: 20\n        question: "has_erp"',
        "crosswalk-unknown-group",
        "group: usage",
    ),
    Case(
        "crosswalk-unknown-source",
        Q,
        "    source: miit_2024\n    below_label",
        "    source: miit_2022\n    below_label",
        "crosswalk-unknown-source",
        "source: miit_2022",
    ),
    Case(
        "crosswalk-item-input-both",
        Q,
        "        name: {en: Work run in systems, zh: 业务系统覆盖}\n        group: use\n",
        "        name: {en: Work run in systems, zh: 业务系统覆盖}\n        group: use\n"
        '        question: "has_erp"\n',
        "crosswalk-item-input",
        "      - id: systems",
    ),
    Case(
        # the items of "use" can earn 20 + 30 > 40 points
        "crosswalk-points-total-group",
        Q,
        '        group: use\n        max_points: 20\n        question: "has_erp"',
        '        group: use\n        max_points: 30\n        question: "has_erp"',
        "crosswalk-points-total",
        "points: 40",
    ),
    Case(
        "crosswalk-points-total-option",
        Q,
        'points: {"yes": 20}',
        'points: {"yes": 25}',
        "crosswalk-points-total",
        'points: {"yes": 25}',
    ),
    Case(
        "crosswalk-gate-order-points",
        Q,
        "{level: 2, label: {en: Level 2, zh: 二级}, min_points: 60,",
        "{level: 2, label: {en: Level 2, zh: 二级}, min_points: 10,",
        "crosswalk-gate-order",
        "- {level: 2, label",
    ),
    Case(
        "crosswalk-gate-mandatory-above-count",
        Q,
        "min_scenarios: 2, at_rung: 2, min_mandatory: 1}",
        "min_scenarios: 2, at_rung: 2, min_mandatory: 3}",
        "crosswalk-gate-order",
        "- {level: 2, label",
    ),
    Case(
        "crosswalk-gate-unreachable-points",
        Q,
        "{level: 2, label: {en: Level 2, zh: 二级}, min_points: 60,",
        "{level: 2, label: {en: Level 2, zh: 二级}, min_points: 160,",
        "crosswalk-gate-order",
        "- {level: 2, label",
    ),
    Case(
        # a rate divides two counts: a multiple-choice question is not a count
        "crosswalk-rate-not-a-number",
        Q,
        "        question: networked_share\n        bands:",
        "        question: networked_share\n        rate: {part: sensors, whole: networked_share}\n"
        "        bands:",
        "crosswalk-rate-input",
        "rate: {part: sensors",
    ),
    Case(
        "crosswalk-rate-unknown-question",
        Q,
        "        question: networked_share\n        bands:",
        "        question: networked_share\n        rate: {part: machines_networked, "
        "whole: networked_share}\n        bands:",
        "crosswalk-rate-input",
        "rate: {part: machines_networked",
    ),
    Case(
        "crosswalk-rate-divides-by-itself",
        Q,
        "        question: networked_share\n        bands:",
        "        question: networked_share\n        rate: {part: erp_age, whole: erp_age}\n"
        "        bands:",
        "crosswalk-rate-input",
        "rate: {part: erp_age, whole: erp_age}",
    ),
    Case(
        # a rate without bands could only ever earn 0
        "crosswalk-rate-without-bands",
        Q,
        '        max_points: 20\n        question: "has_erp"\n',
        '        max_points: 20\n        question: "has_erp"\n'
        "        rate: {part: erp_age, whole: networked_share}\n",
        "crosswalk-rate-input",
        "rate: {part: erp_age, whole: networked_share}",
    ),
    Case(
        # 40 % and more earns less than 10-40 %
        "crosswalk-bands-not-monotone",
        Q,
        "          - {min: 40, points: 30}",
        "          - {min: 40, points: 5}",
        "crosswalk-not-monotone",
        "          - {max: 10, points: 0}",
    ),
    Case(
        # a better answer (gateway) on a lower rung than a worse one (spreadsheet)
        "crosswalk-not-monotone",
        Q,
        "rungs: {spreadsheet: 1, gateway: 2}",
        "rungs: {spreadsheet: 2, gateway: 1}",
        "crosswalk-not-monotone",
        "- {question: machine_data",
    ),
    # --- migrations: answers of earlier versions ---------------------------------------------
    *[
        Case(case_id, Q, _HOOK, "\nmigrations:\n" + block + _HOOK, rule, at)
        for case_id, block, rule, at in [
            (
                "migration-not-older",
                "  - version: 1.0.0\n    added: [daily_entry]\n",
                "migration-version",
                "  - version: 1.0.0\n    added",
            ),
            (
                "migration-version-twice",
                "  - version: 0.9.0\n  - version: 0.9.0\n    added: [daily_entry]\n",
                "migration-version",
                "  - version: 0.9.0\n    added",
            ),
            (
                "migration-added-unknown",
                "  - version: 0.9.0\n    added: [daily_entry, colour]\n",
                "migration-unknown-question",
                "    added: [daily_entry, colour]",
            ),
            (
                "migration-renamed-to-unknown",
                "  - version: 0.9.0\n    questions:\n      erp_years: erp_ages\n",
                "migration-unknown-question",
                "      erp_years: erp_ages",
            ),
            (
                "migration-options-of-unknown",
                "  - version: 0.9.0\n    options:\n      machines: {typed: spreadsheet}\n",
                "migration-unknown-question",
                "      machines: {typed",
            ),
            (
                "migration-option-renamed-to-unknown",
                "  - version: 0.9.0\n    options:\n      machine_data: {typed: typing}\n",
                "migration-unknown-option",
                "      machine_data: {typed: typing}",
            ),
            (
                "migration-options-without-options",
                "  - version: 0.9.0\n    options:\n      has_erp: {ja: 'yes'}\n",
                "migration-unknown-option",
                "      has_erp: {ja",
            ),
            (
                "migration-renamed-but-still-asked",
                "  - version: 0.9.0\n    questions:\n      has_erp: daily_entry\n",
                "migration-conflict",
                "      has_erp: daily_entry",
            ),
            (
                "migration-two-onto-one",
                "  - version: 0.9.0\n    questions:\n      erp_years: erp_age\n"
                "      erp_since: erp_age\n",
                "migration-conflict",
                "      erp_since: erp_age",
            ),
            (
                "migration-renamed-and-dropped",
                "  - version: 0.9.0\n    questions: {erp_years: erp_age}\n"
                "    dropped: {erp_years: {en: gone, zh: 删除}}\n",
                "migration-conflict",
                "    questions: {erp_years",
            ),
            (
                "migration-reworded-unknown",
                "  - version: 0.9.0\n    reworded: {erp_ages: {en: rungs changed, zh: 档位改了}}\n",
                "migration-unknown-question",
                "    reworded: {erp_ages",
            ),
            (
                "migration-reworded-untranslated",
                "  - version: 0.9.0\n    reworded: {machine_data: {en: rungs changed}}\n",
                "missing-translation",
                "    reworded: {machine_data",
            ),
            (
                "migration-options-added-unknown-question",
                "  - version: 0.9.0\n    options_added: {sensor: [energy]}\n",
                "migration-unknown-question",
                "    options_added: {sensor: [energy]}",
            ),
            (
                "migration-options-added-unknown-option",
                "  - version: 0.9.0\n    options_added:\n      sensors: [counts, vibration]\n",
                "migration-unknown-option",
                "      sensors: [counts, vibration]",
            ),
            (
                "migration-options-added-not-multiple-choice",
                "  - version: 0.9.0\n    options_added:\n      machine_data: [gateway]\n",
                "migration-not-multiple-choice",
                "      machine_data: [gateway]",
            ),
            (
                "migration-options-added-renamed",
                "  - version: 0.9.0\n    options: {sensors: {power: energy}}\n"
                "    options_added:\n      sensors: [stops, energy]\n",
                "migration-conflict",
                "      sensors: [stops, energy]",
            ),
            (
                "migration-options-added-to-added-question",
                "  - version: 0.9.0\n    added: [sensors]\n    options_added:\n"
                "      sensors: [energy]\n",
                "migration-conflict",
                "      sensors: [energy]",
            ),
            (
                "migration-options-added-not-for-older",
                "  - version: 0.9.0\n    options_added:\n      sensors: [energy]\n"
                "  - version: 0.8.0\n    added: [daily_entry]\n",
                "migration-options-added-older",
                "      sensors: [energy]",
            ),
            (
                "migration-dropped-untranslated",
                "  - version: 0.9.0\n    dropped: {networked_pct: {en: counts now}}\n",
                "missing-translation",
                "    dropped: {networked_pct",
            ),
        ]
    ],
    # --- the action plan: owners, KPI targets, funding (issue 14) ------------------------
    Case(
        "action-unknown-role",
        C,
        "      owner: finance_manager\n",
        "      owner: finance_manger\n",
        "unknown-reference",
        "      owner: finance_manger",
    ),
    Case(
        "solution-without-action",
        C,
        """    action:
      first_step: {en: Write down how one order flows today, zh: 写下一张订单现在怎么流转}
      owner: finance_manager
      kpi:
        name: {en: Orders handled in the ERP, zh: 在ERP里处理的订单}
        target: {en: 90 %, zh: 90%}
        months: 4
""",
        "",
        "solution-without-action",
        "  - id: cloud_erp",
    ),
    Case(
        "kpi-target-without-number",
        C,
        "target: {en: 90 %, zh: 90%}",
        "target: {en: much better, zh: 明显改善}",
        "kpi-target-without-number",
        "        target: {en: much better",
    ),
    Case(
        "action-without-kpi",
        C,
        """      kpi:
        name: {en: Orders handled in the ERP, zh: 在ERP里处理的订单}
        target: {en: 90 %, zh: 90%}
        months: 4
""",
        "",
        "schema-missing-field",
        "      first_step: {en: Write down how one order",
    ),
    Case(
        "funding-unknown-size",
        C,
        "    sizes: [micro, small, medium]\n    solutions: [machine_gateway, shopfloor_kit]",
        "    sizes: [micro, tiny, medium]\n    solutions: [machine_gateway, shopfloor_kit]",
        "unknown-reference",
        "    sizes: [micro, tiny, medium]",
    ),
    Case(
        "funding-unknown-solution",
        C,
        "solutions: [machine_gateway, shopfloor_kit]",
        "solutions: [machine_gateway, shopfloor_kits]",
        "unknown-reference",
        "    solutions: [machine_gateway, shopfloor_kits]",
    ),
    Case(
        "funding-without-source",
        C,
        "    source: {name: {en: Example programme notice, zh: 示例项目通知}, "
        "year: 2025, secondary: true}\n",
        "",
        "schema-missing-field",
        "  - id: retrofit_voucher",
    ),
    Case(
        "funding-region-without-question",
        C,
        "    sizes: [micro, small, medium]\n    solutions: [machine_gateway, shopfloor_kit]",
        "    regions: [east_china]\n    solutions: [machine_gateway, shopfloor_kit]",
        "unknown-reference",
        "    regions: [east_china]",
    ),
    Case(
        "duplicate-role",
        C,
        "  - {id: finance_manager, name: {en: Finance manager, zh: 财务经理}}\n",
        "  - {id: finance_manager, name: {en: Finance manager, zh: 财务经理}}\n"
        "  - {id: finance_manager, name: {en: Finance lead, zh: 财务主管}}\n",
        "duplicate-id",
        "  - {id: finance_manager, name: {en: Finance lead",
    ),
    Case(
        "role-missing-translation",
        C,
        "{id: owner, name: {en: Owner, zh: 老板}}",
        "{id: owner, name: {en: Owner}}",
        "missing-translation",
        "  - {id: owner, name: {en: Owner}}",
    ),
    # --- published versions (pack 1.5.0): a released version changed without a new one -------
    Case(
        "published-version-changed",
        Q,
        "version: 1.0.0\n",
        'version: 1.0.0\npublished:\n  "1.0.0": "aaaa000000000000"\n',
        "published-version-changed",
        '  "1.0.0": "aaaa000000000000"',
    ),
    Case(
        "published-version-unrecorded",
        Q,
        "version: 1.0.0\n",
        'version: 1.0.0\npublished:\n  "0.9.0": "aaaa000000000000"\n',
        "published-version-unrecorded",
        "version: 1.0.0",
    ),
]

# Cases that show a bug in the product: they must fail until it is fixed.
XFAIL: dict[str, str] = {}  # cases for known bugs go here, with the reason

# Rules that need something a text replacement cannot do; each has its own test below.
SEPARATELY_TESTED = {"file-unreadable", "pack-missing-file", "file-encoding"}


def _line_of(text: str, snippet: str) -> int:
    """1-based line on which the only occurrence of ``snippet`` starts."""
    assert text.count(snippet) == 1, f"snippet {snippet!r} occurs {text.count(snippet)} times"
    return text[: text.index(snippet)].count("\n") + 1


def _mutate(pack: Path, case: Case) -> str:
    path = pack / case.file
    text = path.read_text(encoding="utf-8")
    assert text.count(case.old) == 1, f"{case.id}: the old text occurs {text.count(case.old)} times"
    mutated = text.replace(case.old, case.new)
    path.write_text(mutated, encoding="utf-8")
    return mutated


def _show(findings: list[Finding]) -> str:
    return "\n".join(f"{Path(f.path).name}:{f.line}:{f.col} {f.rule} {f.message}" for f in findings)


def _params() -> list[object]:
    params = []
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=XFAIL[case.id])] if case.id in XFAIL else []
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


def test_the_sample_pack_has_no_findings() -> None:
    run = check_paths([SAMPLE])
    assert run.findings == [], _show(run.findings)
    assert len(run.packs) == 1


def test_an_unmutated_copy_has_no_findings(sample_pack: Path) -> None:
    run = check_paths([sample_pack])
    assert run.findings == [], _show(run.findings)


@pytest.mark.parametrize("case", _params())
def test_broken_pack_reports_rule_at_line(sample_pack: Path, case: Case) -> None:
    mutated = _mutate(sample_pack, case)
    expected_line = _line_of(mutated, case.at)
    run = check_paths([sample_pack])
    in_file = [f for f in run.findings if Path(f.path).name == case.file]
    with_rule = [f for f in in_file if f.rule == case.rule]
    assert with_rule, f"{case.rule} not reported in {case.file}; got:\n{_show(run.findings)}"
    assert any(f.line == expected_line for f in with_rule), (
        f"{case.rule} expected at line {expected_line}; got:\n{_show(run.findings)}"
    )
    finding = next(f for f in with_rule if f.line == expected_line)
    assert finding.level == RULES[case.rule].severity
    assert finding.message.strip()
    assert finding.col >= 1


def test_every_rule_has_a_case() -> None:
    covered = {c.rule for c in CASES if c.id not in XFAIL} | SEPARATELY_TESTED
    assert set(RULES) - covered == set(), "add a corpus case for each new rule"


def test_cases_name_real_rules_and_are_unique() -> None:
    assert {c.rule for c in CASES} <= set(RULES)
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert set(XFAIL) <= set(ids)


WARNING_CASES = [
    c for c in CASES if RULES[c.rule].severity == Severity.WARNING and c.id not in XFAIL
]


@pytest.mark.parametrize("case", WARNING_CASES, ids=[c.id for c in WARNING_CASES])
def test_a_warning_alone_leaves_the_pack_valid(sample_pack: Path, case: Case) -> None:
    _mutate(sample_pack, case)
    run = check_paths([sample_pack])
    assert run.errors == 0, _show(run.findings)
    assert run.warnings >= 1


# --- rules that a text replacement cannot trigger -----------------------------------------


def _not_utf8(pack: Path) -> int:
    """Put a Latin-1 byte into questionnaire.yaml; returns the line it is on."""
    path = pack / Q
    raw = path.read_bytes()
    marker = b"A sentence is enough."
    assert raw.count(marker) == 1
    path.write_bytes(raw.replace(marker, b"Caf\xe9: a sentence is enough."))
    return raw[: raw.index(marker)].count(b"\n") + 1


def test_file_unreadable_when_not_utf8(sample_pack: Path) -> None:
    _not_utf8(sample_pack)
    run = check_paths([sample_pack])
    unreadable = [f for f in run.findings if f.rule == "file-unreadable"]
    assert len(unreadable) == 1, _show(run.findings)
    assert Path(unreadable[0].path).name == Q
    assert "UTF-8" in unreadable[0].message
    assert run.unreadable and run.errors >= 1


@pytest.mark.parametrize("codec", ["gb18030", "utf-16", "utf-16-le"])
def test_a_pack_file_not_in_utf8_is_read_and_said(sample_pack: Path, codec: str) -> None:
    """GBK from Notepad on a Chinese Windows, UTF-16 ("Unicode") with or without a BOM: the
    pack is read with its Chinese intact, and a warning says which encoding and what to do."""
    path = sample_pack / Q
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode(codec))
    run = check_paths([sample_pack])
    assert run.errors == 0, _show(run.findings)
    (finding,) = run.findings
    assert (finding.rule, Path(finding.path).name, finding.line) == ("file-encoding", Q, 1)
    assert "not UTF-8" in finding.message and "save it as UTF-8" in finding.message
    pack = read_pack(sample_pack).pack
    assert pack is not None
    assert pack.questionnaire.title["zh"] == "数字化小测评（示例）"


def test_file_unreadable_points_at_the_line_of_the_bad_byte(sample_pack: Path) -> None:
    line = _not_utf8(sample_pack)
    run = check_paths([sample_pack])
    (finding,) = [f for f in run.findings if f.rule == "file-unreadable"]
    assert finding.line == line


def test_file_unreadable_exits_2_through_the_cli(sample_pack: Path, cli) -> None:
    _not_utf8(sample_pack)
    result = cli("validate", str(sample_pack), "--format", "text")
    assert result.exit_code == 2
    assert "file-unreadable" in result.stdout


def test_missing_path_exits_2_through_the_cli(tmp_path: Path, cli) -> None:
    result = cli("validate", str(tmp_path / "no-such-pack"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_pack_missing_file(sample_pack: Path) -> None:
    (sample_pack / C).unlink()
    run = check_paths([sample_pack])
    missing = [f for f in run.findings if f.rule == "pack-missing-file"]
    assert len(missing) == 1, _show(run.findings)
    assert C in missing[0].message
    assert missing[0].level == Severity.ERROR


def test_a_broken_catalogue_does_not_hide_questionnaire_findings(sample_pack: Path) -> None:
    catalogue = _mutate(
        sample_pack,
        Case("", C, "effort: low\n    time_to_value_months: 3", "effort: lo\n", "", ""),
    )
    mutated = _mutate(
        sample_pack,
        Case("", Q, 'show_if: "has_erp == true"', 'show_if: "has_epr == true"', "", ""),
    )
    run = check_paths([sample_pack])
    rules = {(Path(f.path).name, f.rule, f.line) for f in run.findings}
    assert (C, "schema-value", _line_of(catalogue, "effort: lo\n")) in rules, _show(run.findings)
    assert (Q, "condition-unknown-name", _line_of(mutated, "has_epr")) in rules


def test_crlf_and_bom_keep_lines_right(sample_pack: Path) -> None:
    path = sample_pack / Q
    text = path.read_text(encoding="utf-8").replace(
        'show_if: "has_erp == true"', 'show_if: "has_epr == true"'
    )
    path.write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    run = check_paths([sample_pack])
    assert [(f.rule, f.line) for f in run.findings] == [
        ("condition-unknown-name", _line_of(text, "has_epr"))
    ]

"""Show-if / when expressions: parse (Jinja2's expression grammar), list names, check, evaluate.

The grammar is Jinja2's expression syntax, restricted to what a questionnaire needs:
names (question ids), literals (strings, numbers, true/false, lists), comparisons
(``== != < <= > >= in not in``) and ``and``/``or``/``not``. Nothing is ever executed:
evaluation walks the tree (``condition_eval``), so an expression cannot call, index or
reach attributes.

Semantics, chosen so a condition never fails at run time:
- an unanswered, ``n/a`` or ``unknown`` answer makes every comparison that uses it false,
  and so does an option the answer never asked (``models.common.PartlyKnown``: answers
  given for a version before the option was added): ``'x' in answer`` and ``'x' not in
  answer`` are both false for it;
- a bare name is true when the question has a truthy answer (yes, a non-empty choice...);
- ``<``/``>`` on a single-choice or scale question compare option *positions*, so
  ``erp_level >= 'integrated'`` means "integrated or a later option".

The work is split by responsibility: ``condition_parse`` (the grammar and the parser),
``condition_checks`` (the names an expression reads, the checks ``validate`` runs) and
``condition_eval`` (the truth of a condition for some answers). This module is the one name
to import them by. The engine runs conditions compiled to Python functions
(``engine.condition_compile``), with the same truth as ``evaluate``; the pack never imports
the engine.
"""

from __future__ import annotations

from .condition_checks import (
    KIND_BOOL,
    KIND_CHOICE,
    KIND_CHOICES,
    KIND_NUMBER,
    KIND_TEXT,
    NameInfo,
    Problem,
    check,
    names,
)
from .condition_eval import Compiled, Order, _compare, evaluate, undecided
from .condition_parse import (
    _OP_TEXT,
    _OPS,
    _ORDER_OPS,
    Condition,
    ConditionSyntaxError,
    parse_condition,
)

# The engine's compiler (engine.condition_compile) also takes the operator tables and the
# one-comparison rule from here, so that compiled and walked conditions agree.
__all__ = [
    "KIND_BOOL",
    "KIND_CHOICE",
    "KIND_CHOICES",
    "KIND_NUMBER",
    "KIND_TEXT",
    "_OPS",
    "_OP_TEXT",
    "_ORDER_OPS",
    "Compiled",
    "Condition",
    "ConditionSyntaxError",
    "NameInfo",
    "Order",
    "Problem",
    "_compare",
    "check",
    "evaluate",
    "names",
    "parse_condition",
    "undecided",
]

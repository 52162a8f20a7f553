"""The limits on what the tool reads, in one place (documented in the README under "Limits").

Each is enforced where the input is parsed, with a one-line error naming file:line:col, so no
input can crash the tool (deep nesting, huge integers) or make it hang (YAML alias bombs, long
conditions). They are generous: the built-in pack and real answers files are far below them.
"""

from __future__ import annotations

# A pack file (questionnaire.yaml, catalogue.yaml), an answers file, a draft or a mapping.
# The worst YAML (a million tiny values) takes a few seconds per megabyte to parse: this
# bounds the time. The built-in questionnaire.yaml is 150 KB.
MAX_DOCUMENT_BYTES = 1024 * 1024

# Lists and mappings inside one another (the built-in pack needs 8).
MAX_DEPTH = 64

# Values produced by YAML aliases (*name) in one document, counted as if written out: reusing
# an option list a few hundred times is fine; an alias bomb (billion laughs) is refused.
MAX_ALIAS_NODES = 100_000

# Digits of an integer written in a file (Python refuses to convert more than 4,300).
MAX_INT_DIGITS = 100

# Characters of one text value in an answers file (a company name, a free-text answer).
MAX_TEXT_CHARS = 10_000

# A weight in a pack (category, question, pain point); the built-in pack uses 0.75 to 2.
# Bounded so sums of weighted points cannot overflow to infinity.
MAX_WEIGHT = 1_000

# A show-if / when expression: characters, tokens (names, literals, operators, brackets) and
# brackets inside one another. The built-in pack's longest condition has 31 tokens.
MAX_CONDITION_CHARS = 2_000
MAX_CONDITION_TOKENS = 300
MAX_CONDITION_DEPTH = 20


def size_text(n_bytes: int) -> str:
    """A byte count as a person reads it (1 MB)."""
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / (1024 * 1024):g} MB"
    return f"{n_bytes / 1024:g} KB"

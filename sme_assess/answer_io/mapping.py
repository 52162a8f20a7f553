"""Survey exports -> answers: the public names of the reading rules, in one place.

The rules live in small modules: ``text`` (comparing texts, numbers, dates),
``vocabulary`` (the words exports use), ``mapping_file`` (``--mapping``), ``lookups`` (the
pack, indexed), ``headers`` (header -> column), ``cells`` (cell -> answer), ``plan``
(what was understood), ``matcher`` (plan a table, read its rows) and ``platforms`` (one
module per survey platform). ``intake`` opens an export with its platform.
"""

from __future__ import annotations

from .cells import ValueMatch
from .mapping_file import MappingFile, mapping_problems, option_target, profile_question
from .matcher import Matcher
from .plan import Column, Kind, RowRead, TablePlan
from .text import column_letter, normalise, parse_date, parse_number, strip_numbering
from .vocabulary import IGNORE, RESPONDENT_ALIASES, RESPONDENT_FIELDS, SURVEY_METADATA

__all__ = [
    "IGNORE",
    "RESPONDENT_ALIASES",
    "RESPONDENT_FIELDS",
    "SURVEY_METADATA",
    "Column",
    "Kind",
    "MappingFile",
    "Matcher",
    "RowRead",
    "TablePlan",
    "ValueMatch",
    "column_letter",
    "mapping_problems",
    "normalise",
    "option_target",
    "parse_date",
    "parse_number",
    "profile_question",
    "strip_numbering",
]

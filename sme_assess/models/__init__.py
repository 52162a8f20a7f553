"""Pydantic models for every file the tool reads or writes."""

from .answers import Answers, AnswerValue, Respondent
from .catalogue import Catalogue, CostTier, Solution
from .common import NA, UNKNOWN, LocalizedText, text_for
from .questionnaire import (
    Category,
    Level,
    Option,
    PainPoint,
    Question,
    Questionnaire,
    Section,
)

__all__ = [
    "NA",
    "UNKNOWN",
    "AnswerValue",
    "Answers",
    "Catalogue",
    "Category",
    "CostTier",
    "Level",
    "LocalizedText",
    "Option",
    "PainPoint",
    "Question",
    "Questionnaire",
    "Respondent",
    "Section",
    "Solution",
    "text_for",
]

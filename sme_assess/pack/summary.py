"""One line's worth of facts about a pack, for `sme-assess packs` (kept out of
``pack.locate``, which every command that reads a pack imports: a frozen dataclass costs
~5 million instructions to create, on every start of `score`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import display_path
from ..models import text_for
from .reading import read_pack


@dataclass(frozen=True)
class PackSummary:
    id: str
    version: str
    title: str
    languages: list[str]
    questions: int
    scored_questions: int
    solutions: int
    path: str
    valid: bool


def summarize(path: Path, lang: str | None = None) -> PackSummary:
    """One line's worth of facts about a pack (for `sme-assess packs`)."""
    from .question_facts import is_scored

    loaded = read_pack(path)
    pack = loaded.pack
    if pack is None:
        return PackSummary(path.name, "?", "", [], 0, 0, 0, display_path(path), False)
    q = pack.questionnaire
    questions = q.questions()
    return PackSummary(
        id=q.id,
        version=q.version,
        title=text_for(q.title, lang or q.default_language, q.default_language),
        languages=list(q.languages),
        questions=len(questions),
        scored_questions=sum(1 for x in questions if is_scored(x)),
        solutions=len(pack.catalogue.solutions),
        path=display_path(path),
        valid=not any(f.level == "error" for f in loaded.findings),
    )

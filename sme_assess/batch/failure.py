"""A respondent or input not scored, as workers, journals and errors.csv all see it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Failed:
    """Why ``source`` (and ``row`` of a table; None for a whole file) was not scored."""

    source: str
    row: int | None
    company: str
    message: str
    problems: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.source, self.row)

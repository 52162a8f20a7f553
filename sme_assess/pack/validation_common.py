"""What every validation rule family shares: the findings collector and wording helpers."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .findings import Finding
from .yamldoc import Loc, YamlDoc


@dataclass
class Out:
    """Collects findings, turning a (document, path) into file:line:col."""

    findings: list[Finding]

    def add(self, doc: YamlDoc, loc: Loc, rule: str, message: str, *, at_key: bool = False) -> None:
        line, col = doc.locate(loc, at_key=at_key)
        self.findings.append(Finding(rule, message, doc.path, line, col))


def short(text: str, width: int = 40) -> str:
    """``text`` cut to ``width`` characters for a message."""
    return text if len(text) <= width else text[: width - 1] + "…"


def duplicates(items: Sequence[Any], attr: str) -> Iterator[tuple[int, Any]]:
    """The position and key of every item whose ``attr`` an earlier item already had."""
    seen: set[Any] = set()
    for i, item in enumerate(items):
        key = getattr(item, attr)
        if key in seen:
            yield i, key
        seen.add(key)


def did_you_mean(name: str, known: Mapping[str, Any]) -> str:
    """`` (did you mean 'x'?)`` for the closest known name, or nothing."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""

"""The report's reference parts as data: the published benchmark (context, never a ranking),
the sources cited, and the answers not already shown in the category pages. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import translator
from ..models import text_for
from ..models.questionnaire import Questionnaire


@dataclass(frozen=True)
class BenchmarkRow:
    level: int
    name: str
    share: float


@dataclass(frozen=True)
class BenchmarkView:
    """A published distribution shown as context: where it comes from, when, and what in it
    is not comparable with this report's stage."""

    name: str
    source: str  # name, edition and year, each said once
    note: str  # what is (not) comparable, from the pack
    rows: list[BenchmarkRow]


def source_text(name: str, edition: str, year: int | None, url: str = "", sep: str = ", ") -> str:
    """ "Name, edition, year, url" with nothing said twice: the year is left out when the
    name or the edition already holds it, the edition when the name holds it. ``sep``: the
    language's comma (Chinese "，")."""
    parts = [name]
    if edition and edition not in name:
        parts.append(edition)
    if year is not None and not any(str(year) in p for p in parts):
        parts.append(str(year))
    if url:
        parts.append(url)
    return sep.join(p for p in parts if p)


def _comma(lang: str) -> str:
    _ = translator(lang)
    return _.pgettext("punctuation", ", ")


def benchmark_view(q: Questionnaire, lang: str) -> BenchmarkView | None:
    if not q.benchmarks:
        return None

    def t(text: Any) -> str:
        return text_for(text, lang, q.default_language)

    bench = q.benchmarks[0]
    src = next((x for x in q.sources if x.id == bench.source), None)
    source = (
        source_text(bench.source, "", bench.year, sep=_comma(lang))
        if src is None
        else source_text(t(src.name), src.edition or "", bench.year, sep=_comma(lang))
    )
    return BenchmarkView(
        name=t(bench.name),
        source=source,
        note=t(bench.note) if bench.note else "",
        rows=[
            BenchmarkRow(lv.number, t(lv.name), bench.shares[lv.number])
            for lv in q.levels
            if lv.number in bench.shares
        ],
    )


def sources_view(q: Questionnaire, lang: str) -> list[str]:
    return [
        source_text(
            text_for(src.name, lang, q.default_language),
            src.edition or "",
            src.year,
            src.url or "",
            sep=_comma(lang),
        )
        for src in q.sources
    ]

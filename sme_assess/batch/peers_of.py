"""The peers a batch gives each firm's report: its percentile in the cohort and the medians
of everyone, of its sector and of its size (overall and per category).

Computed once from the cohort's ``Tally`` (each score counted by value, per group: memory
that does not grow with the number of firms); then ``for_firm`` is a few look-ups. A group
smaller than MIN_GROUP firms gives no median (a median of three firms says little): the
report then names only the groups large enough; a cohort that small gives no percentile.
Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.peers import PeerGroup, Peers
from ..i18n import N_, translator
from ..pack.loading import Pack
from .cohort import Tally, profile_names
from .histogram import Histogram
from .outputs import percentile

MIN_GROUP = 5

_ALL = N_("this batch")
_SOURCE = N_("this batch of {n} firms scored together on {date}")


def _median(values: Histogram) -> float | None:
    return round(values.median(), 1) if values else None


@dataclass(frozen=True)
class _Medians:
    n: int
    overall: float | None
    categories: dict[str, float]


def _medians(n: int, overall: Histogram, categories: dict[str, Histogram]) -> _Medians:
    by_cat = {cid: m for cid, v in categories.items() if (m := _median(v)) is not None}
    return _Medians(n, _median(overall), by_cat)


class CohortPeers:
    """The cohort's medians by group, and each firm's ``Peers`` from them."""

    def __init__(self, pack: Pack, tally: Tally, date: str) -> None:
        self.pack = pack
        self.scores = tally.overall  # the cohort's overall scores (percentile ranks)
        self.n = tally.n
        self.date = date
        self.all = _medians(tally.n, tally.overall, dict(tally.categories))
        self.groups: dict[str, dict[str, _Medians]] = {
            kind: {
                value: _medians(g.n, g.scores, dict(g.categories))
                for value, g in groups.items()
                if value and g.n >= MIN_GROUP
            }
            for kind, groups in tally.groups.items()
        }
        self._names: dict[str, dict[str, dict[str, str]]] = {}

    def _label(self, kind: str, value: str, lang: str) -> str:
        names = self._names.get(lang)
        if names is None:
            names = self._names[lang] = {
                k: profile_names(self.pack, k, lang) for k in ("sector", "size")
            }
        return names[kind].get(value, value)

    def for_firm(
        self, score: float | None, sector: str | None, size: str | None, lang: str
    ) -> Peers:
        """The firm's peers, labelled in ``lang`` (its report's language)."""
        _ = translator(lang)
        source = _(_SOURCE, n=self.n, date=self.date)
        if self.n < MIN_GROUP:
            return Peers(source=source, percentile=None)
        groups = [_group("all", _(_ALL), self.all)]
        for kind, value in (("sector", sector), ("size", size)):
            found = self.groups.get(kind, {}).get(value or "")
            if found is not None and value:
                groups.append(_group(kind, self._label(kind, value, lang), found))
        shown = percentile(self.scores, score)
        return Peers(
            source=source,
            percentile=None if shown is None else float(shown),
            groups=tuple(groups),
        )


def _group(kind: str, label: str, m: _Medians) -> PeerGroup:
    return PeerGroup(
        kind=kind,  # type: ignore[arg-type]
        label=label,
        n=m.n,
        overall_median=m.overall,
        category_medians=m.categories,
    )

"""A batch cohort (``peers.Peers``) as the report words it, and the one score format."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.peers import Peers
from .strings import s


def score_text(value: float | None) -> str:
    """A score as every part of the report prints it: a whole number, "—" when none."""
    return "—" if value is None else f"{value:.0f}"


@dataclass(frozen=True)
class PeerView:
    """The firm among its cohort (a batch) in words, and the group whose medians the charts
    draw."""

    line: str  # e.g. "Percentile 62 among 412 firms of this batch (median 48)"
    groups: list[str]  # one line per sector/size group
    source: str
    legend: str  # the charts' key for the median outline


def peer_view(peers: Peers, lang: str) -> PeerView:
    everyone = peers.group("all")
    line = s("peer_none", lang, source=peers.source)
    if everyone is not None:
        key = "peer_median_only" if peers.percentile is None else "peer_line"
        pct = "" if peers.percentile is None else f"{peers.percentile:.0f}"
        line = s(
            key,
            lang,
            p=pct,
            n=everyone.n,
            label=everyone.label,
            m=score_text(everyone.overall_median),
        )
    groups = [
        s("peer_group", lang, label=g.label, n=g.n, m=score_text(g.overall_median))
        for g in peers.groups
        if g.kind != "all"
    ]
    legend = s("peer_legend", lang, label=everyone.label if everyone else peers.source)
    return PeerView(line, groups, peers.source, legend)

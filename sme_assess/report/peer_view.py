"""A batch cohort (``peers.Peers``) as the report words it, and the one score format."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.peers import Peers
from ..i18n import Translator


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


def peer_view(peers: Peers, _: Translator) -> PeerView:
    everyone = peers.group("all")
    line = _(
        "Too few firms to compare with peers ({source}; at least 5 are needed).",
        source=peers.source,
    )
    if everyone is not None:
        values: dict[str, object] = dict(
            n=everyone.n, label=everyone.label, m=score_text(everyone.overall_median)
        )
        if peers.percentile is None:
            line = _(
                "Among {n} firms of {label}: median {m} (this firm has no overall score to place).",
                **values,
            )
        else:
            values["p"] = f"{peers.percentile:.0f}"
            line = _(
                "Among {n} firms of {label}, this firm scores higher than {p} % (median {m}).",
                **values,
            )
    groups = [
        _("{label}: {n} firms, median {m}", label=g.label, n=g.n, m=score_text(g.overall_median))
        for g in peers.groups
        if g.kind != "all"
    ]
    legend = _("Median of {label}", label=everyone.label if everyone else peers.source)
    return PeerView(line, groups, peers.source, legend)

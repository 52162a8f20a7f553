"""The cohort's statistics from counts of each distinct score are exactly those of
``statistics`` and of bisecting the sorted scores, and the summary's order spilled to disk
is exactly a sort of every key (the first line of a key kept)."""

from __future__ import annotations

import bisect
import math
import random
import statistics
from pathlib import Path

import pytest

from sme_assess.batch import histogram
from sme_assess.batch.cohort import Tally, spread
from sme_assess.batch.histogram import Histogram
from sme_assess.batch.order import Order
from sme_assess.batch.outputs import Facts, order_bytes


def _grid_scores(rnd: random.Random, n: int) -> list[float]:
    """Scores as the engine rounds them (one decimal, 0-100), with many ties."""
    pool = [round(rnd.uniform(0, 100), 1) for _ in range(rnd.choice((1, 3, 40, 1000)))]
    return [rnd.choice(pool) for _ in range(n)]


@pytest.mark.parametrize("seed", range(300))
def test_quartiles_medians_and_ranks_equal_statistics(seed: int) -> None:
    rnd = random.Random(seed)
    n = rnd.choice((1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 100, 1001))
    values = _grid_scores(rnd, n)
    h = Histogram(values)
    data = sorted(values)
    assert len(h) == n
    assert h.median() == statistics.median(values)
    assert (h.low(), h.high()) == (data[0], data[-1])
    if n >= 2:
        assert h.quantiles(4) == statistics.quantiles(values, n=4, method="inclusive")
        assert h.quantiles(10) == statistics.quantiles(values, n=10, method="inclusive")
    for probe in [*rnd.sample(values, min(n, 5)), -1.0, 100.5, round(rnd.uniform(0, 100), 1)]:
        below = bisect.bisect_left(data, probe)
        assert h.rank(probe) == (below, bisect.bisect_right(data, probe) - below)
    assert h.counts and len(h.counts) <= 1001  # bounded by the grid, not by n


def test_off_grid_values_fall_back_to_keeping_every_value(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rnd = random.Random(1)
    monkeypatch.setattr(histogram, "MAX_DISTINCT", 50)
    values = [rnd.uniform(0, 100) for _ in range(200)]  # 200 distinct: more than 50
    h = Histogram(values)
    assert h.values is not None and len(h.values) == 200 and not h.counts
    assert h.quantiles(4) == statistics.quantiles(values, n=4, method="inclusive")
    assert h.median() == statistics.median(values)
    # -0.0 equals 0.0 but prints differently: kept as given, in order, like sorted() does
    zeros = Histogram([0.0, 0.0, -0.0])
    assert zeros.values is not None
    assert math.copysign(1.0, zeros.high()) == math.copysign(1.0, sorted([0.0, 0.0, -0.0])[-1])


def test_remove_gives_back_the_statistics_without_the_value() -> None:
    rnd = random.Random(7)
    values = _grid_scores(rnd, 300)
    h = Histogram(values)
    for v in values[::3]:
        h.remove(v)
    left = [v for i, v in enumerate(values) if i % 3]
    assert len(h) == len(left)
    assert h.quantiles(4) == statistics.quantiles(left, n=4, method="inclusive")
    assert h.median() == statistics.median(left)


def test_tally_remove_is_as_if_never_added() -> None:
    def facts(score: float, sector: str, pains: tuple[str, ...]) -> Facts:
        return Facts(score, 2, {"a": score / 2}, pains, ("s1",), sector, None)

    kept = [facts(10.0, "x", ("p1",)), facts(20.0, "x", ("p1", "p2")), facts(30.0, "y", ())]
    extra = facts(90.0, "z", ("p3",))  # a sector and a pain only the removed firm had
    once, twice = Tally(["a"], by_group=True), Tally(["a"], by_group=True)
    for f in kept:
        once.add(f)
        twice.add(f)
    twice.add(extra)
    twice.remove(extra)
    assert twice.n == once.n and twice.levels == once.levels
    assert dict(twice.pains) == dict(once.pains) and "p3" not in twice.pains
    assert set(twice.groups["sector"]) == {"x", "y"}
    assert spread(twice.overall) == spread(once.overall)
    assert spread(twice.categories["a"]) == spread(once.categories["a"])


@pytest.mark.parametrize("run_size", [3, 7, 1000])
def test_spilled_order_is_the_sorted_order_first_line_kept(tmp_path: Path, run_size: int) -> None:
    rnd = random.Random(run_size)
    names = [f"in/{rnd.choice('abF')}{rnd.randint(0, 30)}.json" for _ in range(120)]
    keys = [(name, rnd.choice((None, 1, 2, 10))) for name in names]  # many keys twice
    order = Order(tmp_path, run_size=run_size)
    for offset, key in enumerate(keys):
        order.add(order_bytes(key), offset * 10)
    offsets = order.finish()
    order.close()
    first: dict[bytes, int] = {}
    for offset, key in enumerate(keys):
        first.setdefault(order_bytes(key), offset * 10)
    want = [first[k] for k in sorted(first)]
    assert list(offsets) == want and list(offsets) == want  # read back twice
    assert len(offsets) == len(want)
    assert sorted(order.twice) == sorted(set(range(0, 1200, 10)) - set(want))
    offsets.close()
    assert not list(tmp_path.iterdir())  # no temporary file left in the output folder


def test_a_full_disk_while_spilling_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import tempfile

    from sme_assess.errors import InputError

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    order = Order(tmp_path, run_size=2)
    order.add(b"a", 0)
    with pytest.raises(InputError) as caught:
        order.add(b"b", 10)
    assert "No space left on device" in caught.value.message
    assert "temporary file" in caught.value.message

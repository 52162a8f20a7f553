"""``rounding.round_to`` gives the float ``round`` gives, bit for bit (the scores, coverages
and priorities a Result shows go through it): ties, zeros and their signs, huge and tiny
values, nan and inf, ints, and ~80,000 random values of the shapes the engine rounds."""

from __future__ import annotations

import math
import random
import struct

import pytest

from sme_assess.engine.rounding import KEPT, kept, round_to

EDGES = [0.0, -0.0, 0.05, 0.15, 0.25, 0.35, 2.675, 1.005, -0.05, -2.5, 0.5, 1.5, 2.5, 99.95,
         100.0, 0.0004999, 0.00005, 1e9, -1e9, 1e8 + 0.05, 999_999_999.95, 1e-300, -1e-300,
         5e-324, 1.7976931348623157e308, math.inf, -math.inf, 3, -7, 0, True]  # fmt: skip


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return struct.pack("<d", a) == struct.pack("<d", b) or (math.isnan(a) and math.isnan(b))
    return a.__class__ is b.__class__ and a == b


def _values(rnd: random.Random, n: int) -> list[float]:
    found: list[float] = []
    for _ in range(n):
        kind = rnd.random()
        if kind < 0.3:  # scores and gaps
            x = rnd.uniform(-200, 200)
        elif kind < 0.5:  # decimal fractions, ties among them
            x = rnd.randint(-100_000, 100_000) / rnd.choice([10, 20, 200, 2000, 20_000, 100_000])
        elif kind < 0.6:  # any bit pattern
            x = struct.unpack("<d", struct.pack("<Q", rnd.getrandbits(64)))[0]
        elif kind < 0.8:  # priorities and large values
            x = rnd.random() * rnd.choice([1, 100, 1e4, 1e6, 1e8, 1e10])
        else:  # means of ratios, as category scores are
            x = sum(rnd.random() for _ in range(rnd.randint(1, 9))) / rnd.randint(1, 9) * 100
        found += [x, -x]
    return found


@pytest.mark.parametrize("digits", [0, 1, 2, 3, 4])
def test_round_to_is_round_bit_for_bit(digits: int) -> None:
    values = [*EDGES, math.nan, *_values(random.Random(digits), 8_000)]
    wrong = [x for x in values if not _same(round_to(x, digits), round(x, digits))]
    assert not wrong, f"round_to differs from round for {wrong[:5]} at {digits} digits"


@pytest.mark.parametrize("digits", [1, 3])
def test_kept_roundings_are_round_bit_for_bit_on_the_second_firm(digits: int) -> None:
    """The rounded category scores and ratios kept from one firm to the next (``KEPT``,
    floats only, as the engine's are): looked up as the Result and the plan look them up,
    each value met a second time still gives exactly ``round``, -0.0 and 0.0 included."""
    KEPT[digits].clear()
    floats = [x for x in EDGES if x.__class__ is float]
    values = [*floats, -0.0, 0.0, math.nan, *_values(random.Random(10 + digits), 4_000)]
    get = KEPT[digits].get
    for _ in range(2):  # the second pass is answered from the memo
        wrong = [x for x in values if not _same(get(x) or kept(x, digits), round(x, digits))]
        assert not wrong, f"kept rounding differs from round for {wrong[:5]}"
    assert 0.0 not in KEPT[digits] and all(k.__class__ is float for k in KEPT[digits])

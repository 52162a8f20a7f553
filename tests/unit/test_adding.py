"""Scores are added the same way on every Python version (3.12's sum() compensates rounding)."""

from __future__ import annotations

import random
from functools import reduce
from operator import add

from sme_assess.adding import added


def test_tenths_add_up_as_python_3_11_adds_them_whatever_python_runs() -> None:
    # Python 3.11's sum() gives 0.9999999999999999; 3.12's compensated sum() gives 1.0: a
    # score this close to a stage boundary must not move with the Python version.
    assert added([0.1] * 10) == 0.9999999999999999
    assert added([]) == 0 and added([2.5]) == 2.5


def test_any_floats_add_left_to_right() -> None:
    rnd = random.Random(3)
    for _ in range(200):
        values = [rnd.uniform(-1e6, 1e6) * rnd.choice([1e-9, 1.0, 1e9]) for _ in range(20)]
        assert added(values) == reduce(add, values, 0)
        assert added(iter(values)) == added(values)

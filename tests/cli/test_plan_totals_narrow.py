"""The action plan's money on a narrow terminal: every amount is read whole. At 60 columns
the totals table folded "¥415,000–665,000" into "¥415,000–66" over "5,000" (an owner reads
a different budget) and "First 90 days" into "day" | "s"; there it is now a line per period,
and the table where it fits with nothing wrapped."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ..conftest import FIXTURES

JOB_SHOP = FIXTURES / "personas" / "job_shop.yaml"
AMOUNT = re.compile(r"¥[\d,]+(?:–[\d,]+)?|[\d.]+万(?:–[\d.]+万)?元?")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_plan_totals_keep_every_amount_whole_at_60_columns(
    cli: Any, lang: str, tier_priced_pack: Path
) -> None:
    pack = ("--pack", str(tier_priced_pack))  # a step priced by its tier: totals are ranges
    wide = cli("score", str(JOB_SHOP), *pack, "--lang", lang, env={"COLUMNS": "100"})
    narrow = cli("score", str(JOB_SHOP), *pack, "--lang", lang, env={"COLUMNS": "60"})
    assert wide.exit_code == 0 and narrow.exit_code == 0, narrow.output
    wide_out, narrow_out = str(wide.stdout), str(narrow.stdout)
    # at 100 columns the table, as before
    assert ("Period" if lang == "en" else "时间段") in wide_out
    # at 60 columns the same periods and amounts, each whole on one line
    label = "Whole plan" if lang == "en" else "整个计划"
    whole = next(line for line in wide_out.splitlines() if label in line)
    amounts = AMOUNT.findall(whole)
    assert len(amounts) >= 3 and any("–" in a for a in amounts), whole
    for amount in amounts:
        assert amount in narrow_out, (amount, narrow_out)
    period = "First 90 days" if lang == "en" else "头90天"
    assert period in narrow_out

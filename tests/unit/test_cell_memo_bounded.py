"""A worker's cell memo and text cache stay bounded however many distinct cells it reads
(issue 15: a worker's memory grew with the rows of a large CSV)."""

from __future__ import annotations

from sme_assess.answer_io import cells
from sme_assess.answer_io.mapping import Matcher
from sme_assess.answer_io.platforms import GENERIC
from sme_assess.answer_io.text import normalise
from sme_assess.pack.loading import load_pack

from ..conftest import SAMPLE


def test_distinct_cells_do_not_grow_the_memo_past_its_bound() -> None:
    matcher = Matcher(load_pack(SAMPLE).questionnaire)
    qid = next(iter(matcher.questions))
    reader = matcher.cells
    for i in range(cells.MEMO_SIZE * 2 + 7):
        reader.read(qid, f"free text {i}", GENERIC, False)
        normalise(f"free text {i}")
    assert len(reader._memo) <= cells.MEMO_SIZE
    info = normalise.cache_info()
    assert info.maxsize is not None and info.currsize <= info.maxsize <= 1 << 13
    # still right after the bound was reached: the same cell reads the same
    assert reader.read(qid, "free text 3", GENERIC, False) == reader.value(
        qid, "free text 3", GENERIC
    )

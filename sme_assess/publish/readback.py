"""Check, while publishing, that what a platform will export reads back as meant.

The reader (``answer_io.mapping.Matcher``) is asked directly: a header must name its
question, a cell must give the answer it stands for. A form whose export would read back
differently is refused with the reason, instead of being published to collect answers that
are then scored wrong.
"""

from __future__ import annotations

from typing import Any

from ..answer_io.mapping import Matcher
from ..errors import InputError
from ..models import Questionnaire


class ReadBack:
    """The reader for one pack, with checks that raise InputError naming the question."""

    def __init__(self, q: Questionnaire, target: str) -> None:
        self.matcher = Matcher(q)
        self.q = q
        self.target = target  # "XLSForm", "问卷星"

    def header_names(self, header: str, qid: str) -> bool:
        """Whether a column headed ``header`` is read as question ``qid``."""
        column = self.matcher.match_header(0, header)
        return column.kind == "question" and column.target == qid

    def require_header(self, header: str, qid: str) -> None:
        if not self.header_names(header, qid):
            column = self.matcher.match_header(0, header)
            seen = column.target if column.kind == "question" else column.how
            raise InputError(
                f"cannot publish question '{qid}' of the pack '{self.q.id}' to {self.target}: "
                f"its export column “{header}” would not be read as '{qid}' ({seen}); give "
                "the question a text of its own"
            )

    def require_cell(self, qid: str, cell: str, expected: Any) -> None:
        got = self.matcher.value(qid, cell)
        if not got.ok or got.value != expected or type(got.value) is not type(expected):
            raise InputError(
                f"cannot publish question '{qid}' of the pack '{self.q.id}' to {self.target}: "
                f"its answer “{cell}” would read back as {got.value!r}, not {expected!r}; "
                "give the options labels (and values) of their own"
            )

"""An answers file that names a pack nobody has, continued or re-assessed with `run`: the
error names the file (the corpus covers `score`, `report` and `compare`; `run` needs a
terminal, so its preparation is called here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sme_assess.errors import InputError
from sme_assess.interview.start import prepare


@pytest.mark.parametrize("how", ["resume", "from_answers"])
def test_run_on_answers_for_an_unknown_pack_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.chdir(tmp_path)
    answers = tmp_path / "lin-2026.yaml"
    answers.write_text(
        "questionnaire: sampel\nrespondent: {company: Lin}\nanswers: {machine_data: paper}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        if how == "resume":
            prepare(None, None, None, answers)
        else:
            prepare(None, None, None, None, from_answers=answers)
    assert "questionnaire 'sampel': unknown pack" in info.value.message
    assert info.value.where is not None and info.value.where.path.endswith("lin-2026.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lin-2026.yaml"]  # no draft begun

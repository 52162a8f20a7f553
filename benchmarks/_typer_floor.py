"""The second floor of `cli_speed.py`: the smallest Typer program shaped like `score` (one
command taking a path argument and three options, beside a second command so that Typer
keeps the command's name). Run as `python benchmarks/_typer_floor.py score FILE`; it prints
the path and nothing else.

From Typer 0.29 on, Typer coerces every option through a pydantic ``TypeAdapter`` it builds
when the command runs, so this costs `import typer` plus importing pydantic; before 0.29 it
cost about `import typer` alone. `sme-assess` needs pydantic for its models either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.command()
def score(
    answers: Path,
    pack: Annotated[str | None, typer.Option()] = None,
    lang: Annotated[str | None, typer.Option()] = None,
    lenient: Annotated[bool, typer.Option()] = False,
) -> None:
    print(answers)


@app.command()
def other() -> None:
    """A second command, as the tool has."""


if __name__ == "__main__":
    app()

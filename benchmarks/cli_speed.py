"""How fast the CLI starts and validates: `sme-assess --help` against `import typer`, and
`sme-assess validate` on the built-in pack as a whole process.

Targets (issue 2): --help at most 2.5x the `import typer` floor; validate under 0.5 s.
Run: .venv/bin/python benchmarks/cli_speed.py
"""

from __future__ import annotations

import sys

from _timing import BIN, REPO, row, wall


def main() -> int:
    py = sys.executable
    floor = wall([py, "-c", "import typer"])
    bare = wall([py, "-c", "pass"])
    help_time = wall([BIN / "sme-assess", "--help"])
    pack = REPO / "questionnaires" / "manufacturing-sme"
    if not pack.is_dir():
        pack = REPO / "questionnaires" / "sample"
    validate = wall([BIN / "sme-assess", "validate", pack], repeat=5)
    row("python -c pass", bare)
    row("python -c 'import typer'   (floor)", floor)
    ratio = help_time / floor
    row("sme-assess --help", help_time, f"{ratio:.2f}x floor (target <= 2.5x)")
    row(f"sme-assess validate {pack.name}", validate, "(target < 500 ms)")
    ok = ratio <= 2.5 and validate < 0.5
    print("PASS" if ok else "MISS: a target is not met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

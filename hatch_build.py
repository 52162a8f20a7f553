"""Build step: compile the message catalogues (``.po`` -> ``.mo``) into the package.

Hatchling runs this for the wheel and for editable installs (`make install`), so an
installed tool always has compiled catalogues; the ``.mo`` files are build products
(git ignores them) and go into the wheel as artifacts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("sme_assess") / "locale"


def compile_catalogues(root: Path) -> list[Path]:
    """Compile every ``sme_assess.po`` under the package's locale folder; return the ``.mo``s."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        tmp = mo.with_name(mo.name + ".part")
        with tmp.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        os.replace(tmp, mo)
        written.append(mo)
    return written


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        for mo in compile_catalogues(root):
            build_data["artifacts"].append(mo.relative_to(root).as_posix())

"""The report's template folders: a Jinja loader that never leaves them, and the checks made on a
``--template DIR`` before any work starts.

A consultancy's folder is trusted to brand a report, not to read the machine: a template or an
asset that is a link to a file outside its folder is refused (a link inside the folder is
fine), as is anything that is not a regular file (a pipe would block for ever). A folder
without the template the chosen format needs, a template that includes or extends itself and a
syntax error are refused with one line before the answers are even scored.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import UsageError, Where, display_path

HTML_TEMPLATE = "report.html.j2"
MD_TEMPLATE = "report.md.j2"
MAX_TEMPLATE_BYTES = 1_000_000
MAX_ASSET_BYTES = 20_000_000


def confined(root: Path, name: str) -> Path | None:
    """The regular file ``name`` inside ``root`` (links followed), None when there is none.

    Raises UsageError when ``name`` leads outside ``root`` (``..``, an absolute path or a link
    to a file elsewhere) and a file is there: it is refused rather than silently skipped.
    """
    root = root.resolve()
    candidate = root / name
    real = candidate.resolve()
    if not real.is_relative_to(root):
        if os.path.lexists(candidate) or real.exists():
            raise UsageError(
                f"'{name}' leads outside the template folder (a link or a path to another "
                "folder); refused: only files inside the folder are used",
                Where(display_path(root)),
            )
        return None
    return real if real.is_file() else None


def _read(path: Path, limit: int) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UsageError(f"cannot read: {exc.strerror}", Where(display_path(path))) from None
    if len(data) > limit:
        raise UsageError(
            f"larger than {limit // 1_000_000} MB; too big for a report template or asset",
            Where(display_path(path)),
        )
    return data


def confined_loader(root: Path) -> Any:
    """A Jinja loader for the templates in ``root`` that refuses links leading out of it."""
    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    class ConfinedLoader(BaseLoader):
        def get_source(
            self, environment: Any, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            name = "/".join(split_template_path(template))  # refuses ".." pieces
            path = confined(root, name)
            if path is None:
                raise TemplateNotFound(template)
            try:
                source = _read(path, MAX_TEMPLATE_BYTES).decode("utf-8-sig")
            except UnicodeDecodeError:
                raise UsageError("not UTF-8 text", Where(display_path(path))) from None
            mtime = path.stat().st_mtime

            def uptodate() -> bool:
                try:
                    return path.stat().st_mtime == mtime
                except OSError:
                    return False

            return source, str(path), uptodate

    return ConfinedLoader()


def read_asset(dirs: list[Path], name: str) -> tuple[Path, bytes]:
    """A file for ``asset()``: from the first template folder that has it, never from outside."""
    for folder in dirs:
        path = confined(folder, name)
        if path is not None:
            return path, _read(path, MAX_ASSET_BYTES)
    shown = ", ".join(display_path(d) for d in dirs)
    raise UsageError(f"template asset '{name}' not found in {shown}")


def check_no_cycle(env: Any, start: str) -> None:
    """Parse ``start`` and every template it names; refuse syntax errors and a template that
    includes, imports or extends itself (directly or through others)."""
    from jinja2 import TemplateError, TemplateNotFound, meta

    done: set[str] = set()

    def visit(name: str, chain: list[str]) -> None:
        if name in chain:
            loop = " → ".join([*chain[chain.index(name) :], name])
            raise UsageError(f"template {name} includes or extends itself ({loop})")
        if name in done:
            return
        try:
            source, filename, _ = env.loader.get_source(env, name)
            ast = env.parse(source, name, filename)
        except TemplateNotFound:
            return  # said when rendering, with the name of the template that asks for it
        except TemplateError as exc:
            line = getattr(exc, "lineno", None)
            raise UsageError(f"template error: {exc}", Where(name, line)) from None
        for child in meta.find_referenced_templates(ast):
            if isinstance(child, str):
                visit(child, [*chain, name])
        done.add(name)

    visit(start, [])

"""The package's shape, read from its source: no import cycle, no module over 450 lines, and
imports that go one way, the way the work flows: models -> pack -> engine -> wording -> faces
(ARCHITECTURE.md draws it).

The import graph is built with ``ast`` from every ``import`` and ``from ... import`` of an
``sme_assess`` module anywhere in a file, relative imports resolved:
- at the top of the file, and inside functions: a lazy import keeps ``--help`` fast, but the
  two modules still depend on each other, so it counts (moving an import into a function
  never breaks a cycle, it only delays the failure to the first call);
- under ``if TYPE_CHECKING:`` too. Such an import never runs, so it cannot break an import,
  but two modules that name each other's types still cannot be read, moved or tested one
  without the other, and ``if TYPE_CHECKING`` is the usual way to silence a cycle's symptom
  while keeping the cycle (issue 17's ``batch/work`` <-> ``batch/outputs`` is type-only).

An import is an edge to the module it names: ``from . import conditions`` to
``pack.conditions``, ``from ..models import Catalogue`` to ``models`` (its ``__init__``). The
parent packages Python runs on the way are not edges: counting them would make every package
whose ``__init__`` re-exports its submodules a cycle with each of them.

The known exceptions below are one line each, named with whose module it is: most go when a
branch of this session is merged, and a test fails while one is no longer needed, so that
its line is deleted then.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import sme_assess
from sme_assess.pack.validation_conditions import _cycles

PACKAGE = Path(sme_assess.__file__).parent
MAX_LINES = 450

# The flow, first to last: a module may import its own layer and the layers before it.
LAYERS = ("basics", "models", "pack", "engine", "wording", "faces")
FACES = {"cli", "interview", "report", "batch", "answer_io", "publish", "terminal"}
FACES |= {"__main__", "synthetic"}  # the entry point; answers for tests and benchmarks
# Imports against the flow that remain, each with why. The full result (``--full-results``,
# `score --json`) carries its reasons and plan as text, so the engine asks the words for
# them; progress between two answer files still reads the files itself. The next change
# in these files moves them (a test fails when an edge goes: delete its line).
KNOWN_LAYER_EDGES: dict[tuple[str, str], str] = {
    ("pack.cache", "engine.condition_compile"): "startup15: the cache keeps compiled conditions",
    ("engine.action_plan", "wording.plan_text"): "engine15 / i18nreport: the plan's headline",
    ("engine.evaluation", "wording.messages"): "engine15 / i18nwords: the result's words",
    ("engine.estimate_out", "wording.messages"): "the estimate's words in the full result",
    ("engine.result_out", "wording.messages"): "engine15c: the result's words (from evaluation)",
    ("engine.result_out", "wording.plan_text"): "engine15c: the result's words (from evaluation)",
    ("engine.progress", "wording.messages"): "i18nwords: the language of a progress result",
    ("engine.progress", "wording.estimate_text"): "i18nwords: the estimate's held line",
    ("engine.progress", "answer_io.native"): "engine/progress.py reads answer files (I/O)",
}


def _module_name(path: Path, root: Path) -> str:
    """``pack/loading.py`` -> ``pack.loading``; a package's ``__init__`` -> the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(
    node: ast.Import | ast.ImportFrom, module: str, is_package: bool, root: Path
) -> Iterator[str]:
    """The package's modules one import statement names (relative to the package), and for
    ``from pkg import name`` both ``pkg.name`` (if it is a submodule) and ``pkg``."""
    prefix = root.name
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name == prefix or alias.name.startswith(prefix + "."):
                yield alias.name.removeprefix(prefix).lstrip(".")
        return
    if node.level:
        base = module.split(".") if module else []
        if not is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join([*base, *([node.module] if node.module else [])])
    elif node.module == prefix or (node.module or "").startswith(prefix + "."):
        target = (node.module or "").removeprefix(prefix).lstrip(".")
    else:
        return
    for alias in node.names:
        yield f"{target}.{alias.name}".lstrip(".")
        yield target


@cache
def _graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the modules it imports (anywhere in the file), from the source alone."""
    modules = {_module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        edges: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                edges.update(_imported(node, name, path.name == "__init__.py", root))
            elif isinstance(node, ast.ImportFrom):
                named = list(_imported(node, name, path.name == "__init__.py", root))
                # ``from pkg import x``: the submodule pkg.x when there is one, else pkg
                for sub, pkg in zip(named[::2], named[1::2], strict=True):
                    edges.add(sub if sub in modules else pkg)
        graph[name] = {e for e in edges if e != name}
    return graph


def _cycle_lines(graph: dict[str, set[str]], allowed: Iterable[tuple[str, str]]) -> list[str]:
    """Each import cycle as ``a -> b -> a``, leaving out the ``allowed`` edges."""
    skip = set(allowed)
    pruned = {m: {t for t in targets if (m, t) not in skip} for m, targets in graph.items()}
    return [" -> ".join([*cycle, cycle[0]]) for cycle in _cycles(pruned)]


def _layer(module: str) -> str:
    head = module.split(".")[0]
    if head in FACES:
        return "faces"
    return head if head in LAYERS else "basics"


def test_the_graph_reads_every_kind_of_import_and_names_the_cycle(tmp_path: Path) -> None:
    """The graph is only as good as its reading: a made-up package with one import of each
    kind, and the cycle they close named in order."""
    root = tmp_path / "toy"
    (root / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "basics.py": "import os\n",
        "a.py": "from .sub import b\n",  # a submodule, relative
        "sub/__init__.py": "from .b import thing\n",  # a package re-exporting
        "sub/b.py": "def f():\n    from ..c import name\n",  # inside a function, to a module
        "c.py": (
            "from typing import TYPE_CHECKING\nimport toy.basics\n"
            "if TYPE_CHECKING:\n    from . import a\n"  # type-only counts
        ),
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    graph = _graph(root)
    assert graph == {
        "": set(),
        "basics": set(),
        "a": {"sub.b"},
        "sub": {"sub.b"},
        "sub.b": {"c"},
        "c": {"basics", "a"},
    }
    assert _cycle_lines(graph, []) == ["a -> sub.b -> c -> a"]
    assert _cycle_lines(graph, [("c", "a")]) == []


def test_no_import_cycle() -> None:
    cycles = _cycle_lines(_graph(), {})
    assert not cycles, "import cycles (move what both need into a module both import):\n" + (
        "\n".join(cycles)
    )


def test_no_module_over_450_lines() -> None:
    long = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long[relative] = lines
    assert not long, f"split these by responsibility (at most {MAX_LINES} lines): {long}"


def test_imports_follow_the_flow() -> None:
    """Models import only the basics; the pack no engine and no face; the engine no words
    and no face; the words no face. Faces may use everything before them."""
    graph = _graph()
    against = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            mine, theirs = LAYERS.index(_layer(module)), LAYERS.index(_layer(target))
            if theirs > mine and (module, target) not in KNOWN_LAYER_EDGES:
                against.append(f"{module} ({_layer(module)}) imports {target} ({_layer(target)})")
    assert not against, "imports against the flow:\n" + "\n".join(against)
    for importer, imported in KNOWN_LAYER_EDGES:
        assert imported in graph.get(importer, set()), (
            f"{importer} no longer imports {imported}: delete its line in KNOWN_LAYER_EDGES"
        )

"""The layers of generator/ hold: no module imports a layer above its own.

An AST walk of every module (imports inside functions and under TYPE_CHECKING
included) against the table in :mod:`generator.layers`.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.layers import FORBIDDEN, LAYERS, layer_of, rank

PACKAGE = Path(__file__).resolve().parents[1] / "generator"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    base = PACKAGE.parent / relative
    return base.with_suffix(".py").is_file() or any(base.glob("*.py"))


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """(imported module inside generator, line) for every import statement of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "generator":
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if source.split(".")[0] != "generator":
                continue
            for alias in node.names:
                full = f"{source}.{alias.name}"
                yield (full if _is_module(full) else source), node.lineno


@functools.cache
def _edges() -> list[tuple[str, str, int]]:
    return [
        (module, target, line)
        for module, path in _modules().items()
        for target, line in _imports(module, path)
    ]


def test_every_module_has_a_layer() -> None:
    missing = [m for m in _modules() if layer_of(m) is None]
    assert not missing, f"add these modules to generator/layers.py LAYERS: {missing}"


def test_every_entry_of_the_table_exists() -> None:
    stale = [p for _name, prefixes in LAYERS for p in prefixes if not _is_module(p)]
    assert not stale, f"generator/layers.py names modules that do not exist: {stale}"


def test_no_module_imports_a_layer_above_it() -> None:
    wrong = []
    for module, target, line in _edges():
        mine, theirs = layer_of(module), layer_of(target)
        if mine is None or theirs is None:
            continue  # reported by test_every_module_has_a_layer
        if rank(theirs) < rank(mine):
            wrong.append(f"{module}:{line} ({mine}) imports {target} ({theirs})")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_forbidden_pairs() -> None:
    def within(name: str, prefix: str) -> bool:
        return name == prefix or name.startswith(prefix + ".")

    wrong = [
        f"{module}:{line} imports {target}"
        for module, target, line in _edges()
        for importer, imported in FORBIDDEN
        if within(module, importer) and within(target, imported)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("generator.cli.project", "cli"),
        ("generator.workspace.rebuild", "application"),
        ("generator.workspace.manifest", "folder"),
        ("generator.render.xlsx_plan", "domain"),
        ("generator.planning.build", "planning"),
        ("generator.packs.loader", "packs"),
        ("generator", "core"),
        ("generator.i18n", "core"),
    ],
)
def test_the_table_places_modules_by_their_longest_prefix(module: str, layer: str) -> None:
    assert layer_of(module) == layer


def test_the_walk_sees_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    """The checker itself: an import inside a function or under TYPE_CHECKING is found."""
    source = tmp_path / "sample.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from generator.cli import cli\n"
        "def f():\n"
        "    from generator import api\n"
        "    import generator.render.xlsx_plan\n",
        encoding="utf-8",
    )
    found = {target for target, _line in _imports("generator.sample", source)}
    assert found == {"generator.cli", "generator.api", "generator.render.xlsx_plan"}


def test_nothing_imports_the_cli_from_below() -> None:
    """The CLI parses, calls the API and prints: no other module may depend on it (not even
    lazily), so every workflow stays callable without click."""
    wrong = [
        f"{module}:{line} imports {target}"
        for module, target, line in _edges()
        if (target == "generator.cli" or target.startswith("generator.cli."))
        and layer_of(module) != "cli"
    ]
    assert not wrong, "\n".join(wrong)


def test_the_layer_order_is_the_briefs() -> None:
    """cli → api + workspace → deliverables, carry, tracking, evaluation, portfolio, kit →
    planning → packs → core; the kit folder's own files sit between the domain and planning."""
    assert [name for name, _ in LAYERS] == [
        "cli",
        "application",
        "domain",
        "folder",
        "planning",
        "packs",
        "core",
    ]
    for module, layer in [
        ("generator.api", "application"),
        ("generator.workspace.rebuild", "application"),
        ("generator.render.xlsx_plan", "domain"),
        ("generator.carry.apply", "domain"),
        ("generator.tracking.forecast", "domain"),
        ("generator.evaluation.report", "domain"),
        ("generator.portfolio.rollup", "domain"),
        ("generator.kit.builder", "domain"),
        ("generator.planning.scheduler", "planning"),
        ("generator.packs.model", "packs"),
        ("generator.calendar", "core"),
        ("generator.errors", "core"),
        ("generator.kit_model", "core"),
        ("generator.i18n", "core"),
    ]:
        assert layer_of(module) == layer, module
    assert ("generator.tracking", "generator.render") in FORBIDDEN
    assert ("generator.evaluation", "generator.render") in FORBIDDEN

"""The developer pages stay true: every file, folder and module they name exists, every
call of the Python API is documented, and the layer table matches generator/layers.py."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from generator import api
from generator.layers import LAYERS

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("docs/dev/ARCHITECTURE.md", "CONTRIBUTING.md", "docs/api.md")
CODE = re.compile(r"`([^`\n]+)`")
PATH = re.compile(r"^[\w.\-/]+(?:/|\.(?:py|md|po|toml|json|yaml|xsd))$")
MODULE = re.compile(r"^generator(?:\.\w+)+$")
KIT_NAMES = {"project.yaml", "exports/", "last-build.json", "trackers.json"}
"""Files of a kit folder the pages name (not files of this repository)."""


def _text(page: str) -> str:
    return (ROOT / page).read_text(encoding="utf-8")


BASES = (
    "",
    "generator/",
    "generator/workspace/",
    "generator/api/",
    "generator/locale/zh/LC_MESSAGES/",
    "tests/",
)
"""Where a page's names start: the repository, the package, the two application
packages whose tables name their modules by file name, the catalogues, the tests."""


def _exists(name: str) -> bool:
    """A path as the pages write it: from the repository root, from ``generator/``, or a
    file of ``workspace/`` or ``api/`` named in their tables (a folder with its slash)."""
    name = name.split("::")[0].rstrip("/")
    return any((ROOT / base / name).exists() for base in BASES)


def named_paths(text: str) -> list[str]:
    """The file and folder names a page writes in code spans (placeholders skipped)."""
    found = []
    for span in CODE.findall(text):
        for word in re.split(r"[\s,()]+", span):
            word = word.split("::")[0]
            if PATH.match(word) and "<" not in word and "*" not in word and word[0] != ".":
                found.append(word)
    return found


def named_modules(text: str) -> list[str]:
    """The dotted ``generator.*`` names a page writes (a trailing attribute is allowed)."""
    return [
        w for span in CODE.findall(text) for w in re.split(r"[\s,():]+", span) if MODULE.match(w)
    ]


@pytest.mark.parametrize("page", PAGES)
def test_every_named_file_exists(page: str) -> None:
    names = [n for n in named_paths(_text(page)) if n not in KIT_NAMES]
    missing = [name for name in names if not _exists(name)]
    assert not missing, f"{page} names files that do not exist: {missing}"


def _resolves(name: str) -> bool:
    """``generator.x.y`` is a module, or an attribute of the longest module it starts with."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        module = ".".join(parts[:cut])
        try:
            found = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            found = None
        if found is None:
            continue
        item: object = importlib.import_module(module)
        for attribute in parts[cut:]:
            if not hasattr(item, attribute):
                return False
            item = getattr(item, attribute)
        return True
    return False


@pytest.mark.parametrize("page", PAGES)
def test_every_named_module_exists(page: str) -> None:
    missing = [name for name in named_modules(_text(page)) if not _resolves(name)]
    assert not missing, f"{page} names modules that do not exist: {missing}"


@pytest.mark.parametrize("page", ["docs/dev/ARCHITECTURE.md", "docs/api.md"])
def test_every_api_call_is_documented(page: str) -> None:
    text = _text(page)
    calls = [name for name in api.__all__ if callable(getattr(api, name)) and name[0].islower()]
    missing = [name for name in calls if f"`{name}(" not in text]
    assert not missing, f"{page} does not document generator.api.{missing}"


@pytest.mark.parametrize("package", ["workspace", "api"])
def test_every_module_of_the_application_layer_is_described(package: str) -> None:
    """ARCHITECTURE.md's tables of ``workspace/`` and ``api/`` name each of their modules."""
    text = _text("docs/dev/ARCHITECTURE.md")
    modules = sorted(
        p.name for p in (ROOT / "generator" / package).glob("*.py") if p.name != "__init__.py"
    )
    missing = [
        name
        for name in modules
        if f"| `{name}`" not in text
        and f"`{package}/{name}`" not in text
        and f", `{name}`" not in text
    ]
    assert not missing, f"docs/dev/ARCHITECTURE.md does not describe {package}/{missing}"


def test_the_layer_table_matches_generator_layers() -> None:
    """Each module prefix of generator/layers.py is named in its layer's row."""
    rows = {}
    for line in _text("docs/dev/ARCHITECTURE.md").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] in {name for name, _ in LAYERS}:
            rows[cells[0]] = cells[1]
    assert set(rows) == {name for name, _ in LAYERS}
    missing = []
    for layer, prefixes in LAYERS:
        for prefix in prefixes:
            path = "generator" if prefix == "generator" else prefix[len("generator.") :]
            path = path.replace(".", "/")
            tail = path.rsplit("/", 1)[-1]
            if prefix == "generator":
                forms = ["generator/__init__.py"]
            else:
                forms = [f"`{p}" for p in (f"{path}/", f"{path}.py", f"generator/{path}")]
                forms += [f"`{tail}/`", f"`{tail}.py`"]
            if not any(form in rows[layer] for form in forms):
                missing.append(f"{layer}: {prefix}")
    assert not missing, f"docs/dev/ARCHITECTURE.md's layer table lacks {missing}"


def test_the_checks_find_what_is_wrong() -> None:
    """The extractors see a wrong name (the tests above would pass on an empty list)."""
    text = "see `generator/nothing_here.py`, `carry/lift.py` and `generator.api.no_such_call`"
    assert named_paths(text) == ["generator/nothing_here.py", "carry/lift.py"]
    assert not _exists("project.py")  # a package now: no tail of cli/project.py counts
    assert not _exists("generator/nothing_here.py")
    assert _exists("carry/lift.py")
    assert named_modules(text) == ["generator.api.no_such_call"]
    assert not _resolves("generator.api.no_such_call")
    assert _resolves("generator.errors.InputError") and _resolves("generator.api.kits")

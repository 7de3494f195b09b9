"""Pristine kits made once per test process and copied for each test that needs one.

``implkit new`` costs about 5 CPU-seconds; copying the folder it wrote costs a few
hundredths. :func:`pristine` runs ``new`` once per distinct argument list in this
process (one pytest-xdist worker, or the whole serial run) and gives every test its
own copy, so a test may change, rebuild or break its kit freely. A kit holds no
absolute path and nothing named after its folder, so a copy is the same kit.
:func:`cached_tree` does the same for a folder of several kits made by a helper.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

_root: Path | None = None
_made: dict[tuple[str, ...], Path] = {}


def set_root(folder: Path) -> None:
    """Where this process keeps its pristine kits (a session temporary folder)."""
    global _root
    _root = folder
    _made.clear()


def _slot(key: tuple[str, ...]) -> Path:
    if _root is None:
        raise RuntimeError("tests.kits.set_root was not called (tests/conftest.py does)")
    return _root / f"k{len(_made)}"


def pristine(target: Path, *args: str) -> Path:
    """A copy at ``target`` of the kit ``implkit new *args`` writes (``--out`` is added).

    The kit is made once per process for the same ``args`` and folder name. A kit
    made with a path argument (``--docx-template FILE``) remembers it relative to
    its folder: it is made in place, never copied.
    """
    from generator.cli import cli
    from generator.i18n import set_language

    if any(Path(arg).is_absolute() for arg in args):
        result = CliRunner().invoke(cli, ["new", *args, "--out", str(target)])
        set_language("en")
        assert result.exit_code == 0, result.output
        return target
    key = ("new", target.name, *args)
    source = _made.get(key)
    if source is None:
        source = _slot(key) / target.name
        source.parent.mkdir(parents=True)
        result = CliRunner().invoke(cli, ["new", *args, "--out", str(source)])
        set_language("en")  # new speaks the kit's language; the next test starts in English
        assert result.exit_code == 0, result.output
        _made[key] = source
    shutil.copytree(source, target, symlinks=True)
    return target


def pristine_api(target: Path, pack: str, **answers: str) -> Path:
    """A copy at ``target`` of the kit ``api.new_kit(pack, answers=answers)`` writes.

    As :func:`pristine`, through the API (the answers a test passes as a dict): made once
    per process for the same pack, answers and folder name, copied for every test.
    """
    from generator import api
    from generator.i18n import set_language

    key = ("api", target.name, pack, *sorted(f"{k}={v}" for k, v in answers.items()))
    source = _made.get(key)
    if source is None:
        source = _slot(key) / target.name
        source.parent.mkdir(parents=True)
        api.new_kit(pack, source, answers=dict(answers))
        set_language("en")
        _made[key] = source
    shutil.copytree(source, target, symlinks=True)
    return target


def cached_tree(target: Path, name: str, make: Callable[[Path], object]) -> Path:
    """A copy at ``target`` of the folder ``make(folder)`` fills, made once per process."""
    key = ("tree", name)
    source = _made.get(key)
    if source is None:
        source = _slot(key) / name
        source.mkdir(parents=True)
        make(source)
        _made[key] = source
    shutil.copytree(source, target, symlinks=True)
    return target

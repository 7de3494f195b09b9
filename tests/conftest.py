"""Shared fixtures: every test runs with HOME and the working directory isolated.

Kits made with ``implkit new`` are made once per test run and copied per test
(:mod:`tests.kits`): ``kits.pristine(tmp_path / "kit", "manufacturing", ...)``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Compile once, not in every process. With PYTHONDONTWRITEBYTECODE set (a shell or an
# image that keeps work trees clean, as this development machine does) every xdist
# worker compiled the package and rewrote the asserts of ~140 test modules again, and
# every child python of a test compiled what it imported again: ~10 CPU-s a worker
# and ~0.4 CPU-s a child. The compiled files go to the __pycache__ folders git ignores.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@pytest.fixture(scope="session", autouse=True)
def pristine_kits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the run's pristine kits (:mod:`tests.kits`).

    Under pytest-xdist every worker's temporary folder lies in the run's own
    ``pytest-N`` folder: the workers share ``pytest-N/pristine`` there, so a kit is made
    once per run, not once per worker (never reused by a later run).
    """
    from tests import kits

    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.getbasetemp().parent / "pristine"
        folder.mkdir(exist_ok=True)
    else:
        folder = tmp_path_factory.mktemp("pristine")
    kits.set_root(folder)
    return folder


class _CheckedPacks(dict[str, Any]):
    """The pack memo of the test session: remembers each pack's pickled bytes when stored,
    so the session can prove at its end that no test changed a pack others share."""

    def __init__(self) -> None:
        super().__init__()
        self.stored: dict[str, bytes] = {}

    def __setitem__(self, key: str, value: object) -> None:
        import hashlib
        import pickle

        self.stored[key] = hashlib.sha256(pickle.dumps(value)).digest()
        super().__setitem__(key, value)

    def changed(self) -> list[str]:
        import hashlib
        import pickle

        return [
            f"{pack.meta.id} ({key[:12]})"
            for key, pack in self.items()
            if hashlib.sha256(pickle.dumps(pack)).digest() != self.stored[key]
        ]


@pytest.fixture(scope="session", autouse=True)
def packs_loaded_once() -> Iterator[None]:
    """Each pack is read once per content for the whole session, as the portfolio's
    workers do (:func:`generator.workspace.load.remember_packs`): ``new``, ``build`` and
    ``status`` of the same pack skip re-reading its ~35 YAML files (~0.4 CPU-s each).
    An edited pack is read again (the key is its files' content). At the end the run
    fails if any test changed a shared pack, which would leak into the tests after it."""
    from generator.workspace import load

    memo = _CheckedPacks()
    load._PACKS = memo
    yield
    load._PACKS = None
    changed = memo.changed()
    assert not changed, f"a test changed a remembered pack in place: {changed}"


@pytest.fixture(scope="session", autouse=True)
def workbooks_read_once() -> Iterator[None]:
    """Each workbook content is parsed once per read shape for the whole session
    (:func:`generator.carry.memo.remember_reads`): most kits of the tests are copies of
    a few pristine ones, and ``build``, ``status`` and ``import`` of a copy skip
    re-reading its workbooks (~0.35 CPU-s a manufacturing kit). An edited workbook is
    read again (the key is its bytes). Nothing needs checking at the end: the memo keeps
    each read pickled and hands every caller its own copy."""
    from generator.carry import memo

    memo.remember_reads()
    yield
    memo.forget_reads()


@pytest.fixture(autouse=True)
def isolated_home_and_cwd(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point HOME (and the cookiecutter config) at an empty folder and chdir to another.

    Nothing a test does can leak into the developer's home or the checkout.
    """
    home = tmp_path_factory.mktemp("home")
    work = tmp_path_factory.mktemp("cwd")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.delenv("COOKIECUTTER_CONFIG", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.chdir(work)
    monkeypatch.delenv("IMPLKIT_LANG", raising=False)
    from generator.i18n import set_language

    set_language("en")  # messages start in English; a zh test never leaks into the next
    yield home


def pytest_collection_finish(session: pytest.Session) -> None:
    """Move what collection left alive (imported modules, test functions, parametrised ids)
    out of the garbage collector's sight: they live until the process ends, and every full
    collection during the tests would walk them again."""
    import gc

    gc.collect()
    gc.freeze()
    # a young collection every 700 allocations walks little but runs ~40,000 times a CPU-s;
    # the tests allocate in bursts (whole kits, workbooks read back) that mostly stay alive
    gc.set_threshold(10_000, 10, 10)

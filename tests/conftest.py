"""Shared fixtures: every test runs with HOME and the working directory isolated.

Kits made with ``implkit new`` are made once per test process and copied per test
(:mod:`tests.kits`): ``kits.pristine(tmp_path / "kit", "manufacturing", ...)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def pristine_kits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of this process's pristine kits (:mod:`tests.kits`)."""
    from tests import kits

    folder = tmp_path_factory.mktemp("pristine")
    kits.set_root(folder)
    return folder


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

"""Pristine kits made once per test run and copied for each test that needs one.

``implkit new`` costs about 5 CPU-seconds; copying the folder it wrote costs a few
hundredths. :func:`pristine` runs ``new`` once per distinct argument list and gives
every test its own copy, so a test may change, rebuild or break its kit freely. A kit
holds no absolute path and nothing named after its folder, so a copy is the same kit.
:func:`pristine_api` does the same through ``api.new_kit``, :func:`cached_tree` for a
folder of several kits (or a kit and its pack) made by a helper.

Under pytest-xdist the workers share one folder (``set_root`` gets the run's common
temporary folder): the first worker to need a kit makes it, under a lock folder, in a
staging folder renamed into place when whole; the others wait for it and copy it. A
source is never changed after it is made: tests only ever get copies.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

_root: Path | None = None
_made: dict[tuple[str, ...], Path] = {}
WAIT_SECONDS = 900  # for another worker making the same kit (a slow machine, LibreOffice)


def set_root(folder: Path) -> None:
    """Where the pristine kits live (the session's, or the xdist run's shared folder)."""
    global _root
    _root = folder
    _made.clear()


def shared_root() -> Path | None:
    """The run's shared folder (:func:`set_root`), None outside a test session."""
    return _root


def _source(
    key: tuple[str, ...], name: str, make: Callable[[Path], object], *, create: bool = False
) -> Path:
    """The folder ``make(folder)`` filled for ``key`` (``folder`` is named ``name``, made
    empty first when ``create``), once per run: by this process, or by another worker and
    found in the shared root."""
    found = _made.get(key)
    if found is not None:
        return found
    if _root is None:
        raise RuntimeError("tests.kits.set_root was not called (tests/conftest.py does)")
    digest = hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()[:16]
    final = _root / digest
    lock = _root / f"{digest}.lock"
    deadline = time.monotonic() + WAIT_SECONDS
    while not final.exists():
        try:
            lock.mkdir()
        except FileExistsError:  # another worker is making it
            if time.monotonic() > deadline:
                raise TimeoutError(f"{lock} held for {WAIT_SECONDS} s: a stale lock?") from None
            time.sleep(0.2)
            continue
        try:
            if not final.exists():
                staging = _root / f"{digest}.{os.getpid()}"
                shutil.rmtree(staging, ignore_errors=True)
                staging.mkdir(parents=True)
                if create:
                    (staging / name).mkdir()
                make(staging / name)
                staging.rename(final)  # whole or not at all: the others test for ``final``
        finally:
            lock.rmdir()
    _made[key] = final / name
    return final / name


def _new_by_cli(args: tuple[str, ...]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        from generator.cli import cli
        from generator.i18n import set_language

        result = CliRunner().invoke(cli, ["new", *args, "--out", str(folder)])
        set_language("en")  # new speaks the kit's language; the next test starts in English
        assert result.exit_code == 0, result.output

    return make


def _key(args: tuple[str, ...]) -> tuple[str, ...]:
    """The cache key of ``new *args``: the pack, then its ``--option value`` pairs sorted,
    so the same options written in another order share one kit (click reads options in
    any order; checked: ``--lang zh --start X`` and ``--start X --lang zh`` write the same
    bytes). Arguments that are not such pairs (a flag, an option given twice) keep their
    order."""
    pack, rest = args[0] if args else "", args[1:]
    names = rest[::2]
    pairs = len(rest) % 2 == 0 and all(
        name.startswith("--") and not value.startswith("-")
        for name, value in zip(names, rest[1::2], strict=True)
    )
    if not pack or pack.startswith("-") or not pairs or len(set(names)) != len(names):
        return ("new", *args)
    return ("new", pack, *(item for pair in sorted(zip(names, rest[1::2])) for item in pair))


def pristine(target: Path, *args: str) -> Path:
    """A copy at ``target`` of the kit ``implkit new *args`` writes (``--out`` is added).

    The kit is made once per run for the same ``args``, in whatever order the options
    come (whatever the folder is called: a kit holds nothing named after its folder,
    checked by diffing two). A kit made
    with a path argument (``--docx-template FILE``) remembers it relative to its
    folder: it is made in place, never copied.
    """
    if any(Path(arg).is_absolute() for arg in args):
        _new_by_cli(args)(target)
        return target
    source = _source(_key(args), "kit", _new_by_cli(args))
    shutil.copytree(source, target, symlinks=True)
    return target


# Answers that ``implkit new`` passes to api.new_kit as they are (``--start X`` is
# ``start=X``): a kit asked for with only these is the same kit either way (checked:
# ``diff -r`` of api.new_kit and `implkit new` with start, and with start and lang zh).
_AS_CLI_OPTIONS = frozenset({"start", "lang"})


def pristine_api(target: Path, pack: str, **answers: str) -> Path:
    """A copy at ``target`` of the kit ``api.new_kit(pack, answers=answers)`` writes.

    As :func:`pristine`, through the API (the answers a test passes as a dict): made once
    per run for the same pack and answers, copied for every test. Answers of only
    ``start`` and ``lang`` share the kit of ``pristine(pack, "--start", X, ...)``.
    """

    def make(folder: Path) -> None:
        from generator import api
        from generator.i18n import set_language

        api.new_kit(pack, folder, answers=dict(answers))
        set_language("en")

    if answers and set(answers) <= _AS_CLI_OPTIONS:  # the kit `pristine` makes: one key
        key = _key((pack, *(item for k, v in answers.items() for item in (f"--{k}", v))))
    else:
        key = ("api", pack, *sorted(f"{k}={v}" for k, v in answers.items()))
    shutil.copytree(_source(key, "kit", make), target, symlinks=True)
    return target


def cached_tree(target: Path, name: str, make: Callable[[Path], object]) -> Path:
    """A copy at ``target`` of the folder ``make(folder)`` fills, made once per run.

    ``name`` identifies what ``make`` makes across the whole run: keep it unique.
    """
    shutil.copytree(_source(("tree", name), name, make, create=True), target, symlinks=True)
    return target

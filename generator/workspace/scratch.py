"""The run's own temporary folder: nothing is written under HOME or left in TMPDIR.

Libraries write beside the files they are asked for: matplotlib a font cache under
``~/.cache/matplotlib`` and ``~/.config/matplotlib``, XlsxWriter its row files in the
system's temporary folder, fontconfig under ``~/.cache``. A kit command must write
nothing outside the kit, so every command runs inside :func:`private_scratch`: one
folder ``implkit-<pid>-<random>`` in the system's temporary folder, made the temporary
folder of the run (``TMPDIR``/``TEMP``/``TMP`` and :mod:`tempfile`) and the cache and
configuration folder of those libraries (``MPLCONFIGDIR``, ``XDG_CACHE_HOME``), removed
when the command ends however it ends (an error, Ctrl-C). The folder of a run that was
killed (SIGKILL, power loss) is removed by the next run (:func:`remove_stale_scratch`).

The cost: matplotlib builds its font list again in each run that draws a chart (about
0.3 s of CPU), instead of reading it from the user's home.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "implkit-"
_VARIABLES = ("TMPDIR", "TEMP", "TMP", "MPLCONFIGDIR", "XDG_CACHE_HOME")


def _alive(pid: int) -> bool:
    if os.name == "nt":  # pragma: no cover - no signal 0 on Windows: keep it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive, and not ours to touch
    return True


def remove_stale_scratch(base: Path) -> list[Path]:
    """Remove the scratch folders in ``base`` of runs whose process is gone; return them."""
    removed: list[Path] = []
    try:
        entries = list(base.iterdir())
    except OSError:
        return removed
    for path in entries:
        parts = path.name.split("-")
        if not path.name.startswith(PREFIX) or len(parts) < 3 or not parts[1].isdigit():
            continue
        if path.is_symlink() or not path.is_dir() or _alive(int(parts[1])):
            continue
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(path)
    return removed


@contextmanager
def private_scratch() -> Iterator[Path]:
    """The run's temporary, cache and configuration folder (see the module docstring)."""
    base = Path(tempfile.gettempdir())
    remove_stale_scratch(base)
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base))
    saved = {name: os.environ.get(name) for name in _VARIABLES}
    saved_tempdir = tempfile.tempdir
    for name in ("TMPDIR", "TEMP", "TMP"):
        os.environ[name] = str(folder)
    os.environ["MPLCONFIGDIR"] = str(folder / "matplotlib")
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = saved_tempdir
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(folder, ignore_errors=True)

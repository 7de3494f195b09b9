"""The portfolio's process pool (generator/portfolio/rollup.py): every kit's row, in the
kits' order, the first read in this process before the pool starts (forked workers
inherit its imports and pack), the others in the workers."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from generator.errors import InputError
from generator.portfolio.rollup import POOL_FROM, summaries


def _refuse(kit: Path, as_of: date) -> object:
    """A loader that names the kit and the process that read it (module level: pickled)."""
    raise InputError(f"{kit.name} read by {os.getpid()} on {as_of.isoformat()}")


def test_rows_keep_the_kits_order_and_the_first_is_read_here(tmp_path: Path) -> None:
    kits = [tmp_path / f"kit-{n:02d}" for n in range(POOL_FROM + 3)]
    for kit in kits:
        kit.mkdir()
    rows = summaries(kits, date(2026, 9, 30), _refuse, workers=2)  # type: ignore[arg-type]
    assert [r["path"] for r in rows] == [str(k) for k in kits]
    readers = []
    for kit, row in zip(kits, rows):
        name, _read, _by, pid, _on, day = row["error"].rsplit(" ", 5)
        assert name.endswith(kit.name) and day == "2026-09-30"
        readers.append(int(pid))
    assert readers[0] == os.getpid()
    assert os.getpid() not in readers[1:]

"""No module of generator/ passes 500 lines: a longer one is split along what it does.

A module over the limit is either split (a package with one module per job, its old
import path re-exported) or named in :data:`WAITING` with the reason it is not split
yet. The list only shrinks: an entry whose module is back under the limit fails too.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
LIMIT = 500

# Modules still over the limit, each with why it waits. Remove an entry when its module
# is split (the test fails on an entry that is no longer needed).
WAITING: dict[str, str] = {}


def _lines(path: Path) -> int:
    with path.open(encoding="utf-8") as stream:
        return sum(1 for _line in stream)


def _sizes() -> dict[str, int]:
    return {
        path.relative_to(PACKAGE).as_posix(): _lines(path) for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_no_module_passes_the_limit() -> None:
    over = {name: n for name, n in _sizes().items() if n > LIMIT and name not in WAITING}
    assert not over, (
        f"modules over {LIMIT} lines (split each along what it does, keeping its import "
        f"path): {over}"
    )


def test_the_waiting_list_only_names_modules_still_over() -> None:
    sizes = _sizes()
    stale = [name for name in WAITING if sizes.get(name, 0) <= LIMIT]
    assert not stale, f"no longer over {LIMIT} lines (or gone), take off WAITING: {stale}"


def test_the_count_is_the_files_lines(tmp_path: Path) -> None:
    """The checker itself: a file of 501 lines counts 501 (the last line without a newline)."""
    sample = tmp_path / "sample.py"
    sample.write_text("x = 1\n" * 500 + "y = 2", encoding="utf-8")
    assert _lines(sample) == LIMIT + 1

"""Hostile inputs for the safety tests and ``benchmarks/refusals.py``: tampered kit files.

Each maker changes one file of a kit the way a colleague, a client or a broken sync
might: a workbook part that inflates to gigabytes, declares XML entities or holds
millions of rows; JSON nested 50,000 levels or holding ``NaN``; a named pipe where a
file should be. Sizes are parameters: tests make small ones under lowered limits
(:func:`generator.limits.overridden`), the benchmark the full-size ones.

:class:`Watch` records everything beside a kit, under HOME and in TMPDIR before a
command, so a test can assert that nothing was written outside the kit.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

CHUNK = 1 << 20


MINI_START = "2026-03-02"
MINI_AS_OF = "2026-03-10"


def run_cli(*args: str) -> tuple[int, str]:
    """(exit code, output) of ``implkit *args`` run in this process; an exception other
    than the exit is appended as ``Traceback: <type>: <message>``, so a test that asserts
    no traceback sees one."""
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, list(args))
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        output += f"\nTraceback: {type(result.exception).__name__}: {result.exception}"
    return result.exit_code, output


def _new_mini(folder: Path) -> None:
    from tests.mini_packs import write_mini

    write_mini(folder / "packs")
    code, output = run_cli(
        "new", "mini", "--packs-dir", str(folder / "packs"), "--out", str(folder / "kit"),
        "--start", MINI_START,
    )  # fmt: skip
    assert code == 0, output


def _mini_tree(target: Path, then: str | None) -> Path:
    """A copy at ``target`` of ``packs`` + ``kit`` (``new mini``, then ``then`` once):
    made once per run for each ``then``."""
    from tests import kits

    if then is None:
        return kits.cached_tree(target, "mini-kit-new", _new_mini)

    def make(folder: Path) -> None:
        folder.rmdir()  # cached_tree hands an empty folder; the copy makes it again
        _mini_tree(folder, None)
        extra = ("--as-of", MINI_AS_OF) if then == "status" else ()
        code, output = run_cli(then, str(folder / "kit"), "--packs-dir", str(folder / "packs"),
                               *extra)  # fmt: skip
        assert code == 0, output

    return kits.cached_tree(target, f"mini-kit-{then}", make)


def new_mini_kit(target: Path) -> Path:
    """A copy at ``target`` of a folder holding ``packs/mini`` and ``kit``, the kit ``new
    mini --start MINI_START`` makes beside it: made once per run (:func:`tests.kits.
    cached_tree`). The kit names its pack folder relative to itself (``../packs/mini``)
    and holds no absolute path, so every copy is the same kit (checked: made in two
    folders, then a status or a build run on each, ``diff -r`` finds nothing)."""
    return _mini_tree(target, None)


def mini_kit_beside(packs: Path, then: str | None = None) -> Path:
    """The kit of :func:`new_mini_kit` (after one ``then``, as :func:`mini_kit`), copied to
    ``kit`` beside ``packs``: a folder the caller filled with
    :func:`tests.mini_packs.write_mini`, the same pack the kit names."""
    made = _mini_tree(packs.parent / "made", then)
    kit = (made / "kit").rename(packs.parent / "kit")
    shutil.rmtree(made)
    return kit


def mini_kit(root: Path, then: str = "status") -> tuple[Path, Path]:
    """``(kit, packs)``: a kit of the mini pack made in ``root``, then ``then`` run once on
    it (``status`` at :data:`MINI_AS_OF`: a snapshot and a report to tamper with;
    ``build``: the digest of a build).

    Made once per run for each ``then`` and copied here (:func:`new_mini_kit`): each
    module that tampers with such a kit gets its own copy of it and of its pack, and its
    tests copy the kit again."""
    made = _mini_tree(root / "mini", then)
    return made / "kit", made / "packs"


def rewrite_zip(path: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Rewrite the zip at ``path``, each member through ``change(name, data)`` (None: as is)."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            changed = change(info.filename, data)
            target.writestr(info.filename, data if changed is None else changed)


def sheet_part(xlsx: Path, title: str) -> str:
    """The zip member name of the worksheet titled ``title`` in ``xlsx``."""
    with zipfile.ZipFile(xlsx) as archive:
        book = archive.read("xl/workbook.xml").decode("utf-8")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    match = re.search(r'<sheet [^>]*name="' + re.escape(title) + r'"[^>]*r:id="([^"]+)"', book)
    assert match, f"no sheet {title!r} in {xlsx}"
    target = re.search(r'Id="' + match.group(1) + r'"[^>]*Target="([^"]+)"', rels) or re.search(
        r'Target="([^"]+)"[^>]*Id="' + match.group(1) + '"', rels
    )
    assert target
    name = target.group(1).lstrip("/")
    return name if name.startswith("xl/") else "xl/" + name


def inflate_part(archive: Path, member: str, size: int) -> None:
    """Pad ``member`` (an XML part) with ``size`` bytes of blanks: a valid part, a zip bomb.

    Written in a streamed pass (a 1 GiB part needs no 1 GiB of memory)."""
    with zipfile.ZipFile(archive) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename != member:
                target.writestr(info.filename, data)
                continue
            cut = data.index(b">", data.index(b"<", data.index(b"?>") + 2)) + 1
            with target.open(info.filename, "w", force_zip64=True) as out:
                out.write(data[:cut])
                blank = b" " * CHUNK
                left = size
                while left > 0:
                    out.write(blank[: min(left, CHUNK)])
                    left -= CHUNK
                out.write(data[cut:])


def add_rows(xlsx: Path, title: str, rows: int, *, last: int | None = None) -> None:
    """Add ``rows`` filled rows to sheet ``title`` (and, with ``last``, one at row ``last``)."""
    member = sheet_part(xlsx, title)

    def change(name: str, data: bytes) -> bytes | None:
        if name != member:
            return None
        start = 100_000
        extra = "".join(
            f'<row r="{start + i}"><c r="A{start + i}" t="inlineStr"><is><t>x{i}</t></is></c></row>'
            for i in range(rows)
        )
        if last is not None:
            extra += f'<row r="{last}"><c r="A{last}" t="inlineStr"><is><t>far</t></is></c></row>'
        text = data.decode("utf-8")
        bottom = last if last is not None else start + rows - 1
        text = re.sub(
            r'<dimension ref="([A-Z]+\d+):?[A-Z]*\d*"/>', rf'<dimension ref="\1:Z{bottom}"/>', text
        )
        if "</sheetData>" not in text:
            text = text.replace("<sheetData/>", "<sheetData></sheetData>")
        return text.replace("</sheetData>", extra + "</sheetData>", 1).encode("utf-8")

    rewrite_zip(xlsx, change)


def declare_entity(archive: Path, member: str) -> None:
    """Give ``member`` a DOCTYPE declaring an entity (what a billion-laughs file starts with)."""

    def change(name: str, data: bytes) -> bytes | None:
        if name != member:
            return None
        return data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', 1)

    rewrite_zip(archive, change)


def undefined_entity(archive: Path, member: str) -> None:
    """Put the entity reference ``&a;`` into the first text of ``member`` (a parse error)."""

    def change(name: str, data: bytes) -> bytes | None:
        if name != member:
            return None
        at = data.index(b"<t>") + 3 if b"<t>" in data else data.index(b"<v>") + 3
        return data[:at] + b"&a;" + data[at:]

    rewrite_zip(archive, change)


def nested_json(levels: int) -> str:
    """A JSON text of ``levels`` lists in lists."""
    return "[" * levels + "]" * levels


def fifo_in_place_of(path: Path) -> None:
    """Replace ``path`` by a named pipe with no writer (reading it would wait forever)."""
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def link_in_place_of(path: Path, target: Path) -> None:
    """Replace ``path`` by a symbolic link to ``target``."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    path.symlink_to(target, target_is_directory=target.is_dir())


def files_of(folder: Path, skip: Path | None = None) -> dict[str, tuple[int, int, int]]:
    """Every entry below ``folder`` (not below ``skip``): relative path -> (mode, size, mtime_ns).

    Links are recorded as links (never followed); a named pipe is recorded, never opened.
    """
    found: dict[str, tuple[int, int, int]] = {}
    if not folder.exists():
        return found
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        if skip is not None and (here == skip or skip in here.parents):
            dirs[:] = []
            continue
        for name in dirs + names:
            path = here / name
            if skip is not None and path == skip:
                continue
            try:
                info = path.lstat()
            except FileNotFoundError:  # removed while we looked (another process's file)
                continue
            directory = stat.S_ISDIR(info.st_mode)  # its entries are compared, not its times
            found[path.relative_to(folder).as_posix()] = (
                info.st_mode,
                0 if directory else info.st_size,
                0 if directory else info.st_mtime_ns,
            )
    return found


class Watch:
    """What lies beside ``kit``, under HOME and in TMPDIR, recorded to compare after a run.

    ``Watch(kit)`` then ``watch.assert_untouched()``: nothing was created, changed or
    removed outside the kit (the kit itself is the test's to check). Use it with
    :func:`private_tmpdir`: the shared temporary folder changes under other processes.
    """

    def __init__(self, kit: Path) -> None:
        self.kit = kit
        self.places = {
            "beside the kit": kit.parent,
            "HOME": Path(os.environ.get("HOME", str(Path.home()))),
            "TMPDIR": Path(tempfile.gettempdir()),
        }
        self.before = {name: files_of(place, skip=kit) for name, place in self.places.items()}

    def changes(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, place in self.places.items():
            after = files_of(place, skip=self.kit)
            before = self.before[name]
            changed = sorted(
                {k for k in before.keys() ^ after.keys()}
                | {k for k in before.keys() & after.keys() if before[k] != after[k]}
            )
            if changed:
                out[name] = changed[:20]
        return out

    def assert_untouched(self) -> None:
        changes = self.changes()
        assert not changes, f"written outside the kit: {changes}"


def _content(path: Path) -> bytes:
    """The file's bytes; for a file over 16 MiB (the sparse "gigabyte" bombs) its size and
    the SHA-256 of each stretch of data, holes skipped: a hole reads as zeros, so two
    records are equal only if the contents are (reading a 2 GiB hole twice per test cost
    ~5 CPU-s and 4 GiB of memory)."""
    size = path.stat().st_size
    if size <= 16 * CHUNK or not hasattr(os, "SEEK_DATA"):
        return path.read_bytes()
    record = [f"size {size}".encode()]
    with path.open("rb") as handle:
        fd, offset = handle.fileno(), 0
        while offset < size:
            try:
                start = os.lseek(fd, offset, os.SEEK_DATA)
            except OSError:  # ENXIO: only a hole is left
                break
            end = os.lseek(fd, start, os.SEEK_HOLE)
            digest = hashlib.sha256()
            handle.seek(start)
            for _ in range(start, end, CHUNK):
                digest.update(handle.read(min(CHUNK, end - handle.tell())))
            record.append(f"data {start}-{end} ".encode() + digest.digest())
            offset = end
    return b"\n".join(record)


def kit_state(kit: Path) -> dict[str, bytes]:
    """Every regular file of the kit with its bytes (links and pipes by what they are;
    a file over 16 MiB by its size and its data's digests, :func:`_content`)."""
    state: dict[str, bytes] = {}
    for root, _dirs, names in os.walk(kit):
        for name in names:
            path = Path(root) / name
            if path.is_symlink():
                state[path.relative_to(kit).as_posix()] = b"->" + os.readlink(path).encode()
            elif path.is_file():
                state[path.relative_to(kit).as_posix()] = _content(path)
            else:
                state[path.relative_to(kit).as_posix()] = b"<special>"
    return state


def private_tmpdir(monkeypatch: object, folder: Path) -> Path:
    """Point TMPDIR (environment and :mod:`tempfile`) at ``folder`` for one test."""
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("TMPDIR", str(folder))  # type: ignore[attr-defined]
    monkeypatch.setattr(tempfile, "tempdir", str(folder))  # type: ignore[attr-defined]
    return folder


def mount_small_disk(folder: Path, size: str) -> str | None:
    """Mount a tmpfs of ``size`` (``"2m"``) at ``folder``; the reason when it cannot be done.

    Needs root (or CAP_SYS_ADMIN) and Linux; the caller skips with the reason otherwise
    and unmounts with :func:`unmount` when done.
    """
    import subprocess
    import sys

    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return "a small disk needs Linux and root (mount -t tmpfs)"
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return f"mount -t tmpfs failed: {done.stderr.strip()}"
    return None


def unmount(folder: Path) -> None:
    """Unmount what :func:`mount_small_disk` mounted (lazily, so a busy file cannot stop it)."""
    import subprocess

    subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def fill_disk(folder: Path, leave: int = 0) -> Path:
    """Fill the file system of ``folder`` up to ``leave`` bytes free; the filler file."""
    filler = folder / ".filler"
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with filler.open("ab") as handle:
        chunk = b"\0" * 65536
        left = max(free - leave, 0)
        try:
            while left > 0:
                handle.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            handle.flush()
        except OSError:
            pass  # full a little earlier than counted: as wanted
    return filler

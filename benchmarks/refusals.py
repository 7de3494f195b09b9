"""``python -m benchmarks.refusals``: every command on every refused input, time and memory.

The target (docs/refuses.md): any command given a hostile input — a zip bomb, a sheet of
twelve million rows, JSON nested 50,000 levels, a named pipe or /dev/zero as
project.yaml, a template that doubles a text forever — ends with exit 2 within
**30 seconds** and **500 MB** of peak memory, with the production limits (no test
overrides). Each case is a whole process (``python -m generator ...``) on a copy of a
real kit (the manufacturing pack); the peer is the same command on the untampered kit,
measured in the same run. Peak memory and CPU come from GNU ``time`` around the command
(see :func:`measure`); a case passes on CPU seconds (the machine is shared: wall time is
shown, and measures the other users too). A run is killed after ``--timeout`` seconds
(default 120) and counted as a miss.

Options: ``--only a,b`` (case names), ``--work DIR`` (scratch, default a temp folder
removed at the end), ``--timeout S``. Prints one Markdown table; progress on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests import hostile  # noqa: E402  (the makers the tests use, at full size)

START = "2027-01-04"
AS_OF = "2027-03-01"
GIB = 1024**3
TARGET_SECONDS = 30.0
TARGET_MB = 500.0


@dataclass
class Measured:
    code: int | str
    wall: float
    cpu: float
    rss_mb: float
    tail: str


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(cmd: list[str], env: dict[str, str], timeout: float) -> Measured:
    """Run ``cmd``; its exit code, wall and CPU seconds and peak RSS (killed at ``timeout``).

    Peak memory comes from GNU ``time`` (``%M``) around the command: a child forked
    straight from this process would report this process's own peak (Linux keeps a
    forked child's high-water mark across ``exec``), and this process makes gigabyte
    files. Without ``/usr/bin/time`` the child's ``wait4`` figures are used.
    """
    timer_file = Path(tempfile.mkstemp(prefix="refusals-time-")[1])
    wrapped = (
        ["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(timer_file), *cmd]
        if Path("/usr/bin/time").exists()
        else cmd
    )
    with tempfile.TemporaryFile() as out:
        began = time.perf_counter()
        proc = subprocess.Popen(
            wrapped, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        killed: list[bool] = []

        def kill() -> None:
            killed.append(True)
            os.killpg(proc.pid, signal.SIGKILL)  # GNU time and the command it runs

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        wall = time.perf_counter() - began
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    cpu, rss = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
    figures = timer_file.read_text(encoding="utf-8").split() if timer_file.exists() else []
    timer_file.unlink(missing_ok=True)
    if len(figures) >= 4 and wrapped is not cmd:
        with contextlib.suppress(ValueError):
            cpu, rss = float(figures[-3]) + float(figures[-2]), float(figures[-1]) / 1024
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if lines and lines[0].startswith("Command exited with non-zero status"):
        lines = lines[1:]
    code: int | str = "killed" if killed else proc.returncode
    return Measured(code, wall, cpu, rss, " | ".join(lines[:2]))


# --- the cases ------------------------------------------------------------------------------

Tamper = Callable[[Path, Path], list[str]]  # (kit, scratch) -> extra arguments


def _plan(kit: Path) -> Path:
    return kit / "plan" / "project-plan.xlsx"


def fifo_answers(kit: Path, _work: Path) -> list[str]:
    hostile.fifo_in_place_of(kit / "project.yaml")
    return []


def dev_zero_answers(kit: Path, _work: Path) -> list[str]:
    hostile.link_in_place_of(kit / "project.yaml", Path("/dev/zero"))
    return []


def huge_answers(kit: Path, _work: Path) -> list[str]:
    with (kit / "project.yaml").open("r+b") as handle:
        handle.truncate(2 * GIB)  # sparse: 2 GiB reported, no disk used
    return []


def many_unknown_keys(kit: Path, _work: Path) -> list[str]:
    path = kit / "project.yaml"
    text = path.read_text(encoding="utf-8")
    keys = "".join(f"k{i}: {i}\n" for i in range(45_000))  # as many as 512 KiB hold
    path.write_text(text + keys, encoding="utf-8")
    return []


def _write(relative: str, text: str) -> Tamper:
    def tamper(kit: Path, _work: Path) -> list[str]:
        path = kit / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return []

    return tamper


def big_manifest(kit: Path, _work: Path) -> list[str]:
    path = kit / ".implkit" / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data["files"][0]
    data["files"] = [
        {**entry, "path": f"x/{'y' * 250}-{n}.md"} for n in range(200_000)
    ]  # 200,000 entries, about 60 MB
    path.write_text(json.dumps(data), encoding="utf-8")
    return []


def many_manifest_entries(kit: Path, _work: Path) -> list[str]:
    path = kit / ".implkit" / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data["files"][0]
    data["files"] = [{**entry, "path": f"f{n}.md"} for n in range(200_000)]  # within 32 MiB
    path.write_text(json.dumps(data), encoding="utf-8")
    return []


def history_sequence(kit: Path, _work: Path) -> list[str]:
    path = kit / ".implkit" / "calendar-history.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"sequence": 0', '"sequence": 1e400', 1), encoding="utf-8")
    return []


def plan_bomb(kit: Path, _work: Path) -> list[str]:
    plan = _plan(kit)
    hostile.inflate_part(plan, hostile.sheet_part(plan, "Plan"), GIB)
    return []


def plan_entity(kit: Path, _work: Path) -> list[str]:
    plan = _plan(kit)
    hostile.declare_entity(plan, hostile.sheet_part(plan, "Plan"))
    return []


def plan_far_row(kit: Path, _work: Path) -> list[str]:
    hostile.add_rows(_plan(kit), "Risks", 0, last=12_000_000)
    return []


def plan_many_rows(kit: Path, _work: Path) -> list[str]:
    hostile.add_rows(_plan(kit), "Risks", 1_000_000)
    return []


def docx_template_bomb(_kit: Path, work: Path) -> list[str]:
    from docx import Document

    template = work / "corp.docx"
    Document().save(str(template))
    hostile.inflate_part(template, "word/document.xml", GIB)
    return ["--docx-template", str(template)]


def template_doubling(_kit: Path, work: Path) -> list[str]:
    from generator.packs.loader import builtin_packs

    packs = work / "packs"
    if packs.exists():
        shutil.rmtree(packs)
    for name in ("base", "manufacturing"):
        shutil.copytree(builtin_packs()[name], packs / name)
    target = packs / "manufacturing" / "templates" / "doubling.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s }}",
        encoding="utf-8",
    )
    return ["--packs-dir", str(packs)]


def template_nested_loops(_kit: Path, work: Path) -> list[str]:
    extra = template_doubling(_kit, work)
    (work / "packs" / "manufacturing" / "templates" / "doubling.md").write_text(
        "{% set s = 'x' * 2000000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    return extra


# (name, command, tamper): command "new" writes a new kit (the tamper gives options)
CASES: list[tuple[str, str, Tamper]] = [
    ("project.yaml is a named pipe", "build", fifo_answers),
    ("project.yaml links to /dev/zero", "status", dev_zero_answers),
    ("project.yaml of 2 GiB", "build", huge_answers),
    ("project.yaml with 45,000 unknown keys", "build", many_unknown_keys),
    (
        "manifest nested 50,000 levels",
        "build",
        _write(".implkit/manifest.json", "[" * 50_000 + "]" * 50_000),
    ),
    ("manifest of 200,000 entries, 60 MB", "build", big_manifest),
    ("manifest of 200,000 short entries", "build", many_manifest_entries),
    (
        "snapshot with NaN",
        "status",
        _write(f".implkit/snapshots/{AS_OF}.json", '{"as_of": "' + AS_OF + '", "pv": NaN}'),
    ),
    (
        "snapshot with 1e400",
        "status",
        _write(f".implkit/snapshots/{AS_OF}.json", '{"as_of": "' + AS_OF + '", "pv": 1e400}'),
    ),
    (
        "baseline index nested 50,000",
        "status",
        _write(".implkit/baselines/index.json", "[" * 50_000 + "]" * 50_000),
    ),
    ("calendar history sequence 1e400", "build", history_sequence),
    ("plan sheet inflating to 1 GiB", "build", plan_bomb),
    ("plan sheet inflating to 1 GiB", "status", plan_bomb),
    ("XML entity in the plan", "status", plan_entity),
    ("a row at 12,000,000", "build", plan_far_row),
    ("1,000,000 filled rows", "status", plan_many_rows),
    ("--docx-template inflating to 1 GiB", "new", docx_template_bomb),
    ("template doubling a text", "new", template_doubling),
    ("template with nested loops over 2 MB", "new", template_nested_loops),
]


def _args(command: str, kit: Path, work: Path, extra: list[str]) -> list[str]:
    if command == "new":
        return ["new", "manufacturing", "--out", str(work / "new-kit"), "--start", START, *extra]
    if command == "status":
        return ["status", str(kit), "--as-of", AS_OF, *extra]
    return [command, str(kit), *extra]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.refusals")
    parser.add_argument("--only", default="", help="comma-separated parts of case names")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    wanted = [w.strip().lower() for w in args.only.split(",") if w.strip()]
    work = args.work or Path(tempfile.mkdtemp(prefix="implkit-refusals-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(work / "home"), "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    (work / "home").mkdir(exist_ok=True)
    python = [sys.executable, "-m", "generator"]
    pristine = work / "pristine" / "kit"
    try:
        if not pristine.exists():
            log("making the kit (manufacturing) ...")
            pristine.parent.mkdir(parents=True, exist_ok=True)
            made = measure(
                [*python, "new", "manufacturing", "--out", str(pristine), "--start", START],
                env,
                600,
            )
            assert made.code == 0, made.tail
            done = measure([*python, "status", str(pristine), "--as-of", AS_OF], env, 600)
            assert done.code == 0, done.tail
        peers: dict[str, Measured] = {}
        rows = []
        for name, command, tamper in CASES:
            if wanted and not any(w in name.lower() for w in wanted):
                continue
            case = work / "case"
            if case.exists():
                shutil.rmtree(case)
            kit = case / "kit"
            shutil.copytree(pristine, kit, symlinks=True)
            if command not in peers:
                log(f"peer: {command} on the untampered kit ...")
                peer_kit = work / "peer" / "kit"
                if peer_kit.parent.exists():
                    shutil.rmtree(peer_kit.parent)
                shutil.copytree(pristine, peer_kit)
                peers[command] = measure(
                    [*python, *_args(command, peer_kit, work / "peer", [])], env, 600
                )
            extra = tamper(kit, case)
            log(f"{name}: {command} ...")
            got = measure([*python, *_args(command, kit, case, extra)], env, args.timeout)
            # judged on CPU seconds: the machine is shared, wall time measures the others too
            ok = got.code == 2 and got.cpu <= TARGET_SECONDS and got.rss_mb <= TARGET_MB
            rows.append((name, command, got, peers[command], ok))
            shutil.rmtree(case, ignore_errors=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(
        "| refused input | command | exit | wall | CPU | peak memory | peer (untampered): wall / CPU / memory | target | result |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, command, got, peer, ok in rows:
        print(
            f"| {name} | {command} | {got.code} | {got.wall:.1f} s | {got.cpu:.1f} s | "
            f"{got.rss_mb:.0f} MB | {peer.wall:.1f} s / {peer.cpu:.1f} s / {peer.rss_mb:.0f} MB | "
            f"exit 2, CPU ≤ {TARGET_SECONDS:.0f} s, ≤ {TARGET_MB:.0f} MB | {'PASS' if ok else 'MISS'} |"
        )
    for name, command, got, _peer, ok in rows:
        if not ok:
            print(f"\n{name} ({command}): {got.tail[:400]}")
    return 0 if all(ok for *_rest, ok in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())

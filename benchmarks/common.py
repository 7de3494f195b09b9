"""Shared pieces of the benchmark runner: timing a subprocess, medians, the result table.

Every figure is a median over ``runs`` measurements. A subprocess is timed from
the outside (wall clock around ``Popen`` .. ``wait4``) and its CPU time
(user + system, its pool workers included) and peak resident set size (``ru_maxrss``)
come from the ``rusage`` that ``os.wait4`` returns for that one child: nothing else
running on the machine is counted in them. implkit and its peer run in turn, A B A B ...
(:func:`paired`), and a ratio is the median of the pair-by-pair ratios, so a machine
whose speed drifts during the run moves both sides of each pair alike. On a shared
machine the targets are judged on CPU time (a busy machine stretches wall time, hardly
CPU time); the wall figures are shown beside them.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
START = "2026-03-02"  # the start date of the synthetic kits


@dataclass(frozen=True)
class Sample:
    """One measured process: wall seconds, CPU seconds, peak RSS in MiB."""

    wall: float
    cpu: float
    rss_mb: float


@dataclass
class Series:
    """Repeated samples of one measurement."""

    samples: list[Sample] = field(default_factory=list)

    def add(self, sample: Sample) -> None:
        self.samples.append(sample)

    def cpu_ratio(self, peer: Series) -> float:
        """Median of the pair-by-pair CPU ratios self/peer (runs taken in turn)."""
        return statistics.median(a.cpu / b.cpu for a, b in zip(self.samples, peer.samples))

    def wall_ratio(self, peer: Series) -> float:
        """Median of the pair-by-pair wall ratios self/peer."""
        return statistics.median(a.wall / b.wall for a, b in zip(self.samples, peer.samples))

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def rss_mb(self) -> float:
        return statistics.median(s.rss_mb for s in self.samples)


def script(name: str) -> list[str]:
    """The console script ``name`` of this Python, as a command (no pyenv shim in between)."""
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return [str(beside)]
    from shutil import which

    found = which(name)
    if found is None:
        raise SystemExit(f"benchmarks: the '{name}' command is not installed")
    return [found]


def bench_env(home: Path) -> dict[str, str]:
    """Environment for measured commands: HOME in the work folder, no colour, no pager."""
    env = dict(os.environ)
    env["HOME"] = str(home)
    env["NO_COLOR"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    # Measure implkit as installed: byte-compiled once (pip compiles at install, a
    # checkout on its first run), not compiled again by every measured process while
    # the peer's modules come compiled from site-packages. A shell that sets
    # PYTHONDONTWRITEBYTECODE (to keep work trees clean) would do just that; the
    # compiled files go to the work folder instead, written by the unmeasured runs.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home.parent / "pycache")
    home.mkdir(parents=True, exist_ok=True)
    return env


def run_measured(
    cmd: Sequence[str], *, env: dict[str, str], cwd: Path | None = None
) -> tuple[Sample, str]:
    """Run ``cmd`` to completion; its wall/CPU/peak-RSS sample and its stdout.

    The child is reaped with ``os.wait4``, which returns that child's own rusage.
    A non-zero exit code stops the benchmark with the command's stderr.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - began
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode:
        raise SystemExit(
            f"benchmarks: {' '.join(cmd)} failed with exit code {proc.returncode}:\n"
            + stderr[-3000:]
        )
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(wall, cpu, usage.ru_maxrss / 1024), stdout


def worker(
    job: str, *args: str, env: dict[str, str], cwd: Path | None = None
) -> tuple[Sample, dict[str, Any]]:
    """Run ``python -m benchmarks.worker JOB ARGS`` in a fresh process; its sample and JSON."""
    sample, out = run_measured(
        [sys.executable, "-m", "benchmarks.worker", job, *args], env=env, cwd=cwd
    )
    lines = [line for line in out.splitlines() if line.startswith("{")]
    return sample, json.loads(lines[-1]) if lines else {}


# --- the result table ---------------------------------------------------------------------


@dataclass
class Row:
    """One line of the result table."""

    section: str
    what: str
    ours: float
    peer: float | None
    peer_name: str
    unit: str  # "s", "ms", "MB", "x"
    target: str = "-"
    passed: bool | None = None
    ours_cpu: float | None = None
    peer_cpu: float | None = None
    note: str = ""
    cpu_ratio: float | None = None  # median of the pair-by-pair CPU ratios (the judged one)
    wall_ratio: float | None = None  # median of the pair-by-pair wall ratios

    @property
    def ratio(self) -> float | None:
        if self.wall_ratio is not None:
            return self.wall_ratio
        if self.peer is None or self.peer == 0:
            return None
        return self.ours / self.peer


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "ms":
        return f"{value * 1000:,.0f} ms"
    if unit == "s":
        return f"{value:,.3f} s" if value < 10 else f"{value:,.1f} s"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:g} {unit}"


def verdict(passed: bool | None) -> str:
    return "-" if passed is None else ("PASS" if passed else "MISS")


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table (readable on a terminal too)."""
    head = [
        "section",
        "measurement",
        "implkit",
        "peer",
        "peer figure",
        "ratio",
        "CPU implkit / peer",
        "CPU ratio",
        "target",
        "result",
    ]
    body: list[list[str]] = []
    for r in rows:
        cpu = "-"
        if r.ours_cpu is not None:
            cpu = _num(r.ours_cpu, r.unit if r.unit in ("s", "ms") else "s")
            if r.peer_cpu is not None:
                cpu += " / " + _num(r.peer_cpu, r.unit if r.unit in ("s", "ms") else "s")
        cpu_ratio = r.cpu_ratio
        if cpu_ratio is None and r.ours_cpu is not None and r.peer_cpu:
            cpu_ratio = r.ours_cpu / r.peer_cpu
        body.append(
            [
                r.section,
                r.what + (f" ({r.note})" if r.note else ""),
                _num(r.ours, r.unit),
                r.peer_name or "-",
                _num(r.peer, r.unit),
                _num(r.ratio, "x") if r.ratio is not None else "-",
                cpu,
                _num(cpu_ratio, "x") if cpu_ratio is not None else "-",
                r.target,
                verdict(r.passed),
            ]
        )
    widths = [
        max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(head)
    ]
    lines = [
        "| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(b, widths)) + " |" for b in body]
    return "\n".join(lines)


def log(message: str) -> None:
    """Progress on stderr (the table goes to stdout)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class SyntheticKit:
    """A kit built with ``implkit new`` from the synthetic pack, for a ``python -m`` benchmark.

    ``work`` is the benchmark's folder, ``env`` the measured commands' environment
    (:func:`bench_env`), ``packs`` the folder holding ``synthetic/``, ``kit`` the kit.
    """

    work: Path
    env: dict[str, str]
    packs: Path
    kit: Path

    def implkit(self, *args: str) -> list[str]:
        """``implkit ARGS...`` run by this Python as ``python -m generator``."""
        return [sys.executable, "-m", "generator", *args]

    def new_command(self, out: Path) -> list[str]:
        """``implkit new synthetic`` into ``out`` (the pack from ``packs``, started at START)."""
        return self.implkit(
            "new", "synthetic", "--out", str(out), "--packs-dir", str(self.packs), "--start", START
        )


@contextmanager
def synthetic_kit(prefix: str, tasks: int, work: Path | None) -> Iterator[SyntheticKit]:
    """Build a fresh kit from a synthetic pack of ``tasks`` tasks; yields where it is.

    ``work`` None: a new temporary folder named ``prefix...``, removed on exit. Otherwise
    ``work`` is created if missing and kept, and a pack already written there is reused.
    """
    folder = Path(tempfile.mkdtemp(prefix=prefix)) if work is None else work
    folder.mkdir(parents=True, exist_ok=True)
    env = bench_env(folder / "home")
    try:
        packs = folder / "packs"
        if not (packs / "synthetic" / "pack.yaml").is_file():
            from benchmarks.synthetic import write_pack

            write_pack(packs / "synthetic", tasks=tasks)
        bench = SyntheticKit(folder, env, packs, folder / "kit")
        shutil.rmtree(bench.kit, ignore_errors=True)
        run_measured(bench.new_command(bench.kit), env=env)
        yield bench
    finally:
        if work is None:
            shutil.rmtree(folder, ignore_errors=True)


def paired(
    ours: Sequence[str],
    peer: Sequence[str],
    runs: int,
    *,
    env: dict[str, str],
    name: str,
    before: Any = None,
) -> tuple[Series, Series]:
    """``ours`` and ``peer`` in turn, ``runs`` pairs after one unmeasured pair (disk cache,
    .pyc files); ``before(n)``, when given, runs before each pair (e.g. to clear a folder)."""
    a, b = Series(), Series()
    for n in range(runs + 1):
        if before is not None:
            before(n)
        one = run_measured(ours, env=env)[0]
        two = run_measured(peer, env=env)[0]
        if n:
            a.add(one)
            b.add(two)
            log(
                f"{name}: pair {n}/{runs}: CPU {one.cpu:.2f} s vs {two.cpu:.2f} s "
                f"(wall {one.wall:.2f} vs {two.wall:.2f})"
            )
    return a, b


def against_new(
    bench: SyntheticKit, command: Sequence[str], runs: int, name: str, label: str
) -> tuple[Series, Series]:
    """``runs`` times: ``implkit new`` into a fresh folder, then ``command``; both series.

    Logs each run as ``NAME: run N: new X s, LABEL Y s`` (wall seconds).
    """
    new, other = Series(), Series()
    for n in range(runs):
        fresh = bench.work / f"fresh-{n}"
        shutil.rmtree(fresh, ignore_errors=True)
        new.add(run_measured(bench.new_command(fresh), env=bench.env)[0])
        other.add(run_measured(command, env=bench.env)[0])
        log(
            f"{name}: run {n + 1}: new {new.samples[-1].wall:.2f} s, "
            f"{label} {other.samples[-1].wall:.2f} s"
        )
    return new, other

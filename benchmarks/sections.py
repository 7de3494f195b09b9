"""The five benchmark sections; each returns rows for the result table.

See ``docs/performance.md`` for what each one measures and why.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import (
    Row,
    Sample,
    Series,
    bench_env,
    log,
    paired,
    run_measured,
    script,
    worker,
)

START = "2026-03-02"


@dataclass
class Settings:
    """What the runner was asked for."""

    work: Path
    runs: int
    quick: bool

    @property
    def env(self) -> dict[str, str]:
        return bench_env(self.work / "home")


def _fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    return path


# --- 1. start-up -------------------------------------------------------------------------


def startup(s: Settings) -> list[Row]:
    """``implkit --help`` vs ``cookiecutter --help``, whole process, in turn."""
    implkit, cookiecutter = script("implkit"), script("cookiecutter")
    runs = max(s.runs, 5)
    ours, peer = paired(
        [*implkit, "--help"], [*cookiecutter, "--help"], runs, env=s.env, name="startup"
    )
    ratio = ours.cpu_ratio(peer)
    return [
        Row(
            "start-up",
            f"--help, whole process, median of {runs}",
            ours.wall,
            peer.wall,
            "cookiecutter --help",
            "ms",
            target="<= 1.0x peer (CPU)",
            passed=ratio <= 1.0,
            ours_cpu=ours.cpu,
            peer_cpu=peer.cpu,
            cpu_ratio=ratio,
            wall_ratio=ours.wall_ratio(peer),
        ),
        Row(
            "start-up",
            "--help peak RSS",
            ours.rss_mb,
            peer.rss_mb,
            "cookiecutter --help",
            "MB",
        ),
    ]


# --- 2. full kit -------------------------------------------------------------------------

KIT_TARGET = 3.0  # implkit new manufacturing / cookiecutter on the same tree, CPU


def full_kit(s: Settings) -> list[Row]:
    """``implkit new manufacturing`` vs ``cookiecutter --no-input`` of the same file tree."""
    from benchmarks.cctemplate import make_template

    implkit, cookiecutter = script("implkit"), script("cookiecutter")
    area = _fresh(s.work / "kit")
    area.mkdir(parents=True)
    ref = area / "reference"
    _, out = run_measured(
        [*implkit, "new", "manufacturing", "--out", str(ref), "--start", START, "--json"],
        env=s.env,
    )
    summary = json.loads(out)
    template = area / "cc-template"
    counts = make_template(ref, template, client=summary["client"], project=summary["project"])
    config = area / "cookiecutter-config.yaml"
    config.write_text(
        f"cookiecutters_dir: {json.dumps(str(area / 'cc-cache'))}\n"
        f"replay_dir: {json.dumps(str(area / 'cc-replay'))}\n",
        encoding="utf-8",
    )
    log(f"kit: template with {counts['text']} text and {counts['binary']} binary files")
    runs = max(s.runs, 3)

    def clear(_n: int) -> None:
        _fresh(area / "new")
        _fresh(area / "cc")

    ours, peer = paired(
        [*implkit, "new", "manufacturing", "--out", str(area / "new"), "--start", START],
        [
            *cookiecutter,
            "--no-input",
            str(template),
            "-o",
            str(area / "cc"),
            "--config-file",
            str(config),
        ],
        runs,
        env=s.env,
        name="kit",
        before=clear,
    )
    files = counts["text"] + counts["binary"]
    ratio = ours.cpu_ratio(peer)
    rows = [
        Row(
            "full kit",
            f"implkit new manufacturing ({files} files), median of {runs}",
            ours.wall,
            peer.wall,
            "cookiecutter --no-input, same tree",
            "s",
            target=f"<= {KIT_TARGET}x peer (CPU)",
            passed=ratio <= KIT_TARGET,
            ours_cpu=ours.cpu,
            peer_cpu=peer.cpu,
            cpu_ratio=ratio,
            wall_ratio=ours.wall_ratio(peer),
        ),
        Row(
            "full kit",
            "peak RSS",
            ours.rss_mb,
            peer.rss_mb,
            "cookiecutter --no-input",
            "MB",
        ),
    ]
    return rows + kit_breakdown(s, area) + kit_imports(s, area)


def kit_breakdown(s: Settings, area: Path) -> list[Row]:
    """CPU of each stage of one ``implkit new manufacturing`` run; the rows add up to the
    whole process (interpreter start and exit, the CLI's import, each stage with the
    imports it triggers, and the rest of the command)."""
    sample, split = worker("kit-breakdown", str(_fresh(area / "breakdown")), env=s.env)
    stages: dict[str, float] = dict(split["stages"])
    rest = split["run_cpu"] - sum(stages.values())
    stages["the rest of new (CLI, staging, manifest, state files, summary)"] = max(rest, 0.0)
    stages["import generator.cli (what every command loads)"] = split["import_cpu"]
    ahead = split.get("ahead_cpu", 0.0)
    stages["import of the staged modules, made ahead to time the stages"] = ahead
    inside = split["import_cpu"] + ahead + split["run_cpu"]
    stages["interpreter start and exit, the worker's own code"] = max(sample.cpu - inside, 0.0)
    total = sample.cpu
    return [
        Row(
            "full kit, CPU by stage",
            f"{label} ({100 * value / total:.0f} %)",
            value,
            None,
            "",
            "s",
        )
        for label, value in sorted(stages.items(), key=lambda kv: -kv[1])
    ] + [
        Row(
            "full kit, CPU by stage",
            "sum of the stages = the whole process (CPU of that run)",
            sum(stages.values()),
            None,
            "",
            "s",
            ours_cpu=total,
        )
    ]


def kit_imports(s: Settings, area: Path, top: int = 8) -> list[Row]:
    """The heaviest top-level packages ``implkit new`` imports (``python -X importtime``,
    self time summed per top-level package, one run; wall time, so only the order is
    robust on a busy machine)."""
    cmd = [
        sys.executable,
        "-X",
        "importtime",
        "-m",
        "generator",
        "new",
        "manufacturing",
        "--out",
        str(_fresh(area / "importtime")),
        "--start",
        START,
    ]
    import subprocess

    done = subprocess.run(cmd, env=s.env, capture_output=True, text=True, check=False)
    per: dict[str, int] = {}
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[0].startswith("import time:"):
            continue
        try:
            own = int(parts[0].split(":")[1])
        except ValueError:
            continue
        name = parts[2].strip().split(".")[0]
        per[name] = per.get(name, 0) + own
    total = sum(per.values()) or 1
    heavy = sorted(per.items(), key=lambda kv: -kv[1])[:top]
    return [
        Row(
            "full kit, imports",
            f"import {name} (self time of its modules, {100 * us / total:.0f} % of all imports)",
            us / 1e6,
            None,
            "",
            "s",
        )
        for name, us in heavy
    ] + [Row("full kit, imports", "all imports of new (-X importtime)", total / 1e6, None, "", "s")]


# --- 3. scale ----------------------------------------------------------------------------


def _synthetic(s: Settings, name: str, tasks: int, objects: int) -> Path:
    """A packs folder holding one synthetic pack (cached in the work folder)."""
    from benchmarks.synthetic import write_pack

    packs = s.work / "packs" / name
    done = packs / ".done"
    if not done.exists():
        _fresh(packs)
        write_pack(packs / "synthetic", tasks=tasks, objects=objects)
        done.write_text("ok", encoding="utf-8")
    return packs


def _scale_case(s: Settings, kind: str, name: str, tasks: int, objects: int) -> dict[str, object]:
    """Prepare a Kit once, then time the renderer and XlsxWriter in fresh processes."""
    packs = _synthetic(s, name, tasks, objects)
    area = _fresh(s.work / "scale" / name)
    area.mkdir(parents=True)
    kit = area / "kit.pickle"
    prep_sample, prep = worker("kit-prep", str(packs), "synthetic", str(kit), env=s.env)
    log(
        f"scale {name}: pack loaded in {prep['load_s']:.1f} s, Kit built in {prep['kit_s']:.1f} s "
        f"({prep['tasks']} tasks, {prep['objects']} objects), peak {prep_sample.rss_mb:.0f} MB"
    )
    ours: list[Sample] = []
    peer: list[Sample] = []
    ours_proc: list[Sample] = []
    ours_base: list[float] = []
    peer_base: list[float] = []
    peer_proc: list[Sample] = []
    cells = area / "cells.pickle"
    heavy = tasks >= 10_000 or objects >= 2_000
    runs = min(s.runs, 3) if heavy else s.runs
    for n in range(runs):
        out = area / f"{kind}-{n}.xlsx"
        proc, got = worker(f"render-{kind}", str(kit), str(out), env=s.env)
        ours.append(Sample(float(got["seconds"]), float(got["cpu"]), float(got["peak_mb"])))
        ours_base.append(float(got["base_mb"]))
        ours_proc.append(proc)
        if n == 0:
            worker("xlsx-extract", str(out), str(cells), env=s.env)
        proc, got = worker("xlsxwriter", str(cells), str(area / f"xw-{n}.xlsx"), env=s.env)
        peer.append(Sample(float(got["seconds"]), float(got["cpu"]), float(got["peak_mb"])))
        peer_base.append(float(got["base_mb"]))
        peer_proc.append(proc)
        log(f"scale {name} run {n + 1}/{runs}: {ours[-1].wall:.2f} s vs {peer[-1].wall:.2f} s")
        if n:
            out.unlink()
    return {
        "prep": prep,
        "prep_rss": prep_sample.rss_mb,
        "ours": Series(ours),
        "peer": Series(peer),
        "runs": runs,
        "ours_base": statistics.median(ours_base),
        "peer_base": statistics.median(peer_base),
        "size": (area / f"{kind}-0.xlsx").stat().st_size,
    }


def _memory_note(case: dict[str, object]) -> str:
    ours, peer = case["ours"], case["peer"]
    assert isinstance(ours, Series) and isinstance(peer, Series)
    ours_base, peer_base = case["ours_base"], case["peer_base"]
    assert isinstance(ours_base, float) and isinstance(peer_base, float)
    return (
        f"input loaded: {ours_base:.0f} MB Kit vs {peer_base:.0f} MB cells; "
        f"rendering adds {ours.rss_mb - ours_base:.0f} vs {peer.rss_mb - peer_base:.0f} MB"
    )


PLAN_TARGET = 1.1  # the 10k plan workbook / XlsxWriter writing the same cells, CPU


def scale(s: Settings) -> list[Row]:
    from importlib.util import find_spec

    if find_spec("xlsxwriter") is None:
        raise SystemExit(
            "benchmarks: the scale section needs XlsxWriter: pip install -e '.[bench]'"
        )
    rows: list[Row] = []
    sizes = (1_000, 10_000) if s.quick else (1_000, 10_000, 50_000)
    object_sizes = (200,) if s.quick else (200, 2_000)
    plan: dict[int, dict[str, object]] = {}
    for tasks in sizes:
        case = _scale_case(s, "plan", f"tasks-{tasks}", tasks, 0)
        plan[tasks] = case
        ours, peer = case["ours"], case["peer"]
        assert isinstance(ours, Series) and isinstance(peer, Series)
        prep = case["prep"]
        assert isinstance(prep, dict)
        ratio = ours.cpu_ratio(peer)
        label = f"{tasks // 1000}k"
        rows.append(
            Row(
                "scale",
                f"plan workbook, {label} synthetic tasks ({prep['tasks']} in the Kit), "
                f"render_plan time, median of {case['runs']}",
                ours.wall,
                peer.wall,
                "XlsxWriter constant_memory",
                "s",
                target=f"<= {PLAN_TARGET}x peer (CPU)" if tasks == 10_000 else "-",
                passed=ratio <= PLAN_TARGET if tasks == 10_000 else None,
                ours_cpu=ours.cpu,
                peer_cpu=peer.cpu,
                cpu_ratio=ratio,
                wall_ratio=ours.wall_ratio(peer),
            )
        )
        rows.append(
            Row(
                "scale",
                f"plan workbook, {label} tasks, peak RSS while rendering "
                "(ru_maxrss, reset once the Kit is loaded)",
                ours.rss_mb,
                peer.rss_mb,
                "XlsxWriter constant_memory",
                "MB",
                target="< 300 MB" if tasks == 50_000 else "-",
                passed=ours.rss_mb < 300 if tasks == 50_000 else None,
                note=_memory_note(case),
            )
        )
        rows.append(
            Row(
                "scale",
                f"pack load + Kit build, {label} tasks (input of the render; no peer)",
                float(prep["load_s"]) + float(prep["kit_s"]),
                None,
                "",
                "s",
                note=f"load {prep['load_s']:.1f} s, Kit {prep['kit_s']:.1f} s, "
                f"peak {case['prep_rss']:.0f} MB",
            )
        )
    if 10_000 in plan and 1_000 in plan:
        big, small = plan[10_000], plan[1_000]
        assert isinstance(big["ours"], Series) and isinstance(small["ours"], Series)
        assert isinstance(big["peer"], Series) and isinstance(small["peer"], Series)
        rows.append(
            Row(
                "scale",
                "plan time(10k) / time(1k)",
                big["ours"].wall / small["ours"].wall,
                big["peer"].wall / small["peer"].wall,
                "XlsxWriter growth",
                "x",
                note=f"in CPU time {big['ours'].cpu / small['ours'].cpu:.2f} vs "
                f"{big['peer'].cpu / small['peer'].cpu:.2f}",
            )
        )
    if 50_000 in plan and 10_000 in plan:
        big, small = plan[50_000], plan[10_000]
        assert isinstance(big["ours"], Series) and isinstance(small["ours"], Series)
        assert isinstance(big["peer"], Series) and isinstance(small["peer"], Series)
        growth = big["ours"].wall / small["ours"].wall
        peer_growth = big["peer"].wall / small["peer"].wall
        cpu_growth = big["ours"].cpu / small["ours"].cpu
        peer_cpu_growth = big["peer"].cpu / small["peer"].cpu
        rows.append(
            Row(
                "scale",
                "plan time(50k) / time(10k)",
                growth,
                peer_growth,
                "XlsxWriter growth",
                "x",
                target="<= 5.5",
                passed=growth <= 5.5,
                note=f"in CPU time {cpu_growth:.2f} vs {peer_cpu_growth:.2f}",
            )
        )
    for objects in object_sizes:
        case = _scale_case(s, "migration", f"objects-{objects}", 100, objects)
        ours, peer = case["ours"], case["peer"]
        assert isinstance(ours, Series) and isinstance(peer, Series)
        prep = case["prep"]
        assert isinstance(prep, dict)
        rows.append(
            Row(
                "scale",
                f"migration workbook, {objects} objects x 30 fields ({prep['objects']} objects, "
                f"{prep['fields']} fields in the Kit), median of {case['runs']}",
                ours.wall,
                peer.wall,
                "XlsxWriter constant_memory",
                "s",
                ours_cpu=ours.cpu,
                peer_cpu=peer.cpu,
            )
        )
        rows.append(
            Row(
                "scale",
                f"migration workbook, {objects} objects, peak RSS while rendering (ru_maxrss)",
                ours.rss_mb,
                peer.rss_mb,
                "XlsxWriter constant_memory",
                "MB",
                note=_memory_note(case),
            )
        )
    return rows


# --- 4. scheduler ------------------------------------------------------------------------


def scheduler(s: Settings) -> list[Row]:
    runs = max(s.runs, 3)
    tasks, links = 100_000, 300_000
    _, got = worker("scheduler", str(tasks), str(links), str(runs), env=s.env)
    log(f"scheduler: ours {got['ours']:.2f} s, graphlib peer {got['peer']:.2f} s")
    return [
        Row(
            "scheduler",
            f"CPM, {got['tasks']:,} tasks / {got['links']:,} links, median of {runs}",
            float(got["ours"]),
            float(got["peer"]),
            "graphlib + plain passes",
            "s",
            target="<= 1 s (CPU)",
            passed=float(got["ours_cpu"]) <= 1.0,
            ours_cpu=float(got["ours_cpu"]),
            peer_cpu=float(got["peer_cpu"]),
        )
    ]


# --- 5. batch ----------------------------------------------------------------------------


def batch(s: Settings) -> list[Row]:
    count = 10 if s.quick else 50
    cores = os.cpu_count() or 1
    area = s.work / "batch"
    marker = area / f".made-{count}"
    if not marker.exists():
        _fresh(area)
        log(f"batch: making {count} kits with implkit new")
        worker("make-kits", str(count), str(area), env=s.env)
        marker.write_text("ok", encoding="utf-8")
    folders = sorted(str(p) for p in area.iterdir() if p.is_dir())
    worker("build", "1", folders[0], env=s.env)  # warm the disk cache
    runs = 1 if s.quick else min(s.runs, 3)
    serial, parallel = Series(), Series()
    ceiling: list[float] = []
    for n in range(runs):
        ceiling.append(spin_speedup(cores))
        a, _ = worker("build", "1", *folders, env=s.env)
        b, _ = worker("build", str(cores), *folders, env=s.env)
        serial.add(a)
        parallel.add(b)
        log(
            f"batch run {n + 1}/{runs}: 1 process {a.wall:.1f} s, {cores} processes {b.wall:.1f} s"
            f" (CPU-bound spin: {ceiling[-1]:.2f}x)"
        )
    speedup = serial.wall / parallel.wall
    # each run's build speed-up over the spin speed-up measured just before it: how much
    # of what the machine delivered at that moment the builds used
    efficiency = statistics.median(
        (a.wall / b.wall) / c for a, b, c in zip(serial.samples, parallel.samples, ceiling)
    )
    return [
        Row(
            "batch",
            f"implkit build x {count} projects in {cores} processes (median of {runs})",
            parallel.wall,
            serial.wall,
            "same builds in 1 process",
            "s",
            ours_cpu=parallel.cpu,
            peer_cpu=serial.cpu,
        ),
        Row(
            "batch",
            f"speed-up of {cores} processes over 1",
            speedup,
            None,
            "",
            "x",
            target=">= 1.7x",
            passed=speedup >= 1.7,
            note=f"{efficiency:.0%} of the spin speed-up measured before each run",
        ),
        Row(
            "batch",
            f"machine ceiling: pure-Python spin, speed-up of {cores} processes over 1",
            statistics.median(ceiling),
            None,
            "",
            "x",
            note="what these cores deliver in parallel right now",
        ),
    ]


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def spin_speedup(cores: int, n: int = 25_000_000) -> float:
    """Speed-up of ``cores`` processes over one on a pure CPU loop: the most a batch can get."""
    import time
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=cores) as pool:
        list(pool.map(_spin, [1] * cores))  # start the workers before the clock
        began = time.perf_counter()
        for _ in range(cores):
            _spin(n)
        one = time.perf_counter() - began
        began = time.perf_counter()
        list(pool.map(_spin, [n] * cores))
        many = time.perf_counter() - began
    return one / many


def rebuild(s: Settings) -> list[Row]:
    """``implkit build`` of a kit with full progress vs its ``implkit new`` (10k tasks)."""
    from benchmarks.rebuild import rows

    return rows(s.work / "rebuild", min(s.runs, 3), 1_000 if s.quick else 10_000)


def status(s: Settings) -> list[Row]:
    """``implkit status`` of a kit with full progress vs its ``implkit new`` (10k tasks)."""
    from benchmarks.status_bench import rows

    return rows(s.work / "status", min(s.runs, 3), 1_000 if s.quick else 10_000)


def portfolio(s: Settings) -> list[Row]:
    """``implkit portfolio`` over 100 (quick) or 1,000 kits, cold and cached, vs openpyxl."""
    from benchmarks.portfolio_bench import rows

    return rows(s.work, s.env, max(1, s.runs // 3), 100 if s.quick else 1000)


SECTIONS = {
    "startup": startup,
    "kit": full_kit,
    "scale": scale,
    "scheduler": scheduler,
    "rebuild": rebuild,  # benchmarks/rebuild.py
    "status": status,  # benchmarks/status_bench.py
    "batch": batch,
    "portfolio": portfolio,  # benchmarks/portfolio_bench.py
}


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    import platform

    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = "?"
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal"):
                    memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                    break
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    libs = []
    for name in ("openpyxl", "python-docx", "cookiecutter", "XlsxWriter", "pydantic", "PyYAML"):
        try:
            libs.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            libs.append(f"{name} -")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": platform.platform(),
        "libraries": ", ".join(libs),
        "load average": " ".join(f"{x:.2f}" for x in load),
        "executable": sys.executable,
    }

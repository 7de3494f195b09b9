"""``python -m benchmarks.rebuild``: rebuild of a lived-in kit vs a fresh ``implkit new``.

The goal: ``implkit build`` of a kit with 10,000 tasks whose every task row has
progress (status, % complete, actual start, actual finish, notes) takes at most 1.5x the
CPU time of ``implkit new`` of the same pack (:data:`TARGET`; the runner's ``rebuild``
section, ``python -m benchmarks --only rebuild``). Both are whole processes (``python -m
generator``), median of ``--runs``, wall and CPU time (user + system of the process); the kit is filled once with openpyxl (not timed).

Options: ``--tasks N`` (default 10000), ``--runs N`` (default 3), ``--work DIR``
(scratch folder, default a temp folder removed at the end). Prints one Markdown row.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import Row, against_new, log, synthetic_kit

TARGET = 1.5  # build of the filled kit / its new, CPU


def fill_progress(plan: Path) -> int:
    """Type progress into every task row of the Plan sheet; the number of rows filled."""
    from openpyxl import load_workbook

    from generator.carry.read import read_workbook

    read = read_workbook(plan, "plan")
    sheet = read.sheet("plan.tasks")
    assert sheet is not None, "no Plan sheet found"
    book = load_workbook(plan)
    ws = book[sheet.title]
    cols = sheet.columns
    filled = 0
    for n, row in enumerate(sheet.rows):
        if not row.key or str(row.values.get("type", "")).lower() in ("phase", "阶段"):
            continue
        values = {
            "status": "In progress",
            "pct": 0.5,
            "actual_start": date(2026, 3, 2) + timedelta(days=n % 60),
            "actual_finish": date(2026, 6, 1),
            "notes": f"progress note {n}",
        }
        for key, value in values.items():
            if key in cols:
                ws.cell(row=row.number, column=cols[key] + 1, value=value)
        filled += 1
    book.save(plan)
    book.close()
    return filled


def rows(work: Path, runs: int, tasks: int) -> list[Row]:
    """The runner's rows: ``new`` and ``build`` of the filled kit in turn, ``runs`` pairs."""
    with synthetic_kit("implkit-rebuild-", tasks, work / f"tasks-{tasks}") as bench:
        filled = fill_progress(bench.kit / "plan" / "project-plan.xlsx")
        log(f"rebuild: {filled} task rows with progress")
        build_cmd = bench.implkit("build", str(bench.kit), "--packs-dir", str(bench.packs))
        new, build = against_new(bench, build_cmd, runs, "rebuild", "build")
    ratio = build.cpu_ratio(new)
    return [
        Row(
            "rebuild",
            f"implkit build of a {tasks:,}-task kit, {filled:,} rows with progress, "
            f"median of {runs}",
            build.wall,
            new.wall,
            "implkit new of the same pack",
            "s",
            target=f"<= {TARGET}x peer (CPU)",
            passed=ratio <= TARGET,
            ours_cpu=build.cpu,
            peer_cpu=new.cpu,
            cpu_ratio=ratio,
            wall_ratio=build.wall_ratio(new),
            note=f"build peak RSS {build.rss_mb:.0f} MB",
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rebuild")
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    with synthetic_kit("implkit-rebuild-", args.tasks, args.work) as bench:
        rows = fill_progress(bench.kit / "plan" / "project-plan.xlsx")
        log(f"rebuild: {rows} task rows with progress")
        build_cmd = bench.implkit("build", str(bench.kit), "--packs-dir", str(bench.packs))
        fresh, rebuilt = against_new(bench, build_cmd, args.runs, "rebuild", "build")
        new, build = fresh.wall, rebuilt.wall
        cpu_new, cpu_build = fresh.cpu, rebuilt.cpu
        print("| case | measure | implkit new | implkit build (full progress) | ratio | goal |")
        print("|---|---|---|---|---|---|")
        for label, a, b in (("wall", new, build), ("CPU", cpu_new, cpu_build)):
            ratio = b / a
            print(
                f"| {args.tasks:,} tasks, {rows:,} rows with progress, median of {args.runs} "
                f"| {label} | {a:.2f} s | {b:.2f} s | {ratio:.2f}x | <= 2x: "
                f"{'met' if ratio <= 2 else 'missed'} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

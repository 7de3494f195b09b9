"""``python -m benchmarks.status_bench``: ``implkit status`` on a tracked kit vs ``implkit new``.

Issue 13: ``status`` on a kit of 10,000 tasks with full progress, measured beside a
fresh ``implkit new`` of the same (synthetic) pack. Both are whole processes
(``python -m generator``), median of ``--runs``. The kit is filled once (not timed):
every task row gets a status; tasks planned to finish by the status date are done on
their planned dates, tasks under way are started with their elapsed share as % complete,
and the Budget sheet gets actual effort for every role.

Options: ``--tasks N`` (default 10000), ``--runs N`` (default 3), ``--as-of DATE``
(default 2026-09-30), ``--work DIR`` (scratch folder, default a temp folder removed at
the end). Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from benchmarks.common import bench_env, log, run_measured

START = "2026-03-02"


def fill(kit_dir: Path, packs: Path, as_of: date) -> int:
    """Type on-plan progress into every task row and actual effort into the Budget sheet."""
    from openpyxl import load_workbook

    from generator.cli.project import kit_from_project_dir
    from generator.tracking.forecast import on_plan_progress

    kit, _, _ = kit_from_project_dir(kit_dir, packs)
    entries = {p.task_id: p for p in on_plan_progress(kit, as_of).progress}
    task_ids = {task.id for task in kit.tasks}
    plan = kit_dir / "plan" / "project-plan.xlsx"
    book = load_workbook(plan)
    sheet = next(ws for ws in book.worksheets if ws.title in ("Plan", "计划"))
    header, cols = 0, {}
    for row in sheet.iter_rows(min_row=1, max_row=12):
        names = {str(c.value or "").strip(): c.column for c in row}
        if "Status" in names and "Id" in names:
            header, cols = row[0].row, names
            break
    filled = 0
    for r in range(header + 1, sheet.max_row + 1):
        task_id = str(sheet.cell(r, cols["Id"]).value or "").strip()
        if task_id not in task_ids:
            continue
        entry = entries.get(task_id)
        sheet.cell(r, cols["Status"]).value = entry.status if entry else "Not started"
        if entry:
            sheet.cell(r, cols["% complete"]).value = entry.percent_complete
            for key, value in (
                ("Actual start", entry.actual_start),
                ("Actual finish", entry.actual_finish),
            ):
                if value:
                    sheet.cell(r, cols[key]).value = datetime(value.year, value.month, value.day)
        filled += 1
    budget = next(ws for ws in book.worksheets if ws.title in ("Budget", "预算"))
    for row in budget.iter_rows(min_row=1, max_row=12):
        names = {str(c.value or "").strip(): c.column for c in row}
        if "Actual effort (person-days)" in names:
            column = names["Actual effort (person-days)"]
            for r in range(row[0].row + 1, budget.max_row):
                budget.cell(r, column).value = 25
            break
    book.save(plan)
    book.close()
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.status_bench")
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-of", default="2026-09-30")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    from benchmarks.synthetic import write_pack

    work = Path(tempfile.mkdtemp(prefix="implkit-status-")) if args.work is None else args.work
    work.mkdir(parents=True, exist_ok=True)
    env = bench_env(work / "home")
    try:
        packs = work / "packs"
        if not (packs / "synthetic" / "pack.yaml").is_file():
            write_pack(packs / "synthetic", tasks=args.tasks)
        python = [sys.executable, "-m", "generator"]
        common = ["--packs-dir", str(packs), "--start", START]
        kit = work / "kit"
        shutil.rmtree(kit, ignore_errors=True)
        run_measured([*python, "new", "synthetic", "--out", str(kit), *common], env=env)
        rows = fill(kit, packs, date.fromisoformat(args.as_of))
        log(f"status: {rows} task rows with progress")
        new_times: list[float] = []
        status_times: list[float] = []
        new_cpu: list[float] = []
        status_cpu: list[float] = []
        rss: list[float] = []
        for n in range(args.runs):
            fresh = work / f"fresh-{n}"
            shutil.rmtree(fresh, ignore_errors=True)
            sample, _ = run_measured(
                [*python, "new", "synthetic", "--out", str(fresh), *common], env=env
            )
            new_times.append(sample.wall)
            new_cpu.append(sample.cpu)
            sample, _ = run_measured(
                [*python, "status", str(kit), "--packs-dir", str(packs), "--as-of", args.as_of],
                env=env,
            )
            status_times.append(sample.wall)
            status_cpu.append(sample.cpu)
            rss.append(sample.rss_mb)
            log(f"status: run {n + 1}: new {new_times[-1]:.2f} s, status {status_times[-1]:.2f} s")
        new, status = statistics.median(new_times), statistics.median(status_times)
        cpu_new, cpu_status = statistics.median(new_cpu), statistics.median(status_cpu)
        print(
            "| case | implkit new wall (CPU) | implkit status wall (CPU) | ratio wall (CPU) "
            "| status peak RSS |"
        )
        print("|---|---|---|---|---|")
        print(
            f"| {args.tasks:,} tasks, {rows:,} rows with progress, as of {args.as_of}, median of "
            f"{args.runs} | {new:.2f} s ({cpu_new:.2f} s) | {status:.2f} s ({cpu_status:.2f} s) "
            f"| {status / new:.2f}x ({cpu_status / cpu_new:.2f}x) | {max(rss):.0f} MB |"
        )
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

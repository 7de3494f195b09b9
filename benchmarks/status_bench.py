"""``python -m benchmarks.status_bench``: ``implkit status`` on a tracked kit vs ``implkit new``.

``status`` on a kit of 10,000 tasks with full progress, measured beside a
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
import sys
from datetime import date, datetime
from pathlib import Path

from benchmarks.common import Row, against_new, log, synthetic_kit

TARGET = 1.0  # status of the filled kit / its new, CPU


def fill(kit_dir: Path, packs: Path, as_of: date) -> int:
    """Type on-plan progress into every task row and actual effort into the Budget sheet."""
    from openpyxl import load_workbook

    from generator import api
    from generator.tracking.forecast import on_plan_progress

    kit = api.load_kit(kit_dir, packs_dir=packs).kit
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


def rows(work: Path, runs: int, tasks: int, as_of: str = "2026-09-30") -> list[Row]:
    """The runner's rows: ``new`` and ``status`` of the filled kit in turn, ``runs`` pairs."""
    with synthetic_kit("implkit-status-", tasks, work / f"tasks-{tasks}") as bench:
        filled = fill(bench.kit, bench.packs, date.fromisoformat(as_of))
        log(f"status: {filled} task rows with progress")
        cmd = bench.implkit(
            "status", str(bench.kit), "--packs-dir", str(bench.packs), "--as-of", as_of
        )
        new, status = against_new(bench, cmd, runs, "status", "status")
    ratio = status.cpu_ratio(new)
    return [
        Row(
            "status",
            f"implkit status of a {tasks:,}-task kit, {filled:,} rows with progress, "
            f"as of {as_of}, median of {runs}",
            status.wall,
            new.wall,
            "implkit new of the same pack",
            "s",
            target=f"<= {TARGET}x peer (CPU)",
            passed=ratio <= TARGET,
            ours_cpu=status.cpu,
            peer_cpu=new.cpu,
            cpu_ratio=ratio,
            wall_ratio=status.wall_ratio(new),
            note=f"status peak RSS {status.rss_mb:.0f} MB",
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.status_bench")
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-of", default="2026-09-30")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    with synthetic_kit("implkit-status-", args.tasks, args.work) as bench:
        rows = fill(bench.kit, bench.packs, date.fromisoformat(args.as_of))
        log(f"status: {rows} task rows with progress")
        status_cmd = bench.implkit(
            "status", str(bench.kit), "--packs-dir", str(bench.packs), "--as-of", args.as_of
        )
        fresh, report = against_new(bench, status_cmd, args.runs, "status", "status")
        new, status = fresh.wall, report.wall
        cpu_new, cpu_status = fresh.cpu, report.cpu
        peak = max(s.rss_mb for s in report.samples)
        print(
            "| case | implkit new wall (CPU) | implkit status wall (CPU) | ratio wall (CPU) "
            "| status peak RSS |"
        )
        print("|---|---|---|---|---|")
        print(
            f"| {args.tasks:,} tasks, {rows:,} rows with progress, as of {args.as_of}, median of "
            f"{args.runs} | {new:.2f} s ({cpu_new:.2f} s) | {status:.2f} s ({cpu_status:.2f} s) "
            f"| {status / new:.2f}x ({cpu_status / cpu_new:.2f}x) | {peak:.0f} MB |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

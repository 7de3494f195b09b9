"""``python -m benchmarks.import_bench``: ``implkit import`` of a 10,000-item Azure Boards
export (and the rebuild it does) beside ``implkit new`` of the same kit.

The kit is a fresh ``implkit new`` of the synthetic pack (10,000 tasks). The export is
what a flat Azure Boards query of the whole backlog writes ("Export to CSV": every
value quoted, en-US dates): one Feature per phase and one User Story per task, each
carrying its ``ik:`` tag, with states as a team three months in would have them (tasks
planned to finish by the status date Closed with Activated and Closed Date, tasks under
way Active with Completed and Remaining Work, the rest New). Written once, not timed.

Each run restores the kit as ``new`` wrote it (not timed), then measures, as whole
processes (``python -m generator``): ``implkit new`` into a fresh folder and ``implkit
import KIT export.csv --as-of DATE``. Median of ``--runs``. Target: import ≤ 2x new.

Options: ``--tasks N`` (default 10000), ``--runs N`` (default 3), ``--as-of DATE``
(default 2026-09-30), ``--work DIR`` (scratch folder, default a temp folder removed at
the end). Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys
from datetime import date
from pathlib import Path

from benchmarks.common import Series, log, run_measured, synthetic_kit


def ado_export(kit_dir: Path, as_of: date) -> tuple[bytes, int]:
    """The flat query export of the kit's plan as Azure Boards would write it."""
    from generator.carry.read import read_workbook

    book = read_workbook(kit_dir / "plan" / "project-plan.xlsx", "plan")
    sheet = book.sheet("plan.tasks")
    assert sheet is not None
    header = ["ID", "Work Item Type", "Title", "State", "Tags", "Activated Date",
              "Closed Date", "Completed Work", "Remaining Work", "Parent", "Iteration Path"]  # fmt: skip
    rows: list[list[object]] = []
    next_id = 100_000
    feature = ""

    def when(day: date) -> str:
        return f"{day.month}/{day.day}/{day.year} 9:00:00 AM"

    for row in sheet.rows:
        if not row.key:
            continue
        next_id += 1
        kind = str(row.values.get("type") or "")
        name = str(row.values.get("name") or "")
        if kind == "Phase":
            feature = str(next_id)
            rows.append([next_id, "Feature", name, "Active", f"ik:{row.key}", "", "", "", "", "",
                         "Synthetic\\Sprint 1"])  # fmt: skip
            continue
        start, finish = row.values.get("start"), row.values.get("finish")
        assert isinstance(start, date) and isinstance(finish, date)
        effort = float(row.values.get("effort") or 1.0) * 8
        if finish <= as_of:
            state, done, left = "Closed", effort, 0.0
            dates = [when(start), when(finish)]
        elif start <= as_of:
            share = (as_of - start).days / max((finish - start).days, 1)
            state, done, left = "Active", round(effort * share, 1), round(effort * (1 - share), 1)
            dates = [when(start), ""]
        else:
            state, done, left = "New", 0.0, effort
            dates = ["", ""]
        rows.append([next_id, "User Story", name, state, f"ik:{row.key}; synthetic", *dates,
                     f"{done:g}", f"{left:g}", feature, "Synthetic\\Sprint 1"])  # fmt: skip
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8"), len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.import_bench")
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-of", default="2026-09-30")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    as_of = date.fromisoformat(args.as_of)
    with synthetic_kit("implkit-import-", args.tasks, args.work) as bench:
        export = bench.work / "azure-boards-query.csv"
        data, items = ado_export(bench.kit, as_of)
        export.write_bytes(data)
        log(f"import: {items:,} work items, {len(data) / 1e6:.1f} MB")
        pristine = bench.work / "kit-as-new"
        shutil.rmtree(pristine, ignore_errors=True)
        shutil.copytree(bench.kit, pristine)
        command = bench.implkit(
            "import", str(bench.kit), str(export), "--packs-dir", str(bench.packs),
            "--as-of", as_of.isoformat(), "--json",
        )  # fmt: skip
        new, imported = Series(), Series()
        changes = 0
        for n in range(args.runs):
            shutil.rmtree(bench.kit, ignore_errors=True)
            shutil.copytree(pristine, bench.kit)
            fresh = bench.work / f"fresh-{n}"
            shutil.rmtree(fresh, ignore_errors=True)
            new.add(run_measured(bench.new_command(fresh), env=bench.env)[0])
            sample, out = run_measured(command, env=bench.env)
            imported.add(sample)
            changes = len(json.loads(out[out.index("{") :])["changes"])
            log(
                f"import: run {n + 1}: new {new.samples[-1].wall:.2f} s, "
                f"import {imported.samples[-1].wall:.2f} s"
            )
        peak = max(s.rss_mb for s in imported.samples)
        print(
            "| case | implkit new wall (CPU) | implkit import wall (CPU) | ratio wall (CPU) "
            "| import peak RSS |"
        )
        print("|---|---|---|---|---|")
        print(
            f"| {args.tasks:,}-task kit, Azure Boards export of {items:,} work items "
            f"({len(data) / 1e6:.1f} MB, {changes:,} Plan cells changed), as of {args.as_of}, "
            f"median of {args.runs} "
            f"| {new.wall:.2f} s ({new.cpu:.2f} s) | {imported.wall:.2f} s ({imported.cpu:.2f} s) "
            f"| {imported.wall / new.wall:.2f}x ({imported.cpu / new.cpu:.2f}x) | {peak:.0f} MB |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

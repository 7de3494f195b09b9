"""``python -m benchmarks``: implkit beside its peers, one table of medians.

Options::

    --quick              small sizes (scale: 1k/10k tasks, 200 objects; batch: 10 kits)
    --only a,b           sections: startup, kit, scale, scheduler, batch (default: all)
    --runs N             measurements per figure (default 5, 3 with --quick)
    --work DIR           scratch folder (default: a new temp folder, removed at the end);
                         synthetic packs and batch kits in it are reused by later runs
    --keep               keep the scratch folder
    --json FILE          also write the rows and the machine description as JSON

The table goes to stdout (Markdown); progress to stderr.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from benchmarks.common import Row, log, table, verdict
from benchmarks.sections import SECTIONS, Settings, machine


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description="implkit benchmarks with peers side by side"
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, fewer runs")
    parser.add_argument(
        "--only", default="", help="comma-separated sections: " + ",".join(SECTIONS)
    )
    parser.add_argument("--runs", type=int, default=None, help="measurements per figure")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (reused)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--json", type=Path, default=None, help="also write results as JSON")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(SECTIONS)
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    args.sections = names
    if args.runs is None:
        args.runs = 3 if args.quick else 5
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    temporary = args.work is None
    work = Path(tempfile.mkdtemp(prefix="implkit-bench-")) if temporary else args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    settings = Settings(work=work, runs=args.runs, quick=args.quick)
    about = machine()
    rows: list[Row] = []
    began = time.perf_counter()
    try:
        for name in args.sections:
            log(f"section {name}")
            rows += SECTIONS[name](settings)
    finally:
        if temporary and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    about["load average after"] = " ".join(f"{x:.2f}" for x in _load())
    about["total time"] = f"{time.perf_counter() - began:.0f} s"
    print(table(rows))
    print()
    for key, value in about.items():
        print(f"- {key}: {value}")
    misses = [r for r in rows if r.passed is False]
    print()
    print(
        f"{sum(r.passed is True for r in rows)} PASS, {len(misses)} MISS"
        + (": " + "; ".join(f"{r.section} {r.what}" for r in misses) if misses else "")
    )
    if args.json is not None:
        data = {
            "machine": about,
            "mode": "quick" if args.quick else "full",
            "runs": args.runs,
            "rows": [{**asdict(r), "ratio": r.ratio, "result": verdict(r.passed)} for r in rows],
        }
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


def _load() -> tuple[float, float, float]:
    import os

    return os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)


if __name__ == "__main__":
    sys.exit(main())

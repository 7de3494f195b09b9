"""``python -m benchmarks.portfolio_bench``: ``implkit portfolio`` over 100 and 1,000 kits.

One real kit is made with ``implkit new base`` and filled as a team would
(not timed): on-plan progress on every task and actual effort on the Budget sheet
(:func:`benchmarks.status_bench.fill`), defects, acceptance per gate, an NPS survey and
the project team; then ``implkit build --as-of`` and ``implkit status --as-of`` write
its forecast and the status snapshot. It is copied N times (whole kit folders, each
with its own client and one of four pack labels in project.yaml).

Measured, whole processes, median of ``--runs``: ``implkit portfolio`` cold (every
kit's ``.implkit/portfolio-cache.json`` removed first), warm (caches in place), and
the peer: the same cells read with plain openpyxl in read-only mode, in one process
(``--peer``): every range of every workbook the roll-up reads for one kit — all three
workbooks, each sheet it reads from its header row down, as far right as it reads —
recorded once on the first kit with implkit's reader instrumented (untimed, :func:`layout`;
every copy has the same layout), each workbook opened once and each cell read once. Wall, CPU
(process and its pool workers) and peak RSS (largest single process). Prints one
Markdown table. The cold roll-up is judged on CPU against the peer (the machine is
shared) and on wall time against one minute.

Options: ``--kits 100,1000``, ``--runs N`` (default 3), ``--work DIR`` (kept; kits
reused), ``--workers N`` (passed to ``implkit portfolio``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.common import Sample, bench_env, log, run_measured

AS_OF = "2026-09-30"
PACKS = ("base", "manufacturing", "healthcare", "education")


def _sheet(
    book: object, titles: tuple[str, ...], key_header: str
) -> tuple[object, int, dict[str, int]]:
    ws = next(w for w in book.worksheets if w.title in titles)  # type: ignore[attr-defined]
    for row in ws.iter_rows(min_row=1, max_row=40):
        names = {str(c.value or "").strip(): c.column for c in row}
        if key_header in names:
            return ws, row[0].row, names
    raise SystemExit(f"benchmarks: no {key_header!r} header on {titles}")


def fill_quality(kit: Path) -> None:
    """Defects, first-pass answers, one survey and the team, typed in English."""
    from openpyxl import load_workbook

    plan = kit / "plan" / "project-plan.xlsx"
    book = load_workbook(plan)
    ws, head, cols = _sheet(book, ("Defect log",), "Defect id")
    for n in range(1, 13):
        r = head + n
        ws.cell(r, cols["Test cycle"]).value = ("SIT", "UAT cycle 1", "UAT cycle 2")[n % 3]  # type: ignore[attr-defined]
        ws.cell(r, cols["Severity"]).value = ("1 Critical", "2 Major", "3 Minor")[n % 3]  # type: ignore[attr-defined]
        ws.cell(r, cols["Defect"]).value = f"defect {n}"  # type: ignore[attr-defined]
        ws.cell(r, cols["Found on"]).value = date(2026, 6, n)  # type: ignore[attr-defined]
        ws.cell(r, cols["Closed on"]).value = date(2026, 6, n + 3)  # type: ignore[attr-defined]
    ws, head, cols = _sheet(book, ("Acceptance",), "Id")
    for n in range(1, 4):
        ws.cell(head + n, cols["Accepted first time"]).value = "Yes" if n != 2 else "No"  # type: ignore[attr-defined]
    ws, head, cols = _sheet(book, ("Satisfaction",), "Id")
    for key, value in (("Promoters (9-10)", 7), ("Passives (7-8)", 2), ("Detractors (0-6)", 1)):
        ws.cell(head + 1, cols[key]).value = value  # type: ignore[attr-defined]
    ws, head, cols = _sheet(book, ("Project team",), "No.")
    for n, person in enumerate(("wang", "li", "zhao"), start=1):
        ws.cell(head + n, cols["Consultant (id or name)"]).value = person  # type: ignore[attr-defined]
        ws.cell(head + n, cols["Actual days"]).value = 40  # type: ignore[attr-defined]
        ws.cell(head + n, cols["Available days"]).value = 50  # type: ignore[attr-defined]
    book.save(plan)
    book.close()


def make_template(work: Path, env: dict[str, str]) -> Path:
    """The filled, built, status-taken kit every copy starts from (made once)."""
    from benchmarks.status_bench import fill

    kit = work / "template-kit"
    if (kit / ".implkit" / "snapshots" / f"{AS_OF}.json").is_file():
        return kit
    shutil.rmtree(kit, ignore_errors=True)
    py = sys.executable
    run_measured(
        [py, "-m", "generator", "new", "base", "--start", "2026-03-02", "--out", str(kit)], env=env
    )
    fill(kit, None, date.fromisoformat(AS_OF))  # type: ignore[arg-type]
    fill_quality(kit)
    run_measured([py, "-m", "generator", "build", str(kit), "--as-of", AS_OF], env=env)
    run_measured([py, "-m", "generator", "status", str(kit), "--as-of", AS_OF], env=env)
    return kit


def make_kits(template: Path, folder: Path, count: int) -> Path:
    """``count`` copies of ``template`` under ``folder`` (reused when already there)."""
    if folder.is_dir() and len(list(folder.iterdir())) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    answers = (template / "project.yaml").read_text(encoding="utf-8")
    for n in range(count):
        kit = folder / f"kit-{n:04d}"
        shutil.copytree(template, kit, ignore=shutil.ignore_patterns("portfolio-cache.json"))
        text = answers.replace('client: "Demo Client"', f'client: "Client {n:04d}"')
        text = text.replace('pack: "base"', f'pack: "{PACKS[n % len(PACKS)]}"')
        # the systems in scope are the pack's own (base's ERP and CRM are not every pack's:
        # a kit naming a system its pack lacks is refused, and a refused kit is never cached)
        text = re.sub(r"^systems:.*\n", "", text, flags=re.MULTILINE)
        (kit / "project.yaml").write_text(text, encoding="utf-8")
    return folder


Range = tuple[str, int, "int | None", "int | None"]  # sheet title, first row, last row, last column
Layout = list[tuple[str, list[Range]]]  # workbook path in the kit -> its sheet ranges


def layout(kit: Path) -> Layout:
    """Every cell range the roll-up reads of one kit, in the order first read: (workbook
    path relative to the kit, [(sheet title, first row, last row or None for "to the
    end", last column or None for "every column")]).

    Found by running the roll-up's own per-kit work (:func:`_roll_up_one`) on ``kit``
    with implkit's workbook reader instrumented (untimed): each ``sheet_rows`` call is
    recorded with the rows its caller actually took (a header scan that stops at row 3
    read 3 rows, not the 40 it allowed). A sheet read several times (a header row, then
    its rows) becomes one range covering them all, so the peer reads every cell once."""
    import generator.carry.read as carry_read
    import generator.readers as readers

    calls: list[list[Any]] = []  # [workbook, title, first, rows taken, last column, to end]
    real_rows = readers.sheet_rows

    def recorded(sheet: Any, path: Path, **bounds: Any) -> Any:
        entry = [path, sheet.title, bounds.get("min_row", 1), 0, bounds.get("max_col"), False]
        calls.append(entry)
        for row in real_rows(sheet, path, **bounds):
            entry[3] += 1
            yield row
        entry[5] = bounds.get("max_row") is None  # exhausted: the sheet was read to its end

    modules = (readers, carry_read)
    saved = [m.sheet_rows for m in modules]
    for module in modules:
        module.sheet_rows = recorded  # type: ignore[assignment]
    try:
        _roll_up_one(kit)
    finally:
        for module, real in zip(modules, saved):
            module.sheet_rows = real  # type: ignore[assignment]
    books: dict[str, dict[str, list[Range]]] = {}
    for path, title, first, taken, last_column, to_end in calls:
        if taken or to_end:
            relative = Path(path).relative_to(kit).as_posix()
            last_row = None if to_end else first + taken - 1
            books.setdefault(relative, {}).setdefault(title, []).append(
                (title, first, last_row, last_column)
            )
    return [
        (name, [r for ranges in sheets.values() for r in _merged(ranges)])
        for name, sheets in books.items()
    ]


def _covers(outer: Range, inner: Range) -> bool:
    """True when ``outer`` holds every cell of ``inner`` (one sheet)."""
    _title, first, last, width = outer
    _title, first2, last2, width2 = inner
    rows = first <= first2 and (last is None or (last2 is not None and last2 <= last))
    return rows and (width is None or (width2 is not None and width2 <= width))


def _merged(ranges: list[Range]) -> list[Range]:
    """The ranges of one sheet with each one another covers left out, then those of the
    same width that overlap or touch joined: every cell read once."""
    kept: list[Range] = []
    for one in sorted(ranges, key=lambda r: (r[1], -(r[2] or 10**9))):
        if any(_covers(other, one) for other in kept):
            continue
        kept = [k for k in kept if not _covers(one, k)]
        same = next(
            (k for k in kept if k[3] == one[3] and k[2] is not None and k[2] + 1 >= one[1]), None
        )
        if same is not None:
            kept.remove(same)
            one = (one[0], same[1], None if one[2] is None else max(same[2] or 0, one[2]), one[3])
        kept.append(one)
    return kept


def _roll_up_one(kit: Path) -> None:
    """What a portfolio worker does for one kit whose cache is stale (nothing cached)."""
    from generator.portfolio.rollup import CACHE, summarise
    from generator.workspace.reports import kit_status

    (kit / CACHE).unlink(missing_ok=True)
    row = summarise(str(kit), AS_OF, kit_status)
    (kit / CACHE).unlink(missing_ok=True)
    if row.get("error"):
        raise SystemExit(f"benchmarks: the template kit is not readable: {row['error']}")


def peer(folder: Path, cells: Layout) -> int:
    """Read the same cells of every kit under ``folder`` with plain openpyxl read-only
    (cached values): each workbook opened once, each recorded range read once."""
    from openpyxl import load_workbook

    rows = 0
    for kit in sorted(p for p in folder.iterdir() if p.is_dir()):
        for relative, ranges in cells:
            book = load_workbook(kit / relative, read_only=True, data_only=True)
            for title, first, last, last_column in ranges:
                sheet = book[title]
                for _row in sheet.iter_rows(
                    min_row=first, max_row=last, max_col=last_column, values_only=True
                ):
                    rows += 1
            book.close()
    return rows


def _clear_caches(folder: Path) -> None:
    for cache in folder.glob("*/.implkit/portfolio-cache.json"):
        cache.unlink()


def _require_every_kit_read(folder: Path) -> None:
    """Stop when a kit was not read: an unreadable kit is listed, never cached, and would
    make the roll-up measure its error instead of its work."""
    kits = sorted(p for p in folder.iterdir() if p.is_dir())
    unread = [k.name for k in kits if not (k / ".implkit" / "portfolio-cache.json").is_file()]
    if unread:
        raise SystemExit(
            f"portfolio: {len(unread)} of {len(kits)} kits were not read ({', '.join(unread[:3])}"
            f"...); see the Not read sheet of {folder.name}.xlsx"
        )


def _median(samples: list[Sample]) -> Sample:
    return Sample(
        statistics.median(s.wall for s in samples),
        statistics.median(s.cpu for s in samples),
        max(s.rss_mb for s in samples),
    )


def measure(
    folder: Path, work: Path, env: dict[str, str], runs: int, workers: int | None = None
) -> tuple[Sample, Sample, Sample, float]:
    """(cold, warm, peer) medians of ``implkit portfolio`` over the kits in ``folder``, and
    the median of the pair-by-pair CPU ratios cold/peer."""
    py = sys.executable
    cmd = [py, "-m", "generator", "portfolio", str(folder), "--as-of", AS_OF]
    cmd += ["-o", str(work / f"{folder.name}.xlsx")]
    if workers:
        cmd += ["--workers", str(workers)]
    cells = work / "peer-cells.json"
    cells.write_text(json.dumps(layout(next(iter(sorted(folder.iterdir()))))), encoding="utf-8")
    peer_cmd = [py, "-m", "benchmarks.portfolio_bench", "--peer", str(folder), str(cells)]
    cold, warm, plain = [], [], []
    for _ in range(runs):
        _clear_caches(folder)
        cold.append(run_measured(cmd, env=env)[0])
        _require_every_kit_read(folder)
        plain.append(run_measured(peer_cmd, env=env)[0])
        warm.append(run_measured(cmd, env=env)[0])
    ratio = statistics.median(a.cpu / b.cpu for a, b in zip(cold, plain))
    return _median(cold), _median(warm), _median(plain), ratio


def rows(work: Path, env: dict[str, str], runs: int, count: int) -> list[Any]:
    """The ``python -m benchmarks --only portfolio`` rows: cold and cached roll-up vs the peer."""
    from benchmarks.common import Row

    area = work / "portfolio"
    area.mkdir(parents=True, exist_ok=True)
    template = make_template(area, env)
    folder = make_kits(template, area / f"kits-{count}", count)
    cold, warm, plain, ratio = measure(folder, area, env, runs)
    peer_name = "openpyxl read-only, the same cells, one process"
    return [
        Row(
            "portfolio",
            f"{count:,} kits, cold, CPU of the process and its pool workers",
            cold.wall,
            plain.wall,
            peer_name,
            "s",
            "<= 1.0x peer (CPU)",
            ratio <= 1.0,
            cold.cpu,
            plain.cpu,
            f"peak RSS {cold.rss_mb:.0f} MB",
            cpu_ratio=ratio,
        ),
        Row(
            "portfolio",
            f"{count:,} kits, cold, wall time on {os.cpu_count()} cores",
            cold.wall,
            None,
            "",
            "s",
            "< 60 s wall",
            cold.wall < 60,
            note="wall time: only meaningful on a quiet machine",
        ),
        Row(
            "portfolio",
            f"{count:,} kits, cached",
            warm.wall,
            plain.wall,
            peer_name,
            "s",
            "< 60 s",
            warm.wall < 60,
            warm.cpu,
            plain.cpu,
            f"peak RSS {warm.rss_mb:.0f} MB",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.portfolio_bench")
    parser.add_argument("--kits", default="100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--peer", type=Path, nargs=2, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.peer is not None:
        folder, cells = args.peer
        recorded = json.loads(cells.read_text(encoding="utf-8"))
        print(peer(folder, [(name, [tuple(r) for r in ranges]) for name, ranges in recorded]))
        return 0
    work = args.work.resolve() if args.work else Path(tempfile.mkdtemp(prefix="implkit-pf-"))
    work.mkdir(parents=True, exist_ok=True)
    env = bench_env(work / "home")
    log("portfolio: making the template kit")
    template = make_template(work, env)
    lines = [
        "| kits | implkit portfolio cold: wall (CPU), peak RSS | warm (cached) | "
        "peer: openpyxl read-only, one process | cold / peer (wall) |",
        "|---:|---|---|---|---:|",
    ]
    for count in (int(x) for x in args.kits.split(",")):
        log(f"portfolio: {count} kits")
        folder = make_kits(template, work / f"kits-{count}", count)
        c, w, p, _ratio = measure(folder, work, env, args.runs, args.workers)
        lines.append(
            f"| {count:,} | {c.wall:.1f} s ({c.cpu:.1f} s), {c.rss_mb:.0f} MB | "
            f"{w.wall:.1f} s ({w.cpu:.1f} s), {w.rss_mb:.0f} MB | "
            f"{p.wall:.1f} s ({p.cpu:.1f} s), {p.rss_mb:.0f} MB | {c.wall / p.wall:.2f} |"
        )
    print("\n".join(lines))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

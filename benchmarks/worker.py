"""Jobs run in a fresh process by the benchmark runner: ``python -m benchmarks.worker JOB ...``.

Each job prints one JSON line (its own timings and ``ru_maxrss``) as its last
line of output. Timings inside a job use ``time.perf_counter`` around the work
only (no interpreter start, no imports, no untimed preparation); the runner
also times the whole process from outside.

Jobs
----
``kit-prep PACKS_DIR PACK KIT_PICKLE``
    load the pack, build the Kit, pickle it (the input of the render jobs).
``render-plan KIT_PICKLE OUT`` / ``render-migration KIT_PICKLE OUT``
    unpickle the Kit (untimed), then time the renderer.
``xlsx-extract XLSX CELLS``
    read a generated workbook's cells and formats (untimed preparation).
``xlsxwriter CELLS OUT``
    load the cells (untimed), then time XlsxWriter writing them.
``scheduler TASKS LINKS RUNS``
    CPM of a random task graph: generator.schedule vs graphlib + plain passes.
``make-kits COUNT FOLDER``
    ``implkit new`` COUNT times (in-process, all cores), one kit per client.
``build JOBS FOLDER...``
    ``implkit build`` on every folder, in this process (JOBS=1) or a process pool.
``kit-breakdown OUT``
    ``implkit new manufacturing`` in this process with the CPU time of every stage
    (pack load, Kit, templates, cookiecutter, each deliverable, hashes, install), each
    with the imports it triggers.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

START = "2026-03-02"
NEW = ("new", "manufacturing")


def _rss_mb() -> float:
    """Current resident set size (MiB) from /proc, 0 where there is none."""
    try:
        with open("/proc/self/status", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _peak_mb() -> float:
    """Peak resident set size of this process (ru_maxrss, KiB on Linux) since the start
    or since :func:`_reset_peak`."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> bool:
    """Give freed memory back and restart the peak RSS count (Linux); False if unsupported.

    The render jobs load their input (an unpickled Kit, the cells for XlsxWriter)
    first; unpickling leaves freed memory in the process that would otherwise count
    towards the peak. After this call ``ru_maxrss`` is the peak of the work that
    follows, with the input (and the imported libraries) resident.
    """
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")  # reset the peak RSS (VmHWM, ru_maxrss) to the current RSS
    except OSError:
        return False
    return True


def _timed(work: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU seconds of ``work()``."""
    began, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - began, time.process_time() - cpu


def kit_prep(packs_dir: str, pack: str, out: str) -> dict[str, Any]:
    from generator import __version__
    from generator.kit import build_kit
    from generator.workspace.answers import answers_from_options

    began = time.perf_counter()
    resolved, spec = answers_from_options(pack, packs_dir=Path(packs_dir), start=START)
    loaded = time.perf_counter()
    kit = build_kit(resolved, spec, generator_version=__version__)
    built = time.perf_counter()
    with open(out, "wb") as handle:
        pickle.dump(kit, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return {
        "load_s": loaded - began,
        "kit_s": built - loaded,
        "tasks": len(kit.tasks),
        "objects": len(kit.migration),
        "fields": sum(len(o.fields) for o in kit.migration),
        "peak_mb": _peak_mb(),
    }


def render(kind: str, kit_pickle: str, out: str) -> dict[str, Any]:
    if kind == "plan":
        from generator.render.xlsx_plan import render_plan as renderer
    else:
        from generator.render.xlsx_migration import render_migration as renderer
    with open(kit_pickle, "rb") as handle:
        kit = pickle.load(handle)
    reset = _reset_peak()
    base = _rss_mb()
    seconds, cpu = _timed(lambda: renderer(kit, Path(out)))
    return {"seconds": seconds, "cpu": cpu, "base_mb": base, "peak_mb": _peak_mb(), "reset": reset}


def xlsx_extract(xlsx: str, cells: str) -> dict[str, Any]:
    from benchmarks.xlsx_peer import extract

    return extract(Path(xlsx), Path(cells))


def xlsxwriter_job(cells: str, out: str) -> dict[str, Any]:
    import xlsxwriter  # type: ignore[import-untyped]  # noqa: F401  (before the clock starts)

    from benchmarks.xlsx_peer import load, write

    formats, sheets, features, names = load(Path(cells))
    # The cells are millions of small tuples, an artefact of this harness (the Kit is
    # implkit's real input): keep the collector from walking them while XlsxWriter works.
    import gc

    gc.freeze()
    reset = _reset_peak()
    base = _rss_mb()
    seconds, cpu = _timed(lambda: write(formats, sheets, Path(out), features, names))
    return {"seconds": seconds, "cpu": cpu, "base_mb": base, "peak_mb": _peak_mb(), "reset": reset}


def scheduler_job(tasks: str, links: str, runs: str) -> dict[str, Any]:
    from benchmarks.scheduler import compare

    return compare(int(tasks), int(links), int(runs))


def _new_kit(args: tuple[int, str]) -> str:
    from generator import api

    n, folder = args
    target = Path(folder) / f"project-{n:03d}"
    api.new_kit(NEW[1], target, answers={"client": f"Client {n:03d}", "start": START})
    return str(target)


def _build(folder: str) -> str:
    from generator import api

    api.rebuild_kit(Path(folder))
    return folder


def _quiet(work: Callable[[], Any]) -> None:
    """Run ``work`` with stdout sent to /dev/null (the summaries are not what we time)."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w", encoding="utf-8") as null:
        os.dup2(null.fileno(), 1)
        try:
            work()
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)


def make_kits(count: str, folder: str) -> dict[str, Any]:
    from concurrent.futures import ProcessPoolExecutor

    import generator.api  # noqa: F401  (imported once, shared by the forked workers)

    Path(folder).mkdir(parents=True, exist_ok=True)
    jobs = [(n, folder) for n in range(int(count))]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        made = list(pool.map(_new_kit, jobs))
    return {"kits": len(made)}


def build_all(jobs: str, folders: Sequence[str]) -> dict[str, Any]:
    import importlib

    # What a build imports, imported once here (in both modes): forked workers share it.
    for module in ("generator.api", *HEAVY_MODULES):
        importlib.import_module(module)
    workers = int(jobs)
    began, cpu = time.perf_counter(), time.process_time()
    if workers == 1:
        for folder in folders:
            _build(folder)
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_build, folders))
    return {
        "seconds": time.perf_counter() - began,
        "cpu_parent": time.process_time() - cpu,
        "projects": len(folders),
    }


HEAVY_MODULES = (
    "pydantic",
    "yaml",
    "holidays",
    "jinja2.sandbox",
    "cookiecutter.main",
    "openpyxl",
    "docx",
    "generator.packs.loader",
    "generator.kit",
    "generator.workspace.stage",
    "generator.workspace.install",
    "generator.render.xlsx_plan",
    "generator.render.xlsx_migration",
    "generator.render.xlsx_training",
    "generator.render.docx_curriculum",
    "generator.render.docx_charter",
    "generator.render.mspdi",
    "generator.render.trackers_csv",
    "generator.render.ics",
)


def kit_breakdown(out: str) -> dict[str, Any]:
    """CPU seconds per stage of ``implkit new manufacturing`` (in this process).

    Nothing is imported ahead: each stage's CPU includes the modules it imports, as in a
    user's run. ``import_cpu`` is ``import generator.cli``; ``run_cpu`` the whole command;
    the stages are parts of it (none nested in another); ``ahead_cpu`` the imports that
    wrapping the stages makes before the run (modules the run would import)."""
    import importlib

    cpu = time.process_time()
    cli_module = importlib.import_module("generator.cli")
    import_cpu = time.process_time() - cpu
    stages: dict[str, float] = {}
    tune = getattr(cli_module, "_collect_for_one_command", None)
    if tune is not None:
        tune()  # the garbage collector as the implkit command sets it up

    def clock(name: str, work: Callable[[], Any]) -> Any:
        began = time.process_time()
        try:
            return work()
        finally:
            stages[name] = stages.get(name, 0.0) + time.process_time() - began

    def wrap(module: str, name: str, label: str) -> None:
        owner = importlib.import_module(module)
        original = getattr(owner, name, None)
        if original is None:
            return  # moved by a later refactoring: its time stays in "the rest"

        def timed(*args: Any, **kwargs: Any) -> Any:
            return clock(label, lambda: original(*args, **kwargs))

        setattr(owner, name, timed)

    ahead = time.process_time()
    # the pack as new loads it: a built-in pack's compiled form, else its YAML
    wrap("generator.workspace.load", "loaded_pack", "load pack (manufacturing + base)")
    wrap("generator.kit", "build_kit", "build Kit (select, schedule, calendar)")
    wrap("generator.workspace.stage", "render_templates", "render pack templates (sandboxed Jinja)")
    wrap("generator.workspace.stage", "run_cookiecutter", "cookiecutter skeleton")
    wrap("generator.workspace.install", "install", "install (atomic move)")
    wrap("generator.carry.written", "written_digest", "hashes of the written cells")
    wrap("generator.tracking.baseline", "save_baseline", "initial baseline")
    wrap("generator.render.ics_history", "save_calendar_history", "calendar history")
    import generator.workspace.stage as stage
    from generator.cli import cli

    ahead_cpu = time.process_time() - ahead  # wrapping a stage imports its module now

    original = stage.deliverables

    def deliverables(kit: Any, **kwargs: Any) -> Any:
        items = original(kit, **kwargs)
        result = []
        for item in items:

            def render(k: Any, p: Path, item: Any = item) -> Any:
                return clock(f"render {item.path}", lambda: item.render(k, p))

            result.append(stage.StagedFile(item.path, item.kind, render))
        return result

    stage.deliverables = deliverables  # type: ignore[assignment]
    cpu = time.process_time()
    _quiet(lambda: cli.main([*NEW, "--start", START, "--out", out], standalone_mode=False))
    run_cpu = time.process_time() - cpu
    return {
        "stages": stages,
        "import_cpu": import_cpu,
        "ahead_cpu": ahead_cpu,
        "run_cpu": run_cpu,
        "peak_mb": _peak_mb(),
    }


def main(argv: Sequence[str]) -> int:
    job, *args = argv
    if job == "kit-prep":
        result = kit_prep(*args)
    elif job in ("render-plan", "render-migration"):
        result = render(job.split("-", 1)[1], *args)
    elif job == "xlsx-extract":
        result = xlsx_extract(*args)
    elif job == "xlsxwriter":
        result = xlsxwriter_job(*args)
    elif job == "scheduler":
        result = scheduler_job(*args)
    elif job == "make-kits":
        result = make_kits(*args)
    elif job == "build":
        result = build_all(args[0], args[1:])
    elif job == "kit-breakdown":
        result = kit_breakdown(*args)
    else:
        print(f"unknown job {job!r}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

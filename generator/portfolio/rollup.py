"""Roll every kit up: cached per-kit summaries, a process pool, the portfolio figures.

Each kit's row comes from its status at the portfolio's date, computed by ``load(kit,
as_of)`` — the caller's function that loads the kit with every entry and runs the same
computation as ``implkit status`` (a module-level function, so the pool can pickle it).

Cache: ``<kit>/.implkit/portfolio-cache.json`` holds the summary with its key, the
sha256 of everything the status reads (project.yaml, the three workbooks, the last
build's record, the baselines and snapshots, the pack's files), the status date, the
implkit version and :data:`CACHE_VERSION`; an unchanged kit is not read again, a change
to any of them reads it again. A kit folder that cannot be written just is not cached.

Pool: kits whose cache is stale are summarised in a ``ProcessPoolExecutor`` (one worker
per core, at most the number of kits; inline below :data:`POOL_FROM` kits); the first kit
is summarised in this process before the pool starts, so forked workers inherit its
imports and its loaded pack.

:func:`aggregate` computes the review's headline figures across projects (formulas in
docs/metrics.md), the trend by go-live month and the breakdown by industry pack.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError
from generator.portfolio.summary import kit_summary
from generator.readers import digests_once, file_digest, read_json

if TYPE_CHECKING:
    from generator.portfolio.summary import QualitySheets
    from generator.tracking.status import Status

CACHE_VERSION = (
    4  # 3: rows from the kit's status at the date (forecast, stale, risks); 4: pack version
)
CACHE = Path(".implkit") / "portfolio-cache.json"
POOL_FROM = 8


def _pack_files(kit: Path) -> list[Path]:
    """The files of the kit's pack and the packs it extends, from the folder its status
    loads the pack from (project.yaml's ``pack_dir`` when that folder is there, else the
    pack of that id); empty when not found."""
    from generator.packs.loader import available_packs, pack_files
    from generator.portfolio.summary import _project

    try:
        answers = _project(kit)
        packs = available_packs(None)
    except Exception:  # the summary reports an unreadable kit; the key just has no pack
        return []
    folder: Path | None = packs.get(str(answers.get("pack") or ""))
    recorded = answers.get("pack_dir")
    if recorded:
        mine = Path(str(recorded))
        mine = mine if mine.is_absolute() else kit / mine
        folder = mine if mine.is_dir() else folder
    return pack_files(folder, packs) if folder is not None else []


def cache_key(kit: Path, as_of: date) -> str:
    """sha256 over everything a kit's status reads, the status date, the implkit version
    and the cache version (see the module docstring)."""
    from generator import __version__
    from generator.carry import WORKBOOKS

    digest = hashlib.sha256(f"{CACHE_VERSION}|{__version__}|{as_of.isoformat()}".encode())
    files = [kit / "project.yaml", *(kit / rel for rel in WORKBOOKS.values())]
    files.append(kit / ".implkit" / "last-build.json")
    for sub in ("baselines", "snapshots"):
        folder = kit / ".implkit" / sub
        if folder.is_dir():
            files += sorted(folder.glob("*.json"))
    files += _pack_files(kit)
    for path in files:
        digest.update(str(path).encode("utf-8"))
        try:  # a named pipe or /dev/zero in a kit: no hash, and the summary says why
            digest.update(file_digest(path))
        except InputError:
            digest.update(b"-")
    return digest.hexdigest()


def _cached(kit: Path, key: str) -> dict[str, Any] | None:
    try:
        data = read_json(kit / CACHE, fix="")
    except InputError:
        return None
    if isinstance(data, dict) and data.get("key") == key and isinstance(data.get("summary"), dict):
        return dict(data["summary"])
    return None


def _umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _store(kit: Path, key: str, summary: dict[str, Any]) -> None:
    if summary.get("error"):
        return
    path = kit / CACHE
    try:
        if not path.parent.is_dir() or path.parent.is_symlink():
            return
        # a fresh temp file (O_EXCL: never through a link planted in the kit), then replace
        handle, tmp = tempfile.mkstemp(prefix=".portfolio-", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps({"key": key, "summary": summary}, ensure_ascii=False))
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600: as any other file instead
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only kit is simply not cached


StatusLoader = Callable[[Path, date], "tuple[Status, QualitySheets | None]"]
"""``load(kit, as_of) -> (status, quality sheets)``: the kit's status at ``as_of`` and the
:data:`~generator.portfolio.summary.SHEETS` of its plan as that read found them (None:
:func:`~generator.portfolio.summary.kit_summary` reads them)."""


def summarise(kit_text: str, as_of_text: str, load: StatusLoader) -> dict[str, Any]:
    """Pool worker: the (cached) summary of one kit; never raises."""
    kit = Path(kit_text)
    as_of = date.fromisoformat(as_of_text)
    # the pack's files are hashed once for this kit: for its cache key and for the
    # worker's pack memo (workspace.load), which keys a loaded pack by the same files
    with digests_once():
        key = cache_key(kit, as_of)
        found = _cached(kit, key)
        if found is not None:
            return found
        try:
            status, sheets = load(kit, as_of)
        except InputError as err:  # a damaged kit: its reason, as the command line says it
            return {"path": str(kit), "error": str(err)[:300]}
        except Exception as err:  # anything else: the reason with its kind, for the bug report
            return {"path": str(kit), "error": f"{type(err).__name__}: {err}"[:300]}
    summary = kit_summary(kit, as_of, status, sheets)
    _store(kit, key, summary)
    return summary


def summaries(
    kits: Sequence[Path], as_of: date, load: StatusLoader, workers: int | None = None
) -> list[dict[str, Any]]:
    """The summary of every kit, in ``kits`` order."""
    jobs = [str(k) for k in kits]
    day = as_of.isoformat()
    count = workers or min(os.cpu_count() or 1, len(jobs))
    if len(jobs) < POOL_FROM or count <= 1:
        return [summarise(k, day, load) for k in jobs]
    from concurrent.futures import ProcessPoolExecutor

    # the first kit here, before the pool starts: forked workers begin with what it
    # imported and the pack it loaded, instead of each importing and loading them again
    first = summarise(jobs[0], day, load)
    rest = jobs[1:]
    with ProcessPoolExecutor(max_workers=count) as pool:
        chunk = max(1, len(rest) // (count * 8))
        return [
            first,
            *pool.map(summarise, rest, [day] * len(rest), [load] * len(rest), chunksize=chunk),
        ]


def _rate(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def _mean(values: Sequence[float | None]) -> float | None:
    found = [v for v in values if v is not None]
    return round(sum(found) / len(found), 4) if found else None


def aggregate(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Headline figures over the readable kits (see docs/metrics.md for each formula)."""
    ok = [r for r in rows if not r.get("error")]
    live = [r for r in ok if r["live"] and r["on_time"] is not None]
    on_time = sum(1 for r in live if r["on_time"])
    delayed = sum(1 for r in ok if r["delayed_by_changes"])
    logged = [r for r in ok if r["defects"]]
    defects = sum(r["defects"] for r in logged)
    effort = sum(r["planned_effort_days"] for r in logged)
    fp = sum(r["first_pass"] for r in ok)
    answered = sum(r["first_pass_answered"] for r in ok)
    promoters = sum(r["promoters"] for r in ok)
    detractors = sum(r["detractors"] for r in ok)
    responses = promoters + detractors + sum(r["passives"] for r in ok)
    assignments = sum(len(r["consultants"]) for r in ok)
    people = {c for r in ok for c in r["consultants"]}
    return {
        "projects": len(ok),
        "unreadable": len(rows) - len(ok),
        "live": len(live),
        "on_time": on_time,
        "on_time_rate": _rate(on_time, len(live)),
        "early": sum(1 for r in live if r["early"]),
        "delayed_by_changes": delayed,
        "delayed_by_changes_rate": _rate(delayed, len(ok)),
        "defects": defects,
        "defect_rate": round(defects / effort * 100, 4) if effort else None,
        "first_pass_acceptance": _rate(fp, answered),
        "nps": round((promoters - detractors) / responses * 100, 2) if responses else None,
        "nps_responses": responses,
        "consultants": len(people),
        "projects_per_consultant": round(assignments / len(people), 4) if people else None,
        "mean_spi": _mean([r["spi"] for r in ok]),
        "mean_cpi": _mean([r["cpi"] for r in ok]),
        "open_red_risks": sum(r["open_red_risks"] for r in ok),
        "unassessed_risks": sum(r.get("unassessed_risks", 0) for r in ok),
        "stale": sum(1 for r in ok if r.get("stale")),
        "open_change_requests": sum(r["open_change_requests"] for r in ok),
    }


def by_month(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per go-live month (actual, or forecast while not live): go-lives, on time, forecast."""
    months: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r.get("error") or not r["forecast_go_live"]:
            continue
        month = r["forecast_go_live"][:7]
        m = months.setdefault(
            month, {"month": month, "live": 0, "on_time": 0, "early": 0, "forecast": 0}
        )
        if r["live"]:
            m["live"] += 1
            m["on_time"] += bool(r["on_time"])
            m["early"] += bool(r["early"])
        else:
            m["forecast"] += 1
    return [months[k] for k in sorted(months)]


def by_pack(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per industry pack: projects, mean planned and actual/forecast duration, their ratio."""
    packs: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if not r.get("error"):
            packs.setdefault(r["pack"], []).append(r)
    out = []
    for pack in sorted(packs):
        items = packs[pack]
        planned = _mean([r["planned_duration_days"] for r in items])
        actual = _mean([r["actual_duration_days"] for r in items])
        live = [r for r in items if r["live"] and r["on_time"] is not None]
        out.append(
            {
                "pack": pack,
                "projects": len(items),
                "planned_duration_days": None if planned is None else round(planned, 1),
                "actual_duration_days": None if actual is None else round(actual, 1),
                "duration_ratio": round(actual / planned, 4) if planned and actual else None,
                "on_time_rate": _rate(sum(1 for r in live if r["on_time"]), len(live)),
            }
        )
    return out


def portfolio(
    kits: Sequence[Path], as_of: date, load: StatusLoader, workers: int | None = None
) -> dict[str, Any]:
    """``{"as_of", "projects", "unreadable", "summary", "months", "packs"}`` for ``kits``;
    ``load(kit, as_of)`` gives a kit's :class:`~generator.tracking.status.Status` and its
    quality sheets (:data:`StatusLoader`)."""
    rows = summaries(kits, as_of, load, workers)
    return {
        "as_of": as_of.isoformat(),
        "projects": [r for r in rows if not r.get("error")],
        "unreadable": [{"path": r["path"], "reason": r["error"]} for r in rows if r.get("error")],
        "summary": aggregate(rows),
        "months": by_month(rows),
        "packs": by_pack(rows),
    }

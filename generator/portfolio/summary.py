"""One kit's portfolio row, read from its files only (no pack, no scheduling).

Read: ``project.yaml`` (pack, client, name, start), the current baseline
(``.implkit/baselines/``: baseline go-live), the status snapshots written by
``implkit build`` / ``implkit status`` (``.implkit/snapshots/``: the forecast go-live and
the EVM figures — PV, EV, AC — of the latest status date on or before ``as_of``), and
seven sheets of the plan workbook in openpyxl read-only mode (Plan, Risks, Change
requests, Defect log, Acceptance, Satisfaction, Project team; no other sheet is read).

:func:`kit_summary` returns a JSON-ready dict (shape in docs/metrics.md); a kit that
cannot be read gives ``{"path", "error"}`` with the reason, never an exception.
Durations are calendar days; ratios 0..1; NPS -100..100.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from generator.evaluation import quality

PLAN = Path("plan") / "project-plan.xlsx"
GO_LIVE = "base.go-live"
SHEETS = (
    "plan.tasks",
    "plan.risks",
    "plan.changes",
    "plan.defects",
    "plan.acceptance",
    "plan.surveys",
    "plan.team",
)
PHASE_TYPES = {"phase", "阶段"}


def read_sheets(path: Path, keys: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
    """Rows (column key -> converted value, key column included) of the declared plan
    sheets ``keys``, read by :func:`generator.carry.read.read_workbook` (read-only mode;
    no other sheet is read)."""
    from generator.carry.read import read_workbook

    read = read_workbook(path, "plan", frozenset(keys))
    out: dict[str, list[dict[str, Any]]] = {}
    for sheet in read.sheets:
        if sheet.instance in keys and sheet.instance not in out:
            key_column = sheet.spec.key_column
            out[sheet.instance] = [row.values | {key_column: row.key} for row in sheet.rows]
    return out


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def baseline_go_live(kit: Path) -> tuple[str, date | None]:
    """(current baseline name, its go-live date) from ``.implkit/baselines/``."""
    folder = kit / ".implkit" / "baselines"
    index = _load_json(folder / "index.json") or {}
    name = str(index.get("current") or "")
    entry = next((b for b in index.get("baselines", []) if b.get("name") == name), None)
    data = _load_json(folder / str(entry["file"])) if entry else None
    if not isinstance(data, dict):
        return name, None
    marks = {str(m.get("id")): _day(m.get("date")) for m in data.get("milestones", [])}
    if GO_LIVE in marks:
        return name, marks[GO_LIVE]
    live = [d for k, d in marks.items() if "go-live" in k and d]
    return name, max(live) if live else None


def latest_snapshot(kit: Path, as_of: date) -> dict[str, Any] | None:
    """The snapshot of the latest status date on or before ``as_of`` (None: none)."""
    folder = kit / ".implkit" / "snapshots"
    if not folder.is_dir():
        return None
    best: dict[str, Any] | None = None
    for path in sorted(folder.glob("*.json")):
        data = _load_json(path)
        when = _day(data.get("as_of")) if isinstance(data, dict) else None
        if data is not None and when and when <= as_of:
            best = data
    return best


def _project(kit: Path) -> dict[str, Any]:
    from ruamel.yaml import YAML

    text = (kit / "project.yaml").read_text(encoding="utf-8")
    data = YAML(typ="safe", pure=True).load(text)
    if not isinstance(data, dict):
        raise ValueError("project.yaml is not a mapping")
    return data


def _tasks(rows: list[dict[str, Any]], as_of: date) -> dict[str, Any]:
    """Planned effort, the phase at ``as_of``, the go-live row's dates."""
    effort = 0.0
    phase, phase_id = "", ""
    phases: list[tuple[str, str, date | None, date | None]] = []
    go_live: dict[str, Any] = {}
    for row in rows:
        if str(row.get("type") or "").strip().lower() in PHASE_TYPES:
            phases.append(
                (
                    str(row.get("name") or ""),
                    str(row.get("id") or ""),
                    _day(row.get("start")),
                    _day(row.get("finish")),
                )
            )
            continue
        effort += quality.number(row.get("effort")) or 0.0
        if row.get("id") == GO_LIVE:
            go_live = row
    for name, pid, _start, finish in phases:
        phase, phase_id = name, pid
        if finish and as_of <= finish:
            break
    return {"effort": effort, "phase": phase, "phase_id": phase_id, "go_live": go_live}


def _score(row: dict[str, Any]) -> float:
    """Likelihood x impact (the sheet's score formula), else the stored score."""
    lik, imp = quality.number(row.get("likelihood")), quality.number(row.get("impact"))
    if lik is not None and imp is not None:
        return lik * imp
    return quality.number(row.get("score")) or 0.0


def kit_summary(kit: Path, as_of: date) -> dict[str, Any]:
    """The portfolio row of the kit in folder ``kit`` at ``as_of`` (see the module docstring)."""
    try:
        answers = _project(kit)
        plan = kit / PLAN
        if not plan.is_file():
            return {"path": str(kit), "error": f"{PLAN.as_posix()} is missing"}
        sheets = read_sheets(plan, SHEETS)
    except Exception as err:  # any damaged file: listed with its reason
        return {"path": str(kit), "error": f"{type(err).__name__}: {err}"[:300]}
    if "plan.tasks" not in sheets:
        return {"path": str(kit), "error": f"{PLAN.as_posix()}: no Plan sheet found"}
    tasks = _tasks(sheets["plan.tasks"], as_of)
    baseline, base_live = baseline_go_live(kit)
    snap = latest_snapshot(kit, as_of)
    row = tasks["go_live"]
    actual = _day(row.get("actual_finish"))
    live = bool(actual and actual <= as_of)
    forecast = (
        actual if live else (_day(snap.get("go_live")) if snap else None) or _day(row.get("finish"))
    )
    start = _day(answers.get("start"))
    changes = quality.changes(sheets.get("plan.changes", []))
    on_time = None if not (base_live and forecast) else forecast <= base_live
    early = None if not (base_live and forecast) else forecast < base_live
    pv = quality.number(snap.get("pv")) if snap else None
    ev = quality.number(snap.get("ev")) if snap else None
    ac = quality.number(snap.get("ac")) if snap else None
    acc = quality.acceptance(sheets.get("plan.acceptance", []))
    nps = quality.surveys(sheets.get("plan.surveys", []))
    defects = quality.defects(sheets.get("plan.defects", []), tasks["effort"])
    team = quality.team(sheets.get("plan.team", []))
    red = sum(
        1
        for r in sheets.get("plan.risks", [])
        if str(r.get("status") or "open") not in quality.CLOSED_RISK
        and _score(r) >= quality.RED_RISK_SCORE
    )
    return {
        "path": str(kit),
        "error": None,
        "pack": str(answers.get("pack") or ""),
        "client": str(answers.get("client") or ""),
        "name": str(answers.get("name") or ""),
        "phase": tasks["phase"],
        "phase_id": tasks["phase_id"],
        "start": start.isoformat() if start else None,
        "baseline": baseline,
        "baseline_go_live": base_live.isoformat() if base_live else None,
        "forecast_go_live": forecast.isoformat() if forecast else None,
        "live": live,
        "on_time": on_time,
        "early": early,
        "status_date": snap.get("as_of") if snap else None,
        "spi": round(ev / pv, 4) if ev is not None and pv else None,
        "cpi": round(ev / ac, 4) if ev is not None and ac else None,
        "open_red_risks": red,
        "change_requests": changes["requests"],
        "open_change_requests": changes["open"],
        "change_days_added": changes["days_added"],
        "delayed_by_changes": bool(on_time is False and changes["days_added"] > 0),
        "first_pass": acc["first_pass"],
        "first_pass_answered": acc["answered"],
        "first_pass_rate": acc["first_pass_rate"],
        "nps": nps["nps"],
        "promoters": nps["promoters"],
        "passives": nps["passives"],
        "detractors": nps["detractors"],
        "defects": defects["defects"],
        "escaped": defects["escaped"],
        "planned_effort_days": round(tasks["effort"], 2),
        "defect_density": defects["density"],
        "consultants": sorted({c["id"] for c in team["consultants"]}),
        "utilisation": team["utilisation"],
        "planned_duration_days": (base_live - start).days + 1 if base_live and start else None,
        "actual_duration_days": (forecast - start).days + 1 if forecast and start else None,
    }

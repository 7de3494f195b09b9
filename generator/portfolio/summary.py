"""One kit's portfolio row: its status as of the portfolio's date, and its quality records.

The schedule and cost figures come from the kit's :class:`~generator.tracking.status.Status`
at ``as_of`` — the forecast ``implkit status`` computes, from the kit with every entry
(the caller loads it: ``load(kit_dir, as_of)``), never from stored formula results or an
older snapshot: forecast and baseline go-live, live (the go-live is done, or forecast
before ``as_of``), on time (only once live), SPI and CPI, the phase at ``as_of`` (from the
forecast's task dates), planned effort, open red risks the team assessed and the risks
it has not (the pack's pre-scoring), and whether the kit is stale (no entry and no
status in the 5 weeks before ``as_of``, once the project is 5 weeks old). Five plan sheets
give the quality figures (Change requests, Defect log, Acceptance, Satisfaction, Project
team: the team's values only, no formula result), as the status's own read of the plan
found them (the loader passes them on), so the plan is opened once.

:func:`kit_summary` returns a JSON-ready dict (shape in docs/metrics.md); a kit that
cannot be read gives ``{"path", "error"}`` with the reason, never an exception.
Durations are calendar days; ratios 0..1; NPS -100..100.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import InputError
from generator.evaluation import quality
from generator.i18n import _
from generator.registry import path_of

if TYPE_CHECKING:
    from generator.carry.read import WorkbookRead
    from generator.kit_model import Kit
    from generator.tracking.status import Status

PLAN = Path(*path_of("plan").split("/"))
STALE_DAYS = 35
"""A kit with no entry and no status run in this many days before ``as_of`` is stale."""
SHEETS = (
    "plan.changes",
    "plan.defects",
    "plan.acceptance",
    "plan.surveys",
    "plan.team",
)


QualitySheets = dict[str, list[dict[str, Any]]]
"""Sheet key -> its rows (column key -> converted value, key column included)."""


def read_sheets(path: Path, keys: tuple[str, ...]) -> QualitySheets:
    """Rows of the declared plan sheets ``keys``, read by
    :func:`generator.carry.read.read_workbook` (read-only mode; no other sheet is read)."""
    from generator.carry.read import read_workbook

    return sheet_rows_of(read_workbook(path, "plan", frozenset(keys)), keys)


def sheet_rows_of(read: WorkbookRead, keys: tuple[str, ...]) -> QualitySheets:
    """The rows of the sheets ``keys`` in the plan workbook ``read`` (the first sheet of
    each key), copied: what changes ``read`` later does not change them."""
    out: QualitySheets = {}
    for sheet in read.sheets:
        if sheet.instance in keys and sheet.instance not in out:
            key_column = sheet.spec.key_column
            out[sheet.instance] = [row.values | {key_column: row.key} for row in sheet.rows]
    return out


def _project(kit: Path) -> dict[str, Any]:
    """The answers of the kit's project.yaml (read each time; the YAML parsed once per text)."""
    from generator.project import read_answers

    return dict(_answers(read_answers(kit / "project.yaml")))


@lru_cache(maxsize=8)  # a kit's row and its cache key read the same project.yaml
def _answers(text: str) -> dict[str, Any]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(text)
    if not isinstance(data, dict):
        raise ValueError("project.yaml is not a mapping")
    return data


def phase_at(kit: Kit, as_of: date) -> tuple[str, str]:
    """(name, id) of the phase under way at ``as_of`` on ``kit``'s (forecast) dates: the
    first phase whose last task finishes on or after ``as_of`` (the last phase after all)."""
    name, pid = "", ""
    finish: dict[str, date] = {}
    for task in kit.tasks:
        if task.phase not in finish or task.finish > finish[task.phase]:
            finish[task.phase] = task.finish
    for phase in kit.phases:
        name, pid = phase.name, phase.id
        end = finish.get(phase.id)
        if end is not None and as_of <= end:
            break
    return name, pid


def last_entry(kit: Kit, as_of: date, snapshots: list[date]) -> date | None:
    """The latest dated entry or status run on or before ``as_of``: actual dates, gate
    sign-offs, effort-log and expense dates, status snapshots."""
    from generator.tracking.cost import ledger_of
    from generator.tracking.states import gate_signoffs

    days = [d for p in kit.progress for d in (p.actual_start, p.actual_finish) if d]
    days += [d for d in gate_signoffs(kit).values() if d]
    ledger = ledger_of(kit)
    days += [x.day for x in ledger.effort if x.day]
    days += [x.day for x in ledger.expenses if x.day]
    days += snapshots
    days = [d for d in days if d <= as_of]
    return max(days) if days else None


def kit_summary(
    kit: Path, as_of: date, status: Status | None = None, sheets: QualitySheets | None = None
) -> dict[str, Any]:
    """The portfolio row of the kit in folder ``kit`` at ``as_of`` from its ``status`` at
    that date (see the module docstring). ``sheets``: the :data:`SHEETS` of the kit's
    plan as the status read them (:func:`sheet_rows_of`); None: read here."""
    from generator.carry.outdated import built_with

    try:
        answers = _project(kit)
        plan = kit / PLAN
        if not plan.is_file():
            return {"path": str(kit), "error": _("{path} is missing").format(path=PLAN.as_posix())}
        if sheets is None:
            sheets = read_sheets(plan, SHEETS)
    except InputError as err:  # a damaged file: its reason, as the command line would say it
        return {"path": str(kit), "error": str(err)[:300]}
    except Exception as err:  # anything else: the reason with its kind, for the bug report
        return {"path": str(kit), "error": f"{type(err).__name__}: {err}"[:300]}
    if status is None:
        return {"path": str(kit), "error": _("the kit could not be read")}
    forecast_kit = status.kit
    go_live = next((m for m in status.milestones if m.id in _go_live_ids(forecast_kit)), None)
    forecast = status.go_live_forecast
    base_live = status.go_live_baseline
    live = bool(forecast and ((go_live is not None and go_live.done) or forecast < as_of))
    start = forecast_kit.project.start
    changes = quality.changes(sheets.get("plan.changes", []))
    on_time = forecast <= base_live if live and base_live and forecast else None
    early = forecast < base_live if live and base_live and forecast else None
    p = status.evm.project
    acc = quality.acceptance(sheets.get("plan.acceptance", []))
    nps = quality.surveys(sheets.get("plan.surveys", []))
    effort = sum(t.effort_days for t in forecast_kit.tasks)
    defects = quality.defects(sheets.get("plan.defects", []), effort)
    team = quality.team(sheets.get("plan.team", []))
    red = sum(1 for r in status.risks if r.assessed and r.score >= quality.RED_RISK_SCORE)
    unassessed = sum(1 for r in status.risks if not r.assessed)
    statuses = [s.as_of for s in status.trend if s.as_of <= as_of]
    last = last_entry(forecast_kit, as_of, statuses)
    stale = (as_of - start).days >= STALE_DAYS and (
        last is None or (as_of - last).days > STALE_DAYS
    )
    phase, phase_id = phase_at(forecast_kit, as_of)
    coverage = status.evm.coverage
    return {
        "path": str(kit),
        "error": None,
        "pack": str(answers.get("pack") or ""),
        "pack_version": built_with(kit)[1],  # the version the kit was last built from
        "client": str(answers.get("client") or ""),
        "name": str(answers.get("name") or ""),
        "phase": phase,
        "phase_id": phase_id,
        "start": start.isoformat(),
        "baseline": status.baseline_name,
        "baseline_go_live": base_live.isoformat() if base_live else None,
        "forecast_go_live": forecast.isoformat() if forecast else None,
        "slip_working_days": status.slip,
        "live": live,
        "on_time": on_time,
        "early": early,
        "status_date": max(statuses).isoformat() if statuses else None,
        "last_entry": last.isoformat() if last else None,
        "stale": stale,
        "spi": None if p.spi is None else round(p.spi, 4),
        "cpi": None if p.cpi is None else round(p.cpi, 4),
        "cost_partial": bool(coverage and coverage.partial),
        "open_red_risks": red,
        "unassessed_risks": unassessed,
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
        "planned_effort_days": round(effort, 2),
        "defect_density": defects["density"],
        "consultants": sorted({c["id"] for c in team["consultants"]}),
        "utilisation": team["utilisation"],
        "planned_duration_days": (base_live - start).days + 1 if base_live else None,
        "actual_duration_days": (forecast - start).days + 1 if forecast else None,
    }


def _go_live_ids(kit: Kit) -> set[str]:
    return {t.id for t in kit.tasks if t.anchor == "go-live"}

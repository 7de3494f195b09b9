"""Read MS Project XML back with MPXJ (Java, through JPype), as MS Project's importers do.

The JVM starts once per test session. Locally, a missing ``mpxj``/Java skips
with a reason; in CI (``CI`` set) it fails.
"""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.office import IN_CI

SUBSET_SCHEMA = Path(__file__).parent / "schemas" / "mspdi-subset.xsd"


@functools.cache
def subset_schema() -> Any:
    """The MSPDI subset schema, compiled once per process: a compile costs ~0.3 CPU-s and
    validating a file only reads the compiled schema."""
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(SUBSET_SCHEMA)


@dataclass(frozen=True)
class ReadTask:
    uid: int
    name: str
    start: date
    finish: date
    duration_days: float
    milestone: bool
    summary: bool
    outline_level: int
    predecessors: tuple[tuple[str, str, float], ...]  # (predecessor name, type, lag days)
    constraint: str = ""  # MPXJ's ConstraintType name ("START_NO_EARLIER_THAN"...)
    constraint_date: date | None = None
    baseline_days: float | None = None  # baseline 0 duration, working days
    baseline_work_hours: float | None = None
    active: bool = True  # False: an inactive task (MS Project's Inactivate)


@dataclass(frozen=True)
class ReadProject:
    tasks: tuple[ReadTask, ...]
    exceptions: tuple[tuple[date, bool], ...]  # (day, working)
    resources: tuple[str, ...]
    assignments: int
    title: str
    max_units: tuple[tuple[str, float], ...] = ()  # (resource name, max units in %)
    units: tuple[tuple[str, str, float], ...] = ()  # (task, resource, assignment units in %)
    currency_symbol: str = ""


def _require() -> Any:
    try:
        import jpype
        import mpxj  # noqa: F401
    except ImportError as err:
        message = f"needs mpxj and JPype1 ({err})"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    if shutil.which("java") is None and not jpype.getDefaultJVMPath():
        if IN_CI:
            pytest.fail("needs Java for MPXJ")
        pytest.skip("needs Java for MPXJ")
    if not jpype.isJVMStarted():
        jpype.startJVM()
    return jpype


def _day(value: Any) -> date:
    return date.fromisoformat(str(value.toLocalDate()))


def _amount(duration: Any) -> float | None:
    """An MPXJ Duration's amount in its own unit (None when absent)."""
    return None if duration is None else float(duration.getDuration())


def read_mspdi(path: Path) -> ReadProject:
    """Read an MSPDI file with MPXJ's UniversalProjectReader."""
    _require()
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found]

    project = UniversalProjectReader().read(str(path))
    assert project is not None, f"MPXJ could not read {path}"
    tasks = []
    for task in project.getTasks():
        if task.getName() is None:
            continue
        preds = tuple(
            (
                str(rel.getPredecessorTask().getName()),
                str(rel.getType()),
                float(rel.getLag().getDuration()),
            )
            for rel in task.getPredecessors()
        )
        tasks.append(
            ReadTask(
                uid=int(task.getUniqueID()),
                name=str(task.getName()),
                start=_day(task.getStart()),
                finish=_day(task.getFinish()),
                duration_days=float(task.getDuration().getDuration()),
                milestone=bool(task.getMilestone()),
                summary=bool(task.getSummary()),
                outline_level=int(task.getOutlineLevel()),
                predecessors=preds,
                constraint=str(task.getConstraintType() or ""),
                constraint_date=(
                    _day(task.getConstraintDate()) if task.getConstraintDate() is not None else None
                ),
                baseline_days=_amount(task.getBaselineDuration()),
                baseline_work_hours=_amount(task.getBaselineWork()),
                active=bool(task.getActive()),
            )
        )
    calendar = project.getDefaultCalendar()
    exceptions = tuple(
        (date.fromisoformat(str(exc.getFromDate())), bool(exc.getWorking()))
        for exc in calendar.getCalendarExceptions()
    )
    resources = tuple(str(r.getName()) for r in project.getResources() if r.getName() is not None)
    return ReadProject(
        tasks=tuple(tasks),
        exceptions=exceptions,
        resources=resources,
        assignments=len(list(project.getResourceAssignments())),
        title=str(project.getProjectProperties().getProjectTitle()),
        max_units=tuple(
            (str(r.getName()), float(r.getMaxUnits().doubleValue()))
            for r in project.getResources()
            if r.getName() is not None
        ),
        units=tuple(
            (
                str(a.getTask().getName()),
                str(a.getResource().getName()),
                float(a.getUnits().doubleValue()),
            )
            for a in project.getResourceAssignments()
            if a.getResource() is not None
        ),
        currency_symbol=str(project.getProjectProperties().getCurrencySymbol()),
    )

"""Jira and Azure Boards CSV exports.

Both are written as UTF-8 with a byte-order mark (Excel then opens Chinese
correctly) and every cell that starts with a formula character is neutralised
with a leading apostrophe (the usual CSV-injection guard).

Jira (``render_jira``): one epic per phase, the phase's tasks below it through
an ``Issue Id`` / ``Parent`` pair, parents before children; ``Start date``,
``Due date``, ``Original Estimate`` (seconds), labels for the pack, the phase,
milestones and the critical path. Jira's importer wants at most 1,500 rows a
file, so the export is split by whole phases (an epic and its tasks stay in the
same file so ``Parent`` always finds its ``Issue Id``); a single phase longer
than that is cut at the limit and its continuation rows name the epic in an
``Epic Link`` column instead (documented limitation of CSV imports).

Azure Boards (``render_ado``): Epic (the project) → Feature (each phase) →
Task through ``Title 1`` / ``Title 2`` / ``Title 3`` columns, HTML descriptions
and ``;``-separated tags, the form the Azure DevOps "Import Work Items" page
reads.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.kit_model import Kit, Task

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
JIRA_MAX_ROWS = 1500
SECONDS_PER_DAY = 8 * 3600

LABELS = {
    "en": {
        "deliverables": "Deliverables",
        "owner": "Owner",
        "effort": "Effort (person-days)",
        "dates": "Planned",
        "criteria_entry": "Entry criteria",
        "criteria_exit": "Exit criteria",
        "signoff": "Sign-off",
        "milestone": "Milestone",
        "gate": "Quality gate",
        "phase": "Phase",
    },
    "zh": {
        "deliverables": "交付物",
        "owner": "负责人",
        "effort": "工作量（人天）",
        "dates": "计划日期",
        "criteria_entry": "准入条件",
        "criteria_exit": "准出条件",
        "signoff": "签字确认",
        "milestone": "里程碑",
        "gate": "质量关口",
        "phase": "阶段",
    },
}


def neutralise(value: object) -> str:
    """Cell text that a spreadsheet will never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _label(text: str) -> str:
    """Jira labels cannot hold spaces."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text)


def _task_text(kit: Kit, task: Task) -> list[str]:
    """Plain-text description lines for a task (shared by both trackers)."""
    lab = LABELS[kit.lang]
    lines = []
    if task.description:
        lines.append(task.description)
    lines.append(f"{lab['owner']}: {kit.role_name(task.owner)}")
    if task.effort:
        effort = ", ".join(f"{kit.role_name(r)} {d:g}" for r, d in task.effort)
        lines.append(f"{lab['effort']}: {effort}")
    if task.deliverables:
        lines.append(f"{lab['deliverables']}: " + "; ".join(task.deliverables))
    if task.gate:
        gate = next((g for g in kit.gates if g.id == task.gate), None)
        if gate:
            if gate.entry_criteria:
                lines.append(f"{lab['criteria_entry']}: " + "; ".join(gate.entry_criteria))
            if gate.exit_criteria:
                lines.append(f"{lab['criteria_exit']}: " + "; ".join(gate.exit_criteria))
            if gate.signoff:
                lines.append(
                    f"{lab['signoff']}: " + ", ".join(kit.role_name(r) for r in gate.signoff)
                )
    return lines


# --- Jira -----------------------------------------------------------------------------

JIRA_HEADER = (
    "Issue Id",
    "Parent",
    "Issue Type",
    "Summary",
    "Epic Name",
    "Epic Link",
    "Description",
    "Start date",
    "Due date",
    "Original Estimate",
    "Labels",
    "Labels",
    "Labels",
    "Labels",
)


def jira_rows(kit: Kit) -> list[list[list[object]]]:
    """Rows grouped per phase: the epic row first, then its tasks."""
    groups: list[list[list[object]]] = []
    issue_id = 0
    pack_label = _label(kit.pack.id)
    for phase in kit.phases:
        issue_id += 1
        epic_id = issue_id
        group: list[list[object]] = [
            [
                epic_id,
                "",
                "Epic",
                phase.name,
                phase.name,
                "",
                phase.description,
                phase.start.isoformat(),
                phase.finish.isoformat(),
                "",
                pack_label,
                _label(f"phase-{phase.id}"),
                "",
                "",
            ]
        ]
        for tid in phase.task_ids:
            task = kit.task(tid)
            issue_id += 1
            flags = []
            if task.milestone:
                flags.append("gate" if task.gate else "milestone")
            if task.critical:
                flags.append("critical-path")
            group.append(
                [
                    issue_id,
                    epic_id,
                    "Task",
                    task.name,
                    "",
                    "",
                    "\n".join(_task_text(kit, task)),
                    task.start.isoformat(),
                    task.finish.isoformat(),
                    task.duration * SECONDS_PER_DAY if task.duration else "",
                    pack_label,
                    _label(f"phase-{phase.id}"),
                    flags[0] if flags else "",
                    flags[1] if len(flags) > 1 else "",
                ]
            )
        groups.append(group)
    return groups


def jira_files(kit: Kit, max_rows: int = JIRA_MAX_ROWS) -> list[bytes]:
    """The Jira CSV split into files of at most ``max_rows`` data rows."""
    files: list[list[list[object]]] = [[]]
    ids_in_file: set[object] = set()
    for group in jira_rows(kit):
        if files[-1] and len(files[-1]) + len(group) > max_rows:
            files.append([])
            ids_in_file = set()
        epic = group[0]
        for row in group:
            if len(files[-1]) >= max_rows:
                files.append([])
                ids_in_file = set()
            if row is not epic and row[1] not in ids_in_file:
                row = list(row)
                row[5] = epic[4]  # Epic Link by name: the parent is in an earlier file
                row[1] = ""
            files[-1].append(row)
            ids_in_file.add(row[0])
    return [_csv_bytes(JIRA_HEADER, rows) for rows in files if rows]


def render_jira(kit: Kit, path: Path) -> list[Path]:
    """Write ``path`` (and ``<stem>-2.csv``... when over 1,500 rows); return the files."""
    written = []
    for number, data in enumerate(jira_files(kit), start=1):
        target = path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")
        target.write_bytes(data)
        written.append(target)
    return written


# --- Azure Boards ---------------------------------------------------------------------

ADO_HEADER = (
    "ID",
    "Work Item Type",
    "Title 1",
    "Title 2",
    "Title 3",
    "Description",
    "Start Date",
    "Target Date",
    "Original Estimate",
    "Tags",
)


def _html(lines: Iterable[str]) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)


def ado_rows(kit: Kit) -> list[list[object]]:
    """Epic (project) → Feature (phase) → Task rows in tree order."""
    pack_tag = kit.pack.id
    rows: list[list[object]] = [
        [
            "",
            "Epic",
            kit.project.name,
            "",
            "",
            _html([kit.pack.name, ", ".join(kit.project.systems)]),
            kit.project.start.isoformat(),
            kit.project.finish.isoformat(),
            "",
            pack_tag,
        ]
    ]
    for phase in kit.phases:
        rows.append(
            [
                "",
                "Feature",
                "",
                phase.name,
                "",
                _html([phase.description]),
                phase.start.isoformat(),
                phase.finish.isoformat(),
                "",
                f"{pack_tag}; phase-{phase.id}",
            ]
        )
        for tid in phase.task_ids:
            task = kit.task(tid)
            tags = [pack_tag, f"phase-{phase.id}"]
            if task.milestone:
                tags.append("gate" if task.gate else "milestone")
            if task.critical:
                tags.append("critical-path")
            rows.append(
                [
                    "",
                    "Task",
                    "",
                    "",
                    task.name,
                    _html(_task_text(kit, task)),
                    task.start.isoformat(),
                    task.finish.isoformat(),
                    task.duration * 8 if task.duration else "",
                    "; ".join(tags),
                ]
            )
    return rows


def render_ado(kit: Kit, path: Path) -> list[Path]:
    """Write the Azure Boards CSV to ``path``."""
    path.write_bytes(_csv_bytes(ADO_HEADER, ado_rows(kit)))
    return [path]

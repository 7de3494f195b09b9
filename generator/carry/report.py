"""What a build carried, lifted and could not use: printed and returned by ``--json``.

``CarryReport.as_dict()`` shape (JSON)::

    {"workbooks": {"plan": {"file": "plan/project-plan.xlsx", "status": "carried",
                            "sheets": {"plan.risks": {"rows": 12, "cells": 31, "added": 2}}}},
     "lifted": [{"id": "project.task-1", "name": "...", "assigned_id": true}],
     "unused": [{"workbook": "plan", "sheet": "plan.tasks", "title": "Plan", "row": 14,
                 "id": "base.uat", "column": "actual_start", "value": "2026/13/45",
                 "reason": "not a date (write YYYY-MM-DD)", "kept_in": "notes"}],
     "pack_changes": {...} | null,
     "out_of_scope": [{"kind": "role", "id": "mes-consultant", "name": "...", "effort": 54.6,
                       "cost": 109200.0, "currency": "CNY"}]}

``status`` is ``carried``, ``fresh`` (no previous workbook: a new one) or
``missing`` (the manifest lists it but it was renamed or deleted: rebuilt fresh).
A carried workbook may add ``"lost": ["plan.tasks", ...]``: declared sheets with
consultant columns the last build wrote that could not be found (their entries were
not carried; the message points at the backup).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.carry.renames import Moved


@dataclass
class SheetCount:
    """Carried counts of one sheet: generated rows with values, cells, added rows."""

    rows: int = 0
    cells: int = 0
    added: int = 0


@dataclass
class Unused:
    """A value the build could not use (kept in the row's notes when it has notes)."""

    workbook: str
    sheet: str
    title: str
    row: int
    id: str
    column: str
    value: str
    reason: str
    kept_in: str = "notes"  # "notes"; "report" (no notes column / row not written); "added"


@dataclass
class Lifted:
    """A task lifted from the Plan sheet into project.yaml."""

    id: str
    name: str
    assigned_id: bool  # the row had no id; the build gave it this one


@dataclass
class OutOfScope:
    """Recorded actuals of a role or task that left the scope in this build: kept (the
    Budget's "Removed from scope" section, the Actual effort sheet) and still in AC."""

    kind: str  # "role" or "task"
    id: str
    name: str
    effort: float  # person-days recorded
    cost: float | None  # in the project currency (None: the kit has no day rates)
    currency: str = ""


@dataclass
class CarryReport:
    """Everything ``implkit build`` carried, per workbook and sheet."""

    workbooks: dict[str, dict[str, Any]] = field(default_factory=dict)
    sheets: dict[str, dict[str, SheetCount]] = field(default_factory=dict)
    lifted: list[Lifted] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)
    pack_changes: dict[str, Any] | None = None
    out_of_scope: list[OutOfScope] = field(default_factory=list)
    # rows (and per-object sheets) moved from a renamed item's old id to its new one
    moved: list[Moved] = field(default_factory=list)

    def count(self, workbook: str, sheet: str) -> SheetCount:
        return self.sheets.setdefault(workbook, {}).setdefault(sheet, SheetCount())

    def cells(self, workbook: str) -> int:
        """Carried cells of a workbook (generated rows' consultant cells + added rows' cells)."""
        return sum(count.cells for count in self.sheets.get(workbook, {}).values())

    def as_dict(self) -> dict[str, Any]:
        workbooks: dict[str, Any] = {}
        for kind, info in self.workbooks.items():
            sheets = self.sheets.get(kind, {})
            workbooks[kind] = {
                **info,
                "cells": self.cells(kind),
                "sheets": {
                    key: {"rows": c.rows, "cells": c.cells, "added": c.added}
                    for key, c in sorted(sheets.items())
                },
            }
        return {
            "workbooks": workbooks,
            "lifted": [vars(item) for item in self.lifted],
            "unused": [vars(item) for item in self.unused],
            "pack_changes": self.pack_changes,
            "out_of_scope": [vars(item) for item in self.out_of_scope],
            "moved": [vars(item) for item in self.moved],
        }


def report_lines(data: dict[str, Any]) -> list[str]:
    """The human summary of :meth:`CarryReport.as_dict` (in the UI language)."""
    from generator.i18n import _, ngettext

    lines: list[str] = []
    for info in data["workbooks"].values():
        if info["status"] == "missing":
            lines.append(
                _("  {file} was renamed or deleted: rebuilt fresh (nothing to carry)").format(
                    file=info["file"]
                )
            )
            continue
        if info["status"] != "carried":
            continue
        added = sum(sheet["added"] for sheet in info["sheets"].values())
        lines.append(
            _("  carried {cells} cells from {file} ({sheets} sheets, {added} added rows)").format(
                cells=info["cells"], file=info["file"], sheets=len(info["sheets"]), added=added
            )
        )
        for key in info.get("lost", ()):
            lines.append(
                _(
                    "  sheet {title} of {file} was not found (renamed with a tool that did not "
                    "keep its link, or deleted): its entries were NOT carried; the previous "
                    "workbook is in .implkit/backups/ — copy the entries back from there, or "
                    "restore the backup and rename the sheet in Excel, WPS or LibreOffice"
                ).format(title=_sheet_title(key), file=info["file"])
            )
    for item in data["lifted"]:
        text = (
            _("  task {id} ({name}) had no id: it got one and was added to project.yaml")
            if item["assigned_id"]
            else _("  task {id} ({name}) was added to project.yaml and scheduled")
        )
        lines.append(text.format(id=item["id"], name=item["name"]))
    for item in data["unused"]:
        where = (
            _("kept in the row's notes")
            if item["kept_in"] == "notes"
            else _("kept as an added row at the end of the sheet, marked in its notes")
            if item["kept_in"] == "added"
            else _("kept in this report and the backup")
        )
        lines.append(unused_line(item, where))
    for item in data.get("out_of_scope", ()):
        cost = (
            ""
            if item["cost"] is None
            else _(", {cost} {currency}").format(
                cost=f"{item['cost']:,.2f}", currency=item["currency"]
            )
        )
        text = (
            _(
                "  role {name} ({id}) left the scope: its recorded actuals ({effort} person-days"
                '{cost}) are kept on the Budget under "Removed from scope" and still count in '
                "actual cost"
            )
            if item["kind"] == "role"
            else _(
                "  task {id} ({name}) left the plan: {effort} person-days{cost} logged on it stay "
                "on the Actual effort sheet and still count in actual cost"
            )
        )
        lines.append(
            text.format(name=item["name"], id=item["id"], effort=f"{item['effort']:g}", cost=cost)
        )
    changes = data.get("pack_changes")
    if changes:
        if changes["old_version"] == changes["new_version"]:
            head = _("  pack {pack} {new} changed since the last build (same version):")
        else:
            head = _("  pack {pack} changed from {old} to {new}:")
        lines.append(
            head.format(
                pack=changes["pack"], old=changes["old_version"], new=changes["new_version"]
            )
        )
        for section, diff in changes["sections"].items():
            for verb, label in (
                ("added", _("added")),
                ("changed", _("changed")),
                ("removed", _("removed")),
            ):
                if diff.get(verb):
                    lines.append(f"    {section} {label}: {', '.join(diff[verb])}")
            if diff.get("renamed"):
                pairs = ", ".join(f"{old} → {new}" for old, new in diff["renamed"])
                lines.append(f"    {section} {_('renamed')}: {pairs}")
    moved = data.get("moved") or []
    if moved:
        entries = sum(item["entries"] for item in moved)
        lines.append(
            ngettext(
                "  {n} entry moved to the new ids of renamed items:",
                "  {n} entries moved to the new ids of renamed items:",
                entries,
            ).format(n=entries)
        )
        for item in moved:
            where = (
                _("sheet {title}").format(title=item["title"])
                if not item["row"]
                else _("{title} row {row}").format(title=item["title"], row=item["row"])
            )
            lines.append(f"    {where}: {item['old']} → {item['new']} ({item['entries']})")
    return lines


def unused_line(item: dict[str, Any], where: str) -> str:
    """One value the build could not use (an ``unused`` entry of :meth:`CarryReport.as_dict`),
    said with where it is kept (``where``)."""
    from generator.i18n import _

    return _(
        "  could not use {title} row {row} ({id}), {column} = {value!r}: {reason}; {where}"
    ).format(
        title=item["title"],
        row=item["row"],
        id=item["id"] or "-",
        column=_header(item["sheet"], item["column"]),
        value=item["value"],
        reason=_reason(item["reason"]),
        where=where,
    )


def _sheet_title(key: str) -> str:
    """The declared title of sheet ``key`` in the UI language, quoted; a per-object sheet
    ("migration.fields:mfg.routing") adds its object's id."""
    from generator.i18n import language
    from generator.sheets import spec

    try:
        title = spec(key).title(language())
    except KeyError:
        return repr(key)
    return f'"{title}" ({key.split(":", 1)[1]})' if ":" in key else f'"{title}"'


def _header(sheet: str, column: str) -> str:
    """The column's header in the UI language (``column``, the key, when not declared)."""
    from generator.i18n import language
    from generator.sheets import spec

    try:
        return spec(sheet).column(column).header(language(), "{cur}").split("{", 1)[0].strip(" (（")
    except (KeyError, StopIteration, ValueError):
        return column


def _reason(reason: str) -> str:
    """A reason of :class:`Unused` (a deliverables msgid, also kept in the row's note) in the
    UI language."""
    from generator.i18n import language, translator

    return translator(language())(reason)

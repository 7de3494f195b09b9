"""The data-migration checklist (data-migration-checklist.xlsx) from a Kit, with XlsxWriter.

Sheets (declared in :mod:`generator.sheets.migration`): the Overview of the objects in
the derived load order (status, records loaded, sign-off: the consultant's), the
Cutover runbook (cumulative hours by formula, with the value stored), then one
field-mapping sheet per object. The overview links to every object sheet; each object
sheet links back from a row kept outside the print area.

Object sheets are named after the object; two objects with the same name are told
apart by their system (「工艺路线与工序 (MES)」), then by a number.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from generator.kit_model import Kit, MigrationObject
from generator.render.workbook.book import Book, SheetBuilder
from generator.render.workbook.cells import (
    Formula,
    Link,
    S,
    col_letter,
    quote_sheet,
    shorten_title,
)
from generator.render.workbook.common import (
    ADDED_ROOM,
    added_cells,
    added_rows,
    carried,
    cells_of,
    number,
)
from generator.render.workbook.migration_labels import DONE_MARKS, LABELS
from generator.sheets import SheetSpec
from generator.sheets import migration as decl

__all__ = ["DONE_MARKS", "LABELS", "object_titles", "render_migration"]


def _system_of(obj: MigrationObject, systems: tuple[str, ...]) -> str:
    """The system an object belongs to: named in its target, its id, or its source."""
    for system in systems:
        if system and system.lower() in obj.target.lower():
            return system
    parts = set(re.split(r"[.\-_ ]", obj.id.lower()))
    for system in systems:
        if system and system.lower() in parts:
            return system
    return obj.source_system


def object_titles(kit: Kit) -> dict[str, str]:
    """The wanted sheet title per object id (before the sheet-name rules are applied).

    Objects sharing a name get their system in brackets when that tells them all apart
    (「工艺路线与工序 (ERP)」, 「工艺路线与工序 (MES)」); otherwise the sheet-name rules
    number them (" (2)").
    """
    groups: dict[str, list[MigrationObject]] = {}
    for obj in kit.migration:
        groups.setdefault((obj.name or obj.id).strip().lower(), []).append(obj)
    titles: dict[str, str] = {}
    for obj in kit.migration:
        name = (obj.name or obj.id).strip()
        group = groups[name.lower()]
        if len(group) > 1:
            systems = [_system_of(o, kit.project.systems).strip() for o in group]
            if all(systems) and len({x.lower() for x in systems}) == len(systems):
                suffix = f" ({_system_of(obj, kit.project.systems).strip()[:12]})"
                name = shorten_title(name, 31 - len(suffix)) + suffix
        titles[obj.id] = name
    return titles


class _MigrationWriter:
    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.L = L = LABELS[kit.lang]
        self.roles = {r.id: r.name for r in kit.roles}
        self.book = Book(
            kit.lang,
            when=kit.project.start,
            title=f"{L['doc_title']} — {kit.project.name}",
            subject=kit.project.name,
            description=f"{kit.pack.name} {kit.pack.version}",
            keywords=kit.project.client,
            page_header=f"{kit.project.client} — {kit.project.name}",
            currency=kit.project.currency,
        )
        lang = kit.lang
        self.overview = self.book.sheet(decl.OVERVIEW.title(lang), spec=decl.OVERVIEW)
        self.cutover_sheet = self.book.sheet(decl.CUTOVER.title(lang), spec=decl.CUTOVER)
        self.object_sheets: dict[str, SheetBuilder] = {}
        titles = object_titles(kit)
        for obj in kit.migration:
            self.object_sheets[obj.id] = self.book.sheet(
                titles[obj.id], spec=decl.FIELDS, instance=f"{decl.FIELDS.key}:{obj.id}"
            )
        self.overview_rows: dict[str, int] = {}

    def role(self, rid: str) -> str:
        return self.roles.get(rid, rid)

    def approach(self, obj: MigrationObject) -> str:
        if obj.approach_name:
            return obj.approach_name  # in the kit's language (generator.display)
        mode = self.L.get(obj.load_mode, obj.load_mode)
        return f"{obj.tool}, {mode}" if obj.tool else mode

    def recon(self, obj: MigrationObject) -> str:
        rec = obj.reconciliation
        text = rec.method_name or rec.method
        if rec.sample_percent:
            text += "; " + self.L["sample"].format(pct=f"{rec.sample_percent:g}")
        return text

    def source(self, obj: MigrationObject) -> str:
        if obj.source_name:
            return obj.source_name
        return " / ".join(x for x in (obj.source_system, obj.source_table) if x)

    def _list(self, spec: SheetSpec, key: str) -> dict[str, Any]:
        lst = spec.column(key).list
        assert lst is not None
        return self.book.list_validation(lst)

    # --- overview ------------------------------------------------------------------------
    def write_overview(self) -> None:
        kit, L, spec = self.kit, self.L, decl.OVERVIEW
        sb = self.overview
        sb.add([f"{L['doc_title']} — {kit.project.name}"], style="title", height=22)
        sb.add([L["overview_note"]], style="note")
        cols = self.book.columns(spec)
        sb.columns(cols)
        header = sb.header()
        names = {o.id: f"#{o.sequence} {o.name}" for o in kit.migration}
        for obj in kit.migration:
            target = self.object_sheets[obj.id]
            self.overview_rows[obj.id] = sb.next_row
            values: dict[str, Any] = {
                "seq": obj.sequence,
                "wave": obj.wave,
                "object": S(Link(obj.name or obj.id, f"{quote_sheet(target.title)}!A2"), "link"),
                "id": obj.id,
                "kind": L.get(f"k_{obj.kind}", obj.kind),
                "depends": "\n".join(names.get(d, d) for d in obj.depends_on),
                "source": self.source(obj),
                "target": obj.target,
                "approach": self.approach(obj),
                "volume": obj.volume,
                "fields": len(obj.fields),
                "cleansing": "\n".join(obj.cleansing),
                "recon": self.recon(obj),
                "tolerance": obj.reconciliation.tolerance,
                "owner": self.role(obj.owner),
                "signoff": ", ".join(self.role(r) for r in obj.signoff),
                "sensitive": L["yes"] if obj.sensitive else "",
                "mock1": obj.mock_1,
                "mock2": obj.mock_2,
                "dress": obj.dress_rehearsal,
            }
            values.update(carried(kit, spec, spec.key, obj.id))
            sb.add(cells_of(cols, values))
        for row in added_rows(kit, spec):  # objects the team added on this sheet
            sb.add(added_cells(spec, cols, row))
        last = max(sb.next_row - 1, header + 1)
        first = header + 1
        sb.freeze(f"D{first}")
        sb.autofilter(f"A{header}:{col_letter(len(cols))}{last}")
        st, so, ar = sb.col("status"), sb.col("signed_on"), sb.col("actual_records")
        sb.validation(f"{st}{first}:{st}{last}", self._list(spec, "status"))
        sb.validation(
            f"{so}{first}:{so}{last}",
            {"validate": "date", "criteria": ">", "value": date(2000, 1, 1)},
        )
        sb.validation(
            f"{ar}{first}:{ar}{last}", {"validate": "integer", "criteria": ">=", "value": 0}
        )

    # --- one sheet per object ----------------------------------------------------------------
    def write_object(self, obj: MigrationObject) -> None:
        L, spec, kit = self.L, decl.FIELDS, self.kit
        sb = self.object_sheets[obj.id]
        instance = f"{spec.key}:{obj.id}"
        back_row = self.overview_rows.get(obj.id, 1)
        # row 1: the way back, outside the print area (not on every printed page)
        sb.add([S(Link(L["back"], f"{quote_sheet(self.overview.title)}!C{back_row}"), "back_link")])
        sb.add([f"#{obj.sequence} {obj.name}"], style="title", height=22)
        dates = " / ".join(
            d.isoformat() if d else "—" for d in (obj.mock_1, obj.mock_2, obj.dress_rehearsal)
        )
        info = [
            (L["obj_source"], self.source(obj)),
            (L["obj_target"], obj.target),
            (L["obj_approach"], self.approach(obj)),
            (
                L["obj_recon"],
                f"{self.recon(obj)}; {L['tolerance']}: {obj.reconciliation.tolerance}",
            ),
            (L["obj_deps"], ", ".join(obj.depends_on)),
            (
                L["obj_owner"],
                f"{self.role(obj.owner)} / {', '.join(self.role(r) for r in obj.signoff)}",
            ),
            (L["obj_dates"], dates),
        ]
        for label, value in info:
            sb.add([S(label, "label"), None, S(value, "note")], style="note")
        cols = self.book.columns(spec)
        sb.columns(cols)
        header = sb.header()
        for n, f in enumerate(obj.fields, start=1):
            values: dict[str, Any] = {
                "n": n,
                "business": f.name,
                "technical": f.technical,
                "type": f.type_name or f.type,
                "length": f.length,
                "decimals": f.decimals,
                "mandatory": L.get(f.mandatory, f.mandatory),
                "default": f.default,
                "mapping": f.mapping,
                "transformation": f.transformation,
                "validation": f.validation,
            }
            values.update(carried(kit, spec, instance, f.technical))
            sb.add(cells_of(cols, values))
        for row in added_rows(kit, spec, instance):
            sb.add(added_cells(spec, cols, row))
        if sb.next_row == header + 1:
            sb.add([None] * len(cols))
        last = max(sb.next_row - 1, header + 1)
        sb.freeze(f"C{header + 1}")
        sb.autofilter(f"A{header}:{col_letter(len(cols))}{last}")
        sb.print_area(f"A2:{col_letter(len(cols))}{last}")
        sb.close()

    # --- cutover runbook ---------------------------------------------------------------------
    def write_cutover(self) -> None:
        kit, L, spec = self.kit, self.L, decl.CUTOVER
        sb = self.cutover_sheet
        sb.add([f"{spec.title(kit.lang)} — {kit.project.name}"], style="title", height=22)
        sb.add([L["cutover_note"]], style="note")
        cols = self.book.columns(spec)
        sb.columns(cols)
        header = sb.header()
        first = header + 1
        hc = sb.col("hours")
        i_cum, i_hours = spec.index("cumulative"), spec.index("hours")
        rows: list[list[Any]] = []
        for step in kit.cutover:
            values: dict[str, Any] = {
                "seq": step.sequence,
                "id": step.id,
                "step": step.name,
                "owner": self.role(step.owner),
                "backup": self.role(step.backup_owner),
                "planned": step.planned,
                "planned_date": step.planned_date,
                "hours": step.hours,
                "verification": step.verification,
                "rollback": step.rollback,
                "done": DONE_MARKS[0],
            }
            values.update(carried(kit, spec, spec.key, step.id))
            rows.append(cells_of(cols, values))
        for row in added_rows(kit, spec):
            rows.append(added_cells(spec, cols, row))
        running = 0.0
        for cells in rows:
            r = sb.next_row
            hours = cells[i_hours]
            running += number(hours.value if isinstance(hours, S) else hours)
            cells[i_cum] = Formula(f"=SUM(${hc}${first}:{hc}{r})", running)
            sb.add(cells)
        if not rows:
            sb.add([None] * len(cols))
        # no total row: the last cumulative value is the total, and rows the team adds
        # below the steps are never mistaken for it
        last = sb.next_row - 1
        sb.freeze(f"C{first}")
        sb.autofilter(f"A{header}:{col_letter(len(cols))}{last}")
        dc = sb.col("done")
        sb.validation(f"{dc}{first}:{dc}{last + ADDED_ROOM}", self._list(spec, "done"))

    def write(self, path: Path) -> None:
        self.write_overview()
        self.overview.close()
        self.write_cutover()
        self.cutover_sheet.close()
        for obj in self.kit.migration:
            self.write_object(obj)
        self.book.save(path)


def render_migration(kit: Kit, path: Path) -> None:
    """Write the data-migration checklist for ``kit`` to ``path`` (same Kit, same bytes)."""
    _MigrationWriter(kit).write(path)

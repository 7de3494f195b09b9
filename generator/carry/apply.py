"""Put what was read back from the workbooks into the rebuilt Kit, and count it.

``carry_into(kit, reads, report, assigned=...) -> Kit``: ``Kit.entries`` gets every
consultant cell of every generated row by the row's key (``SheetEntries.rows``) and
every row the consultant added (``SheetEntries.added``, all declared columns);
``Kit.progress``/``Kit.removed`` get the typed view of the Plan sheet (tasks still
planned / tasks no longer planned, with their progress). Values the build cannot use
(a text that is not a date, a finish before the start, a value outside the list, an
entry on a computed phase row, a row of an object that is gone) are listed in the
report by sheet, row and id, and appended to the row's notes so the text is not lost.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from generator.carry.defaults import Defaults, is_default
from generator.carry.keys import generated_keys, sheet_exists
from generator.carry.reasons import ADDED_HERE, EDITED, FORMULA, REBUILT, note, with_notes
from generator.carry.values import as_text
from generator.carry.written import wrote
from generator.i18n import D_
from generator.kit_model import CellValue, Kit, SheetEntries, TaskProgress

if TYPE_CHECKING:
    from generator.carry.read import RowRead, SheetRead, WorkbookRead
    from generator.carry.report import CarryReport, OutOfScope

PHASE_TYPES = {"phase", "阶段"}
PHASE_COMPUTED = {"pct"}  # rolled up by formula on a phase row: not an entry
LIFT_COLUMNS = {"id", "owner", "duration", "predecessors"}  # read when a task is lifted


class _Carrier:
    """The state of one carry: the kit, the report and what goes into the new Kit."""

    def __init__(
        self,
        kit: Kit,
        report: CarryReport,
        assigned: dict[int, str],
        defaults: Defaults,
        written: Any = None,
    ) -> None:
        self.kit = kit
        self.written = written
        self.defaults = defaults
        self.report = report
        self.assigned = assigned
        self.task_ids = {t.id for t in kit.tasks}
        self.phase_ids = {p.id for p in kit.phases}
        self.role_ids = {r.id for r in kit.roles}
        self.previous_tasks: dict[str, str] = {}  # task id -> name on the last Plan sheet
        self.previous_roles: set[str] = set()  # roles the last Budget planned (or unknown)
        self.progress: dict[str, TaskProgress] = {}
        self.removed: dict[str, TaskProgress] = {}
        self.entries: list[SheetEntries] = []

    def unused(
        self,
        wb: WorkbookRead,
        sheet: SheetRead,
        row: RowRead,
        column: str,
        text: str,
        reason: str,
        kept_in: str = "",
    ) -> str:
        """Record an unusable value; returns the note text for the row.

        ``kept_in``: "report" (the row is not written), "added" (the row is kept as an
        added row), else the row's notes when the sheet has them."""
        from generator.carry.report import Unused

        has_notes = any(c.key == "notes" and c.owner == "consultant" for c in sheet.spec.columns)
        has_notes = has_notes and kept_in != "report"
        kept = kept_in if kept_in == "added" else "notes" if has_notes else "report"
        self.report.unused.append(
            Unused(
                wb.kind,
                sheet.instance,
                sheet.title,
                row.number,
                row.key,
                column,
                text,
                reason,
                kept,
            )
        )
        header = sheet.spec.column(column).header(self.kit.lang, self.kit.project.currency)
        return note(self.kit, header, text, reason)

    def sheet(self, wb: WorkbookRead, sheet: SheetRead) -> None:
        spec = sheet.spec
        consultant = tuple(c.key for c in spec.consultant_columns)
        if not consultant:  # Gantt, RACI, Calendar: rebuilt from the plan, nothing carried...
            for row in sheet.rows:  # ...but a row typed there is named, never dropped unseen
                if wrote(sheet, row, self.written) is False:
                    self._unplaced(wb, sheet, row, REBUILT)
            return
        count = self.report.count(wb.kind, sheet.instance)
        keys = generated_keys(self.kit, sheet.instance)
        alive = sheet_exists(self.kit, sheet.instance)
        rows: dict[str, dict[str, CellValue]] = {}
        added: list[dict[str, CellValue]] = []
        seen: set[str] = set()
        for row in sheet.rows:
            self._remember(spec.key, row)
            values: dict[str, CellValue] | None
            key = (
                row.key or self.assigned.get(row.number, "")
                if spec.key == "plan.tasks"
                else row.key
            )
            duplicate = bool(key) and key in seen
            seen.add(key)
            if duplicate and not (spec.accepts_added_rows and spec.key != "plan.tasks"):
                self._duplicate(wb, sheet, row)  # a copied row: reported, kept in the backup
                continue
            if duplicate:  # a copied row on a sheet that takes added rows: one more row
                values = self._all_values(wb, sheet, row)
                added.append(values)
                count.added += 1
                count.cells += sum(1 for v in values.values() if v not in (None, ""))
                continue
            if spec.key == "plan.tasks" and (key in self.task_ids or key in self.phase_ids):
                self._edited(wb, sheet, row)
            if spec.key == "plan.tasks" and (key in self.phase_ids or _is_phase(row)):
                values = self._phase_row(wb, sheet, row)
            elif spec.key in ("plan.tasks", "plan.removed"):
                values = self._task_row(wb, sheet, row, key)
                if values is None:
                    continue
            else:
                values = None
            if values is not None:
                if values:
                    if spec.key == "plan.tasks" and (key in self.task_ids or key in self.phase_ids):
                        rows.setdefault(key, values)
                    count.rows += 1
                    count.cells += sum(1 for v in values.values() if v not in (None, ""))
                continue
            generated = bool(key) and (keys is None or key in keys)
            if alive and generated:
                self._edited(wb, sheet, row)
                values = self._consultant_values(wb, sheet, row)
                if values and key not in rows:
                    rows[key] = values
                    count.rows += 1
                    count.cells += sum(1 for k, v in values.items() if v not in (None, ""))
            elif alive and spec.accepts_added_rows:
                if not self._holds_entries(sheet, row):
                    last = wrote(sheet, row, self.written)
                    if last:
                        continue  # only generated text and defaults: a row of the last build
                    if last is None and row.key:  # an older kit: the team's or the last build's?
                        self._unplaced(wb, sheet, row, "the row is no longer generated")
                        continue
                    # a row the team typed into generated columns only (a risk with an id, a
                    # title and an owner, no status yet): kept like any added row
                values = self._all_values(wb, sheet, row)
                if key and key in self.defaults.get(sheet.instance, {}):
                    # generated by the last build, no longer generated, holds the team's entries:
                    # kept as an added row, marked in its notes, and reported
                    note = self.unused(
                        wb,
                        sheet,
                        row,
                        spec.key_column,
                        key,
                        D_("the row is no longer generated"),
                        "added",
                    )
                    values = with_notes(values, [note])
                added.append(values)
                count.added += 1
                count.cells += sum(1 for v in values.values() if v not in (None, ""))
            elif not row.key and row.filled(consultant) and not _has_generated(sheet, row):
                self._report_all(wb, sheet, row, ADDED_HERE)
            else:  # a row with no place in the new workbook: whatever the team typed is named
                reason = D_("the row is no longer generated") if row.key else ADDED_HERE
                self._unplaced(wb, sheet, row, reason)
        if spec.key == "plan.removed":
            return  # the typed view (Kit.removed) is what the writer shows there
        if rows or added:
            self.entries.append(
                SheetEntries(
                    sheet.instance,
                    rows=tuple((k, tuple(v.items())) for k, v in rows.items()),
                    added=tuple(tuple(v.items()) for v in added),
                )
            )

    def _remember(self, sheet: str, row: RowRead) -> None:
        """What the last build planned: its tasks and the roles with planned effort (a
        planned effort that cannot be read counts as planned, so a removal is named)."""
        if not row.key:
            return
        if sheet == "plan.tasks" and not _is_phase(row):
            self.previous_tasks[row.key] = str(row.values.get("name") or "")
        elif sheet == "plan.budget" and row.values.get("planned_effort") not in (0, 0.0):
            self.previous_roles.add(row.key)

    def out_of_scope(self, kit: Kit) -> list[OutOfScope]:
        """Roles and tasks the last build planned, no longer planned, with recorded actuals."""
        from datetime import date as _date

        from generator.carry.report import OutOfScope
        from generator.tracking.cost import ledger_of, removed_roles

        ledger = ledger_of(kit)
        money = any(r.day_rate for r in kit.roles)
        spent = ledger.actuals(_date.max, money=money)
        out: list[OutOfScope] = []
        currency = kit.project.currency if money else ""
        for role in removed_roles(kit):
            if role in self.previous_roles and role in spent.roles:
                item = spent.roles[role]
                cost = item.cost if money else None
                out.append(
                    OutOfScope("role", role, kit.role_name(role), item.effort, cost, currency)
                )
        planned = {t.id for t in kit.tasks}
        by_task: dict[str, list[float]] = {}
        for line in ledger.effort:
            if line.task in self.previous_tasks and line.task not in planned:
                rate = ledger.rate_on(line.role, line.day) if line.role else None
                row = by_task.setdefault(line.task, [0.0, 0.0])
                row[0] += line.days
                row[1] += line.days * (rate or 0.0)
        for task, (days, cost) in sorted(by_task.items()):
            out.append(
                OutOfScope(
                    "task", task, self.previous_tasks[task], days, cost if money else None, currency
                )
            )
        return out

    def _unplaced(self, wb: WorkbookRead, sheet: SheetRead, row: RowRead, reason: str) -> None:
        """Every value of a row the new workbook has no place for, reported, except the
        last build's own: its generated text (when :func:`wrote` says it wrote the row, or
        cannot tell for a key-less row holding formulas: a totals row) and defaults."""
        last = wrote(sheet, row, self.written)
        if last is None:
            last = not row.key and any(
                c.formula and row.values.get(c.key) not in (None, "") for c in sheet.spec.columns
            )
        columns = [c for c in sheet.spec.columns if not (c.owner == "generated" and last)]
        typed = {k for k, v in row.values.items() if v not in (None, "")} - row.formulas
        # a key-less row whose every value is a formula's result (a totals row) is the
        # workbook's own arithmetic; elsewhere only a formula column's result is
        totals = not row.key and not typed & {c.key for c in sheet.spec.consultant_columns}
        for column in columns:
            value = row.values.get(column.key)
            if value in (None, "") or (
                column.owner == "consultant"
                and is_default(self.defaults, sheet.instance, row.key, column.key, value)
            ):
                continue
            if column.key in row.formulas and (column.formula or totals):
                continue
            self.unused(wb, sheet, row, column.key, as_text(value), reason, "report")
        wanted = {c.key for c in columns}
        for problem in row.problems:
            if problem.column in wanted:
                self.unused(wb, sheet, row, problem.column, problem.text, reason, "report")

    def _report_all(self, wb: WorkbookRead, sheet: SheetRead, row: RowRead, reason: str) -> None:
        """Every consultant value of a row the build cannot place, reported (a text the
        column could not use too: it is the team's entry all the same)."""
        for column in sheet.spec.consultant_columns:
            value = row.values.get(column.key)
            if value not in (None, ""):
                self.unused(wb, sheet, row, column.key, as_text(value), reason, "report")
        consultant = {c.key for c in sheet.spec.consultant_columns}
        for problem in row.problems:
            if problem.column in consultant:
                self.unused(wb, sheet, row, problem.column, problem.text, reason, "report")

    def _duplicate(self, wb: WorkbookRead, sheet: SheetRead, row: RowRead) -> None:
        """A second row with the same key where rows cannot be added: every value reported."""
        reason = D_("the id is already used by another row")
        filled = [
            c.key for c in sheet.spec.consultant_columns if row.values.get(c.key) not in (None, "")
        ]
        for column in filled or [sheet.spec.key_column]:
            text = as_text(row.values.get(column)) if filled else row.key
            self.unused(wb, sheet, row, column, text, reason, "report")

    def _problem_notes(
        self, wb: WorkbookRead, sheet: SheetRead, row: RowRead, columns: tuple[str, ...]
    ) -> list[str]:
        return [
            self.unused(wb, sheet, row, p.column, p.text, p.reason)
            for p in row.problems
            if p.column in columns
        ]

    def _edited(self, wb: WorkbookRead, sheet: SheetRead, row: RowRead) -> None:
        """Generated cells of a generated row typed over since the last build: reported."""
        from generator.carry.written import edited_columns, replaced_formulas

        for column, text in edited_columns(sheet, row, self.written):
            self.unused(wb, sheet, row, column, text, EDITED, "report")
        for column, text in replaced_formulas(sheet, row):
            self.unused(wb, sheet, row, column, text, FORMULA, "report")

    def _holds_entries(self, sheet: SheetRead, row: RowRead) -> bool:
        """True when a consultant cell holds more than the default the last build wrote."""
        consultant = tuple(c.key for c in sheet.spec.consultant_columns)
        if any(p.column in consultant for p in row.problems):
            return True
        return any(
            row.values.get(k) not in (None, "")
            and not is_default(self.defaults, sheet.instance, row.key, k, row.values[k])
            for k in consultant
        )

    def _consultant_values(
        self, wb: WorkbookRead, sheet: SheetRead, row: RowRead
    ) -> dict[str, CellValue]:
        consultant = tuple(c.key for c in sheet.spec.consultant_columns)
        values = {
            k: row.values[k]
            for k in consultant
            if row.values.get(k) not in (None, "")
            and not is_default(self.defaults, sheet.instance, row.key, k, row.values[k])
        }
        if (
            sheet.spec.key == "plan.budget"
            and values
            and row.key not in self.role_ids
            and row.values.get("rate") not in (None, "")
        ):
            # a role gone from the pack: its day rate is no longer generated, so the rate
            # its recorded effort was priced at is kept with it, default or not
            values["rate"] = row.values["rate"]
        return with_notes(values, self._problem_notes(wb, sheet, row, consultant))

    def _all_values(self, wb: WorkbookRead, sheet: SheetRead, row: RowRead) -> dict[str, CellValue]:
        """Every value of an added row; one typed into a formula column (written again as
        the formula) is reported instead."""
        every = tuple(c.key for c in sheet.spec.columns if not c.formula)
        values = {k: row.values[k] for k in every if row.values.get(k) not in (None, "")}
        for column in sheet.spec.columns:
            if column.key in row.formulas:
                continue  # the formula is still there: its result is not an entry
            if column.formula and row.values.get(column.key) not in (None, ""):
                text = as_text(row.values[column.key])
                self.unused(wb, sheet, row, column.key, text, FORMULA, "report")
        return with_notes(values, self._problem_notes(wb, sheet, row, every))

    def _phase_row(self, wb: WorkbookRead, sheet: SheetRead, row: RowRead) -> dict[str, CellValue]:
        """A phase row: only notes are the consultant's; anything else is reported."""
        notes: list[str] = []
        for column in sheet.spec.consultant_columns:
            if column.key == "notes" or column.key in PHASE_COMPUTED:
                continue
            value = row.values.get(column.key)
            if value not in (None, ""):
                notes.append(
                    self.unused(
                        wb,
                        sheet,
                        row,
                        column.key,
                        as_text(value),
                        D_(
                            "entry on a computed phase row (phase rows are rolled up from their tasks)"
                        ),
                    )
                )
        notes += self._problem_notes(wb, sheet, row, ("notes",))
        values: dict[str, CellValue] = {}
        if row.values.get("notes"):
            values["notes"] = row.values["notes"]
        return with_notes(values, notes)

    def _task_row(
        self, wb: WorkbookRead, sheet: SheetRead, row: RowRead, key: str
    ) -> dict[str, CellValue] | None:
        """A task row of the Plan (or Removed tasks) sheet: progress by task id."""
        if not key:  # not lifted (no name, no id): whatever it holds is named
            reason = D_("a new task needs a name (or an id)")
            self._unplaced(wb, sheet, row, reason if sheet.spec.key == "plan.tasks" else ADDED_HERE)
            return None
        values = self._consultant_values(wb, sheet, row)
        lifted = tuple(LIFT_COLUMNS & {p.column for p in row.problems})
        values = with_notes(values, self._problem_notes(wb, sheet, row, lifted))
        start, finish = values.get("actual_start"), values.get("actual_finish")
        if isinstance(start, date) and isinstance(finish, date) and finish < start:
            note = self.unused(
                wb, sheet, row, "actual_finish", finish.isoformat(), D_("finish before start")
            )
            del values["actual_finish"]
            values = with_notes(values, [note])
        if not values:
            return {}
        status = values.get("status")
        label = ""
        if isinstance(status, str):
            column = sheet.spec.column("status")
            label = (column.list.label(status, self.kit.lang) if column.list else None) or status
        pct = values.get("pct")
        start, finish = values.get("actual_start"), values.get("actual_finish")
        entry = TaskProgress(
            task_id=key,
            status=label,
            percent_complete=float(pct) if isinstance(pct, (int, float)) else None,
            actual_start=start if isinstance(start, date) else None,
            actual_finish=finish if isinstance(finish, date) else None,
            notes=str(values.get("notes") or ""),
            name=str(row.values.get("name") or ""),
        )
        if key in self.task_ids:
            self.progress.setdefault(key, entry)
        elif key not in self.progress:
            self.removed.setdefault(key, entry)
        return values

    def kit_with_entries(self) -> Kit:
        progress = tuple(self.progress.values())
        removed = tuple(v for k, v in self.removed.items() if k not in self.progress)
        # a task that came back from "Removed tasks" keeps its progress on the Plan sheet
        entries = list(self.entries)
        tasks = next((e for e in entries if e.sheet == "plan.tasks"), None)
        have = {k for k, _ in tasks.rows} if tasks else set()
        back = [
            (p.task_id, _progress_values(p, self.kit.lang))
            for p in progress
            if p.task_id not in have
        ]
        if back:
            merged = SheetEntries(
                "plan.tasks",
                rows=(*(tasks.rows if tasks else ()), *back),
                added=tasks.added if tasks else (),
            )
            entries = [e for e in entries if e.sheet != "plan.tasks"] + [merged]
        return replace(self.kit, progress=progress, removed=removed, entries=tuple(entries))


def _progress_values(entry: TaskProgress, lang: str) -> tuple[tuple[str, CellValue], ...]:
    from generator.sheets.lists import TASK_STATUS

    values: list[tuple[str, CellValue]] = []
    if entry.status:
        values.append(("status", TASK_STATUS.key_of(entry.status) or entry.status))
    if entry.percent_complete is not None:
        values.append(("pct", entry.percent_complete))
    if entry.actual_start:
        values.append(("actual_start", entry.actual_start))
    if entry.actual_finish:
        values.append(("actual_finish", entry.actual_finish))
    if entry.notes:
        values.append(("notes", entry.notes))
    return tuple(values)


def _has_generated(sheet: SheetRead, row: RowRead) -> bool:
    """True when a generated column of the row holds something (a totals row, say)."""
    return any(
        row.values.get(c.key) not in (None, "")
        for c in sheet.spec.columns
        if c.owner == "generated"
    )


def _is_phase(row: RowRead) -> bool:
    return str(row.values.get("type") or "").strip().lower() in PHASE_TYPES


def carry_into(
    kit: Kit,
    reads: list[WorkbookRead],
    report: CarryReport,
    assigned: dict[int, str] | None = None,
    defaults: Defaults | None = None,
    written: Any = None,
) -> Kit:
    """``kit`` with every consultant entry of ``reads`` (see the module docstring).

    ``assigned``: Plan sheet row number -> the id the build gave a task row without one.
    ``defaults``: what the previous build generated into consultant cells
    (:mod:`generator.carry.defaults`); a cell still holding it is not the team's entry.
    ``written``: the hashes of the generated cells the last build wrote
    (:mod:`generator.carry.written`); a generated cell typed over is reported.
    """
    carrier = _Carrier(kit, report, assigned or {}, defaults or {}, written)
    order = {"plan.tasks": 0, "plan.removed": 1}
    for wb in reads:
        for sheet in sorted(wb.sheets, key=lambda s: order.get(s.spec.key, 2)):
            carrier.sheet(wb, sheet)
    carried = carrier.kit_with_entries()
    report.out_of_scope = carrier.out_of_scope(carried)
    return carried

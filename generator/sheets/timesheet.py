"""Declarations of the weekly timesheet workbook ``implkit timesheets`` writes per person.

Two sheets: "Timesheet" (工时表), one row per open task of the person's role (and one
for other project work), the hours of each day Monday..Sunday and a note; "About" (说明),
the generated facts the import checks (kit, person, role, ISO week). The days are
declared as seven columns so a re-saved or re-ordered sheet still reads back; the
dates of the week and the kit calendar's holidays stand in the row above the header.
"""

from __future__ import annotations

from generator.sheets import D_, DC_, ColumnSpec, SheetSpec

DAY_KEYS = ("d1", "d2", "d3", "d4", "d5", "d6", "d7")  # Monday .. Sunday
DAY_NAMES = (D_("Mon"), D_("Tue"), D_("Wed"), D_("Thu"), D_("Fri"), D_("Sat"), D_("Sun"))

HOURS = SheetSpec(
    key="timesheet.hours",
    workbook="timesheet",
    text=D_("Timesheet"),
    key_column="task",
    columns=(
        ColumnSpec("wbs", D_("WBS"), "generated", "text", center=True, max_width=8),
        ColumnSpec("name", D_("Task"), "generated", "long-text", min_width=24, max_width=44),
        ColumnSpec("phase", D_("Phase"), "generated", "text", max_width=18),
        ColumnSpec("start", D_("Start"), "generated", "date", min_width=11),
        ColumnSpec("finish", D_("Finish"), "generated", "date", min_width=11),
        *(
            ColumnSpec(key, day, "consultant", "hours", width=9)
            for key, day in zip(DAY_KEYS, DAY_NAMES)
        ),
        ColumnSpec("total", D_("Total (h)"), "generated", "hours", formula=True, width=11),
        ColumnSpec("notes", D_("Note"), "consultant", "long-text", width=32),
        # the import's key, last and hidden: a person reads the task by its name
        ColumnSpec("task", D_("Task id"), "generated", "text", max_width=26),
    ),
    accepts_added_rows=False,
)

ABOUT = SheetSpec(
    key="timesheet.about",
    workbook="timesheet",
    text=D_("About"),
    key_column="key",
    columns=(
        ColumnSpec("key", D_("Key"), "generated", "text", max_width=12),
        ColumnSpec("label", D_("Item"), "generated", "text", max_width=18),
        ColumnSpec(
            "value", DC_("content", "Value"), "generated", "text", min_width=20, max_width=50
        ),
    ),
    accepts_added_rows=False,
)

TIMESHEET_SHEETS: tuple[SheetSpec, ...] = (HOURS, ABOUT)

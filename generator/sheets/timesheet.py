"""Declarations of the weekly timesheet workbook ``implkit timesheets`` writes per person.

Two sheets: "Timesheet" (工时表), one row per open task of the person's role (and one
for other project work), the hours of each day Monday..Sunday and a note; "About" (说明),
the generated facts the import checks (kit, person, role, ISO week). The days are
declared as seven columns so a re-saved or re-ordered sheet still reads back; the
dates of the week and the kit calendar's holidays stand in the row above the header.
"""

from __future__ import annotations

from generator.sheets import ColumnSpec, SheetSpec

DAY_KEYS = ("d1", "d2", "d3", "d4", "d5", "d6", "d7")  # Monday .. Sunday
DAY_NAMES = (
    ("Mon", "周一"),
    ("Tue", "周二"),
    ("Wed", "周三"),
    ("Thu", "周四"),
    ("Fri", "周五"),
    ("Sat", "周六"),
    ("Sun", "周日"),
)

HOURS = SheetSpec(
    key="timesheet.hours",
    workbook="timesheet",
    en="Timesheet",
    zh="工时表",
    key_column="task",
    columns=(
        ColumnSpec("wbs", "WBS", "WBS", "generated", "text", center=True, max_width=8),
        ColumnSpec("name", "Task", "任务", "generated", "long-text", min_width=24, max_width=44),
        ColumnSpec("phase", "Phase", "阶段", "generated", "text", max_width=18),
        ColumnSpec("start", "Start", "开始", "generated", "date", min_width=11),
        ColumnSpec("finish", "Finish", "完成", "generated", "date", min_width=11),
        *(
            ColumnSpec(key, en, zh, "consultant", "hours", width=9)
            for key, (en, zh) in zip(DAY_KEYS, DAY_NAMES)
        ),
        ColumnSpec(
            "total", "Total (h)", "合计（小时）", "generated", "hours", formula=True, width=11
        ),
        ColumnSpec("notes", "Note", "备注", "consultant", "long-text", width=32),
        # the import's key, last and hidden: a person reads the task by its name
        ColumnSpec("task", "Task id", "任务编号", "generated", "text", max_width=26),
    ),
    accepts_added_rows=False,
)

ABOUT = SheetSpec(
    key="timesheet.about",
    workbook="timesheet",
    en="About",
    zh="说明",
    key_column="key",
    columns=(
        ColumnSpec("key", "Key", "键", "generated", "text", max_width=12),
        ColumnSpec("label", "Item", "项目", "generated", "text", max_width=18),
        ColumnSpec("value", "Value", "内容", "generated", "text", min_width=20, max_width=50),
    ),
    accepts_added_rows=False,
)

TIMESHEET_SHEETS: tuple[SheetSpec, ...] = (HOURS, ABOUT)

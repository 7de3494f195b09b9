"""Declarations of the trainer's workbook's sheets (training-matrix.xlsx)."""

from __future__ import annotations

from generator.sheets import D_, DC_, SheetSpec, gen, mine
from generator.sheets.lists import ASSESSMENT_RESULT, PRESENCE, SESSION_STATUS

MATRIX = SheetSpec(
    key="training.matrix",
    workbook="training-matrix",
    text=D_("Matrix"),
    key_column="code",
    columns=(
        gen("code", D_("Code"), min_width=9),
        gen("course", D_("Course"), "long-text", min_width=24, max_width=48),
        gen("tier", D_("Tier"), min_width=10),
        gen("mode", D_("Delivery mode"), min_width=10),
        gen("hours", D_("Hours"), "hours", min_width=7),
    ),
    accepts_added_rows=False,
    dynamic_after="hours",
)

SESSIONS = SheetSpec(
    key="training.sessions",
    workbook="training-matrix",
    text=DC_("sheet", "Sessions"),
    key_column="session",
    columns=(
        gen("session", D_("Session"), min_width=10),
        gen("date", D_("Date"), "date", min_width=11),
        gen("last_day", D_("Last day"), "date", min_width=11),
        gen("start", D_("Start"), center=True, min_width=7),
        gen("end", D_("End"), center=True, min_width=7),
        gen("code", D_("Code"), min_width=9),
        gen("course", D_("Course"), "long-text", min_width=20, max_width=40),
        gen("no", D_("No."), "int", min_width=6),
        gen("audience", D_("Audience"), min_width=12),
        gen("mode", D_("Delivery mode"), min_width=10),
        gen("site", D_("Site"), min_width=10, max_width=24),
        mine("location", D_("Room or online link"), min_width=18, max_width=30),
        mine("trainer", D_("Trainer"), min_width=14),
        gen("capacity", D_("Capacity"), "int", min_width=8),
        gen("enrolled", D_("Enrolled"), "int", min_width=8),
        mine("status", D_("Status"), "list", list=SESSION_STATUS, center=True, min_width=10),
        mine("attended", D_("Attended"), "int", min_width=8),
        mine("passed", D_("Passed"), "int", min_width=8),
        mine("notes", D_("Notes"), "long-text", min_width=20, max_width=40),
    ),
    accepts_added_rows=True,
)

ATTENDANCE = SheetSpec(
    key="training.attendance",
    workbook="training-matrix",
    text=DC_("sheet", "Attendance"),
    key_column="seat_id",
    columns=(
        gen("seat_id", D_("Seat id"), min_width=12),
        gen("session", D_("Session"), min_width=10),
        gen("date", D_("Date"), "date", min_width=11),
        gen("code", D_("Code"), min_width=9),
        gen("course", D_("Course"), min_width=20, max_width=36),
        gen("audience", D_("Audience"), min_width=12),
        gen("seat", D_("Seat"), "int", min_width=6),
        mine("participant", D_("Participant"), min_width=16),
        mine("department", D_("Department"), min_width=14),
        mine(
            "presence",
            DC_("presence", "Attendance"),
            "list",
            list=PRESENCE,
            center=True,
            min_width=10,
        ),
        mine(
            "result",
            D_("Assessment result"),
            "list",
            list=ASSESSMENT_RESULT,
            center=True,
            min_width=12,
        ),
        mine("score", D_("Score (%)"), "number", min_width=9),
        mine("satisfaction", D_("Satisfaction (1-5)"), "int", min_width=10),
        mine("notes", D_("Notes"), "long-text", min_width=20, max_width=40),
    ),
    accepts_added_rows=True,
)

TRAINING_SHEETS: tuple[SheetSpec, ...] = (MATRIX, SESSIONS, ATTENDANCE)

"""Declarations of the trainer's workbook's sheets (training-matrix.xlsx)."""

from __future__ import annotations

from generator.sheets import SheetSpec
from generator.sheets.lists import ASSESSMENT_RESULT, PRESENCE, SESSION_STATUS
from generator.sheets.plan import gen, mine

MATRIX = SheetSpec(
    key="training.matrix",
    workbook="training-matrix",
    en="Matrix",
    zh="培训矩阵",
    key_column="code",
    columns=(
        gen("code", "Code", "课程编号", min_width=9),
        gen("course", "Course", "课程", "long-text", min_width=24, max_width=48),
        gen("tier", "Tier", "层级", min_width=10),
        gen("mode", "Delivery mode", "授课方式", min_width=10),
        gen("hours", "Hours", "学时", "hours", min_width=7),
    ),
    accepts_added_rows=False,
    dynamic_after="hours",
)

SESSIONS = SheetSpec(
    key="training.sessions",
    workbook="training-matrix",
    en="Sessions",
    zh="培训场次",
    key_column="session",
    columns=(
        gen("session", "Session", "场次编号", min_width=10),
        gen("date", "Date", "日期", "date", min_width=11),
        gen("last_day", "Last day", "结束日期", "date", min_width=11),
        gen("start", "Start", "开始", center=True, min_width=7),
        gen("end", "End", "结束", center=True, min_width=7),
        gen("code", "Code", "课程编号", min_width=9),
        gen("course", "Course", "课程", "long-text", min_width=20, max_width=40),
        gen("no", "No.", "场次", "int", min_width=6),
        gen("audience", "Audience", "培训对象", min_width=12),
        gen("mode", "Delivery mode", "授课方式", min_width=10),
        gen("site", "Site", "地点", min_width=10, max_width=24),
        mine("location", "Room or online link", "教室或线上链接", min_width=18, max_width=30),
        mine("trainer", "Trainer", "讲师", min_width=14),
        gen("capacity", "Capacity", "容量", "int", min_width=8),
        gen("enrolled", "Enrolled", "报名人数", "int", min_width=8),
        mine("status", "Status", "状态", "list", list=SESSION_STATUS, center=True, min_width=10),
        mine("attended", "Attended", "实到人数", "int", min_width=8),
        mine("passed", "Passed", "通过人数", "int", min_width=8),
        mine("notes", "Notes", "备注", "long-text", min_width=20, max_width=40),
    ),
    accepts_added_rows=True,
)

ATTENDANCE = SheetSpec(
    key="training.attendance",
    workbook="training-matrix",
    en="Attendance",
    zh="签到与考核",
    key_column="seat_id",
    columns=(
        gen("seat_id", "Seat id", "席位编号", min_width=12),
        gen("session", "Session", "场次编号", min_width=10),
        gen("date", "Date", "日期", "date", min_width=11),
        gen("code", "Code", "课程编号", min_width=9),
        gen("course", "Course", "课程", min_width=20, max_width=36),
        gen("audience", "Audience", "培训对象", min_width=12),
        gen("seat", "Seat", "席位", "int", min_width=6),
        mine("participant", "Participant", "学员姓名", min_width=16),
        mine("department", "Department", "部门", min_width=14),
        mine("presence", "Attendance", "签到", "list", list=PRESENCE, center=True, min_width=10),
        mine(
            "result",
            "Assessment result",
            "考核结果",
            "list",
            list=ASSESSMENT_RESULT,
            center=True,
            min_width=12,
        ),
        mine("score", "Score (%)", "成绩（%）", "number", min_width=9),
        mine("satisfaction", "Satisfaction (1-5)", "满意度（1-5）", "int", min_width=10),
        mine("notes", "Notes", "备注", "long-text", min_width=20, max_width=40),
    ),
    accepts_added_rows=True,
)

TRAINING_SHEETS: tuple[SheetSpec, ...] = (MATRIX, SESSIONS, ATTENDANCE)

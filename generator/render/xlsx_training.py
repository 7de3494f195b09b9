"""The trainer's workbook (training-matrix.xlsx).

Three sheets, built with the shared Excel look (:mod:`generator.render.xlsx_common`):

* **Matrix**: courses down (code, title, tier, mode, hours), audiences across; a cell
  holds the course's hours when the audience takes it; rows at the bottom give each
  audience's users and hours per person (computed here, not by formula, so every
  reader shows the same numbers).
* **Sessions**: the session schedule (date, time, course, audience, mode, room or
  online link, trainer, capacity, enrolled) plus the trainer's columns (status
  dropdown, attended, passed, notes) in the yellow input look.
* **Attendance**: one row per planned seat (session, date, course, seat number) with
  columns to fill in: participant, department, attendance and assessment result
  (dropdowns), score, level-1 satisfaction (1-5), notes. Capped at
  :data:`MAX_SEATS` rows; a note says so when the plan has more.

Dropdowns point at the hidden Lists sheet. The same audience/tier filters as the
curriculum apply.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.kit_model import Kit
from generator.render.docx_curriculum import MODE_NAMES, select, tier_hours
from generator.render.xlsx_common import Book, Col, S, col_letter

MAX_SEATS = 20000

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Training matrix",
        "subject": "Training matrix, session schedule, attendance and assessment",
        "matrix": "Matrix",
        "sessions": "Sessions",
        "attendance": "Attendance",
        "matrix_title": "Training matrix: hours per course and audience",
        "matrix_note": "A number is the course's hours for that audience; blank: the audience does not take the course.",
        "sessions_title": "Session schedule",
        "sessions_note": "Yellow columns are for the trainer: room or online link, trainer, status, attended, passed, notes.",
        "attendance_title": "Attendance and assessment",
        "attendance_note": "One row per planned seat. Fill in the participant, attendance and assessment result.",
        "capped": "Only the first {max} of {total} planned seats are listed; add rows below as needed.",
        "code": "Code",
        "course": "Course",
        "tier": "Tier",
        "mode": "Delivery mode",
        "hours": "Hours",
        "users": "Users",
        "hours_per_person": "Hours per person",
        "session": "Session",
        "no": "No.",
        "date": "Date",
        "start": "Start",
        "end": "End",
        "audience": "Audience",
        "location": "Room or online link",
        "trainer": "Trainer",
        "capacity": "Capacity",
        "enrolled": "Enrolled",
        "status": "Status",
        "attended": "Attended",
        "passed": "Passed",
        "notes": "Notes",
        "seat": "Seat",
        "participant": "Participant",
        "department": "Department",
        "presence": "Attendance",
        "result": "Assessment result",
        "score": "Score (%)",
        "satisfaction": "Satisfaction (1-5)",
        "status_values": "Planned|Held|Moved|Cancelled",
        "presence_values": "Present|Late|Absent|Excused",
        "result_values": "Pass|Fail|Retake|Not assessed",
    },
    "zh": {
        "title": "培训矩阵",
        "subject": "培训矩阵、培训排期、签到与考核",
        "matrix": "培训矩阵",
        "sessions": "培训场次",
        "attendance": "签到与考核",
        "matrix_title": "培训矩阵：各课程对各培训对象的学时",
        "matrix_note": "数字为该培训对象参加此课程的学时；空白表示不参加。",
        "sessions_title": "培训排期",
        "sessions_note": "黄色列由培训讲师填写：教室或线上链接、讲师、状态、实到人数、通过人数、备注。",
        "attendance_title": "签到与考核记录",
        "attendance_note": "每个计划席位一行。请填写学员、签到情况和考核结果。",
        "capped": "计划席位共 {total} 个，此处仅列出前 {max} 个；如需更多请在下方添加行。",
        "code": "课程编号",
        "course": "课程",
        "tier": "层级",
        "mode": "授课方式",
        "hours": "学时",
        "users": "人数",
        "hours_per_person": "人均学时",
        "session": "场次编号",
        "no": "场次",
        "date": "日期",
        "start": "开始",
        "end": "结束",
        "audience": "培训对象",
        "location": "教室或线上链接",
        "trainer": "讲师",
        "capacity": "容量",
        "enrolled": "报名人数",
        "status": "状态",
        "attended": "实到人数",
        "passed": "通过人数",
        "notes": "备注",
        "seat": "席位",
        "participant": "学员姓名",
        "department": "部门",
        "presence": "签到",
        "result": "考核结果",
        "score": "成绩（%）",
        "satisfaction": "满意度（1-5）",
        "status_values": "计划中|已完成|已改期|已取消",
        "presence_values": "出勤|迟到|缺勤|请假",
        "result_values": "通过|未通过|补考|未考核",
    },
}


def render_training_matrix(
    kit: Kit,
    path: Path,
    *,
    audiences: Sequence[str] | None = None,
    tiers: Sequence[str] | None = None,
) -> None:
    """Write the training workbook for ``kit`` (optionally filtered) to ``path``."""
    selection = select(kit, audiences, tiers)
    lab = LABELS[kit.lang]
    book = Book(
        kit.lang,
        when=kit.project.start,
        title=lab["title"],
        subject=lab["subject"],
        keywords=", ".join(kit.project.systems),
        page_header=f"{kit.project.client} · {kit.project.name}",
    )
    courses = selection.courses(kit)
    audience_ids = [a.id for a in selection.audiences]
    modes = MODE_NAMES[kit.lang]

    # --- Matrix ---------------------------------------------------------------------
    sheet = book.sheet(lab["matrix"])
    sheet.columns(
        [
            Col(lab["code"], "text", min_width=9),
            Col(lab["course"], "wrap", min_width=24, max_width=48),
            Col(lab["tier"], "text", min_width=10),
            Col(lab["mode"], "text", min_width=10),
            Col(lab["hours"], "money", min_width=7),
            *(Col(a.name, "money", min_width=9, max_width=18) for a in selection.audiences),
        ]
    )
    sheet.add([lab["matrix_title"]], style="title")
    sheet.add([lab["matrix_note"]], style="note")
    header = sheet.header()
    for course in courses:
        sheet.add(
            [
                course.code,
                course.title,
                kit.tier_name(course.tier),
                modes.get(course.mode, course.mode),
                course.hours,
                *(course.hours if a in course.audiences else None for a in audience_ids),
            ]
        )
    last = sheet.next_row - 1
    ncols = 5 + len(audience_ids)

    sheet.freeze(f"C{header + 1}")
    sheet.autofilter(f"A{header}:{col_letter(ncols)}{max(last, header)}")
    sheet.add(
        [
            S(lab["users"], "summary"),
            S(None, "summary"),
            S(None, "summary"),
            S(None, "summary"),
            S(None, "summary"),
            *(S(a.headcount, "summary_int") for a in selection.audiences),
        ]
    )
    sheet.add(
        [
            S(lab["hours_per_person"], "summary"),
            S(None, "summary"),
            S(None, "summary"),
            S(None, "summary"),
            S(None, "summary"),
            *(
                S(round(sum(tier_hours(kit, a, t) for t in selection.tiers), 2), "summary_money")
                for a in audience_ids
            ),
        ]
    )
    sheet.close()

    # --- Sessions ---------------------------------------------------------------------
    by_id = {c.id: c for c in kit.courses}
    names = {a.id: a.name for a in kit.audiences}
    sessions = selection.sessions(kit)
    sheet = book.sheet(lab["sessions"])
    sheet.columns(
        [
            Col(lab["session"], "text", min_width=10),
            Col(lab["date"], "date", min_width=11),
            Col(lab["start"], "center", min_width=7),
            Col(lab["end"], "center", min_width=7),
            Col(lab["code"], "text", min_width=9),
            Col(lab["course"], "wrap", min_width=20, max_width=40),
            Col(lab["no"], "int", min_width=6),
            Col(lab["audience"], "text", min_width=12),
            Col(lab["mode"], "text", min_width=10),
            Col(lab["location"], "input", min_width=18, max_width=30),
            Col(lab["trainer"], "input", min_width=14),
            Col(lab["capacity"], "int", min_width=8),
            Col(lab["enrolled"], "int", min_width=8),
            Col(lab["status"], "input_center", min_width=10),
            Col(lab["attended"], "input_number", min_width=8),
            Col(lab["passed"], "input_number", min_width=8),
            Col(lab["notes"], "input", min_width=20, max_width=40),
        ]
    )
    sheet.add([lab["sessions_title"]], style="title")
    sheet.add([lab["sessions_note"]], style="note")
    header = sheet.header()
    for s in sessions:
        course = by_id[s.course]
        sheet.add(
            [
                s.id,
                s.day,
                s.start_time,
                s.end_time,
                course.code,
                course.title,
                s.number,
                names.get(s.audience, s.audience),
                modes.get(s.mode, s.mode),
                s.location,
                S(None, "input"),
                s.capacity,
                s.enrolled,
                S(None, "input_center"),
                S(None, "input_number"),
                S(None, "input_number"),
                S(None, "input"),
            ]
        )
    last = max(sheet.next_row - 1, header + 1)
    sheet.freeze(f"B{header + 1}")
    sheet.autofilter(f"A{header}:Q{last}")
    status = book.list_name("session_status", lab["status_values"].split("|"))
    sheet.validation(status, f"N{header + 1}:N{last}")
    sheet.validation(
        "0", f"O{header + 1}:P{last}", kind="whole", operator="between", formula2="9999"
    )
    sheet.close()

    # --- Attendance -------------------------------------------------------------------
    sheet = book.sheet(lab["attendance"])
    sheet.columns(
        [
            Col(lab["session"], "text", min_width=10),
            Col(lab["date"], "date", min_width=11),
            Col(lab["code"], "text", min_width=9),
            Col(lab["course"], "text", min_width=20, max_width=36),
            Col(lab["audience"], "text", min_width=12),
            Col(lab["seat"], "int", min_width=6),
            Col(lab["participant"], "input", min_width=16),
            Col(lab["department"], "input", min_width=14),
            Col(lab["presence"], "input_center", min_width=10),
            Col(lab["result"], "input_center", min_width=12),
            Col(lab["score"], "input_number", min_width=9),
            Col(lab["satisfaction"], "input_number", min_width=10),
            Col(lab["notes"], "input", min_width=20, max_width=40),
        ]
    )
    sheet.add([lab["attendance_title"]], style="title")
    total = sum(s.enrolled for s in sessions)
    note = lab["attendance_note"]
    if total > MAX_SEATS:
        note += " " + lab["capped"].format(max=MAX_SEATS, total=total)
    sheet.add([note], style="note")
    header = sheet.header()
    written = 0
    for s in sessions:
        course = by_id[s.course]
        for seat in range(1, s.enrolled + 1):
            if written >= MAX_SEATS:
                break
            sheet.add(
                [
                    s.id,
                    s.day,
                    course.code,
                    course.title,
                    names.get(s.audience, s.audience),
                    seat,
                    S(None, "input"),
                    S(None, "input"),
                    S(None, "input_center"),
                    S(None, "input_center"),
                    S(None, "input_number"),
                    S(None, "input_number"),
                    S(None, "input"),
                ]
            )
            written += 1
    last = max(sheet.next_row - 1, header + 1)
    sheet.freeze(f"C{header + 1}")
    sheet.autofilter(f"A{header}:M{last}")
    presence = book.list_name("attendance", lab["presence_values"].split("|"))
    result = book.list_name("assessment_result", lab["result_values"].split("|"))
    sheet.validation(presence, f"I{header + 1}:I{last}")
    sheet.validation(result, f"J{header + 1}:J{last}")
    sheet.validation(
        "0", f"K{header + 1}:K{last}", kind="decimal", operator="between", formula2="100"
    )
    sheet.validation("1", f"L{header + 1}:L{last}", kind="whole", operator="between", formula2="5")
    sheet.close()

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        book.save(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

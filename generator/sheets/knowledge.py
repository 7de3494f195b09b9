"""Declarations of the plan workbook's knowledge sheets (issue 14): Staffing and Lessons.

* ``plan.staffing`` — per phase the roles that work in it, the competency level they
  need (:mod:`generator.competency`), and the consultant columns where the PM names the
  person, their level 1-4 and notes; a formula flags a gap where the assigned level is
  below the need. Key: ``"<phase id>:<role id>"``. The team may add rows (a second person
  for a role, a subcontractor).
* ``plan.lessons`` — the pack's lessons that apply (phase, early warning sign, what went
  wrong, what to do, the gate to check them at), then the rows the team adds. The
  consultant columns: notes, recorded on, share with pack (yes/no); ``implkit lessons
  harvest`` reads the rows marked yes. Key: the lesson id (empty on added rows).
"""

from __future__ import annotations

from typing import Any

from generator.sheets import ColType, ColumnSpec, ListSpec, SheetSpec

SHARE = ListSpec("lesson-share", (("yes", "Yes", "是"), ("no", "No", "否")))


def _gen(key: str, en: str, zh: str, type: ColType = "text", **kw: Any) -> ColumnSpec:
    return ColumnSpec(key, en, zh, "generated", type, **kw)


def _mine(key: str, en: str, zh: str, type: ColType = "text", **kw: Any) -> ColumnSpec:
    return ColumnSpec(key, en, zh, "consultant", type, **kw)


STAFFING = SheetSpec(
    key="plan.staffing",
    workbook="plan",
    en="Staffing",
    zh="人员配置",
    key_column="id",
    columns=(
        _gen("id", "Id", "编号", max_width=34),
        _gen("phase", "Phase", "阶段", max_width=16),
        _gen("role", "Project role", "项目角色", "long-text", min_width=16, max_width=30),
        _gen("side", "Side", "所属方", center=True, max_width=10),
        _gen("effort", "Effort (person-days)", "工作量（人天）", "person-days", max_width=12),
        _gen("needs", "Competencies needed", "所需能力", "long-text", min_width=24, max_width=48),
        _gen(
            "required", "Required level (1-4)", "要求等级（1-4）", "int", min_width=10, max_width=12
        ),
        _mine("assigned", "Assigned consultant", "指派人员", min_width=16, max_width=24),
        _mine(
            "level", "Assigned level (1-4)", "人员等级（1-4）", "int", min_width=10, max_width=12
        ),
        _gen(
            "gap",
            "Competency gap",
            "能力缺口",
            formula=True,
            center=True,
            min_width=12,
            max_width=16,
        ),
        _mine("notes", "Notes (mentor, training)", "备注（导师、培训）", "long-text", width=28),
    ),
    accepts_added_rows=True,
)

LESSONS = SheetSpec(
    key="plan.lessons",
    workbook="plan",
    en="Lessons",
    zh="经验教训",
    key_column="id",
    columns=(
        _gen("id", "Id", "编号", max_width=30),
        _gen("phase", "Phase", "阶段", max_width=14),
        _gen("title", "Lesson", "教训标题", "long-text", min_width=20, max_width=36),
        _gen("trigger", "Early warning sign", "预警信号", "long-text", min_width=20, max_width=36),
        _gen("pitfall", "What went wrong", "问题经过", "long-text", min_width=24, max_width=48),
        _gen("advice", "What to do instead", "建议做法", "long-text", min_width=24, max_width=48),
        _gen("gate", "Check at gate", "在关口检查", "long-text", max_width=24),
        _gen("source", "Source", "来源", max_width=22),
        _mine("notes", "Notes (this project)", "本项目记录", "long-text", width=32),
        _mine("recorded", "Recorded on", "记录日期", "date", min_width=12),
        _mine(
            "share",
            "Share with pack",
            "分享至知识包",
            "list",
            list=SHARE,
            center=True,
            min_width=12,
        ),
    ),
    accepts_added_rows=True,
)

KNOWLEDGE_SHEETS: tuple[SheetSpec, ...] = (STAFFING, LESSONS)

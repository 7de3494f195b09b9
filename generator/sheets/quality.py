"""Declarations of the plan workbook's quality and acceptance sheets (issue 15).

What a post-project evaluation and the PMO's yearly review measure needs a place in
the kit; these four sheets are carried like every declared sheet:

* ``plan.defects`` — the UAT / defect log: one row per defect (id, test cycle,
  severity, found on, closed on). Defects found in the ``production`` cycle escaped
  testing. Rows are numbered ``D-001``...; every row with an entry is the team's.
* ``plan.acceptance`` — one row per gate (key: gate id): submitted on, accepted the
  first time (yes/no), times sent back, accepted on.
* ``plan.surveys`` — customer satisfaction (NPS) per phase gate (key: gate id):
  promoters (9-10), passives (7-8), detractors (0-6); responses and NPS are formulas.
  The team may add surveys (another group, an extra milestone).
* ``plan.team`` — the consultants who worked on the project (rows numbered ``C-01``...;
  the person's id or name as the PMO knows them): role, planned, actual and available person-days;
  utilisation is a formula (actual / available).

Definitions of the figures computed from them: ``docs/metrics.md``.
"""

from __future__ import annotations

from typing import Any

from generator.sheets import ColType, ColumnSpec, ListSpec, SheetSpec

YES_NO = ListSpec("yes-no", (("yes", "Yes", "是"), ("no", "No", "否")))
SEVERITY = ListSpec(
    "defect-severity",
    (
        ("critical", "1 Critical", "1 致命"),
        ("major", "2 Major", "2 严重"),
        ("minor", "3 Minor", "3 一般"),
    ),
)
TEST_CYCLE = ListSpec(
    "test-cycle",
    (
        ("sit", "SIT", "集成测试"),
        ("uat-1", "UAT cycle 1", "UAT 第1轮"),
        ("uat-2", "UAT cycle 2", "UAT 第2轮"),
        ("uat-3", "UAT cycle 3", "UAT 第3轮"),
        ("production", "After go-live", "上线后"),
    ),
)


def _gen(key: str, en: str, zh: str, type: ColType = "text", **kw: Any) -> ColumnSpec:
    return ColumnSpec(key, en, zh, "generated", type, **kw)


def _mine(key: str, en: str, zh: str, type: ColType = "text", **kw: Any) -> ColumnSpec:
    return ColumnSpec(key, en, zh, "consultant", type, **kw)


DEFECTS = SheetSpec(
    key="plan.defects",
    workbook="plan",
    en="Defect log",
    zh="缺陷记录",
    key_column="id",
    columns=(
        _gen("id", "Defect id", "缺陷编号", center=True, min_width=10, max_width=14),
        _mine("cycle", "Test cycle", "测试轮次", "list", list=TEST_CYCLE, min_width=14),
        _mine("severity", "Severity", "严重程度", "list", list=SEVERITY, min_width=12),
        _mine("title", "Defect", "缺陷描述", "long-text", width=36),
        _mine("area", "Process / module", "业务流程/模块", min_width=14, max_width=20),
        _mine("found", "Found on", "发现日期", "date", min_width=12),
        _mine("closed", "Closed on", "关闭日期", "date", min_width=12),
        _gen("days", "Days to close", "关闭用时（天）", "int", formula=True, min_width=10),
        _mine("notes", "Notes", "备注", "long-text", width=24),
    ),
    accepts_added_rows=True,
)

ACCEPTANCE = SheetSpec(
    key="plan.acceptance",
    workbook="plan",
    en="Acceptance",
    zh="验收记录",
    key_column="id",
    columns=(
        _gen("id", "Id", "编号", max_width=28),
        _gen("gate", "Gate", "关口", "long-text", min_width=20, max_width=36),
        _gen("phase", "Phase", "阶段", max_width=16),
        _gen("planned", "Planned date", "计划日期", "date", min_width=12),
        _mine("submitted", "Submitted on", "提交日期", "date", min_width=12),
        _mine(
            "first_pass",
            "Accepted first time",
            "一次通过",
            "list",
            list=YES_NO,
            center=True,
            min_width=12,
        ),
        _mine("returns", "Times sent back", "退回次数", "int", min_width=10, max_width=12),
        _mine("accepted", "Accepted on", "验收日期", "date", min_width=12),
        _mine("notes", "Notes", "备注", "long-text", width=28),
    ),
    accepts_added_rows=False,
)

SURVEYS = SheetSpec(
    key="plan.surveys",
    workbook="plan",
    en="Satisfaction",
    zh="客户满意度",
    key_column="id",
    columns=(
        _gen("id", "Id", "编号", max_width=28),
        _gen("milestone", "Milestone", "里程碑", "long-text", min_width=20, max_width=36),
        _gen("planned", "Planned date", "计划日期", "date", min_width=12),
        _mine("surveyed", "Surveyed on", "调查日期", "date", min_width=12),
        _mine("group", "Group asked", "受访群体", min_width=14, max_width=24),
        _mine("promoters", "Promoters (9-10)", "推荐者（9-10）", "int", min_width=10),
        _mine("passives", "Passives (7-8)", "中立者（7-8）", "int", min_width=10),
        _mine("detractors", "Detractors (0-6)", "贬损者（0-6）", "int", min_width=10),
        _gen("responses", "Responses", "样本数", "int", formula=True, min_width=9),
        _gen("nps", "NPS", "NPS", "number", formula=True, center=True, min_width=8),
        _mine("notes", "Comments", "意见摘要", "long-text", width=30),
    ),
    accepts_added_rows=True,
)

TEAM = SheetSpec(
    key="plan.team",
    workbook="plan",
    en="Project team",
    zh="项目团队",
    key_column="id",
    columns=(
        _gen("id", "No.", "序号", center=True, min_width=7, max_width=8),
        _mine(
            "person", "Consultant (id or name)", "顾问（工号或姓名）", min_width=16, max_width=24
        ),
        _mine("role", "Project role", "项目角色", min_width=16, max_width=28),
        _mine("planned", "Planned days", "计划人天", "person-days", min_width=10),
        _mine("actual", "Actual days", "实际人天", "person-days", min_width=10),
        _mine("available", "Available days", "可用人天", "person-days", min_width=10),
        _gen("utilisation", "Utilisation", "利用率", "percent", formula=True, min_width=10),
        _mine("notes", "Notes", "备注", "long-text", width=28),
    ),
    accepts_added_rows=True,
)

QUALITY_SHEETS: tuple[SheetSpec, ...] = (DEFECTS, ACCEPTANCE, SURVEYS, TEAM)

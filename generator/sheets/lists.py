"""The dropdown lists of every workbook: canonical key, en label, zh label.

``Kit.entries`` stores the canonical key, so a kit switched between en and zh keeps
every choice. The labels are the ones the workbooks showed before the declarations
(a workbook written by an earlier implkit reads back to the same keys).
"""

from __future__ import annotations

from generator.sheets import ListSpec

TASK_STATUS = ListSpec(
    "task-status",
    (
        ("not-started", "Not started", "未开始"),
        ("in-progress", "In progress", "进行中"),
        ("done", "Done", "已完成"),
        ("blocked", "Blocked", "受阻"),
        ("on-hold", "On hold", "暂停"),
        ("cancelled", "Cancelled", "已取消"),
    ),
)

GATE_STATUS = ListSpec(
    "gate-status",
    (
        ("open", "Open", "未评审"),
        ("passed", "Passed", "通过"),
        ("passed-with-conditions", "Passed with conditions", "有条件通过"),
        ("failed", "Failed", "未通过"),
        ("waived", "Waived", "豁免"),
    ),
)

RISK_STATUS = ListSpec(
    "risk-status",
    (
        ("open", "Open", "未关闭"),
        ("monitoring", "Monitoring", "监控中"),
        ("mitigating", "Mitigating", "应对中"),
        ("occurred", "Occurred", "已发生"),
        ("closed", "Closed", "已关闭"),
    ),
)

CR_IMPACT = ListSpec(
    "cr-impact",
    (
        ("low", "Low", "低"),
        ("medium", "Medium", "中"),
        ("high", "High", "高"),
        ("critical", "Critical", "严重"),
    ),
)

CR_DECISION = ListSpec(
    "cr-decision",
    (
        ("pending", "Pending", "待定"),
        ("approved", "Approved", "批准"),
        ("approved-with-conditions", "Approved with conditions", "有条件批准"),
        ("rejected", "Rejected", "驳回"),
        ("deferred", "Deferred", "延后"),
    ),
)

MIGRATION_STATUS = ListSpec(
    "migration-status",
    (
        ("not-started", "Not started", "未开始"),
        ("extracting", "Extracting", "抽取中"),
        ("cleansing", "Cleansing", "清洗中"),
        ("mapped", "Mapped", "映射完成"),
        ("mock-1-passed", "Mock 1 passed", "模拟1通过"),
        ("mock-2-passed", "Mock 2 passed", "模拟2通过"),
        ("rehearsed", "Rehearsed", "演练通过"),
        ("signed-off", "Signed off", "已签字确认"),
        ("blocked", "Blocked", "受阻"),
    ),
)

STEP_DONE = ListSpec(
    "step-done",
    (
        ("open", "☐", "☐"),
        ("done", "☑", "☑"),
    ),
)

SESSION_STATUS = ListSpec(
    "session-status",
    (
        ("planned", "Planned", "计划中"),
        ("held", "Held", "已完成"),
        ("moved", "Moved", "已改期"),
        ("cancelled", "Cancelled", "已取消"),
    ),
)

PRESENCE = ListSpec(
    "attendance",
    (
        ("present", "Present", "出勤"),
        ("late", "Late", "迟到"),
        ("absent", "Absent", "缺勤"),
        ("excused", "Excused", "请假"),
    ),
)

ASSESSMENT_RESULT = ListSpec(
    "assessment-result",
    (
        ("pass", "Pass", "通过"),
        ("fail", "Fail", "未通过"),
        ("retake", "Retake", "补考"),
        ("not-assessed", "Not assessed", "未考核"),
    ),
)

EXPENSE_CATEGORY = ListSpec(
    "expense-category",
    (
        ("travel", "Travel", "差旅"),
        ("licences", "Licences", "软件许可"),
        ("subcontractors", "Subcontractors", "分包"),
        ("hardware", "Hardware", "硬件"),
        ("training", "Training", "培训"),
        ("other", "Other", "其他"),
    ),
)

ALL_LISTS: tuple[ListSpec, ...] = (
    TASK_STATUS,
    GATE_STATUS,
    RISK_STATUS,
    CR_IMPACT,
    CR_DECISION,
    MIGRATION_STATUS,
    STEP_DONE,
    SESSION_STATUS,
    PRESENCE,
    ASSESSMENT_RESULT,
    EXPENSE_CATEGORY,
)

"""The dropdown lists of every workbook: canonical key and label (a gettext msgid).

``Kit.entries`` stores the canonical key, so a kit switched between en and zh keeps
every choice. The labels are the ones the workbooks showed before the declarations
(a workbook written by an earlier implkit reads back to the same keys).
"""

from __future__ import annotations

from generator.sheets import DC_, ListSpec

TASK_STATUS = ListSpec(
    "task-status",
    (
        ("not-started", DC_("task-status", "Not started")),
        ("in-progress", DC_("task-status", "In progress")),
        ("done", DC_("task-status", "Done")),
        ("blocked", DC_("task-status", "Blocked")),
        ("on-hold", DC_("task-status", "On hold")),
        ("cancelled", DC_("task-status", "Cancelled")),
    ),
)

GATE_STATUS = ListSpec(
    "gate-status",
    (
        ("open", DC_("gate-status", "Open")),
        ("passed", DC_("gate-status", "Passed")),
        ("passed-with-conditions", DC_("gate-status", "Passed with conditions")),
        ("failed", DC_("gate-status", "Failed")),
        ("waived", DC_("gate-status", "Waived")),
    ),
)

RISK_STATUS = ListSpec(
    "risk-status",
    (
        ("open", DC_("risk-status", "Open")),
        ("monitoring", DC_("risk-status", "Monitoring")),
        ("mitigating", DC_("risk-status", "Mitigating")),
        ("occurred", DC_("risk-status", "Occurred")),
        ("closed", DC_("risk-status", "Closed")),
    ),
)

CR_IMPACT = ListSpec(
    "cr-impact",
    (
        ("low", DC_("cr-impact", "Low")),
        ("medium", DC_("cr-impact", "Medium")),
        ("high", DC_("cr-impact", "High")),
        ("critical", DC_("cr-impact", "Critical")),
    ),
)

CR_DECISION = ListSpec(
    "cr-decision",
    (
        ("pending", DC_("cr-decision", "Pending")),
        ("approved", DC_("cr-decision", "Approved")),
        ("approved-with-conditions", DC_("cr-decision", "Approved with conditions")),
        ("rejected", DC_("cr-decision", "Rejected")),
        ("deferred", DC_("cr-decision", "Deferred")),
    ),
)

MIGRATION_STATUS = ListSpec(
    "migration-status",
    (
        ("not-started", DC_("migration-status", "Not started")),
        ("extracting", DC_("migration-status", "Extracting")),
        ("cleansing", DC_("migration-status", "Cleansing")),
        ("mapped", DC_("migration-status", "Mapped")),
        ("mock-1-passed", DC_("migration-status", "Mock 1 passed")),
        ("mock-2-passed", DC_("migration-status", "Mock 2 passed")),
        ("rehearsed", DC_("migration-status", "Rehearsed")),
        ("signed-off", DC_("migration-status", "Signed off")),
        ("blocked", DC_("migration-status", "Blocked")),
    ),
)

STEP_DONE = ListSpec(
    "step-done",
    (
        ("open", DC_("step-done", "☐")),
        ("done", DC_("step-done", "☑")),
    ),
)

SESSION_STATUS = ListSpec(
    "session-status",
    (
        ("planned", DC_("session-status", "Planned")),
        ("held", DC_("session-status", "Held")),
        ("moved", DC_("session-status", "Moved")),
        ("cancelled", DC_("session-status", "Cancelled")),
    ),
)

PRESENCE = ListSpec(
    "attendance",
    (
        ("present", DC_("attendance", "Present")),
        ("late", DC_("attendance", "Late")),
        ("absent", DC_("attendance", "Absent")),
        ("excused", DC_("attendance", "Excused")),
    ),
)

ASSESSMENT_RESULT = ListSpec(
    "assessment-result",
    (
        ("pass", DC_("assessment-result", "Pass")),
        ("fail", DC_("assessment-result", "Fail")),
        ("retake", DC_("assessment-result", "Retake")),
        ("not-assessed", DC_("assessment-result", "Not assessed")),
    ),
)

EXPENSE_CATEGORY = ListSpec(
    "expense-category",
    (
        ("travel", DC_("expense-category", "Travel")),
        ("licences", DC_("expense-category", "Licences")),
        ("subcontractors", DC_("expense-category", "Subcontractors")),
        ("hardware", DC_("expense-category", "Hardware")),
        ("training", DC_("expense-category", "Training")),
        ("other", DC_("expense-category", "Other")),
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

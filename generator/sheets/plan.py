"""Declarations of the project-plan workbook's sheets (project-plan.xlsx), in sheet order."""

from __future__ import annotations

from generator.sheets import D_, DC_, SheetSpec, gen, mine
from generator.sheets.cost import EFFORT, EXPENSES, RATES
from generator.sheets.knowledge import LESSONS, STAFFING
from generator.sheets.lists import (
    CR_DECISION,
    CR_IMPACT,
    GATE_STATUS,
    RISK_STATUS,
    TASK_STATUS,
)
from generator.sheets.quality import ACCEPTANCE, DEFECTS, SURVEYS, TEAM

# The Plan sheet's progress columns, shared with "Removed tasks".
_PROGRESS = (
    mine("status", D_("Status"), "list", list=TASK_STATUS, min_width=12, max_width=14),
    mine("pct", D_("% complete"), "percent", min_width=10, max_width=11),
    mine("actual_start", D_("Actual start"), "date", min_width=12),
    mine("actual_finish", D_("Actual finish"), "date", min_width=12),
    mine("notes", D_("Notes"), "long-text", width=30),
)

TASKS = SheetSpec(
    key="plan.tasks",
    workbook="plan",
    text=D_("Plan"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=28),
        gen("wbs", D_("WBS"), center=True, min_width=6),
        gen("level", D_("Level"), "int", max_width=7),
        gen("type", D_("Type"), center=True, max_width=12),
        gen("name", D_("Name"), "long-text", min_width=24, max_width=50),
        gen("owner", D_("Owner"), max_width=22),
        gen("duration", D_("Duration (working days)"), "int", max_width=12),
        gen("effort", D_("Effort (person-days)"), "person-days", max_width=12),
        gen("start", D_("Start"), "date", min_width=12),
        gen("finish", D_("Finish"), "date", min_width=12),
        # the current baseline beside the current (forecast) dates
        gen("baseline_start", D_("Baseline start"), "date", min_width=12),
        gen("baseline_finish", D_("Baseline finish"), "date", min_width=12),
        gen("slip", D_("Finish slip (working days)"), "int", max_width=12),
        gen("predecessors", D_("Predecessors"), "long-text", max_width=30),
        gen("deliverables", D_("Deliverables"), "long-text", max_width=30),
        gen("critical", D_("Critical"), "bool", center=True, max_width=10),
        gen("float", D_("Total float (days)"), "int", max_width=11),
        *_PROGRESS,
    ),
    accepts_added_rows=True,
)

GANTT = SheetSpec(
    key="plan.gantt",
    workbook="plan",
    text=D_("Gantt"),
    key_column="wbs",
    columns=(
        gen("wbs", D_("WBS"), center=True, min_width=6, max_width=8),
        gen("task", D_("Task"), min_width=24, max_width=60),
        gen("start", D_("Start"), "date", width=11.5),
        gen("finish", D_("Finish"), "date", width=11.5),
        gen("type", D_("Type"), center=True, width=5),
        gen("critical", D_("Critical"), "bool", center=True, width=5),
        # hidden; the baseline bar's conditional format reads them
        gen("baseline_start", D_("Baseline start"), "date", width=11.5),
        gen("baseline_finish", D_("Baseline finish"), "date", width=11.5),
    ),
    accepts_added_rows=False,
    dynamic_after="baseline_finish",
)

GATES = SheetSpec(
    key="plan.gates",
    workbook="plan",
    text=D_("Milestones & gates"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=28),
        gen("name", D_("Name"), "long-text", min_width=20, max_width=40),
        gen("kind", D_("Kind"), max_width=14),
        gen("phase", D_("Phase"), max_width=16),
        gen("date", D_("Date"), "date", min_width=12),
        gen("entry", D_("Entry criteria"), "long-text", min_width=20, max_width=45),
        gen("exit", D_("Exit criteria"), "long-text", min_width=20, max_width=45),
        gen("signoff", D_("Sign-off roles"), "long-text", max_width=28),
        # the lessons of the phase this gate closes (generator/lessons/checks.py)
        gen("lessons", D_("Lessons to check"), "long-text", max_width=36),
        mine("status", D_("Status"), "list", list=GATE_STATUS, min_width=12, max_width=16),
        mine("signed_on", D_("Signed on"), "date", min_width=12),
        mine("signed_by", D_("Signed by"), min_width=12),
        mine("notes", D_("Notes"), "long-text", width=28),
    ),
    accepts_added_rows=False,
)

RACI = SheetSpec(
    key="plan.raci",
    workbook="plan",
    text=D_("RACI"),
    key_column="wbs",
    columns=(
        gen("wbs", D_("WBS"), center=True, min_width=6, max_width=8),
        gen("task", D_("Task"), min_width=24, max_width=45),
        gen("deliverables", D_("Deliverables"), "long-text", max_width=28),
    ),
    accepts_added_rows=False,
    dynamic_after="deliverables",
)

RISKS = SheetSpec(
    key="plan.risks",
    workbook="plan",
    text=DC_("sheet", "Risks"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=28),
        gen("risk", D_("Risk"), "long-text", min_width=24, max_width=40),
        gen("category", D_("Category"), max_width=16),
        gen("phase", D_("Phase"), max_width=16),
        mine("likelihood", D_("Likelihood (1-5)"), "int", min_width=10, max_width=11),
        mine("impact", D_("Impact (1-5)"), "int", min_width=10, max_width=11),
        gen(
            "score",
            D_("Score (L x I)"),
            "int",
            formula=True,
            min_width=10,
            max_width=12,
        ),
        gen("rating", D_("Rating"), formula=True, center=True, max_width=10),
        gen("owner", D_("Owner"), max_width=22),
        gen("trigger", D_("Trigger"), "long-text", max_width=32),
        gen("mitigation", D_("Mitigation"), "long-text", min_width=20, max_width=40),
        gen("contingency", D_("Contingency"), "long-text", max_width=32),
        mine("status", D_("Status"), "list", list=RISK_STATUS, min_width=12, max_width=14),
        mine("notes", D_("Notes"), "long-text", width=24),
    ),
    accepts_added_rows=True,
)

STAKEHOLDERS = SheetSpec(
    key="plan.stakeholders",
    workbook="plan",
    text=D_("Stakeholders"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=24),
        gen("stakeholder", D_("Stakeholder"), "long-text", min_width=16, max_width=30),
        gen("department", D_("Department"), max_width=20),
        mine("interest", D_("Interest (1-5)"), "int", min_width=10, max_width=11),
        mine("influence", D_("Influence (1-5)"), "int", min_width=10, max_width=11),
        gen(
            "strategy",
            D_("Strategy"),
            formula=True,
            center=True,
            min_width=12,
            max_width=16,
        ),
        gen("interface", D_("Interface person"), "bool", center=True, max_width=12),
        gen("role", D_("Project role"), max_width=22),
        gen("expectations", D_("Expectations"), "long-text", max_width=36),
        gen("engagement", D_("Engagement"), "long-text", max_width=36),
    ),
    accepts_added_rows=True,
)

INTERFACES = SheetSpec(
    key="plan.interfaces",
    workbook="plan",
    text=D_("Interface persons"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=24),
        gen("department", D_("Department"), max_width=24),
        gen("stakeholder", D_("Interface person"), "long-text", max_width=30),
        mine("person_name", DC_("person", "Name"), min_width=14),
        mine("phone", D_("Phone"), min_width=14),
        mine("email", D_("Email"), min_width=22),
        mine("deputy", D_("Deputy"), min_width=14),
        mine("notes", D_("Notes"), "long-text", width=24),
    ),
    accepts_added_rows=True,
)

CHANGES = SheetSpec(
    key="plan.changes",
    workbook="plan",
    text=D_("Change requests"),
    key_column="cr_id",
    columns=(
        gen("cr_id", D_("CR id"), center=True, min_width=9),
        mine("raised_on", D_("Raised on"), "date", min_width=12),
        mine("raised_by", D_("Raised by"), min_width=12),
        mine("change", D_("Change requested"), "long-text", width=32),
        mine("reason", D_("Reason"), "long-text", width=24),
        mine("affected", D_("Affected tasks / deliverables"), "long-text", width=20),
        mine("impact", D_("Impact"), "list", list=CR_IMPACT, min_width=10),
        mine("schedule_days", D_("Schedule impact (days)"), "number", min_width=10),
        mine("cost_impact", D_("Cost impact"), "currency", min_width=12),
        gen(
            "in_freeze",
            D_("In freeze window"),
            formula=True,
            center=True,
            min_width=10,
        ),
        mine("decision", D_("CCB decision"), "list", list=CR_DECISION, min_width=14),
        mine("decided_on", D_("Decision date"), "date", min_width=12),
        mine("decided_by", D_("Decided by"), min_width=12),
        mine("notes", D_("Notes"), "long-text", width=24),
    ),
    accepts_added_rows=True,
)

MEETINGS = SheetSpec(
    key="plan.meetings",
    workbook="plan",
    text=D_("Meetings"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=26),
        gen("meeting", D_("Meeting"), "long-text", min_width=18, max_width=32),
        gen("purpose", D_("Purpose"), "long-text", max_width=40),
        gen("cadence", D_("Cadence"), center=True, max_width=16),
        gen("weekday", D_("Weekday"), center=True, max_width=10),
        gen("time", D_("Time"), center=True, max_width=8),
        gen("minutes", D_("Minutes"), "int", max_width=10),
        gen("chair", D_("Chair"), max_width=22),
        gen("attendees", D_("Attendees"), "long-text", max_width=40),
        gen("first", D_("First"), "date", min_width=12),
        gen("until", D_("Until"), "date", min_width=12),
        mine("location", DC_("meeting", "Room or online link"), min_width=16, max_width=28),
        mine("notes", D_("Notes"), "long-text", width=24),
    ),
    accepts_added_rows=True,
)

BUDGET = SheetSpec(
    key="plan.budget",
    workbook="plan",
    text=D_("Budget"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=26),
        gen("role", D_("Project role"), "long-text", min_width=16, max_width=30),
        gen("side", D_("Side"), center=True, max_width=10),
        mine("rate", D_("Day rate ({cur})"), "currency", min_width=11, max_width=13),
        gen(
            "planned_effort",
            D_("Planned effort (person-days)"),
            "person-days",
            formula=True,
            min_width=12,
            max_width=14,
        ),
        gen(
            "planned_cost",
            D_("Planned cost ({cur})"),
            "currency",
            formula=True,
            min_width=16,
            max_width=18,
        ),
        mine(
            "actual_effort",
            D_("Actual effort (person-days)"),
            "person-days",
            min_width=11,
            max_width=13,
        ),
        gen(
            "logged_effort",
            D_("Logged effort (person-days)"),
            "person-days",
            formula=True,
            min_width=11,
            max_width=13,
        ),
        gen(
            "effort_cost",
            D_("Effort cost ({cur})"),
            "currency",
            formula=True,
            min_width=14,
            max_width=16,
        ),
        mine(
            "cost_entered",
            D_("Actual cost entered ({cur})"),
            "currency",
            min_width=14,
            max_width=16,
        ),
        gen(
            "actual_cost",
            D_("Actual cost ({cur})"),
            "currency",
            formula=True,
            min_width=16,
            max_width=18,
        ),
        gen(
            "utilisation",
            D_("Utilisation (actual / planned)"),
            "percent",
            formula=True,
            min_width=11,
            max_width=14,
        ),
        gen(
            "variance",
            D_("Cost variance ({cur})"),
            "currency",
            formula=True,
            min_width=16,
            max_width=18,
        ),
    ),
    accepts_added_rows=False,
    dynamic_after="rate",
)

CALENDAR = SheetSpec(
    key="plan.calendar",
    workbook="plan",
    text=D_("Calendar"),
    key_column="date",
    columns=(
        gen("date", D_("Date"), "date", min_width=12),
        gen("weekday", D_("Weekday"), center=True),
        gen("type", D_("Type")),
        gen("name", D_("Name"), max_width=40),
        gen("source", DC_("calendar source", "Schedule")),
    ),
    accepts_added_rows=False,
)

REMOVED = SheetSpec(
    key="plan.removed",
    workbook="plan",
    text=D_("Removed tasks"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=28),
        gen("name", D_("Name"), "long-text", min_width=24, max_width=50),
        *_PROGRESS,
    ),
    accepts_added_rows=False,
    optional=True,
)

PLAN_SHEETS: tuple[SheetSpec, ...] = (
    TASKS,
    GANTT,
    GATES,
    RACI,
    RISKS,
    STAKEHOLDERS,
    INTERFACES,
    CHANGES,
    MEETINGS,
    BUDGET,
    EFFORT,  # generator/sheets/cost.py: what was spent, by date
    RATES,
    EXPENSES,
    STAFFING,  # generator/sheets/knowledge.py
    LESSONS,
    DEFECTS,  # generator/sheets/quality.py
    ACCEPTANCE,
    SURVEYS,
    TEAM,
    CALENDAR,
    REMOVED,
)

"""Declarations of the plan workbook's quality and acceptance sheets.

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

from generator.sheets import D_, DC_, ListSpec, SheetSpec, gen, mine

YES_NO = ListSpec("yes-no", (("yes", DC_("yes-no", "Yes")), ("no", DC_("yes-no", "No"))))
SEVERITY = ListSpec(
    "defect-severity",
    (
        ("critical", DC_("defect-severity", "1 Critical")),
        ("major", DC_("defect-severity", "2 Major")),
        ("minor", DC_("defect-severity", "3 Minor")),
    ),
)
TEST_CYCLE = ListSpec(
    "test-cycle",
    (
        ("sit", DC_("test-cycle", "SIT")),
        ("uat-1", DC_("test-cycle", "UAT cycle 1")),
        ("uat-2", DC_("test-cycle", "UAT cycle 2")),
        ("uat-3", DC_("test-cycle", "UAT cycle 3")),
        ("production", DC_("test-cycle", "After go-live")),
    ),
)


DEFECTS = SheetSpec(
    key="plan.defects",
    workbook="plan",
    text=D_("Defect log"),
    key_column="id",
    columns=(
        gen("id", D_("Defect id"), center=True, min_width=10, max_width=14),
        mine("cycle", D_("Test cycle"), "list", list=TEST_CYCLE, min_width=14),
        mine("severity", D_("Severity"), "list", list=SEVERITY, min_width=12),
        mine("title", D_("Defect"), "long-text", width=36),
        mine("area", D_("Process / module"), min_width=14, max_width=20),
        mine("found", D_("Found on"), "date", min_width=12),
        mine("closed", D_("Closed on"), "date", min_width=12),
        gen("days", D_("Days to close"), "int", formula=True, min_width=10),
        mine("notes", D_("Notes"), "long-text", width=24),
    ),
    accepts_added_rows=True,
)

ACCEPTANCE = SheetSpec(
    key="plan.acceptance",
    workbook="plan",
    text=D_("Acceptance"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=28),
        gen("gate", D_("Gate"), "long-text", min_width=20, max_width=36),
        gen("phase", D_("Phase"), max_width=16),
        gen("planned", D_("Planned date"), "date", min_width=12),
        mine("submitted", D_("Submitted on"), "date", min_width=12),
        mine(
            "first_pass",
            D_("Accepted first time"),
            "list",
            list=YES_NO,
            center=True,
            min_width=12,
        ),
        mine("returns", D_("Times sent back"), "int", min_width=10, max_width=12),
        mine("accepted", D_("Accepted on"), "date", min_width=12),
        mine("notes", D_("Notes"), "long-text", width=28),
    ),
    accepts_added_rows=False,
)

SURVEYS = SheetSpec(
    key="plan.surveys",
    workbook="plan",
    text=D_("Satisfaction"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=28),
        gen("milestone", D_("Milestone"), "long-text", min_width=20, max_width=36),
        gen("planned", D_("Planned date"), "date", min_width=12),
        mine("surveyed", D_("Surveyed on"), "date", min_width=12),
        mine("group", D_("Group asked"), min_width=14, max_width=24),
        mine("promoters", D_("Promoters (9-10)"), "int", min_width=10),
        mine("passives", D_("Passives (7-8)"), "int", min_width=10),
        mine("detractors", D_("Detractors (0-6)"), "int", min_width=10),
        gen("responses", D_("Responses"), "int", formula=True, min_width=9),
        gen("nps", D_("NPS"), "number", formula=True, center=True, min_width=8),
        mine("notes", D_("Comments"), "long-text", width=30),
    ),
    accepts_added_rows=True,
)

TEAM = SheetSpec(
    key="plan.team",
    workbook="plan",
    text=D_("Project team"),
    key_column="id",
    columns=(
        gen("id", DC_("row number", "No."), center=True, min_width=7, max_width=8),
        mine("person", D_("Consultant (id or name)"), min_width=16, max_width=24),
        mine("role", D_("Project role"), min_width=16, max_width=28),
        mine("planned", D_("Planned days"), "person-days", min_width=10),
        mine("actual", D_("Actual days"), "person-days", min_width=10),
        mine("available", D_("Available days"), "person-days", min_width=10),
        gen("utilisation", D_("Utilisation"), "percent", formula=True, min_width=10),
        mine("notes", D_("Notes"), "long-text", width=28),
    ),
    accepts_added_rows=True,
)

QUALITY_SHEETS: tuple[SheetSpec, ...] = (DEFECTS, ACCEPTANCE, SURVEYS, TEAM)

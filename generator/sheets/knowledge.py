"""Declarations of the plan workbook's knowledge sheets: Staffing and Lessons.

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

from generator.sheets import D_, DC_, ListSpec, SheetSpec, gen, mine

SHARE = ListSpec(
    "lesson-share", (("yes", DC_("lesson-share", "Yes")), ("no", DC_("lesson-share", "No")))
)


STAFFING = SheetSpec(
    key="plan.staffing",
    workbook="plan",
    text=D_("Staffing"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=34),
        gen("phase", D_("Phase"), max_width=16),
        gen("role", D_("Project role"), "long-text", min_width=16, max_width=30),
        gen("side", D_("Side"), center=True, max_width=10),
        gen("effort", D_("Effort (person-days)"), "person-days", max_width=12),
        gen("needs", D_("Competencies needed"), "long-text", min_width=24, max_width=48),
        gen("required", D_("Required level (1-4)"), "int", min_width=10, max_width=12),
        mine("assigned", D_("Assigned consultant"), min_width=16, max_width=24),
        mine("level", D_("Assigned level (1-4)"), "int", min_width=10, max_width=12),
        gen(
            "gap",
            D_("Competency gap"),
            formula=True,
            center=True,
            min_width=12,
            max_width=16,
        ),
        mine("notes", D_("Notes (mentor, training)"), "long-text", width=28),
    ),
    accepts_added_rows=True,
)

LESSONS = SheetSpec(
    key="plan.lessons",
    workbook="plan",
    text=D_("Lessons"),
    key_column="id",
    columns=(
        gen("id", D_("Id"), max_width=30),
        gen("phase", D_("Phase"), max_width=14),
        gen("title", DC_("lesson title", "Lesson"), "long-text", min_width=20, max_width=36),
        gen("trigger", D_("Early warning sign"), "long-text", min_width=20, max_width=36),
        gen("pitfall", D_("What went wrong"), "long-text", min_width=24, max_width=48),
        gen("advice", D_("What to do instead"), "long-text", min_width=24, max_width=48),
        gen("gate", D_("Check at gate"), "long-text", max_width=24),
        gen("source", D_("Source"), max_width=22),
        mine("notes", D_("Notes (this project)"), "long-text", width=32),
        mine("recorded", D_("Recorded on"), "date", min_width=12),
        mine(
            "share",
            D_("Share with pack"),
            "list",
            list=SHARE,
            center=True,
            min_width=12,
        ),
        # who shares it: the harvest records the name in the pack (the provenance's "by"),
        # so the pack keeps who contributed each lesson
        mine("shared_by", D_("Shared by"), min_width=14, max_width=24),
    ),
    accepts_added_rows=True,
)

KNOWLEDGE_SHEETS: tuple[SheetSpec, ...] = (STAFFING, LESSONS)

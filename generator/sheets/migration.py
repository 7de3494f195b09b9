"""Declarations of the data-migration checklist's sheets (data-migration-checklist.xlsx)."""

from __future__ import annotations

from generator.sheets import D_, DC_, SheetSpec, gen, mine
from generator.sheets.lists import MIGRATION_STATUS, STEP_DONE

OVERVIEW = SheetSpec(
    key="migration.overview",
    workbook="migration",
    text=DC_("sheet", "Overview"),
    key_column="id",
    columns=(
        gen("seq", D_("Seq"), "int", max_width=6),
        gen("wave", D_("Wave"), "int", max_width=6),
        gen("object", D_("Object"), "long-text", min_width=18, max_width=32),
        gen("id", D_("Id"), min_width=14, max_width=34),
        gen("kind", D_("Kind"), max_width=14),
        gen("depends", D_("Depends on"), "long-text", max_width=22),
        gen("source", D_("Source (system / table)"), "long-text", max_width=20),
        gen("target", D_("Target"), "long-text", max_width=18),
        gen("approach", D_("Approach"), "long-text", max_width=22),
        gen("volume", D_("Volume"), "long-text", max_width=18),
        gen("fields", D_("Fields"), "int", max_width=8),
        gen("cleansing", D_("Cleansing rules"), "long-text", max_width=28),
        gen("recon", D_("Reconciliation"), "long-text", max_width=22),
        gen("tolerance", D_("Tolerance"), center=True, max_width=12),
        gen("owner", D_("Owner"), "long-text", min_width=12, max_width=22),
        gen("signoff", D_("Sign-off roles"), "long-text", max_width=18),
        gen("sensitive", D_("Sensitive data"), "bool", center=True, max_width=10),
        gen("mock1", D_("Mock load 1"), "date", min_width=12),
        gen("mock2", D_("Mock load 2"), "date", min_width=12),
        gen("dress", D_("Dress rehearsal"), "date", min_width=12),
        mine("status", D_("Status"), "list", list=MIGRATION_STATUS, min_width=14),
        mine("actual_records", D_("Records loaded"), "int", min_width=10),
        mine("signed_by", D_("Signed off by"), min_width=12),
        mine("signed_on", D_("Signed off on"), "date", min_width=12),
        mine("notes", D_("Notes"), "long-text", width=26),
    ),
    accepts_added_rows=True,  # an object the team adds (kept as an added row)
)

CUTOVER = SheetSpec(
    key="migration.cutover",
    workbook="migration",
    text=D_("Cutover runbook"),
    key_column="id",
    columns=(
        gen("seq", D_("Seq"), "int", max_width=6),
        gen("id", D_("Id"), max_width=22),
        gen("step", D_("Step"), "long-text", min_width=20, max_width=40),
        gen("owner", D_("Owner"), "long-text", max_width=22),
        gen("backup", D_("Backup owner"), "long-text", max_width=22),
        gen("planned", D_("Planned"), center=True, max_width=16),
        gen("planned_date", D_("Planned date"), "date", min_width=12),
        gen("hours", DC_("duration", "Hours"), "hours", max_width=10),
        gen(
            "cumulative",
            D_("Cumulative hours"),
            "hours",
            formula=True,
            max_width=12,
        ),
        gen("verification", D_("Verification"), "long-text", max_width=36),
        gen("rollback", D_("Rollback"), "long-text", max_width=36),
        mine(
            "done",
            DC_("cutover step", "Done"),
            "list",
            list=STEP_DONE,
            center=True,
            min_width=7,
            max_width=8,
        ),
        mine("actual_start", D_("Actual start"), min_width=12),
        mine("actual_end", D_("Actual end"), min_width=12),
        mine("notes", D_("Notes"), "long-text", width=24),
    ),
    accepts_added_rows=True,
)

FIELDS = SheetSpec(
    key="migration.fields",
    workbook="migration",
    text=DC_("sheet", "Fields"),
    key_column="technical",
    columns=(
        gen("n", D_("#"), "int", max_width=6),
        gen("business", D_("Business name"), "long-text", min_width=16, max_width=30),
        gen("technical", D_("Technical name"), "long-text", min_width=12, max_width=24),
        gen("type", D_("Type"), center=True, max_width=10),
        gen("length", D_("Length"), "int", max_width=8),
        gen("decimals", D_("Decimals"), "int", max_width=8),
        gen("mandatory", D_("Mandatory"), center=True, max_width=12),
        gen("default", D_("Default"), max_width=16),
        mine("mapping", D_("Value mapping"), "long-text", max_width=30),
        mine("transformation", D_("Transformation"), "long-text", max_width=30),
        gen("validation", D_("Validation"), "long-text", max_width=32),
        mine("source_field", D_("Source field"), min_width=14, max_width=20),
        mine("notes", D_("Notes"), "long-text", width=24),
    ),
    accepts_added_rows=True,
    per_object=True,
)

MIGRATION_SHEETS: tuple[SheetSpec, ...] = (OVERVIEW, CUTOVER, FIELDS)

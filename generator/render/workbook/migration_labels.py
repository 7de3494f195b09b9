"""Texts of the data-migration checklist that are not column headers (titles, notes, values).

Column headers and sheet titles come from the declarations (generator/sheets/migration.py);
the header texts stay here too, for readers of checklists written before the declarations.
"""

from __future__ import annotations

from generator.i18n import D_, DC_, TextTable

LABELS = TextTable(
    {
        "doc_title": D_("Data-migration checklist"),
        "s_overview": DC_("sheet", "Overview"),
        "s_cutover": D_("Cutover runbook"),
        "overview_note": D_(
            "Objects in the derived load order (a wave loads after every object it depends on). Yellow columns are yours to fill in. Click an object to open its field mapping."
        ),
        "seq": D_("Seq"),
        "wave": D_("Wave"),
        "object": D_("Object"),
        "id": D_("Id"),
        "kind": D_("Kind"),
        "depends": D_("Depends on"),
        "source": D_("Source (system / table)"),
        "target": D_("Target"),
        "approach": D_("Approach"),
        "volume": D_("Volume"),
        "cleansing": D_("Cleansing rules"),
        "recon": D_("Reconciliation"),
        "tolerance": D_("Tolerance"),
        "owner": D_("Owner"),
        "signoff": D_("Sign-off roles"),
        "sensitive": D_("Sensitive data"),
        "mock1": D_("Mock load 1"),
        "mock2": D_("Mock load 2"),
        "dress": D_("Dress rehearsal"),
        "status": D_("Status"),
        "signed_by": D_("Signed off by"),
        "signed_on": D_("Signed off on"),
        "notes": D_("Notes"),
        "fields": D_("Fields"),
        "statuses": D_(
            "Not started|Extracting|Cleansing|Mapped|Mock 1 passed|Mock 2 passed|Rehearsed|Signed off|Blocked"
        ),
        "k_configuration": D_("Configuration"),
        "k_master": D_("Master data"),
        "k_transactional": D_("Transactional"),
        "k_balance": D_("Balance"),
        "k_history": D_("History"),
        "full": D_("full load"),
        "delta": D_("delta load"),
        "sample": D_("sample {pct}%"),
        "yes": D_("Yes"),
        "no": D_("No"),
        "conditional": D_("Conditional"),
        "back": D_("← Overview"),
        "obj_source": D_("Source"),
        "obj_target": D_("Target"),
        "obj_approach": D_("Approach"),
        "obj_recon": D_("Reconciliation"),
        "obj_deps": D_("Depends on"),
        "obj_owner": D_("Owner / sign-off"),
        "obj_dates": D_("Mock 1 / 2 / rehearsal"),
        "n": D_("#"),
        "business": D_("Business name"),
        "technical": D_("Technical name"),
        "type": D_("Type"),
        "length": D_("Length"),
        "decimals": D_("Decimals"),
        "mandatory": D_("Mandatory"),
        "default": D_("Default"),
        "mapping": D_("Value mapping"),
        "transformation": D_("Transformation"),
        "validation": D_("Validation"),
        "source_field": D_("Source field"),
        "step": D_("Step"),
        "backup": D_("Backup owner"),
        "planned": D_("Planned"),
        "planned_date": D_("Planned date"),
        "hours": DC_("duration", "Hours"),
        "cumulative": D_("Cumulative hours"),
        "verification": D_("Verification"),
        "rollback": D_("Rollback"),
        "done": DC_("cutover step", "Done"),
        "actual_start": D_("Actual start"),
        "actual_end": D_("Actual end"),
        "total": D_("Total"),
        "cutover_note": D_(
            "Tick each step when done; the running total shows how long the cutover takes."
        ),
    }
)

DONE_MARKS = ("☐", "☑")

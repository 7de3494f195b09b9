"""Display texts the builder resolves for deliverables: material and reconciliation names.

Read as ``MATERIALS[kit.lang][key]``: the deliverables catalogue's text in the kit's language.
"""

from __future__ import annotations

from generator.i18n import D_, TextTable

MATERIALS = TextTable(
    {
        "slides": D_("Slides"),
        "exercise-script": D_("Exercise script"),
        "quick-reference-card": D_("Quick-reference card"),
        "video": D_("Video"),
        "handbook": D_("Handbook"),
        "sandbox": D_("Sandbox environment"),
        "e-learning": D_("E-learning"),
    }
)
RECONCILIATION = TextTable(
    {
        "record-count": D_("Record counts"),
        "record-count-and-sample": D_("Record counts and sample check"),
        "hash-total": D_("Hash totals"),
        "control-total": D_("Control totals"),
        "balance-tie-out": D_("Balance tie-out"),
        "sample": D_("Sample check"),
    }
)

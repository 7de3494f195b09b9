"""The data-migration checklist (data-migration-checklist.xlsx): the public entry point.

Written with XlsxWriter from the sheet declarations (:mod:`generator.sheets.migration`)
by :mod:`generator.render.workbook.migration`.
"""

from __future__ import annotations

from generator.render.workbook.migration import (
    DONE_MARKS,
    LABELS,
    object_titles,
    render_migration,
)

__all__ = ["DONE_MARKS", "LABELS", "object_titles", "render_migration"]

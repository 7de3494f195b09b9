"""The project-plan workbook (project-plan.xlsx): the public entry point.

The workbook is written with XlsxWriter from the sheet declarations
(:mod:`generator.sheets.plan`) by :mod:`generator.render.workbook.plan` and its
per-sheet modules. ``LABELS`` (the plan's texts in en/zh) stays exported here for
readers of plan workbooks (``generator.progress``).
"""

from __future__ import annotations

from generator.render.workbook.plan import render_plan
from generator.render.workbook.plan_labels import LABELS
from generator.render.workbook.plan_registers import CR_ROWS, RISK_SPARE_ROWS
from generator.render.workbook.plan_tasks import DAILY_MAX_DAYS, predecessor_text

__all__ = [
    "CR_ROWS",
    "DAILY_MAX_DAYS",
    "LABELS",
    "RISK_SPARE_ROWS",
    "predecessor_text",
    "render_plan",
]

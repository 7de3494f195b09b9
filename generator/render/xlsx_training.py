"""The trainer's workbook (training-matrix.xlsx): the public entry point.

Written with XlsxWriter from the sheet declarations (:mod:`generator.sheets.training`)
by :mod:`generator.render.workbook.training`.
"""

from __future__ import annotations

from generator.render.workbook.training import LABELS, MAX_SEATS, render_training_matrix

__all__ = ["LABELS", "MAX_SEATS", "render_training_matrix"]

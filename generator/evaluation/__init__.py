"""Post-project evaluation: the figures a PMO's yearly review asks of a project.

* :mod:`generator.evaluation.quality` — defects, acceptance, NPS, team, change requests
  from sheet rows (shared with the portfolio).
* :mod:`generator.evaluation.report` — :func:`evaluate` a tracked kit: baseline vs
  actual per milestone and go-live, effort and cost by role and phase, changes,
  defects, first-pass acceptance, training, NPS, lessons.

Definitions with formulas: docs/metrics.md.
"""

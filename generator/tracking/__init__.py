"""Tracking a kit against its plan: baseline, forecast from actuals, earned value.

* :mod:`.baseline` saves and reads baselines under ``.implkit/baselines/``.
* :mod:`.forecast` reschedules the plan from the consultant's actuals at a status date.
* :mod:`.evm` computes earned-value figures (PMBOK) per phase and for the project.
* :mod:`.snapshots` appends one snapshot per status date under ``.implkit/snapshots/``
  (the milestone trend analysis and the S-curve's earned value over time read them).

No heavy imports at module level.
"""

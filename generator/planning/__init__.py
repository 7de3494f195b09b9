"""Planning rules: the one scheduling pass for the plan and every forecast, and its rules.

* :mod:`.scheduler` — the scheduling pass: critical path, freeze, blackouts and go-live
  rules, float to each go-live; the status date and the actuals as constraints.
* :mod:`.gating` — phase gates that gate: the next phase's work waits for its entry gate;
  key-node gates precede the work they check.
* :mod:`.waves` — rollout waves: pilot and waves of sites, per-wave copies of pack items.
* :mod:`.blackouts` — blackout windows and go-live rules (not before, align to a date).
* :mod:`.sizing` — duration and effort scaled with users, sites and migration volume.

Every module here is pure (no I/O): plain data in, plain data out.
"""

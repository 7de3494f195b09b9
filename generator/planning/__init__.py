"""Planning rules applied while the Kit is built (issue 12).

* :mod:`.gating` — phase gates that gate: the next phase's work waits for its entry gate.
* :mod:`.waves` — rollout waves: pilot and waves of sites, per-wave copies of pack items.
* :mod:`.blackouts` — blackout windows and go-live rules (not before, align to a date).
* :mod:`.sizing` — duration and effort scaled with users, sites and migration volume.

Every module here is pure (no I/O): plain data in, plain data out.
"""

"""Build the Kit from a resolved pack and the project's answers.

``build_kit(pack, spec, generator_version=...)`` selects the items whose
``when:`` holds for the answers, resolves every text to the project's
language, schedules the tasks on the project's working calendar and returns an
immutable :class:`~generator.kit_model.Kit`. Same input, equal Kit.

Decisions
---------
* Dropped items (``when:`` false): a link to a dropped task or gate is replaced
  by the dropped item's own links with the link type of the dropped item's link and
  the lag of the link to ``P`` (``S -FS+2-> D -SS+1-> P`` becomes ``S -FS+1-> P``):
  the order the pack intended still holds and the dropped item's own waiting time
  is never added on (no phantom days). Of several bridged links to one predecessor
  the tightest (largest lag) is kept.
* Gates that gate: every task of a phase follows the previous phase's phase gate
  unless it says ``gated: false`` or the gate waits on it
  (:func:`generator.planning.gating.gate_phase_work`); a key-node gate precedes the
  work it checks (requirements -> development start, configuration -> UAT,
  migration -> cutover, training -> go-live; a gate's ``precedes:`` overrides it,
  :func:`generator.planning.gating.gate_checked_work`).
* ``before: [X]`` on a task adds a finish-to-start link from the task to ``X``.
* Gates are milestone tasks with the gate's id, after their ``after`` tasks or,
  without ``after``, after every task of their phase. A phase gate is the last
  task of its phase; a key-node gate sits right after the last of its
  ``after`` tasks in the phase.
* Phase order: a task with no predecessors in a later phase starts after the
  previous phase's phase gate (or, without one, after the previous phase's
  tasks), unless that gate itself waits on tasks of this or a later phase.
  Pack authors mostly write explicit ``after:``; this keeps stray tasks from
  starting on day one.
* Requirements freeze: the ``development-start`` anchor task may not start
  before the prototype sign-off (anchor ``prototype-signoff``) plus
  ``freeze_days`` calendar days. The window is the ``freeze_days`` days before
  development starts; the change control board decides every change after it.
  ``freeze_days: 0`` means no freeze (``Kit.freeze`` is None).
* A milestone is dated on the finish day of its predecessor (MS Project).
* Phases with no tasks left are dropped; phases are numbered 1.. by ``order``.
* RACI defaults: accountable = owner; responsible = the roles with effort (or
  the owner). Gate milestones: accountable = first sign-off role.
* Ceremonies: first occurrence on the ceremony's weekday on/after the start of
  ``from_phase`` (default: first phase); until the last wave's go-live, the last
  wave's hypercare end or the project end.
* Float and "critical" are measured towards the go-live each task drives (every
  wave's go-live is a target), the project end for work that drives none.
* The steps (select, train, size, schedule, assemble) are :class:`KitBuilder`'s
  (:mod:`.builder`); the builder stays on the Kit (``Kit.scheduler``) so that the
  forecast is the same scheduling pass (:mod:`generator.tracking.forecast`).
* The calendar in the Kit covers whole years, from January of the start year
  to December of the finish year.
"""

from __future__ import annotations

from generator.kit.builder import KitBuilder
from generator.kit_model import Kit
from generator.packs.resolved import ResolvedPack
from generator.project import ProjectSpec

__all__ = ["KitBuilder", "build_kit"]


def build_kit(pack: ResolvedPack, spec: ProjectSpec, *, generator_version: str) -> Kit:
    """The Kit for ``spec`` from ``pack``: selected, language-resolved and scheduled.

    Raises InputError when the answers or the pack's network cannot be planned (a
    cycle, an unknown predecessor, a date outside the calendar's years). The cyclic
    garbage collector is paused while the Kit is built: the build makes many small
    objects and no cycles, and collections would double the time of a 10,000-task plan.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return KitBuilder(pack, spec, generator_version).build()
    finally:
        if enabled:
            gc.enable()

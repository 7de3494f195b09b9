"""Knowledge sections of the Word documents.

* :func:`lessons_section` — the charter's "Lessons from projects like this one": per
  phase, the pack's lessons with their early warning sign, what to do, and the gate
  where they are checked.
* :func:`internal_track_section` — the curriculum's internal track for the
  implementation team itself: per skill who learns, who mentors, the drill, from
  which phase (:func:`generator.competency.internal_track`), and how mentoring runs.

Both take the :class:`~generator.render.docx_common.DocWriter` of the document and the
Kit, and write nothing when the Kit has nothing to show.
"""

from __future__ import annotations

from typing import Any

from generator.competency import LEVEL_NAMES, internal_track
from generator.i18n import D_, TextTable, translator
from generator.kit_model import Kit, Lesson
from generator.lessons.checks import closing_gates

LABELS = TextTable(
    {
        "lessons": D_("Lessons from projects like this one"),
        "lessons_text": D_(
            "Projects like this one went wrong here. Each lesson names the early warning sign to watch for and the gate where the steering committee checks that the advice was followed. The plan workbook's Lessons sheet lists them too; add what this project learns there."
        ),
        "phase": D_("Phase / gate"),
        "lesson": D_("Lesson"),
        "trigger": D_("Early warning sign"),
        "advice": D_("What to do"),
        "all_phases": D_("All phases"),
        "track": D_("Internal track: the implementation team"),
        "track_text": D_(
            "The project's own consultants learn too. Every team role that needs level 3 (independent) or more in a skill is paired with a colleague at level 4 and runs that skill's drill before the phase where the need first shows. The PM records who is assigned and at which level in the plan's Staffing sheet; a gap there is closed by mentoring or by a stronger assignment."
        ),
        "skill": D_("Skill"),
        "learners": D_("Who learns"),
        "mentors": D_("Mentors"),
        "drill": D_("Drill"),
        "from": D_("From phase"),
        "none": D_("none in the team: arrange an external expert"),
        "rules": D_("How mentoring runs"),
        "rule_1": D_(
            "One hour a week, mentor and learner review real work (a design, a load log, a lesson plan)."
        ),
        "rule_2": D_(
            "The drill runs once before the phase that needs the skill, and again after a gate finds a gap."
        ),
        "rule_3": D_(
            "Levels are re-assessed at each phase gate and written into the Staffing sheet."
        ),
        "levels": D_("Levels"),
    }
)


def _phase_rank(kit: Kit, lesson: Lesson) -> int:
    for phase in kit.phases:
        if phase.id == lesson.phase:
            return phase.number
    return 0  # no phase: applies throughout, listed first


def lessons_section(writer: Any, kit: Kit) -> None:
    """The charter's lessons chapter (heading level 1); nothing when the kit has no lessons."""
    if not kit.lessons:
        return
    lab = LABELS[kit.lang]
    writer.heading(lab["lessons"], 1)
    writer.para(lab["lessons_text"])
    phase_names = {p.id: p.name for p in kit.phases}
    gates = {phase: gate.name for phase, gate in closing_gates(kit).items()}
    rows = []
    for lesson in sorted(kit.lessons, key=lambda x: (_phase_rank(kit, x), x.id)):
        where = [
            phase_names.get(lesson.phase, lab["all_phases"]) if lesson.phase else lab["all_phases"]
        ]
        if lesson.phase in gates:
            where.append(gates[lesson.phase])
        title = [lesson.title]
        if lesson.projects:
            n = len(lesson.projects)
            tr = translator(kit.lang)
            title.append(tr.n("Recorded in {n} project", "Recorded in {n} projects", n).format(n=n))
        rows.append((where, title, lesson.trigger or lesson.pitfall, lesson.advice))
    writer.table(
        (lab["phase"], lab["lesson"], lab["trigger"], lab["advice"]),
        rows,
        (1.4, 2.4, 2.6, 3.4),
    )


def internal_track_section(writer: Any, kit: Kit) -> None:
    """The curriculum's internal track (heading level 1); nothing without staffing data."""
    track = internal_track(kit)
    if not track:
        return
    lab = LABELS[kit.lang]
    roles = {r.id: r.name for r in kit.roles}
    phases = {p.id: p.name for p in kit.phases}
    writer.heading(lab["track"], 1)
    writer.para(lab["track_text"])
    writer.table(
        (lab["skill"], lab["learners"], lab["mentors"], lab["drill"], lab["from"]),
        [
            (
                item.skill_name,
                [roles.get(r, r) for r in item.learners],
                [roles.get(r, r) for r in item.mentors] or lab["none"],
                item.drill,
                phases.get(item.first_phase, item.first_phase),
            )
            for item in track
        ],
        (1.6, 2.0, 1.6, 3.3, 1.0),
    )
    writer.heading(lab["rules"], 2)
    writer.bullets([lab["rule_1"], lab["rule_2"], lab["rule_3"]])
    levels = LEVEL_NAMES[kit.lang]

    writer.labelled(lab["levels"], "; ".join(f"{n} {levels[n]}" for n in sorted(levels)))

"""The implementation team's competency matrix (实施工程师能力矩阵) and the staffing plan.

A pack gives every role a competency profile: a level 1-4 per skill (``method``,
``configuration``, ``data-migration``, ``integration``, ``training-delivery``,
``communication``, and the pack's own skills of its ``skills:`` section, named in
``Kit.skills``) — the level a person in that role must have. A task may say
which level its owner needs (``competencies:`` on the task); that raises the
owner's need in the task's phase.

Levels (field usage, similar to the Dreyfus stages): 1 aware, 2 works under
guidance, 3 independent, 4 expert who coaches others.

:func:`staffing_rows` gives, per phase, every role that works in it (effort or
ownership) with what it needs; the plan's Staffing sheet lists them with the
consultant column where the PM names the person and their level, and a gap
warning where the assigned level is below the need. :func:`internal_track`
derives the implementation team's own track (mentoring pairs and drills) for
the curriculum. Everything here is pure data; nothing heavy is imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.i18n import D_, DC_, TextTable, translator
from generator.kit_model import Kit, Phase, Role, Skill, StaffingRow, Task
from generator.packs.model import SKILLS

SKILL_NAMES = TextTable(
    {
        "method": DC_("skill", "Method and project control"),
        "configuration": DC_("skill", "Module configuration"),
        "data-migration": DC_("skill", "Data migration"),
        "integration": DC_("skill", "Integration"),
        "training-delivery": DC_("skill", "Training delivery"),
        "communication": DC_("skill", "Communication"),
    }
)
LEVEL_NAMES = TextTable(
    {
        1: DC_("competency level", "Aware"),
        2: DC_("competency level", "Works under guidance"),
        3: DC_("competency level", "Independent"),
        4: DC_("competency level", "Expert, coaches others"),
    }
)
# One drill per skill for the internal track.
DRILLS = TextTable(
    {
        "method": D_(
            "Mock gate review: take last week's status, check the entry and exit criteria with evidence and decide pass, pass with conditions or fail in 30 minutes."
        ),
        "configuration": D_(
            "Configure one business scenario end to end in the sandbox from its design note and demonstrate it to a peer who plays the department head."
        ),
        "data-migration": D_(
            "Load one object from the mock-load extract, reconcile it with the agreed method and roll it back, within a time box."
        ),
        "integration": D_(
            "Trace one message through every interface it passes, then replay a failed message and show it in the monitoring."
        ),
        "training-delivery": D_(
            "Teach-back: deliver one course module to the team and be scored against the course's pass mark."
        ),
        "communication": D_(
            "Mock steering committee: status, one risk and one decision request in ten minutes, with questions from a colleague playing the sponsor."
        ),
    }
)
MENTOR_LEVEL = 4  # a role at this level in a skill coaches the others
NEED_LEVEL = 3  # a role that needs this level or more in a skill gets mentoring and drills


# the generic drill of a pack's own skill that names none: (en, zh)
GENERIC_DRILL = D_(
    "Pair with a colleague at level 4 on one real task of the skill, then do the next one alone "
    "while they review it."
)


def skill_order(kit_skills: Sequence[Skill] = ()) -> tuple[str, ...]:
    """The six shared skills, then the pack's own (``Kit.skills``), in that order."""
    return (*SKILLS, *(s.id for s in kit_skills if s.id not in SKILLS))


def skill_names(lang: str, kit_skills: Sequence[Skill] = ()) -> dict[str, str]:
    """Skill id -> its name in ``lang``: the shared skills' and the pack's own."""
    names = dict(SKILL_NAMES[lang])
    names.update({s.id: s.name for s in kit_skills})
    return names


def profile(
    levels: Mapping[Any, int], order: Sequence[str] = SKILLS
) -> tuple[tuple[str, int], ...]:
    """``{skill: level}`` as ``((skill, level), ...)`` in ``order`` (:func:`skill_order`;
    skills not in it are dropped)."""
    return tuple((skill, int(levels[skill])) for skill in order if levels.get(skill))


def staffing_rows(
    phases: Sequence[Phase],
    tasks: Sequence[Task],
    roles: Sequence[Role],
    task_needs: Mapping[str, Mapping[Any, int]],
    order: Sequence[str] = SKILLS,
) -> tuple[StaffingRow, ...]:
    """Per phase (in order) every role that has effort in or owns a task of it (role order).

    ``task_needs``: task id -> {skill: level} the task's owner needs. A row's ``needs``
    is the role's profile raised, skill by skill, by the needs of the tasks the role
    owns in the phase. ``effort`` in person-days (summed over the phase's tasks).
    """
    by_phase: dict[str, list[Task]] = {}
    for task in tasks:
        by_phase.setdefault(task.phase, []).append(task)
    rows: list[StaffingRow] = []
    for phase in phases:
        phase_tasks = by_phase.get(phase.id, [])
        for role in roles:
            effort = sum(
                days for task in phase_tasks for rid, days in task.effort if rid == role.id
            )
            owned = [task for task in phase_tasks if task.owner == role.id]
            if not effort and not owned:
                continue
            needs = dict(role.competencies)
            for task in owned:
                for skill, level in task_needs.get(task.id, {}).items():
                    needs[skill] = max(needs.get(skill, 0), int(level))
            ordered = profile(needs, order)
            required = max((level for _, level in ordered), default=0)
            key_skill = next((skill for skill, level in ordered if level == required), "")
            rows.append(
                StaffingRow(
                    id=f"{phase.id}:{role.id}",
                    phase=phase.id,
                    role=role.id,
                    effort=round(effort, 2),
                    needs=ordered,
                    required_level=required,
                    key_skill=key_skill,
                )
            )
    return tuple(rows)


def needs_text(row: StaffingRow, lang: str, kit_skills: Sequence[Skill] = ()) -> str:
    """``"Module configuration 4 · Integration 3"``: a row's needs, highest first (the
    pack's own skills named from ``kit_skills``)."""
    names = skill_names(lang, kit_skills)
    order = skill_order(kit_skills)
    ordered = sorted(
        row.needs, key=lambda pair: (-pair[1], order.index(pair[0]) if pair[0] in order else 99)
    )
    return " · ".join(f"{names.get(skill, skill)} {level}" for skill, level in ordered)


def gap(required: int, assigned: int | None) -> int | None:
    """Levels missing (0 when covered); None when nobody is assigned or nothing is required."""
    if assigned is None or not required:
        return None
    return max(required - assigned, 0)


@dataclass(frozen=True)
class TrackItem:
    """One skill of the internal track: who needs it, who coaches, the drill, from when."""

    skill: str
    skill_name: str
    learners: tuple[str, ...]  # role ids that need level NEED_LEVEL+ in this skill
    mentors: tuple[str, ...]  # role ids at MENTOR_LEVEL in it
    drill: str
    first_phase: str  # phase id where the need first shows (staffing order)


def internal_track(kit: Kit) -> tuple[TrackItem, ...]:
    """The implementation team's own track, from the kit's staffing rows and roles.

    Only vendor and joint roles (the implementation team). Mentors are the roles whose
    profile is at level 4 in the skill; learners the other team roles that need level 3+
    in it in some phase. Skills without learners are left out.
    """
    lang = kit.lang
    team = {r.id for r in kit.roles if r.side in ("vendor", "joint")}
    names = skill_names(lang, kit.skills)
    own = {s.id: s for s in kit.skills}
    items: list[TrackItem] = []
    for skill in skill_order(kit.skills):
        mentors = tuple(
            r.id
            for r in kit.roles
            if r.id in team and dict(r.competencies).get(skill, 0) >= MENTOR_LEVEL
        )
        learners: list[str] = []
        first_phase = ""
        for row in kit.staffing:
            level = dict(row.needs).get(skill, 0)
            if row.role in team and row.role not in mentors and level >= NEED_LEVEL:
                if row.role not in learners:
                    learners.append(row.role)
                first_phase = first_phase or row.phase
        if not learners:
            continue
        drill = own[skill].drill if skill in own and own[skill].drill else None
        items.append(
            TrackItem(
                skill=skill,
                skill_name=names[skill],
                learners=tuple(learners),
                mentors=mentors,
                drill=drill or DRILLS[lang].get(skill) or translator(lang)(GENERIC_DRILL),
                first_phase=first_phase,
            )
        )
    return tuple(items)

"""Knowledge sections of the Word documents (issue 14).

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
from generator.kit_model import Kit, Lesson
from generator.lessons.checks import closing_gates
from generator.render.status_text import counted

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "lessons": "Lessons from projects like this one",
        "lessons_text": (
            "Projects like this one went wrong here. Each lesson names the early warning sign "
            "to watch for and the gate where the steering committee checks that the advice "
            "was followed. The plan workbook's Lessons sheet lists them too; add what this "
            "project learns there."
        ),
        "phase": "Phase / gate",
        "lesson": "Lesson",
        "trigger": "Early warning sign",
        "advice": "What to do",
        "all_phases": "All phases",
        "seen_in": "Recorded in {n} projects",
        "seen_in_one": "Recorded in 1 project",
        "track": "Internal track: the implementation team",
        "track_text": (
            "The project's own consultants learn too. Every team role that needs level 3 "
            "(independent) or more in a skill is paired with a colleague at level 4 and "
            "runs that skill's drill before the phase where the need first shows. The PM "
            "records who is assigned and at which level in the plan's Staffing sheet; a "
            "gap there is closed by mentoring or by a stronger assignment."
        ),
        "skill": "Skill",
        "learners": "Who learns",
        "mentors": "Mentors",
        "drill": "Drill",
        "from": "From phase",
        "none": "none in the team: arrange an external expert",
        "rules": "How mentoring runs",
        "rule_1": "One hour a week, mentor and learner review real work (a design, a load log, a lesson plan).",
        "rule_2": "The drill runs once before the phase that needs the skill, and again after a gate finds a gap.",
        "rule_3": "Levels are re-assessed at each phase gate and written into the Staffing sheet.",
        "levels": "Levels",
    },
    "zh": {
        "lessons": "同类项目的经验教训",
        "lessons_text": (
            "同类项目曾在以下环节出过问题。每条经验都列出需要关注的预警信号，以及指导委员会在哪个关口"
            "检查建议是否落实。计划工作簿的“经验教训”表同样列出这些内容，本项目的新经验也请记录在该表中。"
        ),
        "phase": "阶段 / 关口",
        "lesson": "经验教训",
        "trigger": "预警信号",
        "advice": "建议做法",
        "all_phases": "全部阶段",
        "seen_in": "已有 {n} 个项目记录",
        "track": "内部培训：实施团队",
        "track_text": (
            "项目团队自身也需要成长。凡在某项能力上需要达到3级（独立胜任）及以上的团队角色，都与一位"
            "4级同事结成导师对子，并在首次需要该能力的阶段之前完成对应演练。项目经理在计划的“人员配置”"
            "表中记录指派人员及其等级；出现缺口时通过导师辅导或调整人员来弥补。"
        ),
        "skill": "能力",
        "learners": "学习者",
        "mentors": "导师",
        "drill": "演练",
        "from": "起始阶段",
        "none": "团队内暂无，需安排外部专家",
        "rules": "导师辅导方式",
        "rule_1": "每周一小时，导师与学习者一起复盘真实工作成果（设计方案、导入日志、授课教案）。",
        "rule_2": "在需要该能力的阶段开始前完成一次演练；关口评审发现缺口后再演练一次。",
        "rule_3": "每个阶段关口重新评定能力等级，并更新到“人员配置”表。",
        "levels": "等级说明",
    },
}


def _lab(kit: Kit) -> dict[str, str]:
    return LABELS["zh" if kit.lang == "zh" else "en"]


def _phase_rank(kit: Kit, lesson: Lesson) -> int:
    for phase in kit.phases:
        if phase.id == lesson.phase:
            return phase.number
    return 0  # no phase: applies throughout, listed first


def lessons_section(writer: Any, kit: Kit) -> None:
    """The charter's lessons chapter (heading level 1); nothing when the kit has no lessons."""
    if not kit.lessons:
        return
    lab = _lab(kit)
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
            title.append(counted(lab, "seen_in", len(lesson.projects)))
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
    lab = _lab(kit)
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
    levels = LEVEL_NAMES["zh" if kit.lang == "zh" else "en"]
    writer.labelled(lab["levels"], "; ".join(f"{n} {levels[n]}" for n in sorted(levels)))

"""``implkit packs new``: write a commented starter pack that validates as written.

The starter holds ``pack.yaml`` (metadata, ``extends``, the rollout rule with its
waves and training shifts, and blackout windows), ``tasks.yaml`` (a task with the
competencies it needs), ``risks.yaml`` (a risk and a lesson with its trigger) and
``courses.yaml`` (an audience trained in a shift, two courses), each commented, with
commented examples of ``override: true``, ``per_wave`` and ``remove:``, and a copy of
``pack.schema.json`` so the
``# yaml-language-server: $schema=pack.schema.json`` line works wherever the
folder is moved. The examples only use ids the parent pack really has (a phase,
a role, a task and an audience are picked from the resolved parent). Files are
written to a staging folder next to the target and moved into place at the end.
"""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

from generator.errors import InputError, Problem
from generator.packs.loader import available_packs, load_pack, unknown_pack_message
from generator.packs.model import CURRENT_FORMAT, ID_PATTERN
from generator.packs.resolved import ResolvedPack
from generator.packs.schema import schema_text

SCHEMA_LINE = "# yaml-language-server: $schema=pack.schema.json\n"


def _pick(ids: list[str], preferred: tuple[str, ...]) -> str:
    for want in preferred:
        if want in ids:
            return want
    return ids[0]


def _first_task_of(parent: ResolvedPack, phase: str) -> str:
    for task in parent.tasks:
        if task.item.phase == phase:
            return task.item.id
    return parent.tasks[0].item.id


def starter_files(name: str, parent: ResolvedPack) -> dict[str, str]:
    """File name -> text of the starter pack ``name`` extending ``parent``."""
    phases = [p.item.id for p in parent.phases]
    roles = [r.item.id for r in parent.roles]
    audiences = [a.item.id for a in parent.audiences]
    if not (phases and roles and parent.tasks and audiences):
        raise InputError(
            f"pack '{parent.meta.id}' has no phases, roles, tasks or audiences to build on; "
            "extend a complete pack such as base"
        )
    phase = _pick(phases, ("explore",))
    owner = _pick(roles, ("functional-consultant", "project-manager"))
    manager = _pick(roles, ("project-manager",))
    # wire the example into the parent's network between the phase's first task and that
    # task's successor, so it is neither a loose start nor a dead end in the plan
    in_phase = [t.item.id for t in parent.tasks if t.item.phase == phase and not t.item.milestone]
    follows = in_phase[0] if in_phase else _first_task_of(parent, phases[0])
    successors = [
        t.item.id
        for t in parent.tasks
        if t.item.phase == phase
        and any(dep.id == follows and dep.type == "FS" for dep in t.item.after)
    ]
    precedes = successors[0] if successors else None
    before_line = (
        f"\n    before: [{precedes}]              # and finishes before this one starts"
        if precedes
        else ""
    )
    audience = _pick(audiences, ("daily-users",))
    title = name.replace("-", " ").replace("_", " ").title()
    go_live = next((t.item.id for t in parent.tasks if t.item.anchor == "go-live"), None)
    next_wave = (
        f"\n    next_wave_after: {{id: {go_live}, lag: 10}}   # the next wave starts 10 working days "
        "after this one's go-live"
        if go_live
        else ""
    )
    format_line = f"  format: {CURRENT_FORMAT}".ljust(37)
    extends_line = f"  extends: {parent.meta.id}".ljust(37)
    pack_yaml = f"""{SCHEMA_LINE}# The know-how pack '{name}'. Every *.yaml file in this folder is part of it;
# only this file has 'pack:'. Check your work with:  implkit packs validate {name} --strict
# Texts are bilingual: a plain string, or {{en: ..., zh: ...}}.
pack:
  id: {name}
  name: {{en: {title} implementation pack, zh: {title} 行业实施包}}
  description:
    en: What this pack adds to '{parent.meta.id}' (write it for the consultants who will use it).
    zh: 本行业包在'{parent.meta.id}'基础上补充的内容（写给使用它的顾问）。
  version: 0.1.0
{format_line}# the pack format (implkit packs upgrade keeps it current)
  industry: {name}
{extends_line}# items of '{parent.meta.id}' are inherited; change them by id
  systems: [ERP]                     # systems this pack knows about
  authors: []
  # How a phased rollout runs: a pilot site, then waves of sites; and the training timetable.
  rollout:
    site: {{en: site, zh: 站点}}         # what one site is called: plant, hospital, store ...
    pilot_sites: 1                     # sites in the pilot
    wave_size: 3                       # sites per wave after the pilot{next_wave}
    rooms_per_site: 1                  # training rooms per site
    trainers: 2                        # trainers teaching at the same time
    # Training shifts: [start, end] slots within one day. The FIRST shift is the default
    # for every audience that names none: make it the one most audiences train in.
    shifts:
      - {{id: day, name: {{en: Day shift, zh: 白班}}, slots: [["08:30", "12:00"], ["13:30", "17:30"]]}}
      - {{id: evening, name: {{en: Evening, zh: 晚班}}, slots: [["18:00", "21:00"]]}}

# Days on which no go-live or cutover may fall, every year (peaks, holidays, closes).
blackouts:
  - id: {name}.year-end
    name: {{en: Year-end close, zh: 年终结账}}
    reason: {{en: Finance closes the year; no system change, zh: 财务年终结账期间不做系统切换}}
    yearly: {{start: "12-20", end: "01-10"}}   # MM-DD, quoted; an end before the start runs into the next year
  - id: {name}.spring-festival
    name: {{en: Spring Festival, zh: 春节}}
    spring_festival: {{before: 10, after: 10}}   # calendar days around Chinese New Year
    when: {{country: CN}}

# Drop parent items you do not want (their task links are bridged):
# remove: [some.parent-task-id]
"""
    tasks_yaml = f"""{SCHEMA_LINE}# Tasks: durations are working days; 'after' lists tasks that must finish first.
tasks:
  - id: {name}.process-walkthrough
    name: {{en: Walk through the industry's key processes, zh: 梳理行业关键业务流程}}
    phase: {phase}
    after: [{follows}]               # placed right after this task in the plan{before_line}
    duration: 2
    owner: {owner}
    effort: {{{owner}: 2}}
    deliverables: [{{en: Process map, zh: 流程图}}]
    # the level (1-4) the task needs per skill, beyond its owner role's profile; skills:
    # method, configuration, data-migration, integration, training-delivery, communication
    competencies: {{method: 3, communication: 2}}
    # when: {{systems: [MES]}}          # only when MES is in scope
    # per_wave: true                   # repeated for every rollout wave (id@w2, id@w3 ...)

  # Change a parent task: give its id, 'override: true' and only the fields to change.
  # - id: {follows}
  #   override: true
  #   duration: 2
"""
    risks_yaml = f"""{SCHEMA_LINE}# Risks: likelihood and impact from 1 (low) to 5 (high).
risks:
  - id: {name}.key-users-unavailable
    title: {{en: Key users are not released from daily work, zh: 关键用户无法脱产参与项目}}
    category: people
    phase: {phase}
    likelihood: 3
    impact: 4
    owner: {manager}
    trigger: {{en: Workshop attendance below 70%, zh: 研讨会出勤率低于70%}}
    mitigation: {{en: Agree release time with department heads at kickoff, zh: 启动会上与各部门负责人约定脱产时间}}
    contingency: {{en: Escalate to the steering committee, zh: 上报项目指导委员会}}

# Lessons learned: what went wrong on a real project, what to do instead, and the early
# sign ('trigger') that a project is walking into it. Shown at the gate of its phase.
lessons:
  - id: {name}.lesson-release-time
    title: {{en: Agree the key users' release time in writing, zh: 书面约定关键用户的脱产时间}}
    pitfall: {{en: Key users attended one workshop in three; the blueprint missed half the exceptions, zh: 关键用户仅参加三分之一的研讨会，蓝图遗漏了一半的例外场景}}
    advice: {{en: Put the release time in the charter and review attendance weekly, zh: 将脱产时间写入项目章程，并每周检查出勤}}
    trigger: {{en: Two workshops in a row without the same key user, zh: 连续两次研讨会关键用户缺席}}
    phase: {phase}
"""
    courses_yaml = f"""{SCHEMA_LINE}# Audiences: who is trained, how many, when and in which shifts.
audiences:
  - id: {name}.shift-workers
    name: {{en: Shift workers, zh: 倒班人员}}
    description: {{en: Work the evening shift; trained after their shift starts, zh: 上晚班的员工，在晚班时段培训}}
    headcount: 40                      # a fixed number of people (or share: 0.1 of the users)
    hours: [2, 4]                      # target training hours per person
    stage: end-users                   # trained per wave, shortly before their go-live
    shifts: [evening]                  # the shifts of pack.rollout their classes take

# Courses: tier is basic, advanced or self-support; minutes per module.
courses:
  - id: {name}.basics
    code: {name.upper()[:6]}-101
    title: {{en: Daily work in the new system, zh: 新系统日常操作}}
    tier: basic
    audiences: [{audience}]
    mode: offline-hands-on
    objectives:
      - {{en: Complete the daily transactions without help, zh: 独立完成日常业务操作}}
    modules:
      - {{topic: {{en: Log on and find your work, zh: 登录与查找待办}}, minutes: 30}}
      - {{topic: {{en: The daily transactions, zh: 日常业务处理}}, minutes: 90}}
    materials: [slides, exercise-script, quick-reference-card]
    assessment: {{en: Hands-on exercise on the training system, zh: 培训环境上机实操考核}}
    pass_mark: 80
    evaluation_level: 3
  - id: {name}.shift-basics
    code: {name.upper()[:6]}-102
    title: {{en: The new system on your shift, zh: 本班次的新系统操作}}
    tier: basic
    audiences: [{name}.shift-workers]
    mode: offline-hands-on
    modules:
      - {{topic: {{en: Your transactions, zh: 本岗位业务操作}}, minutes: 150}}
"""
    return {
        "pack.yaml": pack_yaml,
        "tasks.yaml": tasks_yaml,
        "risks.yaml": risks_yaml,
        "courses.yaml": courses_yaml,
        "pack.schema.json": schema_text(),
    }


def new_pack(
    name: str, extends: str = "base", out: Path | None = None, packs_dir: Path | None = None
) -> Path:
    """Write the starter pack folder ``out/name`` (``out`` defaults to the working
    folder, so it can be passed to ``--packs-dir`` later); refuse a non-empty folder."""
    if not re.match(ID_PATTERN, name) or len(name) > 80:
        raise InputError(
            f"'{name}' is not a valid pack name: use lowercase letters, digits and - only "
            "(e.g. retail)"
        )
    target = (out if out is not None else Path.cwd()) / name
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(
            Problem(
                str(target), 0, 0, "folder exists and is not empty; choose another name or --out"
            )
        )
    packs = available_packs(packs_dir)
    if extends not in packs:
        raise InputError(f"--extends: {unknown_pack_message(extends, list(packs))}")
    parent = load_pack(packs[extends], packs_dir)
    files = starter_files(name, parent)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.partial"
    staging.mkdir()  # honours the umask, unlike tempfile.mkdtemp
    try:
        for file, text in files.items():
            (staging / file).write_text(text, encoding="utf-8")
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target

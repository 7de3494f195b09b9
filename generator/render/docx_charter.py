"""The project charter (project-charter.docx).

Cover, contents, objectives, scope (systems, strategy, phases, migration and
training in numbers), governance (steering committee, CCB, project roles, the
joint working group with each department's interface person), timeline summary
with milestones, the requirements-freeze rule with its dates, then a landscape
section with the quality gates, the top ten risks and the communication plan,
and a sign-off page for the sponsor and both project managers.

The Kit carries no free-text objectives: they are stated from the Kit's own
numbers (go-live date, key-node gates, freeze, training, migration, the
post-project evaluation), so they always match the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from docx.shared import Cm

from generator.i18n import translator
from generator.kit_model import Ceremony, Kit
from generator.render.charter_labels import CADENCE, WEEKDAYS
from generator.render.charter_labels import LABELS as LABELS
from generator.render.docx_common import DocWriter, fmt_date
from generator.render.docx_knowledge import lessons_section
from generator.render.docx_waves import waves_section

TOP_RISKS = 10


def _role(kit: Kit, role_id: str) -> str:
    """Role display name; our own label when the pack does not define the role."""
    name = kit.role_name(role_id)
    if name == role_id:
        return LABELS[kit.lang].get(role_id, role_id)
    return name


def _join(kit: Kit, items: Sequence[str]) -> str:
    return translator(kit.lang).join(items)


def _when(kit: Kit, ceremony: Ceremony) -> str:
    tr = translator(kit.lang)
    day = WEEKDAYS[kit.lang][ceremony.weekday % 7]
    cadence = CADENCE[kit.lang].get(ceremony.cadence, ceremony.cadence)
    values = {"cadence": cadence, "day": day, "time": ceremony.time, "n": ceremony.minutes}
    if ceremony.cadence == "daily":
        return tr("{cadence} {time}, {n} min").format(**values)
    return tr("{cadence} {day} {time}, {n} min").format(**values)


def render_charter(kit: Kit, path: Path, *, template: Path | None = None) -> None:
    """Write the project charter for ``kit`` to ``path``."""
    lab = LABELS[kit.lang]
    writer = DocWriter(
        kit, title=lab["title"], subject=lab["subject"], category=lab["category"], template=template
    )
    _cover(writer, kit)
    writer.toc()
    writer.page_break()
    _objectives(writer, kit)
    _scope(writer, kit)
    _governance(writer, kit)
    _timeline(writer, kit)
    waves_section(writer, kit)  # each wave's go-live, dates moved
    _freeze(writer, kit)
    writer.section(landscape=True)
    _gates(writer, kit)
    _risks(writer, kit)
    lessons_section(writer, kit)
    _communication(writer, kit)
    writer.section(landscape=False)
    _signoff(writer, kit)
    writer.save(path)


def _cover(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    p = kit.project
    facts = [
        (lab["client"], p.client),
        (lab["project"], p.name),
        (lab["systems"], _join(kit, p.systems)),
        (lab["strategy"], lab.get(p.strategy, p.strategy)),
        (lab["start"], fmt_date(p.start)),
        (lab["go_live"], _go_live_span(kit)),
        (lab["finish"], fmt_date(p.finish)),
    ]  # the client's document names the project, not the pack version or the tool
    if p.author:
        facts.append((lab["author"], p.author))
    writer.cover(lab["kicker"], facts)


def _go_live_span(kit: Kit) -> str:
    """The go-live date; for a phased rollout the first and the last wave's, named."""
    dated = [w for w in kit.waves if w.go_live]
    if len(dated) < 2:
        return fmt_date(kit.project.go_live)
    first, last = dated[0], dated[-1]
    return translator(kit.lang)("{first} ({first_wave}) to {last} ({last_wave})").format(
        first=fmt_date(first.go_live),
        first_wave=first.name,
        last=fmt_date(last.go_live),
        last_wave=last.name,
    )


def _objectives(writer: DocWriter, kit: Kit) -> None:
    lab, tr = LABELS[kit.lang], translator(kit.lang)
    p = kit.project
    writer.heading(lab["objectives"], 1)
    writer.para(
        lab["purpose"].format(
            project=p.name, client=p.client, systems=_join(kit, p.systems), pack=kit.pack.name
        )
    )
    objectives = []
    if p.go_live:
        users = tr.n("{n} user", "{n} users", p.users).format(n=p.users)
        sites = tr.n("{n} site", "{n} sites", p.sites).format(n=p.sites)
        dated = [w for w in kit.waves if w.go_live]
        if len(dated) > 1:  # phased: the pilot's date is not every site's date
            objectives.append(
                lab["obj_go_live_waves"].format(
                    systems=_join(kit, p.systems),
                    waves=tr.n("{n} wave", "{n} waves", len(dated)).format(n=len(dated)),
                    strategy=lab.get(p.strategy, p.strategy),
                    pilot=dated[0].name,
                    date=fmt_date(dated[0].go_live),
                    last=fmt_date(dated[-1].go_live),
                    users=users,
                    sites=sites,
                )
            )
        else:
            objectives.append(
                lab["obj_go_live"].format(
                    systems=_join(kit, p.systems),
                    date=fmt_date(p.go_live),
                    strategy=lab.get(p.strategy, p.strategy),
                    users=users,
                    sites=sites,
                )
            )
    objectives.append(lab["obj_finish"].format(date=fmt_date(p.finish)))
    if kit.freeze:
        objectives.append(
            lab["obj_freeze"].format(start=fmt_date(kit.freeze.start), end=fmt_date(kit.freeze.end))
        )
    if kit.training_window:
        objectives.append(
            lab["obj_training"].format(
                start=fmt_date(kit.training_window[0]), end=fmt_date(kit.training_window[1])
            )
        )
    if kit.migration:
        loads = max(m.wave for m in kit.migration)
        objectives.append(
            lab["obj_migration"].format(
                count=tr.n("{n} data object", "{n} data objects", len(kit.migration)).format(
                    n=len(kit.migration)
                ),
                waves=tr.n("{n} load wave", "{n} load waves", loads).format(n=loads),
            )
        )
    evaluation = kit.anchor("evaluation")
    objectives.append(
        lab["obj_evaluation"].format(date=fmt_date(evaluation))
        if evaluation
        else lab["obj_evaluation_nodate"]
    )
    writer.bullets(objectives)
    key_nodes = [g for g in kit.gates if g.kind == "key-node"]
    if key_nodes:
        writer.heading(lab["key_nodes"], 2)
        writer.bullets(
            [
                lab["obj_key_node"].format(
                    gate=g.name,
                    roles=_join(kit, [_role(kit, r) for r in g.signoff]) or lab["none"],
                    date=fmt_date(g.date),
                )
                for g in key_nodes
            ]
        )


def _scope(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    p = kit.project
    writer.heading(lab["scope"], 1)
    writer.heading(lab["scope_systems"], 2)
    writer.kv_table(
        [
            (lab["systems"], list(p.systems) or lab["none"]),
            (lab["strategy"], lab.get(p.strategy, p.strategy)),
            (lab["sites"], str(p.sites)),
            (lab["users"], str(p.users)),
        ],
        (1, 3),
    )
    writer.heading(lab["scope_phases"], 2)
    writer.table(
        ("#", lab["phase"], lab["description"], lab["start"], lab["finish"], lab["tasks"]),
        [
            (
                str(ph.number),
                ph.name,
                ph.description,
                fmt_date(ph.start),
                fmt_date(ph.finish),
                str(len(ph.task_ids)),
            )
            for ph in kit.phases
        ],
        (0.35, 1.6, 3.2, 1.05, 1.05, 0.6),
        align_right=(0, 5),
    )
    if kit.migration:
        writer.heading(lab["scope_data"], 2)
        writer.para(
            lab["scope_data_text"].format(
                count=len(kit.migration), names=_join(kit, [m.name for m in kit.migration])
            )
        )
    if kit.courses:
        writer.heading(lab["scope_training"], 2)
        writer.para(
            lab["scope_training_text"].format(
                courses=len(kit.courses),
                audiences=len(kit.audiences),
                sessions=len(kit.sessions),
            )
        )


def _ceremony_for(kit: Kit, key: str) -> Ceremony | None:
    return next((c for c in kit.ceremonies if key in c.id), None)


def _body(writer: DocWriter, kit: Kit, role_id: str, fallback: str, ceremony_key: str) -> None:
    lab = LABELS[kit.lang]
    role = next((r for r in kit.roles if r.id == role_id), None)
    writer.para(role.description if role and role.description else fallback)
    ceremony = _ceremony_for(kit, ceremony_key)
    if ceremony:
        writer.kv_table(
            [
                (lab["meets"], _when(kit, ceremony)),
                (lab["chair"], _role(kit, ceremony.chair)),
                (lab["members"], _join(kit, [_role(kit, a) for a in ceremony.attendees])),
            ],
            (1, 3),
        )


def _governance(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["governance"], 1)
    writer.heading(lab["steering"], 2)
    _body(writer, kit, "steering-committee", lab["steering_text"], "steering")
    writer.heading(lab["ccb"], 2)
    _body(writer, kit, "ccb", lab["ccb_text"], "ccb")
    writer.heading(lab["jwg"], 2)
    writer.para(lab["jwg_text"])
    named = [s for s in kit.stakeholders if s.interface_person]
    rows = [
        (s.department, s.name, _role(kit, s.role) if s.role else "", s.engagement) for s in named
    ]
    if rows:
        writer.table(
            (lab["department"], lab["interface"], lab["role"], lab["engagement"]),
            rows,
            (1.2, 1.7, 1.5, 2.6),
        )
    covered = {s.department for s in named}
    missing = list(
        dict.fromkeys(s.department for s in kit.stakeholders if s.department not in covered)
    )
    if missing:
        writer.labelled(lab["jwg_missing_label"], _join(kit, missing))
    writer.heading(lab["roles"], 2)
    sides = {"vendor": lab["vendor"], "client": lab["client_side"], "joint": lab["joint"]}
    writer.table(
        (lab["role"], lab["side"], lab["description"]),
        [(r.name, sides.get(r.side, r.side), r.description) for r in kit.roles],
        (1.6, 0.8, 4.0),
        first_column_bold=True,
    )


def _timeline(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    p = kit.project
    writer.heading(lab["timeline"], 1)
    writer.para(
        lab["timeline_text"].format(
            start=fmt_date(p.start), finish=fmt_date(p.finish), go_live=fmt_date(p.go_live)
        )
    )
    writer.table(
        ("#", lab["phase"], lab["start"], lab["finish"]),
        [(str(ph.number), ph.name, fmt_date(ph.start), fmt_date(ph.finish)) for ph in kit.phases],
        (0.4, 3.0, 1.2, 1.2),
        align_right=(0,),
    )
    writer.heading(lab["milestones"], 2)
    gates = {g.task_id: g for g in kit.gates}
    phases = {ph.id: ph.name for ph in kit.phases}
    rows = []
    for task in sorted(kit.tasks, key=lambda t: (t.finish, t.wbs)):
        if not task.milestone:
            continue
        gate = gates.get(task.id)
        if gate is not None:
            kind = lab["key_node"] if gate.kind == "key-node" else lab["gate"]
            signoff = _join(kit, [_role(kit, r) for r in gate.signoff])
        else:
            kind, signoff = lab["plain_milestone"], ""
        rows.append(
            (fmt_date(task.finish), task.name, phases.get(task.phase, task.phase), kind, signoff)
        )
    writer.table(
        (lab["date"], lab["milestone"], lab["phase"], lab["kind"], lab["signoff"]),
        rows,
        (1.3, 2.7, 1.1, 1.1, 1.8),
    )


def _freeze(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["freeze"], 1)
    freeze = kit.freeze
    if freeze is None:
        writer.para(lab["freeze_none"])
        return
    tasks = {t.id: t for t in kit.tasks}
    signoff = tasks.get(freeze.signoff_task)
    development = tasks.get(freeze.development_task)
    # the development-start milestone falls at the end of its day; the freeze ends the
    # day before development starts (FreezeWindow contract), so work starts the day after
    dev_start = freeze.end + timedelta(days=1)
    writer.para(
        lab["freeze_rule"].format(
            days=freeze.days,
            signoff_task=signoff.name if signoff else freeze.signoff_task,
            signoff_date=fmt_date(signoff.finish) if signoff else "",
            start=fmt_date(freeze.start),
            end=fmt_date(freeze.end),
            dev_date=fmt_date(dev_start),
            dev_task=development.name if development else freeze.development_task,
        )
    )
    pairs = []
    if signoff:
        pairs.append((lab["prototype"], fmt_date(signoff.finish)))
    pairs += [
        (lab["freeze_start"], fmt_date(freeze.start)),
        (lab["freeze_end"], fmt_date(freeze.end)),
    ]
    if development:
        # the plan dates a milestone at the end of its day (as MS Project does); name both
        # so the charter and the plan read the same date for the same thing
        pairs.append((lab["development_milestone"], fmt_date(development.finish)))
    pairs.append((lab["development"], fmt_date(dev_start)))
    writer.kv_table(pairs, (1, 2))


def _gates(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["gates"], 1)
    if not kit.gates:
        writer.para(lab["none"], italic=True)
        return
    writer.table(
        (lab["date"], lab["gate"], lab["entry"], lab["exit"], lab["signoff"]),
        [
            (
                fmt_date(g.date),
                g.name,
                list(g.entry_criteria) or lab["none"],
                list(g.exit_criteria) or lab["none"],
                [_role(kit, r) for r in g.signoff] or lab["none"],
            )
            for g in sorted(kit.gates, key=lambda g: (g.date, g.id))
        ],
        (1.0, 2.0, 3.4, 3.4, 1.6),
    )


def _risks(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["risks"], 1)
    top = sorted(kit.risks, key=lambda r: (-r.score, r.id))[:TOP_RISKS]
    if not top:
        writer.para(lab["none"], italic=True)
        return
    writer.para(lab["risks_text"].format(count=len(top), total=len(kit.risks)))
    writer.table(
        (
            "#",
            lab["risk"],
            lab["likelihood"],
            lab["impact"],
            lab["score"],
            lab["owner"],
            lab["trigger"],
            lab["mitigation"],
        ),
        [
            (
                str(i),
                r.title,
                str(r.likelihood),
                str(r.impact),
                str(r.score),
                _role(kit, r.owner),
                r.trigger,
                r.mitigation,
            )
            for i, r in enumerate(top, start=1)
        ],
        (0.3, 2.4, 0.55, 0.55, 0.65, 1.3, 2.0, 3.0),
        align_right=(0, 2, 3, 4),
    )


def _communication(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["communication"], 1)
    if not kit.ceremonies:
        writer.para(lab["none"], italic=True)
        return
    writer.table(
        (
            lab["meeting"],
            lab["purpose_col"],
            lab["when"],
            lab["chair"],
            lab["attendees"],
            lab["period"],
        ),
        [
            (
                c.name,
                c.purpose,
                _when(kit, c),
                _role(kit, c.chair),
                _join(kit, [_role(kit, a) for a in c.attendees]),
                f"{fmt_date(c.first)} – {fmt_date(c.until)}",
            )
            for c in kit.ceremonies
        ],
        (1.8, 2.6, 1.6, 1.3, 2.4, 1.5),
        first_column_bold=True,
    )


def _signoff(writer: DocWriter, kit: Kit) -> None:
    lab = LABELS[kit.lang]
    writer.heading(lab["approval"], 1)
    writer.para(lab["approval_text"], space_after=12)
    table = writer.table(
        (lab["role"], lab["name"], lab["signature"], lab["date"]),
        [
            (lab[role_id], "", "", "")
            for role_id in ("sponsor", "client-project-manager", "project-manager")
        ],
        (1.6, 1.6, 2.0, 1.0),
        size=10,
        first_column_bold=True,
    )
    for row in table.rows[1:]:
        row.height = Cm(1.6)

"""The wiki's home page and its plan pages: phases, tasks and gates."""

from __future__ import annotations

from collections import defaultdict

from generator.wiki import markdown as md
from generator.wiki.site import MAX_TITLE, Page, Site
from generator.wiki.templates import TemplateFile


class PlanPages(Site):
    """Writes the home page and one page per phase, task and gate."""

    def home(self) -> None:
        L, meta = self.L, self.pack.meta
        path = "index.md"
        title = f"{L['home']} · {self.t(meta.name)}"
        if any(p.title.casefold() == title.casefold() for p in self.pages.values()):
            title += f" ({meta.id})"
        home = Page(path, "pack", meta.id, title[:MAX_TITLE])
        facts = [
            (L["version"], meta.version),
            (L["industry"], meta.industry),
            (L["systems"], ", ".join(meta.systems)),
            (L["extends"], " → ".join(self.t(n) for n in self.pack.names[:-1])),
        ]
        body = [md.text(self.t(meta.description)), ""]
        body += md.table(["", ""], [(md.text(k), md.text(v)) for k, v in facts if v])
        sections = [
            ("phases", "phase", [lp.item.id for lp in self.pack.phases]),
            ("gates", "gate", [lp.item.id for lp in self.pack.gates]),
            ("courses", "course", [lp.item.id for lp in self.pack.courses]),
            ("migration", "migration", [lp.item.id for lp in self.pack.migration]),
            ("lessons", "lesson", [lp.item.id for lp in self.pack.lessons]),
            ("templates", "template", [f"{t.pack}/{t.path}" for t in self.templates]),
        ]
        for label, kind, ids in sections:
            if ids:
                body += ["", f"## {md.text(L[label])}", ""]
                body += md.bullets(self.ref(path, kind, i) for i in ids)
        body += ["", f"## {md.text(L['tasks'])}", ""]
        body += md.table(
            [md.text(L["phase"]), md.text(L["task"])],
            [
                (self.ref(path, "phase", t.item.phase), self.ref(path, "task", t.item.id))
                for t in self.pack.tasks
            ],
        )
        self.wiki.titles[path] = home.title
        self.emit(home, body)

    def phases(self) -> None:
        L = self.L
        for located in self.pack.phases:
            phase = located.item
            page = self.pages[("phase", phase.id)]
            body = [md.text(self.t(phase.description)), "", f"## {md.text(L['tasks'])}", ""]
            body += md.table(
                [md.text(L["task"]), md.text(L["duration"]), md.text(L["owner"])],
                [
                    (
                        self.ref(page.path, "task", t.item.id),
                        f"{t.item.duration:g}",
                        md.text(self.role(t.item.owner)),
                    )
                    for t in self.pack.tasks
                    if t.item.phase == phase.id
                ],
            )
            gates = [g.item.id for g in self.pack.gates if g.item.phase == phase.id]
            if gates:
                body += ["", f"## {md.text(L['gates'])}", ""]
                body += md.bullets(self.ref(page.path, "gate", g) for g in gates)
            body += ["", *self.lesson_block(page.path, phase.id, L["lessons_of_phase"])]
            self.emit(page, body, {"order": phase.order})

    def tasks(self) -> None:
        L = self.L
        successors: dict[str, list[str]] = defaultdict(list)
        for located in self.pack.tasks:
            for dep in located.item.after:
                successors[dep.id].append(located.item.id)
            for later in located.item.before:
                successors[located.item.id].append(later)
        uses: dict[str, list[TemplateFile]] = defaultdict(list)
        for template in self.templates:
            for task_id in template.tasks:
                uses[task_id].append(template)
        for located in self.pack.tasks:
            task = located.item
            page = self.pages[("task", task.id)]
            facts = [
                (L["phase"], self.ref(page.path, "phase", task.phase)),
                (L["duration"], f"{task.duration:g}"),
                (L["owner"], md.text(self.role(task.owner))),
                (L["milestone"], md.text(L["yes"] if task.milestone else L["no"])),
                (L["when"], md.text(self.condition(task.when))),
            ]
            if task.key_node:
                facts.append((L["key_node"], md.text(self._node(task.key_node))))
            body = [md.text(self.t(task.description)), ""]
            body += md.table(["", ""], [(md.text(k), v) for k, v in facts])
            if task.effort:
                body += ["", f"## {md.text(L['effort'])}", ""]
                body += md.table(
                    [md.text(L["role"]), md.text(L["days"])],
                    [(md.text(self.role(r)), f"{d:g}") for r, d in task.effort.items()],
                )
            if task.after:
                body += ["", f"## {md.text(L['after'])}", ""]
                body += md.bullets(self.step(page.path, d.id) for d in task.after)
            if successors.get(task.id):
                body += ["", f"## {md.text(L['before'])}", ""]
                body += md.bullets(self.step(page.path, s) for s in successors[task.id])
            if task.deliverables:
                body += ["", f"## {md.text(L['deliverables'])}", ""]
                body += md.bullets(md.text(self.t(d)) for d in task.deliverables)
            if uses.get(task.id):
                body += ["", f"## {md.text(L['uses'])}", ""]
                body += md.bullets(
                    self.ref(page.path, "template", f"{t.pack}/{t.path}") for t in uses[task.id]
                )
            gate = self.closing_gate(task.phase)
            heading = (
                L["lessons_at_gate"].format(gate=self.t(gate.name))
                if gate
                else L["lessons_of_phase"]
            )
            body += ["", *self.lesson_block(page.path, task.phase, heading, gate)]
            duration = int(task.duration) if task.duration.is_integer() else task.duration
            self.emit(page, body, {"owner": task.owner, "duration": duration})

    def _node(self, node: str) -> str:
        key = {"migration": "migration_node", "configuration": "configuration_node"}.get(node, node)
        return self.L[key]

    def gates(self) -> None:
        L = self.L
        for located in self.pack.gates:
            gate = located.item
            page = self.pages[("gate", gate.id)]
            kind = L["phase_gate"] if gate.kind == "phase-gate" else L["key_node_gate"]
            if gate.key_node:
                kind += f": {self._node(gate.key_node)}"
            facts = [
                (L["phase"], self.ref(page.path, "phase", gate.phase)),
                (L["kind"], md.text(kind)),
                (L["signoff"], md.text(", ".join(self.role(r) for r in gate.signoff))),
                (L["when"], md.text(self.condition(gate.when))),
            ]
            body = md.table(["", ""], [(md.text(k), v) for k, v in facts])
            for label, texts in (
                (L["entry"], gate.entry_criteria),
                (L["exit"], gate.exit_criteria),
            ):
                if texts:
                    body += ["", f"## {md.text(label)}", ""]
                    body += md.bullets(md.text(self.t(x)) for x in texts)
            if gate.after:
                body += ["", f"## {md.text(L['after'])}", ""]
                body += md.bullets(self.step(page.path, a) for a in gate.after)
            closes = self.closing_gate(gate.phase)
            if closes is not None and closes.id == gate.id:
                body += ["", *self.lesson_block(page.path, gate.phase, L["checked_at"])]
            self.emit(page, body, {"gate_kind": gate.kind})

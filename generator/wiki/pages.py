"""The pages of a pack's wiki: ``wiki_pages(pack, lang, generator_version) -> Wiki``.

The tree (paths POSIX, relative to ``--out``)::

    index.md                      the pack: overview and every section's list
    phases/<nn>-<phase id>.md     per phase: its tasks, gates, lessons, templates
    tasks/<task id>.md            per task: duration, owner, effort, links, templates,
                                  the lessons checked at the gate closing its phase
    gates/<gate id>.md            entry/exit criteria, sign-off, lessons checked at it
    courses/<course id>.md        tier, audiences, modules, assessment, Kirkpatrick level
    lessons/<lesson id>.md        pitfall, advice, early warning sign, the projects and
                                  people who recorded it
    migration/<object id>.md      source, target, load wave, reconciliation, fields
    templates/<pack>-<path>.md    a template file: the tasks that use it, its text
    _attachments/<pack>/<path>    a template that is not text, as a file to download

Every page starts with YAML front matter: ``title`` (unique in the tree, at most 255
characters: Confluence's and the static engines' page title), ``id``, ``kind``, ``phase``,
``tags``, ``pack``, ``pack_version`` and ``lang``. The wiki shows the whole pack, items
with a ``when`` condition included (the condition is written on their page). A lesson is
"checked at the gate" that closes its phase (the phase's last phase gate), as in a kit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.kit.texts import MATERIALS, RECONCILIATION
from generator.kit_model import TIER_NAMES, TIERS
from generator.packs.model import Condition, GateDef, LessonDef, Text, resolve_text
from generator.packs.resolved import ResolvedPack
from generator.wiki import markdown as md
from generator.wiki.labels import LABELS

MAX_TITLE = 255  # Confluence page titles; also within the 255-byte file-name limits
MAX_TEMPLATE_BYTES = 2_000_000  # a template larger than this is listed, not copied


@dataclass
class Wiki:
    """The pages (path -> Markdown text), the attachments (path -> bytes) and each page's
    title (path -> title), in the order they were made."""

    pages: dict[str, str] = field(default_factory=dict)
    attachments: dict[str, bytes] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Page:
    path: str
    kind: str
    item_id: str
    title: str
    phase: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class TemplateFile:
    """A file of a pack's templates/ folder: the pack, its path below templates/, the
    template entry's id ("" for a file without an entry) and the tasks it names."""

    pack: str
    path: str
    folder: Path
    entry: str = ""
    tasks: tuple[str, ...] = ()
    when: Condition | None = None


def template_files(pack: ResolvedPack) -> list[TemplateFile]:
    """Every file under the chain's ``templates/`` folders with its entry, chain order."""
    entries = {(t.source.pack, t.item.path): t.item for t in pack.templates}
    by_path = {t.item.path: t.item for t in pack.templates}
    out: list[TemplateFile] = []
    for pack_id, folder in zip(pack.chain, pack.dirs, strict=False):
        root = folder / "templates"
        if not root.is_dir() or root.is_symlink():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_symlink() or not path.is_file() or path.name.startswith("."):
                continue
            rel = path.relative_to(root).as_posix()
            entry = entries.get((pack_id, rel)) or by_path.get(rel)
            out.append(
                TemplateFile(
                    pack_id,
                    rel,
                    path,
                    entry.id if entry else "",
                    tuple(entry.tasks) if entry else (),
                    entry.when if entry else None,
                )
            )
    return out


def _attachment_name(path: str) -> str:
    """``path`` with the characters attachment uploads refuse (``: * ? " < > | #``, control
    characters) replaced by "-", and no name starting or ending with a period."""
    import re

    parts = [
        re.sub(r'[:*?"<>|#\\\x00-\x1f\x7f]', "-", part).strip(".") or "-"
        for part in path.split("/")
    ]
    return "/".join(parts)


def _slug(text: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in text)


class _Builder:
    def __init__(self, pack: ResolvedPack, lang: str, generator_version: str) -> None:
        self.pack = pack
        self.lang = lang
        self.L = LABELS[lang]
        self.version = generator_version
        self.wiki = Wiki()
        self.pages: dict[tuple[str, str], _Page] = {}
        self.templates = template_files(pack)
        self.phase_order = {lp.item.id: n for n, lp in enumerate(pack.phases, start=1)}

    # --- texts ------------------------------------------------------------------------
    def t(self, value: Text | None) -> str:
        return resolve_text(value, self.lang)

    def role(self, role_id: str) -> str:
        for located in self.pack.roles:
            if located.item.id == role_id:
                return self.t(located.item.name)
        return role_id

    def condition(self, when: Condition | None) -> str:
        if when is None:
            return self.L["always"]
        parts = []
        for key, value in when.model_dump(exclude_none=True).items():
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            parts.append(f"{key}: {shown}")
        return "; ".join(parts)

    # --- page registry ------------------------------------------------------------------
    def plan(self) -> None:
        """Every page's path and title first, so any page can link to any other."""
        L = self.L
        for phase in (lp.item for lp in self.pack.phases):
            number = self.phase_order[phase.id]
            self._add(
                "phase",
                phase.id,
                f"phases/{number:02d}-{phase.id}.md",
                f"{L['phase']} {number} · {self.t(phase.name)}",
                phase.id,
            )
        for task in (lt.item for lt in self.pack.tasks):
            self._add(
                "task",
                task.id,
                f"tasks/{task.id}.md",
                f"{L['task']} · {self.t(task.name)}",
                task.phase,
                tuple(task.tags),
            )
        for gate in (lg.item for lg in self.pack.gates):
            self._add(
                "gate",
                gate.id,
                f"gates/{gate.id}.md",
                f"{L['gate']} · {self.t(gate.name)}",
                gate.phase,
            )
        for course in (lc.item for lc in self.pack.courses):
            self._add(
                "course",
                course.id,
                f"courses/{course.id}.md",
                f"{L['course']} · {course.code} {self.t(course.title)}",
                "",
                (course.tier,),
            )
        for lesson in (ll.item for ll in self.pack.lessons):
            self._add(
                "lesson",
                lesson.id,
                f"lessons/{lesson.id}.md",
                f"{L['lesson']} · {self.t(lesson.title)}",
                lesson.phase or "",
            )
        for obj in (lm.item for lm in self.pack.migration):
            self._add(
                "migration",
                obj.id,
                f"migration/{obj.id}.md",
                f"{L['object']} · {self.t(obj.name)}",
                "",
                (obj.kind,),
            )
        for template in self.templates:
            key = f"{template.pack}/{template.path}"
            self._add(
                "template",
                key,
                f"templates/{_slug(template.pack + '-' + template.path.replace('/', '-').replace('.', '-'))}.md",
                f"{L['template']} · {template.path}",
                "",
            )
        self._unique_titles()

    def _add(
        self,
        kind: str,
        item_id: str,
        path: str,
        title: str,
        phase: str,
        tags: tuple[str, ...] = (),
    ) -> None:
        self.pages[(kind, item_id)] = _Page(path, kind, item_id, title, phase, tags)

    def _unique_titles(self) -> None:
        """Titles unique without regard to case (Confluence: unique per space), each within
        :data:`MAX_TITLE` characters; a clash or a cut keeps the item's id in the title."""
        counts: dict[str, int] = defaultdict(int)
        for page in self.pages.values():
            counts[page.title.casefold()] += 1
        for key, page in list(self.pages.items()):
            title = page.title
            suffix = f" ({page.item_id})" if counts[title.casefold()] > 1 else ""
            if len(title) + len(suffix) > MAX_TITLE:
                suffix = suffix or f" ({page.item_id})"
                title = title[: MAX_TITLE - len(suffix) - 1].rstrip() + "…"
            self.pages[key] = _Page(
                page.path, page.kind, page.item_id, title + suffix, page.phase, page.tags
            )

    def page(self, kind: str, item_id: str) -> _Page | None:
        return self.pages.get((kind, item_id))

    def ref(self, source: str, kind: str, item_id: str, label: str | None = None) -> str:
        """A link to the page of (kind, id), or the id as text when it has no page."""
        target = self.page(kind, item_id)
        if target is None:
            return md.text(label or item_id)
        return md.link(label or target.title, source, target.path)

    def step(self, source: str, item_id: str) -> str:
        """A link to a task or a gate, whichever has the id."""
        if self.page("task", item_id):
            return self.ref(source, "task", item_id)
        return self.ref(source, "gate", item_id)

    # --- writing ------------------------------------------------------------------------
    def emit(self, page: _Page, body: list[str], extra: dict[str, Any] | None = None) -> None:
        meta = self.pack.meta
        fields: dict[str, Any] = {"title": page.title, "id": page.item_id, "kind": page.kind}
        if page.phase:
            fields["phase"] = page.phase
        fields["tags"] = [page.kind, *([page.phase] if page.phase else []), *page.tags]
        fields.update(extra or {})
        fields["pack"] = meta.id
        fields["pack_version"] = meta.version
        fields["lang"] = self.lang
        footer = self.L["generated"].format(pack=meta.id, version=meta.version)
        lines = [f"# {md.text(page.title)}", "", *body, "", f"*{md.text(footer)}*", ""]
        self.wiki.pages[page.path] = md.front_matter(fields) + "\n" + "\n".join(lines)
        self.wiki.titles[page.path] = page.title

    # --- the pages ----------------------------------------------------------------------
    def closing_gate(self, phase_id: str) -> GateDef | None:
        found = None
        for located in self.pack.gates:
            gate = located.item
            if gate.phase == phase_id and gate.kind == "phase-gate" and not gate.per_wave:
                found = gate
        return found

    def lessons_of(self, phase_id: str) -> list[LessonDef]:
        return [lp.item for lp in self.pack.lessons if lp.item.phase == phase_id]

    def lesson_block(
        self, source: str, phase_id: str, heading: str, gate: GateDef | None = None
    ) -> list[str]:
        lessons = self.lessons_of(phase_id)
        lines = [f"## {md.text(heading)}", ""]
        if gate is not None:
            lines += [f"→ {self.ref(source, 'gate', gate.id)}", ""]
        if not lessons:
            return [*lines, md.text(self.L["no_lessons"]), ""]
        for lesson in lessons:
            trigger = self.t(lesson.trigger)
            item = self.ref(source, "lesson", lesson.id)
            if trigger:
                item += f" — {md.text(self.L['trigger'])}: {md.text(trigger)}"
            lines.append(f"- {item}")
        return [*lines, ""]

    def home(self) -> None:
        L, meta = self.L, self.pack.meta
        path = "index.md"
        title = f"{L['home']} · {self.t(meta.name)}"
        if any(p.title.casefold() == title.casefold() for p in self.pages.values()):
            title += f" ({meta.id})"
        home = _Page(path, "pack", meta.id, title[:MAX_TITLE])
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

    def courses(self) -> None:
        L = self.L
        audiences = {a.item.id: self.t(a.item.name) for a in self.pack.audiences}
        for located in self.pack.courses:
            course = located.item
            page = self.pages[("course", course.id)]
            facts = [
                (L["code"], md.text(course.code)),
                (L["tier"], md.text(TIER_NAMES[self.lang][course.tier])),
                (L["audiences"], md.text(", ".join(audiences.get(a, a) for a in course.audiences))),
                (L["mode"], md.text(L[course.mode])),
                (L["environment"], md.text(self.t(course.environment))),
                (
                    L["materials"],
                    md.text(", ".join(MATERIALS[self.lang][m] for m in course.materials)),
                ),
                (L["assessment"], md.text(self.t(course.assessment))),
                (L["pass_mark"], f"{course.pass_mark} %"),
                (L["evaluation"], md.text(L[f"k{course.evaluation_level}"])),
                (L["when"], md.text(self.condition(course.when))),
            ]
            body = md.table(["", ""], [(md.text(k), v) for k, v in facts])
            if course.prerequisites:
                body += ["", f"## {md.text(L['prerequisites'])}", ""]
                body += md.bullets(self.ref(page.path, "course", p) for p in course.prerequisites)
            if course.objectives:
                body += ["", f"## {md.text(L['objectives'])}", ""]
                body += md.bullets(md.text(self.t(o)) for o in course.objectives)
            body += ["", f"## {md.text(L['modules'])}", ""]
            body += md.table(
                [md.text(L["topic"]), md.text(L["minutes"]), md.text(L["method"])],
                [
                    (md.text(self.t(m.topic)), str(m.minutes), md.text(self.t(m.method)))
                    for m in course.modules
                ],
            )
            self.emit(
                page,
                body,
                {
                    "code": course.code,
                    "tier": course.tier,
                    "tier_order": TIERS.index(course.tier) + 1,
                },
            )

    def lessons(self) -> None:
        L = self.L
        for located in self.pack.lessons:
            lesson = located.item
            page = self.pages[("lesson", lesson.id)]
            facts = [
                (L["phase"], self.ref(page.path, "phase", lesson.phase) if lesson.phase else ""),
                (L["trigger"], md.text(self.t(lesson.trigger))),
                (L["source"], md.text(self.t(self.pack.name_of(located.source.pack)))),
            ]
            gate = self.closing_gate(lesson.phase) if lesson.phase else None
            if gate is not None:
                facts.append((L["checked_at"], self.ref(page.path, "gate", gate.id)))
            body = md.table(["", ""], [(md.text(k), v) for k, v in facts if v])
            body += ["", f"## {md.text(L['pitfall'])}", "", md.text(self.t(lesson.pitfall))]
            body += ["", f"## {md.text(L['advice'])}", "", md.text(self.t(lesson.advice))]
            if lesson.provenance:
                body += ["", f"## {md.text(L['provenance'])}", ""]
                body += md.table(
                    [md.text(L[k]) for k in ("project", "client", "date", "by", "note")],
                    [
                        tuple(
                            md.text(getattr(p, k))
                            for k in ("project", "client", "date", "by", "note")
                        )
                        for p in lesson.provenance
                    ],
                )
            self.emit(page, body, {"projects": len(lesson.provenance)})

    def migration(self) -> None:
        from generator.load_order import load_order
        from generator.schedule import CycleError

        L = self.L
        objects = [lo.item for lo in self.pack.migration]
        try:
            waves = dict(load_order([o.id for o in objects], [o.depends_on for o in objects]))
        except CycleError:
            waves = {}
        for obj in objects:
            page = self.pages[("migration", obj.id)]
            rec = obj.reconciliation
            check = RECONCILIATION[self.lang][rec.method]
            if rec.sample_percent:
                check += ", " + L["sample"].format(percent=f"{rec.sample_percent:g}")
            tolerance = (
                self.t(rec.tolerance)
                if not isinstance(rec.tolerance, float | int)
                else f"{rec.tolerance:g}"
            )
            check += ", " + L["tolerance"].format(value=tolerance)
            source = self.t(obj.source.system)
            if self.t(obj.source.table):
                source += f" ({self.t(obj.source.table)})"
            approach = ", ".join(x for x in (self.t(obj.approach.tool), L[obj.approach.mode]) if x)
            facts = [
                (L["kind"], md.text(L[obj.kind])),
                (L["source"], md.text(source)),
                (L["target"], md.text(self.t(obj.target))),
                (L["approach"], md.text(approach)),
                (L["wave"], str(waves.get(obj.id, ""))),
                (L["volume"], md.text(self.t(obj.volume))),
                (L["reconciliation"], md.text(check)),
                (L["owner"], md.text(self.role(obj.owner))),
                (L["signoff"], md.text(", ".join(self.role(r) for r in obj.signoff))),
                (L["when"], md.text(self.condition(obj.when))),
            ]
            body = [md.text(self.t(obj.description)), ""]
            body += md.table(["", ""], [(md.text(k), v) for k, v in facts if v])
            if obj.sensitive:
                body += ["", f"**{md.text(L['sensitive'])}**"]
            if obj.depends_on:
                body += ["", f"## {md.text(L['depends_on'])}", ""]
                body += md.bullets(self.ref(page.path, "migration", d) for d in obj.depends_on)
            if obj.cleansing:
                body += ["", f"## {md.text(L['cleansing'])}", ""]
                body += md.bullets(md.text(self.t(c)) for c in obj.cleansing)
            if obj.fields:
                body += ["", f"## {md.text(L['fields'])}", ""]
                body += md.table(
                    [
                        md.text(L[k])
                        for k in ("field", "technical", "type", "length", "mandatory", "validation")
                    ],
                    [
                        (
                            md.text(self.t(f.name)),
                            md.text(f.technical),
                            md.text(f.type),
                            str(f.length or ""),
                            md.text(f.mandatory),
                            md.text(self.t(f.validation)),
                        )
                        for f in obj.fields
                    ],
                )
            self.emit(page, body, {"load_wave": waves.get(obj.id, 0)})

    def template_pages(self) -> None:
        L = self.L
        for template in self.templates:
            key = f"{template.pack}/{template.path}"
            page = self.pages[("template", key)]
            facts = [
                (L["pack"], md.text(self.t(self.pack.name_of(template.pack)))),
                (L["path"], md.text(template.path)),
                (L["when"], md.text(self.condition(template.when))),
            ]
            body = md.table(["", ""], [(md.text(k), v) for k, v in facts])
            if template.tasks:
                body += ["", f"## {md.text(L['used_by'])}", ""]
                body += md.bullets(self.ref(page.path, "task", t) for t in template.tasks)
            data = _read_template(template.folder)
            body += ["", f"## {md.text(L['content'])}", ""]
            shown = _as_text(data)
            if shown is not None:
                body += md.fenced(shown, "markdown" if template.path.endswith(".md") else "")
            else:
                attachment = f"_attachments/{template.pack}/{_attachment_name(template.path)}"
                self.wiki.attachments[attachment] = data
                body.append(md.link(template.path.rsplit("/", 1)[-1], page.path, attachment))
            self.emit(page, body, {"template_id": template.entry} if template.entry else None)


def _read_template(path: Path) -> bytes:
    """The file's bytes (a regular file, never through a link; a larger one than
    :data:`MAX_TEMPLATE_BYTES` is cut there)."""
    import os

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as stream:
        return stream.read(MAX_TEMPLATE_BYTES)


def _as_text(data: bytes) -> str | None:
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None


def wiki_pages(pack: ResolvedPack, lang: str, generator_version: str = "") -> Wiki:
    """Every page of ``pack``'s wiki in ``lang`` (see the module docstring)."""
    builder = _Builder(pack, lang, generator_version)
    builder.plan()
    builder.home()
    builder.phases()
    builder.tasks()
    builder.gates()
    builder.courses()
    builder.lessons()
    builder.migration()
    builder.template_pages()
    return builder.wiki


def titles_by_path(wiki: Wiki) -> Sequence[tuple[str, str]]:
    """(path, title) of every page, in page order."""
    return list(wiki.titles.items())

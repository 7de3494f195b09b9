"""The wiki's page registry and writer: every page's path and unique title planned
before any page is written (so any page links to any other), links between pages,
the front matter and footer of each page. The pages of each kind are written by the
mixins of :mod:`.plan_pages`, :mod:`.course_pages`, :mod:`.lesson_pages`,
:mod:`.migration_pages` and :mod:`.template_pages`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from generator.packs.model import Condition, GateDef, LessonDef, Text, resolve_text
from generator.packs.resolved import ResolvedPack
from generator.wiki import markdown as md
from generator.wiki.labels import LABELS
from generator.wiki.templates import template_files

MAX_TITLE = 255  # Confluence page titles; also within the 255-byte file-name limits


@dataclass
class Wiki:
    """The pages (path -> Markdown text), the attachments (path -> bytes) and each page's
    title (path -> title), in the order they were made."""

    pages: dict[str, str] = field(default_factory=dict)
    attachments: dict[str, bytes] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    """One planned page: its path, kind, item id, unique title, phase and tags."""

    path: str
    kind: str
    item_id: str
    title: str
    phase: str = ""
    tags: tuple[str, ...] = ()


def slug(text: str) -> str:
    """``text`` with every character but ASCII letters, digits and ``._-`` as "-"."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in text)


class Site:
    """The registry of a wiki's pages (:meth:`plan`), the links between them and the
    writer of each page (:meth:`emit`); the page writers are its subclasses."""

    def __init__(self, pack: ResolvedPack, lang: str, generator_version: str) -> None:
        self.pack = pack
        self.lang = lang
        self.L = LABELS[lang]
        self.version = generator_version
        self.wiki = Wiki()
        self.pages: dict[tuple[str, str], Page] = {}
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
                f"templates/{slug(template.pack + '-' + template.path.replace('/', '-').replace('.', '-'))}.md",
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
        self.pages[(kind, item_id)] = Page(path, kind, item_id, title, phase, tags)

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
            self.pages[key] = Page(
                page.path, page.kind, page.item_id, title + suffix, page.phase, page.tags
            )

    def page(self, kind: str, item_id: str) -> Page | None:
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
    def emit(self, page: Page, body: list[str], extra: dict[str, Any] | None = None) -> None:
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

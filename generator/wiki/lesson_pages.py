"""The wiki's lesson pages: pitfall, advice, early warning sign, the gate that checks
the lesson and the projects and people who recorded it."""

from __future__ import annotations

from generator.wiki import markdown as md
from generator.wiki.site import Site


class LessonPages(Site):
    """Writes one page per lesson learned."""

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

"""The wiki's course pages: tier, audiences, modules, assessment, Kirkpatrick level."""

from __future__ import annotations

from generator.kit.texts import MATERIALS
from generator.kit_model import TIER_NAMES, TIERS
from generator.wiki import markdown as md
from generator.wiki.site import Site


class CoursePages(Site):
    """Writes one page per course."""

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

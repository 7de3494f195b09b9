"""The wiki's migration pages: source, target, load wave, reconciliation, fields."""

from __future__ import annotations

from generator.display import FIELD_TYPES
from generator.kit.texts import RECONCILIATION
from generator.wiki import markdown as md
from generator.wiki.site import Site


class MigrationPages(Site):
    """Writes one page per migration object."""

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
                            md.text(FIELD_TYPES[self.lang].get(f.type, f.type)),
                            str(f.length or ""),
                            md.text(L.get(f.mandatory, f.mandatory)),  # yes/no/conditional
                            md.text(self.t(f.validation)),
                        )
                        for f in obj.fields
                    ],
                )
            self.emit(page, body, {"load_wave": waves.get(obj.id, 0)})

"""The wiki's template pages: the tasks that use a template file and its text, or a
link to it as an attachment when it is not text."""

from __future__ import annotations

from generator.wiki import markdown as md
from generator.wiki.site import Site
from generator.wiki.templates import as_text, attachment_name, read_template


class TemplatePages(Site):
    """Writes one page per template file."""

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
            data = read_template(template.folder)
            body += ["", f"## {md.text(L['content'])}", ""]
            shown = as_text(data)
            if shown is not None:
                body += md.fenced(shown, "markdown" if template.path.endswith(".md") else "")
            else:
                attachment = f"_attachments/{template.pack}/{attachment_name(template.path)}"
                self.wiki.attachments[attachment] = data
                body.append(md.link(template.path.rsplit("/", 1)[-1], page.path, attachment))
            self.emit(page, body, {"template_id": template.entry} if template.entry else None)

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

from collections.abc import Sequence

from generator.packs.resolved import ResolvedPack
from generator.wiki.course_pages import CoursePages
from generator.wiki.lesson_pages import LessonPages
from generator.wiki.migration_pages import MigrationPages
from generator.wiki.plan_pages import PlanPages
from generator.wiki.site import MAX_TITLE, Wiki
from generator.wiki.template_pages import TemplatePages
from generator.wiki.templates import MAX_TEMPLATE_BYTES, TemplateFile, template_files

__all__ = [
    "MAX_TEMPLATE_BYTES",
    "MAX_TITLE",
    "TemplateFile",
    "Wiki",
    "template_files",
    "titles_by_path",
    "wiki_pages",
]


class _Builder(PlanPages, CoursePages, LessonPages, MigrationPages, TemplatePages):
    """All the page writers over one registry (:class:`~generator.wiki.site.Site`)."""


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

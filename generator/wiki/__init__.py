"""The pack as a Markdown wiki (``implkit packs wiki``): one page per phase, task, gate,
course, lesson, migration object and template file, with front matter and relative links.

:mod:`.pages` builds the pages from a resolved pack (``wiki_pages(pack, lang) -> Wiki``)
over the registry of :mod:`.site`, one writer per kind of page (:mod:`.plan_pages`,
:mod:`.course_pages`, :mod:`.lesson_pages`, :mod:`.migration_pages`,
:mod:`.template_pages`) and the template files of :mod:`.templates`;
:mod:`.markdown` holds the Markdown and front-matter helpers, :mod:`.tree` writes the
folder by the safe-write rules (inside ``--out`` only, links refused, nothing half
written) and :mod:`.labels` the pages' texts in English and Chinese.
"""

"""The pack as a Markdown wiki (``implkit packs wiki``): one page per phase, task, gate,
course, lesson, migration object and template file, with front matter and relative links.

:mod:`.pages` builds the pages from a resolved pack (``wiki_pages(pack, lang) -> Wiki``),
:mod:`.markdown` holds the Markdown and front-matter helpers, :mod:`.tree` writes the
folder by the safe-write rules (inside ``--out`` only, links refused, nothing half
written) and :mod:`.labels` the pages' texts in English and Chinese.
"""

"""``implkit packs site``: a static, bilingual, searchable catalogue of know-how packs.

* :mod:`generator.site.data` — what the site shows (the ``packs show --json`` data,
  derived load orders, template lists, a search index, a version diff).
* :mod:`generator.site.render` — one self-contained ``index.html`` (data embedded as
  JSON, script and style inline): it opens from file:// with no network.
"""

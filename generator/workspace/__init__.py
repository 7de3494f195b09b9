"""The kit folder: find and load a kit, the rebuild flow, the install transaction.

The commands' flows over a kit folder, called by :mod:`generator.api`:

* :mod:`.load`: find project.yaml, load its pack and overlay, build the Kit;
* :mod:`.answers`: the answers of ``new`` and the document commands -> ProjectSpec;
* :mod:`.create` (``new``) and :mod:`.rebuild` (``build``): up to the Kit to install;
* :mod:`.write`: stage (:mod:`.stage`) and install (:mod:`.install`) a Kit in one
  transaction, with the kit's memory between builds;
* :mod:`.tracked`: the kit with every consultant entry, the status date, the baseline;
* :mod:`.reports`, :mod:`.exports`, :mod:`.documents`, :mod:`.output`: the other
  commands' files;
* :mod:`.manifest`, :mod:`.journal`, :mod:`.locks`: the folder's own files (a lower
  layer: carry and lessons read the manifest; see :mod:`generator.layers`).

Kept free of imports so that ``generator.workspace.manifest`` loads nothing else.
"""

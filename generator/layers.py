"""The layers of the ``generator`` package: who may import whom (checked by tests/test_layers.py).

A module may import modules of its own layer and of the layers below it, never of a
layer above. Every module of the package belongs to exactly one layer: the longest
prefix in :data:`LAYERS` that names it (``generator.workspace.manifest`` is in
``folder``, the rest of ``generator.workspace`` in ``application``). Imports inside
functions and under ``TYPE_CHECKING`` count as well: a lazy import is still a
dependency.

:data:`FORBIDDEN` adds the rules within a layer: the figures (tracking, evaluation)
never depend on how they are shown (render).

docs/dev/ARCHITECTURE.md explains each layer; this table is the one place it is written.
"""

from __future__ import annotations

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # top: parses options, calls generator.api, prints, sets the exit code
    ("cli", ("generator.cli", "generator.__main__")),
    # the commands as functions (api) and the kit folder's flows (workspace)
    ("application", ("generator.api", "generator.workspace")),
    # the Kit and what is made from it, read back from it or computed on it
    (
        "domain",
        (
            "generator.registry",
            "generator.render",
            "generator.site",
            "generator.wiki",
            "generator.portfolio",
            "generator.lessons",
            "generator.carry",
            "generator.progress",
            "generator.evaluation",
            "generator.tracking",
            "generator.templates",
            "generator.sandbox",
            # the built-in packs' templates compiled by the sandbox, shipped
            "generator.template_code",
            "generator.pack_checks",
            # rewrites a pack folder and checks the result as `packs validate --strict` does
            "generator.packs.upgrade",
            "generator.trackers",
            "generator.kit",
            "generator.competency",
            "generator.project",
        ),
    ),
    # the kit folder's own files: manifest, journal, locks (carry and lessons read the
    # manifest; the flows that write a kit are in the application layer)
    (
        "folder",
        (
            "generator.workspace.manifest",
            "generator.workspace.journal",
            "generator.workspace.locks",
        ),
    ),
    # scheduling rules: one scheduler for the plan and the forecast
    (
        "planning",
        (
            "generator.planning",
            "generator.schedule",
            "generator.load_order",
            "generator.conditions",
            "generator.overlay",
        ),
    ),
    # know-how packs: model, YAML loading with positions, inheritance, schema
    ("packs", ("generator.packs",)),
    # plain data and services every layer uses
    (
        "core",
        (
            "generator",
            "generator.kit_model",
            "generator.sheets",
            "generator.calendar",
            "generator.holiday_tables",
            "generator.errors",
            "generator.i18n",
            "generator.catalogues",
            "generator.naming",
            "generator.textcheck",
            "generator.answer_checks",
            "generator.display",
            "generator.layers",
            # what every reader and writer of a file checks first: limits, bounded readers,
            # the kit's file rules (inside the kit, no links, atomic writes)
            "generator.limits",
            "generator.readers",
            "generator.kitfs",
        ),
    ),
)

FORBIDDEN: tuple[tuple[str, str], ...] = (
    ("generator.tracking", "generator.render"),
    ("generator.evaluation", "generator.render"),
)
"""(importer prefix, imported prefix) pairs refused even where the layers allow them."""


def layer_of(module: str) -> str | None:
    """The layer of ``module`` (a dotted name inside ``generator``), or None when no entry
    of :data:`LAYERS` names it."""
    best: tuple[int, str] | None = None
    for name, prefixes in LAYERS:
        for prefix in prefixes:
            # the package itself (``from generator import __version__``) names only itself
            inside = prefix != "generator" and module.startswith(prefix + ".")
            if (module == prefix or inside) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), name)
    return best[1] if best else None


def rank(layer: str) -> int:
    """0 for the top layer (``cli``), growing downwards."""
    return [name for name, _prefixes in LAYERS].index(layer)

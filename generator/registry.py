"""Every deliverable of a kit, declared once: workbooks, documents and exports.

Each :class:`Deliverable` says where the file goes in the kit, its manifest kind, its
title in the kit's language, the function that writes it and, by kind:

* a workbook: the sheets declared for it (:func:`generator.sheets.declared`) and the
  table of row keys the carry uses to tell generated rows from the team's added rows
  (:data:`generator.carry.keys.ROW_KEYS`); its cells are read back and carried on
  every build, and the file is rebuilt in place with a backup;
* a Word document: its writer takes the customer's template (``template=``);
* an export: its ``implkit export --format`` name, the label the command prints and its
  entry in the kit README's "Importing the exports" section. An export with
  ``built=False`` (the LMS exports) is written only by ``implkit export``, never by
  ``new``/``build``, and has no README entry.

Everything else reads this table: staging a kit (:mod:`generator.workspace.stage`),
the install (which kinds are carried), the carry (which workbooks to read),
``implkit export``, the import guide (:mod:`generator.render.import_guide`) and the
manifest's kinds. tests/test_registry.py fails when a declared workbook sheet has no
row-key entry or is missing from the written workbook, or an export has no guide.

Functions and tables are named by ``"module:attribute"`` and imported only when used
(:func:`resolve`), so importing this module stays cheap (``implkit --help``).

Add a deliverable: write its module (``generator/render/<name>.py`` with
``render_<name>(kit, path) -> list[Path] | None``; an export also its Markdown
bullet in :mod:`generator.render.import_guide`, ``Translated(D_("..."))``), then one line in
:data:`DELIVERABLES`. docs/dev/ARCHITECTURE.md has the recipe.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Literal

from generator.i18n import N_, translations

Group = Literal["workbook", "document", "export"]
Items = Literal["rows", "tasks", "events", "resources"]
"""What ``export --json`` counts as an export file's items: CSV rows after the header,
MSPDI ``<Task>`` elements, iCalendar ``VEVENT`` blocks, or a package's manifest
``<resource>`` entries."""


@dataclass(frozen=True)
class Export:
    """How ``implkit export`` offers a deliverable: ``--format name``, the label it prints
    (``Wrote MS Project XML: ...``), the import guide entry (``"module:attribute"`` of a
    ``{lang: Markdown}`` mapping, a :class:`generator.i18n.Translated`; ``None`` for an
    export a build does not write), what its ``--json`` counts as items (:data:`Items`)
    and the writer's options the command passes through. ``left_out``: ``"module:function"``
    giving the ids of the tasks the export leaves out, ``function(kit) -> list[str]`` (the
    MS Project plan: tasks the planner deleted there), said by ``export`` and ``build``."""

    name: str
    label: str
    guide: str | None
    items: Items
    options: tuple[str, ...] = ()
    left_out: str | None = None


@dataclass(frozen=True)
class Deliverable:
    """One generated file of a kit (see the module docstring).

    ``writer``: ``"module:function"`` called as ``function(kit, path, **options)``; it may
    return the list of files it wrote (a split export) or None (just ``path``).
    ``title``: an :func:`~generator.i18n.N_` text (the catalogue translates it).
    ``sheets``: a workbook's kind in :func:`generator.sheets.declared`; ``row_keys``:
    ``"module:table"`` mapping each of its sheet keys to the row keys it generates.
    ``template``: the writer accepts the Word template (``template=``).
    ``built``: ``new`` and ``build`` write it (False: only ``implkit export`` does).
    """

    kind: str
    path: str
    group: Group
    title: str
    writer: str
    sheets: str | None = None
    row_keys: str | None = None
    template: bool = False
    export: Export | None = None
    built: bool = True

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` (English where the catalogue has no translation)."""
        found = translations(lang).get(self.title)  # English: an empty catalogue
        return found if isinstance(found, str) else self.title

    @property
    def carried(self) -> bool:
        """Whether a build reads its cells back and carries them (a declared workbook)."""
        return self.sheets is not None


ROW_KEYS = "generator.carry.keys:ROW_KEYS"

DELIVERABLES: tuple[Deliverable, ...] = (
    Deliverable(
        "plan",
        "plan/project-plan.xlsx",
        "workbook",
        N_("Project plan"),
        "generator.render.xlsx_plan:render_plan",
        sheets="plan",
        row_keys=ROW_KEYS,
    ),
    Deliverable(
        "migration",
        "migration/data-migration-checklist.xlsx",
        "workbook",
        N_("Data-migration checklist"),
        "generator.render.xlsx_migration:render_migration",
        sheets="migration",
        row_keys=ROW_KEYS,
    ),
    Deliverable(
        "curriculum",
        "training/training-curriculum.docx",
        "document",
        N_("Training curriculum"),
        "generator.render.docx_curriculum:render_curriculum",
        template=True,
    ),
    Deliverable(
        "training-matrix",
        "training/training-matrix.xlsx",
        "workbook",
        N_("Training workbook"),
        "generator.render.xlsx_training:render_training_matrix",
        sheets="training-matrix",
        row_keys=ROW_KEYS,
    ),
    Deliverable(
        "charter",
        "governance/project-charter.docx",
        "document",
        N_("Project charter"),
        "generator.render.docx_charter:render_charter",
        template=True,
    ),
    Deliverable(
        "mspdi",
        "exports/project-plan.mspdi.xml",
        "export",
        N_("MS Project plan"),
        "generator.render.mspdi:render_mspdi",
        export=Export(
            "mspdi",
            "MS Project XML",
            "generator.render.import_guide:MSPDI",
            "tasks",
            left_out="generator.render.mspdi:left_out",
        ),
    ),
    Deliverable(
        "jira",
        "exports/jira-issues.csv",
        "export",
        N_("Jira issues"),
        "generator.render.trackers_csv:render_jira",
        export=Export("jira", "Jira CSV", "generator.render.import_guide:JIRA", "rows"),
    ),
    Deliverable(
        "ado",
        "exports/azure-boards.csv",
        "export",
        N_("Azure Boards work items"),
        "generator.render.ado_csv:render_ado_process",
        export=Export(
            "ado",
            "Azure Boards CSV",
            "generator.render.import_guide:ADO",
            "rows",
            options=("process",),
        ),
    ),
    Deliverable(
        "ics",
        "exports/project-calendar.ics",
        "export",
        N_("Project calendar"),
        "generator.render.ics:render_ics",
        export=Export("ics", "iCalendar", "generator.render.import_guide:ICS", "events"),
    ),
    Deliverable(
        "moodle",
        "exports/lms/moodle-courses.csv",
        "export",
        N_("Moodle courses"),
        "generator.render.lms_moodle:render_moodle",
        export=Export("moodle", "Moodle course upload CSV", None, "rows"),
        built=False,
    ),
    Deliverable(
        "cc",
        "exports/lms/common-cartridge.imscc",
        "export",
        N_("Common Cartridge courses"),
        "generator.render.lms_cc:render_cc",
        export=Export("cc", "IMS Common Cartridge 1.1", None, "resources"),
        built=False,
    ),
    Deliverable(
        "roster",
        "exports/lms/training-roster.csv",
        "export",
        N_("Training roster"),
        "generator.render.lms_roster:render_roster",
        export=Export("roster", "Training roster CSV", None, "rows"),
        built=False,
    ),
)
"""Every deliverable, in the order a kit is written."""

OTHER_KINDS = ("scaffold", "project", "readme")
"""Manifest kinds of the files that are not deliverables (pack templates, answers, README)."""


def deliverable(kind: str) -> Deliverable:
    """The deliverable of manifest kind ``kind``; KeyError for an unknown kind."""
    for item in DELIVERABLES:
        if item.kind == kind:
            return item
    raise KeyError(kind)


def path_of(kind: str) -> str:
    """Where deliverable ``kind`` goes in a kit (POSIX, relative to the kit folder)."""
    return deliverable(kind).path


def built() -> tuple[Deliverable, ...]:
    """The deliverables ``new`` and ``build`` write, in order."""
    return tuple(d for d in DELIVERABLES if d.built)


def workbooks() -> tuple[Deliverable, ...]:
    """The workbooks a build reads back and carries, in order."""
    return tuple(d for d in DELIVERABLES if d.carried)


def exports() -> dict[str, Deliverable]:
    """``implkit export`` format name -> its deliverable."""
    return {d.export.name: d for d in DELIVERABLES if d.export is not None}


def manifest_kinds() -> tuple[str, ...]:
    """Every kind a manifest entry may have."""
    return (*(d.kind for d in DELIVERABLES), *OTHER_KINDS)


def resolve(reference: str) -> Any:
    """The object a ``"module:attribute"`` reference names (imported now).

    Raises ImportError/AttributeError for a reference that names nothing (a test
    resolves every reference of :data:`DELIVERABLES`).
    """
    module, _, attribute = reference.partition(":")
    return getattr(importlib.import_module(module), attribute)

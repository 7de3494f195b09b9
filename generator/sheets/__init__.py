"""One declaration per workbook sheet: the contract between writers, readers, lint and report.

Every sheet of ``project-plan.xlsx``, ``data-migration-checklist.xlsx`` and
``training-matrix.xlsx`` is described once here: its stable key, its title, the
column whose value is a row's stable id, and its columns (header text, who owns the
column, the value type, the dropdown list). The XlsxWriter
renderers (:mod:`generator.render.workbook`) write from these declarations; the
read-back and carry engine (``generator.carry``) reads by them; the tests fill every
consultant column they list. A new sheet or column is added here first.

Conventions
-----------
* ``owner="consultant"`` columns are the yellow, unlocked cells the project team fills
  in; ``owner="generated"`` columns are rewritten from the Kit on every build.
* Titles, headers and list labels are English gettext msgids marked with
  :func:`~generator.i18n.D_` (``DC_`` where one English text needs two
  translations; list labels always carry their list's key as the context); the
  ``deliverables`` catalogue translates them (:mod:`generator.i18n`). Readers
  accept them in every language (:func:`~generator.i18n.spellings`).
* List columns (``type="list"``) store the canonical key (``"in-progress"``) in
  ``Kit.entries``; the sheet shows the label in the kit's language.
* ``percent`` values are 0..1 floats, dates are :class:`datetime.date`,
  ``person-days``/``hours``/``currency``/``number`` are floats, ``int`` whole numbers.
* Per-object sheets (``migration.fields``) are one declaration and many sheets: the
  instance key is ``"migration.fields:<object id>"`` and :func:`spec` accepts both.
* Rows whose key-column cell is empty are not generated rows: on sheets with
  ``accepts_added_rows`` they are the consultant's added rows, elsewhere they are
  totals/notes and are ignored. The Plan sheet's phase rows carry the phase id and
  the type "Phase"; their cells are computed (roll-ups).
* Columns generated per item (RACI roles, Budget phases, Gantt periods, matrix
  audiences) are not declared one by one: ``SheetSpec.dynamic_after`` names the
  declared column they follow. Readers map columns by header text, so they skip them.

In the written workbook every declared sheet gets a workbook-level defined name
(``_ik_<n>``) on its header row, and a very hidden sheet ``_implkit`` lists
(defined name, sheet key, declaration :data:`VERSION`). This module imports nothing
heavy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from generator.i18n import D_, DC_, english, spellings, translator

Owner = Literal["generated", "consultant"]
ColType = Literal[
    "text",
    "long-text",
    "int",
    "number",
    "percent",
    "date",
    "list",
    "bool",
    "currency",
    "person-days",
    "hours",
]
WorkbookKind = Literal["plan", "migration", "training-matrix", "timesheet"]

VERSION = 1
"""Declaration version written to the ``_implkit`` sheet (bump when a key or column changes meaning)."""

META_SHEET = "_implkit"
"""Very hidden sheet: defined name, sheet key, declaration version per declared sheet."""

NAME_PREFIX = "_ik_"
"""Workbook-level defined names on the declared sheets' header rows: ``_ik_1``, ``_ik_2``..."""


@dataclass(frozen=True)
class ListSpec:
    """A dropdown list; values are stored in ``Kit.entries`` as the canonical key.

    ``options``: (canonical key, label), in the order the dropdown shows; the label
    is an English msgid marked ``DC_(<list key>, "...")``.
    """

    key: str
    options: tuple[tuple[str, str], ...]

    def labels(self, lang: str) -> tuple[str, ...]:
        """The labels in the language ``lang``, in dropdown order."""
        tr = translator(lang)
        return tuple(tr(label) for _key, label in self.options)

    def label(self, key: str, lang: str) -> str | None:
        """The label of canonical ``key`` in ``lang`` (``None`` for an unknown key)."""
        for option, label in self.options:
            if option == key:
                return translator(lang)(label)
        return None

    def key_of(self, label: str) -> str | None:
        """The canonical key of a label in any language, or of a key itself (``None``: unknown).

        Matching ignores case and surrounding spaces.
        """
        wanted = label.strip().lower()
        for option, text in self.options:
            if wanted == option.lower() or wanted in (s.lower() for s in spellings(text)):
                return option
        return None


@dataclass(frozen=True)
class ColumnSpec:
    """One declared column: header text, owner, value type.

    ``text``: the header's English msgid (marked with ``D_``). ``width`` fixes the width (Excel character units); otherwise the writer measures
    the content within ``min_width``..``max_width``. ``formula``: the column is a
    formula in every generated row (its computed value is stored beside it).
    ``center``: text centred (short codes, marks). Header texts may hold ``{cur}``,
    replaced by the project's currency code (:meth:`header`); readers match either
    the formatted text or the text with any currency code.
    """

    key: str
    text: str
    owner: Owner
    type: ColType
    list: ListSpec | None = None
    width: float | None = None
    formula: bool = False
    min_width: float = 6.0
    max_width: float = 40.0
    center: bool = False

    def header(self, lang: str, currency: str = "") -> str:
        """Header text in ``lang``; a ``{cur}`` placeholder becomes ``currency`` (Budget)."""
        text = translator(lang)(self.text)
        return text.replace("{cur}", currency) if "{cur}" in text else text

    def spellings(self) -> tuple[str, ...]:
        """The header in every language, English first, ``{cur}`` unfilled (for readers)."""
        return spellings(self.text)


@dataclass(frozen=True)
class SheetSpec:
    """One declared sheet (or family of per-object sheets).

    ``key``: ``"plan.tasks"``, ``"migration.fields"``...; ``workbook``: which workbook;
    ``text``: the sheet title's English msgid (for per-object sheets a generic title;
    each instance is named after its object); ``key_column``: the column key whose value is
    a row's stable id; ``accepts_added_rows``: the team may add rows (they are kept).
    ``dynamic_after``: the column key after which per-item generated columns follow
    (empty: none). ``per_object``: one sheet per item, instance key ``"<key>:<id>"``.
    ``optional``: only written when there is something to show (Removed tasks).
    """

    key: str
    workbook: WorkbookKind
    text: str
    key_column: str
    columns: tuple[ColumnSpec, ...]
    accepts_added_rows: bool
    dynamic_after: str = ""
    per_object: bool = False
    optional: bool = False

    def title(self, lang: str) -> str:
        """Sheet title in ``lang``."""
        return translator(lang)(self.text)

    def titles(self) -> tuple[str, ...]:
        """The title in every language, English first (for readers)."""
        return spellings(self.text)

    def column(self, key: str) -> ColumnSpec:
        """The declared column ``key`` (``KeyError`` if not declared)."""
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"{self.key}: no column {key!r}")

    def index(self, key: str) -> int:
        """0-based position of column ``key`` among the declared columns."""
        for n, col in enumerate(self.columns):
            if col.key == key:
                return n
        raise KeyError(f"{self.key}: no column {key!r}")

    @property
    def consultant_columns(self) -> tuple[ColumnSpec, ...]:
        """The columns the consultant fills in."""
        return tuple(c for c in self.columns if c.owner == "consultant")


def gen(key: str, text: str, type: ColType = "text", **kw: Any) -> ColumnSpec:
    """A generated column (rewritten from the Kit on every build); ``text``: ``D_("Header")``."""
    return ColumnSpec(key, text, "generated", type, **kw)


def mine(key: str, text: str, type: ColType = "text", **kw: Any) -> ColumnSpec:
    """A consultant column (yellow, unlocked, carried by ``implkit build``)."""
    return ColumnSpec(key, text, "consultant", type, **kw)


def _all() -> tuple[SheetSpec, ...]:
    from generator.sheets.migration import MIGRATION_SHEETS
    from generator.sheets.plan import PLAN_SHEETS
    from generator.sheets.timesheet import TIMESHEET_SHEETS
    from generator.sheets.training import TRAINING_SHEETS

    return PLAN_SHEETS + MIGRATION_SHEETS + TRAINING_SHEETS + TIMESHEET_SHEETS


def declared(workbook: str) -> tuple[SheetSpec, ...]:
    """Every declared sheet of ``workbook`` ("plan", "migration", "training-matrix",
    "timesheet"), in sheet order.

    Raises ``KeyError`` for an unknown workbook kind.
    """
    if workbook not in ("plan", "migration", "training-matrix", "timesheet"):
        raise KeyError(f"unknown workbook kind {workbook!r}")
    return tuple(s for s in _all() if s.workbook == workbook)


def spec(key: str) -> SheetSpec:
    """The declaration of a sheet key; ``"migration.fields:mfg.routing"`` gives ``"migration.fields"``.

    Raises ``KeyError`` for an undeclared key.
    """
    base = key.split(":", 1)[0]
    for sheet in _all():
        if sheet.key == base:
            return sheet
    raise KeyError(f"undeclared sheet {key!r}")


__all__ = [
    "DC_",
    "D_",
    "META_SHEET",
    "NAME_PREFIX",
    "VERSION",
    "ColType",
    "ColumnSpec",
    "ListSpec",
    "Owner",
    "SheetSpec",
    "WorkbookKind",
    "declared",
    "english",
    "gen",
    "mine",
    "spec",
]

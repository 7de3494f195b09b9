"""Why a typed value was not used, and the note that keeps it in its row.

The reasons are deliverable text (msgids of the deliverables catalogue, translated
where shown); :func:`note` is the text kept in a row's Notes cell and
:func:`with_notes` adds notes to a row's values without repeating one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.i18n import D_, translator

if TYPE_CHECKING:
    from generator.kit_model import CellValue, Kit

REBUILT = D_(
    "this sheet is rebuilt from the plan at every build; type it on the sheet it comes from"
)
ADDED_HERE = D_("rows cannot be added on this sheet")
FORMULA = D_("a formula column: the formula was written again")
EDITED = D_(
    "a generated column: the generated value was written again (change it in project.yaml or the pack)"
)


def note(kit: Kit, header: str, text: str, reason: str) -> str:
    """The note kept in the row's Notes cell: "[Status: Dne — not one of the list's values]"."""
    tr = translator(kit.lang)
    return tr("[{header}: {text} — {reason}]").format(header=header, text=text, reason=tr(reason))


def with_notes(values: dict[str, CellValue], notes: list[str]) -> dict[str, CellValue]:
    """``values`` with each of ``notes`` not yet in its Notes cell appended there."""
    if not notes:
        return values
    current = str(values.get("notes") or "")
    extra = [n for n in notes if n not in current]
    if extra:
        values["notes"] = "\n".join([current, *extra]) if current else "\n".join(extra)
    return values

"""How to import each export: the kit README's "Importing the exports" section.

``import_guide(lang)`` returns Markdown (en or zh) that
:func:`generator.workspace.stage.readme_text` appends: a heading, one bullet per export
declared in :mod:`generator.registry` (its ``Export.guide``: a ``{lang: Markdown}``
mapping, a :class:`generator.i18n.Translated` of the deliverables catalogue, in the
registry's order), then how progress comes back (``implkit import``) and what the
exports do that a user may notice (invisible formula guard, shortened titles, split
files, calendar updates). Each bullet names the files under ``exports/`` and the menu
path of the tool.
"""

from __future__ import annotations

from generator.i18n import D_, Translated, translator

MSPDI = Translated(
    D_(
        """**MS Project / ProjectLibre** — `exports/project-plan.mspdi.xml`. MS Project: *File >
  Open*, file type *XML Format (\\*.xml)*, then *Import as a new project*. ProjectLibre:
  *File > Open*. Roles are work resources; a role's maximum units are the most people it
  needs at once, so nobody shows as over-allocated on opening. Once the plan lives in MS
  Project, open a new export with the plan open and choose *Merge the data into the
  active project*: tasks keep their unique ID (UID) and GUID, so MS Project updates them
  instead of adding copies; every task carries its kit id in the *Plan id* field (Text1).
  A task deleted in MS Project stays deleted: `implkit import` makes it Cancelled and the
  export leaves it out until the Plan sheet gives it another status (then it comes back
  under its old UID)."""
    )
)
"""MS Project / ProjectLibre (``exports/project-plan.mspdi.xml``)."""

JIRA = Translated(
    D_(
        """**Jira** — `exports/jira-issues.csv` (and `jira-issues-2.csv`... above 1,500 rows,
  split by whole phases). *Settings > System > External system import > CSV*. Map
  *Issue Id*, *Parent* (each task's epic), *Issue Type*, *Summary*, *Description*, *Start
  date*, *Due date*, *Original Estimate* (the effort, in seconds), *Labels* and *Issue
  key*. Import the files in order; each lists its epics before their tasks. Every issue
  carries the label `ik:<task id>`; after `implkit import` the export gives each issue
  Jira already has its *Issue key*, and the import updates that issue instead of adding
  one."""
    )
)
"""Jira (``exports/jira-issues.csv``)."""

ADO = Translated(
    D_(
        """**Azure Boards** — `exports/azure-boards.csv` uses the Agile process (Epic > Feature >
  User Story). For another process run `implkit export . --format ado --process
  scrum|basic|cmmi`. *Boards > Queries > Import work items*, choose the file, *Import*,
  then *Save items*. Above 1,000 work items the export is split: after importing the
  first file, type the new Epic's ID (and the Feature's, when its row is repeated) in the
  *ID* column of the first rows of the next file, so its items join the same parents.
  New items carry no *State* (Azure Boards creates them in the process's first state and
  refuses another); every item carries the tag `ik:<task id>`. After `implkit import`
  the rows of items Azure Boards already has carry their *ID* and State, and importing
  the file updates those work items instead of creating them again."""
    )
)
"""Azure Boards (``exports/azure-boards.csv``)."""

ICS = Translated(
    D_(
        """**Outlook / Google Calendar** — `exports/project-calendar.ics`. Outlook: *File > Open &
  Export > Import/Export > Import an iCalendar (.ics) file*. Google Calendar: *Settings >
  Import & export > Import*; pick a calendar of its own for the project. Importing the
  file again after `implkit build` updates the events that moved. Meetings that would
  fall on a public holiday are moved to the next working day."""
    )
)
"""Outlook / Google Calendar (``exports/project-calendar.ics``)."""

NOTES = D_(
    """Progress comes back the same way: export a query from Azure Boards or the issues from
Jira as CSV, save the plan from MS Project as XML, and run `implkit import . FILE`
(`--dry-run` first lists what would change). Import the tracker's latest export before
exporting again, so the states you send back are the tracker's.

Titles longer than 255 characters are shortened with "…" and given in full at the top of
the description. A cell that starts with `=`, `+`, `-` or `@` begins with an invisible
word joiner (U+2060) so that a spreadsheet opening the CSV keeps it as text; Jira and
Azure Boards show the text unchanged."""
)
"""How progress comes back, and what every export does that a user may notice."""


def import_guide(lang: str) -> str:
    """The "Importing the exports" README section in ``lang``, Markdown: the deliverables
    catalogue's text (English for a language without one)."""
    from generator.registry import exports, resolve

    tr = translator(lang)
    bullets = []
    for item in exports().values():
        assert item.export is not None
        if item.export.guide is None:  # not in the kit: ``implkit export`` only
            continue
        bullets.append(f"- {resolve(item.export.guide)[lang]}\n")
    heading = tr.p("readme", "Importing the exports")
    return f"\n## {heading}\n\n" + "".join(bullets) + f"\n{tr(NOTES)}\n"

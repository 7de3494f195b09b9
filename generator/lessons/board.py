"""``implkit lessons board``: who contributed lessons to which pack, over a period.

The harvest (:mod:`generator.lessons.harvest`) writes into the **pack**, never back into
the kit: each shared row becomes a ``provenance`` entry of the lesson (project, client,
date, phase, note and ``by``, the name typed in the kit's Lessons sheet, Shared by). The
board therefore reads pack folders; a kit folder is refused with the harvest command
that turns its shared rows into contributions.

Decisions:

* One contribution = one provenance entry: one project sharing one lesson on one date
  (a lesson confirmed again by another project counts again: that is the point of the
  review's points mechanism). Its date is the provenance date (when the team recorded the
  lesson), and the period ``start``..``end`` is inclusive.
* A pack counts the lessons it defines or overrides itself. A child pack's override
  carries the parent's provenance first; the same (lesson, project, date, person) found
  in two packs on the board counts once, for the first pack given.
* A contribution without a name (harvested before Shared by existed, or left empty)
  counts under the person ``""`` (shown as "not named"), so totals stay complete.
* People are matched case-insensitively with surrounding spaces ignored; the first
  spelling met is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.i18n import _
from generator.packs.loader.find import PACK_SUFFIXES


@dataclass(frozen=True)
class Contribution:
    """One lesson one project shared into one pack (a provenance entry)."""

    pack: str  # pack id
    pack_name: str  # its display name in the board's language
    person: str  # "" when nobody was named
    project: str
    client: str
    day: date
    lesson: str  # lesson id
    title: str  # lesson title in the board's language (else any language)


@dataclass
class Board:
    """The board's figures (see :meth:`as_dict` for the JSON shape)."""

    start: date | None
    end: date | None
    packs: list[tuple[str, str]] = field(default_factory=list)  # (id, name) as given
    contributions: list[Contribution] = field(default_factory=list)

    def people(self) -> list[dict[str, Any]]:
        """One row per person: contributions, distinct lessons, projects and packs; most
        contributions first, then by name."""
        rows: dict[str, list[Contribution]] = {}
        shown: dict[str, str] = {}
        for item in self.contributions:
            key = item.person.casefold()
            shown.setdefault(key, item.person)
            rows.setdefault(key, []).append(item)
        out = [
            {
                "person": shown[key],
                "contributions": len(items),
                "lessons": len({(i.pack, i.lesson) for i in items}),
                "projects": len({i.project for i in items}),
                "packs": sorted({i.pack for i in items}),
            }
            for key, items in rows.items()
        ]
        return sorted(out, key=lambda r: (-r["contributions"], r["person"] == "", r["person"]))

    def by_pack(self) -> list[dict[str, Any]]:
        """One row per pack given (also those without contributions in the period)."""
        out = []
        for pack, name in self.packs:
            items = [i for i in self.contributions if i.pack == pack]
            out.append(
                {
                    "pack": pack,
                    "name": name,
                    "contributions": len(items),
                    "lessons": len({i.lesson for i in items}),
                    "people": len({i.person.casefold() for i in items if i.person}),
                    "projects": len({i.project for i in items}),
                }
            )
        return out

    def as_dict(self) -> dict[str, Any]:
        """What ``--json`` prints: ``from``, ``to`` (ISO or null), ``total``, ``people``,
        ``packs`` and ``contributions`` (newest first)."""
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "total": len(self.contributions),
            "people": self.people(),
            "packs": self.by_pack(),
            "contributions": [
                {
                    "date": c.day.isoformat(),
                    "person": c.person,
                    "pack": c.pack,
                    "project": c.project,
                    "client": c.client,
                    "lesson": c.lesson,
                    "title": c.title,
                }
                for c in self.contributions
            ],
        }


def parse_day(value: str | date | None, option: str) -> date | None:
    """A ``YYYY-MM-DD`` option value (None stays None); InputError naming the option."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            Problem(
                option,
                0,
                0,
                _("'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-31").format(
                    value=value
                ),
            )
        ) from None


def _is_pack(path: Path) -> bool:
    return path.is_dir() and any(
        child.suffix in PACK_SUFFIXES and child.is_file() and child.name != "project.yaml"
        for child in path.iterdir()
    )


def pack_folders(folders: Sequence[Path]) -> list[Path]:
    """Each folder itself when it is a pack folder, else its sub-folders that are.

    Raises InputError naming every folder that is a kit (with the harvest to run) or
    holds no pack.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for folder in folders:
        if (folder / "project.yaml").is_file():
            problems.append(
                Problem(
                    str(folder),
                    0,
                    0,
                    _(
                        "a kit folder, not a pack: the board counts the lessons harvested into "
                        "packs; run `implkit lessons harvest {kit} --into PACK_DIR`, then give "
                        "PACK_DIR"
                    ).format(kit=folder),
                )
            )
            continue
        if _is_pack(folder):
            found.append(folder)
            continue
        inner = (
            sorted(p for p in folder.iterdir() if not p.name.startswith((".", "_")) and _is_pack(p))
            if folder.is_dir()
            else []
        )
        if not inner:
            problems.append(
                Problem(
                    str(folder),
                    0,
                    0,
                    _(
                        "no pack here or in its sub-folders; give a pack folder (with pack.yaml) "
                        "or a folder of packs such as your --packs-dir"
                    ),
                )
            )
        found.extend(inner)
    if problems:
        raise InputError(problems)
    return found


def lessons_board(
    folders: Sequence[Path],
    *,
    start: date | None = None,
    end: date | None = None,
    lang: str = "en",
    packs_dir: Path | None = None,
) -> Board:
    """The contributions recorded in the packs under ``folders`` (every available pack,
    built in and under ``packs_dir``, when empty) dated ``start``..``end`` (inclusive;
    None: open).

    Raises InputError (nothing read further) for a kit folder, a folder without packs, a
    pack that does not load, or ``start`` after ``end``.
    """
    from generator.packs.loader import inspect_pack
    from generator.packs.loader.find import available_packs
    from generator.packs.model import text_in

    if start and end and start > end:
        raise InputError(
            Problem(
                "--from",
                0,
                0,
                _("{start} is after --to {end}; give --from on or before --to").format(
                    start=start, end=end
                ),
            )
        )
    paths = pack_folders(folders) if folders else list(available_packs(packs_dir).values())
    board = Board(start, end)
    seen: set[tuple[str, str, str, str]] = set()
    problems: list[Problem] = []
    for path in paths:
        inspection = inspect_pack(path, packs_dir)
        if inspection.problems or inspection.pack is None:
            problems.extend(
                inspection.problems or [Problem(str(path), 0, 0, _("cannot be loaded"))]
            )
            continue
        pack = inspection.pack
        own = pack.meta.id
        if own in {p for p, _n in board.packs}:
            continue  # the same pack reached twice (a folder and its parent folder)
        name = text_in(pack.meta.name, lang) or text_in(pack.meta.name, "en") or own
        board.packs.append((own, name))
        for located in pack.lessons:
            if located.source.pack != own:
                continue  # the parent's lesson: counted on the parent's board
            lesson = located.item
            title = (
                text_in(lesson.title, lang)
                or text_in(lesson.title, "en")
                or text_in(lesson.title, "zh")
                or lesson.id
            )
            for entry in lesson.provenance:
                day = date.fromisoformat(entry.date)
                if (start and day < start) or (end and day > end):
                    continue
                person = " ".join(entry.by.split())
                key = (lesson.id, entry.project, entry.date, person.casefold())
                if key in seen:
                    continue
                seen.add(key)
                board.contributions.append(
                    Contribution(
                        own, name, person, entry.project, entry.client, day, lesson.id, title
                    )
                )
    if problems:
        raise InputError(problems)
    board.contributions.sort(key=lambda c: (c.day, c.pack, c.lesson, c.person), reverse=True)
    return board

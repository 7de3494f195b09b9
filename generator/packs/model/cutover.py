"""The cutover runbook."""

from __future__ import annotations

from pydantic import Field

from generator.packs.model.base import Id
from generator.packs.model.item import Item
from generator.packs.model.text import Text


class CutoverDef(Item):
    """A step of the cutover runbook, timed in hours from go-live."""

    name: Text
    """What is done."""
    order: int = Field(ge=1)
    """Sort key of the runbook; leave gaps (10, 20, 30...) so packs can slot steps in."""
    owner: Id
    """The role who does it."""
    backup_owner: Id | None = None
    """The role who stands in."""
    offset_hours: float = 0
    """Hours from go-live day 00:00; negative = before."""
    hours: float = Field(default=1, ge=0)
    """How long it takes."""
    verification: Text = ""
    """How the step is checked."""
    rollback: Text = ""
    """What to do if it fails."""
    per_wave: bool = True
    """true (the default): repeated in every wave's runbook, timed from that wave's go-live; false:
    once, in the pilot's runbook."""
    task: Id | None = None
    """The plan task this step is (go/no-go...): its date comes from the plan."""
    per_site: bool = False
    """With rollout cutover: per-site: repeated for every site of the wave, timed from that site's
    night (a stock count, a device switch); other steps run once per wave."""

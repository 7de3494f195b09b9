"""Data migration objects: source, target, approach, reconciliation and fields."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from generator.packs.model.base import Id, IdList, Strict, _yes_no
from generator.packs.model.item import Item
from generator.packs.model.text import Text, TextList


class SourceRef(Strict):
    """Where a migration object comes from: the legacy system and its table(s)."""

    # texts a client reads ("legacy ERP" / 「原 ERP」); table names alone (``ITEM_MASTER``)
    # count as both languages
    system: Text
    """The legacy system as a client reads it ({en: legacy ERP, zh: 原 ERP})."""
    table: Text = ""
    """The table(s) or file(s); technical names alone (ITEM_MASTER) count for both languages."""


class Approach(Strict):
    """How a migration object is loaded: the tool and whether in full or as a delta."""

    tool: Text = ""
    """The load tool or method ({en: migration template, zh: 迁移模板}, LTMC)."""
    mode: Literal["full", "delta"] = "full"
    """full (everything at cutover) or delta (a pre-load, then the changes)."""


class ReconciliationDef(Strict):
    """How a load is proven complete and correct: the method, the sample share and the tolerance."""

    method: Literal[
        "record-count",
        "record-count-and-sample",
        "hash-total",
        "control-total",
        "balance-tie-out",
        "sample",
    ] = "record-count"
    """record-count, record-count-and-sample, hash-total, control-total, balance-tie-out or sample.
    """
    sample_percent: float = Field(default=0, ge=0, le=100)
    """Share of records checked by hand, 0-100."""
    tolerance: float | Text = 0
    """The difference accepted: a number, or a text a client reads ({en: 1 CNY per plant, zh:
    每个工厂1元})."""


class FieldDef(Strict):
    """One field of a migration object's field mapping."""

    name: Text
    """The business name of the field."""
    technical: str
    """The technical field name (MATNR)."""
    type: Literal[
        "text", "number", "integer", "date", "datetime", "boolean", "code", "amount", "quantity"
    ] = "text"
    """text, number, integer, date, datetime, boolean, code, amount or quantity."""
    length: int | None = Field(default=None, ge=1)
    """Maximum length in characters."""
    decimals: int | None = Field(default=None, ge=0, le=10)
    """Decimal places (0-10)."""
    mandatory: Annotated[Literal["yes", "no", "conditional"], BeforeValidator(_yes_no)] = "no"
    """yes, no or conditional."""
    default: str | int | float | None = None
    """The value used when the source has none."""
    mapping: Text = ""
    """How legacy values map to new ones."""
    transformation: Text = ""
    """How the value is derived or converted."""
    validation: Text = ""
    """The rule a loaded value must meet."""


class MigrationDef(Item):
    """A data migration object: source, target, load approach, dependencies (the load order is
    derived from them), reconciliation and the field mapping."""

    name: Text
    """The object's name."""
    description: Text = ""
    """What the object holds and what to watch for."""
    kind: Literal["configuration", "master", "transactional", "balance", "history"]
    """configuration, master, transactional, balance or history."""
    source: SourceRef
    """Where the data comes from."""
    target: Text = ""
    """The object in the new system."""
    approach: Approach = Field(default_factory=Approach)
    """How it is loaded."""
    depends_on: IdList = Field(default_factory=list)
    """Objects that must be loaded first; the load order is derived from these, never typed."""
    volume: Text = ""
    """How much data ({en: "~12,000 articles", zh: 约1.2万个商品})."""
    cleansing: TextList = Field(default_factory=list)
    """Cleansing rules before the load."""
    reconciliation: ReconciliationDef = Field(default_factory=ReconciliationDef)
    """How the load is proven complete and correct."""
    owner: Id
    """The role who owns the object's migration."""
    signoff: IdList = Field(default_factory=list)
    """Roles who sign the loaded data off."""
    sensitive: bool = False
    """true for personal data: de-identified outside production."""
    fields: list[FieldDef] = Field(default_factory=list)
    """The field mapping, one entry per field."""

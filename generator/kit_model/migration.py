"""Data migration objects with their fields and reconciliation, and the cutover runbook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from generator.kit_model.project_info import Source
from generator.kit_model.terms import Mandatory, MigrationKind


@dataclass(frozen=True)
class MigrationField:
    name: str
    technical: str
    type: str  # text, number, date, datetime, boolean, code, amount, quantity
    length: int | None
    decimals: int | None
    mandatory: Mandatory
    default: str
    mapping: str
    transformation: str
    validation: str
    type_name: str = ""  # the type in the kit's language ("金额"); generator.display


@dataclass(frozen=True)
class Reconciliation:
    method: str  # record-count, hash-total, control-total, balance-tie-out, sample, combos
    method_name: str  # display text
    sample_percent: float
    tolerance: str  # display text ("0", "0.5%", "±0.01 CNY")


@dataclass(frozen=True)
class MigrationObject:
    id: str
    name: str
    description: str
    kind: MigrationKind
    wave: int  # 1-based: longest dependency chain depth
    sequence: int  # 1-based position in the derived load order
    depends_on: tuple[str, ...]
    source_system: str
    source_table: str
    target: str
    tool: str
    load_mode: Literal["full", "delta"]
    volume: str
    cleansing: tuple[str, ...]
    reconciliation: Reconciliation
    owner: str  # role id
    signoff: tuple[str, ...]
    sensitive: bool
    fields: tuple[MigrationField, ...]
    mock_1: date | None
    mock_2: date | None
    dress_rehearsal: date | None
    source: Source
    # display texts in the kit's language (generator.display): "原 ERP / COMPANY / WAREHOUSE",
    # "迁移模板，全量"; show these rather than joining source_system/tool/load_mode yourself
    source_name: str = ""
    approach_name: str = ""


@dataclass(frozen=True)
class CutoverStep:
    id: str
    sequence: int
    name: str
    owner: str
    backup_owner: str
    planned: str  # display text, e.g. "T-2d 18:00" or a date
    planned_date: date | None
    hours: float
    verification: str
    rollback: str
    source: Source
    wave: int = 0  # rollout wave this step belongs to (1 = pilot); 0 = no waves

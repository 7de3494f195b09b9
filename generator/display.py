"""Display texts of the pack's fixed vocabularies, in the kit's language.

Packs use short English keys for closed lists (a risk's ``category``, a
migration field's ``type``, a load ``mode``); a client reads them as words of
their language. :mod:`generator.kit` puts these display texts into the Kit
(``Risk.category_name``, ``MigrationField.type_name``,
``MigrationObject.approach_name`` / ``source_name``) so every renderer shows the
same words. A key without a display text (a pack's own risk category) is shown
as written, with dashes as spaces.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.i18n import DC_, TextTable, translator

RISK_CATEGORIES = TextTable(
    {
        "general": DC_("risk category", "General"),
        "scope": DC_("risk category", "Scope"),
        "schedule": DC_("risk category", "Schedule"),
        "cost": DC_("risk category", "Cost"),
        "data": DC_("risk category", "Data"),
        "people": DC_("risk category", "People"),
        "technical": DC_("risk category", "Technical"),
        "vendor": DC_("risk category", "Vendor"),
        "compliance": DC_("risk category", "Compliance"),
        "governance": DC_("risk category", "Governance"),
        "operations": DC_("risk category", "Operations"),
        "quality": DC_("risk category", "Quality"),
        "security": DC_("risk category", "Security"),
        "integration": DC_("risk category", "Integration"),
        "change": DC_("risk category", "Change management"),
    }
)

FIELD_TYPES = TextTable(
    {
        "text": DC_("field type", "Text"),
        "number": DC_("field type", "Number"),
        "integer": DC_("field type", "Integer"),
        "date": DC_("field type", "Date"),
        "datetime": DC_("field type", "Date and time"),
        "boolean": DC_("field type", "Yes/No"),
        "code": DC_("field type", "Code"),
        "amount": DC_("field type", "Amount"),
        "quantity": DC_("field type", "Quantity"),
    }
)

LOAD_MODES = TextTable(
    {
        "full": DC_("load mode", "full load"),
        "delta": DC_("load mode", "delta load"),
    }
)

PATH_SEPARATOR = " / "


def risk_category(key: str, lang: str) -> str:
    """``"data"`` -> ``"数据"`` / ``"Data"``; an unknown category as written (dashes as spaces)."""
    return RISK_CATEGORIES[lang].get(key) or key.replace("-", " ")


def field_type(key: str, lang: str) -> str:
    """``"amount"`` -> ``"金额"`` / ``"Amount"``."""
    return FIELD_TYPES[lang].get(key, key)


def load_mode(key: str, lang: str) -> str:
    """``"full"`` -> ``"全量"`` / ``"full load"``."""
    return LOAD_MODES[lang].get(key, key)


def approach(tool: str, mode: str, lang: str) -> str:
    """``"迁移模板，全量"`` / ``"migration template, full load"`` (no tool: the mode alone)."""
    shown = load_mode(mode, lang)
    return translator(lang)("{tool}, {mode}").format(tool=tool, mode=shown) if tool else shown


def source(parts: Iterable[str]) -> str:
    """``"原 ERP / COMPANY / WAREHOUSE"``: the source system and table, empty parts left out."""
    return PATH_SEPARATOR.join(part for part in parts if part)

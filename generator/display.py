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

RISK_CATEGORIES: dict[str, dict[str, str]] = {
    "en": {
        "general": "General",
        "scope": "Scope",
        "schedule": "Schedule",
        "cost": "Cost",
        "data": "Data",
        "people": "People",
        "technical": "Technical",
        "vendor": "Vendor",
        "compliance": "Compliance",
        "governance": "Governance",
        "operations": "Operations",
        "quality": "Quality",
        "security": "Security",
        "integration": "Integration",
        "change": "Change management",
    },
    "zh": {
        "general": "综合",
        "scope": "范围",
        "schedule": "进度",
        "cost": "成本",
        "data": "数据",
        "people": "人员",
        "technical": "技术",
        "vendor": "供应商",
        "compliance": "合规",
        "governance": "治理",
        "operations": "运营",
        "quality": "质量",
        "security": "信息安全",
        "integration": "集成",
        "change": "变革管理",
    },
}

FIELD_TYPES: dict[str, dict[str, str]] = {
    "en": {
        "text": "Text",
        "number": "Number",
        "integer": "Integer",
        "date": "Date",
        "datetime": "Date and time",
        "boolean": "Yes/No",
        "code": "Code",
        "amount": "Amount",
        "quantity": "Quantity",
    },
    "zh": {
        "text": "文本",
        "number": "数值",
        "integer": "整数",
        "date": "日期",
        "datetime": "日期时间",
        "boolean": "是/否",
        "code": "代码",
        "amount": "金额",
        "quantity": "数量",
    },
}

LOAD_MODES: dict[str, dict[str, str]] = {
    "en": {"full": "full load", "delta": "delta load"},
    "zh": {"full": "全量", "delta": "增量"},
}

# how a list of parts is joined in running text
LIST_SEPARATOR = {"en": ", ", "zh": "，"}
PATH_SEPARATOR = " / "


def _lang(lang: str) -> str:
    return "zh" if lang == "zh" else "en"


def risk_category(key: str, lang: str) -> str:
    """``"data"`` -> ``"数据"`` / ``"Data"``; an unknown category as written (dashes as spaces)."""
    return RISK_CATEGORIES[_lang(lang)].get(key) or key.replace("-", " ")


def field_type(key: str, lang: str) -> str:
    """``"amount"`` -> ``"金额"`` / ``"Amount"``."""
    return FIELD_TYPES[_lang(lang)].get(key, key)


def load_mode(key: str, lang: str) -> str:
    """``"full"`` -> ``"全量"`` / ``"full load"``."""
    return LOAD_MODES[_lang(lang)].get(key, key)


def approach(tool: str, mode: str, lang: str) -> str:
    """``"迁移模板，全量"`` / ``"migration template, full load"`` (no tool: the mode alone)."""
    shown = load_mode(mode, lang)
    return f"{tool}{LIST_SEPARATOR[_lang(lang)]}{shown}" if tool else shown


def source(parts: Iterable[str]) -> str:
    """``"原 ERP / COMPANY / WAREHOUSE"``: the source system and table, empty parts left out."""
    return PATH_SEPARATOR.join(part for part in parts if part)

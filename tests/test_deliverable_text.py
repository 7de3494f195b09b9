"""Deliverable text lives in the ``deliverables`` catalogue: complete, literal, bound to the kit."""

from __future__ import annotations

import re

from generator import i18n
from tests.i18n_messages import CONTEXT, extract

_FIELD = re.compile(r"\{([a-z_0-9]*)(?:![rsa])?(?::[^}]*)?\}")
_LATIN = re.compile(r"[A-Za-z]{3,}")
# what a Chinese deliverable keeps in Latin letters: the field's acronyms, formats, placeholders;
# in Markdown (the kit README) code and another tool's own menu and field names, which its
# English interface shows (*Issue key*, *Boards > Queries*), and the tools' names; in
# project.yaml's comments the keys and values typed in the file (go_live.not_before, align,
# big-bang | phased, an IANA zone such as Asia/Shanghai)
_KEEP = re.compile(
    r"(?<![A-Za-z])[a-z]+(?:[_.][a-z]+)+(?![A-Za-z])|(?<![A-Za-z])(?:align|big-bang|phased|IANA)"
    r"(?![A-Za-z])|(?<![A-Za-z])[A-Z][a-z]+/[A-Z][A-Za-z_]+|"
    r"`[^`\n]+`|(?<![\\*])\*(?![\s*])(?:\\\*|[^*])+?(?<![\s\\])\*|"
    r"(?<![A-Za-z])(?:ProjectLibre|Outlook|Google|GUID|UID|Agile|Epic|Feature|User Story)(?![A-Za-z])|"
    r"\{[^}]*\}|[\w.-]+\.(?:yaml|xlsx|docx|csv|ics|xml|md)\b|YYYY-MM-DD|implkit \w+|"
    r"(?<![A-Za-z])(?:PMBOK|WBS|RACI|SPI|CPI|EVM|PV|EV|AC|BAC|EAC|ETC|VAC|NPS|UAT|SIT|CCB|ERP|CRM|MES|"
    r"KPI|PMO|SOW|IT|ID|Id|Excel|WPS|Word|Jira|Azure|Boards|DevOps|MS|Project|YAML|CSV|XML|ICS|"
    r"iCalendar|Kirkpatrick|ADDIE|Gantt|mock|TOC|PDF|HTML|URL|AM|PM|Go-live|SPI/CPI)(?![A-Za-z])"
)


def _messages() -> dict[str | tuple[str, str], list[str]]:
    return extract(domain=i18n.DELIVERABLES).messages


def test_every_deliverable_message_is_a_literal() -> None:
    found = extract(domain=i18n.DELIVERABLES)
    assert not [p for p in found.problems if "not Python" not in p], found.problems
    assert len(found.messages) > 200  # the sheet declarations alone


def test_every_deliverable_message_has_a_chinese_translation() -> None:
    zh = i18n.translator("zh")
    missing, wrong, english = [], [], []
    for key, places in _messages().items():
        if isinstance(key, tuple):
            text, source = zh.n(key[0], key[1], 2), key[1]
            untranslated = text == source and key[0] != source
        else:
            text, source = zh(key), key.rpartition(CONTEXT)[2]
            untranslated = text == source
        if untranslated and _LATIN.search(_KEEP.sub("", source)):
            missing.append(f"{places[0]}: {key!r}")
            continue
        if set(_FIELD.findall(text)) != set(_FIELD.findall(source)):
            wrong.append(f"{places[0]}: {key!r} -> {text!r}")
        if _LATIN.search(_KEEP.sub("", text)):
            english.append(f"{places[0]}: {text!r}")
    assert not missing, "add with `python -m tests.i18n_messages`, then translate:\n" + "\n".join(
        missing
    )
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)
    assert not english, "English left in the translation:\n" + "\n".join(english)


def test_catalogue_lives_in_the_package_apart_from_the_cli() -> None:
    path = i18n.catalogue_file("zh", i18n.DELIVERABLES)
    assert path.is_file() and path.is_relative_to(i18n.LOCALE_DIR)
    assert path != i18n.catalogue_path("zh")
    cli = set(extract().messages)
    deliverables = set(_messages())
    assert cli and deliverables  # two domains, each with its own messages


def test_translator_follows_the_kit_not_the_command_line() -> None:
    i18n.set_language("en")
    assert i18n.translator("zh")("Plan") == "计划"
    i18n.set_language("zh")
    assert i18n.translator("en")("Plan") == "Plan"
    assert i18n.translator("fr")("Plan") == "Plan"  # unknown: English
    i18n.set_language("en")


def test_contexts_plurals_and_structure() -> None:
    en, zh = i18n.translator("en"), i18n.translator("zh")
    marked = i18n.DC_("gate-status", "Open")
    assert en(marked) == "Open" and i18n.english(marked) == "Open"
    assert zh(marked) == "未评审" and zh(i18n.DC_("risk-status", "Open")) == "未关闭"
    assert zh(i18n.DC_("no such context", "Open")) == "Open"
    assert en.join(["a", "b"]) == "a, b" and zh.join(["甲", "乙"]) == "甲、乙"
    assert en.colon == ": " and zh.colon == "："
    assert en.paren("x") == " (x)" and zh.paren("x") == "（x）"
    assert en.map({"k": i18n.D_("Plan")}) == {"k": "Plan"}
    assert zh.map({"k": i18n.D_("Plan")}) == {"k": "计划"}
    assert i18n.spellings(i18n.DC_("gate-status", "Open")) == ("Open", "未评审")


def test_override_replaces_a_catalogue_for_the_block() -> None:
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="en", domain=i18n.DELIVERABLES)
    catalog.add("Plan", "[Plan!]")
    with i18n.catalogue_override("en", i18n.catalogue_from(catalog)):
        assert i18n.translator("en")("Plan") == "[Plan!]"
        assert "[Plan!]" in i18n.spellings("Plan")
    assert i18n.translator("en")("Plan") == "Plan"
    assert i18n.spellings("Plan") == ("Plan", "计划")


# Pack texts are data with one field per language (packs/): choosing the field is not a
# branch on the language. No other file branches; a file converted later would be listed
# in _NOT_YET until it no longer does.
_PACK_FIELDS = {"generator/packs/model/text.py", "generator/packs/translations.py"}
_NOT_YET: set[str] = set()
_BRANCH = re.compile(
    r"""(?:lang|language\(\))\s*[!=]=\s*["'](?:en|zh)["']|["'](?:en|zh)["']\s*[!=]=|["']zh["'] if """
)


def test_no_code_branches_on_the_language() -> None:
    """Code asks the catalogue or the locale table, never ``lang == "zh"``."""
    from tests.i18n_messages import PACKAGE, ROOT

    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in _PACK_FIELDS or name == "generator/i18n.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _BRANCH.search(line):
                found.setdefault(name, []).append(f"{name}:{number}: {line.strip()}")
    new = [line for name, lines in found.items() if name not in _NOT_YET for line in lines]
    assert not new, "\n".join(new)
    converted = sorted(_NOT_YET - set(found))
    assert not converted, f"no longer branching, take off _NOT_YET: {converted}"

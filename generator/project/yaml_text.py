"""project.yaml as written: the comment on each key in the kit's language and
scalars that read back as the same value."""

from __future__ import annotations

from generator.i18n import DC_, TextTable

_COMMENTS = TextTable(
    {
        "head": DC_(
            "project.yaml",
            "# implkit project answers. Edit, then run `implkit build` in this folder to rebuild the kit.",
        ),
        "pack": DC_("project.yaml", "know-how pack id"),
        "client": DC_("project.yaml", "client name"),
        "name": DC_("project.yaml", "project name"),
        "slug": DC_("project.yaml", "folder name: lowercase letters, digits, dashes"),
        "uid": DC_("project.yaml", "project id in exported UIDs (calendar, MS Project); keep it"),
        "systems": DC_("project.yaml", "systems in scope"),
        "strategy": DC_("project.yaml", "go-live strategy: big-bang | phased"),
        "sites": DC_("project.yaml", "number of sites"),
        "users": DC_("project.yaml", "end users to train"),
        "start": DC_("project.yaml", "first working day, YYYY-MM-DD"),
        "country": DC_("project.yaml", "public holidays and make-up workdays of this country"),
        "timezone": DC_("project.yaml", "time zone of the meetings (IANA), e.g. America/Chicago"),
        "lang": DC_("project.yaml", "language of the kit: en | zh"),
        "currency": DC_("project.yaml", "currency of the day rates"),
        "extra": DC_(
            "project.yaml",
            "Days the country calendar does not know (e.g. next year's schedule once announced):",
        ),
        "day_rates": DC_("project.yaml", "Day rates per role id (override the pack's):"),
        "freeze_days": DC_(
            "project.yaml", "requirements freeze before development starts, calendar days"
        ),
        "class_size": DC_("project.yaml", "trainees per training session"),
        "author": DC_("project.yaml", "consultant / document author"),
        "pack_dir": DC_("project.yaml", "folder of the know-how pack (relative to this folder)"),
        "docx_template": DC_("project.yaml", "Word template the documents start from"),
    }
)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _yaml_scalar(value: object) -> str:
    """A value as a YAML flow scalar that reads back as the same string."""
    if value is None:
        return "null"
    import json

    quoted = json.dumps(str(value), ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if _needs_escape(c) else c for c in quoted)


def _needs_escape(char: str) -> bool:
    """Characters YAML does not allow raw (or folds) inside a double-quoted scalar."""
    code = ord(char)
    if code in (0x85, 0x2028, 0x2029, 0xFEFF) or 0x7F <= code <= 0x9F:
        return True
    return 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)

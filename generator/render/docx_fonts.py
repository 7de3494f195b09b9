"""Fonts in a Word document: explicit Latin and East Asian fonts on the document
defaults and every style (theme font attributes resolved through the theme part and
dropped, so the East Asian font is not overridden) and the document language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from generator.i18n import Translator
from generator.render.docx_tables import TablesMixin

LATIN_BODY = "Calibri"
LATIN_HEADING = "Calibri Light"
EAST_ASIAN_BODY = "Microsoft YaHei"
EAST_ASIAN_HEADING = "Microsoft YaHei"

_HEADING_STYLE_IDS = {
    "Title",
    "TitleChar",
    "Subtitle",
    "SubtitleChar",
    "TOCHeading",
    *(f"Heading{i}" for i in range(1, 10)),
    *(f"Heading{i}Char" for i in range(1, 10)),
}
_HEADING_NAMES = {"title", "subtitle", "toc heading", *(f"heading {i}" for i in range(1, 10))}
_NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"

_EAST_ASIA, _VAL = qn("w:eastAsia"), qn("w:val")


class DocFonts(TablesMixin):
    """Explicit Latin and East Asian fonts on every style (theme fonts resolved) and the
    document language."""

    doc: DocumentObject
    template: Path | None
    tr: Translator
    _ea_cache: dict[str, str]

    def _theme_fonts(self) -> dict[str, str]:
        """Theme font names by theme-attribute value (majorHAnsi, minorEastAsia...)."""
        fonts: dict[str, str] = {}
        try:
            theme = self.doc.part.part_related_by(RT.THEME)
        except KeyError:
            return fonts
        root = etree.fromstring(theme.blob)
        for kind in ("major", "minor"):
            font = root.find(f".//{{{_NS_A}}}{kind}Font")
            if font is None:
                continue
            for tag, key in (("latin", "HAnsi"), ("ea", "EastAsia"), ("cs", "Bidi")):
                element = font.find(f"{{{_NS_A}}}{tag}")
                if element is not None and element.get("typeface"):
                    fonts[f"{kind}{key}"] = element.get("typeface", "")
            latin = fonts.get(f"{kind}HAnsi", "")
            fonts.setdefault(f"{kind}Ascii", latin)
        return fonts

    def _fix_fonts(self) -> None:
        """Resolve theme fonts into explicit names; set East Asian fonts everywhere.

        Our own template gets our fonts; a customer template keeps its Latin fonts
        (resolved from its theme) and gains an East Asian font where it has none.
        """
        theme = self._theme_fonts()
        styles_el = self.doc.styles.element
        own = self.template is None
        for fonts in styles_el.iter(qn("w:rFonts")):  # table styles' conditional runs too
            for attr, explicit in (
                ("asciiTheme", "ascii"),
                ("hAnsiTheme", "hAnsi"),
                ("eastAsiaTheme", "eastAsia"),
                ("cstheme", "cs"),
            ):
                value = fonts.get(qn(f"w:{attr}"))
                if value is None:
                    continue
                del fonts.attrib[qn(f"w:{attr}")]
                resolved = theme.get(value, "")
                if resolved and fonts.get(qn(f"w:{explicit}")) is None:
                    fonts.set(qn(f"w:{explicit}"), resolved)
        defaults = styles_el.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
            styles_el.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}><w:rPr/></w:rPrDefault>")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = etree.SubElement(rpr_default, qn("w:rPr"))
        targets: list[tuple[Any, bool]] = [(rpr, False)]
        for style in styles_el.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"), "")
            name_el = style.find(qn("w:name"))
            name = (name_el.get(qn("w:val"), "") if name_el is not None else "").lower()
            # by id (Word's English ids) or by name (localised templates use ids like "1")
            heading = style_id in _HEADING_STYLE_IDS or name.removesuffix(" char") in _HEADING_NAMES
            style_rpr = style.find(qn("w:rPr"))
            if style_rpr is None:
                if not (own and heading):
                    continue
                style_rpr = etree.SubElement(style, qn("w:rPr"))
            targets.append((style_rpr, heading))
        for target_rpr, heading in targets:
            fonts = target_rpr.find(qn("w:rFonts"))
            is_default = target_rpr is rpr
            if fonts is None:
                if not (is_default or (own and heading)):
                    continue
                fonts = etree.Element(qn("w:rFonts"))
                target_rpr.insert(0, fonts)
            if own:
                latin = LATIN_HEADING if heading else LATIN_BODY
                for attr in ("ascii", "hAnsi", "cs"):
                    fonts.set(qn(f"w:{attr}"), latin)
                fonts.set(qn("w:eastAsia"), EAST_ASIAN_HEADING if heading else EAST_ASIAN_BODY)
            elif (is_default or heading) and not fonts.get(qn("w:eastAsia")):
                fonts.set(qn("w:eastAsia"), EAST_ASIAN_HEADING if heading else EAST_ASIAN_BODY)
            if not len(fonts.attrib) and not is_default:
                target_rpr.remove(fonts)
        self._ea_cache.clear()

    def east_asian_font(self, style_id: str) -> str:
        """The effective East Asian font of a paragraph style (walks basedOn, then defaults)."""
        if style_id in self._ea_cache:
            return self._ea_cache[style_id]
        styles_el = self.doc.styles.element
        by_id = {s.get(qn("w:styleId")): s for s in styles_el.findall(qn("w:style"))}
        seen: set[str] = set()
        current: str | None = style_id
        found = ""
        while current and current not in seen:
            seen.add(current)
            style = by_id.get(current)
            if style is None:
                break
            fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            if fonts is not None and fonts.get(qn("w:eastAsia")):
                found = fonts.get(qn("w:eastAsia"), "")
                break
            based = style.find(qn("w:basedOn"))
            current = based.get(qn("w:val")) if based is not None else None
        if not found:
            fonts = styles_el.find(
                f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
            )
            found = fonts.get(qn("w:eastAsia"), "") if fonts is not None else ""
        self._ea_cache[style_id] = found or EAST_ASIAN_BODY
        return self._ea_cache[style_id]

    def _set_language(self) -> None:
        rpr = self.doc.styles.element.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"
        )
        assert rpr is not None  # created by _fix_fonts
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = etree.SubElement(rpr, qn("w:lang"))
        lang.set(qn("w:val"), self.tr.locale.tag)
        lang.set(qn("w:eastAsia"), "zh-CN")
        lang.set(qn("w:bidi"), "ar-SA")
        settings = self.doc.settings.element
        theme_lang = settings.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:eastAsia"), "zh-CN")

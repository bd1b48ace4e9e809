"""The text style a template gives a placeholder's first level: font, bold, italic, capitals, alignment, spacing.

PowerPoint takes each property from the first level that sets it: the layout
placeholder's list style, then the master placeholder's, then the master's text styles
(``p:txStyles``: title or body style), then the theme (``+mj-lt`` / ``+mn-lt`` name the
theme's heading and body fonts). The measurer measures with this font and weight, the
writer keeps it (it is the template's look) and the preview paints it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.slide import SlideLayout

from briefing_builder.ooxml.namespaces import NS
from briefing_builder.ooxml.pptx_internals import element_of

_TITLE_TYPES = ("title", "ctrTitle")


@dataclass(frozen=True)
class TextStyle:
    """What the template sets for level-1 text of one kind of placeholder (None: not set anywhere)."""

    font: str | None = None
    bold: bool = False
    italic: bool = False
    caps: bool = False
    align: str | None = None
    #: Character spacing (``spc``) in points, added after every character.
    spacing_pt: float = 0.0
    #: The text size (``sz``) in points; None when no level sets it.
    size_pt: float | None = None


def _master_placeholder(layout: SlideLayout, kind: str) -> etree._Element | None:
    tree = element_of(layout.slide_master).find("p:cSld/p:spTree", NS)
    types = _TITLE_TYPES if kind == "title" else ("body", "obj")
    for sp in tree if tree is not None else ():
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type", "obj") in types:
            return sp
    return None


def _levels(layout: SlideLayout, placeholder: etree._Element | None, kind: str) -> list[etree._Element]:
    """Level-1 paragraph properties in the order PowerPoint looks them up."""
    found = []
    for sp in (placeholder, _master_placeholder(layout, kind)):
        level = sp.find("p:txBody/a:lstStyle/a:lvl1pPr", NS) if sp is not None else None
        if level is not None:
            found.append(level)
    styles = element_of(layout.slide_master).find("p:txStyles", NS)
    master = styles.find(f"p:{'titleStyle' if kind == 'title' else 'bodyStyle'}/a:lvl1pPr", NS) \
        if styles is not None else None
    if master is not None:
        found.append(master)
    return found


def _first(levels: list[etree._Element], path: str, attribute: str) -> str | None:
    for level in levels:
        element = level if not path else level.find(path, NS)
        value = element.get(attribute) if element is not None else None
        if value is not None:
            return str(value)
    return None


def resolve_style(layout: SlideLayout, placeholder: etree._Element | None, kind: str,
                  theme_fonts: tuple[str | None, str | None]) -> TextStyle:
    """The style of ``kind`` ("title" or "body") text in ``placeholder`` on ``layout``."""
    levels = _levels(layout, placeholder, kind)
    face = _first(levels, "a:defRPr/a:latin", "typeface")
    major, minor = theme_fonts
    if face in (None, "", "+mj-lt", "+mn-lt"):
        face = {"+mj-lt": major, "+mn-lt": minor}.get(face or "", major if kind == "title" else minor)
    elif face.startswith("+"):
        face = None
    on = ("1", "true")
    return TextStyle(font=face, bold=_first(levels, "a:defRPr", "b") in on,
                     italic=_first(levels, "a:defRPr", "i") in on, caps=_first(levels, "a:defRPr", "cap") == "all",
                     align=_first(levels, "", "algn"), spacing_pt=_points(_first(levels, "a:defRPr", "spc")),
                     size_pt=_size(_first(levels, "a:defRPr", "sz")))


def _points(hundredths: str | None) -> float:
    """``spc`` (hundredths of a point; may be negative) in points; 0 when absent or unreadable."""
    try:
        return max(-50.0, min(50.0, int(hundredths or 0) / 100))
    except ValueError:
        return 0.0


def _size(hundredths: str | None) -> float | None:
    """``sz`` (hundredths of a point, 1–4000 pt) in points; None when absent or unreadable."""
    try:
        value = int(hundredths or 0) / 100
    except ValueError:
        return None
    return value if 1 <= value <= 4000 else None

"""The text style a template gives a placeholder's first level: font, bold, italic, capitals, alignment, spacing.

PowerPoint takes each property from the first level that sets it: the layout
placeholder's list style, then the master placeholder's, then the master's text styles
(``p:txStyles``: title or body style), then the theme (``+mj-lt`` / ``+mn-lt`` name the
theme's heading and body fonts). The measurer measures with this font and weight, the
writer keeps it (it is the template's look) and the preview paints it. A title keeps the
template's left margin and indent too, unless they would push its lines out of the box.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.slide import SlideLayout

from briefing_builder.ooxml.namespaces import NS
from briefing_builder.ooxml.pptx_internals import element_of

_TITLE_TYPES = ("title", "ctrTitle")
#: A title keeps the template's margin and indent only while its lines keep this share of the box's width.
MIN_LINE_SHARE = 0.6


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
    #: Left margin (``marL``) and first-line indent (``indent``, negative: hanging) in EMU.
    margin: int = 0
    indent: int = 0
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


def _levels(layout: SlideLayout, placeholder: etree._Element | None, kind: str,
            number: int = 1) -> list[etree._Element]:
    """Paragraph properties of level ``number`` (1-9) in the order PowerPoint looks them up."""
    tag = f"a:lvl{number}pPr"
    found = []
    for sp in (placeholder, _master_placeholder(layout, kind)):
        level = sp.find(f"p:txBody/a:lstStyle/{tag}", NS) if sp is not None else None
        if level is not None:
            found.append(level)
    styles = element_of(layout.slide_master).find("p:txStyles", NS)
    master = styles.find(f"p:{'titleStyle' if kind == 'title' else 'bodyStyle'}/{tag}", NS) \
        if styles is not None else None
    if master is not None:
        found.append(master)
    return found


def level_directions(layout: SlideLayout, placeholder: etree._Element | None) -> tuple[frozenset[str], ...]:
    """For body levels 1-9 (index 0-8), every direction (``"0"``/``"1"``) the template sets in the chain.

    LibreOffice gives a paragraph of level 2 or deeper its level's style and, in doing so, drops
    the paragraph's own direction when that style sets one; the writer needs to know when.
    """
    return tuple(frozenset("1" if level.get("rtl") in ("1", "true") else "0"
                           for level in _levels(layout, placeholder, "body", number) if level.get("rtl") is not None)
                 for number in range(1, 10))


def level_weights(layout: SlideLayout, placeholder: etree._Element | None,
                  kind: str = "body") -> tuple[tuple[bool, bool], ...]:
    """For levels 1-9 (index 0-8) of ``kind`` text in ``placeholder``, the (bold, italic) the template gives it.

    The planner gives a paragraph's runs its level's weight and slant, so that the measurer measures
    with the face that will be drawn (a master whose body style is bold draws every body in bold),
    the preview paints it and the writer writes it on the runs.
    """
    on = ("1", "true")
    return tuple((_first(levels, "a:defRPr", "b") in on, _first(levels, "a:defRPr", "i") in on)
                 for levels in (_levels(layout, placeholder, kind, number) for number in range(1, 10)))


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
                     margin=_emu(_first(levels, "", "marL")), indent=_emu(_first(levels, "", "indent")),
                     size_pt=_size(_first(levels, "a:defRPr", "sz")))


def kept_inset(style: TextStyle, width: int) -> tuple[int, int]:
    """The margin and indent of ``style`` a title keeps in a box ``width`` EMU wide: the template's look,
    unless its lines would start left of the box or keep under :data:`MIN_LINE_SHARE` of its width."""
    margin = max(style.margin, 0)
    indent = max(style.indent, -margin)  # a hanging first line never starts left of the box
    if width - margin - max(indent, 0) < width * MIN_LINE_SHARE:
        return 0, 0
    return margin, indent


def title_inset(layout: SlideLayout, placeholder: etree._Element | None, width: int) -> tuple[int, int]:
    """The margin and indent a title placeholder on ``layout`` keeps (:func:`kept_inset`) in a box ``width`` wide."""
    return kept_inset(resolve_style(layout, placeholder, "title", (None, None)), width)


def _emu(value: str | None) -> int:
    """A length attribute in EMU; 0 when absent or unreadable."""
    try:
        return int(value or 0)
    except ValueError:
        return 0


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

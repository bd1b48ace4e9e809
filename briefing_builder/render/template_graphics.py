"""Say where a layout's text boxes run under the template's own pictures and text boxes.

A master or layout may put a logo in the corner its title box reaches, or a rotated
"CONFIDENTIAL" box across its body: text written there runs under the graphic (hidden, or
crossing it). For every mapped layout, its title, subtitle and body boxes are compared with
the non-placeholder pictures and text boxes of the layout and (when it shows them) of its
master; backdrop pictures (as large as the slide in one direction) and shapes without text
(bands, rules, dots drawn to sit with the text) do not count.
Each layout with overlaps of more than a sliver gets one note naming each text box and the
graphic it runs under.
"""

from __future__ import annotations

from lxml import etree
from pptx.slide import SlideLayout

from briefing_builder.compose.geometry import EMU_PER_POINT, Box, RoleGeometry
from briefing_builder.ooxml.pptx_internals import element_of
from briefing_builder.render.template_layouts import NS_A, NS_P, xfrm_box

#: A picture at least this share of the slide's width or height is a backdrop.
BACKDROP_SHARE = 0.4
#: An overlap smaller than this share of the graphic (and of the text box) is a sliver, not worth a note.
SLIVER = 0.1
_GRAPHICS = ("sp", "pic", "grpSp")


def _text(shape: etree._Element) -> str:
    return " ".join(t.text.strip() for t in shape.iter(f"{{{NS_A}}}t") if t.text and t.text.strip())


def _graphics(tree: etree._Element | None, width: int, height: int) -> list[tuple[str, Box]]:
    """(how a note names it, box) of each picture and text box of an ``spTree`` (not placeholders, not backdrops)."""
    found = []
    for shape in tree if tree is not None else ():
        kind = etree.QName(shape).localname
        if kind not in _GRAPHICS or shape.find(f".//{{{NS_P}}}nvPr/{{{NS_P}}}ph") is not None:
            continue
        box = xfrm_box(shape)
        if box is None:
            continue
        text = _text(shape)
        small = box.width < width * BACKDROP_SHARE and box.height < height * BACKDROP_SHARE
        if not (text or (small and kind == "pic")):
            continue  # a backdrop picture, or a decoration drawn to sit with the text
        named = next(shape.iter(f"{{{NS_P}}}cNvPr"), None)
        name = named.get("name", "") if named is not None else ""
        found.append((f"text box “{text[:40]}”" if text else f"picture '{name}'",
                      box))
    return found


def _overlap(a: Box, b: Box) -> int:
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return width * height if width > 0 and height > 0 else 0


def _pt(box: Box) -> str:
    return (f"{box.width / EMU_PER_POINT:.0f}×{box.height / EMU_PER_POINT:.0f} pt at "
            f"({box.left / EMU_PER_POINT:.0f}, {box.top / EMU_PER_POINT:.0f})")


def graphic_notes(layouts: dict[str, SlideLayout], roles: dict[str, RoleGeometry], width: int,
                  height: int) -> list[str]:
    """One note per mapped layout whose text boxes run under graphics, naming each box and graphic."""
    found: dict[str, dict[str, None]] = {}
    for role_name, layout in layouts.items():
        role = roles[role_name]
        graphics = [("layout's", g) for g in _graphics(element_of(layout).find(f"{{{NS_P}}}cSld/{{{NS_P}}}spTree"),
                                                        width, height)]
        if element_of(layout).get("showMasterSp", "1") not in ("0", "false"):
            master = element_of(layout.slide_master).find(f"{{{NS_P}}}cSld/{{{NS_P}}}spTree")
            graphics = [("master's", g) for g in _graphics(master, width, height)] + graphics
        parts = [("title", role.title), ("subtitle", role.subtitle), *(("body", box) for box in role.bodies)]
        clauses = found.setdefault(role.layout_name, {})
        for part, box in parts:
            if box is None:
                continue
            for owner, (name, graphic) in graphics:
                shared = _overlap(box, graphic)
                if shared >= SLIVER * min(graphic.width * graphic.height, box.width * box.height):
                    clauses[f"its {part} box ({_pt(box)}) runs under the {owner} {name} ({_pt(graphic)})"] = None
    return [f"Layout '{layout}': {'; '.join(clauses)}: text there is hidden behind it or crosses it. Move the "
            "placeholders clear of it in the template (View → Slide Master) or pin another layout in the "
            "template's sidecar." for layout, clauses in found.items() if clauses]

"""Read a template's pages as the marking placer needs them (plain :class:`Surface` data).

For every slide role: what is painted (the background and the filled shapes and pictures
of the layout and, when shown, its master — from :mod:`briefing_builder.render.appearance`),
the template's own shapes a marking must keep clear of (its text boxes, logos and small
shapes, the placeholders a slide fills, the slide number) and whether it shows a slide number
(a placeholder, or a shape of its own holding the slide-number field), the title (narrowed where one of
those shapes stands at its end) and the footer. For
the notes page: the template's notes master, or python-pptx's default one that a deck
without one gets; its page number stands where a slide's footer does (it may move).
"""

from __future__ import annotations

from pathlib import Path

import pptx
from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.slide import SlideLayout

from briefing_builder.compose.appearance import RoleAppearance
from briefing_builder.compose.geometry import Box, RoleGeometry
from briefing_builder.compose.marking_layout import MarkingSurfaces, Paint, Surface, title_clear_of
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.ooxml.pptx_internals import element_of, shape_tree
from briefing_builder.ooxml.xml import SAFE_PARSER
from briefing_builder.render.appearance import read_appearance, style_colours
from briefing_builder.render.furniture_boxes import furniture_kind, furniture_place
from briefing_builder.render.template import OpenedTemplate
from briefing_builder.render.template_layouts import NS_A, NS_P, master_boxes
from briefing_builder.render.template_layouts import xfrm_box as _xfrm_box

_DEFAULT_NOTES_MASTER = Path(pptx.__file__).parent / "templates" / "notesMaster.xml"
#: Shapes at least this share of the page's width or height are backdrops (bands, rules), not obstacles.
BACKDROP_SHARE = 0.4
_NOTES_CONTENT = ("sldImg", "body")


def _has_text(shape: etree._Element) -> bool:
    return any((t.text or "").strip() for t in shape.iter(f"{{{NS_A}}}t"))


def _shape_obstacles(tree: etree._Element | None, width: int, height: int) -> list[Box]:
    """Non-placeholder shapes of an ``spTree`` a marking must not cover."""
    found = []
    for shape in tree if tree is not None else ():
        kind = etree.QName(shape).localname
        if kind not in ("sp", "pic", "grpSp", "cxnSp", "graphicFrame"):
            continue
        if shape.find(f".//{{{NS_P}}}nvPr/{{{NS_P}}}ph") is not None:
            continue
        box = _xfrm_box(shape)
        if box is None:
            continue
        small = box.width < width * BACKDROP_SHARE and box.height < height * BACKDROP_SHARE
        if _has_text(shape) or small or (kind == "pic" and box.width * box.height < width * height / 2):
            found.append(box)
    return found


def _shows_own_number(tree: etree._Element | None) -> bool:
    """A shape of the template's own (not a placeholder a slide fills) holds a slide-number field."""
    for shape in tree if tree is not None else ():
        if shape.find(f".//{{{NS_P}}}nvPr/{{{NS_P}}}ph") is None and any(
                field.get("type") == "slidenum" for field in shape.iter(f"{{{NS_A}}}fld")):
            return True
    return False


def _placeholders(element: etree._Element) -> list[tuple[str, int, Box | None]]:
    """(type, idx, own box) of every placeholder in a layout, master or notes master element."""
    found = []
    for ph in element.iter(f"{{{NS_P}}}ph"):
        shape = ph
        for _ in range(3):
            shape = shape.getparent() if shape is not None else None
        if shape is None:
            continue
        try:
            idx = int(ph.get("idx", "0"))
        except ValueError:
            idx = 0
        sppr = shape.find(f"{{{NS_P}}}spPr")
        found.append((ph.get("type", "obj"), idx, _xfrm_box(sppr if sppr is not None else shape)))
    return found


def _tree(element: etree._Element) -> etree._Element | None:
    return element.find(f"{{{NS_P}}}cSld/{{{NS_P}}}spTree")


def _slide_surface(template: OpenedTemplate, role: str, look: RoleAppearance) -> Surface:
    layout = template.layouts[role]
    geo: RoleGeometry = template.geometry.role(role)
    width, height = template.geometry.slide_width, template.geometry.slide_height
    trees = [_tree(element_of(layout))]
    if element_of(layout).get("showMasterSp", "1") not in ("0", "false"):
        trees.append(_tree(element_of(layout.slide_master)))
    obstacles = [box for tree in trees for box in _shape_obstacles(tree, width, height)]
    title = title_clear_of(geo.title, obstacles) if geo.title is not None else None
    obstacles += [geo.subtitle] if geo.subtitle is not None else []
    inherited = master_boxes(layout.slide_master)
    number = [box or inherited.by_type.get("sldNum") for kind, _idx, box in _placeholders(element_of(layout))
              if kind == "sldNum"]
    obstacles += [b for b in number if b is not None]
    paints = tuple(Paint(d.box if d.box.width and d.box.height else None, d.fill if d.kind != "picture" else None,
                         d.image, d.polygons) for d in look.decorations if d.kind == "picture" or d.fill)
    own = (("title", look.title_color), ("subtitle", look.subtitle_color), ("body", look.body_color))
    text = own + tuple(pair for pair in style_colours(layout) if pair not in own)
    return Surface(width, height, look.background, paints, tuple(obstacles), title, geo.footer,
                   has_number=_shows_number(layout) or any(_shows_own_number(t) for t in trees),
                   text_colours=text, bodies=geo.bodies, text_fills=look.text_fills)


def _shows_number(layout: SlideLayout) -> bool:
    """True when the layout's slides get its slide-number placeholder (not one without an area)."""
    master = layout.slide_master
    return any(furniture_place(sp, master).usable for sp in shape_tree(layout).iterchildren(qn("p:sp"))
               if furniture_kind(sp) == "sldNum")


def _notes_surface(template: OpenedTemplate) -> Surface:
    prs = template.presentation
    try:
        master = element_of(prs.part.part_related_by(RT.NOTES_MASTER))
    except KeyError:
        master = etree.fromstring(_DEFAULT_NOTES_MASTER.read_bytes(), SAFE_PARSER)
    size = element_of(prs).find(f"{{{NS_P}}}notesSz")
    width = int(size.get("cx", 6858000)) if size is not None else 6858000
    height = int(size.get("cy", 9144000)) if size is not None else 9144000
    obstacles = _shape_obstacles(_tree(master), width, height)
    obstacles += [box for kind, _idx, box in _placeholders(master) if kind in _NOTES_CONTENT and box is not None]
    number = next((box for kind, _idx, box in _placeholders(master) if kind == "sldNum"), None)
    # The page number gives way like a slide's footer: it moves along its row for a bottom-centre marking.
    return Surface(width, height, "FFFFFF", (), tuple(obstacles), footer=number, has_number=number is not None)


def read_surfaces(template: OpenedTemplate) -> MarkingSurfaces:
    """Every slide role's surface and the notes page's (read-only; the template is not changed)."""
    look = read_appearance(template)
    slides = {role: _slide_surface(template, role, look.role(role)) for role in template.layouts}
    return MarkingSurfaces(slides, _notes_surface(template))

"""Slide furniture python-pptx has no API for: footers, slide numbers, marking, alt text, ids."""

from __future__ import annotations

import copy

from lxml import etree
from pptx.slide import Slide, _BaseSlide

from briefing_builder.compose import textstyle
from briefing_builder.compose.geometry import Box
from briefing_builder.compose.marking_layout import INSET_X, INSET_Y
from briefing_builder.compose.plan import MarkSpec
from briefing_builder.markup import clean_text
from briefing_builder.ooxml.builder import element, nsmap
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.ooxml.pptx_internals import element_of, shape_tree
from briefing_builder.render import pptx_text, shape_references
from briefing_builder.render.furniture_boxes import drawn_box, furniture_kind, furniture_place


def copy_furniture(slide: Slide, footer: str, date_text: str, number: int,
                   footer_size: float | None = None) -> None:
    """Copy the layout's date, footer and slide-number placeholders onto the slide and fill them.

    One with no area in the layout or the master is left off (:mod:`render.furniture_boxes`).
    """
    layout_tree = shape_tree(slide.slide_layout)
    tree = shape_tree(slide)
    for sp in layout_tree.iterchildren(qn("p:sp")):
        kind = furniture_kind(sp)
        if kind is None:
            continue
        text = {"dt": date_text, "ftr": footer, "sldNum": str(number)}[kind]
        place = furniture_place(sp, slide.slide_layout.slide_master)
        if not text or not place.usable:
            continue
        clone = copy.deepcopy(sp)
        _set_furniture_text(clone, kind, text, footer_size if kind == "ftr" else None)
        if place.box is not None and place.box != drawn_box(clone):  # explicit: inheritance by idx is ambiguous
            _set_position(clone, *place.box)
        if place.box is not None:
            _keep_room(clone, place.box[2], place.box[3])
        tree.append(clone)


def _keep_room(sp: etree._Element, width: int, height: int) -> None:
    """Standard insets where the template's would leave under half the box for the text (one letter a line)."""
    body_pr = sp.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
    if body_pr is None:
        return
    for (a, b), room, standard in ((("lIns", "rIns"), width, textstyle.INSET_X),
                                   (("tIns", "bIns"), height, textstyle.INSET_Y)):
        try:
            inset = int(body_pr.get(a, "0")) + int(body_pr.get(b, "0"))
        except ValueError:
            inset = room
        if inset > room / 2:
            body_pr.set(a, str(standard))
            body_pr.set(b, str(standard))


def _set_furniture_text(sp: etree._Element, kind: str, text: str, size: float | None = None) -> None:
    body = sp.find(qn("p:txBody"))
    if body is None:
        body = etree.SubElement(sp, qn("p:txBody"))
        etree.SubElement(body, qn("a:bodyPr"))
    body_pr = body.find(qn("a:bodyPr"))
    if body_pr is not None:
        pptx_text.horizontal(body_pr)
    paragraphs = body.findall(qn("a:p"))
    first = paragraphs[0] if paragraphs else etree.SubElement(body, qn("a:p"))
    for extra in paragraphs[1:]:
        body.remove(extra)
    ppr = first.find(qn("a:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("a:pPr"))
        first.insert(0, ppr)
    ppr.set("rtl", pptx_text.direction(text))
    # Keep the layout's own run formatting (size, colour) for the text we put in.
    sample = first.find(".//" + qn("a:rPr"))
    if sample is None:
        sample = first.find(qn("a:endParaRPr"))
    run_pr = copy.deepcopy(sample) if sample is not None else etree.Element(qn("a:rPr"))
    run_pr.tag = qn("a:rPr")
    run_pr.set("lang", run_pr.get("lang", "en-GB"))
    if size is not None:
        run_pr.set("sz", str(int(size * 100)))
    for child in list(first):
        if child is not ppr:
            first.remove(child)
    if kind == "sldNum":
        holder = etree.SubElement(first, qn("a:fld"))
        holder.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
        holder.set("type", "slidenum")
    else:
        holder = etree.SubElement(first, qn("a:r"))
    holder.append(run_pr)
    etree.SubElement(holder, qn("a:t")).text = clean_text(text)


def add_marks(tree: etree._Element, marks: tuple[MarkSpec, ...], inherited_rtl: bool = False) -> None:
    """Draw each marking (or added slide number) of the plan as a text box in ``tree`` (an spTree);
    ``inherited_rtl``: the template's text boxes default to right to left (their direction is then written)."""
    for mark in marks:
        tree.append(_mark_shape(mark, inherited_rtl))


def _mark_shape(mark: MarkSpec, inherited_rtl: bool) -> etree._Element:
    b = mark.box
    fill = (element("a:solidFill", children=[element("a:srgbClr", {"val": mark.fill})]) if mark.fill
            else element("a:noFill"))

    def run_pr() -> etree._Element:
        return element("a:rPr", {"lang": mark.lang, "sz": int(mark.size_pt * 100), "b": int(mark.bold), "dirty": "0"},
                       [element("a:solidFill", children=[element("a:srgbClr", {"val": mark.colour})])])

    text = clean_text(mark.text)
    inner = (element("a:fld", {"id": "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", "type": "slidenum"},
                     [run_pr(), element("a:t", text="‹#›")])
             if mark.slide_number else element("a:r", children=[run_pr(), element("a:t", text=text)]))
    insets = {"lIns": INSET_X, "rIns": INSET_X, "tIns": INSET_Y, "bIns": INSET_Y}
    paragraph_pr = element("a:pPr", {"algn": mark.align})
    pptx_text.set_direction(paragraph_pr, text, inherited_rtl)
    return element("p:sp", namespaces=nsmap("p", "a"), children=[
        element("p:nvSpPr", children=[
            element("p:cNvPr", {"id": "0", "name": mark.name,
                                              "descr": clean_text(mark.description) or f"{mark.name}: {text}"}),
            element("p:cNvSpPr", {"txBox": "1"}), element("p:nvPr")]),
        element("p:spPr", children=[
            element("a:xfrm", children=[element("a:off", {"x": b.left, "y": b.top}),
                                        element("a:ext", {"cx": b.width, "cy": b.height})]),
            element("a:prstGeom", {"prst": "rect"}, [element("a:avLst")]), fill]),
        element("p:txBody", children=[
            element("a:bodyPr", {"wrap": "none", **insets, "anchor": "ctr"}, [element("a:noAutofit")]),
            element("a:lstStyle"),
            element("a:p", children=[paragraph_pr, inner])])])


def set_box(shape: etree._Element, box: Box) -> None:
    """Give a slide shape its own position (``spPr/xfrm``), e.g. a footer narrowed for a marking."""
    sp_pr = shape.find(qn("p:spPr"))
    if sp_pr is None:  # schema order: right after the non-visual properties
        sp_pr = etree.Element(qn("p:spPr"))
        shape.insert(1, sp_pr)
    xfrm = sp_pr.find(qn("a:xfrm"))
    if xfrm is None:
        xfrm = etree.Element(qn("a:xfrm"))
        sp_pr.insert(0, xfrm)
    for child in list(xfrm):
        xfrm.remove(child)
    etree.SubElement(xfrm, qn("a:off"), x=str(box.left), y=str(box.top))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(box.width), cy=str(box.height))


def furniture(tree: etree._Element, kind: str) -> etree._Element | None:
    """The slide's ``dt``/``ftr``/``sldNum`` placeholder shape, if it has one."""
    for sp in tree.iterchildren(qn("p:sp")):
        ph = sp.find(".//" + qn("p:nvPr") + "/" + qn("p:ph"))
        if ph is not None and ph.get("type") == kind:
            return sp
    return None


def set_alt_text(shape_element: etree._Element, text: str, title: str | None = None) -> None:
    """Set a shape's description (alt text) and optional title on its ``cNvPr``."""
    c_nv_pr = shape_element.find(".//" + qn("p:cNvPr"))
    if c_nv_pr is not None:
        c_nv_pr.set("descr", clean_text(text))
        if title:
            c_nv_pr.set("title", clean_text(title))


def renumber_shape_ids(slide: _BaseSlide) -> None:
    """Give every shape on the slide a unique ``cNvPr/@id`` (duplicates make PowerPoint repair).

    Connectors glued to shapes and animations keep pointing at the same shapes
    (:mod:`render.shape_references`).
    """
    shape_references.renumber(element_of(slide), shape_tree(slide))


def remove_empty_placeholders(slide: Slide) -> None:
    """Drop placeholders left empty, so no "Click to add text" prompts remain."""
    for shape in list(slide.placeholders):
        element = element_of(shape)
        if element.tag != qn("p:sp"):
            continue
        body = element.find(qn("p:txBody"))
        text = "".join(t.text or "" for t in body.iter(qn("a:t"))) if body is not None else ""
        if not text.strip():
            element.getparent().remove(element)


_TITLE_TYPES = ("title", "ctrTitle")


def make_title(sp: etree._Element, left: int, top: int, width: int, height: int,
               layout_sp: etree._Element | None = None) -> None:
    """Make shape ``sp`` the slide's title placeholder (PowerPoint's outline and accessibility read it).

    A text box or a placeholder of another type (a template's title drawn as a body) becomes
    ``<p:ph type="title"/>`` at its own position; the look its layout placeholder gave it
    (``layout_sp``: list styles, anchoring) is copied onto it, since the title no longer
    inherits from that placeholder.
    """
    nv_pr = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}")
    if nv_pr is None:
        return
    ph = nv_pr.find(qn("p:ph"))
    if ph is not None and ph.get("type") in _TITLE_TYPES:
        return
    if ph is None:
        ph = etree.Element(qn("p:ph"))
        nv_pr.insert(0, ph)
    for key in list(ph.attrib):
        del ph.attrib[key]
    ph.set("type", "title")
    c_nv_sp_pr = sp.find(f"{qn('p:nvSpPr')}/{qn('p:cNvSpPr')}")
    if c_nv_sp_pr is not None:
        c_nv_sp_pr.attrib.pop("txBox", None)
    _set_position(sp, left, top, width, height)
    if layout_sp is not None:
        _copy_text_look(layout_sp, sp)


def _set_position(sp: etree._Element, left: int, top: int, width: int, height: int) -> None:
    set_box(sp, Box(left, top, width, height))


def _copy_text_look(source_sp: etree._Element, target_sp: etree._Element) -> None:
    source, target = source_sp.find(qn("p:txBody")), target_sp.find(qn("p:txBody"))
    if source is None or target is None:
        return
    styles = source.find(qn("a:lstStyle"))
    if styles is not None:
        old = target.find(qn("a:lstStyle"))
        index = list(target).index(old) if old is not None else 1
        if old is not None:
            target.remove(old)
        target.insert(index, copy.deepcopy(styles))
    source_pr, target_pr = source.find(qn("a:bodyPr")), target.find(qn("a:bodyPr"))
    if source_pr is not None and target_pr is not None:
        for key in ("anchor", "anchorCtr", "vert", "rtlCol"):
            if source_pr.get(key) is not None and target_pr.get(key) is None:
                target_pr.set(key, source_pr.get(key))

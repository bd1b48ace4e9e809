"""The slide number written into the template's slide-number placeholder at a size its box holds.

The template's number keeps its look (font, colour, alignment) and its size where the box
holds the deck's widest number at that size; else the largest half-point size down to
:data:`SMALLEST_PT` that does. Its paragraph gets no space before or after and single line
spacing, so a master's list style (24 pt before, as some set) cannot push it out of its box.
A box that cannot hold the number even at the smallest size (short of it by more than
:data:`HAIR_PT`) is widened (and heightened) to what the number needs, from its aligned edge,
inside the slide; one drawn past the slide's edge is brought inside, as wide as the number,
and the footer beside it cut back to its side (:func:`clear_of_number`); :func:`number_box_warnings`
names those layouts for the build. The size, font and insets are read as PowerPoint reads
them: the slide's copy of the layout placeholder, then the master's slide-number
placeholder, then the master's ``otherStyle``.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.slide import SlideLayout, SlideMaster

from briefing_builder.compose.fitting import HEIGHT_SAFETY, WIDTH_SAFETY
from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.measure import font_face, text_width
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.ooxml.pptx_internals import element_of, shape_tree
from briefing_builder.render.pptx_shapes import set_box
from briefing_builder.render.template_layouts import clamp_to_slide, xfrm_box

#: The smallest size a slide number is set at before its box is widened instead.
SMALLEST_PT = 7.0
#: A box short of the number's measure by at most this (pt) still holds it (the measure has a safety margin).
HAIR_PT = 0.5
_DEFAULT_PT = 18.0
_DEFAULT_INSETS = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}


@dataclass(frozen=True)
class NumberStyle:
    """What the template sets for its slide number: size (pt), font, alignment and insets (EMU)."""

    size: float
    family: str
    align: str
    insets: tuple[int, int, int, int]  # left, top, right, bottom


def _number_placeholder(tree: etree._Element | None) -> etree._Element | None:
    for sp in tree.iterchildren(qn("p:sp")) if tree is not None else ():
        ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is not None and ph.get("type") == "sldNum":
            return sp
    return None


def _levels(shape: etree._Element, master: SlideMaster) -> list[etree._Element]:
    """The run and level-1 properties that may set the number's size and font, first one wins."""
    found: list[etree._Element] = []
    for sp in (shape, _number_placeholder(shape_tree(master))):
        if sp is None:
            continue
        found += sp.findall(f".//{qn('a:fld')}/{qn('a:rPr')}") + sp.findall(f".//{qn('a:r')}/{qn('a:rPr')}")
        found += sp.findall(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    other = element_of(master).find(f"{qn('p:txStyles')}/{qn('p:otherStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    return found + ([other] if other is not None else [])


def number_style(shape: etree._Element, master: SlideMaster, theme_fonts: tuple[str, str]) -> NumberStyle:
    """The style of the slide number in ``shape`` (a slide's copy of its layout's placeholder, or the layout's)."""
    levels = _levels(shape, master)
    size = next((int(v) / 100 for v in (lv.get("sz") for lv in levels) if v and v.isdigit()), _DEFAULT_PT)
    face = next((f.get("typeface") for lv in levels if (f := lv.find(qn("a:latin"))) is not None
                 and f.get("typeface")), None)
    major, minor = theme_fonts
    family = {"+mj-lt": major, "+mn-lt": minor}.get(face or "+mn-lt", face) or minor
    master_sp = _number_placeholder(shape_tree(master))
    align = next((p.get("algn") for sp in (shape, master_sp) if sp is not None
                  for p in sp.iter(qn("a:pPr"), qn("a:lvl1pPr")) if p.get("algn")), "l")
    bodies = [b for sp in (shape, master_sp) if sp is not None
              and (b := sp.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")) is not None]

    def inset(name: str) -> int:
        value = next((b.get(name) for b in bodies if b.get(name) is not None), None)
        return int(value) if value is not None and value.lstrip("-").isdigit() else _DEFAULT_INSETS[name]

    return NumberStyle(max(1.0, size), family, str(align),
                       (inset("lIns"), inset("tIns"), inset("rIns"), inset("bIns")))


def fitted(box: Box, style: NumberStyle, widest: str, slide_w: int, slide_h: int) -> tuple[float, Box]:
    """The size the number ``widest`` takes in ``box``, and the box (``box`` itself unless it had to grow)."""
    left, top, right, bottom = style.insets
    line = font_face(style.family).line_height_em

    def need(size: float) -> tuple[int, int]:
        width = text_width(widest, style.family, size) / WIDTH_SAFETY * EMU_PER_POINT + left + right
        return int(width) + 1, int(size * line / HEIGHT_SAFETY * EMU_PER_POINT) + top + bottom + 1

    size = style.size
    while size > SMALLEST_PT and any(n > room for n, room in zip(need(size), (box.width, box.height))):
        size = max(SMALLEST_PT, round(size - 0.5, 1))
    width, height = need(size)
    slack = int(HAIR_PT * EMU_PER_POINT)  # the measures hold a safety margin: a hair short is no reason to grow
    if width <= box.width + slack and height <= box.height + slack:
        return size, box
    width, height = min(max(width, box.width), slide_w), min(max(height, box.height), slide_h)
    x = {"r": box.right - width, "ctr": box.left + (box.width - width) // 2}.get(style.align, box.left)
    y = box.top + (box.height - height) // 2
    return size, Box(max(0, min(x, slide_w - width)), max(0, min(y, slide_h - height)), width, height)


def fit_slide_number(shape: etree._Element, master: SlideMaster, theme_fonts: tuple[str, str], widest: str,
                     slide_w: int, slide_h: int) -> Box | None:
    """Set the slide number in ``shape`` (a slide's slide-number placeholder) at a size its box holds; the
    box it was moved to when it was drawn past the slide's edge (else None).

    A box drawn past the slide's edge (a layout made for another slide size) is brought inside and
    narrowed to what the number needs, on the side of its alignment, so it leaves the rest of its
    row to the footer (:func:`clear_of_number`).
    """
    box = xfrm_box(shape.find(qn("p:spPr"))) if shape.find(qn("p:spPr")) is not None else None
    if box is None:
        return None
    style = number_style(shape, master, theme_fonts)
    inside = clamp_to_slide(box, slide_w, slide_h)
    size, grown = fitted(inside, style, widest, slide_w, slide_h)
    if inside != box:
        _, need = fitted(Box(inside.left, inside.top, 1, inside.height), style, widest, slide_w, slide_h)
        left = inside.left + {"l": 0, "ctr": (grown.width - need.width) // 2}.get(style.align, grown.width - need.width)
        grown = Box(left, grown.top, min(need.width, grown.width), grown.height)
    if size != style.size:
        for run_pr in shape.iter(qn("a:rPr"), qn("a:endParaRPr")):
            run_pr.set("sz", str(round(size * 100)))
    if _spaced(shape, master):
        _unspaced(shape)
    if grown != box:
        set_box(shape, grown)
    return grown if inside != box else None


def clear_of_number(footer: etree._Element, number: Box | None, slide_w: int, slide_h: int) -> None:
    """The footer's own box (``footer``: a slide's footer placeholder) kept inside the slide and, where it
    runs into the box the slide number was moved to (``number``), cut back to its side of it."""
    sp_pr = footer.find(qn("p:spPr"))
    box = xfrm_box(sp_pr) if sp_pr is not None else None
    if box is None:
        return
    new = clamp_to_slide(box, slide_w, slide_h)
    gap = int(slide_w * 0.01)
    if number is not None and new.top < number.bottom and number.top < new.bottom \
            and new.left < number.right and number.left < new.right:
        if new.left + new.width // 2 < number.left + number.width // 2:
            new = Box(new.left, new.top, number.left - gap - new.left, new.height)
        else:
            new = Box(number.right + gap, new.top, new.right - number.right - gap, new.height)
    if new != box and new.width > slide_w * 0.05:
        set_box(footer, new)


def _spaced(shape: etree._Element, master: SlideMaster) -> bool:
    """Some level the number's paragraph inherits from sets line spacing or space before or after it."""
    master_sp = _number_placeholder(shape_tree(master))
    other = element_of(master).find(f"{qn('p:txStyles')}/{qn('p:otherStyle')}/{qn('a:lvl1pPr')}")
    levels = [p for sp in (shape, master_sp) if sp is not None for p in sp.iter(qn("a:pPr"), qn("a:lvl1pPr"))]
    return any(level.find(qn(tag)) is not None for level in levels + ([other] if other is not None else [])
               for tag in ("a:lnSpc", "a:spcBef", "a:spcAft"))


def _unspaced(shape: etree._Element) -> None:
    """Single line spacing and no space before or after on the number's paragraphs."""
    for ppr in shape.iter(qn("a:pPr")):
        for old in ppr.findall(qn("a:lnSpc")) + ppr.findall(qn("a:spcBef")) + ppr.findall(qn("a:spcAft")):
            ppr.remove(old)
        for index, (tag, child) in enumerate((("a:lnSpc", "a:spcPct"), ("a:spcBef", "a:spcPts"),
                                              ("a:spcAft", "a:spcPts"))):
            spacing = etree.Element(qn(tag))
            etree.SubElement(spacing, qn(child), val="100000" if tag == "a:lnSpc" else "0")
            ppr.insert(index, spacing)


def number_box_warnings(layouts: dict[str, SlideLayout], theme_fonts: tuple[str, str], template_name: str,
                        slide_w: int, slide_h: int) -> list[str]:
    """One warning naming the layouts used whose slide-number box cannot hold a two-digit number at any size
    down to :data:`SMALLEST_PT` (the number's box is enlarged on those slides)."""
    small: dict[str, tuple[Box, float, Box]] = {}
    for layout in layouts.values():
        shape = _number_placeholder(shape_tree(layout))
        boxes = [xfrm_box(sp_pr) for sp in (shape, _number_placeholder(shape_tree(layout.slide_master)))
                 if sp is not None and (sp_pr := sp.find(qn("p:spPr"))) is not None]
        box = next((b for b in boxes if b is not None), None)
        if shape is None or box is None or layout.name in small:
            continue
        box = clamp_to_slide(box, slide_w, slide_h)
        size, grown = fitted(box, number_style(shape, layout.slide_master, theme_fonts), "88", slide_w, slide_h)
        if grown != box:
            small[layout.name] = (box, size, grown)
    if not small:
        return []
    box, size, grown = next(iter(small.values()))
    names = ", ".join(f"'{name}'" for name in small)
    plural = len(small) > 1
    digits = 0 if _sizes(box, 0) != _sizes(grown, 0) else 1  # grown by under a point: said to a tenth
    return [(f"Template '{template_name}': the slide-number box of layout{'s' if plural else ''} {names} "
            f"{'are' if plural else 'is'} {_sizes(box, digits)} pt, too small for a two-digit "
            f"number even at {size:g} pt; the number's box is enlarged to {_sizes(grown, digits)} pt on those "
            "slides.")]


def _sizes(box: Box, digits: int) -> str:
    """``box``'s width×height in points, to ``digits`` decimals."""
    return f"{box.width / EMU_PER_POINT:.{digits}f}×{box.height / EMU_PER_POINT:.{digits}f}"

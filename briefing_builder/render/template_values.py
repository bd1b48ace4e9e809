"""Correct the values a template may not hold before any deck is made from it.

A template edited by hand or written by another program can say what PowerPoint never would:
a slide of size 0 (or negative, or a hundred metres wide), a box at ``x="abc"`` or of size
``cx="-5000"``, a font size ``sz="big"``. python-pptx copies such values into every deck, and
LibreOffice then cannot open it. Each is corrected here, with one note per part naming the
part, the shape and the values:

- the slide size (``p:sldSz``, whole EMU from 1 to 56 inches each way) falls back to 4:3
  (10 × 7.5 in), the size the decks are then planned for;
- a box's position or size (``a:off``, ``a:ext``, ``a:chOff``, ``a:chExt``) that is no whole
  number in range: a placeholder loses its own box and takes its master's, any other shape
  (a picture, a band) goes;
- a font size (``sz`` on ``a:rPr``, ``a:defRPr``, ``a:endParaRPr``; 1 to 4000 pt) is removed,
  so the text takes the size it inherits.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.package import XmlPart
from pptx.presentation import Presentation as PresentationType

from briefing_builder.ooxml.namespaces import NS
from briefing_builder.ooxml.pptx_internals import element_of
from briefing_builder.render.template_hygiene import attached, describe_part

NS_A, NS_P = NS["a"], NS["p"]
#: The default slide size used in place of an invalid one (4:3, as python-pptx and PowerPoint use).
FALLBACK_SIZE = (9144000, 6858000)
_COORDINATE = 27273042316900  # the largest offset or extent the file format allows (ST_Coordinate)
_SLIDE_SIDE = (914400, 51206400)  # 1 in to 56 in (ST_SlideSizeCoordinate)
#: (namespace, element) -> (attributes, smallest, largest) as the file format allows them.
_BOXES = {(NS_A, "off"): (("x", "y"), -_COORDINATE, _COORDINATE),
          (NS_A, "chOff"): (("x", "y"), -_COORDINATE, _COORDINATE),
          (NS_A, "ext"): (("cx", "cy"), 0, _COORDINATE),
          (NS_A, "chExt"): (("cx", "cy"), 0, _COORDINATE)}
_FONT_SIZES = {"rPr", "defRPr", "endParaRPr"}
_FONT_RANGE = (100, 400000)  # hundredths of a point


def _invalid(value: str | None, smallest: int, largest: int) -> bool:
    if value is None:
        return False
    try:
        return not smallest <= int(value) <= largest
    except ValueError:
        return True


def _bad_attributes(element: etree._Element, names: tuple[str, ...], smallest: int, largest: int) -> list[str]:
    return [f'{name}="{element.get(name)}"' for name in names if _invalid(element.get(name), smallest, largest)]


def _slide_size(prs: PresentationType, template_name: str) -> list[str]:
    size = element_of(prs.part).find(f"{{{NS_P}}}sldSz")
    if size is None:
        return []
    bad = _bad_attributes(size, ("cx", "cy"), *_SLIDE_SIDE)
    if not bad:
        return []
    size.set("cx", str(FALLBACK_SIZE[0]))
    size.set("cy", str(FALLBACK_SIZE[1]))
    return [(f"Template '{template_name}': ppt/presentation.xml gives the slide size {' '.join(bad)}, which no "
            "presentation program can show (each side must be a whole number of EMU from 1 to 56 inches); the "
            "briefings use 10 × 7.5 in (4:3) instead. Set the size in the template (Design → Slide Size).")]


def _shape(element: etree._Element) -> etree._Element | None:
    """The top-level shape (child of an spTree) holding ``element``, or None."""
    node = element
    while node.getparent() is not None and etree.QName(node.getparent()).localname != "spTree":
        node = node.getparent()
    return node if node.getparent() is not None else None


def _shape_name(shape: etree._Element) -> str:
    named = next((el for el in shape.iter() if etree.QName(el).localname == "cNvPr"), None)
    return named.get("name", "") if named is not None else ""


def _correct_box(element: etree._Element, bad: list[str]) -> str:
    """Remove the box (a placeholder's, the shape tree's own) or the shape holding ``element``; what was done."""
    shape = _shape(element)
    xfrm = element.getparent()
    kind = etree.QName(shape).localname if shape is not None else ""
    if kind in ("", "grpSpPr") or (shape is not None and any(etree.QName(el).localname == "ph" for el in shape.iter()
                                                              if isinstance(el.tag, str))):
        if xfrm is not None and xfrm.getparent() is not None:
            xfrm.getparent().remove(xfrm)
        if kind == "sp":
            return f"placeholder '{_shape_name(shape)}' has {' '.join(bad)}; it takes its master's position and size"
        return f"the frame of its drawing has {' '.join(bad)}; it is removed (shapes keep their own positions)"
    assert shape is not None
    shape.getparent().remove(shape)
    return f"shape '{_shape_name(shape)}' has {' '.join(bad)}; it is left out of the briefings"


def _part_values(part: XmlPart) -> list[str]:
    """Correct one part's boxes and font sizes; what was wrong and what was done."""
    found: list[str] = []
    root = element_of(part)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or not attached(element, root):
            continue
        qname = etree.QName(element)
        box = _BOXES.get((qname.namespace or "", qname.localname))
        if box is not None:
            bad = _bad_attributes(element, *box)
            if bad:
                found.append(_correct_box(element, bad))
        elif qname.namespace == NS_A and qname.localname in _FONT_SIZES and _invalid(element.get("sz"), *_FONT_RANGE):
            found.append(f'a text style has the font size sz="{element.get("sz")}" (from 1 to 4000 pt, in '
                         "hundredths); it is removed, so the text takes the size it inherits")
            del element.attrib["sz"]
    return found


def correct_values(prs: PresentationType, template_name: str) -> list[str]:
    """Correct the slide size, boxes and font sizes the file format does not allow; one note per part."""
    notes = _slide_size(prs, template_name)
    for part in prs.part.package.iter_parts():
        if not isinstance(part, XmlPart):
            continue
        found = list(dict.fromkeys(_part_values(part)))
        if found:
            notes.append(f"Template '{template_name}': {describe_part(part)}: {'; '.join(found[:5])}"
                         + (f"; and {len(found) - 5} more" if len(found) > 5 else "")
                         + ". Correct the template in PowerPoint to keep the design it meant.")
    return notes

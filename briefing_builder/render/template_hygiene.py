"""Keep what a template must not pass into every briefing out of the decks made from it.

A template's masters and layouts are copied into every deck. This removes, before any slide
is made, what would travel with them:

- relationships to outside files or addresses (``http:``, ``file:``, UNC ``\\\\host\\share``
  paths): hyperlinks on layout text lose the link, pictures *linked* rather than embedded
  are dropped (LibreOffice fetches such addresses when it opens a deck);
- embedded OLE objects (an Excel sheet, a packaged file) and ActiveX controls, with their
  parts;
- all but the last of several backgrounds (``p:bg``) of one master or layout: renderers
  differ on which they show (LibreOffice the last), so the deck keeps only the one the app
  reads and every renderer shows.

Each removal gives one warning naming the part and what it pointed at. References in the
XML go with their relationship, so no part is left pointing at nothing.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.presentation import Presentation as PresentationType

from briefing_builder.ooxml.namespaces import NS, REL_CONTROL
from briefing_builder.ooxml.pptx_internals import element_of

NS_R, NS_P, NS_A = NS["r"], NS["p"], NS["a"]
_EMBEDDED = {RT.OLE_OBJECT, RT.PACKAGE, REL_CONTROL,
             "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary"}
#: Part kinds whose content is copied into decks (slides are removed before this runs).
_CHECKED = ("/ppt/slideMasters/", "/ppt/slideLayouts/", "/ppt/notesMasters/", "/ppt/handoutMasters/",
            "/ppt/theme/", "/ppt/presentation.xml")


def _owner(element: etree._Element) -> etree._Element:
    """The top-level shape (child of an spTree) holding ``element``, or the element itself."""
    node = element
    while node.getparent() is not None and etree.QName(node.getparent()).localname != "spTree":
        node = node.getparent()
    return node


def _references(part: XmlPart, rid: str) -> list[etree._Element]:
    return [el for el in element_of(part).iter() if rid in (el.get(f"{{{NS_R}}}id"), el.get(f"{{{NS_R}}}link"),
                                                          el.get(f"{{{NS_R}}}embed"))]


def _remove_reference(element: etree._Element, rid: str) -> None:
    """Undo one use of ``rid``: a link loses its target, a linked picture or an object its shape."""
    tag = etree.QName(element).localname
    if tag in ("hlinkClick", "hlinkHover", "hlinkMouseOver"):
        element.getparent().remove(element)
        return
    if tag == "blip" and element.get(f"{{{NS_R}}}link") == rid and element.get(f"{{{NS_R}}}embed") is None:
        shape = _owner(element)
    elif tag == "blip" and element.get(f"{{{NS_R}}}link") == rid:
        del element.attrib[f"{{{NS_R}}}link"]
        return
    else:
        shape = _owner(element)
    parent = shape.getparent()
    if parent is not None:
        parent.remove(shape)


def _describe(part: Part) -> str:
    name = str(part.partname).lstrip("/")
    layout_name = getattr(getattr(part, "slide_layout", None), "name", None)
    return f"layout '{layout_name}' ({name})" if "slideLayouts" in name and layout_name else name


def _controls(part: XmlPart) -> list[etree._Element]:
    return list(element_of(part).iter(f"{{{NS_P}}}controls"))


def clean_template(prs: PresentationType, template_name: str) -> list[str]:
    """Strip outside links, linked pictures, OLE objects and ActiveX from the parts decks copy; warnings."""
    warnings: list[str] = []
    for part in list(prs.part.package.iter_parts()):
        if not isinstance(part, XmlPart) or not str(part.partname).startswith(_CHECKED):
            continue
        for control in _controls(part):
            control.getparent().remove(control)
        for rid, rel in list(part.rels.items()):
            if rel.is_external:
                what = f"links to {rel.target_ref}"
            elif rel.reltype in _EMBEDDED:
                what = "embeds an object (OLE/ActiveX)" if rel.reltype != RT.PACKAGE else "embeds a packaged file"
            else:
                continue
            for element in _references(part, rid):
                _remove_reference(element, rid)
            part.rels.pop(rid)
            warnings.append(f"Template '{template_name}': {_describe(part)} {what}; removed from the briefings.")
        _drop_dangling(part)
        warnings += _single_background(part, template_name)
    return warnings


def _single_background(part: XmlPart, template_name: str) -> list[str]:
    """Keep the last of several ``p:bg`` of a master or layout (the one LibreOffice shows); a warning if any went."""
    c_sld = element_of(part).find(f"{{{NS_P}}}cSld")
    backgrounds = c_sld.findall(f"{{{NS_P}}}bg") if c_sld is not None else []
    if len(backgrounds) < 2:
        return []
    for extra in backgrounds[:-1]:
        c_sld.remove(extra)
    return [(f"Template '{template_name}': {_describe(part)} has {len(backgrounds)} backgrounds, which renderers "
             "show differently (LibreOffice the last, others the first); the last is kept and used, the others are "
             "removed from the briefings. Keep one background in the template (View → Slide Master → Format "
             "Background).")]


def _drop_dangling(part: XmlPart) -> None:
    """Shapes whose picture fallback pointed at a removed object keep no reference to a missing rId."""
    known = set(part.rels.keys())
    for element in list(element_of(part).iter()):
        for key in (f"{{{NS_R}}}id", f"{{{NS_R}}}embed", f"{{{NS_R}}}link"):
            value = element.get(key)
            if value and value not in known and element.getroottree() is element_of(part).getroottree():
                _remove_reference(element, value)
                break

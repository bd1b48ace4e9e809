"""Keep what a template must not pass into every briefing out of the decks made from it.

A template's masters, layouts, theme and the parts they use (charts, pictures) are copied
into every deck, with the package's own document properties. This removes, before any slide
is made, what would travel with them:

- relationships of any of those parts to outside files or addresses (``http:``, ``file:``,
  UNC ``\\\\host\\share`` paths): hyperlinks on layout text lose the link, pictures *linked*
  rather than embedded are dropped, a theme's or background's linked picture fill becomes
  plain (LibreOffice and PowerPoint fetch such addresses when they open a deck);
- embedded OLE objects (an Excel sheet, a packaged file), ActiveX controls, and the data
  workbooks of charts drawn on masters or layouts (the chart keeps its picture);
- the printer settings a template was last printed with (``ppt/printerSettings/*.bin``: a
  printer driver's own binary record, often naming the printer and whoever used it);
- custom XML items (the records document-management systems and add-ins store, often with
  names and telephone numbers) and the template's own custom document properties other than
  a sensitivity label's (``MSIP_Label_*``, which decks of that label carry on); the template's thumbnail (a
  picture of whatever it showed when last saved) is dropped too;
- pictures too large to draw (a small file can hold 30000 × 30000 px, which renderers spend
  minutes and gigabytes on): a picture shape goes, a picture fill becomes plain;
- a layout's tie to a part other than the master that lists it (itself, another layout: a loop
  no program can follow) is mended: the layout is tied to that master;
- placeholders of one layout sharing an idx: all but the first get their own
  (:mod:`briefing_builder.render.placeholder_ids`), so no slide box inherits from another kind;
- title and body placeholders turned more than 15°: set level
  (:mod:`briefing_builder.render.turned_placeholders`), as text turned that far reads badly (slighter
  turns are kept, and written on every slide);
- all but the last of several backgrounds (``p:bg``) of one master or layout: renderers
  differ on which they show (LibreOffice the last), so the deck keeps only the one the app
  reads and every renderer shows.

Each removal gives one warning naming the part and what it pointed at or held. References in
the XML go with their relationship, so no part is left pointing at nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage, Part, XmlPart, _Relationship
from pptx.parts.slide import SlideMasterPart
from pptx.presentation import Presentation as PresentationType

from briefing_builder.ooxml.namespaces import NS, REL_CONTROL, REL_CUSTOM_PROPERTIES
from briefing_builder.ooxml.pptx_internals import element_of, package_relationships, replace_blob
from briefing_builder.ooxml.xml import SAFE_PARSER
from briefing_builder.render.image_size import MAX_PIXELS, MAX_SIDE, image_size, too_large
from briefing_builder.render.placeholder_ids import unique_placeholder_ids
from briefing_builder.render.turned_placeholders import level_turned_placeholders

NS_R, NS_P, NS_A = NS["r"], NS["p"], NS["a"]
_EMBEDDED = {RT.OLE_OBJECT, RT.PACKAGE, REL_CONTROL,
             "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary"}
#: Elements that are the whole of one reference, removed alone wherever they are.
_SELF_CONTAINED = {"hlinkClick", "hlinkHover", "hlinkMouseOver", "custData", "externalData"}
_SENSITIVITY_LABEL = "msip_label_"


def _owner(element: etree._Element) -> etree._Element | None:
    """The top-level shape (child of an spTree) holding ``element``; None outside any shape tree."""
    node = element
    while node.getparent() is not None and etree.QName(node.getparent()).localname != "spTree":
        node = node.getparent()
    return node if node.getparent() is not None else None


def attached(element: etree._Element, root: etree._Element) -> bool:
    """Whether ``element`` is still inside ``root`` (not in a shape removed earlier)."""
    node: etree._Element | None = element
    while node is not None and node is not root:
        node = node.getparent()
    return node is root


def _references(root: etree._Element, rid: str) -> list[etree._Element]:
    return [el for el in root.iter() if rid in (el.get(f"{{{NS_R}}}id"), el.get(f"{{{NS_R}}}link"),
                                                el.get(f"{{{NS_R}}}embed"))]


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _remove_reference(element: etree._Element, rid: str) -> None:
    """Undo one use of ``rid``: a link loses its target, a linked picture its shape, a picture fill its picture."""
    tag = etree.QName(element).localname
    if tag in _SELF_CONTAINED:
        _remove(element)
        return
    if tag == "blip" and element.get(f"{{{NS_R}}}link") == rid and element.get(f"{{{NS_R}}}embed") is not None:
        del element.attrib[f"{{{NS_R}}}link"]
        return
    fill = element.getparent()
    if tag == "blip" and fill is not None and fill.tag == f"{{{NS_A}}}blipFill":
        _plain_fill(fill)
        return
    shape = _owner(element)
    _remove(shape if shape is not None else element)


def _plain_fill(fill: etree._Element) -> None:
    """A DrawingML picture fill (a shape's, a background's, a theme style's) made plain in its place.

    In a theme's style lists the fill takes the colour the slide asks for (``phClr``); elsewhere none.
    """
    in_style_list = fill.getparent() is not None and etree.QName(fill.getparent()).localname.endswith("StyleLst")
    plain = etree.Element(f"{{{NS_A}}}solidFill" if in_style_list else f"{{{NS_A}}}noFill")
    if in_style_list:
        etree.SubElement(plain, f"{{{NS_A}}}schemeClr", val="phClr")
    fill.addprevious(plain)
    _remove(fill)


def _name(part: Part) -> str:
    return str(part.partname).lstrip("/")


def describe_part(part: Part) -> str:
    """A template part as a note names it: ``layout 'Title Only' (ppt/slideLayouts/slideLayout6.xml)``."""
    name = _name(part)
    layout_name = getattr(getattr(part, "slide_layout", None), "name", None)
    return f"layout '{layout_name}' ({name})" if "slideLayouts" in name and layout_name else name


def _describe(part: Part, users: dict[str, list[Part]]) -> str:
    name = _name(part)
    if name.startswith("ppt/charts/") and users.get(name):
        return f"the chart {name} on {describe_part(users[name][0])}"
    return describe_part(part)


def _removed_because(part: Part, rel: _Relationship) -> str | None:
    """What ``rel`` of ``part`` would carry into every deck, or None when it is the deck's own business."""
    if rel.is_external:
        return f"links to {rel.target_ref}"
    if rel.reltype == RT.CUSTOM_XML:
        return rel.target_ref.lstrip("./")  # one note names them all (see clean_template)
    if rel.reltype == RT.PRINTER_SETTINGS:
        return _name(rel.target_part)  # likewise
    if rel.reltype == RT.IMAGE:
        size = image_size(rel.target_part.blob)
        if size is None or not too_large(size):
            return None
        return (f"uses a picture of {size[0]} × {size[1]} px ({_name(rel.target_part)}), more than viewers can "
                f"draw in good time (at most {MAX_SIDE:,} px a side and {MAX_PIXELS // 1_000_000} megapixels: save "
                "it smaller in the template)")
    if rel.reltype not in _EMBEDDED:
        return None
    if _name(part).startswith("ppt/charts/"):
        return f"embeds its data workbook ({_name(rel.target_part)})"
    return "embeds an object (OLE/ActiveX)" if rel.reltype != RT.PACKAGE else "embeds a packaged file"


def _controls(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(f"{{{NS_P}}}controls"))


def _xml_parts(package: OpcPackage) -> Iterator[tuple[Part, etree._Element]]:
    """Every XML part the deck copies (slides are removed before this runs), with its root element."""
    for part in list(package.iter_parts()):
        if isinstance(part, XmlPart):
            yield part, element_of(part)
        elif part.content_type.endswith("xml"):
            try:
                yield part, etree.fromstring(part.blob, SAFE_PARSER)
            except etree.XMLSyntaxError:
                continue  # not XML after all: nothing in it can point anywhere


def _users(package: OpcPackage) -> dict[str, list[Part]]:
    """For each part's name, the parts that use it (so a chart can be named by its layout)."""
    found: dict[str, list[Part]] = {}
    for part in package.iter_parts():
        for rel in part.rels.values():
            if not rel.is_external:
                found.setdefault(_name(rel.target_part), []).append(part)
    return found


def clean_template(prs: PresentationType, template_name: str) -> list[str]:
    """Strip outside links, embedded objects and data, custom XML and personal properties; warnings."""
    warnings = _layouts_tied_to_their_masters(prs, template_name)
    package = prs.part.package
    unique_placeholder_ids(package)
    warnings += level_turned_placeholders(package, template_name)
    users = _users(package)
    printer_settings: list[str] = []
    for part, root in _xml_parts(package):
        removed: set[str] = set()
        custom_items: list[str] = []
        for control in _controls(root):
            _remove(control)
        for rid, rel in list(part.rels.items()):
            what = _removed_because(part, rel)
            if what is None:
                continue
            for element in _references(root, rid):
                _remove_reference(element, rid)
            part.rels.pop(rid)
            removed.add(rid)
            if rel.reltype == RT.CUSTOM_XML:
                custom_items.append(what)
            elif rel.reltype == RT.PRINTER_SETTINGS:
                printer_settings.append(what)
            else:
                warnings.append(f"Template '{template_name}': {_describe(part, users)} {what}; removed from the "
                                "briefings.")
        if custom_items:
            items = ", ".join(sorted(custom_items))
            warnings.append(f"Template '{template_name}': {_describe(part, users)} carries {items}, data other "
                            "programs stored in the template (document-management records, add-ins' settings, "
                            "often with names); removed from the briefings.")
        warnings += _drop_dangling(part, root, removed, template_name)
        if removed and not isinstance(part, XmlPart):
            replace_blob(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
        if isinstance(part, XmlPart):
            warnings += _single_background(part, template_name, users)
    if printer_settings:
        parts = sorted(set(printer_settings))
        warnings.append(f"Template '{template_name}': {', '.join(parts)} hold{'s' if len(parts) == 1 else ''} the "
                        "settings of the printer it was last printed on (a printer driver's own record, which may "
                        "name the printer and its user); removed from the briefings.")
    return warnings + _package_properties(package, template_name)


def _layouts_tied_to_their_masters(prs: PresentationType, template_name: str) -> list[str]:
    """Each layout a master lists related to that master (its one ``slideMaster`` relationship); a note per mend."""
    notes: list[str] = []
    for master_part in [part for part in prs.part.package.iter_parts() if isinstance(part, SlideMasterPart)]:
        for entry in element_of(master_part).iter(f"{{{NS_P}}}sldLayoutId"):
            rel = master_part.rels.get(entry.get(f"{{{NS_R}}}id") or "")
            if rel is None or rel.is_external:
                continue  # a reference to nothing: _drop_dangling's business
            layout = rel.target_part
            ties = {rid: tie for rid, tie in layout.rels.items() if tie.reltype == RT.SLIDE_MASTER}
            if [tie.target_part for tie in ties.values() if not tie.is_external] == [master_part] and len(ties) == 1:
                continue
            named = ", ".join(tie.target_ref if tie.is_external else _name(tie.target_part) for tie in ties.values())
            for rid in ties:
                layout.rels.pop(rid)
            layout.relate_to(master_part, RT.SLIDE_MASTER)
            notes.append(f"Template '{template_name}': the layout {_name(layout)} gives "
                         f"{named or 'no part'} as its slide master, not the master that lists it "
                         f"({_name(master_part)}); the briefings use that master. Open the template in PowerPoint, "
                         "save it again and retry.")
    return notes


def _package_properties(package: OpcPackage, template_name: str) -> list[str]:
    """Drop the thumbnail; keep only a sensitivity label's custom properties; a warning naming the others."""
    rels = package_relationships(package)
    for rid, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            rels.pop(rid)
    custom = next((rel.target_part for rel in rels.values() if rel.reltype == REL_CUSTOM_PROPERTIES
                   and not rel.is_external), None)
    if custom is None:
        return []
    try:
        root = etree.fromstring(custom.blob, SAFE_PARSER)
    except etree.XMLSyntaxError:
        root = etree.Element("Properties")
    removed = [prop for prop in root if not (prop.get("name") or "").lower().startswith(_SENSITIVITY_LABEL)]
    for prop in removed:
        root.remove(prop)
    replace_blob(custom, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
    names = ", ".join(f"'{prop.get('name')}'" for prop in removed)
    if not removed:
        return []
    kept = " (its sensitivity label's are kept)" if len(root) else ""
    return [(f"Template '{template_name}': {_name(custom)} gives the document properties {names}; removed from "
            f"the briefings{kept}.")]


def _single_background(part: XmlPart, template_name: str, users: dict[str, list[Part]]) -> list[str]:
    """Keep the last of several ``p:bg`` of a master or layout (the one LibreOffice shows); a warning if any went."""
    c_sld = element_of(part).find(f"{{{NS_P}}}cSld")
    backgrounds = c_sld.findall(f"{{{NS_P}}}bg") if c_sld is not None else []
    if len(backgrounds) < 2:
        return []
    for extra in backgrounds[:-1]:
        c_sld.remove(extra)
    return [(f"Template '{template_name}': {_describe(part, users)} has {len(backgrounds)} backgrounds, which "
             "renderers show differently (LibreOffice the last, others the first); the last is kept and used, "
             "the others are removed from the briefings. Keep one background in the template (View → Slide Master → "
             "Format Background).")]


#: What an element whose reference dangles was, for the note.
_REFERRED = {"sldLayoutId": "a layout", "sldMasterId": "a slide master", "notesMasterId": "a notes master",
             "handoutMasterId": "a handout master", "blip": "a picture", "hlinkClick": "a link"}


def _drop_dangling(part: Part, root: etree._Element, removed: set[str], template_name: str) -> list[str]:
    """No element keeps a reference to a relationship that is not there; a note for each the template lacked.

    References to relationships removed here (``removed``) go quietly; others point at parts
    missing from the file itself (a layout deleted from the package), and the note names them.
    """
    known = set(part.rels.keys())
    notes: list[str] = []
    for element in list(root.iter()):
        for key in (f"{{{NS_R}}}id", f"{{{NS_R}}}embed", f"{{{NS_R}}}link"):
            value = element.get(key)
            if value and value not in known and attached(element, root):
                what = _REFERRED.get(etree.QName(element).localname, f"a '{etree.QName(element).localname}'")
                _remove_reference(element, value)
                if value not in removed:
                    notes.append(f"Template '{template_name}': {_name(part)} refers to {what} (relationship "
                                 f"{value}) whose part is missing from the file; it is left out of the briefings. "
                                 "Open the template in PowerPoint, save it again and retry.")
                break
    return notes

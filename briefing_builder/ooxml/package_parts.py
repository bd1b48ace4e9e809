"""The package-level parts every OOXML file has: content types, relationships, properties.

Built with :mod:`.builder` (lxml elements, never strings): :func:`relationships_part`,
:func:`content_types_part`, :func:`with_override` and :func:`with_relationship` (a part added
to a package python-pptx wrote), :func:`core_properties` and :func:`properties_root` (the
roots of ``docProps/core.xml``, ``app.xml`` and ``custom.xml``, for the writer to fill).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from lxml import etree

from briefing_builder.ooxml.builder import element, nsmap, part_bytes, reserialised_part
from briefing_builder.ooxml.xml import SAFE_PARSER

#: The declaration python-pptx (lxml) writes at the head of the parts it serialises.
_LXML_DECL = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"


def relationships_part(rels: Iterable[tuple[str, str, str]]) -> bytes:
    """A ``.rels`` part of ``(id, type, target)`` relationships, in that order."""
    root = element("rel:Relationships", namespaces=nsmap(default="rel"))
    for rid, kind, target in rels:
        root.append(element("rel:Relationship", {"Id": rid, "Type": kind, "Target": target}))
    return part_bytes(root)


def content_types_part(defaults: Mapping[str, str], overrides: Mapping[str, str]) -> bytes:
    """``[Content_Types].xml``: a ``Default`` per extension, then an ``Override`` per part name."""
    root = element("ct:Types", namespaces=nsmap(default="ct"))
    for extension, kind in defaults.items():
        root.append(element("ct:Default", {"Extension": extension, "ContentType": kind}))
    for part, kind in overrides.items():
        root.append(element("ct:Override", {"PartName": part, "ContentType": kind}))
    return part_bytes(root)


def _reserialised(root: etree._Element, original: bytes) -> bytes:
    """``root`` written back with the declaration ``original`` had (lxml's or Office's)."""
    if original.startswith(_LXML_DECL):
        return reserialised_part(root)
    return part_bytes(root)


def with_override(content_types: bytes, part: str, kind: str) -> bytes:
    """``[Content_Types].xml`` with an ``Override`` for ``part`` (as it was when it has one)."""
    root = etree.fromstring(content_types, SAFE_PARSER)
    if any(node.get("PartName") == part for node in root):
        return content_types
    root.append(element("ct:Override", {"PartName": part, "ContentType": kind}))
    return _reserialised(root, content_types)


def with_relationship(rels: bytes, kind: str, target: str) -> bytes:
    """A ``.rels`` part with a relationship of ``kind`` to ``target`` (the next free ``rIdN``)."""
    root = etree.fromstring(rels, SAFE_PARSER)
    if any(node.get("Type") == kind for node in root):
        return rels
    ids = [int(m.group(1)) for node in root if (m := re.fullmatch(r"rId(\d+)", node.get("Id", "")))]
    root.append(element("rel:Relationship", {"Id": f"rId{max(ids, default=0) + 1}", "Type": kind,
                                             "Target": target}))
    return _reserialised(root, rels)


def core_properties(children: Iterable[etree._Element | None], dcmitype: bool = False) -> etree._Element:
    """A ``cp:coreProperties`` root declaring cp, dc, dcterms (dcmitype) and xsi, holding ``children``."""
    prefixes = ("cp", "dc", "dcterms") + (("dcmitype",) if dcmitype else ()) + ("xsi",)
    return element("cp:coreProperties", children=children, namespaces=nsmap(*prefixes))


def w3c_date(name: str, stamp: str) -> etree._Element:
    """``dcterms:created`` or ``dcterms:modified`` typed W3CDTF, holding ``stamp``."""
    return element(name, {"xsi:type": "dcterms:W3CDTF"}, text=stamp)


def properties_root(kind: str, children: Iterable[etree._Element | None] = ()) -> etree._Element:
    """A ``Properties`` root of ``kind`` ``"ep"`` (app.xml) or ``"custom"``, declaring ``vt``."""
    return element(f"{kind}:Properties", children=children, namespaces=nsmap("vt", default=kind))

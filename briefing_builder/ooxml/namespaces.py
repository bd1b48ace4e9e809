"""The XML namespaces of Office Open XML packages, and :func:`qn` to spell qualified names.

One map for the whole code: ``qn("p:sp")`` is ``"{http://…/presentationml/2006/main}sp"``.
"""

from __future__ import annotations

#: Prefix → namespace URI, as PowerPoint, Excel and the package format spell them.
NS: dict[str, str] = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "x_strict": "http://purl.oclc.org/ooxml/spreadsheetml/main",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "custom": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}

#: Relationship types: the officeDocument family, spelt once.
RELATIONSHIP_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_OFFICE_DOCUMENT = RELATIONSHIP_BASE + "officeDocument"
REL_STRICT_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
REL_CUSTOM_PROPERTIES = RELATIONSHIP_BASE + "custom-properties"
REL_TABLE = RELATIONSHIP_BASE + "table"
REL_CONTROL = RELATIONSHIP_BASE + "control"


def qn(name: str) -> str:
    """The Clark name (``{uri}local``) of a prefixed name such as ``"a:rPr"``; a bare name as is."""
    prefix, sep, local = name.partition(":")
    if not sep:
        return name
    return f"{{{NS[prefix]}}}{local}"

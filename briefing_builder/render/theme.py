"""A master's theme: its colour scheme and its heading and body fonts (Office's defaults where missing)."""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part

from briefing_builder.ooxml.namespaces import NS
from briefing_builder.ooxml.xml import SAFE_PARSER

DEFAULT_SCHEME = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "44546A", "lt2": "E7E6E6",
                  "accent1": "4472C4", "accent2": "ED7D31", "accent3": "A5A5A5", "accent4": "FFC000",
                  "accent5": "5B9BD5", "accent6": "70AD47", "hlink": "0563C1", "folHlink": "954F72"}


def read_theme(master_part: Part) -> tuple[dict[str, str], str, str]:
    """Scheme colours and (major, minor) latin fonts of a master's theme."""
    try:
        root = etree.fromstring(master_part.part_related_by(RT.THEME).blob, SAFE_PARSER)
    except Exception:  # no theme: Office defaults
        return dict(DEFAULT_SCHEME), "Calibri", "Calibri"
    colors = dict(DEFAULT_SCHEME)
    scheme = root.find(".//a:clrScheme", NS)
    for child in scheme if scheme is not None else ():
        name = etree.QName(child).localname
        for value in child:
            tag = etree.QName(value).localname
            if tag == "srgbClr" and value.get("val"):
                colors[name] = value.get("val").upper()
            elif tag == "sysClr" and value.get("lastClr"):
                colors[name] = value.get("lastClr").upper()
    fonts = []
    for kind in ("majorFont", "minorFont"):
        latin = root.find(f".//a:fontScheme/a:{kind}/a:latin", NS)
        fonts.append((latin.get("typeface") or "").strip() if latin is not None else "")
    return colors, fonts[0] or fonts[1] or "Calibri", fonts[1] or "Calibri"



"""Text placeholders a template turns on their side, set level before any slide is made.

A layout may turn its title 270° to run up the slide's edge (``<a:xfrm rot="16200000">``).
The app places and fits text in level boxes and writes no turn, so such a title would be
written level in its unturned box, often across the body. Instead a layout's turned
placeholder takes the master's box for it (it inherits, as if the layout never moved it), and a
master's turned placeholder loses the turn; one note lists them all.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.package import OpcPackage
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

from briefing_builder.ooxml.namespaces import NS
from briefing_builder.ooxml.pptx_internals import element_of

_P, _A = f"{{{NS['p']}}}", f"{{{NS['a']}}}"
#: Furniture keeps its turn: a slide number or footer turned up an edge holds short text well.
_FURNITURE = {"dt", "ftr", "sldNum"}
_TEXT_TYPES = {"title", "ctrTitle", "body", "subTitle", "obj"}


def _turn(xfrm: etree._Element) -> int:
    """The box's turn in whole degrees, 0-359 (0 for a value that is not a number)."""
    try:
        return round(int(xfrm.get("rot", "0")) / 60000) % 360
    except ValueError:
        return 0


def _owner_name(part: SlideLayoutPart | SlideMasterPart) -> str:
    c_sld = element_of(part).find(f"{_P}cSld")
    name = c_sld.get("name") if c_sld is not None else None
    where = str(part.partname).lstrip("/")
    if isinstance(part, SlideMasterPart):
        return f"the slide master ({where})"
    return f"layout '{name}'" if name else where


def level_turned_placeholders(package: OpcPackage, template_name: str) -> list[str]:
    """Set level every title or body placeholder turned more than 45° from level; one note naming them."""
    found: list[str] = []
    for part in package.iter_parts():
        if not isinstance(part, SlideLayoutPart | SlideMasterPart):
            continue
        for sp in element_of(part).iter(f"{_P}sp"):
            ph = sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
            xfrm = sp.find(f"{_P}spPr/{_A}xfrm")
            if ph is None or xfrm is None or ph.get("type", "obj") not in _TEXT_TYPES:
                continue
            turn = _turn(xfrm)
            if 45 < turn < 315:
                name = sp.find(f"{_P}nvSpPr/{_P}cNvPr")
                found.append(f"'{name.get('name') if name is not None else ph.get('type', 'body')}' in "
                             f"{_owner_name(part)} by {turn}°")
                if isinstance(part, SlideLayoutPart):
                    xfrm.getparent().remove(xfrm)
                else:
                    del xfrm.attrib["rot"]
    if not found:
        return []
    listed = "; ".join(found[:3]) + (f"; and {len(found) - 3} more" if len(found) > 3 else "")
    return [(f"Template '{template_name}': text placeholders turned on their side ({listed}); the "
            "briefings write their text level, in the slide master's box for each (a layout's) or in its own "
            "box unturned (the master's). Turn them level in the template (View → Slide Master) to place "
            "them yourself.")]

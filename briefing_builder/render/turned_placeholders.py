"""Text placeholders a template turns: slightly turned ones keep their turn, those turned further are set level.

A template may set its title at a slight slant (``<a:xfrm rot="300000">``, 5°): that is its
style, and the text reads and measures as in a level box (the box turns with its text, the
lines wrap at its own width), so a turn of at most :data:`KEPT_TURN` degrees either way is kept,
and :func:`keep_turn` writes it on each slide's placeholder, which the writer gives a box of
its own (an own ``xfrm`` replaces the inherited one, turn and all).
A layout may also turn its title 270° to run up the slide's edge (``rot="16200000"``). Text
turned that far reads badly and would be measured across the wrong side, so before any slide
is made a layout's placeholder turned further than :data:`KEPT_TURN` takes the master's box for
it (it inherits, as if the layout never moved it), and a master's loses the turn; one note
lists them all.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.package import OpcPackage
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart
from pptx.slide import SlideMaster

from briefing_builder.ooxml.namespaces import NS
from briefing_builder.ooxml.pptx_internals import element_of

_P, _A = f"{{{NS['p']}}}", f"{{{NS['a']}}}"
#: Furniture keeps its turn: a slide number or footer turned up an edge holds short text well.
_FURNITURE = {"dt", "ftr", "sldNum"}
_TEXT_TYPES = {"title", "ctrTitle", "body", "subTitle", "obj"}
#: Text placeholders turned at most this many degrees either way keep their turn (a slanted title is a style).
KEPT_TURN = 15
_SAME = {"ctrTitle": "title", "subTitle": "body", "obj": "body"}


def _turn(xfrm: etree._Element) -> int:
    """The box's turn in whole degrees, 0-359 (0 for a value that is not a number)."""
    try:
        return round(int(xfrm.get("rot", "0")) / 60000) % 360
    except ValueError:
        return 0


def _kept(turn: int) -> bool:
    return turn <= KEPT_TURN or turn >= 360 - KEPT_TURN


def _master_xfrm(master: SlideMaster, ph_type: str) -> etree._Element | None:
    """The ``xfrm`` of the master's placeholder a layout placeholder of ``ph_type`` inherits from."""
    wanted = _SAME.get(ph_type, ph_type)
    for sp in element_of(master).iter(f"{_P}sp"):
        ph = sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if ph is not None and _SAME.get(ph.get("type", "obj"), ph.get("type", "obj")) == wanted:
            return sp.find(f"{_P}spPr/{_A}xfrm")
    return None


def keep_turn(sp: etree._Element, layout_sp: etree._Element | None, master: SlideMaster) -> None:
    """Give the slide's placeholder ``sp`` (placed in a box of its own) the turn its layout placeholder
    ``layout_sp`` has or inherits from ``master``; nothing for a level one."""
    xfrm = sp.find(f"{_P}spPr/{_A}xfrm")
    if xfrm is None or layout_sp is None:
        return
    ph = layout_sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
    own = layout_sp.find(f"{_P}spPr/{_A}xfrm")
    source = own if own is not None else _master_xfrm(master, ph.get("type", "obj") if ph is not None else "obj")
    turn = source.get("rot") if source is not None else None
    if turn is not None and _turn(source) and _kept(_turn(source)):
        xfrm.set("rot", turn)


def _owner_name(part: SlideLayoutPart | SlideMasterPart) -> str:
    c_sld = element_of(part).find(f"{_P}cSld")
    name = c_sld.get("name") if c_sld is not None else None
    where = str(part.partname).lstrip("/")
    if isinstance(part, SlideMasterPart):
        return f"the slide master ({where})"
    return f"layout '{name}'" if name else where


def level_turned_placeholders(package: OpcPackage, template_name: str) -> list[str]:
    """Set level every title or body placeholder turned more than :data:`KEPT_TURN` degrees from level; one note
    naming them."""
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
            if not _kept(turn):
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
    return [(f"Template '{template_name}': text placeholders turned more than {KEPT_TURN}° ({listed}); the "
            "briefings write their text level, in the slide master's box for each (a layout's) or in its own "
            "box unturned (the master's). Turn them level in the template (View → Slide Master) to place "
            "them yourself.")]

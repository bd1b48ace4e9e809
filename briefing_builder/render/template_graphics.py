"""Say where a layout's text boxes run under the template's own pictures and text boxes.

A master or layout may put a logo in the corner its title box reaches, or a rotated
"CONFIDENTIAL" box across its body: text written there runs under the graphic (hidden, or
crossing it). For every mapped layout, its title, subtitle and body boxes are compared with
the non-placeholder pictures and text boxes of the layout and (when it shows them) of its
master; backdrop pictures (as large as the slide in one direction) and shapes without text
(bands, rules, dots drawn to sit with the text) do not count.
A graphic's box is the box it covers as drawn, turned when the template turns it (a stamp set
across the page at 30° covers more than its unturned box).

A body or subtitle box that runs under graphics is first moved clear of them (:func:`clear_bodies`): it
keeps the largest part of itself no graphic overlaps (above, below or beside them, by
:func:`~briefing_builder.compose.free_area.largest_free_box`), so the planner measures, the
writer places and the preview paints the text there; when that part is less than
:data:`MIN_CLEAR_SHARE` of the box, the box is kept as drawn. Each layout with overlaps of
more than a sliver left gets one note naming each text box and the graphic it runs under.
"""

from __future__ import annotations

import math
from dataclasses import replace

from lxml import etree
from pptx.slide import SlideLayout

from briefing_builder.compose.free_area import largest_free_box
from briefing_builder.compose.geometry import EMU_PER_POINT, Box, RoleGeometry
from briefing_builder.ooxml.pptx_internals import element_of
from briefing_builder.render.template_layouts import NS_A, NS_P, xfrm_box

#: A picture at least this share of the slide's width or height is a backdrop.
BACKDROP_SHARE = 0.4
#: An overlap smaller than this share of the graphic (and of the text box) is a sliver, not worth a note.
SLIVER = 0.1
#: A body moved clear of graphics keeps at least this share of its area (and of its width), else it stays as drawn.
MIN_CLEAR_SHARE = 0.5
_GRAPHICS = ("sp", "pic", "grpSp")
#: (how a note names its owner and itself, box)
Graphic = tuple[str, tuple[str, Box]]


def _text(shape: etree._Element) -> str:
    return " ".join(t.text.strip() for t in shape.iter(f"{{{NS_A}}}t") if t.text and t.text.strip())


def _graphics(tree: etree._Element | None, width: int, height: int) -> list[tuple[str, Box]]:
    """(how a note names it, box) of each picture and text box of an ``spTree`` (not placeholders, not backdrops)."""
    found = []
    for shape in tree if tree is not None else ():
        kind = etree.QName(shape).localname
        if kind not in _GRAPHICS or shape.find(f".//{{{NS_P}}}nvPr/{{{NS_P}}}ph") is not None:
            continue
        box = _turned(shape, xfrm_box(shape))
        if box is None:
            continue
        text = _text(shape)
        small = box.width < width * BACKDROP_SHARE and box.height < height * BACKDROP_SHARE
        if not (text or (small and kind == "pic")):
            continue  # a backdrop picture, or a decoration drawn to sit with the text
        named = next(shape.iter(f"{{{NS_P}}}cNvPr"), None)
        name = named.get("name", "") if named is not None else ""
        found.append((f"text box “{text[:40]}”" if text else f"picture '{name}'",
                      box))
    return found


def _turned(shape: etree._Element, box: Box | None) -> Box | None:
    """The box a shape turned by its ``xfrm@rot`` covers (the box itself when it is not turned)."""
    xfrm = next(shape.iter(f"{{{NS_A}}}xfrm"), None)
    try:
        angle = math.radians(int(xfrm.get("rot", "0")) / 60000) if xfrm is not None else 0.0
    except ValueError:
        angle = 0.0
    if box is None or not angle:
        return box
    cos, sin = abs(math.cos(angle)), abs(math.sin(angle))
    width, height = int(box.width * cos + box.height * sin), int(box.width * sin + box.height * cos)
    centre_x, centre_y = box.left + box.width // 2, box.top + box.height // 2
    return Box(centre_x - width // 2, centre_y - height // 2, width, height)


def _overlap(a: Box, b: Box) -> int:
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return width * height if width > 0 and height > 0 else 0


def _pt(box: Box) -> str:
    return (f"{box.width / EMU_PER_POINT:.0f}×{box.height / EMU_PER_POINT:.0f} pt at "
            f"({box.left / EMU_PER_POINT:.0f}, {box.top / EMU_PER_POINT:.0f})")


def _layout_graphics(layout: SlideLayout, width: int, height: int) -> list[Graphic]:
    """The graphics a layout's slides show: the master's (when the layout shows them), then the layout's own."""
    graphics = [("layout's", g) for g in _graphics(element_of(layout).find(f"{{{NS_P}}}cSld/{{{NS_P}}}spTree"),
                                                    width, height)]
    if element_of(layout).get("showMasterSp", "1") not in ("0", "false"):
        master = element_of(layout.slide_master).find(f"{{{NS_P}}}cSld/{{{NS_P}}}spTree")
        graphics = [("master's", g) for g in _graphics(master, width, height)] + graphics
    return graphics


def _runs_under(box: Box, graphic: Box) -> bool:
    """The box shares more than a sliver with the graphic."""
    return _overlap(box, graphic) >= SLIVER * min(graphic.width * graphic.height, box.width * box.height)


def clear_box(box: Box, graphics: list[Box]) -> Box:
    """The largest part of ``box`` clear of the ``graphics`` it runs under, or ``box`` itself when none is in
    its way or that part keeps under :data:`MIN_CLEAR_SHARE` of its area."""
    under = [g for g in graphics if _runs_under(box, g)]
    if not under:
        return box
    clear = largest_free_box(box, under, min_width=int(box.width * MIN_CLEAR_SHARE))
    if clear is None or clear.width * clear.height < MIN_CLEAR_SHARE * box.width * box.height:
        return box
    return clear


def _inside(box: Box, room: Box) -> bool:
    return room.left <= box.left and room.top <= box.top and box.right <= room.right and box.bottom <= room.bottom


def _cleared(role: RoleGeometry, boxes: list[Box]) -> RoleGeometry:
    """``role`` with its bodies and subtitle (and the room the subtitle may grow into) clear of ``boxes``."""
    bodies = tuple(clear_box(body, boxes) for body in role.bodies)
    subtitle = clear_box(role.subtitle, boxes) if role.subtitle is not None else None
    room = role.subtitle_room
    if subtitle is not None and subtitle != role.subtitle:
        room = clear_box(room, boxes) if room is not None else None
        room = room if room is not None and _inside(subtitle, room) else subtitle
    if bodies == role.bodies and subtitle == role.subtitle:
        return role
    return replace(role, bodies=bodies, subtitle=subtitle, subtitle_room=room)


def clear_bodies(layouts: dict[str, SlideLayout], roles: dict[str, RoleGeometry], width: int,
                 height: int) -> tuple[dict[str, RoleGeometry], list[str]]:
    """Every role's geometry with its body and subtitle boxes moved clear of the graphics they run under
    (where enough room is left), and one note per layout whose boxes were moved."""
    cleared: dict[str, RoleGeometry] = {}
    moved: dict[str, dict[str, None]] = {}
    for role_name, role in roles.items():
        layout = layouts.get(role_name)
        graphics = _layout_graphics(layout, width, height) if layout is not None else []
        cleared[role_name] = new = _cleared(role, [g for _owner, (_name, g) in graphics])
        pairs = [("subtitle", role.subtitle, new.subtitle), *zip(("body",) * len(role.bodies), role.bodies,
                                                                 new.bodies)]
        for part, box, clear in pairs:
            if box is not None and clear is not None and clear != box:
                names = ", ".join(f"the {owner} {name}" for owner, (name, g) in graphics if _runs_under(box, g))
                moved.setdefault(role.layout_name, {})[
                    f"its {part} box ({_pt(box)}) is made {_pt(clear)} to keep clear of {names}"] = None
    return cleared, [f"Layout '{layout}': {'; '.join(clauses)}; the text is written in that part." for layout, clauses
                     in moved.items()]


def graphic_notes(layouts: dict[str, SlideLayout], roles: dict[str, RoleGeometry], width: int,
                  height: int) -> list[str]:
    """One note per mapped layout whose text boxes run under graphics, naming each box and graphic."""
    found: dict[str, dict[str, None]] = {}
    for role_name, layout in layouts.items():
        role = roles[role_name]
        graphics = _layout_graphics(layout, width, height)
        parts = [("title", role.title), ("subtitle", role.subtitle), *(("body", box) for box in role.bodies)]
        clauses = found.setdefault(role.layout_name, {})
        for part, box in parts:
            if box is None:
                continue
            for owner, (name, graphic) in graphics:
                if _runs_under(box, graphic):
                    clauses[f"its {part} box ({_pt(box)}) runs under the {owner} {name} ({_pt(graphic)})"] = None
    return [f"Layout '{layout}': {'; '.join(clauses)}: text there is hidden behind it or crosses it. Move the "
            "placeholders clear of it in the template (View → Slide Master) or pin another layout in the "
            "template's sidecar." for layout, clauses in found.items() if clauses]

"""Where a layout's date, footer and slide-number placeholders are drawn, and which have no area.

PowerPoint takes a placeholder's position from the layout, else from the master. A tool that
scaled a template can leave them zero points tall or wide (seen on A4 portrait templates: at
the very top of the slide); such a box is no place for text. The layout's box is used when it
has an area, else the master's; when every box the template gives one has no area, it is left
empty — as the geometry the planner reads already has it (no footer there) — and the template's
warnings say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.slide import SlideLayout, SlideMaster

from briefing_builder.ooxml.namespaces import qn
from briefing_builder.ooxml.pptx_internals import shape_tree

FURNITURE_TYPES = ("dt", "ftr", "sldNum")
_NAMES = {"dt": "date", "ftr": "footer", "sldNum": "slide-number"}
#: (left, top, width, height) in EMU.
Rect = tuple[int, int, int, int]


@dataclass(frozen=True)
class FurniturePlace:
    """Where a copy of a furniture placeholder goes: ``box`` None inherits (no position is written);
    ``usable`` False when the template gives it only boxes without an area (it stays empty)."""

    box: Rect | None
    usable: bool = True


def drawn_box(sp: etree._Element) -> Rect | None:
    """The shape's own position as written (possibly zero wide or tall), None when it has none."""
    xfrm = sp.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
    off, ext = (xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))) if xfrm is not None else (None, None)
    if off is None or ext is None:
        return None
    try:
        return int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0))
    except ValueError:
        return None


def furniture_kind(sp: etree._Element) -> str | None:
    """``dt``, ``ftr`` or ``sldNum`` for a furniture placeholder, else None."""
    ph = sp.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    kind = ph.get("type") if ph is not None else None
    return kind if kind in FURNITURE_TYPES else None


def _master_box(master: SlideMaster, kind: str) -> Rect | None:
    for sp in shape_tree(master).iterchildren(qn("p:sp")):
        if furniture_kind(sp) == kind:
            return drawn_box(sp)
    return None


def furniture_place(sp: etree._Element, master: SlideMaster) -> FurniturePlace:
    """Where a copy of the layout's furniture placeholder ``sp`` goes (its own box, else the master's)."""
    kind = furniture_kind(sp) or ""
    boxes = [box for box in (drawn_box(sp), _master_box(master, kind)) if box is not None]
    sized = next((box for box in boxes if box[2] > 0 and box[3] > 0), None)
    return FurniturePlace(sized, usable=sized is not None or not boxes)


def flat_furniture_warnings(layouts: list[SlideLayout]) -> list[str]:
    """A warning naming the layouts (of those given) whose date, footer or slide number has no area to show."""
    found: dict[tuple[str, ...], list[str]] = {}
    seen: list[SlideLayout] = []
    for layout in layouts:
        if layout in seen:
            continue
        seen.append(layout)
        flat = tuple(dict.fromkeys(_NAMES[kind] for sp in shape_tree(layout).iterchildren(qn("p:sp"))
                                   if (kind := furniture_kind(sp))
                                   and not furniture_place(sp, layout.slide_master).usable))
        if flat:
            found.setdefault(flat, []).append(f"'{layout.name}'")
    return [f"Layout{'s' if len(names) > 1 else ''} {', '.join(names)}: the {', '.join(kinds)} placeholder"
            f"{'s have' if len(kinds) > 1 else ' has'} no size (0 pt wide or tall) there or in the master, so "
            "they are left empty: no footer text or slide number on those slides (a marking brings a slide number "
            "of its own). Give them a size in View → Slide Master."
            for kinds, names in found.items()]

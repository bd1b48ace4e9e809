"""A title box too small to show any title gives way to a band that can, or the build says so.

A template may give a layout's title placeholder a size of 1 EMU, or none at all in one
direction (a hand-edited or generated file): text written there is invisible, and PowerPoint's
outline still lists the title. Such a box — narrower than four characters or shallower than
half a line at the role's smallest title size — is replaced, for the slides of that layout,
by a band across the top of the slide (as wide as its text boxes), those boxes moving down
below it where they reached up there. The band is never narrower or shallower than the box
it replaces and must itself show a title; when no such band fits, or it would take more than
half a text box's height, the box is kept and the note says that the deck's slides on that layout will
show no visible title, and which layout to correct.
"""

from __future__ import annotations

from dataclasses import replace

from briefing_builder.brand import brand_settings
from briefing_builder.compose import textstyle
from briefing_builder.compose.geometry import EMU_PER_POINT, Box, RoleGeometry, TemplateGeometry

#: The band's top margin and its largest height, as shares of the slide's height.
TOP_MARGIN, MAX_BAND = 0.04, 0.18


def shows_no_title(box: Box, smallest_pt: float) -> bool:
    """Whether ``box`` is too small to show any of a title set at ``smallest_pt``."""
    return box.width < 4 * smallest_pt * EMU_PER_POINT or box.height < 0.5 * smallest_pt * EMU_PER_POINT


def _pt(value: int) -> str:
    return f"{value / EMU_PER_POINT:.0f}"


def _below(band: Box, box: Box, gap: int) -> Box:
    """``box`` starting ``gap`` below ``band`` when it reached up into it."""
    top = max(box.top, band.bottom + gap)
    return Box(box.left, top, box.width, box.bottom - top)


def title_band(role: RoleGeometry, geometry: TemplateGeometry, smallest_pt: float) -> RoleGeometry | None:
    """``role`` with its title in a band across the top of the slide, its text boxes moved below it if
    they reached up there; None when that would leave them less than half their height."""
    width, height = geometry.slide_width, geometry.slide_height
    below = [box for box in (*role.bodies, role.subtitle) if box is not None]
    top, gap = int(height * TOP_MARGIN), int(height * 0.01)
    line = int(smallest_pt * 1.25 * EMU_PER_POINT) + 2 * textstyle.INSET_Y
    room = min((box.top for box in below), default=height) - gap - top
    band_height = min(int(height * MAX_BAND), max(room, 2 * line))
    title = role.title
    left = min((box.left for box in below), default=int(width * 0.05))
    right = max((box.right for box in below), default=int(width * 0.95))
    if title is not None:  # never narrower than the box it replaces
        left, right = max(0, min(left, title.left)), min(width, max(right, title.right))
        band_height = max(band_height, min(title.height, int(height * MAX_BAND)))
    band = Box(left, top, right - left, band_height)
    if title is not None and (band.width < title.width or band.height < title.height
                              or shows_no_title(band, smallest_pt)):
        return None  # no band on this slide would show more than the box does
    moved = [_below(band, box, gap) for box in below]
    if any(new.height < box.height / 2 for new, box in zip(moved, below, strict=True)):
        return None
    bodies = tuple(moved[:len(role.bodies)])
    subtitle = moved[-1] if role.subtitle is not None else None
    free = _below(band, role.free, gap) if role.free is not None else None
    return replace(role, title=band, bodies=bodies, subtitle=subtitle, free=free)


def with_title_bands(geometry: TemplateGeometry) -> tuple[TemplateGeometry, dict[str, str]]:
    """``geometry`` with a title band for every role whose title box shows no title; a note by role."""
    roles = dict(geometry.roles)
    notes: dict[str, str] = {}
    for name, role in geometry.roles.items():
        smallest = brand_settings().title_range(name)[1]
        if role.title is None or not shows_no_title(role.title, smallest):
            continue
        size = f"{_pt(role.title.width)}×{_pt(role.title.height)} pt"
        banded = title_band(role, geometry, smallest)
        if banded is not None and banded.title is not None:
            roles[name] = banded
            band = banded.title
            notes[name] = (
                f"Layout '{role.layout_name}': its title box is {size}, too small to show any title; on its slides "
                f"the title is set in a band across the top instead ({_pt(band.width)}×{_pt(band.height)} pt at "
                f"({_pt(band.left)}, {_pt(band.top)})). Make the layout's title placeholder larger (View → Slide "
                "Master) to keep the template's design.")
        else:
            notes[name] = (
                f"Layout '{role.layout_name}': its title box is {size}, too small to show any title, and the slide "
                "has no room for a larger title band above its text boxes: the box is kept, and the deck's slides on "
                "this layout will show no visible title. Make "
                "the layout's title placeholder larger (View → Slide Master) or pin another layout in the "
                "template's sidecar.")
    return replace(geometry, roles=roles), notes

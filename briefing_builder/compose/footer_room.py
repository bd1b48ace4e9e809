"""A layout's footer box that lies over the text the app writes: moved to the foot of the slide, or left off.

Some templates draw the footer placeholder across the body area (a tool that scaled or
rearranged the layouts). The footer text would then run through the bullets. The footer is
moved to a band at the foot of the slide, keeping its own left and right edges; text boxes
reaching into that band give way (are shortened from the bottom) as long as each keeps
most of its height; otherwise the footer is left off those slides. Either way the template's
warnings say so.
"""

from __future__ import annotations

from dataclasses import replace

from briefing_builder.compose.geometry import Box, RoleGeometry

#: The band a moved footer gets: this share of the slide's height, at this share from the bottom edge.
BAND_SHARE = 0.06
EDGE_SHARE = 0.015
#: A text box may lose at most this share of its height to the footer band.
MAX_GIVE = 0.25
#: A moved footer is at least this share of the slide's width (else it is left off).
MIN_WIDTH_SHARE = 0.2
FIX = "Move it in View → Slide Master."


def _overlaps(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _text_boxes(role: RoleGeometry) -> list[Box]:
    """The boxes the app writes text or content into on the role's slides."""
    return [box for box in (role.title, role.subtitle, *role.bodies, role.free) if box is not None]


def _shortened(box: Box | None, band: Box) -> Box | None:
    """``box`` ending above ``band`` when it reaches into it (None stays None)."""
    if box is None or not _overlaps(box, band):
        return box
    return Box(box.left, box.top, box.width, max(band.top - box.top, 0))


def row_spans(left: int, right: int, top: int, bottom: int, others: tuple[Box, ...]) -> list[tuple[int, int]]:
    """The parts of ``left``–``right`` no box of ``others`` crossing ``top``–``bottom`` covers, left to right."""
    spans = [(left, right)]
    for box in others:
        if box.top < bottom and top < box.bottom:
            spans = [piece for a, b in spans
                     for piece in ((a, min(b, box.left)), (max(a, box.right), b)) if piece[1] > piece[0]]
    return spans


def _widest_span(left: int, right: int, top: int, bottom: int, others: tuple[Box, ...]) -> tuple[int, int]:
    """The widest part of ``left``–``right`` no box of ``others`` crossing ``top``–``bottom`` covers."""
    return max(row_spans(left, right, top, bottom, others), key=lambda span: span[1] - span[0], default=(left, left))


def clear_footer(role: RoleGeometry, slide_width: int, slide_height: int,
                 furniture: tuple[Box, ...] = ()) -> tuple[RoleGeometry, str | None]:
    """The role's geometry with its footer clear of every text box, and a warning (to follow the layout's
    name) when it had to change.

    Unchanged (and no warning) when the footer box lies over none of the role's text boxes. A moved
    footer also keeps clear of the layout's other ``furniture`` (its slide number's box).
    """
    footer = role.footer
    if footer is None or not any(_overlaps(footer, box) for box in _text_boxes(role)):
        return role, None
    height = min(footer.height, int(slide_height * BAND_SHARE))
    top = slide_height - int(slide_height * EDGE_SHARE) - height
    left, right = _widest_span(max(footer.left, 0), min(footer.right, slide_width), top, top + height, furniture)
    band = Box(left, top, right - left, height)
    where = (f"the footer box lies over the text area ({footer.width / 12700:.0f}×{footer.height / 12700:.0f} pt "
             f"from {footer.top / 12700:.0f} pt down)")
    gives_way = all(not _overlaps(box, band) or band.top - box.top >= box.height * (1 - MAX_GIVE)
                    for box in _text_boxes(role))
    if band.width >= slide_width * MIN_WIDTH_SHARE and gives_way:
        moved = replace(role, footer=band, footer_moved=True, title=_shortened(role.title, band),
                        subtitle=_shortened(role.subtitle, band),
                        bodies=tuple(b for b in (_shortened(b, band) for b in role.bodies) if b is not None),
                        free=_shortened(role.free, band))
        return moved, f"{where}; the footer is written at the foot of the slide instead. {FIX}"
    return (replace(role, footer=None, footer_moved=True),
            f"{where} and there is no free band at the foot of the slide; the footer is left off those slides. {FIX}")

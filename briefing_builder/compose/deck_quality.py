"""Say when a deck came out poor on its template: far longer than on the bundled one, and why.

A template whose text layouts offer little room makes many thin "(cont.)" slides. The deck
is compared with the same pack planned on the bundled template (the geometry the template
reader attaches as ``TemplateGeometry.reference``); beyond :data:`MAX_RATIO` the note names
the layout the text slides use and how much of the slide its body box offers, against the
bundled template's.
"""

from __future__ import annotations

from briefing_builder.compose.geometry import EMU_PER_POINT, TemplateGeometry

#: A deck more than this many times as long as on the bundled template is reported.
MAX_RATIO = 2.0


def _size(width: int, height: int) -> str:
    return f"{width / EMU_PER_POINT:.0f}×{height / EMU_PER_POINT:.0f} pt"


def _body(geometry: TemplateGeometry) -> str:
    """The text slides' body box: its size, and its share of a slide of that size."""
    bodies = geometry.role("content").bodies
    if not bodies:
        return "no body box"
    box = bodies[0]
    share = box.width * box.height / (geometry.slide_width * geometry.slide_height)
    slide = _size(geometry.slide_width, geometry.slide_height)
    return f"{_size(box.width, box.height)}, {share:.0%} of a {slide} slide"


def length_note(slides: int, reference_slides: int, geometry: TemplateGeometry) -> str | None:
    """The warning for a deck of ``slides`` where the bundled template needs ``reference_slides`` (or None)."""
    if geometry.reference is None or slides <= MAX_RATIO * reference_slides:
        return None
    layout = geometry.role("content").layout_name
    return (f"The deck has {slides} slides where the bundled template needs {reference_slides} "
            f"({slides / reference_slides:.1f}×): template '{geometry.name}' gives text slides layout '{layout}', "
            f"whose body is {_body(geometry)} (the bundled template's: {_body(geometry.reference)}). "
            f"Pin a layout with a larger body in '{geometry.name.rsplit('.', 1)[0]}.yaml' "
            "(roles: content: LAYOUT NAME) or choose another template.")

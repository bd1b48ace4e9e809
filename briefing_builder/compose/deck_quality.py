"""Say when a deck came out poor on its template: far longer than on the bundled one, and why.

A template whose text layouts offer little room makes many thin "(cont.)" slides. The deck
is compared with the same pack planned on the bundled template (the geometry the template
reader attaches as ``TemplateGeometry.reference``); beyond :data:`MAX_RATIO` the note names
the layout the text slides use and how much of the slide its body box offers, against the
bundled template's.
"""

from __future__ import annotations

from briefing_builder.compose.geometry import EMU_PER_POINT, TemplateGeometry

#: A deck more than this many times as long as on the bundled template is reported: the same
#: criterion the template corpus (tests/acceptance/test_template_corpus.py) holds every template to.
MAX_RATIO = 1.6


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


def _share(geometry: TemplateGeometry) -> float:
    bodies = geometry.role("content").bodies
    if not bodies:
        return 0.0
    return bodies[0].width * bodies[0].height / (geometry.slide_width * geometry.slide_height)


def length_note(slides: int, reference_slides: int, geometry: TemplateGeometry) -> str | None:
    """The warning for a deck of ``slides`` where the bundled template needs ``reference_slides`` (or None).

    Text is set in proportion to the slide (:mod:`compose.text_scale`), so a small slide alone makes no long
    deck; but the margins and bullet indents of a text box are the same on every slide. When the text slides'
    body already takes as much of its slide as the bundled template's does, no other layout can help: the slide
    is too small for them, and the note says so instead of advising to pin a layout.
    """
    if geometry.reference is None or slides <= MAX_RATIO * reference_slides:
        return None
    layout = geometry.role("content").layout_name
    found = (f"The deck has {slides} slides where the bundled template needs {reference_slides} "
             f"({slides / reference_slides:.1f}×): template '{geometry.name}' gives text slides layout '{layout}', "
             f"whose body is {_body(geometry)} (the bundled template's: {_body(geometry.reference)}). ")
    if _share(geometry) >= 0.8 * _share(geometry.reference):
        reference = geometry.reference
        return found + (f"The cause is the slide size: on a {_size(geometry.slide_width, geometry.slide_height)} "
                        f"slide the text is set in proportion to it ({geometry.body_min_pt:g} pt at the smallest), "
                        "but the margins and bullet indents a text box keeps on every slide take much of its "
                        "room, whatever the layout. Use a template with a larger slide (the bundled one's is "
                        f"{_size(reference.slide_width, reference.slide_height)}).")
    return found + (f"Pin a layout with a larger body in '{geometry.name.rsplit('.', 1)[0]}.yaml' "
                    "(roles: content: LAYOUT NAME) or choose another template.")


#: Beyond these text scales (twice the house slide, or under half of it) the house-sized bullet indents and
#: text-box margins are said to be out of proportion with the text.
INDENT_SCALE_LIMITS = (0.5, 2.0)


def indent_note(geometry: TemplateGeometry) -> str | None:
    """The note for a template whose slide is so much larger or smaller than the house slide that the bullet
    indents and text-box margins, written at the house sizes on every slide, are out of proportion (or None)."""
    factor = geometry.text_scale.factor
    low, high = INDENT_SCALE_LIMITS
    if low <= factor <= high:
        return None
    looks = "close to" if factor > high else "far from"
    return (f"Template '{geometry.name}': on its {_size(geometry.slide_width, geometry.slide_height)} slide the text "
            f"is set at {factor:.1f}× the house sizes, but the bullet indents and text margins are the house's "
            f"(0.28–1.25 in, 0.1 in): bullets sit {looks} their text. Check the bulleted slides in PowerPoint, "
            "or use a template with a slide nearer 720×540 or 960×540 pt.")

"""Speaker notes onto a slide's notes page, whatever the template's notes master holds.

python-pptx gives a new notes page a copy of the notes master's notes (body) placeholder; a
template whose notes master has none leaves the page no place for notes. Such a page gets a
notes placeholder of its own, where PowerPoint's default notes master puts it (below the
slide picture), so the notes still show in PowerPoint's notes pane and on printed notes.
"""

from __future__ import annotations

from lxml import etree
from pptx.slide import Slide

from briefing_builder.ooxml.builder import element
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.ooxml.pptx_internals import element_of, shape_tree

#: Office's notes page (portrait, in EMU) when ``presentation.xml`` gives no ``p:notesSz``.
DEFAULT_NOTES_SIZE = (6858000, 9144000)


def write_notes(slide: Slide, text: str) -> None:
    """Write ``text`` as the speaker notes of ``slide`` (see module doc)."""
    notes = slide.notes_slide
    if notes.notes_text_frame is None:
        tree = shape_tree(notes)
        ids = [int(value) for c_nv_pr in tree.iter(qn("p:cNvPr")) if (value := c_nv_pr.get("id", "")).isdigit()]
        tree.append(_notes_placeholder(max(ids, default=1) + 1, notes_page_size(slide)))
    frame = notes.notes_text_frame
    if frame is None:  # pragma: no cover - the placeholder just added is one
        raise ValueError("the notes page has no notes placeholder")
    frame.text = text


def notes_page_size(slide: Slide) -> tuple[int, int]:
    """The notes page's width and height (EMU) of the presentation ``slide`` is in."""
    size = element_of(slide.part.package.presentation_part.presentation).find(qn("p:notesSz"))
    if size is None:
        return DEFAULT_NOTES_SIZE
    return int(size.get("cx", DEFAULT_NOTES_SIZE[0])), int(size.get("cy", DEFAULT_NOTES_SIZE[1]))


def _notes_placeholder(shape_id: int, page: tuple[int, int]) -> etree._Element:
    """A notes (body) placeholder in the lower half of a ``page``-sized notes page, as in Office's
    default notes master: a tenth of the width in from each side, from 47.5 % to 92.5 % down."""
    width, height = page
    box = {"x": width // 10, "y": height * 19 // 40}, {"cx": width * 8 // 10, "cy": height * 9 // 20}
    return element("p:sp", children=[
        element("p:nvSpPr", children=[
            element("p:cNvPr", {"id": shape_id, "name": "Notes Placeholder"}),
            element("p:cNvSpPr", children=[element("a:spLocks", {"noGrp": "1"})]),
            element("p:nvPr", children=[element("p:ph", {"type": "body", "idx": "1"})]),
        ]),
        element("p:spPr", children=[element("a:xfrm", children=[element("a:off", box[0]),
                                                                 element("a:ext", box[1])])]),
        element("p:txBody", children=[element("a:bodyPr"), element("a:lstStyle"), element("a:p")]),
    ])

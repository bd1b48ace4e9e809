"""Each python-pptx private attribute the writers use still leads where it is documented to."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Inches

from briefing_builder.ooxml.namespaces import qn
from briefing_builder.ooxml.pptx_internals import element_of, paragraph_element, shape_tree, slide_id_list, text_body


def test_every_accessor_reaches_the_element_it_names() -> None:
    prs = Presentation()
    layout = prs.slide_layouts[1]
    slide = prs.slides.add_slide(layout)
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1))
    box.text_frame.text = "Council conclusions"

    assert element_of(prs).tag == qn("p:presentation")
    assert element_of(prs.part) is element_of(prs)
    assert element_of(slide).tag == qn("p:sld") and element_of(layout).tag == qn("p:sldLayout")
    assert element_of(layout.slide_master).tag == qn("p:sldMaster")
    assert shape_tree(slide).tag == qn("p:spTree") and element_of(box) in list(shape_tree(slide))
    assert shape_tree(layout).tag == qn("p:spTree")
    ids = slide_id_list(prs)
    assert ids.tag == qn("p:sldIdLst") and len(ids) == 1
    body = text_body(box.text_frame)
    assert body.tag == qn("p:txBody") and body.getparent() is element_of(box)
    paragraph = paragraph_element(box.text_frame.paragraphs[0])
    assert paragraph.tag == qn("a:p") and paragraph.getparent() is body

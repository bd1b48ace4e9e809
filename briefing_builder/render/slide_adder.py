"""Add many slides in linear time.

python-pptx's ``Slides.add_slide`` scans every existing slide id (to pick the next one) and
every existing slide relationship (to reuse a matching one) for each new slide, so adding
n slides costs O(n²) — noticeable from a few hundred slides on. A deck's slides are all
new parts, so this adds them with one scan: same parts, same relationships, same ids as
python-pptx would give, using its part and element classes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage
from pptx.opc.packuri import PackURI
from pptx.parts.slide import SlideLayoutPart, SlidePart
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout

from briefing_builder.ooxml.pptx_internals import slide_id_list
from briefing_builder.render.part_names import PartNameAllocator

MIN_SLIDE_ID = 256
#: python-pptx leaves ``SlidePart.new`` unannotated; this is its signature.
_new_slide_part = cast("Callable[[PackURI, OpcPackage, SlideLayoutPart], SlidePart]", SlidePart.new)


def add_slides(prs: Presentation, layouts: list[SlideLayout], names: PartNameAllocator) -> list[Slide]:
    """Append one slide per layout (in order) and return them."""
    presentation_part = prs.part
    id_list = slide_id_list(prs)
    used = [int(value) for value in id_list.xpath("./p:sldId/@id")]
    next_id = max([MIN_SLIDE_ID - 1, *used]) + 1
    slides = []
    for layout in layouts:
        slide_part = _new_slide_part(names.next_partname("/ppt/slides/slide%d.xml"), presentation_part.package,
                                   layout.part)
        # The part is new, so no existing relationship can match: add without searching.
        rel_id = presentation_part.rels._add_relationship(RT.SLIDE, slide_part)
        slide = slide_part.slide
        slide.shapes.clone_layout_placeholders(layout)
        id_list._add_sldId(id=next_id, rId=rel_id)
        next_id += 1
        slides.append(slide)
    return slides

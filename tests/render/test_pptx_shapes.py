"""Slide furniture helpers on real slides of the bundled template, read back after a save."""

from __future__ import annotations

import copy
import io

from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Inches

from briefing_builder.compose.geometry import Box
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.paths import templates_dir
from briefing_builder.render.package_check import check_package
from briefing_builder.render.pptx_shapes import (
    copy_furniture,
    furniture,
    remove_empty_placeholders,
    renumber_shape_ids,
    set_alt_text,
    set_box,
)

TEMPLATE = templates_dir() / "briefing-16x9.pptx"


def _deck(layout_name: str = "Title and Content") -> tuple[PresentationType, Slide]:
    prs = Presentation(str(TEMPLATE))
    layout = next(layout for layout in prs.slide_layouts if layout.name == layout_name)
    return prs, prs.slides.add_slide(layout)


def _reopened(prs: PresentationType) -> tuple[bytes, PresentationType]:
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue(), Presentation(io.BytesIO(out.getvalue()))


def _ids(slide: Slide) -> list[str]:
    return [el.get("id") for el in slide.shapes._spTree.iter(qn("p:cNvPr"))]


def test_renumbered_ids_are_unique_on_a_slide_with_copied_shapes_and_a_group() -> None:
    prs, slide = _deck()
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1))
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(3), Inches(1), Inches(2), Inches(1))
    slide.shapes._spTree.append(copy.deepcopy(box._element))  # a copy keeps the same id
    assert len(set(_ids(slide))) < len(_ids(slide))
    renumber_shape_ids(slide)
    ids = _ids(slide)
    assert ids == [str(i) for i in range(2, len(ids) + 2)]
    data, reopened = _reopened(prs)
    assert check_package(data) == []
    assert len({shape.shape_id for shape in reopened.slides[0].shapes}) == len(reopened.slides[0].shapes)


def test_only_the_placeholders_left_empty_are_removed() -> None:
    prs, slide = _deck()
    assert sorted(p.placeholder_format.idx for p in slide.placeholders) == [0, 1]
    slide.shapes.title.text_frame.text = "Return and readmission"
    next(p for p in slide.placeholders if p.placeholder_format.idx == 1).text_frame.text = " \n\t"  # only space
    remove_empty_placeholders(slide)
    _, reopened = _reopened(prs)
    assert [p.placeholder_format.idx for p in reopened.slides[0].placeholders] == [0]
    assert reopened.slides[0].shapes.title.text_frame.text == "Return and readmission"


def test_alt_text_and_title_are_cleaned_of_control_characters() -> None:
    prs, slide = _deck()
    shape = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1))
    set_alt_text(shape._element, "Arrivals\tper year\x07, 2024\n2025")
    c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
    assert c_nv_pr.get("descr") == "Arrivals per year, 2024 2025" and c_nv_pr.get("title") is None
    set_alt_text(shape._element, "Chart", title="Irregular\narrivals\x0b")
    assert (c_nv_pr.get("descr"), c_nv_pr.get("title")) == ("Chart", "Irregular arrivals")
    _reopened(prs)  # still well-formed


def test_furniture_is_copied_from_the_layout_filled_and_placed_where_the_layout_has_it() -> None:
    prs, slide = _deck()
    tree = slide.shapes._spTree
    assert all(furniture(tree, kind) is None for kind in ("dt", "ftr", "sldNum"))  # python-pptx copies none
    copy_furniture(slide, footer="LIMITE", date_text="", number=4)
    assert furniture(tree, "dt") is None  # no date text: no empty date box
    _, reopened = _reopened(prs)
    layout_boxes = {str(p.placeholder_format.type).split()[0]: (p.left, p.top, p.width, p.height)
                    for p in reopened.slides[0].slide_layout.placeholders}
    copied = {str(p.placeholder_format.type).split()[0]: p for p in reopened.slides[0].placeholders
              if p.placeholder_format.idx != 0 and p.placeholder_format.idx != 1}
    assert set(copied) == {"FOOTER", "SLIDE_NUMBER"}
    assert copied["FOOTER"].text_frame.text == "LIMITE" and copied["SLIDE_NUMBER"].text_frame.text == "4"
    assert 'type="slidenum"' in copied["SLIDE_NUMBER"]._element.xml  # a field PowerPoint renumbers
    for kind, shape in copied.items():
        assert (shape.left, shape.top, shape.width, shape.height) == layout_boxes[kind], kind


def test_a_footer_moved_to_its_own_box_keeps_it_after_a_save() -> None:
    prs, slide = _deck()
    copy_furniture(slide, footer="LIMITE", date_text="12 January 2026", number=2)
    footer = furniture(slide.shapes._spTree, "ftr")
    assert footer is not None
    set_box(footer, Box(914400, 6300000, 3000000, 300000))
    set_box(footer, Box(457200, 6400000, 2000000, 250000))  # a second call replaces, never adds
    assert len(footer.find(qn("p:spPr")).findall(qn("a:xfrm"))) == 1
    _, reopened = _reopened(prs)
    shape = next(p for p in reopened.slides[0].placeholders if p.text_frame.text == "LIMITE")
    assert (shape.left, shape.top, shape.width, shape.height) == (Emu(457200), Emu(6400000), Emu(2000000),
                                                                  Emu(250000))
    assert furniture(slide.shapes._spTree, "hdr") is None

"""Freeform shapes and groups read as they are drawn: outlines in slide EMU, group transforms, hidden shapes."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation

from briefing_builder.compose.geometry import Box
from briefing_builder.compose.marking_layout import inside_polygons
from briefing_builder.ooxml.namespaces import NS
from briefing_builder.render.freeform import flatten, outline
from tests.fixtures.templates import traits


def _title_slide_tree(tmp_path: Path) -> etree._Element:
    prs = Presentation(str(traits.make_freeform_backdrop(tmp_path)))
    layout = next(layout for layout in prs.slide_layouts if layout.name == "Title Slide")
    return layout._element.find("p:cSld/p:spTree", NS)


def _name(shape: etree._Element) -> str:
    return shape.find(".//p:cNvPr", NS).get("name")


def test_a_groups_children_are_moved_and_scaled_onto_the_slide_and_hidden_shapes_left_out(tmp_path: Path) -> None:
    drawn = {_name(d.shape): d for d in flatten(_title_slide_tree(tmp_path))}
    assert "Freeform 2" not in drawn  # hidden
    assert drawn["Freeform 1"].box == Box(0, 0, 9144000, 6858000)  # child box (-1e6, -1e6, w/2, h/2) doubled
    letter = drawn["Letter 2"]
    assert letter.box == Box(8001000, 6172200, 685800, 342900)
    assert letter.group_fill is not None and letter.group_fill.find("a:srgbClr", NS).get("val") == "EB3C96"


def test_an_outline_follows_its_curves_not_its_box(tmp_path: Path) -> None:
    drawn = {_name(d.shape): d for d in flatten(_title_slide_tree(tmp_path))}
    blob = outline(drawn["Freeform 1"].shape, drawn["Freeform 1"].box)
    assert inside_polygons(blob, 4572000, 3000000)  # the middle
    assert not inside_polygons(blob, 100000, 6700000)  # a bottom corner of its box, outside the curve
    corners = outline(drawn["Freeform 3"].shape, drawn["Freeform 3"].box)
    assert len(corners) == 4
    assert inside_polygons(corners, 50000, 50000) and not inside_polygons(corners, 4572000, 3429000)
    assert inside_polygons(corners, 150000, 6800000)  # the corner rounded by arcTo


def test_a_flipped_freeform_is_mirrored_in_its_box() -> None:
    xml = (f'<p:sp xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}"><p:spPr><a:xfrm flipH="1"><a:off x="0" y="0"/>'
           '<a:ext cx="1000" cy="1000"/></a:xfrm><a:custGeom><a:pathLst><a:path w="10" h="10"><a:moveTo>'
           '<a:pt x="0" y="0"/></a:moveTo><a:lnTo><a:pt x="5" y="0"/></a:lnTo><a:lnTo><a:pt x="0" y="10"/>'
           '</a:lnTo><a:close/></a:path></a:pathLst></a:custGeom></p:spPr></p:sp>')
    polygons = outline(etree.fromstring(xml), Box(0, 0, 1000, 1000))
    assert inside_polygons(polygons, 900, 100) and not inside_polygons(polygons, 100, 100)

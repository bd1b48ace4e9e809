"""Layouts read into plain data: boxes a tool copied from another master are moved onto their own master's."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefing_builder.compose.geometry import Box
from briefing_builder.render.template import open_template
from briefing_builder.render.template_layouts import inspect_layouts
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build, bundled_template
from tests.fixtures.templates import traits


def _inside(box: Box, area: Box) -> bool:
    return area.left <= box.left and area.top <= box.top and box.right <= area.right and box.bottom <= area.bottom


def test_layouts_carrying_the_title_masters_boxes_take_their_own_masters(tmp_path: Path) -> None:
    path = traits.make_masters_sharing_layout_boxes(tmp_path)
    prs = Presentation(str(path))
    height = prs.slide_height
    infos = inspect_layouts(list(prs.slide_masters), prs.slide_width, height)
    first = {i.name: i for i in infos if i.master_index == 0}
    second = {i.name: i for i in infos if i.master_index == 1}
    assert first["Title and Content"].title.box.top > height * 0.4  # the title master keeps its own design
    content = second["Title and Content"]
    assert content.title.box.top < height * 0.1 and content.bodies[0].box.height > height * 0.6
    left, right = sorted((b.box for b in second["Two Content"].bodies), key=lambda b: b.left)
    assert left.top == right.top == content.bodies[0].box.top and left.right < right.left
    assert _inside(left, content.bodies[0].box) and _inside(right, content.bodies[0].box)
    assert left.height == right.height == content.bodies[0].box.height


def test_such_a_template_gives_text_slides_under_a_title_at_the_top_and_a_normal_length(tmp_path: Path) -> None:
    path = traits.make_masters_sharing_layout_boxes(tmp_path)
    geometry = open_template(path).geometry
    assert geometry.role("title").title.top > geometry.slide_height * 0.4
    for role in ("content", "agenda", "two_content"):
        chosen = geometry.role(role)
        assert chosen.title.top < geometry.slide_height * 0.1 and not chosen.fallback, role
        assert min(b.height for b in chosen.bodies) > geometry.slide_height * 0.6, role
    for pack in (REFERENCE_PACK, DEMO_PACK):
        plan, data = build(pack, path)
        bundled = len(build(pack, bundled_template("briefing-4x3"))[0].slides)
        assert len(plan.slides) <= bundled + 1, [n.message for n in plan.warnings]
        deck = Presentation(io.BytesIO(data))
        assert [s.shapes.title.text_frame.text for s in deck.slides] == [spec.title for spec in plan.slides]


def test_layouts_drawn_apart_from_every_master_are_left_as_drawn(tmp_path: Path) -> None:
    """A content master whose layouts place their title themselves (as PowerPoint's files may): nothing moves."""
    prs = Presentation(str(traits.make_masters_sharing_layout_boxes(tmp_path)))
    height = prs.slide_height
    drawn = Box(457200, int(height * 0.3), 8229600, int(height * 0.1))
    for layout in prs.slide_masters[1].slide_layouts:
        for shape in layout.placeholders:
            if shape.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                shape.left, shape.top, shape.width, shape.height = drawn.left, drawn.top, drawn.width, drawn.height
    second = [i for i in inspect_layouts(list(prs.slide_masters), prs.slide_width, height) if i.master_index == 1]
    assert {i.title.box for i in second} == {drawn}
    two = next(i for i in second if i.name == "Two Content")
    assert all(b.box.top > height * 0.6 for b in two.bodies)  # the columns where the layout draws them

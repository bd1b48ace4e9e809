"""Layouts read into plain data: boxes a tool copied from another master are moved onto their own master's."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefing_builder.compose.geometry import Box
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.render.template import open_template
from briefing_builder.render.template_layouts import LayoutInfo, clamp_to_slide, inspect_layouts
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build, bundled_template
from tests.fixtures.templates import traits

_FURNITURE = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)


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





def _layouts(path: Path) -> dict[str, LayoutInfo]:
    prs = Presentation(str(path))
    return {info.name: info for info in inspect_layouts(list(prs.slide_masters), prs.slide_width, prs.slide_height)}


def test_the_bundled_layouts_are_read_as_their_roles_need() -> None:
    layouts = _layouts(bundled_template())
    title = layouts["Title"]
    assert title.title is not None and title.centred_title and title.subtitle is not None and title.bodies == []
    two = layouts["Two Content"]
    assert [b.kind for b in two.bodies] == ["body", "body"]
    assert two.bodies[0].box is not None and two.bodies[1].box is not None
    assert two.bodies[0].box.left < two.bodies[1].box.left  # reading order
    assert layouts["Title Only"].bodies == [] and all(info.footer is not None for info in layouts.values())
    orders = [ph.order for ph in (two.title, *two.bodies) if ph is not None]
    assert orders == sorted(set(orders))  # positions among the placeholders a new slide gets
    assert not any(info.vertical for info in layouts.values())


def test_placeholders_that_all_say_idx_0_are_told_apart_by_position(tmp_path: Path) -> None:
    layouts = _layouts(traits.make_libreoffice(tmp_path))
    content = layouts["Title and Content"]
    assert content.title is not None and len(content.bodies) == 1
    marks = [ph.element.find(f".//{qn('p:ph')}") for ph in (content.title, content.bodies[0])
             if ph.element is not None]
    assert [mark.get("idx", "0") for mark in marks if mark is not None] == ["0", "0"]  # as LibreOffice writes
    assert content.title.order != content.bodies[0].order
    assert len(layouts["Comparison"].bodies) == 4


def test_a_title_without_a_type_is_found_by_where_it_sits(tmp_path: Path) -> None:
    content = _layouts(traits.make_untyped(tmp_path))["Title and Content"]
    assert content.title is not None and content.title.ph_type == "obj" and content.title.kind == "title"
    assert len(content.bodies) == 1 and content.bodies[0].box is not None and content.title.box is not None
    assert content.title.box.top < content.bodies[0].box.top


def test_a_picture_on_a_layout_is_an_obstacle_for_text_the_app_adds(tmp_path: Path) -> None:
    layouts = _layouts(traits.make_title_only_with_picture(tmp_path))
    (picture,) = layouts["Title Only"].obstacles
    assert picture.width > 0 and picture.height > 0
    assert layouts["Title Slide"].obstacles == []


def test_a_title_drawn_off_the_slide_is_reported_and_brought_back_on(tmp_path: Path) -> None:
    path = traits.make_title_off_slide(tmp_path)
    prs = Presentation(str(path))
    content = _layouts(path)["Title and Content"]
    ((name, drawn),) = content.outside
    assert name == "Title 1" and drawn.right > prs.slide_width
    assert content.title is not None and content.title.box is not None
    assert content.title.box.right <= prs.slide_width and content.title.box.left >= 0


@pytest.mark.parametrize(("box", "expected"), [
    (Box(100, 100, 500, 300), Box(100, 100, 500, 300)),  # inside: as it is
    (Box(700, 100, 500, 300), Box(700, 100, 250, 300)),  # runs past the right edge: cut, margin kept
    (Box(950, 100, 500, 300), Box(450, 100, 500, 300)),  # mostly off: moved inside against that edge
    (Box(-400, 100, 500, 300), Box(50, 100, 500, 300)),  # mostly off to the left
])
def test_a_box_is_kept_inside_the_slide(box: Box, expected: Box) -> None:
    assert clamp_to_slide(box, 1000, 1000) == expected


def test_boxes_brought_inside_a_slide_never_put_the_title_over_the_body(tmp_path: Path) -> None:
    """Layouts drawn for 720×540 pt on a 405×720 pt slide: kept inside it, 'Content with Caption' had its title
    and its body at the same top; the body now starts below the title on every slide, and nothing is said."""
    plan, data = build(REFERENCE_PACK, traits.make_portrait_unscaled(tmp_path))
    deck = Presentation(io.BytesIO(data))
    for spec, slide in zip(plan.slides, deck.slides, strict=True):
        title = slide.shapes.title
        if title is None or not spec.bodies:
            continue
        for body in (s for s in slide.placeholders if s.placeholder_format.idx != 0 and s.has_text_frame
                     and s.placeholder_format.type not in _FURNITURE):
            assert body.top >= title.top + title.height or body.top + body.height <= title.top, \
                (spec.number, body.name)
    assert not [n for n in plan.warnings if "title box overlaps" in n.message]

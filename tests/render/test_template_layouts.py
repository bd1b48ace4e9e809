"""What every layout of a template is read as: titles, bodies, footers and what is in the way.

On the bundled template and on templates shaped the way other tools leave them: saved by
LibreOffice (every placeholder ``idx="0"``), placeholders without a type, a picture on a
title-only layout, a title drawn off the slide.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.compose.geometry import Box
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.render.template_layouts import LayoutInfo, clamp_to_slide, inspect_layouts
from tests.deck_helpers import bundled_template
from tests.fixtures.templates import traits


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

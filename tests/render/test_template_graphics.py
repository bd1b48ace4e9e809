"""Text boxes that run under the template's own pictures and text boxes are named, with the graphic."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.preview_scene import TextOp, build_scene
from briefing_builder.render.appearance import read_appearance
from briefing_builder.render.template import open_template
from briefing_builder.render.template_graphics import clear_box
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build, bundled_template
from tests.fixtures.make_templates import DEFAULT
from tests.fixtures.templates import traits


def test_a_logo_over_the_title_and_a_stamp_over_the_body_are_named(tmp_path: Path) -> None:
    path = traits.make_graphics_over_text(tmp_path)
    warnings = open_template(path).geometry.warnings
    logo = [w for w in warnings if "'Logo'" in w]
    stamp = [w for w in warnings if "CONFIDENTIAL" in w]
    assert any("Layout 'Title and Content'" in w and "title" in w for w in logo), warnings
    assert any("Layout 'Title and Content'" in w and "body" in w for w in stamp), warnings
    plan, _data = build(REFERENCE_PACK, path)
    assert any("'Logo'" in n.message for n in plan.warnings)


def test_no_such_note_where_graphics_keep_clear(tmp_path: Path) -> None:
    for path in (bundled_template(), bundled_template("briefing-4x3"), traits.make_libreoffice(tmp_path),
                 traits.make_dark_background(tmp_path)):
        assert not [w for w in open_template(path).geometry.warnings if "runs under" in w], path.name


def _stamp(path: Path) -> Box:
    prs = Presentation(str(path))
    shape = next(s for s in prs.slide_master.shapes if s.name == "Stamp")
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def test_a_body_keeps_clear_of_a_stamp_on_the_master(tmp_path: Path) -> None:
    path = traits.make_stamp_over_body(tmp_path)
    stamp = _stamp(path)
    geometry = open_template(path).geometry
    content = geometry.role("content").bodies[0]
    assert content.bottom <= stamp.top and content.height > geometry.slide_height * 0.5, content
    assert not [w for w in geometry.warnings if "body box" in w and "runs under" in w], geometry.warnings
    assert any("keep clear of the master's text box “CONFIDENTIAL”" in w for w in geometry.warnings)
    plan, data = build(REFERENCE_PACK, path)
    bodies = [frame.box for slide in plan.slides if slide.role == "content" for frame in slide.bodies]
    assert bodies and all(box == content for box in bodies)  # measured in the box clear of the stamp
    deck = Presentation(io.BytesIO(data))
    written = [Box(int(s.left), int(s.top), int(s.width), int(s.height)) for slide in deck.slides
               if slide.slide_layout.name == "Title and Content" for s in slide.placeholders
               if s.placeholder_format.type not in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.SLIDE_NUMBER,
                                                    PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE)]
    assert written and all(box == content for box in written), written
    opened = open_template(path)
    look = read_appearance(opened)
    text = [op for spec in plan.slides if spec.role == "content"
            for op in build_scene(spec, opened.geometry, look).ops if isinstance(op, TextOp)]
    under = [op for op in text if stamp.top <= op.top * EMU_PER_POINT < stamp.bottom
             and op.x * EMU_PER_POINT < stamp.right]
    assert text and not under, under  # the preview draws no line under the stamp either


def test_a_body_stays_where_clearing_a_stamp_would_leave_too_little(tmp_path: Path) -> None:
    path = traits.make_graphics_over_text(tmp_path)
    geometry = open_template(path).geometry
    assert geometry.role("content").bodies[0] == open_template(DEFAULT).geometry.role(
        "content").bodies[0]
    assert any("body box" in w and "CONFIDENTIAL" in w and "runs under" in w for w in geometry.warnings)


def test_clear_box_takes_the_largest_part_beside_a_graphic() -> None:
    body = Box(0, 0, 1000, 600)
    assert clear_box(body, [Box(900, 100, 200, 100)]) == Box(0, 0, 900, 600)  # beside a logo at its edge
    assert clear_box(body, [Box(0, 550, 1000, 100)]) == Box(0, 0, 1000, 550)  # above a band across its foot
    assert clear_box(body, [Box(300, 200, 400, 200)]) == body  # a stamp in its middle: too little either side
    assert clear_box(body, [Box(1000, 0, 100, 100)]) == body  # touching is not in the way


def test_the_title_slide_s_subtitle_keeps_clear_of_the_stamp_too(tmp_path: Path) -> None:
    path = traits.make_stamp_over_body(tmp_path)
    stamp = _stamp(path)
    title = open_template(path).geometry.role("title")
    assert title.subtitle is not None and title.subtitle.bottom <= stamp.top, title.subtitle
    assert title.subtitle_room is not None and title.subtitle_room.bottom <= stamp.top, title.subtitle_room
    plan, _data = build(DEMO_PACK, path)
    first = plan.slides[0]
    assert first.subtitle_box is None or first.subtitle_box.bottom <= stamp.top, first.subtitle_box
    assert first.text_panels == ()  # nothing red under the subtitle any more

"""Subtitle lines fitted into the layout's box, grown into the room around it, or named where left out."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.compose.fitting import fits
from briefing_builder.compose.geometry import EMU_PER_POINT, Box, RoleGeometry, TemplateGeometry
from briefing_builder.compose.plan import Paragraph
from briefing_builder.compose.subtitle_fit import fit_subtitle
from briefing_builder.markup import Run
from briefing_builder.render.template import open_template
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build
from tests.fixtures.templates import traits

LINES = ("Working Party on External Aspects of Asylum and Migration, 17 March 2026", "Brussels", "Presidency")
GEOMETRY = TemplateGeometry("t.pptx", 720 * EMU_PER_POINT, 540 * EMU_PER_POINT, {})


def _pt(left: float, top: float, width: float, height: float) -> Box:
    return Box(*(int(v * EMU_PER_POINT) for v in (left, top, width, height)))


def _role(subtitle: Box | None, room: Box | None = None) -> RoleGeometry:
    return RoleGeometry("title", "Title Slide", _pt(36, 150, 648, 90), (), subtitle, subtitle_room=room)


def _fit(lines: tuple[str, ...], box: Box, size: float) -> bool:
    return fits([Paragraph((Run(line),), bullet=False) for line in lines], box, "Calibri", size)


def test_lines_that_fit_the_layouts_box_stay_in_it() -> None:
    box = _pt(36, 260, 648, 150)
    fitted = fit_subtitle("T", LINES, _role(box, _pt(36, 250, 648, 240)), GEOMETRY)
    assert fitted.box is None and fitted.lines == LINES and fitted.note == "" and _fit(LINES, box, fitted.size)


def test_a_box_too_small_for_one_line_grows_downwards_into_its_room_only_as_far_as_needed() -> None:
    box, room = _pt(36, 260, 300, 16), _pt(36, 250, 300, 240)
    fitted = fit_subtitle("T", LINES, _role(box, room), GEOMETRY)
    grown = fitted.box
    assert grown is not None and (grown.left, grown.top, grown.width) == (box.left, box.top, box.width)
    assert grown.bottom <= room.bottom and grown.height < room.height and _fit(LINES, grown, fitted.size)
    assert fitted.lines == LINES and "grown to 300×" in fitted.note and "below it" in fitted.note


def test_lines_the_room_cannot_hold_are_named_and_left_out() -> None:
    box, room = _pt(36, 260, 300, 16), _pt(36, 255, 300, 50)
    fitted = fit_subtitle("T", LINES, _role(box, room), GEOMETRY)
    assert fitted.lines and fitted.lines != LINES and LINES[:len(fitted.lines)] == fitted.lines
    assert fitted.box is not None and _fit(fitted.lines, fitted.box, fitted.size)
    assert "left out: “" in fitted.note and "Presidency" in fitted.note


def test_without_a_box_every_line_is_named() -> None:
    fitted = fit_subtitle("T", LINES, _role(None), GEOMETRY)
    assert "has no room for" in fitted.note and "Brussels" in fitted.note


@pytest.mark.parametrize("room", [True, False], ids=["room-below", "picture-below"])
def test_a_tiny_subtitle_box_on_a_template_is_grown_clear_of_its_picture(tmp_path: Path, room: bool) -> None:
    path = traits.make_tiny_subtitle(tmp_path, room)
    for pack in (REFERENCE_PACK, DEMO_PACK):
        plan, data = build(pack, path)
        first = Presentation(io.BytesIO(data)).slides[0]
        shown = next(s for s in first.shapes if s.has_text_frame and plan.slides[0].subtitle[0] in s.text_frame.text)
        assert shown.height > 16 * EMU_PER_POINT
        pictures = [s for s in first.slide_layout.shapes if s.shape_type == 13]
        assert all(shown.top + shown.height <= p.top for p in pictures)
        assert any("subtitle box of layout 'Title Slide' (288×16 pt)" in n.message for n in plan.warnings)


def test_lines_the_template_sets_in_capitals_are_measured_in_capitals() -> None:
    line = ("Follow-up to the JHA Counsellors of 12 January 2026",)
    box = _pt(36, 260, 430, 30)
    typed = fit_subtitle("T", line, _role(box), GEOMETRY)
    assert typed.box is None and _fit(line, box, typed.size)
    capitals = fit_subtitle("T", line, replace(_role(box), subtitle_caps=True), GEOMETRY)
    assert capitals.size < typed.size and _fit((line[0].upper(),), box, capitals.size)
    assert capitals.lines == line  # written as typed: the template sets the capitals


def test_a_layout_setting_its_subtitle_in_capitals_says_so(tmp_path: Path) -> None:
    geometry = open_template(traits.make_caps_subtitle(tmp_path)).geometry
    assert geometry.role("title").subtitle_caps and not geometry.role("content").subtitle_caps

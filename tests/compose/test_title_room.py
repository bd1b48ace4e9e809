"""A title box that can show no title: the title goes to a band that can, or the build says none will show."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

from pptx import Presentation

from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.compose.title_room import with_title_bands
from briefing_builder.render.template import open_template
from tests.deck_helpers import REFERENCE_PACK, build
from tests.fixtures.templates import traits


def test_titles_of_a_one_emu_title_box_go_to_a_band_that_holds_them(tmp_path: Path) -> None:
    plan, data = build(REFERENCE_PACK, traits.make_one_emu_title(tmp_path))
    notes = [n.message for n in plan.warnings if "too small to show any title" in n.message]
    assert len(notes) == 1 and "Layout 'Title and Content'" in notes[0] and "band across the top" in notes[0]
    deck = Presentation(io.BytesIO(data))
    content = [(spec, deck.slides[spec.number - 1]) for spec in plan.slides if spec.role == "content"]
    assert content
    for spec, slide in content:
        title = slide.shapes.title
        assert title is not None and title.text_frame.text == spec.title
        assert title.width > 300 * EMU_PER_POINT and title.height > 30 * EMU_PER_POINT, spec.title
        body_top = min(s.top for s in slide.placeholders if s.placeholder_format.idx == 1)
        assert title.top + title.height <= body_top


def test_no_room_for_a_band_says_the_slides_will_show_no_title(tmp_path: Path) -> None:
    """A body that fills the top of the slide and would lose more than half its height to a band."""
    geometry = open_template(traits.make_one_emu_title(tmp_path)).geometry
    content = geometry.role("content")
    short = Box(content.bodies[0].left, 0, content.bodies[0].width, geometry.slide_height // 6)
    cramped = replace(geometry, roles={**geometry.roles, "content": replace(content, bodies=(short,), free=None)})
    banded, notes = with_title_bands(cramped)
    assert banded.role("content") == cramped.role("content")
    assert "no visible title" in notes["content"] and "Layout 'Title and Content'" in notes["content"]


def test_a_band_never_replaces_a_title_box_by_a_smaller_one(tmp_path: Path) -> None:
    """On a 72×72 pt slide the title slide's 61×15 pt title box was "set in a band" of 50×13 pt: the box is kept
    and the note says no visible title will show, never that a smaller band took its place."""
    plan, data = build(REFERENCE_PACK, traits.make_inch_square(tmp_path))
    notes = [n.message for n in plan.warnings if "too small to show any title" in n.message]
    assert notes
    for note in notes:
        sizes = re.findall(r"(\d+)×(\d+) pt", note)
        if "band across the top" in note:
            (box_w, box_h), (band_w, band_h) = sizes[:2]
            assert int(band_w) >= int(box_w) and int(band_h) >= int(box_h), note
        else:
            assert "the box is kept" in note and "no visible title" in note, note
    deck = Presentation(io.BytesIO(data))
    first = deck.slides[0].shapes.title
    assert first is not None and first.width >= 61 * EMU_PER_POINT - EMU_PER_POINT

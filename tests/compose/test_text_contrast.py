"""The template's own text colour checked against what really lies under the text (fill, picture)."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation

from briefing_builder.compose.contrast import contrast
from briefing_builder.render.template import open_template
from tests.deck_helpers import REFERENCE_PACK, build
from tests.fixtures.templates import traits


def _run_colours(shape) -> set[str | None]:  # noqa: ANN001
    found = set()
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            fill = run._r.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr")
            found.add(fill.get("val") if fill is not None else None)
    return found


def test_black_text_on_a_dark_master_is_written_in_the_theme_s_light_colour(tmp_path: Path) -> None:
    path = traits.make_dark_background(tmp_path)
    plan, data = build(REFERENCE_PACK, path)
    light = open_template(path).geometry.theme_colors["lt1"]
    deck = Presentation(io.BytesIO(data))
    content = next(i for i, spec in enumerate(plan.slides) if spec.role == "content")
    slide = deck.slides[content]
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    assert _run_colours(body) == {light} and _run_colours(slide.shapes.title) == {light}
    assert contrast(light, "14213D") >= 4.5
    assert any("written in the theme's" in n.message and "body text" in n.message for n in plan.warnings)


def test_body_text_over_a_busy_picture_is_warned(tmp_path: Path) -> None:
    plan, _data = build(REFERENCE_PACK, traits.make_busy_picture(tmp_path))
    warned = [n.message for n in plan.warnings if "Title and Content" in n.message and "reaches only" in n.message
              and "no colour of the template's theme" in n.message]
    assert warned and "body text" in warned[0]



def test_a_title_box_with_its_own_fill_is_judged_against_that_fill(tmp_path: Path) -> None:
    """White on the master title box's grey (7:1) stays white; the white slide around it does not count."""
    path = traits.make_filled_title(tmp_path)
    plan, data = build(REFERENCE_PACK, path)
    assert not [n.message for n in plan.warnings if "title colour" in n.message]
    deck = Presentation(io.BytesIO(data))
    content = next(i for i, spec in enumerate(plan.slides) if spec.role == "content")
    assert _run_colours(deck.slides[content].shapes.title) == {None}  # the template's own white


def test_a_layout_that_clears_the_masters_title_fill_is_judged_against_the_slide(tmp_path: Path) -> None:
    plan, _data = build(REFERENCE_PACK, traits.make_filled_title(tmp_path, layout_clears=True))
    warned = [n.message for n in plan.warnings if "title colour #FFFFFF" in n.message]
    assert any("Layout 'Title and Content'" in message for message in warned), warned

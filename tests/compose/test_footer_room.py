"""A footer box over the text area: moved to the foot of the slide (text boxes give way a little), or left off."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation

from briefing_builder.compose.footer_room import clear_footer
from briefing_builder.compose.geometry import Box, RoleGeometry
from briefing_builder.ooxml.namespaces import qn
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build
from tests.fixtures.templates import traits

W, H = 9144000, 6858000


def _role(footer: Box, body: Box) -> RoleGeometry:
    return RoleGeometry("content", "Title and Content", Box(457200, 274638, 8229600, 1143000), (body,), footer=footer)


def _overlap(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def test_a_footer_clear_of_the_text_is_left_as_the_layout_has_it() -> None:
    role = _role(Box(3124200, 6356350, 2895600, 365125), Box(457200, 1600200, 8229600, 4525963))
    assert clear_footer(role, W, H) == (role, None)


def test_a_footer_over_the_body_moves_to_the_foot_of_the_slide_and_a_body_reaching_there_gives_way() -> None:
    body = Box(457200, 1600200, 8229600, H - 1600200)  # down to the slide's edge
    moved, warning = clear_footer(_role(Box(0, 1371600, W, 4572000), body), W, H)
    assert moved.footer is not None and moved.footer_moved
    assert moved.footer.bottom <= H and moved.footer.top > H * 0.85
    assert not any(_overlap(moved.footer, box) for box in (*moved.bodies, moved.title))
    assert moved.bodies[0].height >= body.height * 0.75  # it gave way, it did not vanish
    assert warning is not None and "foot of the slide" in warning


def test_a_footer_is_left_off_when_the_text_cannot_give_way() -> None:
    body = Box(457200, H - 914400, 8229600, 914400)  # a short body at the foot of the slide
    moved, warning = clear_footer(_role(Box(0, 1371600, W, 4572000), body), W, H)
    assert moved.footer is None and moved.footer_moved and moved.bodies == (body,)
    assert warning is not None and "left off" in warning


def _box(shape) -> Box:  # noqa: ANN001
    return Box(shape.left or 0, shape.top or 0, shape.width or 0, shape.height or 0)


def test_the_decks_footer_never_runs_through_the_slides_text(tmp_path: Path) -> None:
    path = traits.make_footer_over_body(tmp_path)
    for pack in (REFERENCE_PACK, DEMO_PACK):
        plan, data = build(pack, path)
        prs = Presentation(io.BytesIO(data))
        footers = 0
        for spec, slide in zip(plan.slides, prs.slides):
            shapes = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
            footer = [s for s in shapes if (ph := s.element.find(f".//{qn('p:ph')}")) is not None
                      and ph.get("type") == "ftr"]
            for shape in footer:
                footers += 1
                assert _box(shape).bottom <= prs.slide_height, (pack, spec.number)
                for other in shapes:
                    if other is not shape:
                        assert not _overlap(_box(shape), _box(other)), (pack, spec.number, other.name)
        assert footers >= len(plan.slides) - 2  # the footer is still shown on the slides
        said = [n.message for n in plan.warnings if "footer box lies over the text area" in n.message]
        assert len(said) == 1 and "'Title and Content'" in said[0], said  # one note naming the layouts

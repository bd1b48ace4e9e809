"""Plain boxes: the part of a title box its lines run in."""

from __future__ import annotations

import pytest

from briefing_builder.compose.geometry import EMU_PER_INCH, EMU_PER_POINT, SLIDE_ROLES, Box, TemplateGeometry
from briefing_builder.render.template import open_template
from tests.deck_helpers import bundled_template


def test_a_titles_own_margin_is_kept_only_while_its_box_leaves_the_lines_room() -> None:
    from briefing_builder.compose.geometry import Box, title_inset_in, title_lines_box

    box = Box(100, 0, 1000, 300)
    assert title_lines_box(box, (200, 0)) == Box(300, 0, 800, 300)
    assert title_lines_box(box, (200, -200)) == Box(300, 0, 800, 300)  # a hanging first line: the margin counts
    assert title_lines_box(box, (200, 200)) == Box(500, 0, 600, 300)
    assert title_lines_box(box, (300, 300)) == box  # 400 of 1000 left: under half, the margin is dropped
    narrowed = Box(100, 0, 700, 300)  # a logo took the end: 600 of 700 would go to the margin
    assert title_inset_in(narrowed, (600, 0)) == (0, 0) and title_lines_box(narrowed, (600, 0)) == narrowed





@pytest.fixture(scope="module", params=["briefing-16x9", "briefing-4x3"])
def geometry(request: pytest.FixtureRequest) -> TemplateGeometry:
    return open_template(bundled_template(request.param)).geometry


def test_a_box_knows_its_right_and_bottom_edges() -> None:
    box = Box(EMU_PER_INCH, 2 * EMU_PER_INCH, 3 * EMU_PER_INCH, EMU_PER_INCH)
    assert (box.right, box.bottom) == (4 * EMU_PER_INCH, 3 * EMU_PER_INCH)
    assert EMU_PER_INCH == 72 * EMU_PER_POINT


def test_every_role_has_boxes_inside_the_slide_title_above_the_text_above_the_footer(
        geometry: TemplateGeometry) -> None:
    assert set(geometry.roles) == set(SLIDE_ROLES)
    for role in SLIDE_ROLES:
        geo = geometry.role(role)
        boxes = [b for b in (geo.title, geo.subtitle, geo.footer, geo.free, *geo.bodies) if b is not None]
        assert all(b.left >= 0 and b.top >= 0 and b.right <= geometry.slide_width
                   and b.bottom <= geometry.slide_height for b in boxes), role
        for body in geo.bodies:
            if geo.title is not None and role not in ("title", "closing"):
                assert geo.title.top < body.top, role
            if geo.footer is not None:
                assert body.bottom <= geo.footer.top, role
        assert not geo.fallback and geo.layout_name
    assert geometry.body_min_pt <= geometry.body_max_pt
    with pytest.raises(KeyError):
        geometry.role("no-such-role")

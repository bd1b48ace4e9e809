"""The geometry every plan is laid out in, as read from the bundled templates: boxes that hold together."""

from __future__ import annotations

import pytest

from briefing_builder.compose.geometry import EMU_PER_INCH, EMU_PER_POINT, SLIDE_ROLES, Box, TemplateGeometry
from briefing_builder.render.template import open_template
from tests.deck_helpers import bundled_template


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

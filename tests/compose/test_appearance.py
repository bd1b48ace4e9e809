"""A template's look as plain data: every role's page and text colours, read from the bundled template."""

from __future__ import annotations

import re

from briefing_builder.compose.appearance import RoleAppearance, TemplateAppearance
from briefing_builder.compose.geometry import SLIDE_ROLES
from briefing_builder.render.appearance import read_appearance
from briefing_builder.render.template import open_template
from tests.deck_helpers import bundled_template

HEX = re.compile(r"^[0-9A-F]{6}$")


def test_every_role_has_a_look_in_colours_a_painter_can_use() -> None:
    template = open_template(bundled_template())
    look = read_appearance(template)
    assert isinstance(look, TemplateAppearance) and set(look.roles) >= set(SLIDE_ROLES)
    width, height = template.geometry.slide_width, template.geometry.slide_height
    for role in SLIDE_ROLES:
        part = look.role(role)
        colours = [part.background, part.title_color, part.subtitle_color, part.body_color, part.footer_color]
        assert all(HEX.match(c) for c in colours), (role, colours)
        assert part.title_anchor in ("t", "ctr", "b") and part.title_align in ("l", "ctr", "r")
        for decoration in part.decorations:
            assert decoration.kind in ("rect", "ellipse", "line", "picture")
            assert decoration.box.right <= width and decoration.box.bottom <= height
            assert decoration.kind != "picture" or decoration.image
    assert look.theme_colors and all(HEX.match(c.upper()) for c in look.theme_colors.values())


def test_an_unknown_role_looks_like_a_plain_white_page() -> None:
    look = TemplateAppearance({})
    assert look.role("section") == RoleAppearance("section")
    assert (look.role("section").background, look.role("section").decorations) == ("FFFFFF", ())

"""A template's pages as the marking placer reads them: size, paint, what a marking must keep clear of.

On the bundled template and on user templates with a dark, a busy or a picture master (the
marking tests' templates).
"""

from __future__ import annotations

from pathlib import Path

from briefing_builder.compose.geometry import SLIDE_ROLES
from briefing_builder.render.marking_surfaces import read_surfaces
from briefing_builder.render.template import open_template
from tests.deck_helpers import bundled_template
from tests.fixtures import marking_templates as mt


def _inside(box: object, width: int, height: int) -> bool:
    return box.left >= 0 and box.top >= 0 and box.right <= width and box.bottom <= height  # type: ignore[attr-defined]


def test_every_role_and_the_notes_page_have_a_surface_of_the_templates_size() -> None:
    template = open_template(bundled_template())
    surfaces = read_surfaces(template)
    assert set(surfaces.slides) == set(SLIDE_ROLES)
    for role, surface in surfaces.slides.items():
        assert (surface.width, surface.height) == (template.geometry.slide_width, template.geometry.slide_height)
        assert surface.title == template.geometry.role(role).title
        assert all(_inside(b, surface.width, surface.height) for b in surface.obstacles), role
        assert dict(surface.text_colours).keys() >= {"title", "subtitle", "body"}
    body = template.geometry.role("content").bodies[0]
    assert body in surfaces.slides["content"].bodies  # the text a slide fills: it gives way only at the page edge
    notes = surfaces.notes
    assert notes is not None and notes.height > notes.width  # a portrait notes page
    assert notes.has_number and notes.footer is not None


def test_a_dark_master_is_read_as_a_dark_page(tmp_path: Path) -> None:
    surfaces = read_surfaces(open_template(mt.make_dark_master(tmp_path)))
    colours = {s.background for s in surfaces.slides.values()}
    assert all(int(c[:2], 16) + int(c[2:4], 16) + int(c[4:], 16) < 3 * 0x60 for c in colours), colours


def test_the_masters_own_shapes_are_kept_clear_of_on_every_layout_showing_them(tmp_path: Path) -> None:
    plain = read_surfaces(open_template(mt.DEFAULT))  # the template the busy one is made from
    busy = read_surfaces(open_template(mt.make_busy_light_master(tmp_path)))
    for role, surface in busy.slides.items():
        extra = set(surface.obstacles) - set(plain.slides[role].obstacles)
        assert extra, role  # the master's shapes where markings would go


def test_a_picture_on_the_master_is_part_of_what_is_painted(tmp_path: Path) -> None:
    surfaces = read_surfaces(open_template(mt.make_picture_master(tmp_path)))
    assert any(p.image for s in surfaces.slides.values() for p in s.paints)


def test_reading_the_surfaces_leaves_the_template_as_it_was() -> None:
    template = open_template(bundled_template())
    before = [layout.name for layout in template.presentation.slide_layouts]
    shapes = [len(layout.shapes) for layout in template.presentation.slide_layouts]
    read_surfaces(template)
    assert [layout.name for layout in template.presentation.slide_layouts] == before
    assert [len(layout.shapes) for layout in template.presentation.slide_layouts] == shapes

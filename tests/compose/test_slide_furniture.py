"""A slide's furniture: markings, footer and the app's own slide number, placed per role, with their notes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from briefing_builder.compose.footer_fit import FooterFit
from briefing_builder.compose.geometry import Box
from briefing_builder.compose.marking_layout import MarkingSurfaces, Placed
from briefing_builder.compose.plan import SlideSpec
from briefing_builder.compose.slide_furniture import (
    fit_footers,
    footer_line,
    footer_notes,
    footer_sizes,
    footer_width,
    furnished,
    own_number_notes,
)
from briefing_builder.render.template import open_template
from tests.deck_helpers import REFERENCE_PACK, build, bundled_template
from tests.fixtures.templates import traits


def test_the_footer_names_the_reference_when_there_is_one() -> None:
    assert footer_line(" WK 12/26 ", "JHA Counsellors", "12 January 2026") == (
        "WK 12/26 — JHA Counsellors, 12 January 2026")
    assert footer_line(None, "JHA Counsellors", "12 January 2026") == "JHA Counsellors, 12 January 2026"
    assert footer_line("  ", "JHA Counsellors", "12 January 2026") == "JHA Counsellors, 12 January 2026"


def test_the_footer_width_is_taken_at_the_smallest_size_and_grows_with_the_text() -> None:
    geometry = open_template(bundled_template()).geometry
    sizes = footer_sizes(geometry)
    assert list(sizes) == sorted(sizes, reverse=True) and len(sizes) > 1
    short, long = footer_width("JHA", geometry), footer_width("JHA Counsellors, 12 January 2026", geometry)
    assert 0 < short < long


def test_a_footer_that_fits_nowhere_is_left_off_its_slides_and_noted_once(tmp_path: Path) -> None:
    geometry = open_template(traits.make_narrow_footer(tmp_path)).geometry
    role = geometry.role("content")
    assert role.footer is not None
    spec = SlideSpec(number=0, role="content", title="A")
    marks = Placed()
    text = "JHA Counsellors, 12 January 2026 " * 6
    fitted = fit_footers(text, geometry, dict.fromkeys([*geometry.roles, "notes"], marks), MarkingSurfaces())
    shown = furnished(spec, text, role, marks, fitted["content"])
    assert shown.footer == text and shown.footer_font_size == fitted["content"].size
    blocked = Box(0, 0, geometry.slide_width, geometry.slide_height)  # a marking over the whole page
    left_off = FooterFit(None, left_off=True, problem="left off")
    off = furnished(spec, text, role, replace(marks, footer=blocked), left_off)
    assert off.footer == "" and off.footer_box == blocked
    assert [n.message for n in footer_notes([spec, spec], {"content": left_off})] == ["left off"]
    assert footer_notes([spec], {"content": FooterFit(9.0)}) == []


def test_a_template_showing_no_slide_number_gets_a_note_naming_its_layouts(tmp_path: Path) -> None:
    plan, _data = build(REFERENCE_PACK, traits.make_no_slide_number(tmp_path))  # the pack has no marking
    numbered = [n.message for n in plan.warnings if "no slide number; the app writes its own" in n.message]
    assert len(numbered) == 1 and "'" in numbered[0]
    geometry = open_template(traits.make_no_slide_number(tmp_path)).geometry
    pages = list(plan.slides)
    placed = {s.role: Placed(marks=s.marks) for s in pages}
    assert own_number_notes(pages, placed, geometry, marked=True) == []  # said with the marking instead


def test_a_template_with_its_own_slide_number_gets_no_note_about_numbers(tmp_path: Path) -> None:
    plan, _data = build(REFERENCE_PACK, traits.make_number_circle(tmp_path))
    assert not any("no slide number; the app writes its own" in n.message for n in plan.warnings)

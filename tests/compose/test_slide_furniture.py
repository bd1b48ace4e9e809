"""A slide's furniture: markings, footer and the app's own slide number, placed per role, with their notes."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefing_builder.compose.footer_fit import FooterFit
from briefing_builder.compose.geometry import Box
from briefing_builder.compose.marking_layout import MarkingSurfaces, Placed
from briefing_builder.compose.plan import DeckPlan, SlideSpec
from briefing_builder.compose.slide_furniture import (
    fit_footers,
    footer_line,
    footer_notes,
    footer_sizes,
    footer_width,
    furnished,
    own_number_notes,
    shortened_footers,
)
from briefing_builder.render.template import open_template
from tests.deck_helpers import DEMO_PACK, REFERENCE_PACK, build, bundled_template
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
    layout = role.layout_name
    assert [n.message for n in footer_notes([spec, spec], {"content": left_off}, geometry)] == [
        f"Layout '{layout}': left off"]
    assert footer_notes([spec], {"content": FooterFit(9.0)}, geometry) == []


def test_a_shortened_footer_keeps_the_reference_and_the_date_and_never_ends_mid_phrase() -> None:
    forms = shortened_footers("WK 12/26", "Working Party on Asylum (fictional demonstration)", "17 March 2026")
    assert [text for text, _ in forms] == ["WK 12/26 — Working Party on Asylum…, 17 March 2026",
                                           "WK 12/26 — Working Party…, 17 March 2026",
                                           "WK 12/26 — Working…, 17 March 2026"]
    assert forms[0][1] == "(fictional demonstration)" and forms[-1][1] == "Party on Asylum (fictional demonstration)"
    assert shortened_footers(None, "Counsellors", "1 May 2026") == ()


def _footers(template: Path) -> tuple[DeckPlan, list[tuple[SlideSpec, Box]]]:
    """The demonstration pack's plan on ``template`` and each slide's footer box (its own or the layout's),
    having checked that the deck's footer placeholders show the planned footers."""
    plan, data = build(DEMO_PACK, template)
    written = [[s.text_frame.text for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.FOOTER]
               for slide in Presentation(io.BytesIO(data)).slides]
    assert written == [[spec.footer] for spec in plan.slides]
    geometry = open_template(template).geometry
    return plan, [(s, s.footer_box or geometry.role(s.role).footer) for s in plan.slides]


def _clear_of_text(spec: SlideSpec, box: Box, template: Path) -> bool:
    role = open_template(template).geometry.role(spec.role)
    return box.bottom <= open_template(template).geometry.slide_height and not any(
        box.left < b.right and b.left < box.right and box.top < b.bottom and b.top < box.bottom for b in role.bodies)


def test_a_footer_hemmed_in_on_its_row_moves_whole_to_the_free_band_at_the_foot(tmp_path: Path) -> None:
    """Nature_Illustration's trait: a 14 pt footer box between the master's own pictures, the bodies just above.
    Grown upwards the 98-character footer would run into the bodies; it used to be left off those slides; it
    is written whole at the slide's foot, where the band is free."""
    template = traits.make_crowded_footer_row(tmp_path)
    plan, footers = _footers(template)
    assert all(spec.footer == plan.properties.subject for spec, _ in footers)  # the whole footer
    assert all(box is not None and _clear_of_text(spec, box, template) for spec, box in footers)
    assert not [n.message for n in plan.warnings if "footer “" in n.message]


def test_a_footer_no_room_holds_whole_is_shortened_with_a_note_naming_what_is_left_out(tmp_path: Path) -> None:
    template = traits.make_crowded_footer_row(tmp_path, free_foot=False)
    plan, footers = _footers(template)
    body, date = plan.properties.subject.rsplit(", ", 1)
    cut = [(spec, box) for spec, box in footers if spec.footer != plan.properties.subject]
    assert cut and all(spec.footer.endswith(f"…, {date}") and body.startswith(spec.footer.split("…")[0])
                       for spec, _ in cut)
    assert all(box is not None and _clear_of_text(spec, box, template) for spec, box in cut)
    notes = [n.message for n in plan.warnings if "shortened to" in n.message]
    left_out = body[len(cut[0][0].footer.split("…")[0]):].strip()
    assert len(notes) == 1 and f"leaving out “{left_out}”" in notes[0] and notes[0].startswith("Layouts '")


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


def test_markings_and_the_apps_slide_number_grow_with_the_slide_and_shrink_only_to_a_legible_floor(
        tmp_path) -> None:  # noqa: ANN001
    """On a 4032×4032 pt slide the LIMITE marking stayed 12 pt in a 43×18 pt box (a red speck; 2 pt as seen on
    the house slide) and on a 200×150 pt slide it filled a tenth of the width. Markings are now the house sizes
    times the slide's text scale, and never below half of them, so a security marking stays legible."""
    from tests.deck_helpers import DEMO_PACK, build
    from tests.fixtures.templates import traits

    def sizes(template) -> set[tuple[str, float]]:  # noqa: ANN001
        plan, _ = build(DEMO_PACK, template)
        return {(m.name, m.size_pt) for s in plan.slides for m in s.marks}

    house = sizes(None)
    assert ("Marking", 12.0) in house
    large = sizes(traits.make_slide_size(tmp_path, 4032 * 12700, 4032 * 12700, scale=True))
    assert ("Marking", 67.0) in large and all(size > 50 for _name, size in large)
    small = sizes(traits.make_slide_size(tmp_path, 200 * 12700, 150 * 12700, scale=True))
    assert ("Marking", 6.0) in small and all(size >= 5 for _name, size in small)

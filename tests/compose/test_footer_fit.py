"""The footer is fitted to its box: size, then lines; a box too small grows upwards, never past the slide's edge."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from pptx import Presentation

from briefing_builder.compose.fitting import fits
from briefing_builder.compose.footer_fit import FooterFit, fit_footer
from briefing_builder.compose.geometry import Box
from briefing_builder.compose.plan import Paragraph
from briefing_builder.compose.slide_furniture import shortened_footers
from briefing_builder.markup import Run
from briefing_builder.ooxml.namespaces import qn
from tests.deck_helpers import REFERENCE_PACK, build, sample_catalog
from tests.fixtures.templates import traits

H = 6858000
PAGE = Box(0, 0, 9144000, H)
SIZES = (10.0, 9.0, 8.0, 7.0)
LONG = ("WK 1234/2026 INIT — Conseillers JAI / JHA Counsellors — Working Party on Integration, Migration and "
        "Expulsion (IMEX Admission and Expulsion), 20 mai 2026")


def _fits(text: str, box: Box, size: float) -> bool:
    return fits((Paragraph((Run(text),), bullet=False),), box, "Calibri", size)


def test_a_short_footer_keeps_its_box_and_the_largest_size() -> None:
    box = Box(3000000, H - 400000, 3000000, 370000)
    fitted = fit_footer("JHA Counsellors, 12 January 2026", box, "Calibri", SIZES, PAGE)
    assert fitted.size == 10.0 and fitted.box is None and not fitted.problem


def _neighbours(box: Box) -> tuple[Box, ...]:
    """Shapes of the template's own on both sides of ``box``, in its row."""
    return (Box(box.left - 400000, box.top, 400000, box.height), Box(box.right, box.top, 400000, box.height))


def test_a_long_footer_is_widened_along_its_row_to_stay_on_one_line() -> None:
    box = Box(3000000, H - 400000, 2400000, 370000)
    fitted = fit_footer(LONG, box, "Calibri", SIZES, PAGE)
    assert fitted.box is not None and fitted.box.top == box.top and fitted.box.height == box.height
    assert fitted.box.width > box.width and fitted.box.left >= 0 and fitted.box.right <= PAGE.right
    left_logo = Box(0, H - 400000, 2000000, 370000)
    kept_clear = fit_footer(LONG, box, "Calibri", SIZES, PAGE, others=(left_logo,))
    assert kept_clear.box is not None and kept_clear.box.left >= left_logo.right


def test_a_long_footer_takes_more_lines_when_it_cannot_widen_and_the_box_is_tall_enough() -> None:
    box = Box(3000000, H - 800000, 2400000, 700000)
    fitted = fit_footer(LONG, box, "Calibri", SIZES, PAGE, others=_neighbours(box))
    assert fitted.size is not None and fitted.box is None and _fits(LONG, box, fitted.size)


def test_a_footer_too_long_for_its_box_grows_upwards_and_stays_on_the_slide() -> None:
    box = Box(3000000, H - 270000, 2400000, 270000)
    fitted = fit_footer(LONG, box, "Calibri", SIZES, PAGE, others=_neighbours(box))
    assert fitted.size == 7.0 and fitted.box is not None
    assert fitted.box.bottom == box.bottom and fitted.box.top < box.top and _fits(LONG, fitted.box, 7.0)


def _clear(fitted: FooterFit, *others: Box) -> bool:
    """The footer was fitted whole, into a box on the page that runs into none of ``others``."""
    box = fitted.box
    return (fitted.size is not None and fitted.text is None and box is not None and box.bottom <= H
            and not any(box.left < o.right and o.left < box.right and box.top < o.bottom and o.top < box.bottom
                        for o in others) and _fits(LONG, box, fitted.size))


def test_a_footer_that_would_grow_into_a_marking_moves_to_a_free_stretch_of_its_row() -> None:
    """Grown upwards in its place it would run through the marking above it: it is written whole in the
    widest free stretch of its row instead (before, it was left off the slides)."""
    box = Box(3000000, H - 270000, 2400000, 270000)
    marking = Box(3000000, H - 600000, 2400000, 300000)
    moved = fit_footer(LONG, box, "Calibri", SIZES, PAGE, marks=(marking,), others=_neighbours(box))
    assert _clear(moved, marking, *_neighbours(box)) and not moved.problem and not moved.left_off


def test_a_footer_is_never_moved_into_a_stretch_it_would_fill_as_a_column_of_words() -> None:
    """The only free stretch of the row left (22% of the slide) would take the long footer in five lines at
    7 pt: a footer of more than three lines is no footer, so it is left off (no shorter form given)."""
    box = Box(3000000, H - 270000, 2400000, 270000)
    marking = Box(3000000, H - 600000, 2400000, 300000)
    logos = (Box(228600, box.top, box.left - 228600, box.height), Box(box.right, box.top, 1500000, box.height))
    fitted = fit_footer(LONG, box, "Calibri", SIZES, PAGE, marks=(marking,), others=logos)
    assert fitted.left_off and fitted.size is None


def test_a_footer_whose_row_is_full_moves_to_a_free_band_at_the_foot_of_the_slide() -> None:
    """A footer box above the foot of the slide, hemmed in by logos on its row and a body just above it, is
    written at the slide's bottom edge, where the row is free."""
    box = Box(3000000, H - 900000, 2400000, 270000)
    body = Box(457200, 1500000, 8229600, H - 900000 - 1500000 - 20000)
    logos = (Box(0, box.top, box.left, box.height), Box(box.right, box.top, PAGE.right - box.right, box.height))
    moved = fit_footer(LONG, box, "Calibri", SIZES, PAGE, others=(body, *logos))
    assert _clear(moved, body, *logos) and moved.box is not None and moved.box.top > box.bottom


def test_a_footer_no_room_holds_whole_is_shortened_and_says_what_it_leaves_out() -> None:
    box = Box(3000000, H - 270000, 2400000, 270000)
    above = Box(0, H - 500000, 9144000, 240000)  # the slide's text just above the footer's row
    shorter = shortened_footers("WK 1234/2026 INIT", LONG.split(" — ", 1)[1].rsplit(", ", 1)[0], "20 mai 2026")
    assert shorter[0][0].startswith("WK 1234/2026 INIT — Conseillers JAI") and shorter[0][0].endswith("…, 20 mai 2026")
    cut = fit_footer(LONG, box, "Calibri", SIZES, PAGE, others=(*_neighbours(box), above), shorter=shorter)
    assert not cut.left_off and cut.size is not None and cut.text in [text for text, _ in shorter]
    index = [text for text, _ in shorter].index(cut.text)
    shown = cut.box or box
    assert _fits(cut.text, shown, cut.size) and shown.bottom <= H and shown.top >= above.bottom - 20000
    assert index > 0 and fit_footer(shorter[index - 1][0], box, "Calibri", SIZES[-1:], PAGE,
                                    others=(*_neighbours(box), above)).left_off  # the longest that fits
    assert f"“{cut.text}”, leaving out “{shorter[index][1]}”" in cut.problem
    titled = fit_footer(LONG, box, "Calibri", SIZES, PAGE, others=(*_neighbours(box), above))
    assert titled.left_off and titled.size is None and "left off" in titled.problem  # never through the text


def test_a_footer_box_past_the_slides_bottom_edge_is_moved_onto_the_slide() -> None:
    fitted = fit_footer("JHA Counsellors", Box(3000000, H - 100000, 3000000, 370000), "Calibri", SIZES, PAGE)
    assert fitted.box is not None and fitted.box.bottom <= H and fitted.box.height == 370000


def test_a_long_footer_in_a_narrow_box_is_never_cut_at_the_slide_edge(tmp_path: Path) -> None:
    _check_footers_fit(traits.make_narrow_footer(tmp_path), "Calibri", bold=False)


def test_a_footer_in_the_templates_own_bold_typeface_is_measured_in_it(tmp_path: Path) -> None:
    _check_footers_fit(traits.make_narrow_footer(tmp_path, 0.6, "Source Sans Pro Black"), "Source Sans Pro Black",
                       bold=True)


def _check_footers_fit(template: Path, family: str, bold: bool) -> None:
    """Every slide's footer, at the size written, fits its box (measured in ``family``) on the slide."""
    catalog = sample_catalog()
    pack = catalog.packs[REFERENCE_PACK]
    body = "JHA Counsellors / Conseillers JAI — Working Party on Integration, Migration and Expulsion (IMEX)"
    pack = pack.model_copy(update={"meeting": pack.meeting.model_copy(update={"body": body})})
    catalog = dataclasses.replace(catalog, packs={**catalog.packs, REFERENCE_PACK: pack})
    plan, data = build(REFERENCE_PACK, template, catalog)
    prs = Presentation(io.BytesIO(data))
    footers = 0
    for spec, slide in zip(plan.slides, prs.slides):
        for shape in slide.shapes:
            ph = shape.element.find(f".//{qn('p:ph')}")
            if ph is None or ph.get("type") != "ftr" or not shape.text_frame.text.strip():
                continue
            footers += 1
            box = Box(shape.left, shape.top, shape.width, shape.height)
            assert box.bottom <= prs.slide_height, spec.number
            size = int(shape.element.find(f".//{qn('a:rPr')}").get("sz")) / 100
            assert fits((Paragraph((Run(shape.text_frame.text, bold=bold),), bullet=False),), box, family, size), (
                spec.number, box, size)
    assert footers == len(plan.slides)

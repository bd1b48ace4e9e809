"""The slide number at a size its box holds: the template's size where it fits, smaller, or a larger box."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefing_builder.compose.geometry import EMU_PER_POINT, Box
from briefing_builder.ooxml.namespaces import qn
from briefing_builder.render.number_fit import SMALLEST_PT, NumberStyle, fitted
from tests.deck_helpers import REFERENCE_PACK, build
from tests.fixtures.templates import traits

SLIDE = (720 * EMU_PER_POINT, 540 * EMU_PER_POINT)


def _pt(left: float, top: float, width: float, height: float) -> Box:
    return Box(*(int(v * EMU_PER_POINT) for v in (left, top, width, height)))


def test_a_number_that_fits_keeps_the_templates_size_and_box() -> None:
    box = _pt(500, 500, 180, 30)
    assert fitted(box, NumberStyle(12.0, "Calibri", "r", (91440, 45720, 91440, 45720)), "88", *SLIDE) == (12.0, box)


def test_a_box_too_short_for_the_templates_size_takes_a_smaller_one() -> None:
    box = _pt(500, 500, 198, 31)
    size, same = fitted(box, NumberStyle(26.0, "Carlito", "r", (0, 0, 0, 0)), "88", *SLIDE)
    assert same == box and SMALLEST_PT <= size < 26.0 and size * 1.2 <= 31


def test_a_box_no_readable_size_fits_is_enlarged_from_its_aligned_edge() -> None:
    box = _pt(700, 500, 5, 5)
    size, grown = fitted(box, NumberStyle(12.0, "Carlito", "r", (0, 0, 0, 0)), "88", *SLIDE)
    assert size == SMALLEST_PT and grown.width > box.width and grown.height > box.height
    assert grown.right == box.right and grown.bottom <= SLIDE[1]
    _size, left = fitted(box, NumberStyle(12.0, "Carlito", "l", (0, 0, 0, 0)), "88", *SLIDE)
    assert left.left == box.left or left.right == SLIDE[0]  # kept inside the slide


def _numbers(data: bytes) -> list:
    deck = Presentation(io.BytesIO(data))
    return [next(s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
            for slide in deck.slides]


def test_the_written_number_fits_its_box_without_the_masters_space_before(tmp_path: Path) -> None:
    plan, data = build(REFERENCE_PACK, traits.make_cramped_slide_number(tmp_path))
    for number in _numbers(data):
        element = number._element
        sizes = {int(r.get("sz")) for r in element.iter(qn("a:rPr"))}
        assert sizes and max(sizes) < 2600 and max(sizes) * 1.2 <= 31 * 100
        before = element.find(f".//{qn('a:pPr')}/{qn('a:spcBef')}/{qn('a:spcPts')}")
        assert before is not None and before.get("val") == "0"
    assert not [n for n in plan.warnings if "slide-number box" in n.message]


def test_a_number_box_too_small_for_any_readable_size_is_enlarged_and_said(tmp_path: Path) -> None:
    plan, data = build(REFERENCE_PACK, traits.make_cramped_slide_number(tmp_path, tiny=True))
    assert all(n.width > 5 * EMU_PER_POINT and n.height > 5 * EMU_PER_POINT for n in _numbers(data))
    said = [n.message for n in plan.warnings if "slide-number box" in n.message]
    assert len(said) == 1 and "5×5 pt" in said[0] and "'Title and Content'" in said[0]


def test_a_number_drawn_past_the_slide_is_placed_inside_it_clear_of_the_footer(tmp_path: Path) -> None:
    """Layouts left at 720×540 pt on a 405×720 pt slide: the number's box at x = 516 pt is brought inside,
    as wide as the number needs, and the footer beside it stops before it."""
    _, data = build(REFERENCE_PACK, traits.make_portrait_unscaled(tmp_path))
    deck = Presentation(io.BytesIO(data))
    width = deck.slide_width
    for slide, number in zip(deck.slides, _numbers(data), strict=True):
        assert number.left >= 0 and number.left + number.width <= width
        footer = next((s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.FOOTER), None)
        if footer is not None:
            assert footer.left + footer.width <= min(width, number.left) or footer.left >= number.left + number.width


def test_a_box_a_hair_short_of_the_number_is_kept_and_no_enlargement_claimed(tmp_path: Path) -> None:
    """A 560×16 pt box a fraction of a point short of a number at 7 pt was "enlarged to 560×16 pt" (the same
    size): it holds the number (the measure keeps a safety margin), so it is kept and nothing is said."""
    plan, data = build(REFERENCE_PACK, traits.make_wide_strip(tmp_path))
    for said in (n.message for n in plan.warnings if "slide-number box" in n.message):
        found = re.search(r"are ([\d.]+)×([\d.]+) pt, .* enlarged to ([\d.]+)×([\d.]+) pt", said)
        assert found is not None and found.group(1, 2) != found.group(3, 4), said
    assert {(round(n.width / EMU_PER_POINT), round(n.height / EMU_PER_POINT)) for n in _numbers(data)} == {(560, 16)}

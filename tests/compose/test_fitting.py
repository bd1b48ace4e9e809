"""Text measurement and fitting: shrink to the floor, then split without orphaning sub-points."""

from __future__ import annotations

import pytest

from briefing_builder.compose.fitting import fit_groups, fits, inner_width, largest_fitting_size, text_height
from briefing_builder.compose.geometry import EMU_PER_INCH, Box
from briefing_builder.compose.measure import count_lines, font_face, text_width
from briefing_builder.compose.plan import Paragraph
from briefing_builder.markup import Run

BOX = Box(0, 0, 8 * EMU_PER_INCH, 4 * EMU_PER_INCH)


def _group(index: int, subs: int = 2) -> tuple[Paragraph, ...]:
    head = Paragraph((Run(f"Measure {index}: strengthen cooperation with partner countries on return"),))
    return (head, *(Paragraph((Run(f"Sub-point {index}.{s} on readmission"),), level=1) for s in range(subs)))


def test_bold_text_is_wider_than_regular() -> None:
    assert text_width("Readmission", "Calibri", 20, bold=True) > text_width("Readmission", "Calibri", 20)


def test_count_lines_wraps_at_spaces() -> None:
    runs = (Run("word " * 40),)
    one_line = text_width("word " * 40, "Calibri", 20)
    assert count_lines(runs, "Calibri", 20, one_line + 5) == 1
    assert count_lines(runs, "Calibri", 20, one_line / 2 + 5) == 2
    assert count_lines((Run("x" * 400),), "Calibri", 20, 100) > 1  # a long word breaks anywhere


def test_unknown_fonts_are_measured_wider_and_taller() -> None:
    assert text_width("Readmission", "Unknown Sans", 20) > text_width("Readmission", "Arial", 20)
    assert not font_face("Unknown Sans").known
    assert font_face("Unknown Sans").line_height_em >= 1.3
    assert font_face("Calibri").known


def test_fitting_prefers_the_largest_size_that_fits() -> None:
    groups = [_group(i) for i in range(4)]
    result = fit_groups(groups, BOX, "Calibri", 20, 12)
    assert len(result.pages) == 1
    flat = [p for g in groups for p in g]
    assert fits(flat, BOX, "Calibri", result.font_size)
    if result.font_size < 20:
        assert not fits(flat, BOX, "Calibri", result.font_size + 0.5)


def test_a_whole_word_fit_shrinks_a_word_that_a_narrow_tall_box_would_break() -> None:
    """A 90×500 pt title box holds "Agenda" at 27 pt by height alone, broken "Agend / a": the whole-word fit
    shrinks it until the word fits across the box."""
    box = Box(0, 0, 90 * 12700, 500 * 12700)
    title = (Paragraph((Run("Agenda"),), bullet=False),)
    assert fits(title, box, "Calibri Light", 40)  # the height test alone passes
    assert not fits(title, box, "Calibri Light", 40, whole_words=True)
    size = largest_fitting_size(title, box, "Calibri Light", 40, 12, whole_words=True)
    assert text_width("Agenda", "Calibri Light", size) <= inner_width(box)
    assert text_width("Agenda", "Calibri Light", size + 0.5) > 0.96 * inner_width(box)


def test_text_height_grows_with_size() -> None:
    flat = [p for g in (_group(1), _group(2)) for p in g]
    assert text_height(flat, BOX, "Calibri", 12) < text_height(flat, BOX, "Calibri", 20)


def test_overflow_splits_at_the_floor_and_keeps_groups_whole() -> None:
    groups = [_group(i, subs=3) for i in range(30)]
    result = fit_groups(groups, BOX, "Calibri", 20, 12)
    assert result.font_size >= 12
    assert len(result.pages) > 1
    for number, page in enumerate(result.pages):
        assert page[0].level == 0  # no page starts with an orphaned sub-point
        assert fits(page, BOX, "Calibri", result.size_of(number))
    assert [p for page in result.pages for p in page] == [p for g in groups for p in g]


def test_a_group_taller_than_a_page_is_split_between_paragraphs() -> None:
    giant = (Paragraph((Run("Head"),)), *(Paragraph((Run(f"Point {i} " * 8),), level=1) for i in range(60)))
    result = fit_groups([giant], BOX, "Calibri", 20, 12)
    assert len(result.pages) > 1
    assert sum(len(page) for page in result.pages) == len(giant)


def test_continuations_are_balanced_and_each_page_set_as_large_as_it_fits() -> None:
    groups = [_group(i, subs=2) for i in range(14)]
    result = fit_groups(groups, BOX, "Calibri", 20, 12)
    pages = result.pages
    assert len(pages) > 1 and len(result.sizes) == len(pages)
    fewest = len(fit_groups(groups, BOX, "Calibri", 12, 12).pages)
    assert len(pages) == fewest  # never more slides than needed at the minimum size
    counts = [len(page) for page in pages]
    assert max(counts) - min(counts) <= 3  # even, not 13/10/7
    for page, size in zip(pages, result.sizes):
        assert fits(page, BOX, "Calibri", size)
        if size < 20:
            assert not fits(page, BOX, "Calibri", size + 0.5)  # the largest half-point size that fits
    assert [p for page in pages for p in page] == [p for g in groups for p in g]


def test_a_paragraph_taller_than_the_box_is_cut_between_its_lines() -> None:
    small = Box(0, 0, 300 * 12700, 120 * 12700)
    long = Paragraph((Run("Notes: ", bold=True), Run("a long remark about the partnership " * 12)),)
    result = fit_groups([(long,)], small, "Calibri", 20, 12)
    assert len(result.pages) > 1
    for number, page in enumerate(result.pages):
        assert fits(page, small, "Calibri", result.size_of(number))
    words = " ".join(r.text for page in result.pages for p in page for r in p.runs).split()
    assert words == " ".join(r.text for r in long.runs).split()
    assert result.pages[0][0].runs[0].bold and result.pages[0][0].bullet and not result.pages[1][0].bullet


def test_character_spacing_is_measured() -> None:
    runs = (Run("Partnerships with third countries and a whole-of-route approach to migration"),)
    assert text_width("abc", "Calibri", 20, spacing=3.0) == pytest.approx(text_width("abc", "Calibri", 20) + 9.0)
    assert count_lines(runs, "Calibri", 20, 300, spacing=3.0) > count_lines(runs, "Calibri", 20, 300)


def test_cjk_lines_are_measured_as_tall_as_cjk_fonts_set_them() -> None:
    from briefing_builder.compose.fitting import paragraph_height
    from briefing_builder.compose.scripts import WIDE_LINE_EM

    cjk = Paragraph((Run("移民と庇護に関する長期的な欧州戦略"),), bullet=False)
    latin = Paragraph((Run("Migration and asylum strategy"),), bullet=False)
    assert count_lines(cjk.runs, "Calibri", 20, 1000) == count_lines(latin.runs, "Calibri", 20, 1000) == 1
    assert paragraph_height(cjk, "Calibri", 20, 1000, True) == pytest.approx(20 * WIDE_LINE_EM)
    assert paragraph_height(latin, "Calibri", 20, 1000, True) == pytest.approx(20 * font_face("Calibri").line_height_em)

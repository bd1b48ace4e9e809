"""Annex row heights: enough lines for the tallest wrapped cell, one line for short rows."""

from __future__ import annotations

from briefing_builder.annex.plan import ColumnSpec, SheetSpec
from briefing_builder.annex.rows import LINE_PT, MAX_ROW_PT, row_height_pt, with_row_heights
from briefing_builder.markup import Run

NARROW = ColumnSpec("text", "Text", width=20)
WIDE = ColumnSpec("text", "Text", width=200)
NO_WRAP = ColumnSpec("id", "ID", width=5, wrap=False)


def test_short_text_takes_one_line() -> None:
    assert row_height_pt(("Frontex",), (NARROW,)) == LINE_PT


def test_long_text_wraps_in_a_narrow_column_but_not_in_a_wide_one() -> None:
    text = "Adoption and implementation of the Return Regulation and a common European system for return"
    assert row_height_pt((text,), (NARROW,)) > 2 * LINE_PT
    assert row_height_pt((text,), (WIDE,)) == LINE_PT


def test_line_breaks_and_rich_text_count() -> None:
    runs = (Run("Main goals:", bold=True), Run(" one\n– two\n– three"))
    assert row_height_pt((runs,), (WIDE,)) == 3 * LINE_PT


def test_tallest_cell_wins_and_unwrapped_columns_stay_one_line() -> None:
    assert row_height_pt(("x " * 400, "short"), (NO_WRAP, NARROW)) == LINE_PT
    assert row_height_pt(("short", "word " * 60), (NARROW, NARROW)) > 5 * LINE_PT


def test_heights_are_capped_at_excels_maximum() -> None:
    assert row_height_pt(("\n" * 100,), (NARROW,)) == MAX_ROW_PT


def test_every_row_gets_a_height() -> None:
    sheet = with_row_heights(SheetSpec("Measures", "Measures", (NARROW,), (("a",), ("b " * 50,))))
    assert len(sheet.row_heights) == 2 and sheet.row_heights[1] > sheet.row_heights[0]


def test_an_id_is_measured_as_it_wraps_after_its_hyphens() -> None:
    from briefing_builder.annex.rows import row_height_pt

    column = ColumnSpec("id", "ID", 14, kind="id")
    # three lines: frontex- / regulation- / revision
    assert row_height_pt(("frontex-regulation-revision",), (column,)) == 3 * LINE_PT

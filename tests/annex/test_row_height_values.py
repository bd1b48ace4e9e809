"""Annex row heights for every kind of cell value the writer accepts (text, rich text, numbers, dates)."""

from __future__ import annotations

import datetime as dt

from briefing_builder.annex.plan import ColumnSpec
from briefing_builder.annex.rows import LINE_PT, row_height_pt

NARROW = ColumnSpec("text", "Text", width=20)


def test_a_date_cell_takes_one_line() -> None:
    # the writer writes dt.date cells as Excel dates; measuring the row must not read one as text
    assert row_height_pt((dt.date(2026, 12, 1), "short"), (NARROW, NARROW)) == LINE_PT


def test_a_date_beside_a_long_text_leaves_the_text_its_lines() -> None:
    text = "word " * 60
    assert row_height_pt((dt.date(2026, 12, 1), text), (NARROW, NARROW)) == row_height_pt((text,), (NARROW,))

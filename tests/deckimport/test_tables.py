"""deckimport/tables.py: table cells the app made from several fields of one list item, found in the baseline."""

from __future__ import annotations

from briefing_builder.deckimport.tables import table_rows
from briefing_builder.render.deck_provenance import Baseline, Block

HEADER = ("Figure", "Value", "Period", "Source")


def _table(slide: int = 4) -> list[Block]:
    blocks = [Block(f"s{slide}.t.0.{c}", slide, "Tunisia", [(h, 0, "", 0)]) for c, h in enumerate(HEADER)]
    row = [("Arrivals", "tunisia:key_figures.0.label"), ("12 thousand", ""), ("2025", "tunisia:key_figures.0.period"),
           ("Frontex, 2025-06-30", "")]
    blocks += [Block(f"s{slide}.t.1.{c}", slide, "Tunisia", [(text, 0, source, 0)]) for c, (text, source) in
               enumerate(row)]
    return blocks


def test_the_cells_without_a_source_of_their_own_are_found_with_their_row_item_and_header() -> None:
    rows = table_rows(Baseline("pack", _table()))
    assert rows == {"s4.t.1.1": ("tunisia:key_figures.0", "Value"), "s4.t.1.3": ("tunisia:key_figures.0", "Source")}


def test_a_shape_that_is_no_table_and_a_row_of_no_record_are_not_cells_made_from_fields() -> None:
    blocks = [Block("s2.body", 2, "Agenda", [("1. Opening", 0, "", 0)]),
              Block("s5.t.1.0", 5, "Free", [("typed", 0, "", 0)]), Block("s5.t.1.1", 5, "Free", [("x", 0, "", 0)])]
    assert table_rows(Baseline("pack", blocks)) == {}

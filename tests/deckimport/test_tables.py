"""deckimport/tables.py: table cells the app made from several fields of one list item, found in the baseline."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from briefing_builder.cli import main
from briefing_builder.deckimport.compare import read_changes
from briefing_builder.deckimport.tables import figure_value, table_rows
from briefing_builder.render.deck_provenance import Baseline, Block
from briefing_builder.store import load_store
from tests.deckimport.decks import PARTNERS, TUNISIA, libreoffice_resave, store_and_deck

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


def _edit_key_figures(deck: Path, cells: dict[tuple[int, int], str]) -> None:
    """Retype the first run of key-figure cells (row, column) of the first table, as PowerPoint keeps a cell's
    other runs (the italic "(illustrative)") when the number is typed over."""
    prs = Presentation(str(deck))
    table = next(sh for s in prs.slides for sh in s.shapes if sh.has_table).table
    for (row, column), text in cells.items():
        table.cell(row, column).text_frame.paragraphs[0].runs[0].text = text
    prs.save(str(deck))


def test_key_figure_cells_edited_in_the_deck_are_applied_to_their_fields(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path, PARTNERS)
    card = store / TUNISIA
    before = card.read_text(encoding="utf-8")
    _edit_key_figures(deck, {(1, 0): "Illustrative: irregular crossings to the EU (thousands)",
                             (1, 1): "21.5 thousand people", (1, 2): "2025 (Jan–Jun)",
                             (2, 3): "Frontex, 2026-02-01"})
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "Edits: 5 (5 can be applied)" in out, out
    assert "proposal: tunisia · key figure 1 · value (slide 6; tunisia.yaml:29)" in out
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    assert card.read_text(encoding="utf-8") == before.replace(
        '"Illustrative: irregular arrivals to the EU (thousands)"',
        '"Illustrative: irregular crossings to the EU (thousands)"').replace(
        "    value: 20\n", "    value: 21.5\n", 1).replace('period: "2025"', 'period: "2025 (Jan–Jun)"', 1).replace(
        '''    value: 10
    unit: "thousand decisions"
    period: "2025"
    source: "Illustrative placeholder – replace with a sourced figure"
    as_of: 2026-01-12''', '''    value: 10
    unit: "thousand decisions"
    period: "2025"
    source: "Frontex"
    as_of: 2026-02-01''')
    figures = load_store(store).countries["tunisia"].key_figures
    assert (figures[0].value, figures[0].unit, figures[1].source, str(figures[1].as_of)) == (
        21.5, "thousand people", "Frontex", "2026-02-01")
    assert main(["deck", "import", str(deck), "--store", str(store)]) == 0
    assert "Edits: 0 " in capsys.readouterr().out  # the store now says what the deck says


def test_a_key_figure_the_store_changed_since_the_export_is_a_conflict_applied_only_when_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path, PARTNERS)
    card = store / TUNISIA
    card.write_text(card.read_text(encoding="utf-8").replace("    value: 20\n", "    value: 22\n", 1), encoding="utf-8")
    _edit_key_figures(deck, {(1, 1): "21 thousand people"})
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "conflict: tunisia · key figure 1 · value" in out and "store:    22" in out and "deck:     21" in out
    assert "value: 22\n" in card.read_text(encoding="utf-8")  # not applied unasked
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply",
                 "--accept", "tunisia:key_figures.0.value"]) == 0
    assert load_store(store).countries["tunisia"].key_figures[0].value == 21


def test_a_value_retyped_with_another_unit_and_a_source_without_its_date(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path, PARTNERS)
    _edit_key_figures(deck, {(1, 1): "about 20 %", (1, 3): "Frontex"})
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "key figure 1 · unit" in out
    assert "not applied: the date after the source's last comma" in out, out
    figure = load_store(store).countries["tunisia"].key_figures[0]
    assert (figure.value, figure.unit, figure.source) == (
        "about 20", "%", "Illustrative placeholder – replace with a sourced figure")


@pytest.mark.parametrize(("typed", "read"), [
    ("21.5 thousand people", (21.5, "thousand people")), ("12,500 people", (12500, "people")),
    ("21,5 %", (21.5, "%")), ("12 500 people", (12500, "people")), ("1\u202f234\u00a0567", (1234567, None)),
    ("-3", (-3, None)), ("about 20 %", ("about 20", "%")), ("n/a", ("n/a", None))])
def test_a_value_cell_is_read_as_people_type_numbers(typed: str, read: tuple[object, str | None]) -> None:
    assert figure_value(typed) == read


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_after_a_libreoffice_save_key_figure_cells_read_the_same(tmp_path: Path) -> None:
    store, deck = store_and_deck(tmp_path, PARTNERS)
    assert read_changes(libreoffice_resave(deck, tmp_path), load_store(store)).edits == []
    _edit_key_figures(deck, {(1, 1): "21,5 thousand people", (2, 3): "Frontex, 2026-02-01"})
    changes = read_changes(libreoffice_resave(deck, tmp_path / "edited"), load_store(store))
    assert [(e.field, e.value, e.applicable) for e in changes.edits] == [
        ("key_figures.0.value", 21.5, True), ("key_figures.1.source", "Frontex", True),
        ("key_figures.1.as_of", dt.date(2026, 2, 1), True)]


def test_a_period_set_to_the_dash_removes_it_and_an_emptied_value_cell_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, deck = store_and_deck(tmp_path, PARTNERS)
    prs = Presentation(str(deck))
    table = next(sh for s in prs.slides for sh in s.shapes if sh.has_table).table
    for run in table.cell(1, 1).text_frame.paragraphs[0].runs:
        run.text = ""
    table.cell(2, 2).text_frame.paragraphs[0].runs[0].text = "—"
    prs.save(str(deck))
    changes = read_changes(deck, load_store(store))
    assert [(e.field, e.value, e.applicable) for e in changes.edits] == [
        ("key_figures.0.value", "", False), ("key_figures.1.period", None, True)]
    assert main(["deck", "import", str(deck), "--store", str(store), "--apply"]) == 0
    figures = load_store(store).countries["tunisia"].key_figures
    assert (figures[0].value, figures[0].unit, figures[1].period) == (20, "thousand people", None)

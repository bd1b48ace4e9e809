"""The deck import's choices played on the real app (see :mod:`tests.realdisplay.scenarios`).

A counsellor's decks, edited as in PowerPoint: the reference deck with slide 8 duplicated and its
measure reworded differently on each copy, a sub-point moved to the top and the title slide's
date retyped; the partners deck with a key figure's value retyped. Each is imported with
Ctrl+Shift+G; the review's rows are ticked with the keyboard (Space on the selected row), the
accepted edits applied, and the store must hold exactly them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.realdisplay.driver import Driver, ScenarioFailed
from tests.realdisplay.scenarios import PACK, _answer, _pick_file, _started

PARTNERS = "strategy-partners-briefing"


def _decks(workdir: Path) -> tuple[Path, Path]:
    """The two decks, exported from the store the app has open and edited as a counsellor does."""
    from pptx import Presentation

    from briefing_builder.pipeline import build_pack
    from briefing_builder.store import load_store
    from tests.deckimport.decks import copies_edited_differently

    catalog = load_store(workdir / "store")
    reference = build_pack(catalog.packs[PACK], catalog, workdir / "out", annex=False).deck
    copies_edited_differently(reference)
    prs = Presentation(str(reference))
    body = next(s for s in prs.slides[4].shapes if s.has_text_frame and "Screening" in s.text_frame.text)
    paragraphs = body.text_frame.paragraphs
    third = next(p for p in paragraphs if p.text.startswith("New Pact provisions"))
    next(p for p in paragraphs if p.text.startswith("Full roll-out"))._p.addprevious(third._p)
    subtitle = next(s for s in prs.slides[0].shapes if s.name.startswith("Subtitle"))
    subtitle.text_frame.paragraphs[0].runs[0].text = "JHA Counsellors, 19 January 2026"
    prs.save(str(reference))
    partners = build_pack(catalog.packs[PARTNERS], catalog, workdir / "out", annex=False).deck
    prs = Presentation(str(partners))
    table = next(sh for s in prs.slides for sh in s.shapes if sh.has_table).table
    table.cell(1, 1).text_frame.paragraphs[0].runs[0].text = "21.5 thousand people"
    prs.save(str(partners))
    return reference, partners


def _tick(d: Driver, tree: Any, item: Any) -> Iterator[Any]:
    """Select ``item`` in ``tree`` and press Space, as a keyboard user ticks a row."""
    yield tree.setFocus
    yield ("wait", "the list to have the focus", tree.hasFocus)
    yield lambda: tree.setCurrentItem(item)
    yield d.key("Space")


def _tick_and_apply(d: Driver, review: Any, tree: Any, item: Any, picture: str) -> Iterator[Any]:
    """Tick ``item`` (with Space), keep a picture of the review, then Apply and confirm."""
    from PySide6.QtCore import Qt

    yield from _tick(d, tree, item)
    yield ("wait", "the row ticked", lambda: item.checkState(0) == Qt.CheckState.Checked)
    yield lambda: review.grab().save(str(d.workdir / picture))
    yield lambda: d.click(review.apply_button)
    yield from _answer(d, "Apply accepted edits?", "Apply")


def _review(d: Driver, deck: Path) -> Iterator[Any]:
    from briefing_builder.ui.deck_import import DeckImportReview

    yield d.key("Ctrl+Shift+G")
    yield from _pick_file(d, deck, "deck import")
    review = yield ("wait", "the deck review", lambda: d.dialog(DeckImportReview, "Import edits from a deck"))
    yield ("wait", "the review laid out", lambda: review.isVisible() and review.width() > 0)
    return review


def deck_import_choices(d: Driver) -> Iterator[Any]:
    """Take one of two copies, a move and the subtitle's date; then a key figure; the store says exactly that."""
    from PySide6.QtCore import Qt

    yield from _started(d)
    reference, partners = _decks(d.workdir)
    review = yield from _review(d, reference)
    rows = {(edit.record_id, edit.where, edit.column): item for item, edit in review.items}
    d.note(f"rows: {sorted(rows)}")
    copy8 = rows.get(("global-race-for-talent", "slide 8", "text"))
    copy11 = rows.get(("global-race-for-talent", "slide 11", "text"))
    move = rows.get(("control-of-access", "slide 5", "sub-points: sub-point 3 moved to 1"))
    if copy8 is None or copy11 is None or move is None:
        raise ScenarioFailed(f"the review does not offer both copies and the move: {sorted(rows)}")
    yield lambda: d.click(review.accept_all)
    if copy8.checkState(0) == Qt.CheckState.Checked or copy11.checkState(0) == Qt.CheckState.Checked:
        raise ScenarioFailed("Accept all took a copy's text")
    yield from _tick(d, review.edits, copy11)
    yield ("wait", "slide 11's copy ticked", lambda: copy11.checkState(0) == Qt.CheckState.Checked)
    yield from _tick(d, review.edits, copy8)
    yield ("wait", "slide 8's copy ticked and 11's unticked", lambda: copy8.checkState(0) == Qt.CheckState.Checked
           and copy11.checkState(0) == Qt.CheckState.Unchecked)
    if move.checkState(0) != Qt.CheckState.Checked:
        raise ScenarioFailed("Accept all did not tick the move")
    yield lambda: review.grab().save(str(d.workdir / "review-edits.png"))
    yield lambda: review.tabs.setCurrentIndex(1)
    date = next((item for item, change in review.structure_items if change.ref == "pack:meeting:date"), None)
    if date is None:
        raise ScenarioFailed(f"the subtitle's date is not offered: {[c.ref for _i, c in review.structure_items]}")
    yield from _tick_and_apply(d, review, review.structure, date, "review-records.png")
    store = d.workdir / "store"
    yield ("wait", "the edits in the store", lambda: "most attractive spot" in
           (store / "areas" / "05-labour-mobility-legal-pathways.yaml").read_text(encoding="utf-8"))
    from briefing_builder.store import load_store

    catalog = load_store(store)
    points = next(m for m in catalog.areas["strong-borders"].measures if m.id == "control-of-access").sub_points
    if not str(points[0].text).startswith("New Pact provisions") or catalog.packs[PACK].meeting.date != \
            dt.date(2026, 1, 19):
        raise ScenarioFailed(f"the move or the date was not applied: {points}, {catalog.packs[PACK].meeting.date}")
    review = yield from _review(d, partners)
    value = next((item for item, edit in review.items if edit.field == "key_figures.0.value"), None)
    if value is None:
        raise ScenarioFailed(f"the key figure is not offered: {[(e.record_id, e.field) for _i, e in review.items]}")
    yield from _tick_and_apply(d, review, review.edits, value, "review-key-figure.png")
    yield ("wait", "the key figure in the store", lambda: "value: 21.5" in
           (store / "countries" / "tunisia.yaml").read_text(encoding="utf-8"))
    d.note("store edited; quitting")
    d.finish()
    yield d.key("Ctrl+Q")


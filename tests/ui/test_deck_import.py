"""File → "Import edits from a deck…": review a deck's edits; only accepted ones are written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store
from briefing_builder.ui import dialogs
from briefing_builder.ui.deck_import import DeckImportReview
from tests.deckimport.decks import copies_edited_differently

PACK = "jha-counsellors-2026-01-12"
AREA = Path("areas") / "05-labour-mobility-legal-pathways.yaml"


def edited_deck(store: Path, out: Path) -> Path:
    """The pack's deck, with one measure reworded, one bullet deleted and a new text box."""
    catalog = load_store(store)
    deck = build_pack(catalog.packs[PACK], catalog, out, annex=False).deck
    prs = Presentation(str(deck))
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("5."))
    for shape in slide.shapes:
        for p in shape.text_frame.paragraphs if shape.has_text_frame else []:
            text = "".join(r.text for r in p.runs)
            if "global race" in text:
                p.runs[0].text = p.runs[0].text.replace("most attractive place", "most attractive destination")
            if text.startswith("Tackle"):
                p._p.getparent().remove(p._p)
    box = slide.shapes.add_textbox(0, 0, 100, 100)
    box.text_frame.text = "Ask the Presidency about the timetable."
    prs.save(str(deck))
    return deck


def _import(window: Any, deck: Path, review: Callable[[object, DeckImportReview], bool], qtbot: Any,
            monkeypatch: pytest.MonkeyPatch) -> None:
    """File → Import edits from a deck… on ``deck``, ``review`` playing the user in the review, every
    confirmation answered yes; returns when the import's task has finished."""
    monkeypatch.setattr(dialogs, "run_form", review)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK": True)
    monkeypatch.setattr(dialogs, "deck_file", lambda parent, folder, caption: deck)
    window.deck_import.action.trigger()
    runner = window.deck_import.runner
    if runner.running:
        with qtbot.waitSignal(runner.finished, timeout=60_000):
            pass


def test_deck_import_through_the_app(open_window: Any, store_copy: Path, tmp_path: Path, qtbot: Any,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    deck = edited_deck(store_copy, tmp_path / "out")
    window = open_window(store_copy)
    seen: dict[str, Any] = {}

    def review(parent: object, dialog: DeckImportReview) -> bool:
        seen["edits"] = [(e.record_id, e.column) for _item, e in dialog.items]
        seen["tabs"] = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        seen["deleted"] = [dialog.deleted.item(i).text() for i in range(dialog.deleted.count())]
        seen["new"] = [dialog.new_content.item(i).text() for i in range(dialog.new_content.count())]
        seen["structure"] = [(c.kind.value, c.text) for _item, c in dialog.structure_items]
        assert not dialog.apply_button.isEnabled()  # nothing accepted by default
        dialog.set_all(True)
        assert dialog.accepted_structure() == []  # "Accept all" adds and removes no record
        dialog.set_accepted(0, True)
        dialog.set_structure_accepted(1, True)  # the new text box, as a new measure; the removal left
        assert dialog.apply_button.text() == "&Apply accepted (2)"
        return True
    before = (store_copy / AREA).read_text(encoding="utf-8")
    _import(window, deck, review, qtbot, monkeypatch)
    assert seen["edits"] == [("global-race-for-talent", "text")]
    assert seen["tabs"] == ["&Edits (1) and conflicts (0)", "&New and removed records (2)", "&Deleted or moved (0)",
                            "&Other new text (0)"]
    assert [kind for kind, _text in seen["structure"]] == ["remove measure", "new measure"]
    assert seen["structure"][1][1] == "Ask the Presidency about the timetable."
    after = (store_copy / AREA).read_text(encoding="utf-8")
    assert after.startswith(before.replace("most attractive place", "most attractive destination"))  # bullet kept
    assert after.endswith('  - id: ask-the-presidency-about-the\n    text: "Ask the Presidency about the timetable."\n')
    stack = window.library_actions.editor.undo_stack
    assert stack.count() == 1
    stack.undo()  # the whole import is one step
    assert (store_copy / AREA).read_text(encoding="utf-8") == before


def test_a_conflict_can_be_seen_in_full_ticked_and_applied_in_the_app(
        open_window: Any, store_copy: Path, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = load_store(store_copy)
    deck = build_pack(catalog.packs[PACK], catalog, tmp_path / "out", annex=False).deck
    prs = Presentation(str(deck))
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("5."))
    paragraph = next(p for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs
                     if "global race" in "".join(r.text for r in p.runs))
    paragraph.runs[0].text = paragraph.runs[0].text.replace("most attractive place", "best place")
    prs.save(str(deck))
    text = (store_copy / AREA).read_text(encoding="utf-8")  # the store changed the same measure since
    (store_copy / AREA).write_text(text.replace("Ambition to become the most", "Ambition to be the most"),
                                   encoding="utf-8")
    window = open_window(store_copy)
    seen: dict[str, object] = {}

    def review(parent: object, dialog: DeckImportReview) -> bool:
        (item, edit), = dialog.items
        seen["kind"], seen["enabled"] = edit.kind.value, not item.isDisabled()
        dialog.edits.setCurrentItem(item)
        seen["detail"] = dialog.detail.toPlainText()
        dialog.set_accepted(0, True)
        seen["button"] = dialog.apply_button.text()
        return True
    _import(window, deck, review, qtbot, monkeypatch)
    assert (seen["kind"], seen["enabled"], seen["button"]) == ("conflict", True, "&Apply accepted (1)")
    assert ("deck:     Ambition to become the best place in the global race for talent (attract and retain). "
            "Labour mobility as part of") in str(seen["detail"])  # the whole deck text, not cut
    assert "Ambition to become the best place" in (store_copy / AREA).read_text(encoding="utf-8")


def test_copies_edited_differently_let_the_user_tick_one_copy(
        open_window: Any, store_copy: Path, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = load_store(store_copy)
    deck = build_pack(catalog.packs[PACK], catalog, tmp_path / "out", annex=False).deck
    copies_edited_differently(deck)
    window = open_window(store_copy)
    seen: dict[str, object] = {}

    def review(parent: object, dialog: DeckImportReview) -> bool:
        seen["rows"] = [(e.record_id, e.where) for _item, e in dialog.items]
        dialog.set_all(True)
        seen["after accept all"] = len(dialog.accepted_changes())
        dialog.set_accepted(1, True)
        dialog.set_accepted(0, True)  # the other copy ticked: the first is unticked
        seen["ticked"] = [e.where for e in dialog.accepted_changes()]
        dialog.edits.setCurrentItem(dialog.items[0][0])
        seen["detail"] = dialog.detail.toPlainText()
        return True
    _import(window, deck, review, qtbot, monkeypatch)
    assert seen["rows"] == [("global-race-for-talent", "slide 8"), ("global-race-for-talent", "slide 11")]
    assert seen["after accept all"] == 0 and seen["ticked"] == ["slide 8"]
    assert "Copies of this text were edited differently (slide 8, slide 11)" in str(seen["detail"])
    assert "most attractive spot" in (store_copy / AREA).read_text(encoding="utf-8")


def _subtitle_retyped(store: Path, out: Path) -> Path:
    """The pack's deck with the title slide's date retyped (19 January)."""
    catalog = load_store(store)
    deck = build_pack(catalog.packs[PACK], catalog, out, annex=False).deck
    prs = Presentation(str(deck))
    subtitle = next(s for s in prs.slides[0].shapes if s.name.startswith("Subtitle"))
    subtitle.text_frame.paragraphs[0].runs[0].text = "JHA Counsellors, 19 January 2026"
    prs.save(str(deck))
    return deck


@pytest.mark.parametrize("unsaved", [False, True])
def test_a_meeting_field_taken_from_the_deck_reaches_the_open_pack(
        open_window: Any, store_copy: Path, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
        unsaved: bool) -> None:
    deck = _subtitle_retyped(store_copy, tmp_path / "out")
    window = open_window(store_copy)
    window.documents.open(store_copy / "packs" / f"{PACK}.yaml")
    assert window.editor.pack.id == PACK
    if unsaved:  # an edit of the open pack not saved yet: neither it nor the deck's date may be lost
        window.editor.set_meeting_field("venue", "Brussels")

    def review(parent: object, dialog: DeckImportReview) -> bool:
        dialog.set_structure_accepted(next(i for i, (_item, c) in enumerate(dialog.structure_items)
                                           if c.ref == "pack:meeting:date"), True)
        return True
    _import(window, deck, review, qtbot, monkeypatch)
    meeting = window.editor.pack.meeting
    assert meeting.date == dt.date(2026, 1, 19)
    assert meeting.venue == ("Brussels" if unsaved else None)
    assert window.editor.undo_stack.isClean() is not unsaved
    assert load_store(store_copy).packs[PACK].meeting.date == dt.date(2026, 1, 19)

"""File → "Import edits from a deck…": review a deck's edits; only accepted ones are written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store
from briefing_builder.ui import dialogs
from briefing_builder.ui.deck_import import DeckImportReview

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
    monkeypatch.setattr(dialogs, "run_form", review)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK": True)
    monkeypatch.setattr(dialogs, "deck_file", lambda parent, folder, caption: deck)
    before = (store_copy / AREA).read_text(encoding="utf-8")
    window.deck_import.action.trigger()
    runner = window.deck_import.runner
    if runner.running:
        with qtbot.waitSignal(runner.finished, timeout=60_000):
            pass
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
    monkeypatch.setattr(dialogs, "run_form", review)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK": True)
    monkeypatch.setattr(dialogs, "deck_file", lambda parent, folder, caption: deck)
    window.deck_import.action.trigger()
    runner = window.deck_import.runner
    if runner.running:
        with qtbot.waitSignal(runner.finished, timeout=60_000):
            pass
    assert (seen["kind"], seen["enabled"], seen["button"]) == ("conflict", True, "&Apply accepted (1)")
    assert ("deck:     Ambition to become the best place in the global race for talent (attract and retain). "
            "Labour mobility as part of") in str(seen["detail"])  # the whole deck text, not cut
    assert "Ambition to become the best place" in (store_copy / AREA).read_text(encoding="utf-8")

"""File operations on the open pack: Save as gives a copy its own id, so the store keeps loading."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from briefing_builder.store import load_store
from briefing_builder.ui import dialogs

if TYPE_CHECKING:
    from tests.ui.conftest import OpenWindow

FRENCH = "jha-counsellors-2026-01-12-fr"


def test_save_as_gives_the_copy_its_own_id_and_the_original_still_loads(
        open_window: OpenWindow, store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    original = store_copy / "packs" / f"{FRENCH}.yaml"
    before = original.read_text(encoding="utf-8")
    assert window.documents.open(original)
    window.inspector.meeting.venue.setText("Bruxelles")
    window.inspector.meeting.venue.editingFinished.emit()
    copy = store_copy / "packs" / "dup-test-fr.yaml"
    monkeypatch.setattr(dialogs, "save_pack_path", lambda parent, suggested: copy)
    assert window.documents.save_as()
    catalog = load_store(store_copy)
    assert catalog.diagnostics == []  # no "duplicate id": both packs load
    assert catalog.packs["dup-test-fr"].meeting.venue == "Bruxelles"
    assert catalog.pack_path(FRENCH).resolve() == original.resolve()
    assert original.read_text(encoding="utf-8") == before  # the original file is untouched
    assert window.editor.document.path == copy and window.editor.pack.id == "dup-test-fr"  # the app works on the copy
    assert not window.isWindowModified() and "dup-test-fr.yaml" in window.windowTitle()
    assert "dup-test-fr" in window.statusBar().currentMessage()
    window.watcher.reload()

    window.undo_action.trigger()  # back before the new id: the copy's file differs again
    assert window.isWindowModified() and window.editor.pack.id == FRENCH
    assert window.documents.save()  # saving it again must not bring the duplicate back
    assert load_store(store_copy).diagnostics == []
    assert window.editor.pack.id != FRENCH


def test_save_as_a_name_another_pack_has_makes_the_id_unique(
        open_window: OpenWindow, store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(store_copy)
    assert window.documents.open(store_copy / "packs" / f"{FRENCH}.yaml")
    elsewhere = store_copy / "packs" / "sub" / "jha-counsellors-2026-01-12.yaml"
    elsewhere.parent.mkdir()
    monkeypatch.setattr(dialogs, "save_pack_path", lambda parent, suggested: elsewhere)
    assert window.documents.save_as()
    assert window.editor.pack.id == "jha-counsellors-2026-01-12-2"
    assert load_store(store_copy).diagnostics == []

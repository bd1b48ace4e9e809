"""Save, Quit and store reloads take the text still being typed in a focused field (no Tab first)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from pytestqt.qtbot import QtBot

from briefing_builder.ui import dialogs
from briefing_builder.ui.pending_edit import commit_pending_edit

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow
    from tests.ui.conftest import OpenWindow

VENUE = "Bruxelles, Justus Lipsius"


def _type_in_venue(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    venue = window.inspector.meeting.venue
    venue.setFocus()
    qtbot.waitUntil(venue.hasFocus)
    qtbot.keyClicks(venue, VENUE)
    assert window.editor.pack.meeting.venue != VENUE  # not committed yet: still being typed


def test_quit_asks_about_a_field_still_being_typed(window: MainWindow, qtbot: QtBot,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _type_in_venue(window, qtbot)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_changes",
                        lambda parent, name: asked.append(name) or dialogs.SaveChoice.CANCEL)
    assert not window.close() and window.isVisible()
    assert asked and window.editor.pack.meeting.venue == VENUE
    assert window.inspector.meeting.venue.text() == VENUE and window.inspector.meeting.venue.hasFocus()


def test_save_writes_a_field_still_being_typed(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _type_in_venue(window, qtbot)
    target = tmp_path / "pack.yaml"
    monkeypatch.setattr(dialogs, "save_pack_path", lambda parent, suggested: target)
    window.menus.save_action.trigger()  # Ctrl+S and the toolbar button
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["meeting"]["venue"] == VENUE
    assert window.inspector.meeting.venue.text() == VENUE and not window.isWindowModified()


def test_a_store_reload_keeps_a_field_still_being_typed(open_window: OpenWindow, store_copy: Path,
                                                        qtbot: QtBot) -> None:
    window = open_window(store_copy)
    _type_in_venue(window, qtbot)
    window.load_store(store_copy)
    assert window.editor.pack.meeting.venue == VENUE and window.inspector.meeting.venue.text() == VENUE


def test_nothing_happens_when_the_focus_is_outside_the_window(window: MainWindow) -> None:
    start = window.editor.pack
    window.inspector.meeting.venue.setText(VENUE)  # typed but not focused: not this window's pending edit
    window.outline.view.clearFocus()
    commit_pending_edit(window.inspector.meeting.venue)  # a window the focus is not in
    assert window.editor.pack == start

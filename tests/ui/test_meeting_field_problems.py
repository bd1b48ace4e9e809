"""A meeting field whose typed text is not used (an invalid date) is listed and blocks the export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from briefing_builder.ui import dialogs

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


def test_an_invalid_typed_date_is_listed_and_the_export_refused(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    errors: list[tuple[str, str]] = []
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append((title, message)))
    monkeypatch.setattr(dialogs, "output_folder", lambda *args: asked.append("folder") or tmp_path)
    monkeypatch.setattr(dialogs, "confirm", lambda *args: asked.append("confirm") or True)
    before = window.editor.pack.meeting.date
    field = window.inspector.meeting.date.edit
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "nonsense")  # no Enter, no Tab: the user presses Ctrl+E straight away
    window.export()
    assert asked == [] and not window.exporter.running, "the export went ahead with the last valid date"
    assert errors and "Meeting date" in errors[0][1] and "nonsense" in errors[0][1]
    assert "4 March 2026" in errors[0][1] and "Nothing was exported" in errors[0][1]
    assert window.editor.pack.meeting.date == before
    listed = [f.message for f in window.preflight.findings if f.kind == "invalid-field"]
    assert listed and "Meeting date" in listed[0] and "nonsense" in listed[0]

    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "4 March 2026")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert not [f for f in window.preflight.findings if f.kind == "invalid-field"]
    assert str(window.editor.pack.meeting.date) == "2026-03-04"

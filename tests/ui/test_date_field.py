"""Typing the meeting date in the inspector, as a person does."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


def _type(window, qtbot: QtBot, text: str, select_all: bool = True) -> None:  # noqa: ANN001
    field = window.inspector.meeting.date
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.panels.reveal(window.inspector)
    field.edit.setFocus()
    qtbot.waitUntil(field.edit.hasFocus)
    qtbot.wait(20)  # a person does not type within the same millisecond
    if select_all:
        QTest.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field.edit, text)
    QTest.keyClick(field.edit, Qt.Key.Key_Return)


@pytest.mark.parametrize("text", ["4 March 2026", "04/03/2026", "2026-03-04"])
def test_a_whole_typed_date_is_taken(window: MainWindow, qtbot: QtBot, text: str) -> None:
    _type(window, qtbot, text)
    assert window.editor.pack.meeting.date == dt.date(2026, 3, 4)
    assert window.inspector.meeting.date.edit.text() == "4 March 2026"
    window.editor.undo_stack.undo()
    assert window.editor.pack.meeting.date == dt.date(2026, 1, 12)


def test_entering_the_field_selects_the_date_so_typing_replaces_it(window: MainWindow, qtbot: QtBot) -> None:
    _type(window, qtbot, "3 March 2026", select_all=False)
    assert window.editor.pack.meeting.date == dt.date(2026, 3, 3)


def test_text_that_is_not_a_date_is_kept_marked_and_changes_nothing(window: MainWindow, qtbot: QtBot) -> None:
    _type(window, qtbot, "31/02/2026")
    field = window.inspector.meeting.date
    assert window.editor.pack.meeting.date == dt.date(2026, 1, 12)
    assert field.edit.text() == "31/02/2026" and "not a date" in (field.problem or "")
    assert "31/02/2026" in field.edit.toolTip()


def test_the_calendar_still_sets_the_date(window: MainWindow) -> None:
    window.inspector.meeting.date.calendar.clicked.emit(QDate(2026, 6, 12))
    assert window.editor.pack.meeting.date == dt.date(2026, 6, 12)


def test_a_french_pack_takes_a_date_typed_the_french_way(window: MainWindow, qtbot: QtBot) -> None:
    window.editor.set_meeting_field("language", "fr")
    _type(window, qtbot, "4 mars 2026")
    field = window.inspector.meeting.date
    assert field.problem is None and window.editor.pack.meeting.date == dt.date(2026, 3, 4)
    assert "4 mars 2026" in field.edit.toolTip()
    assert field.edit.text() == "4 mars 2026"  # shown the way the French deck writes it, not "4 March 2026"


def test_a_french_pack_shows_its_date_in_french_and_english_again_when_switched_back(
        window: MainWindow, qtbot: QtBot) -> None:
    field = window.inspector.meeting.date
    window.editor.set_meeting_field("language", "fr")
    assert field.edit.text() == "12 janvier 2026" and field.edit.placeholderText() == "4 mars 2026"
    window.editor.set_meeting_field("language", "en")
    assert field.edit.text() == "12 January 2026"

"""Every window shortcut fires from each kind of focused widget (a line edit, a date edit, a tree)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from briefing_builder.ui.shortcuts import text_field_keys, window_actions

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


class ShortcutSpy(QObject):
    """Records which actions got a shortcut event, and swallows it (no dialog opens)."""

    def __init__(self, actions: list[QAction]) -> None:
        super().__init__()
        self.fired: list[str] = []
        for action in actions:
            action.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Shortcut:
            self.fired.append(watched.text())
            return True
        return False


FOCUS = {
    "search box (QLineEdit)": lambda w: w.library.search,
    "meeting date (date field)": lambda w: w.inspector.meeting.date,
    "library (QTreeView)": lambda w: w.library.current_view(),
}


def test_the_search_box_or_the_outline_has_the_focus_at_start(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()  # what a window manager does (Xvfb has none)
    qtbot.waitUntil(window.isActiveWindow)
    start = window.library.search if window.library.isVisible() else window.outline.view
    assert window.focusWidget() is start


@pytest.mark.parametrize("where", sorted(FOCUS))
def test_every_window_shortcut_fires_from_a_focused_widget(window: MainWindow, qtbot: QtBot, where: str) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    target = FOCUS[where](window)
    actions = window_actions(window)
    assert len(actions) >= 25, [a.text() for a in actions]
    keep = text_field_keys() if "Tree" not in where else set()
    spy = ShortcutSpy(actions)
    missed = []
    for action in actions:
        if not action.isEnabled():
            action.setEnabled(True)
        sequence = action.shortcut()
        combo = sequence[0]
        if combo.toCombined() in keep:
            continue  # undo/redo/copy… belong to the text field while it has the focus
        target.setFocus()
        qtbot.waitUntil(lambda: target.hasFocus() or target.isAncestorOf(window.focusWidget()), timeout=1000)
        spy.fired.clear()
        QTest.keyClick(window.focusWidget(), combo.key(), combo.keyboardModifiers())
        if spy.fired != [action.text()]:
            missed.append(f"{sequence.toString(QKeySequence.SequenceFormat.PortableText)} ({action.text()}): "
                          f"{spy.fired}")
    assert not missed, f"from the {where}: " + "; ".join(missed)

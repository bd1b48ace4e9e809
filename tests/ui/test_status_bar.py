"""The status bar at any width: labels elided cleanly, never overlapping; messages get the room."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


def _labels(window) -> list[QWidget]:  # noqa: ANN001
    return [window.store_label, window.counts_label, window.problems_button]


def test_status_labels_elide_and_do_not_overlap_in_a_narrow_window(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(window.minimumSizeHint().width(), 600)
    qtbot.waitUntil(lambda: window.width() <= window.minimumSizeHint().width() + 1)
    QApplication.processEvents()
    visible = [w for w in _labels(window) if w.isVisible()]
    for widget in visible:
        text = widget.text()
        shown = getattr(widget, "shown_text", widget.text)()
        room = widget.contentsRect().width()
        assert widget.fontMetrics().horizontalAdvance(shown) <= room, f"{text!r} is cut at {room} px"
        assert shown == text or shown.endswith("…"), f"{text!r} shortened without an ellipsis: {shown!r}"
    for first, second in itertools.pairwise(visible):
        assert first.geometry().right() < second.geometry().left(), "status labels run into each other"
    assert window.statusBar().geometry().right() <= window.rect().right()


def test_a_status_message_gets_the_room_to_be_read(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1100, 700)
    QApplication.processEvents()
    message = "Undid “Edit priority area return-readmission”: 04-return-readmission.yaml restored."
    window.statusBar().showMessage(message, 10_000)
    QApplication.processEvents()
    room = min(w.geometry().left() for w in _labels(window) if w.isVisible())
    assert room >= window.fontMetrics().horizontalAdvance(message), f"the message has {room} px"

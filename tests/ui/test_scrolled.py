"""A pane in a scroll area asks for little room: its content scrolls instead of growing the window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from briefing_builder.ui.scrolled import scrolled


def test_a_tall_pane_in_a_scroll_area_needs_only_a_few_lines(qtbot: QtBot) -> None:
    body = QWidget()
    column = QVBoxLayout(body)
    for n in range(30):
        column.addWidget(QLabel(f"line {n}"))
    tall = body.minimumSizeHint().height()
    scroll = scrolled(body)
    qtbot.addWidget(scroll)
    assert scroll.minimumSizeHint().height() < tall / 3
    assert scroll.widget() is body and scroll.widgetResizable() and scroll.frameShape() == scroll.Shape.NoFrame
    assert scrolled(QWidget(), frame=True).frameShape() != scroll.Shape.NoFrame

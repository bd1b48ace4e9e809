"""A widget in a frameless scroll area: a pane that may get less room than its content needs.

Docks and forms put their body in one, so that their *minimum* is a few lines, not the whole
content: on a small screen at a large scale (1280×720 at 200 %: 640×360 points) the main
window's minimum height is the sum of its stacked docks' minimums, and it must still fit the
screen, title bar included. The content scrolls instead of pushing the window off the screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget


def scrolled(widget: QWidget, frame: bool = False) -> QScrollArea:
    """``widget`` in a resizable scroll area (without a frame unless ``frame``)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    if not frame:
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(widget)
    return scroll

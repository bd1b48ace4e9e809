"""A one-line label that shortens its text with an ellipsis when it gets too little room.

``QLabel`` cuts a long text at its edge (no "…"), and its size hint keeps a status bar from
shrinking; :class:`ElidedLabel` paints the text elided at its right end, shows the whole text
as its tooltip while shortened, and asks for only a few characters as its minimum width.
``text()`` stays the whole text.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MINIMUM_CHARS = 8


class ElidedLabel(QLabel):
    """A single-line ``QLabel`` elided on the right (see the module docstring)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.detail = ""

    def set_detail(self, detail: str) -> None:
        """The tooltip while the text is shown whole (while shortened, the tooltip is the whole text)."""
        self.detail = detail

    def shown_text(self) -> str:
        """The text as painted at the current width (elided with "…" when it does not fit)."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API name
        """A few characters wide: the status bar may shrink it, the ellipsis says there is more."""
        return QSize(self.fontMetrics().averageCharWidth() * MINIMUM_CHARS, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API name
        """Paint the elided text; the tooltip carries the whole text while it is shortened."""
        shown = self.shown_text()
        self.setToolTip(self.text() if shown != self.text() else self.detail)
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)

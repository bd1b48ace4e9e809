"""The library, the pack outline and the inspector, arranged for the space there is.

Wide (the central area at least :data:`WIDE_EM` average characters): three panes side by
side in a splitter. Medium: the library and the outline share a tab widget, the inspector
stays beside them (dragging a record over the "Pack outline" tab opens it, so drag and drop
still works). Narrow: one tab each. The mode follows the width, with a margin so that it does
not flicker at a boundary; the widgets themselves are only moved, never rebuilt.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QStackedLayout, QTabWidget, QWidget

WIDE_EM = 128
MEDIUM_EM = 80
MARGIN_EM = 4


class Arrangement(Enum):
    """How the three panels are shown."""

    WIDE = "three panes"
    MEDIUM = "library and outline as tabs, inspector beside"
    NARROW = "one tab each"


def arrangement_for(width_em: float, current: Arrangement | None = None) -> Arrangement:
    """The arrangement for a central area ``width_em`` characters wide (keeping ``current`` near a boundary)."""
    def plain(width: float) -> Arrangement:
        if width >= WIDE_EM:
            return Arrangement.WIDE
        return Arrangement.MEDIUM if width >= MEDIUM_EM else Arrangement.NARROW

    wanted = plain(width_em)
    if current is None or wanted is current:
        return wanted
    if plain(width_em + MARGIN_EM) is current or plain(width_em - MARGIN_EM) is current:
        return current
    return wanted


class ResponsivePanels(QWidget):
    """Holds the three panels; ``splitter`` is the wide arrangement (its state is saved)."""

    arrangementChanged = Signal(object)

    def __init__(self, library: QWidget, outline: QWidget, inspector: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panels = ((library, "&Library"), (outline, "Pack &outline"), (inspector, "&Inspector"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.medium = QSplitter(Qt.Orientation.Horizontal)
        self.medium.setObjectName("medium-splitter")
        self.medium.setChildrenCollapsible(False)
        self.medium_tabs = self._tabs("Library and pack outline")
        self.medium.addWidget(self.medium_tabs)
        self.narrow_tabs = self._tabs("Library, pack outline and inspector")
        self._stack = QStackedLayout(self)
        for page in (self.splitter, self.medium, self.narrow_tabs):
            self._stack.addWidget(page)
        self.arrangement: Arrangement | None = None
        self.arrange(Arrangement.WIDE)

    @staticmethod
    def _tabs(name: str) -> QTabWidget:
        tabs = QTabWidget()
        tabs.setAccessibleName(name)
        tabs.setDocumentMode(True)
        tabs.tabBar().setChangeCurrentOnDrag(True)  # drag a record onto "Pack outline" to drop it there
        return tabs

    def arrange(self, arrangement: Arrangement) -> None:
        """Move the panels into ``arrangement`` (nothing happens when it is the current one)."""
        if arrangement is self.arrangement:
            return
        focus = self.focusWidget()
        (_library, _), (outline, _), (inspector, _) = self.panels
        if arrangement is Arrangement.WIDE:
            for index, (panel, _label) in enumerate(self.panels):
                self.splitter.insertWidget(index, panel)
                panel.show()  # a panel taken from a tab widget comes hidden
            for index, stretch in enumerate((5, 4, 4)):
                self.splitter.setStretchFactor(index, stretch)
            self._stack.setCurrentWidget(self.splitter)
        elif arrangement is Arrangement.MEDIUM:
            self.medium_tabs.clear()
            for panel, label in self.panels[:2]:
                self.medium_tabs.addTab(panel, label.replace("&", ""))
            self.medium_tabs.setCurrentWidget(outline)
            self.medium.insertWidget(1, inspector)
            inspector.show()
            self.medium.setStretchFactor(0, 1)
            self.medium.setStretchFactor(1, 1)
            self._stack.setCurrentWidget(self.medium)
        else:
            self.narrow_tabs.clear()
            for panel, label in self.panels:
                self.narrow_tabs.addTab(panel, label.replace("&", ""))
            self.narrow_tabs.setCurrentWidget(outline)
            self._stack.setCurrentWidget(self.narrow_tabs)
        self.arrangement = arrangement
        if focus is not None:
            focus.setFocus()
        self.arrangementChanged.emit(arrangement)

    def reveal(self, panel: QWidget) -> None:
        """Bring ``panel`` to the front when it shares a tab widget (e.g. before giving it the focus)."""
        for tabs in (self.medium_tabs, self.narrow_tabs):
            if tabs.indexOf(panel) >= 0:
                tabs.setCurrentWidget(panel)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API name
        """Re-arrange for the new width."""
        super().resizeEvent(event)
        em = max(1, self.fontMetrics().averageCharWidth())
        self.arrange(arrangement_for(event.size().width() / em, self.arrangement))

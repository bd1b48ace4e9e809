"""The main window's layout: as laid out on a first start, and as the user left it.

:class:`WindowLayout` sizes the panels and docks for the screen on a first start (most of the
screen, the preview about two fifths of the width), and saves and restores the window's
geometry, its docks and the panels' splitter through the settings — a geometry remembered
from a larger monitor is moved back onto this screen.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStyle, QWidget

from briefing_builder.ui.responsive_panels import ResponsivePanels, arrangement_for
from briefing_builder.ui.settings import AppSettings
from briefing_builder.ui.window_geometry import clamped_geometry, initial_geometry

PREVIEW_SHARE = 0.36  # of the window's width, between 44 and 110 average characters
PREVIEW_HEIGHT, PREFLIGHT_HEIGHT = 0.65, 0.35  # shares of the right docks' height


class WindowLayout:
    """Lays out ``window`` (its ``panels`` in the middle, ``preview`` above ``preflight`` on the right)."""

    def __init__(self, window: QMainWindow, panels: ResponsivePanels, preview: QDockWidget,
                 preflight: QDockWidget, settings: AppSettings) -> None:
        self.window, self.panels = window, panels
        self.preview, self.preflight = preview, preflight
        self.settings = settings

    def first(self, available: QRect | None = None) -> None:
        """The first-start layout for the window's screen (or ``available``)."""
        window = self.window
        available = available or window.screen().availableGeometry()
        geometry = initial_geometry(available, frame=frame_margins(window))
        em = max(1, window.fontMetrics().averageCharWidth())
        dock = max(em * 44, min(int(geometry.width() * PREVIEW_SHARE), em * 110))
        self.panels.arrange(arrangement_for((geometry.width() - dock) / em))
        window.setGeometry(geometry)
        window.resizeDocks([self.preview], [dock], Qt.Orientation.Horizontal)
        content = geometry.height() - window.fontMetrics().height() * 8
        window.resizeDocks([self.preview, self.preflight],
                           [int(content * PREVIEW_HEIGHT), int(content * PREFLIGHT_HEIGHT)],
                           Qt.Orientation.Vertical)
        central = geometry.width() - dock
        self.panels.splitter.setSizes([central * 5 // 13, central * 4 // 13, central * 4 // 13])

    def restore(self) -> None:
        """Window geometry, docks and splitter as the user left them, moved back onto this screen."""
        window, settings = self.window, self.settings
        geometry = settings.state("window")
        if geometry is not None:
            window.restoreGeometry(geometry)
            inside = window.screen().availableGeometry().marginsRemoved(frame_margins(window))
            window.setGeometry(clamped_geometry(window.geometry(), inside))
        state = settings.state("docks")
        if state is not None:
            window.restoreState(state)
        splitter = settings.state("splitter")
        if splitter is not None:
            self.panels.splitter.restoreState(splitter)

    def save(self) -> None:
        """Remember geometry, docks and splitter."""
        settings = self.settings
        settings.set_state("window", self.window.saveGeometry())
        settings.set_state("docks", self.window.saveState())
        settings.set_state("splitter", self.panels.splitter.saveState())
        settings.mark_started()
        settings.sync()


def frame_margins(window: QWidget) -> QMargins:
    """The window manager's frame around ``window``: as it is once shown with one, else a title bar's
    height above and a few pixels around (what a desktop's frame takes; none without a window manager
    is harmless: the window is only a little lower)."""
    shown = window.frameGeometry(), window.geometry()
    if window.isVisible() and shown[0] != shown[1]:
        return QMargins(shown[1].left() - shown[0].left(), shown[1].top() - shown[0].top(),
                        shown[0].right() - shown[1].right(), shown[0].bottom() - shown[1].bottom())
    border = window.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth) + 2
    title = max(window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight), window.fontMetrics().height() + 8)
    return QMargins(border, title + border, border, border)

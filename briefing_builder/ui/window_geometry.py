"""Where the main window goes: a first-start size relative to the screen, and never off it.

Plain rectangle arithmetic (``QRect`` in, ``QRect`` out), so it is tested without a display.
The first start takes :data:`SCREEN_SHARE` of the screen's available area (a window that fills
1280×720 and a comfortable one on 4K), centred; a remembered geometry from a larger monitor
is shrunk and moved back onto the screen. The window manager's frame (a title bar) is kept on the
screen too: the geometries here are of the window's inside, the frame is added around it.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize

SCREEN_SHARE = 0.92
LARGEST = QSize(2400, 1500)  # beyond this a first window is only harder to take in


def initial_geometry(available: QRect, minimum: QSize | None = None, frame: QMargins | None = None) -> QRect:
    """The first-start geometry on a screen whose available area is ``available``; ``frame``: the window
    manager's frame around it (its title bar stays on the screen)."""
    available = available.marginsRemoved(frame) if frame is not None else available
    width = min(int(available.width() * SCREEN_SHARE), LARGEST.width())
    height = min(int(available.height() * SCREEN_SHARE), LARGEST.height())
    if minimum is not None:
        width = min(max(width, minimum.width()), available.width())
        height = min(max(height, minimum.height()), available.height())
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def clamped_geometry(geometry: QRect, available: QRect) -> QRect:
    """``geometry`` made to fit inside ``available`` (smaller if need be, then moved onto it)."""
    rect = QRect(geometry)
    rect.setWidth(min(rect.width(), available.width()))
    rect.setHeight(min(rect.height(), available.height()))
    if rect.right() > available.right():
        rect.moveRight(available.right())
    if rect.bottom() > available.bottom():
        rect.moveBottom(available.bottom())
    if rect.left() < available.left():
        rect.moveLeft(available.left())
    if rect.top() < available.top():
        rect.moveTop(available.top())
    return rect


def fitted_size(wanted: QSize, available: QRect, share: float = 0.95) -> QSize:
    """``wanted`` shrunk to at most ``share`` of the available area (dialogs on small screens)."""
    return QSize(min(wanted.width(), int(available.width() * share)),
                 min(wanted.height(), int(available.height() * share)))


def centred(size: QSize, over: QRect, available: QRect) -> QRect:
    """A rectangle of ``size`` centred over ``over`` and kept inside ``available``."""
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(over.center())
    return clamped_geometry(rect, available)

"""Printing the deck: one slide a sheet, landscape, as large as the printable area allows.

The printer (a QPrinter the print dialog set up) is painted with the preview's painter, so a
printout shows the preview's lines; Qt allows painting a printer from a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from briefing_builder.compose.preview_scene import SlideScene
from briefing_builder.ui.preview.painter import ScenePainter


def fitted(page: QRectF, width: float, height: float) -> QRectF:
    """The largest box of ``width``:``height`` centred in ``page``."""
    scale = min(page.width() / width, page.height() / height)
    w, h = width * scale, height * scale
    return QRectF(page.left() + (page.width() - w) / 2, page.top() + (page.height() - h) / 2, w, h)


def print_slides(printer: QPrinter, scenes: Sequence[SlideScene], painter: ScenePainter | None = None,
                 progress: Callable[[int, int], None] | None = None) -> int:
    """Print ``scenes`` one a page on ``printer``; return the number of pages sent."""
    if not scenes:
        return 0
    painter = painter or ScenePainter()
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    device = QPainter()
    if not device.begin(printer):
        raise OSError("The printer could not be opened. Check that it is connected and try again.")
    try:
        for index, scene in enumerate(scenes):
            if index:
                printer.newPage()
            page = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
            page.moveTo(0, 0)
            painter.paint(device, scene, fitted(page, scene.width, scene.height))
            if progress is not None:
                progress(index + 1, len(scenes))
    finally:
        device.end()
    return len(scenes)

"""One PDF being drawn: Qt's PDF writer over an in-memory buffer, pages in points.

:class:`PdfCanvas` hides the device pixels: callers give page sizes and places in points, and
get the document's bytes at the end. The resolution is 720 dots per inch, so a font size in
tenths of a point is a whole number of device pixels (the painter sets glyphs at whole pixels).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

RESOLUTION = 720
PX_PER_PT = RESOLUTION / 72


def page_size(width_pt: float, height_pt: float) -> QPageSize:
    """A page of exactly ``width_pt`` x ``height_pt`` points (no snapping to a paper size)."""
    return QPageSize(QSizeF(width_pt, height_pt), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.ExactMatch)


class PdfCanvas:
    """A PDF drawn page by page: ``painter`` draws in device pixels; :meth:`rect` converts points."""

    def __init__(self, size: QPageSize, title: str) -> None:
        self._data = QByteArray()
        self._buffer = QBuffer(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.writer = QPdfWriter(self._buffer)
        self.writer.setResolution(RESOLUTION)
        self.writer.setPageSize(size)
        self.writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        self.writer.setTitle(title)
        self.writer.setCreator("Briefing Builder")
        self.painter = QPainter(self.writer)
        self.pages = 1
        size_pt = size.size(QPageSize.Unit.Point)
        self.width_pt, self.height_pt = size_pt.width(), size_pt.height()

    def new_page(self) -> None:
        """Start the next page."""
        self.writer.newPage()
        self.pages += 1

    @staticmethod
    def rect(x: float, y: float, w: float, h: float) -> QRectF:
        """A box given in points from the page's top-left corner, in device pixels."""
        return QRectF(x * PX_PER_PT, y * PX_PER_PT, w * PX_PER_PT, h * PX_PER_PT)

    def pdf_rect(self, x_px: float, top_px: float, w_px: float, h_px: float) -> tuple[float, float, float, float]:
        """A box in device pixels from the top-left as PDF (left, bottom, right, top) points."""
        left, top = x_px / PX_PER_PT, top_px / PX_PER_PT
        return (left, self.height_pt - top - h_px / PX_PER_PT, left + w_px / PX_PER_PT, self.height_pt - top)

    def finish(self) -> bytes:
        """End drawing and return the PDF's bytes."""
        self.painter.end()
        self._buffer.close()
        return bytes(self._data.data())

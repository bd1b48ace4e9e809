"""The application icon, drawn with QPainter at every size (no image files to ship or scale).

A deep-blue rounded tile with a white slide carrying text lines, and a ring of gold dots.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

BLUE = QColor(0, 51, 153)
GOLD = QColor(255, 204, 0)
SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_pixmap(size: int) -> QPixmap:
    """The icon drawn at ``size`` × ``size`` device pixels."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BLUE)
    painter.drawRoundedRect(QRectF(0.03 * s, 0.03 * s, 0.94 * s, 0.94 * s), 0.2 * s, 0.2 * s)
    slide = QRectF(0.17 * s, 0.30 * s, 0.66 * s, 0.46 * s)
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(slide, 0.04 * s, 0.04 * s)
    painter.setBrush(BLUE)
    line_h = max(1.0, 0.05 * s)
    for i, width in enumerate((0.44, 0.36, 0.40)):
        painter.drawRect(QRectF(slide.left() + 0.08 * s, slide.top() + (0.09 + i * 0.11) * s, width * s, line_h))
    painter.setBrush(GOLD)
    centre = QPointF(0.5 * s, 0.17 * s)
    radius = 0.085 * s
    dot = max(0.9, 0.022 * s)
    for k in range(12):
        angle = 2 * math.pi * k / 12
        painter.drawEllipse(QPointF(centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle)),
                            dot, dot)
    painter.end()
    return pixmap


def app_icon() -> QIcon:
    """The window and application icon (needs a ``QGuiApplication``)."""
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(icon_pixmap(size))
    return icon

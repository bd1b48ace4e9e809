"""Paint a :class:`~.scene.SlideScene` with QPainter, in the bundled fonts.

The bundled open-licence fonts (the ones text is measured with) are registered with
``QFontDatabase`` once; a template font is drawn with its metric-compatible stand-in
(Calibri → Carlito, Arial → Liberation Sans…), an unknown font with Liberation Sans. Lines
break where the deck's measurement breaks them (the scene carries them); each line starts
where the measurement puts it, and the rest of the line follows on with Qt's own advances at
the painted size, spaces included — so words never run together nor drift apart at any zoom.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import yaml
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from briefing_builder.compose.preview_scene import ImageOp, LineOp, Op, PathOp, RectOp, SlideScene, TextOp
from briefing_builder.paths import fonts_dir

FALLBACK_FAMILY = "Liberation Sans"


@dataclass(frozen=True)
class PaintedText:
    """Where one text op is painted: its left edge and baseline and its advance, in device pixels."""

    op: TextOp
    x: float
    baseline: float
    advance: float


@lru_cache(maxsize=1)
def font_families() -> dict[str, str]:
    """Register the bundled fonts with Qt; map each template family (lower case) to a Qt family."""
    folder = fonts_dir()
    loaded: dict[str, str] = {}
    for path in sorted(folder.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            loaded[path.name] = families[0]
    table = yaml.safe_load((folder / "fonts.yaml").read_text(encoding="utf-8"))["families"]
    return {name.lower(): loaded.get(files["regular"], FALLBACK_FAMILY) for name, files in table.items()}


def qt_family(family: str) -> str:
    """The registered Qt family that draws ``family`` (its stand-in, else Liberation Sans)."""
    return font_families().get(family.lower(), FALLBACK_FAMILY)


#: family, pixels per em, bold, italic, strike, underline, character spacing
FontKey = tuple[str, float, bool, bool, bool, bool, float]


class ScenePainter:
    """Paints scenes; caches fonts, metrics and decoded pictures between slides."""

    def __init__(self) -> None:
        self._fonts: dict[FontKey, tuple[QFont, QFontMetricsF]] = {}
        self._images: dict[bytes, QImage] = {}
        self._colors: dict[str, QColor] = {}

    def color(self, hex_color: str) -> QColor:
        """A cached QColor for ``RRGGBB``."""
        color = self._colors.get(hex_color)
        if color is None:
            color = self._colors[hex_color] = QColor(f"#{hex_color}")
        return color

    def _font(self, op: TextOp, pixels: float) -> tuple[QFont, QFontMetricsF]:
        """The font for ``op`` at ``pixels`` device pixels per em, and its metrics."""
        key: FontKey = (op.family, round(pixels, 2), op.bold, op.italic, op.strike, op.underline, op.spacing)
        found = self._fonts.get(key)
        if found is None:
            font = QFont(qt_family(op.family))
            # Qt sets glyphs at whole pixel sizes; a stretch brings the advances back to the exact size.
            whole = max(1, round(pixels))
            font.setPixelSize(whole)
            font.setStretch(max(1, round(100 * max(pixels, 0.5) / whole)))
            font.setBold(op.bold)
            font.setItalic(op.italic)
            font.setStrikeOut(op.strike)
            font.setUnderline(op.underline)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            font.setKerning(True)
            if op.spacing:  # the template's character spacing, at this scale
                font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, op.spacing * pixels / max(op.size, 0.01))
            # PowerPoint sets no standard ligatures, and a PDF's "ti"/"fi" ligature glyph loses its letters in search.
            font.setFeature(QFont.Tag("liga"), 0)
            found = self._fonts[key] = (font, QFontMetricsF(font))
        return found

    def _placed(self, ops: tuple[Op, ...], scale: float, left: float, top: float,
                ) -> Iterator[tuple[PaintedText, QFont]]:
        """Each text op's painted position, in order: a following piece starts where the last one ended."""
        pen = 0.0
        for op in ops:
            if not isinstance(op, TextOp):
                continue
            font, metrics = self._font(op, op.size * scale)
            x = pen if op.follows else left + op.x * scale
            advance = metrics.horizontalAdvance(op.text)
            pen = x + advance
            yield PaintedText(op, x, top + op.top * scale + metrics.ascent(), advance), font

    def text_layout(self, scene: SlideScene, width: int) -> list[PaintedText]:
        """Where :meth:`render` at ``width`` pixels paints each piece of text (for checks and hit tests)."""
        return [placed for placed, _font in self._placed(scene.ops, width / scene.width, 0.0, 0.0)]

    def _image(self, data: bytes) -> QImage:
        image = self._images.get(data)
        if image is None:
            image = self._images[data] = QImage.fromData(data)
        return image

    def paint(self, painter: QPainter, scene: SlideScene, target: QRectF) -> None:
        """Draw ``scene`` scaled into ``target``.

        Coordinates are scaled here rather than by a painter transform: Qt draws small text
        under a scaling transform with advances that do not match the font's metrics.
        """
        painter.save()
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        painter.setClipRect(target)
        painter.fillRect(target, self.color(scene.background))
        s = target.width() / scene.width
        ox, oy = target.left(), target.top()
        no_pen = QPen(Qt.PenStyle.NoPen)
        texts = self._placed(scene.ops, s, ox, oy)
        for op in scene.ops:
            if isinstance(op, TextOp):
                placed, font = next(texts)
                painter.setFont(font)
                painter.setPen(self.color(op.color))
                painter.drawText(QPointF(placed.x, placed.baseline), op.text)
            elif isinstance(op, RectOp):
                fill = QColor(self.color(op.fill)) if op.fill else None  # a copy: the cached colour stays opaque
                if fill is not None and op.opacity < 1.0:
                    fill.setAlphaF(op.opacity)
                painter.setBrush(QBrush(fill) if fill is not None else Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(self.color(op.line), max(op.line_width * s, 0.5)) if op.line else no_pen)
                rect = QRectF(ox + op.x * s, oy + op.y * s, op.w * s, op.h * s)
                if op.ellipse:
                    painter.drawEllipse(rect)
                elif op.radius > 0:
                    painter.drawRoundedRect(rect, op.radius * s, op.radius * s)
                else:
                    painter.drawRect(rect)
            elif isinstance(op, LineOp):
                pen = QPen(self.color(op.color), max(op.width * s, 0.5))
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPolyline(QPolygonF([QPointF(ox + x * s, oy + y * s) for x, y in op.points]))
            elif isinstance(op, PathOp):
                self._path(painter, op, s, ox, oy)
            elif isinstance(op, ImageOp):
                image = self._image(op.image)
                if not image.isNull():
                    painter.drawImage(QRectF(ox + op.x * s, oy + op.y * s, op.w * s, op.h * s), image)
        painter.restore()

    def _path(self, painter: QPainter, op: PathOp, s: float, ox: float, oy: float) -> None:
        """A freeform's outline filled even-odd (a hole in it shows what lies under)."""
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for polygon in op.polygons:
            path.addPolygon(QPolygonF([QPointF(ox + x * s, oy + y * s) for x, y in polygon]))
            path.closeSubpath()
        painter.setBrush(QBrush(self.color(op.fill)) if op.fill else Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(self.color(op.line), max(op.line_width * s, 0.5)) if op.line
                       else QPen(Qt.PenStyle.NoPen))
        painter.drawPath(path)

    def render(self, scene: SlideScene, width: int, device_ratio: float = 1.0) -> QImage:
        """The slide as an image ``width`` logical pixels wide."""
        height = round(width * scene.height / scene.width)
        size = (round(width * device_ratio), round(height * device_ratio))
        image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(device_ratio)
        painter = QPainter(image)
        self.paint(painter, scene, QRectF(0, 0, width, height))
        painter.end()
        return image

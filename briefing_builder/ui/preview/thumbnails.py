"""The preview dock: a larger view of the selected slide above thumbnails of the whole deck.

Thumbnails are painted on the GUI thread from scenes the worker made, a few at a time
(:data:`BATCH_MS` per event-loop turn) so a long deck never freezes the window, and only
for slides whose scene changed. Clicking a thumbnail selects its section in the outline
(``sectionActivated``); selecting a section in the outline shows its first slide.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing_builder.compose.preview_scene import SlideScene
from briefing_builder.ui.preview.painter import ScenePainter
from briefing_builder.ui.preview.worker import PreviewResult
from briefing_builder.ui.scrolled import scrolled

THUMB_WIDTH = 176
BATCH_MS = 12
SectionRole = Qt.ItemDataRole.UserRole + 20
IndexRole = Qt.ItemDataRole.UserRole + 21


def _icon(pixmap: QPixmap) -> QIcon:
    """An icon that looks the same selected (the selection shows as a frame, not a tint)."""
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


class SlideView(QWidget):
    """The selected slide, as large as the widget allows, with a thin frame and shadow."""

    def __init__(self, painter: ScenePainter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene: SlideScene | None = None
        self.message = "The preview appears here."
        self._painter = painter
        self._image: QImage | None = None
        self._image_key: tuple[SlideScene, int, float] | None = None
        self.setAccessibleName("Selected slide")
        self.setMinimumSize(160, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_scene(self, scene: SlideScene | None, message: str = "") -> None:
        """Show ``scene`` (or ``message`` when there is none)."""
        self.scene, self.message = scene, message or self.message
        self.update()

    def slide_rect(self) -> QRectF:
        """Where the slide is drawn inside the widget."""
        margin = 10.0
        width, height = self.width() - 2 * margin, self.height() - 2 * margin
        ratio = (self.scene.height / self.scene.width) if self.scene else 9 / 16
        if width * ratio > height:
            width = height / ratio
        return QRectF(round((self.width() - width) / 2), round((self.height() - width * ratio) / 2), round(width),
                      round(width * ratio))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API name
        """Draw the slide centred, with a shadow."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(self.backgroundRole()).darker(106))
        rect = self.slide_rect()
        if self.scene is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)
            return
        painter.fillRect(rect.translated(2, 3), QColor(0, 0, 0, 40))
        # Painted into an image first: a 96-dpi QImage gives the same text sizes on every screen.
        ratio = self.devicePixelRatioF() or 1.0
        key = (self.scene, round(rect.width()), ratio)
        image = self._image
        if self._image_key != key or image is None:
            image = self._image = self._painter.render(self.scene, round(rect.width()), ratio)
            self._image_key = key
        painter.drawImage(rect.topLeft(), image)
        painter.setPen(QColor(0, 0, 0, 60))
        painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
        painter.end()


class PreviewDock(QDockWidget):
    """Live preview of the deck: larger view + thumbnail strip + status line."""

    sectionActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Preview", parent)
        self.setObjectName("preview-dock")
        self.painter = ScenePainter()
        self.result: PreviewResult | None = None
        self.current = -1  # index of the slide shown large
        self.thumbnail_ms: list[float] = []
        self._cache: dict[SlideScene, QPixmap] = {}
        self._queue: list[int] = []
        self._batch = QTimer(self, singleShot=True, interval=0)
        self._batch.timeout.connect(self._paint_batch)

        self.view = SlideView(self.painter)
        self.list = QListWidget()
        self.list.setAccessibleName("Slide thumbnails")
        self.list.setToolTip("Every slide of the deck as it will be exported. Click a slide to select its section.")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(6)
        self.list.setStyleSheet("QListWidget { background: palette(midlight); }")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setIconSize(QSize(THUMB_WIDTH, THUMB_WIDTH * 9 // 16))
        self.list.itemClicked.connect(self._clicked)
        self.list.currentRowChanged.connect(self._show_row)
        self.status = QLabel("Planning the deck…")
        self.status.setAccessibleName("Preview status")
        self.status.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.list)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.splitter = splitter
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.setWidget(scrolled(body))  # a small screen at 200 %: the dock scrolls, the window stays on the screen

    # ------------------------------------------------------------------ results

    def show_result(self, result: PreviewResult) -> None:
        """Show a new plan: repaint only the thumbnails whose slides changed."""
        self.result = result
        if result.error or result.plan is None:
            self.status.setText(f"⚠ {result.error}")
            self.view.set_scene(None, result.error or "")
            return
        scenes = result.scenes
        icon_h = round(THUMB_WIDTH * scenes[0].height / scenes[0].width) if scenes else THUMB_WIDTH * 9 // 16
        self.list.setIconSize(QSize(THUMB_WIDTH, icon_h))
        keep = set(scenes)
        self._cache = {scene: pixmap for scene, pixmap in self._cache.items() if scene in keep}
        self.list.blockSignals(True)
        while self.list.count() > len(scenes):
            self.list.takeItem(self.list.count() - 1)
        self._queue = []
        for index, (scene, slide) in enumerate(zip(scenes, result.plan.slides)):
            item = self.list.item(index)
            if item is None:
                item = QListWidgetItem()
                item.setSizeHint(QSize(THUMB_WIDTH + 8, icon_h + 8))
                self.list.addItem(item)
            item.setData(SectionRole, slide.section_index)
            item.setData(IndexRole, index)
            item.setToolTip(f"Slide {slide.number}: {slide.title}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Slide {slide.number}: {slide.title}")
            pixmap = self._cache.get(scene)
            if pixmap is not None:
                item.setIcon(_icon(pixmap))
            else:
                self._queue.append(index)
        self.list.blockSignals(False)
        template = result.template.stem if result.template else ""
        self.status.setText(f"{len(scenes)} slides · {template}")
        self._show_row(min(max(self.current, 0), len(scenes) - 1))
        self._batch.start()

    def _paint_batch(self) -> None:
        """Paint queued thumbnails for at most BATCH_MS, then yield to the event loop."""
        if self.result is None:
            return
        started = time.perf_counter()
        ratio = self.devicePixelRatioF() or 1.0
        while self._queue and (time.perf_counter() - started) * 1000 < BATCH_MS:
            index = self._queue.pop(0)
            if index >= len(self.result.scenes) or self.list.item(index) is None:
                continue
            scene = self.result.scenes[index]
            t0 = time.perf_counter()
            image = self.painter.render(scene, THUMB_WIDTH, ratio)
            self.thumbnail_ms.append((time.perf_counter() - t0) * 1000)
            frame = QPainter(image)
            frame.setPen(QColor(0, 0, 0, 70))
            frame.drawRect(QRectF(0, 0, image.width() / ratio - 1, image.height() / ratio - 1))
            frame.end()
            pixmap = QPixmap.fromImage(image)
            self._cache[scene] = pixmap
            self.list.item(index).setIcon(_icon(pixmap))
        if self._queue:
            self._batch.start()

    def pending(self) -> int:
        """Thumbnails still to paint."""
        return len(self._queue)

    # ------------------------------------------------------------------ selection

    def _clicked(self, item: QListWidgetItem) -> None:
        self._show_row(self.list.row(item))
        section = item.data(SectionRole)
        if section is not None:
            self.sectionActivated.emit(int(section))

    def _show_row(self, row: int) -> None:
        if self.result is None or not self.result.scenes or row < 0:
            return
        row = min(row, len(self.result.scenes) - 1)
        self.current = row
        self.view.set_scene(self.result.scenes[row])
        if self.list.currentRow() != row:
            self.list.blockSignals(True)
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
        self.list.scrollToItem(self.list.item(row))

    def show_section(self, section: int) -> None:
        """Show the first slide of the pack section at ``section`` (outline selection)."""
        if self.result is None or self.result.plan is None:
            return
        current = self.result.plan.slides[self.current] if 0 <= self.current < len(self.result.plan.slides) else None
        if current is not None and current.section_index == section:
            return
        for index, slide in enumerate(self.result.plan.slides):
            if slide.section_index == section:
                self._show_row(index)
                return

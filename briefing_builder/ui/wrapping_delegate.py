"""Rows of a tree that grow to show their whole text, wrapped at the column's width.

``QTreeView.setWordWrap`` paints wrapped text but sizes every row for one line, so a long
message is cut to its first words. :class:`WrappingDelegate` measures each row's text at the
width the view gives it; :func:`wrap_rows` installs it and lays the rows out again when the
column is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrappingDelegate(QStyledItemDelegate):
    """Sizes a row of ``view`` for its text wrapped at the width left to it in the column."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt API name
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        """The one-line size, made as tall as the text needs at the row's width."""
        size = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return size
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        style = self.view.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1)
        icon = option.decorationSize.width() + margin if index.data(Qt.ItemDataRole.DecorationRole) else 0
        indent = self.view.indentation() * (depth + int(self.view.rootIsDecorated()))
        width = self.view.header().sectionSize(index.column()) - indent - icon - 2 * margin
        if width <= 0:
            return size
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else option.font)
        needed = metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text).height()
        return QSize(size.width(), max(size.height(), needed + margin))


def wrap_rows(view: QTreeView) -> None:
    """Wrap the text of ``view``'s rows at the column's width, re-wrapped when the width changes."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setUniformRowHeights(False)
    view.setItemDelegate(WrappingDelegate(view))
    view.header().sectionResized.connect(lambda *_: view.doItemsLayout())

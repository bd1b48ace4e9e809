"""The pack outline: the open pack's sections in slide order.

Reorder by drag and drop or Ctrl+Up/Down, remove with Delete, add blank sections from the
"Add section" menu; library records arrive by drop or through the editor. Sections whose
records are missing from the store are shown in red with the reason as tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMenu,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing_builder.pack import document as pd
from briefing_builder.ui.editor import PackEditor
from briefing_builder.ui.flow_layout import FlowLayout
from briefing_builder.ui.models import OutlineModel

BLANK_KINDS = (("title", "Title slide"), ("agenda", "Agenda"), ("section", "Section header"),
               ("text", "Text slide"), ("milestones", "Milestones timeline"),
               ("changes", "Changes since the last export"), ("closing", "Closing slide"))


class PackOutline(QWidget):
    """List of the pack's sections with add/remove/move actions."""

    currentSectionChanged = Signal(int)

    def __init__(self, editor: PackEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.model = OutlineModel(editor.add_records, editor.move, self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Pack outline")
        self.view.setToolTip("The slides of the pack, in order. Drag to reorder, Ctrl+Up/Down to move, "
                             "Delete to remove.")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(max(1, self.view.fontMetrics().height() // 8))

        icons = QStyle.StandardPixmap
        self.remove_action = self._action("&Remove section", "Delete", "Remove the selected section",
                                          self.remove_current, icons.SP_TrashIcon, "Remove")
        self.up_action = self._action("Move section &up", "Ctrl+Up", "Move the selected section up", self.move_up,
                                      icons.SP_ArrowUp, "Up")
        self.down_action = self._action("Move section &down", "Ctrl+Down", "Move the selected section down",
                                        self.move_down, icons.SP_ArrowDown, "Down")
        self.add_menu = QMenu("Add &section", self)
        self.add_actions: list[QAction] = []
        for kind, label in BLANK_KINDS:
            action = self.add_menu.addAction(label)
            action.triggered.connect(lambda _=False, k=kind: self.add_blank(k))
            self.add_actions.append(action)

        heading = QLabel("<b>Pack outline</b>")
        heading.setAccessibleName("Pack outline heading")
        buttons = FlowLayout(stretch_first=True)  # wraps in a narrow panel instead of widening the window
        buttons.addWidget(heading)
        add_button = QToolButton()
        add_button.setText("Add section")
        add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        add_button.setAutoRaise(True)
        add_button.setMenu(self.add_menu)
        add_button.setAccessibleName("Add a section that needs no library record")
        buttons.addWidget(add_button)
        for action in (self.up_action, self.down_action, self.remove_action):
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.setDefaultAction(action)
            button.setAccessibleName(action.toolTip())
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

        self.view.selectionModel().currentRowChanged.connect(lambda current, _: self._on_current(current.row()))
        editor.packChanged.connect(self.refresh)
        editor.selectRequested.connect(self.select)
        self.refresh()

    def _action(self, text: str, shortcut: str, tip: str, slot: object, icon: QStyle.StandardPixmap,
                short: str) -> QAction:
        action = QAction(self.style().standardIcon(icon), text, self)
        action.setIconText(short)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # ------------------------------------------------------------------ state

    def refresh(self) -> None:
        """Re-describe every section against the current catalog."""
        pack = self.editor.pack
        current = self.current_row()
        self.model.set_rows(pd.describe_sections(pack, self.editor.catalog))
        if current >= 0 and self.current_row() < 0 and self.model.rowCount():
            self.select(min(current, self.model.rowCount() - 1))
        self._update_actions()

    def current_row(self) -> int:
        """The selected section's position, or -1."""
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select(self, row: int) -> None:
        """Select and show the section at ``row``."""
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        self._on_current(row)

    def _on_current(self, row: int) -> None:
        self._update_actions()
        self.currentSectionChanged.emit(row)

    def _update_actions(self) -> None:
        row, count = self.current_row(), self.model.rowCount()
        self.remove_action.setEnabled(row >= 0 and count > 1)
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < count - 1)

    # ------------------------------------------------------------------ edits

    def remove_current(self) -> None:
        """Remove the selected section."""
        row = self.current_row()
        if row >= 0:
            self.editor.remove(row)

    def move_up(self) -> None:
        """Move the selected section one place up."""
        row = self.current_row()
        if row > 0:
            self.editor.move(row, row - 1)

    def move_down(self) -> None:
        """Move the selected section one place down."""
        row = self.current_row()
        if 0 <= row < self.model.rowCount() - 1:
            self.editor.move(row, row + 1)

    def add_blank(self, kind: str) -> None:
        """Add a blank section after the selected one (or before the closing slide)."""
        row = self.current_row()
        self.editor.add_blank(kind, row + 1 if row >= 0 else None)

    def insert_position(self) -> int | None:
        """Where library records go: after the selection, else before the closing slide."""
        row = self.current_row()
        return row + 1 if row >= 0 else None

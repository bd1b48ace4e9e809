"""Reviewing a returned annex's change set before anything is written to the store.

:class:`ImportReview` shows what :func:`~briefing_builder.annex.changes.read_changes`
found, in three tabs: **edits to store fields** — old and new text per cell with the
record's ``file:line``, each applicable one with a check box (unticked: nothing is written
unless the user accepts it), the others with the reason they cannot be applied;
**delegation comments and positions** per record (read-only: they are never written to the
store); **rows not matched**. "Apply accepted" closes the dialog with the accepted edits;
writing them is :mod:`annex_actions`' job, after a confirmation.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QPlainTextEdit, QPushButton, QTabWidget, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from briefing_builder.annex.changes import ChangeSet, FieldChange

EDIT_HEADERS = ("Accept", "Record", "Column", "Store now", "Annex says", "Where")


def _short(path: Path | None, root: Path) -> str:
    if path is None:
        return "?"
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return path.name


class ImportReview(QDialog):
    """The change set of one returned annex, accepted or rejected change by change."""

    def __init__(self, changes: ChangeSet, store_root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changes = changes
        self.setWindowTitle(f"Import comments — {changes.annex.name}")
        self.setAccessibleName("Review the changes in a returned annex")
        applicable = sum(edit.applicable for edit in changes.edits)
        heading = QLabel(f"Annex <b>{changes.annex.name}</b> for the pack <b>{changes.pack_id}</b>: "
                         f"{len(changes.edits)} edit(s) to store fields ({applicable} can be applied), "
                         f"{len(changes.inputs)} row(s) with delegation input, "
                         f"{len(changes.unmatched)} row(s) not matched. Nothing is written until you apply.")
        heading.setWordWrap(True)
        heading.setAccessibleName("Summary of the returned annex")
        self.edits = QTreeWidget()
        self.edits.setAccessibleName("Edits to store fields")
        self.edits.setHeaderLabels(list(EDIT_HEADERS))
        self.edits.setRootIsDecorated(False)
        self.edits.setWordWrap(True)
        self.edits.setUniformRowHeights(False)
        self.items: list[tuple[QTreeWidgetItem, FieldChange]] = []
        for edit in changes.edits:
            where = _short(edit.path, store_root) + (f":{edit.line}" if edit.line else "") + f" ({edit.where})"
            item = QTreeWidgetItem(["", edit.record_id, edit.column, edit.old, edit.new,
                                    where + (f"\nNot applicable: {edit.reason}" if edit.reason else "")])
            if edit.applicable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setToolTip(0, "Tick to write this edit into the store")
            else:
                item.setDisabled(True)
                item.setToolTip(0, edit.reason or "This cell does not map to one store field")
            for column in (3, 4, 5):
                item.setToolTip(column, item.text(column))
            self.edits.addTopLevelItem(item)
            self.items.append((item, edit))
        self.detail = QPlainTextEdit(readOnly=True)
        self.detail.setAccessibleName("The selected edit as a diff")
        self.detail.setPlaceholderText("Select an edit to see the whole text, old (-) and new (+).")
        self.detail.setFixedHeight(self.detail.fontMetrics().lineSpacing() * 6 + 12)
        self.edits.currentItemChanged.connect(lambda current, _previous: self._show_detail(current))
        em = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((8, 26, 14, 40, 40, 30)):
            self.edits.setColumnWidth(column, em * chars)
        self.accept_all = QPushButton("Accept a&ll")
        self.accept_all.setAccessibleName("Accept every applicable edit")
        self.reject_all = QPushButton("Re&ject all")
        self.reject_all.setAccessibleName("Reject every edit")
        self.accept_all.clicked.connect(lambda: self.set_all(True))
        self.reject_all.clicked.connect(lambda: self.set_all(False))
        edits_page = QWidget()
        row = QHBoxLayout()
        row.addWidget(self.accept_all)
        row.addWidget(self.reject_all)
        row.addStretch(1)
        box = QVBoxLayout(edits_page)
        box.addWidget(self.edits, 1)
        box.addWidget(self.detail)
        box.addLayout(row)

        self.inputs = QTreeWidget()
        self.inputs.setAccessibleName("Delegation comments and positions (read-only)")
        self.inputs.setHeaderLabels(["Record", "Row", "What the delegation said"])
        for item in changes.inputs:
            node = QTreeWidgetItem([item.record_id, item.where, ""])
            for key, value in item.values.items():
                node.addChild(QTreeWidgetItem(["", key, value]))
            self.inputs.addTopLevelItem(node)
        self.inputs.expandAll()
        self.inputs.setColumnWidth(0, em * 30)
        self.inputs.setColumnWidth(1, em * 22)
        self.unmatched = QListWidget()
        self.unmatched.setAccessibleName("Rows not matched")
        self.unmatched.addItems(changes.unmatched or ["Every row matched a record of the pack."])

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Parts of the change set")
        self.tabs.addTab(edits_page, f"&Edits to store fields ({len(changes.edits)})")
        self.tabs.addTab(self.inputs, f"&Delegation input ({len(changes.inputs)})")
        self.tabs.addTab(self.unmatched, f"&Unmatched rows ({len(changes.unmatched)})")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton("&Apply accepted", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setAccessibleName("Write the accepted edits to the store")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edits.itemChanged.connect(lambda _item, _col: self._update_button())
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(em * 170, self.fontMetrics().height() * 34)
        self._update_button()

    def set_all(self, accepted: bool) -> None:
        """Tick or untick every applicable edit."""
        for item, edit in self.items:
            if edit.applicable:
                item.setCheckState(0, Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked)

    def set_accepted(self, index: int, accepted: bool) -> None:
        """Accept or reject the ``index``-th edit (ignored for one that cannot be applied)."""
        item, edit = self.items[index]
        if edit.applicable:
            item.setCheckState(0, Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked)

    def accepted_changes(self) -> list[FieldChange]:
        """The applicable edits the user ticked, in the order listed."""
        return [edit for item, edit in self.items
                if edit.applicable and item.checkState(0) == Qt.CheckState.Checked]

    def _show_detail(self, current: QTreeWidgetItem | None) -> None:
        edit = next((e for item, e in self.items if item is current), None)
        if edit is None:
            self.detail.clear()
            return
        lines = [f"{edit.record_id} · {edit.column} ({current.text(5)})"]
        lines += [f"- {line}" for line in edit.old.splitlines() or [""]]
        lines += [f"+ {line}" for line in edit.new.splitlines() or [""]]
        self.detail.setPlainText("\n".join(lines))

    def _update_button(self) -> None:
        count = len(self.accepted_changes())
        self.apply_button.setText(f"&Apply accepted ({count})")
        self.apply_button.setEnabled(count > 0)

"""Reviewing a returned annex's change set before anything is written to the store.

:class:`ImportReview` shows what :func:`~briefing_builder.annex.changes.read_changes`
found, in three tabs: **proposals and conflicts** — per cell what was sent, what the store
says now and what came back, with the record's ``file:line``; a *proposal* (only the
delegation changed the cell) or a *conflict* (the store changed it too — or, without a
baseline, an *unverified* difference) has a check box (unticked: nothing is written unless
the user accepts it), the others show the reason they cannot be applied;
**delegation comments and positions** per record (read-only: they are kept in the store's
``feedback/`` folder when the annex is read, as ``annex import`` does, never in the records;
the heading says where); **rows not matched**. "Apply accepted" closes the dialog with the accepted edits;
writing them is :mod:`annex_actions`' job, after a confirmation.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_builder.annex.changes import ChangeSet, FieldChange

EDIT_HEADERS = ("Accept", "Kind", "Record", "Column", "Sent", "Store now", "Returned", "Where")
WHERE = EDIT_HEADERS.index("Where")


def _short(path: Path | None, root: Path) -> str:
    if path is None:
        return "?"
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return path.name


def kept_sentence(changes: ChangeSet, store_root: Path, kept: Path | None) -> str:
    """Where the delegation's comments and positions were kept (or why they were not)."""
    if not changes.inputs:
        return ""
    if kept is None:
        return (" The delegation's comments and positions are shown but not kept: the bundled sample store is "
                "never written to.")
    return (f" The delegation's comments and positions were kept in <b>{_short(kept, store_root)}</b> "
            "(not in the records; Library → Undo library edit removes them).")


class ImportReview(QDialog):
    """The change set of one returned annex, accepted or rejected change by change."""

    def __init__(self, changes: ChangeSet, store_root: Path, parent: QWidget | None = None,
                 kept: Path | None = None) -> None:
        super().__init__(parent)
        self.changes = changes
        self.setWindowTitle(f"Import comments — {changes.annex.name}")
        self.setAccessibleName("Review the changes in a returned annex")
        proposals, conflicts = changes.proposals, changes.conflicts
        heading = QLabel(f"Annex <b>{changes.annex.name}</b> for the pack <b>{changes.pack_id}</b>: "
                         f"{len(proposals)} proposal(s) ({sum(e.applicable for e in proposals)} can be applied), "
                         f"<b>{len(conflicts)} conflict(s)</b> (changed in the store too: choose), "
                         f"{changes.store_changes} cell(s) changed only in the store (not proposed), "
                         f"{len(changes.inputs)} row(s) with delegation input, "
                         f"{len(changes.unmatched)} row(s) not matched. "
                         "<b>Store records change only when you apply the edits you tick.</b>"
                         + kept_sentence(changes, store_root, kept) + f"<br><i>{changes.baseline}</i>")
        heading.setWordWrap(True)
        heading.setAccessibleName("Summary of the returned annex")
        self.edits = QTreeWidget()
        self.edits.setAccessibleName("Proposals and conflicts")
        self.edits.setHeaderLabels(list(EDIT_HEADERS))
        self.edits.setRootIsDecorated(False)
        self.edits.setWordWrap(True)
        self.edits.setUniformRowHeights(False)
        self.items: list[tuple[QTreeWidgetItem, FieldChange]] = []
        for edit in proposals + conflicts:
            where = _short(edit.path, store_root) + (f":{edit.line}" if edit.line else "") + f" ({edit.where})"
            item = QTreeWidgetItem(["", edit.kind.value, edit.record_id, edit.column, edit.sent, edit.old, edit.new,
                                    where + (f"\nNot applicable: {edit.reason}" if edit.reason else "")
                                    + (f"\n{edit.language_note[:1].upper()}{edit.language_note[1:]}."
                                       if edit.language_note else "")])
            if edit.applicable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setToolTip(0, "Tick to write the returned text into the store" if edit in proposals else
                                "A conflict: tick to replace the store's new text by the returned one")
            else:
                item.setDisabled(True)
                item.setToolTip(0, edit.reason or "This cell does not map to one store field")
            if edit in conflicts:
                item.setForeground(1, self.palette().brush(self.palette().ColorRole.LinkVisited))
            for column in range(4, WHERE + 1):
                item.setToolTip(column, item.text(column))
            self.edits.addTopLevelItem(item)
            self.items.append((item, edit))
        self.detail = QPlainTextEdit(readOnly=True)
        self.detail.setAccessibleName("The selected edit as a diff")
        self.detail.setPlaceholderText("Select an edit to see the whole text, old (-) and new (+).")
        self.detail.setFixedHeight(self.detail.fontMetrics().lineSpacing() * 6 + 12)
        self.edits.currentItemChanged.connect(lambda current, _previous: self._show_detail(current))
        em = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((8, 10, 24, 12, 30, 30, 30, 28)):
            self.edits.setColumnWidth(column, em * chars)
        self.accept_all = QPushButton("Accept a&ll")
        self.accept_all.setAccessibleName("Accept every applicable proposal")
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
        for said in changes.inputs:
            node = QTreeWidgetItem([said.record_id, said.where, ""])
            for key, value in said.values.items():
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
        self.tabs.addTab(edits_page, f"&Proposals ({len(proposals)}) and conflicts ({len(conflicts)})")
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
        """Tick every applicable proposal (conflicts stay a choice of their own), or untick everything."""
        for item, edit in self.items:
            if edit.applicable and (not accepted or edit in self.changes.proposals):
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
        if edit is None or current is None:
            self.detail.clear()
            return
        lines = [f"{edit.kind.value}: {edit.record_id} · {edit.column} ({current.text(WHERE)})"]
        if edit in self.changes.conflicts:
            lines += [f"sent:     {line}" for line in edit.sent.splitlines() or [""]]
            lines += [f"store:    {line}" for line in edit.old.splitlines() or [""]]
            lines += [f"returned: {line}" for line in edit.new.splitlines() or [""]]
        else:
            lines += [f"- {line}" for line in edit.old.splitlines() or [""]]
            lines += [f"+ {line}" for line in edit.new.splitlines() or [""]]
        if edit.language_note:
            lines.append(f"Note: {edit.language_note}.")
        self.detail.setPlainText("\n".join(lines))

    def _update_button(self) -> None:
        count = len(self.accepted_changes())
        self.apply_button.setText(f"&Apply accepted ({count})")
        self.apply_button.setEnabled(count > 0)

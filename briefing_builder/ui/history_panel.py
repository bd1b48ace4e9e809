"""The History dock: the open pack's changes since its last export (with a diff view) and
the store's exports and save points, who and when, and which files each changed.

It only shows an :class:`~briefing_builder.history.overview.Overview` (worked out on a
worker thread by :mod:`.history_actions`); its buttons ask for a refresh, a save point and
a sync.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_builder.markup import Run
from briefing_builder.ui.scrolled import scrolled

if TYPE_CHECKING:  # pragma: no cover — the history (and dulwich) loads when first used, not at start
    from briefing_builder.history.changes import FieldChange, RecordChange
    from briefing_builder.history.overview import Overview
    from briefing_builder.history.record_merge import Conflict
    from briefing_builder.history.word_diff import Piece

_KIND = {"added": "New", "removed": "No longer shown", "changed": "Changed"}


class HistoryDock(QDockWidget):
    """Changes since the last export, and the store's history."""

    refreshRequested = Signal()
    savePointRequested = Signal()
    syncRequested = Signal()
    #: Open the open sync conflicts in the review dialog.
    reviewRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("History", parent)
        self.setObjectName("history-dock")
        body = QWidget()
        box = QVBoxLayout(body)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Changes summary")
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton("Refresh")
        self.save_point_button = QPushButton("Save point…")
        self.sync_button = QPushButton("Sync")
        for button, signal in ((self.refresh_button, self.refreshRequested),
                               (self.save_point_button, self.savePointRequested),
                               (self.sync_button, self.syncRequested)):
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.tabs = QTabWidget()
        self.changes = QTreeWidget()
        self.changes.setHeaderLabels(["Change", "Record"])
        self.changes.setAccessibleName("Changes since the last export")
        self.diff = QTextBrowser()
        self.diff.setAccessibleName("Diff of the selected record")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.changes)
        split.addWidget(self.diff)
        self.entries = QTreeWidget()
        self.entries.setHeaderLabels(["When", "What", "Who"])
        self.entries.setAccessibleName("Exports and save points")
        self.tabs.addTab(split, "Changes since last export")
        self.tabs.addTab(self.entries, "History")
        self.tabs.addTab(self._conflicts_page(), "Sync conflicts")
        box.addWidget(self.summary)
        box.addLayout(buttons)
        box.addWidget(self.tabs, 1)
        self.setWidget(scrolled(body))  # the dock may get less than the page needs (1080p at 200 %): it scrolls
        self._records: list[RecordChange] = []
        self.changes.currentItemChanged.connect(self._show_diff)

    def _conflicts_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.conflicts = QTreeWidget()
        self.conflicts.setHeaderLabels(["Record", "Field", "Mine (in the store now)", "Theirs"])
        self.conflicts.setAccessibleName("Sync conflicts: both values of each field")
        row = QHBoxLayout()
        self.review_button = QPushButton("Review and resolve…")
        self.review_button.setAccessibleName("Choose between your value and theirs, field by field")
        self.review_button.clicked.connect(self.reviewRequested)
        row.addWidget(self.review_button)
        row.addStretch(1)
        box.addWidget(self.conflicts, 1)
        box.addLayout(row)
        return page

    def show_conflicts(self, conflicts: list[Conflict]) -> None:
        """List the sync conflicts waiting for a choice, field by field with both values."""
        self.conflicts.clear()
        for conflict in conflicts:
            item = QTreeWidgetItem([conflict.record or conflict.path, conflict.field, conflict.mine, conflict.theirs])
            item.setData(0, Qt.ItemDataRole.UserRole, conflict.record or conflict.path)
            item.setToolTip(2, conflict.mine)
            item.setToolTip(3, conflict.theirs)
            self.conflicts.addTopLevelItem(item)
        self.review_button.setEnabled(bool(conflicts))
        self.tabs.setTabText(2, f"Sync conflicts ({len(conflicts)})" if conflicts else "Sync conflicts")

    def show_overview(self, overview: Overview) -> None:
        """Show ``overview`` (replacing what was shown)."""
        self.summary.setText(overview.message)
        self.changes.clear()
        self.diff.clear()
        self._records = list(overview.report.records) if overview.report else []
        for index, record in enumerate(self._records):
            where = f" ({record.where})" if record.where else ""
            item = QTreeWidgetItem([_KIND[record.kind], f"{record.title}{where}"])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            for change in record.fields:
                child = QTreeWidgetItem(["", _field_line(change)])
                child.setData(0, Qt.ItemDataRole.UserRole, index)
                item.addChild(child)
            self.changes.addTopLevelItem(item)
        self.changes.expandAll()
        self.entries.clear()
        for entry in overview.entries:
            kind = "Export" if entry.tags else "Save point"
            item = QTreeWidgetItem([f"{entry.commit.when:%Y-%m-%d %H:%M}", f"{kind}: {entry.commit.summary}",
                                    entry.commit.author.split(" <")[0]])
            for path in entry.files:
                item.addChild(QTreeWidgetItem(["", path, ""]))
            self.entries.addTopLevelItem(item)
        self.show_conflicts(list(overview.conflicts))

    def _show_diff(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            self.diff.clear()
            return
        record = self._records[int(current.data(0, Qt.ItemDataRole.UserRole))]
        self.diff.setHtml(record_html(record))


def _field_line(change: FieldChange) -> str:
    name = change.label if change.field == "figure" else change.field
    if change.old is None:
        return f"{name}: + {change.new}"
    if change.new is None:
        return f"{name}: − {change.old}"
    return f"{name}: {change.old} → {change.new}" if not change.words else f"{name}: changed"


def record_html(record: RecordChange) -> str:
    """A record's change as HTML: deletions struck in red, insertions underlined in green."""
    parts = [f"<h3>{html.escape(_KIND[record.kind])}: {html.escape(record.title)}</h3>"]
    if record.where:
        parts.append(f"<p><i>{html.escape(record.where)}</i></p>")
    for change in record.fields:
        name = html.escape(change.label if change.field == "figure" else change.field)
        if change.words:
            body = _pieces_html(change.words)
        elif change.old is None:
            body = f"<span style='color:#1a7f37;text-decoration:underline'>{html.escape(change.new or '')}</span>"
        elif change.new is None:
            body = f"<span style='color:#b42318;text-decoration:line-through'>{html.escape(change.old)}</span>"
        else:
            body = (f"<span style='color:#b42318;text-decoration:line-through'>{html.escape(change.old)}</span> → "
                    f"<span style='color:#1a7f37;text-decoration:underline'>{html.escape(change.new)}</span>")
        parts.append(f"<p><b>{name}:</b> {body}</p>")
    return "".join(parts)


def _runs_html(runs: tuple[Run, ...]) -> str:
    """Runs as HTML: bold, italic and struck text as on the slide (no markup characters)."""
    out = []
    for run in runs:
        text = html.escape(run.text)
        for on, tag in ((run.bold, "b"), (run.italic, "i"), (run.strike, "s")):
            if on:
                text = f"<{tag}>{text}</{tag}>"
        out.append(text)
    return "".join(out)


def _pieces_html(pieces: tuple[Piece, ...]) -> str:
    out = []
    for piece in pieces:
        text = _runs_html(piece.runs)
        if piece.op == "delete":
            out.append(f"<span style='color:#b42318;text-decoration:line-through'>{text}</span>")
        elif piece.op == "insert":
            out.append(f"<span style='color:#1a7f37;text-decoration:underline'>{text}</span>")
        else:
            out.append(text)
    return "".join(out)

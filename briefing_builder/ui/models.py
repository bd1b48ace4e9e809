"""Qt item models over plain Python data: the library trees and the pack outline.

* :class:`LibraryModel` — a read-only tree over :class:`LibraryNode` roots, draggable.
* :class:`LibraryFilter` — search-as-you-type (every word must appear in a record's titles or
  text) plus a region filter, recursive so matching measures keep their area visible.
* :class:`OutlineModel` — the pack's sections as a list; drops of library records add
  sections and drops of its own rows move them, both through callbacks (the undoable editor).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from briefing_builder.pack.document import SectionInfo
from briefing_builder.pack.library_data import LibraryNode

RECORD_MIME = "application/x-briefing-builder-records"
SECTION_MIME = "application/x-briefing-builder-sections"
#: The tooltip line of a record (or section) changed since the pack's last export.
CHANGED_NOTE = "Changed since the last export (History › Changes since last export)"


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
ProblemRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
DANGLING_COLOUR = QColor(176, 0, 32)


def records_mime(records: Sequence[tuple[str, str]]) -> QMimeData:
    """Mime data carrying library records (kind, id) for drag and drop."""
    data = QMimeData()
    data.setData(RECORD_MIME, json.dumps([list(r) for r in records]).encode("utf-8"))
    data.setText("\n".join(rid for _, rid in records))
    return data


def mime_records(data: QMimeData) -> list[tuple[str, str]]:
    """The library records carried by ``data`` (empty when none or malformed)."""
    if not data.hasFormat(RECORD_MIME):
        return []
    try:
        items = json.loads(bytes(data.data(RECORD_MIME).data()).decode("utf-8"))
        return [(str(kind), str(rid)) for kind, rid in items]
    except (ValueError, TypeError):
        return []


class LibraryModel(QAbstractItemModel):
    """A read-only tree of library nodes (areas → measures, consultations → themes, flat lists)."""

    def __init__(self, headers: tuple[str, ...], roots: list[LibraryNode] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._roots: list[LibraryNode] = roots or []
        self._marked: frozenset[tuple[str, str]] = frozenset()

    def set_marked(self, keys: frozenset[tuple[str, str]]) -> None:
        """Show the records ``(kind, id)`` in bold: changed since the pack's last export."""
        self._marked = keys
        if self._roots:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._roots) - 1, self.columnCount() - 1))
            for row, root in enumerate(self._roots):
                if root.children:
                    parent = self.index(row, 0)
                    self.dataChanged.emit(self.index(0, 0, parent),
                                          self.index(len(root.children) - 1, self.columnCount() - 1, parent))

    def set_roots(self, roots: list[LibraryNode]) -> None:
        """Show new roots (after a store reload)."""
        self.beginResetModel()
        self._roots = roots
        self.endResetModel()

    @property
    def roots(self) -> list[LibraryNode]:
        """The top-level nodes."""
        return self._roots

    def node(self, index: Index) -> LibraryNode | None:
        """The node behind ``index``."""
        return index.internalPointer() if index.isValid() else None

    def _siblings(self, node: LibraryNode | None) -> list[LibraryNode]:
        return node.children if node is not None else self._roots

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt's default, never mutated
        """Index of ``row``/``column`` under ``parent``."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._siblings(self.node(parent))[row])

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, index: Index) -> QModelIndex: ...

    def parent(self, index: Index | None = None) -> QObject | QModelIndex | None:
        """Parent of ``index`` (invalid for roots); without one, the model's owner (QObject.parent)."""
        if index is None:
            return QObject.parent(self)
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        up = node.parent
        row = self._siblings(up.parent).index(up)
        return self.createIndex(row, 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default (never mutated)
        """Children of ``parent`` (only column 0 has children)."""
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._siblings(self.node(parent)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default (never mutated)
        """Columns shown (from the headers)."""
        return len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, tooltip, kind and id of a node."""
        node = self.node(index)
        if node is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return node.columns[index.column()] if index.column() < len(node.columns) else ""
        marked = (node.kind, node.record_id) in self._marked
        if role == Qt.ItemDataRole.ToolTipRole:
            return (CHANGED_NOTE + "\n" if marked else "") + node.tooltip or None
        if role == Qt.ItemDataRole.FontRole and marked:
            return _bold()
        if role == KindRole:
            return node.kind
        if role == IdRole:
            return node.record_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Rows are selectable and draggable into the pack."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API name
        """The record mime type."""
        return [RECORD_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt API name
        """The dragged records, once each, in view order."""
        seen: dict[tuple[str, str], None] = {}
        for index in indexes:
            node = self.node(index)
            if node is not None:
                seen[(node.kind, node.record_id)] = None
        return records_mime(list(seen))


class LibraryFilter(QSortFilterProxyModel):
    """Search-as-you-type over titles and text, plus an optional region filter."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._region = ""
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

    def set_search(self, text: str) -> None:
        """Show rows whose titles or text contain every word of ``text``."""
        words = text.lower().split()
        if words != self._words:
            self._refilter(lambda: setattr(self, "_words", words))

    def set_region(self, region: str) -> None:
        """Show only country cards of ``region`` ("" for all)."""
        if region != self._region:
            self._refilter(lambda: setattr(self, "_region", region))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateFilter is deprecated there
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 - Qt API name
        """Every search word in the node's text, and the region when one is chosen."""
        parent = source_parent.internalPointer() if source_parent.isValid() else None
        source = self.sourceModel()
        roots = source.roots if isinstance(source, LibraryModel) else []
        siblings = parent.children if parent is not None else roots
        if not 0 <= source_row < len(siblings):
            return False
        node = siblings[source_row]
        if self._region and node.kind == "country" and node.region != self._region:
            return False
        text = node.search
        return all(word in text for word in self._words)


class OutlineModel(QAbstractListModel):
    """The pack's sections in order; drops become undoable adds and moves via callbacks."""

    def __init__(self, on_add: Callable[[list[tuple[str, str]], int], Any],
                 on_move: Callable[[int, int], Any], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SectionInfo] = []
        self._marked: frozenset[int] = frozenset()
        self._on_add = on_add
        self._on_move = on_move

    def set_rows(self, rows: list[SectionInfo]) -> None:
        """Show new section descriptions (same count: in place, keeping the selection)."""
        if len(rows) == len(self._rows):
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_marked(self, rows: frozenset[int]) -> None:
        """Show the sections at ``rows`` in bold: they show a record changed since the last export."""
        self._marked = rows
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default (never mutated)
        """Number of sections."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Label, and for dangling references red text, a tooltip and the problem."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return info.label
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return info.label + (f" — problem: {info.problem}" if info.problem else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return info.problem or (info.label + ("\n" + CHANGED_NOTE if index.row() in self._marked else ""))
        if role == Qt.ItemDataRole.FontRole and index.row() in self._marked:
            return _bold()
        if role == Qt.ItemDataRole.ForegroundRole and info.problem:
            return QBrush(DANGLING_COLOUR)
        if role == ProblemRole:
            return info.problem
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Rows drag; drops land between rows."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API name
        """Moves within the outline, copies from the library."""
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API name
        """Sections are moved."""
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API name
        """Sections (own rows) and library records."""
        return [SECTION_MIME, RECORD_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt API name
        """The dragged rows."""
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(SECTION_MIME, json.dumps(rows).encode("utf-8"))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802 - Qt API name
                     parent: Index) -> bool:
        """Add dropped records or move a dropped section; never removes rows behind Qt's back."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        if data.hasFormat(SECTION_MIME):
            try:
                rows = json.loads(bytes(data.data(SECTION_MIME).data()).decode("utf-8"))
            except ValueError:
                return False
            if len(rows) == 1:
                self.move_to_gap(int(rows[0]), row)
            return False  # handled: the view must not remove the source rows itself
        records = mime_records(data)
        if records:
            self._on_add(records, row)
            return True
        return False

    def move_to_gap(self, source: int, gap: int) -> None:
        """Move ``source`` so that it lands in the gap before row ``gap``."""
        destination = gap if gap <= source else gap - 1
        if destination != source:
            self._on_move(source, destination)

    def moveRows(self, source_parent: Index, source_row: int, count: int,  # noqa: N802 - Qt API name
                 destination_parent: Index, destination_child: int) -> bool:
        """Views that move rows themselves go through the undoable editor too."""
        if count != 1 or source_parent.isValid() or destination_parent.isValid():
            return False
        self.move_to_gap(source_row, destination_child)
        return True

"""The diagnostics dock: every problem found loading the store, as ``file:line: message``.

Double-click (or Enter) opens the file in the system's editor through :mod:`dialogs`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QStyle, QWidget

from briefing_builder.store.diagnostics import Diagnostic, Severity
from briefing_builder.ui import dialogs

PathRole = Qt.ItemDataRole.UserRole + 10


def diagnostic_line(diagnostic: Diagnostic, root: Path | None) -> str:
    """``file:line: severity: message`` with the path relative to the store when possible."""
    return diagnostic.format(root)


class DiagnosticsDock(QDockWidget):
    """Lists store diagnostics; opens the file of the one double-clicked."""

    countChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Store problems", parent)
        self.setObjectName("diagnostics-dock")
        self.count = 0
        self.list = QListWidget()
        self.list.setAccessibleName("Store problems")
        self.list.setToolTip("Problems found in the store files. Double-click to open the file.")
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._open)
        self.list.itemDoubleClicked.connect(self._open)
        self.setWidget(self.list)

    def set_diagnostics(self, diagnostics: list[Diagnostic], root: Path | None) -> None:
        """Show ``diagnostics`` (paths relative to the store ``root``)."""
        self.list.clear()
        self.count = len(diagnostics)
        style = self.style()
        icons = {Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 Severity.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        for diagnostic in diagnostics:
            item = QListWidgetItem(icons[diagnostic.severity], diagnostic_line(diagnostic, root))
            item.setData(PathRole, str(diagnostic.path))
            item.setToolTip(f"{diagnostic.path}\nDouble-click to open the file.")
            self.list.addItem(item)
        if not diagnostics:
            item = QListWidgetItem("No problems: every file of the store is valid.")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.setWindowTitle(f"Store problems ({len(diagnostics)})" if diagnostics else "Store problems")
        self.countChanged.emit(len(diagnostics))

    def lines(self) -> list[str]:
        """The texts shown (for tests and copying)."""
        return [self.list.item(i).text() for i in range(self.list.count())
                if self.list.item(i).data(PathRole)]

    def _open(self, item: QListWidgetItem) -> None:
        path = item.data(PathRole)
        if path:
            dialogs.open_path(Path(path))

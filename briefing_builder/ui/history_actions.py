"""The History menu and dock: changes since the last export, save points, sync.

:class:`HistoryActions` gets what it needs from the main window (editor, library, outline,
settings) and runs every history step on its own worker thread (:class:`.annex_tasks.TaskRunner`):
a refresh computes an :class:`~briefing_builder.history.overview.Overview` and marks the
changed records in the library and the outline. :meth:`HistoryActions.history_mode` tells
the export whether to record it — asking the user once per store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from briefing_builder.paths import is_sample_store
from briefing_builder.store.catalog import Catalog
from briefing_builder.ui import dialogs
from briefing_builder.ui.annex_tasks import TaskRunner
from briefing_builder.ui.history_panel import HistoryDock

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.ui.main_window import MainWindow


class _Refused:
    """A history step that could not be done; ``message`` says why (shown, never raised)."""

    def __init__(self, message: str) -> None:
        self.message = message


def _guarded(step: Callable[[], Any]) -> Any:
    from briefing_builder.history.repository import HistoryError
    from briefing_builder.store.writer import StoreWriteError

    try:
        return step()
    except (HistoryError, StoreWriteError) as exc:
        return _Refused(str(exc))


class HistoryActions(QObject):
    """Owns the History menu, the History dock and the history worker thread."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.runner = TaskRunner("history", self)
        self.dock = HistoryDock(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.preflight, self.dock)
        window.preflight.raise_()
        self.changes_action = self._action(menu, "&Changes since last export", "Ctrl+Shift+H", self.show_changes)
        self.save_action = self._action(menu, "&Save point…", None, self.ask_save_point)
        self.sync_action = self._action(menu, "S&ync with the shared store", None, self.sync)
        menu.addAction(self.dock.toggleViewAction())
        self.dock.refreshRequested.connect(self.refresh)
        self.dock.savePointRequested.connect(self.ask_save_point)
        self.dock.syncRequested.connect(self.sync)
        self.runner.succeeded.connect(self._finished)
        self.runner.failed.connect(lambda message: dialogs.error(window, "History", message))
        self._after: Callable[[Any], None] = self._show

    def _action(self, menu: QMenu, text: str, shortcut: str | None, slot: Callable[[], None]) -> QAction:
        action = menu.addAction(text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    # ------------------------------------------------------------------ export

    def history_mode(self, catalog: Catalog) -> str:
        """``"record"``, ``"start"`` or ``"off"`` for an export from ``catalog``'s store;
        asks the user once per store before starting a history."""
        root = catalog.root
        if is_sample_store(root):
            return "off"
        if (root / ".git").exists():
            return "record"
        choice = self.window.settings.history_choice(root)
        if choice is None:
            choice = dialogs.ask_keep_history(self.window, root)
            self.window.settings.set_history_choice(root, choice)
        return "start" if choice else "off"

    # ------------------------------------------------------------------ tasks

    def _run(self, task: Callable[[], Any], after: Callable[[Any], None]) -> bool:
        if self.runner.running:
            self.window.statusBar().showMessage("A history step is still running.", 5_000)
            return False
        self._after = after
        return self.runner.start(lambda _step: _guarded(task))

    def refresh(self) -> bool:
        """Work out the open pack's changes and the history again (in the background)."""
        from briefing_builder.history.overview import overview

        catalog, pack = self.window.editor.catalog, self.window.editor.pack
        return self._run(lambda: overview(catalog, pack), self._show)

    def show_changes(self) -> None:
        """Show the History dock on its changes and refresh it."""
        self.dock.show()
        self.dock.raise_()
        self.dock.tabs.setCurrentIndex(0)
        self.refresh()

    def ask_save_point(self) -> None:
        """Ask what the save point is for, then commit the store."""
        catalog = self.window.editor.catalog
        if is_sample_store(catalog.root):
            dialogs.info(self.window, "Save point", "The bundled sample store is read-only and keeps no history; "
                                                   "copy it to a folder of your own first.")
            return
        message = dialogs.ask_text(self.window, "Save point", "What is this save point for?", "Save point")
        if message is None:
            return
        from briefing_builder.history.service import history_for

        def save() -> str:
            history = history_for(catalog.root, start=True)
            assert history is not None
            commit = history.save_point(message)
            return f"Save point {commit.decode()[:10]}: {message}" if commit else "Nothing changed since the last save point."
        self._run(save, self._said)

    def sync(self) -> None:
        """Sync the store with its shared remote."""
        dialogs.info(self.window, "Sync", "Sync is not available in this version.")

    def _finished(self, result: Any) -> None:
        if isinstance(result, _Refused):
            dialogs.error(self.window, "History", result.message)
            return
        self._after(result)

    def _said(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)
        self.refresh()

    def _show(self, result: Any) -> None:
        self.dock.show_overview(result)
        for model in self.window.library.models.values():
            model.set_marked(result.marked)
        self.window.outline.model.set_marked(result.sections)

    def shutdown(self) -> None:
        """Join the history worker thread (window closing)."""
        self.runner.shutdown()

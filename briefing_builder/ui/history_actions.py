"""The History menu and dock: changes since the last export, save points, sync.

:class:`HistoryActions` gets the window's services, the History dock, and the library and
outline (it marks their changed records); it runs every history step on its own task runner
(:class:`.task_runner.TaskRunner`, made by the services): a refresh computes an
:class:`~briefing_builder.history.overview.Overview` and marks the changed records in the
library and the outline. :meth:`HistoryActions.history_mode` tells
the export whether to record it — asking the user once per store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMenu

from briefing_builder.paths import is_sample_store
from briefing_builder.store.catalog import Catalog
from briefing_builder.ui import dialogs
from briefing_builder.ui.actions import add_action
from briefing_builder.ui.history_panel import HistoryDock
from briefing_builder.ui.library_panel import LibraryPanel
from briefing_builder.ui.pack_outline import PackOutline
from briefing_builder.ui.services import Services
from briefing_builder.ui.task_runner import TaskSpec


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

    def __init__(self, services: Services, menu: QMenu, dock: HistoryDock, library: LibraryPanel,
                 outline: PackOutline) -> None:
        super().__init__(services.parent)
        self.services = services
        self.window = services.parent  # the parent of the dialogs; closed again after a sync before closing
        self.library, self.outline = library, outline
        self.runner = services.tasks.runner("history", progress_dialog=False)
        self.dock = dock
        self.changes_action = add_action(menu, "&Changes since last export", "Ctrl+Shift+H", self.show_changes)
        self.save_action = add_action(menu, "&Save point…", None, self.ask_save_point)
        self.sync_action = add_action(menu, "S&ync with the shared store", None, self.sync)
        self.auto_sync_action = add_action(
            menu, "Sync when a store is &opened and closed", None, self._auto_sync_chosen,
            "Sync a store that has a shared store each time the app opens or closes it; offline, work goes on "
            "and the next sync sends your edits")
        self.auto_sync_action.setCheckable(True)  # triggered(checked) reaches _auto_sync_chosen
        self.auto_sync_action.setChecked(services.settings.sync_on_open_close)
        menu.addAction(self.dock.toggleViewAction())
        self.dock.refreshRequested.connect(self.refresh)
        self.dock.savePointRequested.connect(self.ask_save_point)
        self.dock.syncRequested.connect(self.sync)
        self.dock.reviewRequested.connect(self.review_conflicts)
        self.runner.succeeded.connect(self._finished)
        self.runner.finished.connect(self._run_queued)
        self._queued_refresh = False
        self._queued_open = False
        self._closing = False
        self.runner.failed.connect(lambda message: services.messages.error("History", message))
        self._after: Callable[[Any], None] = self._show
        self._refused: Callable[[str], None] = self._say_refused
        QTimer.singleShot(0, self, self.store_opened)  # the store the window opens on

    # ------------------------------------------------------------------ export

    def history_mode(self, catalog: Catalog) -> str:
        """``"record"``, ``"start"`` or ``"off"`` for an export from ``catalog``'s store;
        asks the user once per store before starting a history."""
        root = catalog.root
        if is_sample_store(root):
            return "off"
        if (root / ".git").exists():
            return "record"
        choice = self.services.settings.history_choice(root)
        if choice is None:
            choice = dialogs.ask_keep_history(self.window, root)
            self.services.settings.set_history_choice(root, choice)
        return "start" if choice else "off"

    # ------------------------------------------------------------------ tasks

    def _run(self, task: Callable[[], Any], after: Callable[[Any], None],
             refused: Callable[[str], None] | None = None) -> bool:
        if self.runner.running:
            self.services.messages.status("A history step is still running.", 5_000)
            return False
        self._after = after
        self._refused = refused or self._say_refused
        return self.runner.start(TaskSpec("Store history", lambda _step: _guarded(task)))

    def refresh(self) -> bool:
        """Work out the open pack's changes and the history again (in the background); while
        another history step runs, the refresh follows it."""
        from briefing_builder.history.overview import overview

        if self.runner.running:
            self._queued_refresh = True
            return False
        catalog, pack = self.services.catalog, self.services.editor.pack
        return self._run(lambda: overview(catalog, pack), self._show)

    def _run_queued(self) -> None:
        if self._queued_open:
            self._queued_open = False
            self.store_opened()
            return
        if self._queued_refresh:
            self._queued_refresh = False
            self.refresh()

    def show_changes(self) -> None:
        """Show the History dock on its changes and refresh it."""
        self.dock.show()
        self.dock.raise_()
        self.dock.tabs.setCurrentIndex(0)
        self.refresh()

    def ask_save_point(self) -> None:
        """Ask what the save point is for, then commit the store."""
        catalog = self.services.catalog
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
            return (f"Save point {commit.decode()[:10]}: {message}" if commit else
                    "Nothing changed since the last save point.")
        self._run(save, self._said)

    def sync(self) -> bool:
        """Sync the store with the team's shared store (asking for it the first time)."""
        from briefing_builder.history.remote import check_reachable, checked_remote, new_shared_folder, remote_url
        from briefing_builder.history.repository import HistoryError
        from briefing_builder.history.service import history_for
        from briefing_builder.history.sync import sync

        catalog = self.services.catalog
        if is_sample_store(catalog.root):
            dialogs.info(self.window, "Sync", "The bundled sample store cannot be shared; open your team's store "
                                              "(or a copy of the sample) first.")
            return False
        if self._show_waiting("Not synced"):
            return False
        history = history_for(catalog.root)
        url = remote_url(history) if history is not None else None
        create = False
        if url is None:
            url = dialogs.ask_text(self.window, "Shared store", "The team's shared store (a folder on a network "
                                   "share, or an https:// Git server address):")
            if not url:
                return False
            try:
                url = checked_remote(url)
            except HistoryError as exc:
                self.services.messages.error("Sync", str(exc))
                return False
            new_folder = new_shared_folder(url)
            create = new_folder is not None and dialogs.confirm(
                self.window, "New shared store", f"There is no shared store at {new_folder.absolute()}. Make a new "
                "one there for the team, and send this store to it?", "Make the shared store")
            if new_folder is not None and not create:
                return False
        remote = url

        def run() -> Any:
            if history_for(catalog.root) is None:
                check_reachable(remote, create)  # a history starts only for a shared store that answers
            found = history_for(catalog.root, start=True)
            assert found is not None
            return sync(found, remote, create)
        return self._run(run, self._synced)

    def review_conflicts(self) -> bool:
        """Show the open sync conflicts in the review dialog; resolve them as chosen there."""
        from briefing_builder.history.service import history_for
        from briefing_builder.history.sync import load_state, resolve
        from briefing_builder.ui.history_review import SyncReview

        root = self.services.catalog.root
        history = history_for(root)
        conflicts = self.open_conflicts()
        if history is None or not conflicts:
            self.dock.show_conflicts([])
            self.services.messages.status("No sync conflict is open.", 10_000)
            return False
        review = SyncReview(conflicts, root, str((load_state(history) or {}).get("remote", "")), self.window)
        chosen = review.choices() if dialogs.run_form(self.window, review) else None
        review.deleteLater()
        if chosen is None:
            return False
        theirs, mine = chosen

        def run() -> Any:
            found = history_for(root)
            assert found is not None
            return resolve(found, theirs, mine)
        return self._run(run, self._taken)

    def _synced(self, report: Any) -> None:
        self.services.messages.status(report.message, 20_000)
        self.services.watcher.reload()
        if report.not_sent:  # the share answered but took nothing (read-only for me): told in a box
            self.services.messages.error("Sync: nothing was sent", report.message)
        if report.conflicts:
            self.dock.show()
            self.dock.raise_()
            self.dock.show_conflicts(list(report.conflicts))
            self.dock.tabs.setCurrentIndex(2)
            QTimer.singleShot(0, self, self.review_conflicts)  # after the sync's task has fully ended
            return
        self.refresh()

    def _taken(self, result: Any) -> None:
        left, report = result
        self.dock.show_conflicts(left)
        self.services.watcher.reload()
        if report is not None:
            self.services.messages.status("All sync conflicts resolved; " + (
                "the merge was sent." if report.pushed else f"not sent: {report.not_sent}."), 20_000)
        self.refresh()

    def _finished(self, result: Any) -> None:
        if isinstance(result, _Refused):
            self._refused(result.message)
            return
        self._after(result)

    def _say_refused(self, message: str) -> None:
        self.services.messages.error("History", message)

    def _said(self, text: str) -> None:
        self.services.messages.status(text, 10_000)
        self.refresh()

    def _show(self, result: Any) -> None:
        self.dock.show_overview(result)
        for model in self.library.models.values():
            model.set_marked(result.marked)
        self.outline.model.set_marked(result.sections)

    # ------------------------------------------------------------------ sync on open and close

    def _auto_sync_chosen(self, on: bool) -> None:
        self.services.settings.sync_on_open_close = on
        self.services.messages.status("Stores with a shared store are synced when opened and closed." if on
                                            else "Stores are synced only when you choose Sync.", 10_000)

    def open_conflicts(self) -> list[Any]:
        """The conflicts the open store's last sync left for a choice (none without a history)."""
        from briefing_builder.history.service import history_for
        from briefing_builder.history.sync import pending_conflicts

        history = history_for(self.services.catalog.root)
        return list(pending_conflicts(history)) if history is not None else []

    def _shared_store(self) -> str | None:
        """The open store's remembered shared store, when the setting asks to sync it on open and close."""
        root = self.services.catalog.root
        if not self.services.settings.sync_on_open_close or is_sample_store(root) or not (root / ".git").exists():
            return None  # nothing of the history (nor dulwich) loads for a store that will not sync
        from briefing_builder.history.remote import remote_url
        from briefing_builder.history.service import history_for

        history = history_for(root)
        return remote_url(history) if history is not None else None

    def _sync_task(self) -> Callable[[], Any]:
        from briefing_builder.history.service import history_for
        from briefing_builder.history.sync import sync

        root = self.services.catalog.root

        def run() -> Any:
            found = history_for(root)
            assert found is not None
            return sync(found)
        return run

    def store_opened(self) -> bool:
        """Sync the store just opened, if the setting asks for it and it has a shared store (in the
        background; offline, the status bar says so and work goes on)."""
        url = self._shared_store()
        if url is None:
            return False
        if self._show_waiting("Not synced on opening"):
            return False
        if self.runner.running:
            self._queued_open = True
            return False
        self.services.messages.status(f"Syncing with {url}…", 10_000)
        return self._run(self._sync_task(), self._synced, self._open_sync_refused)

    def _show_waiting(self, lead: str) -> bool:
        """Show the conflicts the last sync left for a choice, and where to resolve them, instead of
        a sync that would refuse; ``True`` when there are some."""
        waiting = self.open_conflicts()
        if not waiting:
            return False
        self.dock.show()
        self.dock.raise_()
        self.dock.show_conflicts(waiting)
        self.dock.tabs.setCurrentIndex(2)
        self.services.messages.status(f"{lead}: {len(waiting)} conflict(s) of the last sync wait for your choice "
                                      "(History dock › Sync conflicts › Review and resolve…), then sync again.",
                                      60_000)
        return True

    def _open_sync_refused(self, message: str) -> None:
        self.services.messages.status(f"Not synced on opening: {message}", 60_000)
        self.refresh()

    def store_closing(self) -> bool:
        """Sync the open store before another one replaces it (the setting on; in the background)."""
        url = self._shared_store()
        if url is None or self.runner.running:
            return False
        root = self.services.catalog.root

        def said(report: Any) -> None:
            self.services.messages.status(f"{root} on closing: {report.message}", 30_000)

        def refused(message: str) -> None:
            self.services.messages.status(f"{root} not synced on closing: {message}", 60_000)
        return self._run(self._sync_task(), said, refused)

    def sync_before_close(self) -> bool:
        """Start the sync the setting asks for when the window closes; ``True`` when one started
        (the window closes itself once it has ended, whatever its outcome)."""
        if self._closing or self._shared_store() is None or self.runner.running:
            return False
        if self.open_conflicts():
            return False  # a sync would refuse until they are resolved; they are shown at the next opening
        self._closing = True
        self.services.messages.status("Syncing with the shared store before closing…", 0)
        return self._run(self._sync_task(), self._closed_after_sync, self._closed_after_refusal)

    def _closed_after_sync(self, report: Any) -> None:
        if report.conflicts:
            dialogs.info(self.window, "Sync before closing", report.message + " The conflicts wait for you the next "
                         "time you open this store (History › Sync conflicts).")
        self.window.close()

    def _closed_after_refusal(self, message: str) -> None:
        dialogs.info(self.window, "Not synced before closing", message)
        self.window.close()

    def shutdown(self) -> None:
        """Join the history worker thread (window closing)."""
        self.runner.shutdown()

"""The main window: it creates the pieces and connects them.

Library (left) → pack outline (middle) → inspector (right), the live preview and the
pre-flight check in docks on the right (the History dock tabbed with the pre-flight check),
store problems in a dock below, store and counts in the status bar. Unsaved edits are
autosaved and offered back after a crash. The controllers get the window's
:class:`~briefing_builder.ui.services.Services`, not the window; the menus and toolbar are built
by :mod:`.window_menus`, the status bar by :mod:`.window_status`, the layout by
:mod:`.window_layout`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QWidget
from shiboken6 import isValid

from briefing_builder.pack import document as pd
from briefing_builder.pack.adding import content_position
from briefing_builder.pack.preflight import Finding, field_findings
from briefing_builder.pack.preflight import check as preflight_check
from briefing_builder.store import Catalog, StoreNotFound, load_store
from briefing_builder.ui import dialogs
from briefing_builder.ui.autosave import Autosave, recovery_dir
from briefing_builder.ui.commands import PackCommand
from briefing_builder.ui.diagnostics_dock import DiagnosticsDock
from briefing_builder.ui.documents import DocumentController
from briefing_builder.ui.editor import PackEditor
from briefing_builder.ui.history_panel import HistoryDock
from briefing_builder.ui.icon import app_icon
from briefing_builder.ui.inspector import Inspector
from briefing_builder.ui.library_panel import LibraryPanel
from briefing_builder.ui.pack_outline import PackOutline
from briefing_builder.ui.pending_edit import commit_pending_edit
from briefing_builder.ui.preflight_panel import PreflightPanel
from briefing_builder.ui.preview.thumbnails import PreviewDock
from briefing_builder.ui.preview.worker import PreviewResult, PreviewWorker
from briefing_builder.ui.responsive_panels import ResponsivePanels
from briefing_builder.ui.services import build_services
from briefing_builder.ui.settings import AppSettings
from briefing_builder.ui.shortcuts import ShortcutGuard
from briefing_builder.ui.window_layout import WindowLayout
from briefing_builder.ui.window_menus import WindowMenus
from briefing_builder.ui.window_status import StoreStatus

APP_NAME = "Briefing Builder"


class MainWindow(QMainWindow):
    """Browse the library, compose the pack, export it."""

    def __init__(self, catalog: Catalog, document: pd.PackDocument, settings: AppSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main-window")
        self.setWindowIcon(app_icon())
        self.settings = settings
        self.editor = PackEditor(catalog, document, self)
        self.services = build_services(self, self.statusBar(), self.editor, settings)
        self.watcher = self.services.watcher
        self.documents = DocumentController(self.services)
        self.library = LibraryPanel()
        self.outline = PackOutline(self.editor)
        self.inspector = Inspector(self.editor)
        self.panels = ResponsivePanels(self.library, self.outline, self.inspector)
        self.splitter = self.panels.splitter
        self.setCentralWidget(self.panels)
        self.close_confirmed = False  # the user answered "Save changes?"; the window closes after the sync
        self._build_docks()
        self.layout_state = WindowLayout(self, self.panels, self.preview, self.preflight, settings)
        self.preview_worker = PreviewWorker(self)
        self.autosave = Autosave(self.editor, recovery_dir(settings), self)
        self.store_status = StoreStatus(self.statusBar())
        self.store_label, self.counts_label = self.store_status.store_label, self.store_status.counts_label
        self.problems_button = self.store_status.problems_button
        self.problems_button.clicked.connect(self._toggle_problems)
        self.menus = menus = WindowMenus(self)  # the controllers, reached from here by the tests and the driver:
        self.annex_actions, self.deck_import = menus.annex_actions, menus.deck_import
        self.pdf_actions = menus.pdf_actions
        self.library_actions, self.history_actions = menus.library_actions, menus.history_actions
        self.export_actions = menus.export_actions
        self.exporter, self.export_action = self.export_actions.runner, self.export_actions.action
        self.undo_action, self.redo_action = menus.undo_action, menus.redo_action
        self.shortcut_guard = ShortcutGuard(self)
        self._connect()
        self.diagnostics.setVisible(False)
        self.set_catalog(catalog)
        self.watcher.watch(catalog.root)
        self._document_replaced()
        self.outline.select(0)
        self._shown = False
        self.first_layout()
        self.layout_state.restore()
        if catalog.diagnostics:
            self.show_problems()  # even when the saved layout had it closed: problems are never silent
        else:
            self.diagnostics.hide()  # an empty list the saved layout had open: it stays closed while the store is valid
        self.offer_recovery()

    # ------------------------------------------------------------------ construction

    def _build_docks(self) -> None:
        """Store problems below; the preview above the pre-flight check on the right, History tabbed with it."""
        self.diagnostics = DiagnosticsDock(self)
        self.problems_opened_by_app = False  # the dock opened itself: it closes itself once the store is valid
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.diagnostics)
        self.preview = PreviewDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview)
        self.preflight = PreflightPanel(self.settings, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preflight)
        self.splitDockWidget(self.preview, self.preflight, Qt.Orientation.Vertical)
        self.history_dock = HistoryDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.tabifyDockWidget(self.preflight, self.history_dock)
        self.preflight.raise_()
        self.history_dock.hide()  # opened from the History menu (Ctrl+Shift+H); a store without history needs none

    def _connect(self) -> None:
        editor = self.editor
        self.library.addRequested.connect(self.add_from_library)
        self.outline.currentSectionChanged.connect(self.inspector.show_section)
        editor.undo_stack.cleanChanged.connect(self._clean_changed)
        editor.documentReplaced.connect(self._document_replaced)
        editor.packChanged.connect(self._update_status)
        editor.packChanged.connect(self._update_title)
        editor.editRefused.connect(self.services.messages.status)
        self.watcher.reloaded.connect(self.set_catalog)
        self.watcher.failed.connect(lambda message: dialogs.error(self, "Store unavailable", message))
        editor.packChanged.connect(self._request_preview)
        self.preview_worker.ready.connect(self._preview_ready)
        self.preview.sectionActivated.connect(self.outline.select)
        self.outline.currentSectionChanged.connect(self.preview.show_section)
        self.preflight.sectionRequested.connect(self.outline.select)
        self.preflight.diagnosticRequested.connect(self._show_diagnostic)
        self.preflight.ageChanged.connect(lambda _months: self._update_preflight())
        self.inspector.meeting.problemsChanged.connect(self._update_preflight)

    # ------------------------------------------------------------------ store

    def set_catalog(self, catalog: Catalog) -> None:
        """Show a (re)loaded store; the open pack stays, its references re-resolved (with what is
        still being typed in a field, which the refreshed form would otherwise show over)."""
        commit_pending_edit(self)
        self.editor.set_catalog(catalog)
        self.library.set_catalog(catalog)
        had = self.diagnostics.count
        self.diagnostics.set_diagnostics(catalog.diagnostics, catalog.root)
        if len(catalog.diagnostics) > had:
            self.show_problems()
        elif not catalog.diagnostics and self.problems_opened_by_app:
            self.problems_opened_by_app = False
            self.diagnostics.hide()
            self.services.messages.status("The store is valid again: the store problems list closed.")
        self._update_status()

    def show_problems(self) -> None:
        """Open the store problems dock by itself, a few lines high (not half the window); it closes
        again by itself once the store is valid, unless the user has opened or closed it since."""
        if self.diagnostics.isVisible():
            return
        self.diagnostics.show()
        self.problems_opened_by_app = True
        height = self.problems_height()
        self.resizeDocks([self.diagnostics], [height], Qt.Orientation.Vertical)

        def resize_again() -> None:
            if isValid(self):
                self.resizeDocks([self.diagnostics], [height], Qt.Orientation.Vertical)

        QTimer.singleShot(0, resize_again)

    def _toggle_problems(self) -> None:
        self.diagnostics.setVisible(not self.diagnostics.isVisible())
        self.problems_chosen()

    def problems_height(self) -> int:
        """The store problems dock's height when it opens by itself: its problems, 3 to 6 lines, at most a quarter."""
        lines = min(max(self.diagnostics.count, 3), 6)
        wanted = self.diagnostics.list.fontMetrics().lineSpacing() * (lines + 3)
        return max(self.diagnostics.minimumSizeHint().height(), min(wanted, self.height() // 4))

    def problems_chosen(self) -> None:
        """The user opened or closed the store problems: it stays as they left it."""
        self.problems_opened_by_app = False

    def load_store(self, folder: Path) -> bool:
        """Load and watch the store at ``folder``; explain when it is not a store."""
        try:
            catalog = load_store(folder)
        except StoreNotFound as exc:
            dialogs.error(self, "Not a store", str(exc))
            return False
        if catalog.root.resolve() != self.editor.catalog.root.resolve():
            self.history_actions.store_closing()
        self.set_catalog(catalog)
        self.watcher.watch(catalog.root)
        self.settings.last_store = catalog.root
        if catalog.diagnostics:
            self.show_problems()
        self.history_actions.store_opened()
        return True

    def open_store(self) -> None:
        """Ask for a store folder and load it."""
        folder = dialogs.store_folder(self, self.editor.catalog.root)
        if folder is not None:
            self.load_store(folder)

    def _update_status(self) -> None:
        self.store_status.show(self.editor.catalog, self.editor.pack)

    # ------------------------------------------------------------------ documents and panels

    def insert_position(self) -> int:
        """Where library records go: after the selected section (after the agenda when that is the title
        or the agenda), never after a closing slide."""
        return content_position(self.editor.pack, self.outline.current_row())

    def add_from_library(self, records: list[tuple[str, str]]) -> bool:
        """Add library ``records`` where :meth:`insert_position` says; none selected: say so, as F2 does."""
        if not records:
            self.services.messages.status("Select a record in the library first.")
            return False
        return self.editor.add_records(records, self.insert_position())

    def _update_title(self) -> None:
        """The window title names the document: its file, or its id while unsaved (which follows the
        title and date of a new pack at once)."""
        self.setWindowTitle(f"{self.editor.document.display_name}[*] — {APP_NAME}")

    def _document_replaced(self) -> None:
        self._update_title()
        self.setWindowModified(not self.editor.undo_stack.isClean())
        self.inspector.meeting.refresh()
        self.inspector.show_section(self.outline.current_row())

    def focus_panel(self, panel: QWidget, widget: QWidget) -> None:
        """Show ``panel`` (its tab, when the panels are tabbed) and give ``widget`` the focus."""
        self.panels.reveal(panel)
        widget.setFocus()

    def focus_search(self) -> None:
        """Put the cursor in the library search box."""
        self.panels.reveal(self.library)
        self.library.search.setFocus()
        self.library.search.selectAll()

    def show_meeting(self) -> None:
        """Bring the meeting form into view with the cursor in its date, its problems in the pre-flight check."""
        self._update_preflight()
        self.panels.reveal(self.inspector)
        self.inspector.meeting.date.setFocus()

    def export(self) -> None:
        """File → Export deck and annex… (see :class:`~briefing_builder.ui.export_actions.ExportActions`)."""
        self.export_actions.ask()

    def start_export(self, folder: Path) -> bool:
        """Export the open pack into ``folder`` in the background (False when one is running or cancelled)."""
        return self.export_actions.start(folder)

    # ------------------------------------------------------------------ preview and pre-flight

    def _request_preview(self) -> None:
        self.preview_worker.request(self.editor.pack, self.editor.catalog)

    def _preview_ready(self, result: PreviewResult) -> None:
        self.preview.show_result(result)
        self._update_preflight()

    def _update_preflight(self) -> None:
        result = self.preview_worker.latest
        plan = result.plan if result is not None else None
        findings = preflight_check(self.editor.pack, self.editor.catalog, plan,
                                   result.geometry if result is not None else None, self.preflight.max_age_months)
        if result is not None and result.error:
            findings.insert(0, Finding("damaged-template", result.error))
        self.preflight.set_findings(field_findings(self.inspector.meeting.problems()) + findings)

    def _show_diagnostic(self, index: int) -> None:
        self.problems_chosen()
        self.diagnostics.show()
        self.diagnostics.raise_()
        self.diagnostics.list.setCurrentRow(index)

    # ------------------------------------------------------------------ crash recovery

    def offer_recovery(self) -> bool:
        """Offer back edits autosaved by a session that crashed; True when they were restored."""
        for recovery in self.autosave.orphans()[:1]:
            restore = dialogs.ask_restore(self, recovery.describe())
            if restore:
                base = self.editor.pack
                if recovery.original is not None:
                    with contextlib.suppress(pd.PackFileError):
                        base = pd.read_pack(recovery.original)
                    self.editor.replace_document(pd.PackDocument(base, recovery.original))
                self.editor.undo_stack.push(PackCommand(self.editor, "Restore unsaved changes", base, recovery.pack))
            recovery.discard()
            return restore
        return False

    # ------------------------------------------------------------------ layout and closing

    def first_layout(self, available: QRect | None = None) -> None:
        """The first-start layout for this screen (or ``available``); see :class:`WindowLayout`."""
        self.layout_state.first(available)

    def save_layout(self) -> None:
        """Remember geometry, docks and splitter."""
        self.layout_state.save()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API name
        """First show: the keyboard starts in the library search box, or in the outline when the
        library is a hidden tab."""
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            (self.library.search if self.library.isVisibleTo(self) else self.outline.view).setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API name
        """Offer to save, remember the layout, stop every background task."""
        if not self.close_confirmed and not self.documents.maybe_save():
            event.ignore()
            return
        if self.history_actions.sync_before_close():
            self.close_confirmed = True
            event.ignore()  # closes again once the sync has ended, without asking again
            return
        self.save_layout()
        self.services.tasks.shutdown()
        self.preview_worker.shutdown()
        self.autosave.discard()
        self._release_document()
        event.accept()

    def _clean_changed(self, clean: bool) -> None:
        if isValid(self):  # a QUndoStack with unsaved steps also emits this from its destructor
            self.setWindowModified(not clean)

    def _release_document(self) -> None:
        """The pack is closed (saved or discarded): empty both undo histories now, while the window lives.

        A ``QUndoStack`` with unsaved steps emits ``cleanChanged`` from its destructor, which runs
        while the window is being deleted; a slot touching the window then fails ("Internal C++
        object already deleted") in a box that keeps the process alive."""
        for stack in self.services.undo_stacks:
            stack.clear()

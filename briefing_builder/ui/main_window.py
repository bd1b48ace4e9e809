"""The main window: wiring only.

Library (left) → pack outline (middle) → inspector (right), the live preview and the
pre-flight check in docks on the right, store problems in a dock below, store and counts in
the status bar. Unsaved edits are autosaved and offered back after a crash. The pieces live in their own modules; this one creates
them, connects their signals, builds the menus and persists the layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolButton, QWidget
from shiboken6 import isValid

from briefing_builder.paths import sample_store_dir
from briefing_builder.store import Catalog, StoreNotFound, load_store
from briefing_builder.ui import dialogs
from briefing_builder.ui import pack_document as pd
from briefing_builder.ui.annex_actions import AnnexActions
from briefing_builder.ui.deck_import import DeckImportActions
from briefing_builder.ui.autosave import Autosave, recovery_dir
from briefing_builder.ui.commands import PackCommand
from briefing_builder.ui.diagnostics_dock import DiagnosticsDock
from briefing_builder.ui.documents import DocumentController
from briefing_builder.ui.elided_label import ElidedLabel
from briefing_builder.ui.editor import PackEditor
from briefing_builder.ui.export import ExportController, ExportJob, free_stem, output_files
from briefing_builder.ui.history_actions import HistoryActions
from briefing_builder.ui.pdf_actions import PdfActions
from briefing_builder.ui.icon import app_icon
from briefing_builder.ui.inspector import Inspector
from briefing_builder.ui.library_actions import LibraryActions
from briefing_builder.ui.library_panel import LibraryPanel
from briefing_builder.ui.missing_records import missing_sections, missing_text
from briefing_builder.ui.pack_outline import PackOutline
from briefing_builder.ui.preflight import Finding, count_text, field_findings
from briefing_builder.ui.preflight import check as preflight_check
from briefing_builder.ui.preflight_panel import PreflightPanel
from briefing_builder.ui.preview.thumbnails import PreviewDock
from briefing_builder.ui.preview.worker import PreviewResult, PreviewWorker
from briefing_builder.ui.responsive_panels import ResponsivePanels, arrangement_for
from briefing_builder.ui.settings import AppSettings
from briefing_builder.ui.shortcuts import ShortcutGuard
from briefing_builder.ui.store_watch import StoreWatcher
from briefing_builder.ui.window_geometry import clamped_geometry, initial_geometry

if TYPE_CHECKING:  # pragma: no cover - the pipeline is imported when exporting
    from briefing_builder.pipeline import BuildResult

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
        self.documents = DocumentController(self, self.editor, settings)
        self.library = LibraryPanel()
        self.outline = PackOutline(self.editor)
        self.inspector = Inspector(self.editor)
        self.panels = ResponsivePanels(self.library, self.outline, self.inspector)
        self.splitter = self.panels.splitter
        self.setCentralWidget(self.panels)
        self.diagnostics = DiagnosticsDock(self)
        self.problems_opened_by_app = False  # the dock opened itself: it closes itself once the store is valid
        self.close_confirmed = False  # the user answered "Save changes?"; the window closes after the sync
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.diagnostics)
        self.preview = PreviewDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview)
        self.preflight = PreflightPanel(settings, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preflight)
        self.splitDockWidget(self.preview, self.preflight, Qt.Orientation.Vertical)
        self.preview_worker = PreviewWorker(self)
        self.autosave = Autosave(self.editor, recovery_dir(settings), self)
        self.watcher = StoreWatcher(self)
        self.exporter = ExportController(self, self)
        self._build_status_bar()
        self._build_menus()
        self.shortcut_guard = ShortcutGuard(self)
        self._connect()
        self.diagnostics.setVisible(False)
        self.set_catalog(catalog)
        self.watcher.watch(catalog.root)
        self._document_replaced()
        self.outline.select(0)
        self._shown = False
        self.first_layout()
        self.restore_layout()
        if catalog.diagnostics:
            self.show_problems()  # even when the saved layout had it closed: problems are never silent
        self.offer_recovery()

    # ------------------------------------------------------------------ construction

    def _action(self, menu: QMenu, text: str, shortcut: QKeySequence | str | None, slot: object,
                tip: str = "") -> QAction:
        action = menu.addAction(text)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        icons = QStyle.StandardPixmap
        bar = self.menuBar()
        file = bar.addMenu("&File")
        new = self._action(file, "&New pack", keys.New, self.documents.new)
        open_ = self._action(file, "&Open pack…", keys.Open, lambda: self.documents.open())
        self.recent_menu = file.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.store_packs_menu = file.addMenu("Open pack from s&tore")
        self.store_packs_menu.aboutToShow.connect(self._fill_store_packs)
        save = self._action(file, "&Save", keys.Save, self.documents.save)
        self._action(file, "Save &as…", "Ctrl+Shift+S", self.documents.save_as)
        file.addSeparator()
        self._action(file, "Open store &folder…", "Ctrl+Shift+O", self.open_store)
        self._action(file, "Re&load store", "F5", self.watcher.reload)
        file.addSeparator()
        self.export_action = self._action(file, "&Export deck and annex…", "Ctrl+E", self.export,
                                          "Build the deck (.pptx) and the annex (.xlsx) in a folder")
        self.annex_actions = AnnexActions(self, file)
        self.deck_import = DeckImportActions(self, file)
        file.addSeparator()
        self.pdf_actions = PdfActions(self, file)
        file.addSeparator()
        self._action(file, "&Quit", "Ctrl+Q", self.close)

        edit = bar.addMenu("&Edit")
        undo = self.editor.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence(keys.Undo))
        redo = self.editor.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence(keys.Redo), QKeySequence("Ctrl+Y")])
        edit.addActions([undo, redo])
        self.undo_action, self.redo_action = undo, redo
        edit.addSeparator()
        self._action(edit, "&Find in library", keys.Find, self.focus_search)
        self._action(edit, "Add selected to &pack", "Ctrl+Return", self.library.add_selected)
        edit.addMenu(self.outline.add_menu)
        edit.addActions([self.outline.up_action, self.outline.down_action, self.outline.remove_action])

        view = bar.addMenu("&View")
        toggle = self.diagnostics.toggleViewAction()
        toggle.setShortcut(QKeySequence("Ctrl+Shift+D"))
        toggle.triggered.connect(self._problems_chosen)
        view.addAction(toggle)
        for dock, keys_ in ((self.preview, "Ctrl+Shift+P"), (self.preflight, "Ctrl+Shift+K")):
            action = dock.toggleViewAction()
            action.setShortcut(QKeySequence(keys_))
            view.addAction(action)
        self._action(view, "Focus &outline", "Ctrl+2", lambda: self.focus_panel(self.outline, self.outline.view))
        self._action(view, "Focus &library", "Ctrl+1",
                     lambda: self.focus_panel(self.library, self.library.current_view()))
        self._action(view, "Focus &inspector", "Ctrl+3",
                     lambda: self.focus_panel(self.inspector, self.inspector.meeting.title))
        self.library_actions = LibraryActions(self, bar)
        self.history_actions = HistoryActions(self, bar.addMenu("Histor&y"))
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About Briefing Builder", keys.HelpContents, lambda: dialogs.about(self))

        style = self.style()
        for action, icon in ((new, icons.SP_FileIcon), (open_, icons.SP_DialogOpenButton),
                             (save, icons.SP_DialogSaveButton), (undo, icons.SP_ArrowBack),
                             (redo, icons.SP_ArrowForward)):
            action.setIcon(style.standardIcon(icon))
        self.export_action.setIcon(app_icon())
        tools = self.addToolBar("Main")
        tools.setObjectName("main-toolbar")
        tools.setAccessibleName("Main toolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.addActions([new, open_, save])
        tools.addSeparator()
        tools.addActions([undo, redo])
        tools.addSeparator()
        tools.addAction(self.export_action)
        self.export_action.setIconText("Export deck and annex")
        for action in (new, open_, save, undo, redo, self.export_action):
            action.setToolTip(f"{action.iconText() or action.text().replace('&', '')} "
                              f"({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")

    def _build_status_bar(self) -> None:
        """Store and counts elide when the window is narrow and make way for messages (undo, apply…);
        the store-problems button stays."""
        status = self.statusBar()
        self.store_label = ElidedLabel()
        self.store_label.setAccessibleName("Store")
        self.counts_label = ElidedLabel()
        self.counts_label.setAccessibleName("Record counts")
        self.problems_button = QToolButton()
        self.problems_button.setAutoRaise(True)
        self.problems_button.setAccessibleName("Store problems")
        self.problems_button.clicked.connect(lambda: (self.diagnostics.setVisible(not self.diagnostics.isVisible()),
                                                      self._problems_chosen()))
        status.addWidget(self.store_label, 3)
        status.addWidget(self.counts_label, 2)
        status.addPermanentWidget(self.problems_button)

    def _connect(self) -> None:
        editor = self.editor
        self.library.addRequested.connect(lambda records: editor.add_records(records, self.insert_position()))
        self.outline.currentSectionChanged.connect(self.inspector.show_section)
        editor.undo_stack.cleanChanged.connect(self._clean_changed)
        editor.documentReplaced.connect(self._document_replaced)
        editor.packChanged.connect(self._update_status)
        editor.editRefused.connect(lambda message: self.statusBar().showMessage(message, 10_000))
        self.watcher.reloaded.connect(self.set_catalog)
        self.watcher.failed.connect(lambda message: dialogs.error(self, "Store unavailable", message))
        self.exporter.succeeded.connect(self._export_succeeded)
        self.exporter.failed.connect(lambda message: dialogs.error(self, "Export failed", message))
        self.exporter.cancelled.connect(lambda: self.statusBar().showMessage("Export cancelled.", 10_000))
        self.exporter.finished.connect(lambda: self.export_action.setEnabled(True))
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
        """Show a (re)loaded store; the open pack stays, its references re-resolved."""
        self.editor.set_catalog(catalog)
        self.library.set_catalog(catalog)
        had = self.diagnostics.count
        self.diagnostics.set_diagnostics(catalog.diagnostics, catalog.root)
        if len(catalog.diagnostics) > had:
            self.show_problems()
        elif not catalog.diagnostics and self.problems_opened_by_app:
            self.problems_opened_by_app = False
            self.diagnostics.hide()
            self.statusBar().showMessage("The store is valid again: the store problems list closed.", 10_000)
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
        QTimer.singleShot(0, lambda: isValid(self) and self.resizeDocks([self.diagnostics], [height],
                                                                        Qt.Orientation.Vertical))

    def problems_height(self) -> int:
        """The store problems dock's height when it opens by itself: its problems, 3 to 6 lines, at most a quarter."""
        lines = min(max(self.diagnostics.count, 3), 6)
        wanted = self.diagnostics.list.fontMetrics().lineSpacing() * (lines + 3)
        return max(self.diagnostics.minimumSizeHint().height(), min(wanted, self.height() // 4))

    def _problems_chosen(self) -> None:
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
        catalog = self.editor.catalog
        counts = catalog.counts()
        bundled = catalog.root.resolve() == sample_store_dir().resolve()
        self.store_label.setText(f"Store: {catalog.meta.name} — " + ("bundled sample" if bundled else str(catalog.root)))
        self.store_label.set_detail(str(catalog.root))
        self.counts_label.setText(f"{counts['areas']} areas · {counts['measures']} measures · "
                                  f"{counts['countries']} countries · {counts['milestones']} milestones · "
                                  f"{counts['consultations']} consultations")
        problems = len(catalog.diagnostics)
        dangling = pd.dangling_count(self.editor.pack, catalog)
        text = f"⚠ {problems} store problem(s)" if problems else "✓ Store valid"
        if dangling:
            text += f" · {dangling} missing record(s) in pack"
        self.problems_button.setText(text)
        self.problems_button.setToolTip("Show or hide the list of store problems (Ctrl+Shift+D)")

    # ------------------------------------------------------------------ documents

    def insert_position(self) -> int | None:
        """Where library records go: after the selected section, never after a closing slide."""
        row = self.outline.current_row()
        sections = self.editor.pack.sections
        if row < 0:
            return None
        return row if sections[row].type == "closing" else row + 1

    def _document_replaced(self) -> None:
        self.setWindowTitle(f"{self.editor.document.display_name}[*] — {APP_NAME}")
        self.setWindowModified(not self.editor.undo_stack.isClean())
        self.inspector.meeting.refresh()
        self.inspector.show_section(self.outline.current_row())

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_packs()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number % 10} {path.name} — {path.parent}")
            action.triggered.connect(lambda _=False, p=path: self.documents.open(p))
        if not recent:
            self.recent_menu.addAction("No recent packs").setEnabled(False)
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Clear list", self.settings.clear_recent_packs)

    def _fill_store_packs(self) -> None:
        self.store_packs_menu.clear()
        for pack in self.editor.catalog.packs.values():
            action = self.store_packs_menu.addAction(f"{pack.meeting.date} — {pack.meeting.title} ({pack.id})")
            action.triggered.connect(lambda _=False, pid=pack.id: self.documents.maybe_save()
                                     and self.documents.open_store_pack(pid))

    def focus_panel(self, panel: QWidget, widget: QWidget) -> None:
        """Show ``panel`` (its tab, when the panels are tabbed) and give ``widget`` the focus."""
        self.panels.reveal(panel)
        widget.setFocus()

    def focus_search(self) -> None:
        """Put the cursor in the library search box."""
        self.panels.reveal(self.library)
        self.library.search.setFocus()
        self.library.search.selectAll()

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
            findings.insert(0, Finding("layout-fallback", result.error))
        self.preflight.set_findings(field_findings(self.inspector.meeting.problems()) + findings)

    def _show_diagnostic(self, index: int) -> None:
        self._problems_chosen()
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
                    try:
                        base = pd.read_pack(recovery.original)
                    except pd.PackFileError:
                        pass
                    self.editor.replace_document(pd.PackDocument(base, recovery.original))
                self.editor.undo_stack.push(PackCommand(self.editor, "Restore unsaved changes", base, recovery.pack))
            recovery.discard()
            return restore
        return False

    # ------------------------------------------------------------------ export

    def export(self) -> None:
        """Ask for an output folder and build the deck and annex there in the background."""
        if self.exporter.running:
            return
        self.inspector.meeting.commit_typing()
        problems = self.inspector.meeting.problems()
        if problems:
            self.refuse_export(problems)
            return
        missing = missing_sections(self.editor.pack, self.editor.catalog)
        if missing:
            self.show_problems()
            if not dialogs.confirm(self, "Sections will be missing", missing_text(missing), "Export anyway"):
                return
        note = count_text(self.preflight.count) if self.preflight.count else ""
        if note:  # in the chooser's title, and below it where a title bar is not seen
            self.statusBar().showMessage(f"{note}, listed in the pre-flight check (Ctrl+Shift+K).")
        folder = dialogs.output_folder(self, self.settings.last_output or Path.home(), note)
        if note:
            self.statusBar().clearMessage()
        if folder is not None:
            self.settings.last_output = folder
            self.start_export(folder)

    def refuse_export(self, problems: list[tuple[str, str]]) -> None:
        """A meeting field's typed text is not used: say which and what to type; nothing is exported."""
        self._update_preflight()
        self.panels.reveal(self.inspector)
        self.inspector.meeting.date.setFocus()
        dialogs.error(self, "Correct the meeting first", "\n\n".join(f"{field}: {problem}" for field, problem in problems)
                      + "\n\nNothing was exported: correct the field (it is marked red), then export again.")

    def start_export(self, folder: Path) -> bool:
        """Build the open pack into ``folder`` on the worker thread, with a progress dialog.

        When the deck or annex is already there, asks first: replace, keep both, or cancel."""
        if self.exporter.running:
            return False
        folder, pack = Path(folder), self.editor.pack
        stem = None
        existing = [path for path in output_files(pack.id, folder) if path.exists()]
        if existing:
            stem = free_stem(pack.id, folder)
            choice = dialogs.ask_replace(self, existing, stem)
            if choice is dialogs.ReplaceChoice.CANCEL:
                return False
            if choice is dialogs.ReplaceChoice.REPLACE:
                stem = None
        history = self.history_actions.history_mode(self.editor.catalog)
        if not self.exporter.start(ExportJob(pack, self.editor.catalog, folder, stem=stem, history=history)):
            return False
        self.export_action.setEnabled(False)
        return True

    def _export_succeeded(self, result: BuildResult) -> None:
        self.statusBar().showMessage(f"Exported {result.deck.name} ({len(result.plan.slides)} slides).", 15_000)
        notes = [str(n) for n in result.notes] + ([result.history_problem] if result.history_problem else [])
        if result.export is not None:
            notes.insert(0, f"Recorded in the store's history as {result.export.tag}.")
            self.history_actions.refresh()
        choice = dialogs.export_done(self, result.deck, result.annex, notes)
        target = {dialogs.ExportChoice.OPEN_DECK: result.deck, dialogs.ExportChoice.OPEN_ANNEX: result.annex,
                  dialogs.ExportChoice.SHOW_FOLDER: result.deck.parent}.get(choice)
        if target is not None:
            dialogs.open_path(target)

    # ------------------------------------------------------------------ layout and closing

    def first_layout(self, available: QRect | None = None) -> None:
        """The first-start layout for this screen (or ``available``): most of it, the preview about two fifths."""
        available = available or self.screen().availableGeometry()
        geometry = initial_geometry(available)
        em = max(1, self.fontMetrics().averageCharWidth())
        dock = max(em * 44, min(int(geometry.width() * 0.36), em * 110))
        self.panels.arrange(arrangement_for((geometry.width() - dock) / em))
        self.setGeometry(geometry)
        self.resizeDocks([self.preview], [dock], Qt.Orientation.Horizontal)
        content = geometry.height() - self.fontMetrics().height() * 8
        self.resizeDocks([self.preview, self.preflight], [int(content * 0.65), int(content * 0.35)],
                         Qt.Orientation.Vertical)
        central = geometry.width() - dock
        self.splitter.setSizes([central * 5 // 13, central * 4 // 13, central * 4 // 13])

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API name
        """First show: the keyboard starts in the library search box, or in the outline when the library is a hidden tab."""
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            (self.library.search if self.library.isVisibleTo(self) else self.outline.view).setFocus()

    def restore_layout(self) -> None:
        """Window geometry, docks and splitter as the user left them, moved back onto this screen."""
        geometry = self.settings.state("window")
        if geometry is not None:
            self.restoreGeometry(geometry)
            self.setGeometry(clamped_geometry(self.geometry(), self.screen().availableGeometry()))
        state = self.settings.state("docks")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.state("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_layout(self) -> None:
        """Remember geometry, docks and splitter."""
        self.settings.set_state("window", self.saveGeometry())
        self.settings.set_state("docks", self.saveState())
        self.settings.set_state("splitter", self.splitter.saveState())
        self.settings.mark_started()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API name
        """Offer to save, remember the layout, stop any export."""
        if not self.close_confirmed and not self.documents.maybe_save():
            event.ignore()
            return
        if self.history_actions.sync_before_close():
            self.close_confirmed = True
            event.ignore()  # closes again once the sync has ended, without asking again
            return
        self.save_layout()
        self.exporter.shutdown()
        self.pdf_actions.runner.shutdown()
        self.annex_actions.runner.shutdown()
        self.history_actions.shutdown()
        self.deck_import.runner.shutdown()
        self.preview_worker.shutdown()
        self.autosave.discard()
        self._release_document()
        event.accept()

    def _clean_changed(self, clean: bool) -> None:
        if isValid(self):  # a QUndoStack with unsaved steps also emits this from its destructor
            self.setWindowModified(not clean)

    def _release_document(self) -> None:
        """The pack is closed (saved or discarded): empty the undo history now, while the window lives.

        A ``QUndoStack`` with unsaved steps emits ``cleanChanged`` from its destructor, which runs
        while the window is being deleted; a slot touching the window then fails ("Internal C++
        object already deleted") in a box that keeps the process alive."""
        self.editor.undo_stack.clear()
        self.library_actions.editor.undo_stack.clear()

"""The main window's menu bar and toolbar, and the controllers behind their actions.

File, Edit, View, Library, History and Help, in that order; each action is declared with
:func:`~briefing_builder.ui.actions.add_action`, and each controller (annex, deck import, PDF,
export, library, history) adds its own items where they belong, working on the window's
:class:`~briefing_builder.ui.services.Services`. The toolbar repeats New, Open, Save, Undo,
Redo and Export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle

from briefing_builder.store.catalog import Catalog
from briefing_builder.ui import dialogs
from briefing_builder.ui.actions import add_action, tip_with_shortcut
from briefing_builder.ui.annex_actions import AnnexActions
from briefing_builder.ui.deck_import import DeckImportActions
from briefing_builder.ui.documents import DocumentController
from briefing_builder.ui.export_actions import ExportActions
from briefing_builder.ui.history_actions import HistoryActions
from briefing_builder.ui.icon import app_icon
from briefing_builder.ui.library_actions import LibraryActions
from briefing_builder.ui.pdf_actions import PdfActions
from briefing_builder.ui.settings import AppSettings

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.ui.main_window import MainWindow


def fill_recent(menu: QMenu, settings: AppSettings, documents: DocumentController) -> None:
    """File → Open recent: the recent packs, numbered, then "Clear list"."""
    menu.clear()
    recent = settings.recent_packs()
    for number, path in enumerate(recent, start=1):
        action = menu.addAction(f"&{number % 10} {path.name} — {path.parent}")
        action.triggered.connect(lambda _=False, p=path: documents.open(p))
    if not recent:
        menu.addAction("No recent packs").setEnabled(False)
    menu.addSeparator()
    menu.addAction("Clear list", settings.clear_recent_packs)


def fill_store_packs(menu: QMenu, catalog: Catalog, documents: DocumentController) -> None:
    """File → Open pack from store: every pack of the store, by date and title."""
    menu.clear()
    for pack in catalog.packs.values():
        action = menu.addAction(f"{pack.meeting.date} — {pack.meeting.title} ({pack.id})")
        action.triggered.connect(lambda _=False, pid=pack.id: documents.maybe_save()
                                 and documents.open_store_pack(pid))


class WindowMenus:
    """Builds the menu bar and the toolbar of ``window``; holds the controllers it creates."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.services = services = window.services
        bar = window.menuBar()
        history = QMenu("Histor&y", window)  # in the bar after Library; the export asks it first
        self.history_actions = HistoryActions(services, history, window.history_dock, window.library, window.outline)
        self._file(bar.addMenu("&File"))
        self._edit(bar.addMenu("&Edit"))
        self._view(bar.addMenu("&View"))
        self.library_actions = LibraryActions(services, window.library, bar, window.load_store)
        bar.addMenu(history)
        help_menu = bar.addMenu("&Help")
        add_action(help_menu, "&About Briefing Builder", QKeySequence.StandardKey.HelpContents,
                   lambda: dialogs.about(window))
        self._toolbar()

    def _file(self, file: QMenu) -> None:
        window, documents, keys = self.window, self.window.documents, QKeySequence.StandardKey
        self.new_action = add_action(file, "&New pack", keys.New, documents.new)
        self.open_action = add_action(file, "&Open pack…", keys.Open, lambda: documents.open())  # noqa: PLW0108 - triggered(checked) must not reach open(path)
        self.recent_menu = file.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(lambda: fill_recent(self.recent_menu, self.services.settings, documents))
        self.store_packs_menu = file.addMenu("Open pack from s&tore")
        self.store_packs_menu.aboutToShow.connect(
            lambda: fill_store_packs(self.store_packs_menu, self.services.catalog, documents))
        self.save_action = add_action(file, "&Save", keys.Save, documents.save)
        add_action(file, "Save &as…", "Ctrl+Shift+S", documents.save_as)
        file.addSeparator()
        add_action(file, "Open store &folder…", "Ctrl+Shift+O", window.open_store)
        add_action(file, "Re&load store", "F5", self.services.watcher.reload)
        file.addSeparator()
        self.export_actions = ExportActions(self.services, file, window.inspector.meeting, window.preflight,
                                            self.history_actions, window.show_problems, window.show_meeting)
        self.annex_actions = AnnexActions(self.services, file)
        self.deck_import = DeckImportActions(self.services, file)
        file.addSeparator()
        self.pdf_actions = PdfActions(self.services, file)
        file.addSeparator()
        add_action(file, "&Quit", "Ctrl+Q", window.close)

    def _edit(self, edit: QMenu) -> None:
        window, keys = self.window, QKeySequence.StandardKey
        stack = self.services.editor.undo_stack
        self.undo_action = stack.createUndoAction(window, "&Undo")
        self.undo_action.setShortcut(QKeySequence(keys.Undo))
        self.redo_action = stack.createRedoAction(window, "&Redo")
        self.redo_action.setShortcuts([QKeySequence(keys.Redo), QKeySequence("Ctrl+Y")])
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        add_action(edit, "&Find in library", keys.Find, window.focus_search)
        add_action(edit, "Add selected to &pack", "Ctrl+Return", window.library.add_selected)
        outline = window.outline
        edit.addMenu(outline.add_menu)
        edit.addActions([outline.up_action, outline.down_action, outline.remove_action])

    def _view(self, view: QMenu) -> None:
        window = self.window
        toggle = window.diagnostics.toggleViewAction()
        toggle.setShortcut(QKeySequence("Ctrl+Shift+D"))
        toggle.triggered.connect(window.problems_chosen)
        view.addAction(toggle)
        for dock, keys in ((window.preview, "Ctrl+Shift+P"), (window.preflight, "Ctrl+Shift+K")):
            action = dock.toggleViewAction()
            action.setShortcut(QKeySequence(keys))
            view.addAction(action)
        library, outline, inspector = window.library, window.outline, window.inspector
        add_action(view, "Focus &outline", "Ctrl+2", lambda: window.focus_panel(outline, outline.view))
        add_action(view, "Focus &library", "Ctrl+1", lambda: window.focus_panel(library, library.current_view()))
        title = inspector.meeting.title_edit
        add_action(view, "Focus &inspector", "Ctrl+3", lambda: window.focus_panel(inspector, title))

    def _toolbar(self) -> None:
        window, icons = self.window, QStyle.StandardPixmap
        export = self.export_actions.action
        style = window.style()
        for action, icon in ((self.new_action, icons.SP_FileIcon), (self.open_action, icons.SP_DialogOpenButton),
                             (self.save_action, icons.SP_DialogSaveButton), (self.undo_action, icons.SP_ArrowBack),
                             (self.redo_action, icons.SP_ArrowForward)):
            action.setIcon(style.standardIcon(icon))
        export.setIcon(app_icon())
        tools = window.addToolBar("Main")
        tools.setObjectName("main-toolbar")
        tools.setAccessibleName("Main toolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.addActions([self.new_action, self.open_action, self.save_action])
        tools.addSeparator()
        tools.addActions([self.undo_action, self.redo_action])
        tools.addSeparator()
        tools.addAction(export)
        export.setIconText("Export deck and annex")
        shown: list[QAction] = [self.new_action, self.open_action, self.save_action, self.undo_action,
                                self.redo_action, export]
        for action in shown:
            action.setToolTip(tip_with_shortcut(action.iconText() or action.text().replace('&', ''), action))

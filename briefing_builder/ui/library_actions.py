"""The Library menu and the library's context menu: add, edit and delete records, undo them.

Wiring only: :class:`~briefing_builder.ui.library_edit.LibraryEditor` does the work. After a
store file is written the store is reloaded at once (the file watcher would do it a moment
later too), so the library shows the change; the open pack keeps its references.

Shortcuts: F2 edit the selected record, Ctrl+Shift+Del delete it, Ctrl+Shift+A/M/C/L/N/T a new
priority area, measure, country card, milestone, consultation or MS input theme; Alt+Backspace / Alt+Shift+Backspace
undo / redo the last library edit (the pack's own Ctrl+Z history is separate).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QMenuBar

from briefing_builder.ui.actions import add_action, tip_with_shortcut
from briefing_builder.ui.library_panel import LibraryPanel
from briefing_builder.ui.services import Services

NEW_KINDS = (("area", "New priority &area…", "Ctrl+Shift+A"), ("measure", "New &measure…", "Ctrl+Shift+M"),
             ("country", "New &country card…", "Ctrl+Shift+C"), ("milestone", "New mi&lestone…", "Ctrl+Shift+L"),
             ("consultation", "New c&onsultation…", "Ctrl+Shift+N"), ("theme", "New MS input &theme…", "Ctrl+Shift+T"))


class LibraryActions(QObject):
    """Builds the Library menu on ``bar`` and connects it to the ``library`` panel and the store editor.

    ``open_store(folder)`` opens another store (the writable copy of the bundled one)."""

    def __init__(self, services: Services, library: LibraryPanel, bar: QMenuBar,
                 open_store: Callable[[Path], bool]) -> None:
        super().__init__(services.parent)
        self.services = services
        self.library = library
        self.open_store = open_store
        self.editor = services.store_editor
        self.menu = bar.addMenu("&Library")
        self.edit_action = add_action(self.menu, "&Edit record…", "F2", self.edit_selected,
                                        "Edit the selected area, measure, country card, milestone, consultation "
                                        "or theme")
        self.delete_action = add_action(self.menu, "&Delete record…", "Ctrl+Shift+Del", self.delete_selected,
                                          "Delete the selected record from its store file (can be undone)")
        self.menu.addSeparator()
        self.new_actions: dict[str, QAction] = {}
        for kind, text, keys in NEW_KINDS:
            self.new_actions[kind] = add_action(self.menu, text, keys, lambda _=False, k=kind: self.add(k),
                                                f"Add a {text.replace('&', '').replace('New ', '').rstrip('…')} "
                                                "to the store")
        self.menu.addSeparator()
        stack = self.editor.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo library edit")
        self.undo_action.setShortcut(QKeySequence("Alt+Backspace"))
        self.redo_action = stack.createRedoAction(self, "&Redo library edit")
        self.redo_action.setShortcut(QKeySequence("Alt+Shift+Backspace"))
        for action in (self.undo_action, self.redo_action):
            action.setStatusTip("Library edits have their own history, separate from the pack's")
            action.setToolTip(tip_with_shortcut(action.text().replace("&", ""), action))
            self.menu.addAction(action)
        self.editor.written.connect(lambda _path: services.watcher.reload())
        self.editor.storeCopied.connect(self._store_copied)
        self._chosen: tuple[str, str] | None = None  # the record being edited or deleted
        self.editor.message.connect(services.messages.status)
        for view in library.views.values():
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self._context_menu(v, pos))

    def _context_menu(self, view: QAbstractItemView, pos: QPoint) -> None:
        menu = QMenu(self.services.parent)
        menu.setAccessibleName("Library record actions")
        menu.addActions([self.edit_action, self.delete_action])
        menu.addSeparator()
        menu.addActions(list(self.new_actions.values()))
        menu.popup(view.viewport().mapToGlobal(pos))

    def selected(self) -> tuple[str, str] | None:
        """(kind, id) of the first selected library row."""
        records = self.library.selected_records()
        self._chosen = records[0] if records else None
        return self._chosen

    def _store_copied(self, copy: Path) -> None:
        """Open the writable copy of the store and select the same record there (its edit goes on)."""
        self.open_store(copy)
        if self._chosen is not None:
            self.library.select_record(*self._chosen)

    def edit_selected(self) -> bool:
        """Edit the selected record in its form."""
        chosen = self.selected()
        if chosen is None:
            self.services.messages.status("Select a record in the library first.")
            return False
        return self.editor.edit(*chosen)

    def delete_selected(self) -> bool:
        """Delete the selected record (after confirmation)."""
        chosen = self.selected()
        if chosen is None:
            self.services.messages.status("Select a record in the library first.")
            return False
        return self.editor.delete(*chosen)

    def add(self, kind: str) -> bool:
        """Add a record of ``kind``; a new measure goes to the selected area, a theme to the selected consultation."""
        parent_id = None
        chosen = self.selected()
        if chosen is not None:
            catalog = self.editor.catalog
            if kind == "measure":
                parent_id = chosen[1] if chosen[0] == "area" else catalog.measure_area().get(chosen[1])
            elif kind == "theme":
                parent_id = chosen[1] if chosen[0] == "consultation" else next(
                    (c.id for c in catalog.consultations.values() if any(t.id == chosen[1] for t in c.themes)), None)
        return self.editor.add(kind, parent_id)

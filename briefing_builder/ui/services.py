"""The services the window's controllers work with, so none of them needs the window itself.

A controller (the annex, library, PDF, deck-import, history and export actions, the document
commands) is given one :class:`Services`:

- ``editor``: the open pack, the store's catalog and the pack's undo stack (:class:`PackEditor`);
- ``store_editor``: store record edits and their own undo stack (:class:`LibraryEditor`),
  always on the editor's catalog;
- ``settings``, ``watcher`` (reload the store after writing to it);
- ``messages``: the status bar and the parent of every dialog (dialogs go through
  :mod:`briefing_builder.ui.dialogs`, which tests replace);
- ``tasks``: makes the controllers' background task runners and shuts them all down.

:func:`build_services` makes them for a window — or, in a test, for a plain widget and a status
bar, with no main window at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStatusBar, QWidget

from briefing_builder.store.catalog import Catalog
from briefing_builder.ui import dialogs
from briefing_builder.ui.editor import PackEditor
from briefing_builder.ui.library_edit import LibraryEditor
from briefing_builder.ui.settings import AppSettings
from briefing_builder.ui.store_watch import StoreWatcher
from briefing_builder.ui.task_runner import TaskRunner

STATUS_MS = 10_000


class Messages:
    """Where a controller tells the user something: a status bar line, or a dialog on ``parent``."""

    def __init__(self, parent: QWidget, status_bar: QStatusBar) -> None:
        self.parent = parent
        self.status_bar = status_bar

    def status(self, text: str, timeout_ms: int = STATUS_MS) -> None:
        """Show ``text`` in the status bar for ``timeout_ms`` (0: until replaced or cleared)."""
        self.status_bar.showMessage(text, timeout_ms)

    def clear_status(self) -> None:
        """Remove the status bar message."""
        self.status_bar.clearMessage()

    def error(self, title: str, message: str) -> None:
        """Say what went wrong and what to do, in a box on ``parent``."""
        dialogs.error(self.parent, title, message)

    def info(self, title: str, message: str) -> None:
        """Say something worth knowing, in a box on ``parent``."""
        dialogs.info(self.parent, title, message)


class TaskRunners(QObject):
    """Makes the task runners of the controllers (one per kind of task, each running one task at a
    time with its progress dialog on the window) and stops them all when the window closes."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.runners: list[TaskRunner] = []

    def runner(self, name: str, progress_dialog: bool = True) -> TaskRunner:
        """A new task runner called ``name``; without ``progress_dialog`` it runs unseen (history refreshes)."""
        runner = TaskRunner(name, self, self.window if progress_dialog else None)
        self.runners.append(runner)
        return runner

    @property
    def running(self) -> bool:
        """True while any task runs."""
        return any(runner.running for runner in self.runners)

    def shutdown(self) -> None:
        """Stop and join every runner's worker thread (the window is closing); no outcome is delivered."""
        for runner in self.runners:
            runner.shutdown()


@dataclass(frozen=True)
class Services:
    """What a controller may use; see the module docstring."""

    editor: PackEditor
    store_editor: LibraryEditor
    settings: AppSettings
    watcher: StoreWatcher
    messages: Messages
    tasks: TaskRunners

    @property
    def catalog(self) -> Catalog:
        """The store as loaded now."""
        return self.editor.catalog

    @property
    def parent(self) -> QWidget:
        """The widget dialogs open on."""
        return self.messages.parent

    @property
    def undo_stacks(self) -> tuple[QUndoStack, QUndoStack]:
        """The pack's undo stack and the store edits' own one."""
        return self.editor.undo_stack, self.store_editor.undo_stack


def build_services(parent: QWidget, status_bar: QStatusBar, editor: PackEditor, settings: AppSettings) -> Services:
    """The services of a window ``parent`` showing messages in ``status_bar``; the store editor
    follows the editor's catalog, and the watcher is created idle (``watcher.watch(root)`` starts it)."""
    store_editor = LibraryEditor(parent, editor.catalog)
    editor.catalogChanged.connect(lambda: store_editor.set_catalog(editor.catalog))
    return Services(editor=editor, store_editor=store_editor, settings=settings, watcher=StoreWatcher(parent),
                    messages=Messages(parent, status_bar), tasks=TaskRunners(parent))

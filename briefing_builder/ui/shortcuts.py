"""Application shortcuts that work whichever widget has the keyboard focus.

A focused ``QLineEdit`` claims many Ctrl keys for itself on X11 (Ctrl+E is "end of line",
Ctrl+K "delete to end", …) by accepting the *ShortcutOverride* event, so the window's
action never fires — and the library's search box has the focus at start-up.
:class:`ShortcutGuard` watches those events for the whole application and, when the key is one
of the window's own shortcuts, keeps the text field from claiming it. The keys a text field
really needs (undo, redo, cut, copy, paste, select all, delete and cursor movement) are left to
the field (Ctrl+E still moves to the end of a line when the window has no action on it). Every
window action also gets ``Qt.ApplicationShortcut``, so the shortcuts work in floating docks too
(Qt still blocks them under a modal dialog).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

# what a text field keeps for itself even when the window has an action on the same key
TEXT_KEYS = (
    QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo, QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Delete, QKeySequence.StandardKey.Backspace,
    QKeySequence.StandardKey.DeleteStartOfWord, QKeySequence.StandardKey.DeleteEndOfWord,
)
TEXT_WIDGETS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QComboBox)


def _combo(sequence: QKeySequence) -> int | None:
    if sequence.isEmpty() or sequence.count() != 1:
        return None
    first: QKeyCombination = sequence[0]  # type: ignore[index]  # Qt's operator[], missing from PySide6's stubs
    return first.toCombined()


def text_field_keys() -> set[int]:
    """Key combinations a focused text field keeps (on this platform's key bindings)."""
    keys: set[int] = set()
    for standard in TEXT_KEYS:
        for sequence in QKeySequence.keyBindings(standard):
            combo = _combo(sequence)
            if combo is not None:
                keys.add(combo)
    return keys


def window_actions(window: QWidget) -> list[QAction]:
    """The window's actions that have a shortcut and belong to the whole window."""
    return [action for action in window.findChildren(QAction)
            if not action.shortcut().isEmpty()
            and action.shortcutContext() in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)]


def _is_text_field(obj: QObject) -> bool:
    widget = obj if isinstance(obj, QWidget) else None
    while widget is not None:
        if isinstance(widget, TEXT_WIDGETS):
            return True
        widget = widget.parentWidget() if isinstance(widget, QLineEdit) else None  # a spin box's inner edit
    return False


class ShortcutGuard(QObject):
    """Keeps text fields from swallowing the window's shortcuts (install once per window)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.keys: set[int] = set()
        self.refresh()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.destroyed.connect(self._uninstall)

    def refresh(self) -> None:
        """Collect the window's shortcuts again (after actions were added)."""
        keep = text_field_keys()
        self.keys = set()
        for action in window_actions(self.window):
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            for sequence in action.shortcuts():
                combo = _combo(sequence)
                if combo is not None and combo not in keep:
                    self.keys.add(combo)

    def _uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API name
        """Leave the window's own shortcut keys unclaimed by a focused text field."""
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and _is_text_field(watched)
                and event.keyCombination().toCombined() in self.keys):
            event.ignore()
            return True
        return False

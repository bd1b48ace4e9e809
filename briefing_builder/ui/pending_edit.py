"""Commit the edit still being typed in the focused field before an action reads the pack.

Form fields commit on ``editingFinished`` or on focus-out. A shortcut (Ctrl+S, Ctrl+Q, Ctrl+E)
or a toolbar button does not take the focus, so the text on screen would not be in the pack
when the action saves, exports, closes or replaces the document. :func:`commit_pending_edit`
takes the focus away from the focused field and gives it back: the field sees the same
focus-out a Tab would give it and commits, whatever kind of field it is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def commit_pending_edit(window: QWidget) -> None:
    """Make the focused field inside ``window`` commit what is typed in it (nothing when none is focused)."""
    focused = QApplication.focusWidget()
    if focused is None or not (focused is window or window.isAncestorOf(focused)):
        return
    focused.clearFocus()  # the focus-out is sent now: editingFinished and focus-out commits run
    focused.setFocus(Qt.FocusReason.OtherFocusReason)

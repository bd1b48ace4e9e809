"""The one way the app declares a menu action: text, shortcut, slot and tips in one call.

Every menu of the window and of its controllers adds its actions through :func:`add_action`,
so the status tip (shown in the status bar while the item is highlighted) and the tool tip
(which names the shortcut) follow one rule. :class:`~briefing_builder.ui.shortcuts.ShortcutGuard`
then makes each shortcut work wherever the keyboard focus is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


def shortcut_text(action: QAction) -> str:
    """The action's first shortcut as this platform writes it ("Ctrl+Shift+E"), or ""."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def tip_with_shortcut(text: str, action: QAction) -> str:
    """``text`` followed by the action's shortcut in brackets, when it has one."""
    keys = shortcut_text(action)
    return f"{text} ({keys})" if keys else text


def add_action(menu: QMenu, text: str, shortcut: Shortcut, slot: Callable[..., object], tip: str = "") -> QAction:
    """Add ``text`` to ``menu``, triggering ``slot``; ``tip`` (default: the text without its
    mnemonic and ellipsis) is the status tip, and with the shortcut the tool tip."""
    action = menu.addAction(text)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    status = tip or text.replace("&", "").rstrip("…")
    action.setStatusTip(status)
    action.setToolTip(tip_with_shortcut(status, action))
    action.triggered.connect(slot)
    return action

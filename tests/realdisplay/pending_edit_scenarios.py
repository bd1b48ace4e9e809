"""Scenarios: a meeting field still being typed in (no Tab) when the user saves or quits.

A counsellor clicks the Venue field, types, and presses Ctrl+Q, Ctrl+S or the toolbar's Save
button straight away: Quit must ask "Save changes?", Save must write what is on the screen and
leave it there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtWidgets import QToolBar

from tests.realdisplay.driver import Driver, ScenarioFailed
from tests.realdisplay.scenarios import _started

VENUE = "Bruxelles, Justus Lipsius"


def _type_venue(d: Driver, window: Any) -> Iterator[Any]:
    from PySide6.QtTest import QTest

    yield d.key("Ctrl+3")  # the inspector
    field = window.inspector.meeting.venue
    yield field.setFocus
    yield ("wait", "the venue field to have the focus", field.hasFocus)
    yield lambda: (field.selectAll(), QTest.keyClicks(field, VENUE))
    if window.editor.pack.meeting.venue == VENUE:
        raise ScenarioFailed("the venue was committed before the scenario pressed anything")
    return field


def typed_venue_then_quit(d: Driver) -> Iterator[Any]:
    """Type the venue, Ctrl+Q: "Save changes?" (Cancel keeps the text), then Ctrl+Q and Discard."""
    window = yield from _started(d)
    field = yield from _type_venue(d, window)
    yield d.key("Ctrl+Q")
    box = yield ("wait", "the 'Save changes?' box", lambda: d.box("Save changes?"), 20.0)
    yield lambda: d.click(d.button(box, "Cancel"))
    yield ("wait", "the box to close", lambda: d.closed(box))
    if field.text() != VENUE or window.editor.pack.meeting.venue != VENUE:
        raise ScenarioFailed(f"after Cancel the venue shows {field.text()!r}, the pack has "
                             f"{window.editor.pack.meeting.venue!r}")
    yield d.key("Ctrl+Q")
    box = yield ("wait", "the 'Save changes?' box again", lambda: d.box("Save changes?"), 20.0)
    labels = sorted(b.text() for b in box.buttons())
    if "&Save" not in labels or "&Discard" not in labels:
        raise ScenarioFailed(f"the 'Save changes?' buttons have no mnemonics: {labels}")
    d.note("scenario complete: Discard clicked, the app must now end")
    d.finish()
    yield lambda: d.click(d.button(box, "Discard"))


def _saved_then_quit(d: Driver, save: Any) -> Iterator[Any]:
    window = yield from _started(d)
    field = yield from _type_venue(d, window)
    target = window.editor.document.path  # the pack's own file in the (copied) store
    if target is None:
        raise ScenarioFailed("the open pack has no file to save to")
    yield save(window)
    yield ("wait", "the save to be over", window.editor.undo_stack.isClean, 10.0)
    if VENUE not in target.read_text(encoding="utf-8"):
        raise ScenarioFailed(f"the saved pack {target.name} does not hold the venue typed on the screen")
    if field.text() != VENUE:
        raise ScenarioFailed(f"after saving the venue field shows {field.text()!r}")
    if window.isWindowModified():
        raise ScenarioFailed("the window still shows unsaved changes after Save")
    d.note("scenario complete: saved, Ctrl+Q must now end the app without asking")
    d.finish()
    yield d.key("Ctrl+Q")


def typed_venue_saved_with_ctrl_s(d: Driver) -> Iterator[Any]:
    """Type the venue, Ctrl+S: the file holds it, the field still shows it; Ctrl+Q then quits."""
    yield from _saved_then_quit(d, lambda window: d.key("Ctrl+S"))


def _toolbar_save(d: Driver, window: Any) -> Any:
    action = window.menus.save_action
    for toolbar in window.findChildren(QToolBar):
        button = toolbar.widgetForAction(action)
        if button is not None and button.isVisible():
            return lambda: d.click(button)
    raise ScenarioFailed("no visible Save button in the toolbar")


def typed_venue_saved_from_toolbar(d: Driver) -> Iterator[Any]:
    """Type the venue, click the toolbar's Save button: as with Ctrl+S."""
    yield from _saved_then_quit(d, lambda window: _toolbar_save(d, window))


def french_date_typed_the_french_way(d: Driver) -> Iterator[Any]:
    """Open the French pack (Ctrl+O), type "4 mars 2026" in the date and Tab: taken. Then an
    unreadable date: its pre-flight message is shown whole (wrapped) on the screen."""
    import datetime as dt

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.realdisplay.scenarios import _pick_file

    window = yield from _started(d)
    yield d.key("Ctrl+O")
    yield from _pick_file(d, d.workdir / "store" / "packs" / "jha-counsellors-2026-01-12-fr.yaml", "open")
    yield ("wait", "the French pack", lambda: window.editor.pack.meeting.language == "fr")
    yield window.activateWindow  # back from the file dialog (Xvfb has no window manager to do it)
    yield ("wait", "the window to be active again", window.isActiveWindow)
    field = window.inspector.meeting.date.edit
    for text in ("4 mars 2026", "4 jui 2026"):
        yield d.key("Ctrl+3")
        yield field.setFocus
        yield ("wait", "the date field to have the focus", field.hasFocus)
        yield lambda text=text: (QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier),
                                 QTest.keyClicks(field, text), QTest.keyClick(field, Qt.Key.Key_Tab))
        if text == "4 mars 2026" and window.editor.pack.meeting.date != dt.date(2026, 3, 4):
            raise ScenarioFailed(f"“4 mars 2026” was not taken: {window.inspector.meeting.date.problem}")
        if text == "4 mars 2026" and field.text() != "4 mars 2026":
            raise ScenarioFailed(f"the French pack's date is shown as {field.text()!r}, not in French")
    yield window.show_meeting  # the meeting's problems listed in the pre-flight check
    tree = window.preflight.tree
    item = yield ("wait", "the date's pre-flight message", lambda: next(
        (tree.topLevelItem(0).child(i) for i in range(tree.topLevelItem(0).childCount())
         if "4 jui 2026" in tree.topLevelItem(0).child(i).text(0)), None) if tree.topLevelItemCount() else None)
    rect = tree.visualItemRect(item)
    text = item.text(0)
    lines = tree.fontMetrics().boundingRect(rect.adjusted(0, 0, -tree.indentation(), 10_000), Qt.TextFlag.TextWordWrap,
                                            text).height()
    yield lambda: window.grab().save(str(d.workdir / "french-date.png"))
    if rect.right() > tree.viewport().width() or rect.height() < lines:
        raise ScenarioFailed(f"the message {text!r} is cut: row {rect.width()}x{rect.height()}, needs {lines} px")
    d.note(f"message row {rect.width()}x{rect.height()} for {text!r}")
    d.note("scenario complete: Ctrl+Q and Discard")
    yield d.key("Ctrl+Q")
    box = yield ("wait", "the 'Save changes?' box", lambda: d.box("Save changes?"), 20.0)
    d.finish()
    yield lambda: d.click(d.button(box, "Discard"))


def typed_venue_then_killed(d: Driver) -> Iterator[Any]:
    """Type the venue and Tab (one edit, nothing else), wait for its recovery file, then die by SIGKILL."""
    import os
    import signal

    window = yield from _started(d)
    yield from _type_venue(d, window)
    yield d.key("Tab")
    yield ("wait", "the venue to be taken", lambda: window.editor.pack.meeting.venue == VENUE)
    if window.editor.undo_stack.count() != 1:
        raise ScenarioFailed(f"typing the venue made {window.editor.undo_stack.count()} undo steps, not one")
    yield ("wait", "the recovery file of the one edit", window.autosave.file.is_file, 20.0)
    d.note(f"recovery file {window.autosave.file.name} written; killed now")
    d.finished = True
    d.write()
    yield lambda: os.kill(os.getpid(), signal.SIGKILL)


def restored_after_the_kill(d: Driver) -> Iterator[Any]:
    """The next start offers the killed session's edit back; Yes restores the venue, unsaved."""
    box = yield ("wait", "the 'Restore unsaved changes?' box", lambda: d.box("Restore unsaved changes?"), 30.0)
    yield lambda: d.click(d.button(box, "Yes"))
    window = yield from _started(d)
    if window.editor.pack.meeting.venue != VENUE or not window.isWindowModified():
        raise ScenarioFailed(f"after the restore the venue is {window.editor.pack.meeting.venue!r}, "
                             f"modified: {window.isWindowModified()}")
    yield d.key("Ctrl+Q")
    box = yield ("wait", "the 'Save changes?' box", lambda: d.box("Save changes?"), 20.0)
    d.finish()
    yield lambda: d.click(d.button(box, "Discard"))

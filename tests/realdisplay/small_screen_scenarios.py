"""Scenarios of a small screen and a large scale (1280×720 at 100 % and at 200 %), played by
:mod:`tests.realdisplay.driver`: the window with its title bar fits, a drop-down list shows
its items whole."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QPoint, QRect

from tests.realdisplay.driver import Driver, ScenarioFailed
from tests.realdisplay.scenarios import _quit_discarding, _started


def _fits(d: Driver, window: Any) -> None:
    """The window's minimum size, with a title bar's height of frame, fits the available screen."""
    from briefing_builder.ui.window_layout import frame_margins

    available = window.screen().availableGeometry()
    frame = frame_margins(window)
    least = window.minimumSizeHint().grownBy(frame)
    d.note(f"minimum {window.minimumSizeHint().toTuple()} + frame {frame.top()} on {available.getRect()}")
    if least.height() > available.height() or least.width() > available.width():
        raise ScenarioFailed(f"the window needs at least {least.toTuple()} with its title bar; the screen has "
                             f"{available.size().toTuple()}")
    top = window.geometry().top() - frame.top()
    if top < available.top():
        raise ScenarioFailed(f"the title bar would be above the screen: the window's inside starts at "
                             f"{window.geometry().top()}, {frame.top()} px of title bar above it")


def marking_list_on_a_small_screen(d: Driver) -> Iterator[Any]:
    """The window fits the screen with room for its title bar; the Marking list opens with every
    marking shown whole and on the screen; a screenshot of it is kept; quit."""
    window = yield from _started(d)
    _fits(d, window)
    combo = window.inspector.meeting.marking
    yield lambda: window.panels.reveal(window.inspector)
    yield lambda: window.inspector.ensureWidgetVisible(combo)
    yield combo.showPopup
    view = combo.view()
    yield ("wait", "the marking list", lambda: view.isVisible() and view.window().isVisible())
    popup = view.window()
    yield lambda: popup.screen().grabWindow(0).save(str(d.workdir / "marking-list.png"))
    available = popup.screen().availableGeometry()
    widest = max(view.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    shown = view.viewport().width() - 2 * view.frameWidth()
    d.note(f"list {popup.frameGeometry().getRect()}, its text {shown} px for {widest} px on {available.getRect()}")
    if not available.contains(popup.frameGeometry()):
        raise ScenarioFailed(f"the marking list at {popup.frameGeometry().getRect()} is off the screen")
    if shown < widest:
        longest = max((combo.itemText(i) for i in range(combo.count())), key=view.fontMetrics().horizontalAdvance)
        raise ScenarioFailed(f"the marking list is {shown} px wide: “{longest}” needs {widest} px and is cut")
    corner = QRect(view.mapToGlobal(QPoint(0, 0)), view.size())
    if not available.contains(corner):
        raise ScenarioFailed(f"the marking list's items at {corner.getRect()} are off the screen")
    yield combo.hidePopup
    yield ("wait", "the marking list to close", lambda: not view.isVisible())
    yield from _quit_discarding(d, window)

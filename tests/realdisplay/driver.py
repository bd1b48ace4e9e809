"""Drive the real app, in its own process, through a user's path on a real X display.

Run as ``python -m tests.realdisplay.driver SCENARIO WORKDIR`` under Xvfb with
``QT_QPA_PLATFORM=xcb``. It starts the app through its real entry point
(:func:`briefing_builder.ui.app.run_app`: real modal dialogs, the real event loop) and plays a
scenario on it from a timer: keys are sent to the focused window the way the window system
delivers them (``QTest.keyClick`` on the ``QWindow``, so shortcuts go through Qt's shortcut
map), buttons are clicked with the mouse. Every tick it checks the screen:

* a warning or critical message box (an error box) fails the run;
* a visible window, button or text field outside the screen fails the run.

Each action is posted with a zero timer, so a modal dialog it opens runs its own event loop
while the scenario keeps ticking inside it, as a person would keep clicking. The outcome is
written to ``WORKDIR/result.json``; the exit code is the app's (0 when it quit normally).
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from shiboken6 import isValid

TICK_MS = 50
STEP_TIMEOUT_S = 60.0
Wait = Callable[[], Any]


class ScenarioFailed(Exception):
    """The app did something a user would see as wrong."""


class Driver:
    """Plays one scenario (a generator yielding waits and actions) on the running app."""

    def __init__(self, workdir: Path, scenario: Callable[[Driver], Iterator[Any]]) -> None:
        self.workdir = workdir
        self.failures: list[str] = []
        self.expected_boxes: set[str] = set()  # titles of warning boxes the scenario itself provokes
        self.log: list[str] = []
        self.finished = False
        self._steps = scenario(self)
        self._waiting: tuple[Wait, float, str] | None = None
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._busy = False

    # ------------------------------------------------------------------ plumbing

    def start(self) -> None:
        """Begin ticking once the event loop runs."""
        self._timer.start()

    def note(self, text: str) -> None:
        """Log a step (written to result.json)."""
        self.log.append(f"{time.monotonic():.2f} {text}")

    def fail(self, message: str) -> None:
        """Record a failure, stop the scenario and end the app."""
        if message not in self.failures:
            self.failures.append(message)
        self.note(f"FAIL {message}")
        self.finish(exit_code=3)

    def finish(self, exit_code: int | None = None) -> None:
        """The scenario is over: write the result. The screen is still watched until the app ends
        (an error box while quitting fails the run and is closed). With ``exit_code``, close every
        dialog and end the process."""
        self.finished = True
        self.write()
        if exit_code is not None:
            self._timer.stop()
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.reject()
            QTimer.singleShot(200, lambda: QApplication.exit(exit_code))

    def write(self) -> None:
        """Save failures and log to ``result.json``."""
        (self.workdir / "result.json").write_text(json.dumps(
            {"failures": self.failures, "log": self.log, "finished": self.finished}, indent=1), encoding="utf-8")

    def _tick(self) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            if self.finished:
                self._watch_after_end()
                return
            self.check_screen()
            if self.finished:
                return
            if self._waiting is not None:
                wait, deadline, what = self._waiting
                value = wait()
                if not value:
                    if time.monotonic() > deadline:
                        self.fail(f"timed out waiting for {what}")
                    return
                self._waiting = None
                self._advance(value)
            else:
                self._advance(None)
        except ScenarioFailed as exc:
            self.fail(str(exc))
        except Exception:  # a bug in the scenario itself
            self.fail("scenario error: " + traceback.format_exc())
        finally:
            self._busy = False

    def _watch_after_end(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                message = f"box after the scenario ended: {widget.windowTitle()!r}: {widget.text()!r}"
                if message not in self.failures:
                    self.failures.append(message)
                    self.write()
                widget.done(0)

    def _advance(self, value: Any) -> None:
        try:
            step = self._steps.send(value) if value is not None else next(self._steps)
        except StopIteration:
            self.note("scenario complete")
            self.finish()
            return
        if isinstance(step, tuple) and step and step[0] == "wait":
            _, what, wait = step[:3]
            timeout = step[3] if len(step) > 3 else STEP_TIMEOUT_S
            self._waiting = (wait, time.monotonic() + timeout, what)
        elif callable(step):
            QTimer.singleShot(0, self._guard(step))  # posted: a modal dialog it opens must not block the tick
        else:
            raise ScenarioFailed(f"bad scenario step {step!r}")

    def _guard(self, action: Callable[[], Any]) -> Callable[[], None]:
        def run() -> None:
            try:
                action()
            except Exception:
                self.fail("scenario action error: " + traceback.format_exc())
        return run

    # ------------------------------------------------------------------ what a user sees

    def check_screen(self) -> None:
        """Fail on an error box or a visible widget outside the screen."""
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, QMessageBox) and widget.icon() in (QMessageBox.Icon.Warning,
                                                                      QMessageBox.Icon.Critical) \
                    and widget.windowTitle() not in self.expected_boxes:
                raise ScenarioFailed(f"error box: {widget.windowTitle()!r}: {widget.text()!r}")
            if not os.environ.get("DRIVER_SKIP_SCREEN_CHECK"):
                self._check_on_screen(widget)

    def _check_on_screen(self, window: QWidget) -> None:
        screen = window.screen().availableGeometry() if window.screen() else None
        if screen is None:
            return
        frame = window.frameGeometry()
        if not screen.adjusted(-2, -2, 2, 2).contains(frame):
            raise ScenarioFailed(f"window {type(window).__name__} {window.windowTitle()!r} at {_rect(frame)} "
                                 f"is outside the screen {_rect(screen)}")
        for child in window.findChildren(QWidget):
            if not isinstance(child, (QAbstractButton, QLineEdit)) or not child.isVisibleTo(window):
                continue
            if not child.isVisible() or child.width() <= 0:
                continue
            if child.visibleRegion().isEmpty():  # e.g. in the unselected tab of tabbed docks: not shown at all
                continue
            if _clipped_by_scroll_area(child):
                continue
            top_left = child.mapToGlobal(QPoint(0, 0))
            rect = QRect(top_left, child.size())
            if not screen.adjusted(-2, -2, 2, 2).contains(rect):
                label = child.text() if hasattr(child, "text") else ""
                raise ScenarioFailed(f"{type(child).__name__} {label!r} ({child.accessibleName()!r}) at {_rect(rect)} "
                                     f"in {window.windowTitle()!r} is outside the screen {_rect(screen)}")

    # ------------------------------------------------------------------ helpers for scenarios

    @staticmethod
    def main_window() -> QWidget | None:
        """The app's main window once it is shown."""
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "main-window" and widget.isVisible():
                return widget
        return None

    @staticmethod
    def closed(widget: QWidget) -> bool:
        """True once ``widget`` is hidden or deleted."""
        return not isValid(widget) or not widget.isVisible()

    @staticmethod
    def box(title: str) -> QMessageBox | None:
        """The visible message box titled ``title``."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible() and widget.windowTitle() == title:
                return widget
        return None

    @staticmethod
    def dialog(kind: type[QDialog], title_start: str = "") -> QDialog | None:
        """The visible dialog of ``kind`` whose title starts with ``title_start``."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible() and widget.windowTitle().startswith(title_start):
                return widget
        return None

    @staticmethod
    def key(sequence: str) -> Callable[[], None]:
        """An action: press ``sequence`` (e.g. "Ctrl+E") in the window that has the keyboard focus."""
        from PySide6.QtGui import QKeySequence

        combo = QKeySequence(sequence)[0]

        def press() -> None:
            window = QApplication.focusWindow()
            if window is None:  # Xvfb has no window manager to give the focus back after a dialog closed
                top = QApplication.activeModalWidget() or Driver.main_window()
                if top is None:
                    raise ScenarioFailed(f"no window to type {sequence} in")
                top.activateWindow()
                QTest.qWaitForWindowActive(top.windowHandle(), 2000)
                window = QApplication.focusWindow() or top.windowHandle()
            QTest.keyClick(window, combo.key(), combo.keyboardModifiers())
        return press

    @staticmethod
    def click(button: QAbstractButton) -> None:
        """Click ``button`` with the mouse, in its middle."""
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         button.rect().center())

    @staticmethod
    def button(box: QWidget, text: str) -> QAbstractButton:
        """The button of ``box`` labelled ``text`` (mnemonics ignored)."""
        for candidate in box.findChildren(QAbstractButton):
            if candidate.text().replace("&", "") == text and candidate.isVisible():
                return candidate
        raise ScenarioFailed(f"no button {text!r} in {box.windowTitle()!r}")

    @staticmethod
    def type_path(dialog: QFileDialog, path: Path) -> None:
        """Type ``path`` into a file dialog's name field and press Enter."""
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        if edit is None:
            raise ScenarioFailed("the file dialog has no file name field")
        edit.setFocus()
        edit.selectAll()
        QTest.keyClicks(edit, str(path))
        QTest.keyClick(edit, Qt.Key.Key_Return)


def _rect(rect: QRect) -> str:
    return f"{rect.x()},{rect.y()} {rect.width()}x{rect.height()}"


def _clipped_by_scroll_area(widget: QWidget) -> bool:
    """True when ``widget`` lies inside a scroll area's viewport (reachable by scrolling)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False


def main(argv: list[str]) -> int:
    """Start the app with the driver attached; return the app's exit code."""
    from importlib import import_module

    from tests.realdisplay import scenarios

    name, workdir = argv[0], Path(argv[1])
    scenario = getattr(scenarios, name, None) or next(
        getattr(module, name) for module in (import_module(f"tests.realdisplay.{m}")
                                             for m in ("history_scenarios", "deck_scenarios",
                                                       "pending_edit_scenarios", "small_screen_scenarios"))
                                 if hasattr(module, name))
    from briefing_builder.ui.app import create_application, run_app

    create_application()
    driver = Driver(workdir, scenario)
    driver.start()
    code = run_app(workdir / "store")
    if not driver.finished:
        driver.note(f"the app quit (exit code {code}) before the scenario finished")
        if not driver.failures:
            driver.failures.append("the app quit before the scenario finished")
    driver.write()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The one task runner: the outcome comes only after the worker has finished and the progress dialog is closed."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from briefing_builder.ui.task_runner import TaskRunner, TaskSpec


def test_outcome_after_the_thread_and_the_dialog_are_done(qtbot: QtBot) -> None:
    parent = QWidget()
    parent.show()
    runner = TaskRunner("test", parent, parent)
    release = threading.Event()
    seen: dict[str, object] = {}

    def task(report):  # noqa: ANN001, ANN202
        for step in range(4):
            report(f"step {step}", step, 4)
        release.wait(5)
        return "built"

    def succeeded(result: object) -> None:
        seen["result"] = result
        seen["dialog visible"] = isValid(dialog) and dialog.isVisible()
        seen["thread running"] = runner._thread.running
        seen["runner dialog"] = runner.dialog
    runner.succeeded.connect(succeeded)
    assert runner.start(TaskSpec("Testing", task, steps=4))
    dialog = runner.dialog
    assert dialog is not None and dialog.isVisible()  # opened with open(): window-modal, no exec()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert not runner.start(TaskSpec("Again", task))  # one at a time
    qtbot.waitUntil(lambda: dialog.bar.value() == 3, timeout=5000)
    assert dialog.label.text() == "step 3…"
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        release.set()
    assert seen == {"result": "built", "dialog visible": False, "thread running": False, "runner dialog": None}
    assert not runner.running
    parent.close()


def test_escape_asks_to_cancel_and_the_dialog_stays_until_the_task_stopped(qtbot: QtBot) -> None:
    parent = QWidget()
    parent.show()
    runner = TaskRunner("test", parent, parent)
    asked = threading.Event()

    def task(report):  # noqa: ANN001, ANN202
        report("waiting", 0, 2)
        asked.wait(5)
        report("next", 1, 2)  # raises Cancelled once the user asked
        return "not reached"
    outcomes: list[str] = []
    runner.cancelled.connect(lambda: outcomes.append("cancelled"))
    runner.succeeded.connect(lambda result: outcomes.append(str(result)))
    runner.start(TaskSpec("Cancellable", task, cancellable=True, steps=2))
    dialog = runner.dialog
    dialog.reject()  # Escape / Cancel / the close button
    assert dialog.isVisible() and dialog.label.text().startswith("Cancelling")
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        asked.set()
    assert outcomes == ["cancelled"] and not (isValid(dialog) and dialog.isVisible())
    parent.close()


def test_a_failing_task_is_a_message_not_a_traceback_in_a_box(qtbot: QtBot, capsys: pytest.CaptureFixture[str]) -> None:
    runner = TaskRunner("test")

    def task(report):  # noqa: ANN001, ANN202
        raise KeyError("boom")
    with qtbot.waitSignal(runner.failed, timeout=10_000) as blocker:
        runner.start(TaskSpec("Failing", task, unexpected="It failed. Nothing was written."))
    assert blocker.args[0] == "It failed. Nothing was written. The details were written to the error output."
    assert "KeyError" not in blocker.args[0]  # no Python class name in front of the user
    assert "Traceback" in capsys.readouterr().err  # the details, for a bug report

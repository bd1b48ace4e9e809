"""The one background task runner of the app: export, annex update, comment import.

A task is a plain function ``task(report)`` run on a worker thread (:class:`WorkerThread`);
``report(text, done=0, total=0)`` tells the progress dialog where it is and raises
:class:`Cancelled` once the user asked to stop. The order of events is fixed, so no dialog
can be deleted under a caller:

1. ``start()`` opens :class:`TaskProgress` with ``open()`` — window-modal, **no nested event
   loop** (unlike ``QProgressDialog.setValue()``, updating it never processes events);
2. progress is queued to the GUI thread and only changes a label and a bar;
3. the worker's outcome is *kept*, not acted on;
4. when the thread has been joined, the progress dialog is closed; then, from a fresh event,
   the outcome is delivered — ``succeeded(result)``, ``failed(message)`` or ``cancelled()``,
   whose handlers may open modal boxes safely — and last ``finished``.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from briefing_builder.errors import BriefingError
from briefing_builder.ui.error_wording import app_message
from briefing_builder.ui.worker_thread import WorkerThread

Report = Callable[..., None]
Task = Callable[[Report], Any]


class Cancelled(Exception):
    """Raised inside a task by ``report`` once the user asked to stop.

    Not a :class:`~briefing_builder.errors.BriefingError`: a cancellation is what the user asked
    for, not a failure to explain — it ends in ``cancelled()``, never in an error message.
    """


@dataclass(frozen=True)
class TaskSpec:
    """One task to run: what it is called, what it does, how its errors read."""

    title: str
    run: Task
    cancellable: bool = False
    expected: tuple[type[BaseException], ...] = ()
    describe: Callable[[BaseException], str] = str
    unexpected: str = "The task failed unexpectedly."
    steps: int = 0  # 0: a busy bar until the task reports a total


@dataclass
class _Outcome:
    kind: str = "failed"
    value: Any = None


class TaskWorker(QObject):
    """Runs one :class:`TaskSpec` on the worker thread; never lets an exception escape."""

    progress = Signal(str, int, int)
    done = Signal()

    def __init__(self, spec: TaskSpec) -> None:
        super().__init__()
        self.spec = spec
        self.outcome = _Outcome()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the task to stop at its next step (safe from any thread)."""
        self._cancel.set()

    def report(self, text: str, done: int = 0, total: int = 0) -> None:
        """The task's progress callback: queue the step to the GUI, or stop when cancelled."""
        if self._cancel.is_set() and (total == 0 or done < total):
            raise Cancelled
        self.progress.emit(text, done, total)

    @Slot()
    def run(self) -> None:
        """Run the task; keep exactly one outcome; then ``done``."""
        spec = self.spec
        try:
            try:
                self.outcome = _Outcome("succeeded", spec.run(self.report))
            except Cancelled:
                self.outcome = _Outcome("cancelled")
            except BriefingError as exc:  # every failure a user can cause: located, in the app's words
                self.outcome = _Outcome("failed", app_message(exc))
            except spec.expected as exc:
                self.outcome = _Outcome("failed", spec.describe(exc))
        except Exception:  # an unforeseen failure still ends the thread with a message (details: error output)
            traceback.print_exc(file=sys.stderr)
            self.outcome = _Outcome("failed", f"{spec.unexpected} The details were written to the error output.")
        finally:
            self.done.emit()


class TaskProgress(QDialog):
    """Step text, a bar and (for cancellable tasks) Cancel; closing it only asks to cancel."""

    cancelRequested = Signal()

    def __init__(self, spec: TaskSpec, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(spec.title)
        self.setAccessibleName(f"{spec.title} progress")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel(f"{spec.title}…")
        self.label.setWordWrap(True)
        self.label.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        self.bar = QProgressBar()
        self.bar.setRange(0, spec.steps)
        self.bar.setAccessibleName("Progress")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel if spec.cancellable
                                        else QDialogButtonBox.StandardButton.NoButton)
        self.buttons.rejected.connect(self.reject)
        self.cancellable = spec.cancellable
        self.ending = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)

    def step(self, text: str, done: int, total: int) -> None:
        """Show a step (never processes events)."""
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        if not self.label.text().startswith("Cancelling"):
            self.label.setText(f"{text}…" if not total or done < total else text)

    def reject(self) -> None:
        """Escape, Cancel or the close button: ask the task to stop; the dialog stays until it has."""
        if self.ending:
            super().reject()
            return
        if self.cancellable:
            self.label.setText("Cancelling after the current step…")
            self.cancelRequested.emit()

    def end(self) -> None:
        """The task is over: close for good."""
        self.ending = True
        self.done(QDialog.DialogCode.Accepted)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API name
        """The window's close button is a cancel request while the task runs."""
        if self.ending:
            event.accept()
            return
        event.ignore()
        self.reject()


@dataclass
class _Running:
    worker: TaskWorker
    dialog: TaskProgress | None
    handlers: dict[str, Callable[..., None]] = field(default_factory=dict)


class TaskRunner(QObject):
    """Runs one task at a time with its progress dialog; see the module docstring for the order."""

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, name: str, parent: QObject | None = None, window: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.window = window
        self._thread = WorkerThread(name, self)
        self._thread.finished.connect(self._joined)
        self._running: _Running | None = None
        self._stopped = False

    @property
    def running(self) -> bool:
        """True from ``start()`` until the outcome has been delivered."""
        return self._running is not None

    @property
    def dialog(self) -> TaskProgress | None:
        """The open progress dialog (None without a window or when idle)."""
        return self._running.dialog if self._running is not None else None

    def start(self, spec: TaskSpec) -> bool:
        """Run ``spec`` unless a task is already running; opens the progress dialog on the window."""
        if self.running:
            return False
        self._stopped = False
        worker = TaskWorker(spec)
        worker.progress.connect(self._on_progress)  # a slot of this GUI-thread object: queued, in order
        dialog = TaskProgress(spec, self.window) if self.window is not None else None
        if dialog is not None:  # to this GUI-thread object: a slot of the busy worker would never run
            dialog.cancelRequested.connect(self.cancel)
        self._running = _Running(worker, dialog)
        if not self._thread.start(worker, worker.run, worker.done):
            self._running = None
            return False
        if dialog is not None:
            dialog.open()  # window-modal without a nested event loop
        return True

    @Slot(str, int, int)
    def _on_progress(self, text: str, done: int, total: int) -> None:
        if self._running is not None and self._running.dialog is not None:
            self._running.dialog.step(text, done, total)
        self.progress.emit(text, done, total)

    def cancel(self) -> None:
        """Ask the running task to stop at its next step."""
        if self._running is not None:
            self._running.worker.cancel()

    @Slot()
    def _joined(self) -> None:
        running = self._running
        if running is None:
            return
        if running.dialog is not None:
            running.dialog.end()
            running.dialog.deleteLater()
            running.dialog = None
        if self._stopped:
            self._running = None
            return
        QTimer.singleShot(0, self, self._deliver)  # a fresh event: the dialog is gone, the thread joined

    def _deliver(self) -> None:
        running, self._running = self._running, None
        if running is None:
            return
        outcome = running.worker.outcome
        if outcome.kind == "succeeded":
            self.succeeded.emit(outcome.value)
        elif outcome.kind == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(str(outcome.value))
        self.finished.emit()

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Stop and join the worker thread (window closing, test teardown); no outcome is delivered."""
        self._stopped = True
        self.cancel()
        self._thread.shutdown(timeout_ms)

"""Run one worker object at a time on its own ``QThread``, the safe way.

A running ``QThread`` destroyed by garbage collection aborts the process, and a worker that
raises never finishes its thread. So: the worker has no parent and is moved to a thread
parented to this object; the worker's *done* signal quits the thread; ``finished`` joins the
thread before anything is released, then the thread frees itself with ``deleteLater``. The
worker is not ``deleteLater``'d: PySide owns it, and a ``deleteLater`` racing with the
wrapper's own deletion would free it twice — dropping it after the join is safe.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, SignalInstance, Slot
from shiboken6 import isValid


class WorkerThread(QObject):
    """Owns the thread of the one worker running now; ``finished`` once it is joined."""

    finished = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._thread: QThread | None = None
        self.worker: QObject | None = None

    @property
    def running(self) -> bool:
        """True while a worker is running."""
        return self._thread is not None

    def start(self, worker: QObject, run: Callable[[], None], done: SignalInstance) -> bool:
        """Run ``run`` (a slot of ``worker``) on a new thread unless one is running;
        ``done`` is the worker's last signal."""
        if self.running:
            return False
        thread = QThread(self)  # parented: Qt owns it and deleteLater frees it
        thread.setObjectName(self.name)
        worker.moveToThread(thread)
        thread.started.connect(run)
        done.connect(thread.quit)
        thread.finished.connect(self._forget)  # first: it joins the thread before anything is freed
        thread.finished.connect(thread.deleteLater)
        self._thread, self.worker = thread, worker
        thread.start()
        return True

    @Slot()
    def _forget(self) -> None:
        thread = self._thread
        if thread is not None and isValid(thread):
            thread.wait()  # finished is emitted just before the thread ends: join it first
        self._thread = None
        self.worker = None
        self.finished.emit()

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Join the running thread (window closing, test teardown)."""
        thread = self._thread
        if thread is not None and isValid(thread):
            thread.quit()
            thread.wait(timeout_ms)

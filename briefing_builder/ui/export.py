"""Exporting in the background: a worker object on a ``QThread``, with progress and Cancel.

:class:`ExportWorker` runs :func:`briefing_builder.pipeline.build_pack` and turns every
outcome into a signal (``succeeded``, ``failed`` with a readable message, ``cancelled``),
then ``done``. :class:`ExportController` owns the thread: ``done → quit``,
``finished → deleteLater``, and ``shutdown()`` does ``quit()`` + ``wait()`` (closing the window,
test fixtures). The worker object is owned by Python and released after the thread has been
joined (no ``deleteLater`` on it: PySide would otherwise delete it twice). Cancel is honoured
between steps: python-pptx cannot be interrupted mid-write.
"""

from __future__ import annotations

import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack
from briefing_builder.ui.worker_thread import WorkerThread


@dataclass(frozen=True)
class ExportJob:
    """What to build, from which records, where to."""

    pack: Pack
    catalog: Catalog
    out_dir: Path
    template: str | None = None
    annex: bool = True
    #: Record the export in the store's history: "off", "record" or "start" (see build_pack).
    history: str = "off"


class _Cancelled(Exception):
    pass


class ExportWorker(QObject):
    """Builds one pack; lives on a worker thread; never lets an exception escape."""

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(self, job: ExportJob) -> None:
        super().__init__()
        self.job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the build to stop at the next step (safe from any thread)."""
        self._cancel.set()

    def _report(self, step: str, done: int, total: int) -> None:
        if self._cancel.is_set() and done < total:
            raise _Cancelled
        self.progress.emit(step, done, total)

    @Slot()
    def run(self) -> None:
        """Build; emit exactly one outcome, then ``done``."""
        try:
            from briefing_builder.pipeline import BuildError, build_pack

            job = self.job
            try:
                result = build_pack(job.pack, job.catalog, job.out_dir, template=job.template,
                                    progress=self._report, annex=job.annex, history=job.history)
            except _Cancelled:
                self.cancelled.emit()
            except BuildError as exc:
                self.failed.emit(str(exc))
            else:
                self.succeeded.emit(result)
        except Exception as exc:  # an unforeseen failure still ends the thread with a message
            traceback.print_exc(file=sys.stderr)
            self.failed.emit(f"The export failed unexpectedly ({type(exc).__name__}: {exc}). "
                             "Nothing was overwritten. Try another output folder or template.")
        finally:
            self.done.emit()


class ExportController(QObject):
    """Starts exports on a worker thread, relays their signals to the GUI thread."""

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = WorkerThread("export", self)
        self._runner.finished.connect(self.finished)

    @property
    def running(self) -> bool:
        """True while an export is in progress."""
        return self._runner.running

    def start(self, job: ExportJob) -> bool:
        """Start ``job`` unless an export is already running."""
        if self.running:
            return False
        worker = ExportWorker(job)
        # slots of this object (GUI thread), so delivery is queued here and in emission order
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        return self._runner.start(worker, worker.run, worker.done)

    @Slot(str, int, int)
    def _on_progress(self, step: str, done: int, total: int) -> None:
        self.progress.emit(step, done, total)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self.succeeded.emit(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.failed.emit(message)

    @Slot()
    def _on_cancelled(self) -> None:
        self.cancelled.emit()

    def cancel(self) -> None:
        """Ask the running export to stop."""
        worker = self._runner.worker
        if isinstance(worker, ExportWorker) and isValid(worker):
            worker.cancel()

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Stop and join the worker thread (window closing, test teardown)."""
        self.cancel()
        self._runner.shutdown(timeout_ms)


class ExportProgress(QProgressDialog):
    """Per-step progress with a Cancel button; window-modal, so the window stays painted."""

    def __init__(self, controller: ExportController, parent: QWidget | None = None) -> None:
        super().__init__("Starting the export…", "Cancel", 0, 4, parent)
        self.setWindowTitle("Exporting deck and annex")
        self.setAccessibleName("Export progress")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.controller = controller
        self._finished = False
        self.canceled.connect(self._cancel)  # also emitted by close(): see _cancel
        controller.progress.connect(self.step)
        controller.finished.connect(self.finish)

    def step(self, text: str, done: int, total: int) -> None:
        """Show the current step."""
        self.setMaximum(total)
        self.setValue(done)
        self.setLabelText(f"{text}…" if done < total else text)

    def finish(self) -> None:
        """The export ended: close without cancelling anything."""
        self._finished = True
        self.close()

    def _cancel(self) -> None:
        if self._finished:
            return
        self.setLabelText("Cancelling after the current step…")
        self.controller.cancel()

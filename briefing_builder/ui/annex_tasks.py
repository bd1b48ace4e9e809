"""Annex update and import in the background: a worker object on a ``QThread``.

The same pattern as :mod:`export`: :class:`TaskWorker` runs one function on the thread and
turns every outcome into a signal (``succeeded`` with the result, ``failed`` with a readable
message), then ``done``; :class:`TaskRunner` owns the thread (``done → quit``,
``finished → deleteLater``) and ``shutdown()`` does ``quit()`` + ``wait()`` (window closing,
test fixtures). The function reports its steps through a ``progress(text)`` callback.
"""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack
from briefing_builder.ui.worker_thread import WorkerThread

Step = Callable[[str], None]
Task = Callable[[Step], Any]


def update_task(path: Path, pack: Pack, catalog: Catalog, on: dt.date | None = None) -> Task:
    """Update the workbook at ``path`` in place from ``pack``; returns the UpdateReport."""
    def run(step: Step) -> Any:
        from briefing_builder.annex import service

        return service.update_file(path, pack, catalog, None, on, step)
    return run


def import_task(path: Path, catalog: Catalog, fallback_pack: str | None = None) -> Task:
    """Read the change set of the returned annex at ``path`` (its own pack, else ``fallback_pack``)."""
    def run(step: Step) -> Any:
        from briefing_builder.annex import service

        changes = service.read_return(path, catalog, service.pack_of(path) or fallback_pack, step)
        if changes.inputs:
            step("Keeping the delegation's comments and positions in the store")
            service.keep_feedback(changes, catalog)
        return changes
    return run


def compile_task(paths: list[Path], pack: Pack, catalog: Catalog, out: Path) -> Task:
    """Read every returned annex in ``paths`` and write the compilation to ``out``; returns the Compilation."""
    def run(step: Step) -> Any:
        from briefing_builder.annex import service

        return service.compile_files(pack, catalog, paths, out, step=step)
    return run


def readable(message: str) -> str:
    """Library messages speak of command-line options; say it the app's way."""
    return (message.replace("give the pack with --pack", "open the pack it was made for and try again")
            .replace("give --store or --pack", "open the store that has it"))


class TaskWorker(QObject):
    """Runs one task on a worker thread; never lets an exception escape."""

    progress = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)
    done = Signal()

    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    @Slot()
    def run(self) -> None:
        """Run the task; emit exactly one outcome, then ``done``."""
        try:
            from briefing_builder.annex.package import AnnexFileError
            from briefing_builder.render.output import OutputError
            from briefing_builder.store.writer import StoreWriteError

            try:
                result = self.task(self.progress.emit)
            except (AnnexFileError, OutputError, StoreWriteError, OSError) as exc:
                self.failed.emit(readable(str(exc)))
            else:
                self.succeeded.emit(result)
        except Exception as exc:  # an unforeseen failure still ends the thread with a message
            traceback.print_exc(file=sys.stderr)
            self.failed.emit(f"The annex could not be processed ({type(exc).__name__}: {exc}). "
                             "Nothing was written.")
        finally:
            self.done.emit()


class TaskRunner(QObject):
    """Starts one task at a time on a worker thread and relays its signals to the GUI thread."""

    progress = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._runner = WorkerThread(name, self)
        self._runner.finished.connect(self.finished)

    @property
    def running(self) -> bool:
        """True while a task is in progress."""
        return self._runner.running

    def start(self, task: Task) -> bool:
        """Run ``task`` unless one is already running."""
        if self.running:
            return False
        worker = TaskWorker(task)
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        return self._runner.start(worker, worker.run, worker.done)

    @Slot(str)
    def _on_progress(self, text: str) -> None:
        self.progress.emit(text)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self.succeeded.emit(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.failed.emit(message)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Join the worker thread (window closing, test teardown)."""
        self._runner.shutdown(timeout_ms)

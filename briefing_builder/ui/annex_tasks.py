"""Annex update, import and compile as tasks for the app's one runner (:mod:`task_runner`).

:func:`update_task`, :func:`import_task` and :func:`compile_task` are plain functions run on the
worker thread over the annex package's service API; they report their steps through a
``progress(text)`` callback. :func:`annex_spec` gives them their title; the runner words their errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing_builder.store.catalog import Catalog
from briefing_builder.store.record_editor import FileChange, read_text
from briefing_builder.store.schema import Pack
from briefing_builder.ui.task_runner import TaskSpec

Step = Callable[[str], None]
Task = Callable[[Step], Any]


def update_task(path: Path, pack: Pack, catalog: Catalog, on: dt.date | None = None, out: Path | None = None) -> Task:
    """Update the workbook at ``path`` from ``pack`` into ``out`` (default: in place); returns the UpdateReport."""
    def run(step: Step) -> Any:
        from briefing_builder.annex import service

        return service.update_file(path, pack, catalog, out, on, step)
    return run


@dataclass(frozen=True)
class ImportRead:
    """A returned annex read for review: its change set, and the feedback file kept from it
    (its text before and after, for undo; ``None`` when nothing was kept)."""

    changes: Any  # annex.changes.ChangeSet (the annex reader loads only when used)
    kept: FileChange | None


def import_task(path: Path, catalog: Catalog, fallback_pack: str | None = None) -> Task:
    """Read the change set of the returned annex at ``path`` (its own pack, else ``fallback_pack``)
    and keep the delegation's comments and positions, as ``annex import`` does; returns an :class:`ImportRead`."""
    def run(step: Step) -> Any:
        from briefing_builder.annex import service

        changes = service.read_return(path, catalog, service.pack_of(path) or fallback_pack, step)
        target = service.feedback_file(changes, catalog) if changes.inputs else None
        if target is None:
            return ImportRead(changes, None)
        step("Keeping the delegation's comments and positions (records are not changed)")
        before = read_text(target)
        service.keep_feedback(changes, catalog)
        return ImportRead(changes, FileChange(target, before, read_text(target)))
    return run


def compile_task(paths: list[Path], pack: Pack, catalog: Catalog, out: Path) -> Task:
    """Read every returned annex in ``paths`` and write the compilation to ``out``; returns the Compilation."""
    def run(step: Step) -> Any:
        from briefing_builder.annex import service

        return service.compile_files(pack, catalog, paths, out, step=step)
    return run


def annex_spec(title: str, task: Task) -> TaskSpec:
    """``task`` as a task for the app's runner: not cancellable (one atomic write); its
    :class:`~briefing_builder.errors.BriefingError` failures are worded by the runner, a file
    the system refuses (``OSError``) by its own reason."""
    return TaskSpec(title, task, expected=(OSError,),
                    unexpected="The annex could not be processed. Nothing was written.")

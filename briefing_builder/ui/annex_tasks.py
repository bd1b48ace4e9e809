"""Annex update and import as tasks for the app's one runner (:mod:`task_runner`).

:func:`update_task` and :func:`import_task` are plain functions run on the worker thread; they
report their steps through a ``progress(text)`` callback. :func:`annex_spec` gives them their
title and readable error messages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack
from briefing_builder.ui.task_runner import TaskSpec

Step = Callable[[str], None]
Task = Callable[[Step], Any]


def update_task(path: Path, pack: Pack, catalog: Catalog, on: dt.date | None = None) -> Task:
    """Plan ``pack``'s annex and update the workbook at ``path`` in place; returns the UpdateReport."""
    def run(step: Step) -> Any:
        from briefing_builder.compose.annex_planner import plan_annex
        from briefing_builder.render.annex_update import update_annex

        today = on or dt.date.today()
        step("Planning the annex from the store")
        plan = plan_annex(pack, catalog, today)
        step(f"Updating {path.name} (everything a delegation added is kept)")
        return update_annex(path, plan, None, today)
    return run


def import_task(path: Path, catalog: Catalog, fallback_pack: str | None = None) -> Task:
    """Read the change set of the returned annex at ``path`` (its own pack, else ``fallback_pack``)."""
    def run(step: Step) -> Any:
        from briefing_builder.render.annex_import import annex_pack_id, read_changes
        from briefing_builder.render.annex_package import open_package

        step(f"Reading {path.name}")
        pack_id = annex_pack_id(open_package(path)) or fallback_pack
        step("Comparing each row with the store")
        return read_changes(path, catalog, pack_id)
    return run


def readable(message: str) -> str:
    """Library messages speak of command-line options; say it the app's way."""
    return (message.replace("give the pack with --pack", "open the pack it was made for and try again")
            .replace("give --store or --pack", "open the store that has it"))


def _expected_errors() -> tuple[type[BaseException], ...]:
    from briefing_builder.render.annex_package import AnnexFileError
    from briefing_builder.render.output import OutputError
    from briefing_builder.store.writer import StoreWriteError

    return (AnnexFileError, OutputError, StoreWriteError, OSError)


def annex_spec(title: str, task: Task) -> TaskSpec:
    """``task`` as a task for the app's runner: not cancellable (one atomic write), readable errors."""
    return TaskSpec(title, task, expected=_expected_errors(), describe=lambda exc: readable(str(exc)),
                    unexpected="The annex could not be processed. Nothing was written.")

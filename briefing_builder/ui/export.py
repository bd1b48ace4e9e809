"""Exporting in the background: the pack's deck and annex built by the app's task runner.

:func:`export_spec` turns an :class:`ExportJob` into a :class:`~briefing_builder.ui.task_runner.TaskSpec`
running :func:`briefing_builder.pipeline.build_pack`, which any
:class:`~briefing_builder.ui.task_runner.TaskRunner` runs (progress dialog with Cancel on the
window, outcome delivered only after the worker has finished and the dialog is closed); the
File menu's export is :class:`~briefing_builder.ui.export_actions.ExportActions`. Cancel is
honoured between steps: python-pptx cannot be interrupted mid-write.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack
from briefing_builder.ui.task_runner import Report, TaskSpec

EXPORT_TITLE = "Exporting deck and annex"


@dataclass(frozen=True)
class ExportJob:
    """What to build, from which records, where to."""

    pack: Pack
    catalog: Catalog
    out_dir: Path
    template: str | None = None
    annex: bool = True
    stem: str | None = None  # the file names' stem when not the pack id ("keep both")
    #: Record the export in the store's history: "off", "record" or "start" (see build_pack).
    history: str = "off"


def output_files(pack_id: str, folder: Path, stem: str | None = None) -> list[Path]:
    """The deck and annex an export of ``pack_id`` writes into ``folder``."""
    stem = stem or pack_id
    return [folder / f"{stem}.pptx", folder / f"{stem}-annex.xlsx"]


def free_stem(pack_id: str, folder: Path) -> str:
    """``<id>-2``, ``<id>-3``…: the first stem whose deck and annex are both new in ``folder``."""
    number = 2
    while any(path.exists() for path in output_files(pack_id, folder, f"{pack_id}-{number}")):
        number += 1
    return f"{pack_id}-{number}"


def _build_renamed(job: ExportJob, report: Report) -> Any:
    """Build into a private folder beside the target, then move the pair to the new names (never over a file)."""
    import dataclasses
    import os
    import tempfile

    from briefing_builder.pipeline import BuildError, build_pack

    job.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".export-", dir=job.out_dir) as scratch:
        result = build_pack(job.pack, job.catalog, Path(scratch), template=job.template, progress=report,
                            annex=job.annex, history=job.history)
        deck, annex = output_files(job.pack.id, job.out_dir, job.stem)
        if deck.exists() or (result.annex is not None and annex.exists()):
            raise BuildError(f"{deck.name} appeared in {job.out_dir} during the export; nothing was replaced. "
                             "Export again.")
        os.replace(result.deck, deck)
        if result.annex is not None:
            os.replace(result.annex, annex)
        return dataclasses.replace(result, deck=deck, annex=annex if result.annex is not None else None)


def _build_error() -> type[BaseException]:
    from briefing_builder.pipeline import BuildError

    return BuildError


def export_spec(job: ExportJob) -> TaskSpec:
    """The export of ``job`` as a cancellable task (4 steps: plan, deck, annex, done)."""
    def run(report: Report) -> Any:
        from briefing_builder.pipeline import build_pack

        if job.stem and job.stem != job.pack.id:
            return _build_renamed(job, report)
        return build_pack(job.pack, job.catalog, job.out_dir, template=job.template, progress=report,
                          annex=job.annex, history=job.history)

    return TaskSpec(EXPORT_TITLE, run, cancellable=True, expected=(_build_error(),), steps=4,
                    unexpected="The export failed unexpectedly. Nothing was overwritten. "
                               "Try another output folder or template.")

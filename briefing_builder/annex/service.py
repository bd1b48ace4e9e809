"""The one API of the annex round trip, used alike by the CLI, the app and the benchmarks.

Each function does one user-level step — export, update, read a return, apply — and
reports its steps through an optional ``step(text)`` callback (the app shows them as
progress). Failures are :class:`~.package.AnnexFileError` (a workbook that cannot be used),
``OutputError`` (a file that cannot be written) or ``StoreWriteError`` (a store file that
cannot be edited); each message names the file and what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from briefing_builder.annex.baseline import keep_document, sent_document
from briefing_builder.annex.changed_since import ChangedSince, update_changes
from briefing_builder.annex.changes import (
    ApplyReport,
    ChangeSet,
    Choice,
    FieldChange,
    apply_changes,
    apply_selected,
    read_changes,
)
from briefing_builder.annex.compile import Compilation, compile_returns, write_compilation
from briefing_builder.annex.feedback import delegation_of, feedback_path, from_changes, received, returned_on, save
from briefing_builder.annex.package import AnnexFileError, open_package
from briefing_builder.annex.plan import AnnexPlan
from briefing_builder.annex.planner import plan_annex as plan_from_store
from briefing_builder.annex.update import UpdateReport, update_annex
from briefing_builder.annex.workbook import annex_pack_id
from briefing_builder.annex.writer import annex_bytes, write_annex
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import gc_paused
from briefing_builder.store.schema import Pack

Step = Callable[[str], None]

__all__ = [
    "AnnexFileError",
    "ApplyReport",
    "ChangeSet",
    "Choice",
    "Compilation",
    "Step",
    "apply_return",
    "compile_files",
    "export_annex",
    "feedback_file",
    "keep_feedback",
    "keep_sent",
    "pack_of",
    "planned_export",
    "read_return",
    "update_file",
]


def _quiet(_: str) -> None:
    """The default progress callback: says nothing."""


def plan_annex(pack: Pack, catalog: Catalog, on: dt.date, row_heights: bool = True,
               changed: ChangedSince | None = None) -> AnnexPlan:
    """The pack's annex (:func:`.planner.plan_annex`) with the comments that delegations'
    earlier returns left in the store (a "Comments received" column) and, for an export,
    what changed since the last one (``changed``, from the store's history)."""
    with gc_paused():  # every row of the plan stays alive: collections would walk them and free nothing
        return plan_from_store(pack, catalog, on, row_heights,
                               received(catalog.root, pack.id, pack.meeting.language), changed)


def export_annex(pack: Pack, catalog: Catalog, path: Path, on: dt.date | None = None,
                 step: Step = _quiet) -> AnnexPlan:
    """Plan ``pack``'s annex and write it to ``path`` atomically (with its baseline)."""
    step("Planning the annex from the store")
    plan = plan_annex(pack, catalog, on or dt.date.today())
    step(f"Writing {Path(path).name}")
    write_annex(plan, Path(path), catalog)
    return plan


def planned_export(pack: Pack, catalog: Catalog, on: dt.date | None = None,
                   changed: ChangedSince | None = None) -> tuple[AnnexPlan, bytes]:
    """``pack``'s annex as planned and as the bytes of its file (baseline inside), for a build
    that writes it together with its deck; then call :func:`keep_sent` with the plan."""
    plan = plan_annex(pack, catalog, on or dt.date.today(), changed=changed)
    return plan, annex_bytes(plan)


def keep_sent(plan: AnnexPlan, catalog: Catalog) -> None:
    """Keep what ``plan`` sends (its baseline) next to the pack: the fallback for a return
    whose re-save lost the copy inside the workbook. Raises ``OutputError``."""
    keep_document(plan.pack_id, sent_document(plan), catalog)


def update_file(path: Path, pack: Pack, catalog: Catalog, out: Path | None = None, on: dt.date | None = None,
                step: Step = _quiet, force_pack: bool = False) -> UpdateReport:
    """Bring the annex at ``path`` up to date with ``pack`` in the store; write ``out`` (default ``path``).
    An annex made for another pack is refused unless ``force_pack``. Its "Changed since" column is
    brought up to the store now (:func:`.changed_since.update_changes`)."""
    today = on or dt.date.today()
    step("Planning the annex from the store")
    package = open_package(Path(path))
    with gc_paused():
        changed, note = update_changes(package, catalog, pack)
    plan = plan_annex(pack, catalog, today, row_heights=False, changed=changed)
    step(f"Updating {Path(path).name} (everything a delegation added is kept)")
    report = update_annex(Path(path), plan, out, today, catalog, force_pack, package)
    if note:
        report.notes.append(note)
    return report


def pack_of(path: Path) -> str | None:
    """The id of the pack the workbook at ``path`` was made for, if it still says."""
    return annex_pack_id(open_package(Path(path)))


def read_return(path: Path, catalog: Catalog, pack_id: str | None = None, step: Step = _quiet,
                force_pack: bool = False) -> ChangeSet:
    """The change set of the returned annex at ``path`` (its own pack; ``pack_id`` when it does not say,
    or when ``force_pack`` — else another ``pack_id`` is refused)."""
    step(f"Reading {Path(path).name}")
    changes = read_changes(Path(path), catalog, pack_id, force_pack=force_pack)
    step("Compared each row with what was sent and with the store")
    return changes


def feedback_file(changes: ChangeSet, catalog: Catalog, delegation: str | None = None) -> Path | None:
    """Where :func:`keep_feedback` keeps the comments and positions of ``changes`` (``None`` for
    the bundled sample store, which is never written to)."""
    if catalog.read_only:
        return None
    who = delegation or delegation_of(open_package(changes.annex), changes.annex)
    return feedback_path(catalog.root, changes.pack_id, who)


def keep_feedback(changes: ChangeSet, catalog: Catalog, delegation: str | None = None,
                  on: dt.date | None = None) -> Path | None:
    """Keep the delegation's comments and positions of ``changes`` in the store (records untouched);
    the file written (``None`` for the bundled sample store). ``delegation`` overrides the one the
    workbook or its name gives."""
    package = open_package(changes.annex)
    who = delegation or delegation_of(package, changes.annex)
    return save(from_changes(changes, who, returned_on(package), on or dt.date.today()), catalog.root)


def compile_files(pack: Pack, catalog: Catalog, paths: list[Path], out: Path, on: dt.date | None = None,
                  step: Step = _quiet) -> Compilation:
    """Read every return of ``pack`` in ``paths``, keep each delegation's feedback in the store and
    write the compilation workbook to ``out``."""
    today = on or dt.date.today()
    step("Planning the annex from the store")
    plan = plan_annex(pack, catalog, today, row_heights=False)
    step(f"Reading {len(paths)} returned annex(es)")
    compilation = compile_returns(paths, catalog, plan, today)
    step(f"Writing {Path(out).name}")
    write_compilation(compilation, Path(out))
    return compilation


def apply_return(changes: ChangeSet, choice: Choice | list[FieldChange] | None = None,
                 step: Step = _quiet) -> ApplyReport:
    """Write the chosen edits of ``changes`` to the store: by ``--accept``/``--reject`` specs
    (:meth:`.changes.ChangeSet.chosen`) or, from the app's review, exactly the edits listed."""
    step("Checking and writing the accepted edits")
    if isinstance(choice, list):
        return apply_selected(changes, choice)
    return apply_changes(changes, choice)

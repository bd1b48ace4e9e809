"""File → "Update annex…" and "Import comments…": the annex round trip in the app.

*Update annex…* does what ``briefing-builder annex update`` does, for the open pack: after the
workbook, a save dialog asks where to write the update (the same file by default, with the
usual confirmation before replacing it; ``--out`` on the command line), written atomically on
a worker thread, with progress, then a summary says per sheet how many rows were updated,
added and marked, and what was kept.
*Import comments…* reads the change set on a worker thread, keeps the delegation's comments and
positions in ``feedback/<pack>/<delegation>.yaml`` as ``annex import`` does (records untouched),
and shows it for review (:class:`~briefing_builder.ui.annex_review.ImportReview`, which says
where they were kept); only the edits the user accepts are written, after a confirmation,
through the store writer (comments, key order and quoting kept; no other file touched). The
import is one step of the library's undo history: its undo removes the kept feedback and the
applied edits together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from briefing_builder.store.record_editor import FileChange, read_text
from briefing_builder.store.writer import StoreWriteError
from briefing_builder.ui import dialogs
from briefing_builder.ui.actions import add_action
from briefing_builder.ui.annex_tasks import ImportRead, Task, annex_spec, compile_task, import_task, update_task
from briefing_builder.ui.library_edit import LibraryEditor, StoreFileCommand
from briefing_builder.ui.services import Services

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.annex.changes import ChangeSet, FieldChange
    from briefing_builder.annex.update import UpdateReport


class AnnexActions(QObject):
    """Adds the three annex actions to ``menu`` and runs them on the open pack of ``services``."""

    def __init__(self, services: Services, menu: QMenu) -> None:
        super().__init__(services.parent)
        self.services = services
        self.dialog_parent = services.parent
        self.runner = services.tasks.runner("annex")
        self.update_action = add_action(menu, "&Update annex…", "Ctrl+Shift+U", self.ask_update,
                                          "Bring a returned annex up to date with the store, keeping what "
                                          "delegations added")
        self.import_action = add_action(menu, "&Import comments…", "Ctrl+Shift+I", self.ask_import,
                                          "Review the comments and edits in a returned annex; apply accepted edits")
        self.compile_action = add_action(menu, "&Compile returns…", "Ctrl+Shift+R", self.ask_compile,
                                           "Read all the returned annexes of the meeting at once and write the "
                                           "compilation of comments and positions")
        self.folder: Path | None = None
        self.last_report: UpdateReport | None = None
        self.last_changes: ChangeSet | None = None
        self.last_compilation: Any = None
        self._on_success: Callable[[Any], object] | None = None
        self.runner.succeeded.connect(self._succeeded)
        self.runner.failed.connect(self._failed)
        self.runner.finished.connect(self._finished)

    # ------------------------------------------------------------------ running

    def _pick(self, caption: str) -> Path | None:
        start = self.folder or self.services.settings.last_output or Path.home()
        path = dialogs.annex_file(self.dialog_parent, start, caption)
        if path is not None:
            self.folder = path.parent
        return path

    def _start(self, title: str, task: Task, on_success: Callable[[Any], object]) -> bool:
        if self.runner.running:
            return False
        self._on_success = on_success
        for action in (self.update_action, self.import_action, self.compile_action):
            action.setEnabled(False)
        return self.runner.start(annex_spec(title, task))

    def _succeeded(self, result: object) -> None:
        if self._on_success is not None:
            self._on_success(result)

    def _failed(self, message: str) -> None:
        self.services.messages.error("Annex not processed", message)

    def _finished(self) -> None:
        for action in (self.update_action, self.import_action, self.compile_action):
            action.setEnabled(True)

    # ------------------------------------------------------------------ update

    def ask_update(self) -> None:
        """Pick a returned workbook and update it from the open pack."""
        path = self._pick("Update annex — choose the returned workbook")
        if path is None:
            return
        out = dialogs.annex_save_path(self.dialog_parent, path)
        if out is not None:
            self.start_update(path, out=out)

    def start_update(self, path: Path, on: dt.date | None = None, out: Path | None = None) -> bool:
        """Update ``path`` from the open pack's annex plan in the background, into ``out`` (default: ``path``)."""
        editor = self.services.editor
        target = Path(out) if out is not None else Path(path)
        return self._start("Updating the annex", update_task(Path(path), editor.pack, editor.catalog,
                                                             on, target),
                           lambda report: self._updated(Path(path), target, report))

    def _updated(self, path: Path, target: Path, report: UpdateReport) -> None:
        self.last_report = report
        sheets = [summary.line() for summary in report.sheets]
        self.services.messages.status(f"Updated {target.name}.", 15_000)
        said = (f"{target} was updated from the store." if target.resolve() == path.resolve() else
                f"{target} was written: {path.name} brought up to date with the store ({path.name} is unchanged).")
        dialogs.report(self.dialog_parent, "Annex updated", said + "\n\n" + "\n".join(sheets)
                       + f"\n\nKept byte for byte: {len(report.kept)} part(s)"
                       + (", macros included." if report.macros else "."), report.lines())

    # ------------------------------------------------------------------ compile

    def ask_compile(self) -> None:
        """Pick all the returned workbooks of the meeting and compile them."""
        start = self.folder or self.services.settings.last_output or Path.home()
        paths = dialogs.annex_files(self.dialog_parent, start, "Compile returns — choose every returned workbook")
        if paths:
            self.folder = paths[0].parent
            self.start_compile(paths)

    def start_compile(self, paths: list[Path], out: Path | None = None) -> bool:
        """Compile ``paths`` for the open pack into ``out`` (default: next to the first file)."""
        pack = self.services.editor.pack
        target = out or Path(paths[0]).parent / f"{pack.id}-comments.xlsx"
        return self._start("Compiling the returns", compile_task([Path(p) for p in paths], pack,
                                                                 self.services.catalog, target),
                           lambda compilation: self._compiled(target, compilation))

    def _compiled(self, path: Path, compilation: Any) -> None:
        self.last_compilation = compilation
        self.services.messages.status(f"Compiled {len(compilation.returns)} return(s) into {path.name}.",
                                      15_000)
        dialogs.report(self.dialog_parent, "Returns compiled",
                       f"{path} holds the comments and positions of {len(compilation.answered)} delegation(s).\n\n"
                       f"Not answered: {', '.join(compilation.not_answered) or 'none'}.", compilation.lines())

    # ------------------------------------------------------------------ import

    def ask_import(self) -> None:
        """Pick a returned workbook and review its changes."""
        path = self._pick("Import comments — choose the returned workbook")
        if path is not None:
            self.start_import(path)

    def start_import(self, path: Path) -> bool:
        """Read the change set of ``path`` in the background, then show it for review."""
        catalog, pack = self.services.catalog, self.services.editor.pack
        fallback = pack.id if pack.id in catalog.packs else None
        return self._start("Reading the annex", import_task(Path(path), catalog, fallback), self._review)

    def _review(self, read: ImportRead) -> None:
        changes, kept = read.changes, read.kept
        self.last_changes = changes
        from briefing_builder.ui.annex_review import ImportReview  # loads the annex reader: only when used

        root = self.services.catalog.root
        review = ImportReview(changes, root, self.dialog_parent, kept.path if kept is not None else None)
        kept_note = (f"The delegation's comments and positions are already kept in {kept.path} (not in the "
                     "records); undoing the import removes them with these edits.") if kept is not None else ""
        self.review_and_apply(changes, review, kept_note, kept)

    def review_and_apply(self, changes: Any, review: Any, note: str = "", kept: FileChange | None = None) -> None:
        """Show ``review``; write the edits accepted there after a confirmation that ends with ``note``.

        ``kept``: the feedback file the import already wrote, undone in one step with the edits."""
        accepted = review.accepted_changes() if dialogs.run_form(self.dialog_parent, review) else []
        review.deleteLater()
        languages = [f"{e.record_id} · {e.column}: {e.language_note}." for e in accepted
                     if getattr(e, "language_note", "")]
        if languages:
            note = "\n".join(languages) + (f"\n\n{note}" if note else "")
        if accepted and dialogs.confirm(
                self.dialog_parent, "Apply accepted edits?",
                f"Write {len(accepted)} accepted edit(s) into {len({str(e.path) for e in accepted})} store file(s)?"
                "\n\n" + "\n".join(sorted({str(edit.path) for edit in accepted}))
                + "\n\nComments and key order are kept; no other file is touched." + (f"\n\n{note}" if note else ""),
                "Apply"):
            self.apply(changes, accepted, kept)
            return
        if kept is not None:
            self._record(f"Keep comments from {changes.annex.name}", [kept])
            self.services.messages.status(f"No record changed; the delegation's comments and positions are "
                                          f"kept in {kept.path.name} (undo: Alt+Backspace).", 15_000)

    def _record(self, title: str, changes: list[FileChange]) -> None:
        record_file_changes(self.services.store_editor, title, changes)

    def apply(self, change_set: ChangeSet, accepted: list[FieldChange], kept: FileChange | None = None) -> list[Path]:
        """Write ``accepted`` edits through the annex service (schema and file checks); the import
        (``kept`` feedback and the written files) is one undo step; reload the store."""
        from briefing_builder.annex import service

        library = self.services.store_editor
        kept_changes = [kept] if kept is not None else []
        title = f"Import edits from {change_set.annex.name}"
        if library.read_only_reason():
            self.services.messages.error("Store is read-only", library.read_only_reason() or "")
            return []
        try:
            report = service.apply_return(change_set, accepted)
        except StoreWriteError as exc:
            self._record(title, kept_changes)
            self.services.messages.error("No edit was applied", str(exc))
            return []
        if report.refused:
            self.services.messages.error("Not every edit was applied", "\n".join(
                f"{edit.record_id} · {edit.column}: {why}" for edit, why in report.refused))
        changes = [FileChange(path, report.before[path], read_text(path)) for path in report.written]
        self._record(title, kept_changes + changes)
        written = [change.path for change in changes]
        if written:
            self.services.watcher.reload()
        self.services.messages.status(f"Applied {len(accepted) - len(report.refused)} edit(s) to "
                                      f"{len(written)} store file(s) from {change_set.annex.name} "
                                      "(undo: Alt+Backspace).", 15_000)
        return written


def record_file_changes(library: LibraryEditor, title: str, changes: list[FileChange]) -> None:
    """Put the store files an import wrote on ``library``'s undo history as one step titled ``title``."""
    changes = [change for change in changes if change.before != change.after]
    if not changes:
        return
    stack = library.undo_stack
    stack.beginMacro(title)
    for change in changes:
        stack.push(StoreFileCommand(library, f"{title}: {change.path.name}", change))
    stack.endMacro()

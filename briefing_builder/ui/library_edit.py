"""Adding, editing and deleting library records: written to their own YAML file, undoable.

**Undo model.** Store edits have their own :class:`~PySide6.QtGui.QUndoStack`
(:attr:`LibraryEditor.undo_stack`), separate from the pack's. A store edit is written to
disk at once and outlives the pack being edited (opening another pack clears the pack's
history, and the pack's "clean" state means "pack saved"), so mixing both in one history
would let Ctrl+Z on a pack quietly rewrite a store file, or a pack's Save mark a store edit
"saved". Each :class:`StoreFileCommand` holds the file's whole text before and after
(:class:`~briefing_builder.store.record_editor.FileChange`): redo writes *after*, undo writes
*before* — each only if the file still holds what the command last wrote. A file changed on
disk meanwhile is never overwritten: the step is dropped from the history and the user is
told (and offered a reload).

**Conflicts.** A form keeps the file's exact text as it was when the form opened; the edit is
computed from that text and written only if the file still holds it (bytes compared, which
also catches an editor that saved within the same mtime tick).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from briefing_builder.paths import sample_store_dir
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.loader import MILESTONES_FILE
from briefing_builder.store.record_editor import (
    FileChange,
    StoreConflict,
    append_record,
    apply_change,
    new_record_file,
    read_text,
    remove_record,
    remove_record_file,
    replace_record,
)
from briefing_builder.store.schema import CountryCard
from briefing_builder.store.writer import StoreWriteError
from briefing_builder.ui import dialogs
from briefing_builder.ui.record_form import NOUNS, LibraryRecord, RecordForm

EDITABLE_KINDS = ("area", "measure", "country", "milestone", "consultation", "theme")
#: kinds kept one per file: a new one gets its own file, deleting one deletes the file
OWN_FILE = {"area": "areas", "country": "countries", "consultation": "consultations"}


@dataclass(frozen=True)
class Target:
    """Where a record lives: its file, the file's text when read, the record (None: new)."""

    path: Path
    text: str | None
    record: LibraryRecord | None = None


def copy_store(source: Path, folder: Path) -> Path:
    """Copy the store at ``source`` into ``folder`` (itself when empty, else a new sub-folder); never over files."""
    import shutil

    folder = Path(folder)
    if folder.is_dir() and not any(folder.iterdir()):
        shutil.copytree(source, folder, dirs_exist_ok=True)
        return folder
    target, number = folder / "briefing-store", 2
    while target.exists():
        target, number = folder / f"briefing-store-{number}", number + 1
    shutil.copytree(source, target)
    return target


class StoreFileCommand(QUndoCommand):
    """One store file edit; the first redo is skipped when the change was already written."""

    def __init__(self, owner: LibraryEditor, text: str, change: FileChange, written: bool = True) -> None:
        super().__init__(text)
        self.owner = owner
        self.change = change
        self._skip = written

    def redo(self) -> None:
        """Write the edit (unless it was just written by the form)."""
        if self._skip:
            self._skip = False
            return
        self._write(self.change, f"Redid “{self.text()}”: {self.change.path.name} written again.")

    def undo(self) -> None:
        """Write the previous text back."""
        gone = self.change.before is None
        self._write(self.change.reversed(), f"Undid “{self.text()}”: {self.change.path.name} "
                    + ("removed." if gone else "restored."))

    def _write(self, change: FileChange, said: str) -> None:
        if not self.owner.write(change, self.text(), said):
            self.setObsolete(True)  # QUndoStack drops it: the file on disk is not ours to rewrite


class LibraryEditor(QObject):
    """Runs the library forms and turns their records into file edits."""

    written = Signal(object)  # Path of the file that changed: the window reloads the store
    message = Signal(str)
    storeCopied = Signal(object)  # Path of a writable copy of the store: the window opens it

    def __init__(self, window: QWidget, catalog: Catalog) -> None:
        super().__init__(window)
        self.window = window
        self.catalog = catalog
        self.undo_stack = QUndoStack(self)

    def set_catalog(self, catalog: Catalog) -> None:
        """Use a reloaded store; another store folder starts a fresh history."""
        if catalog.root.resolve() != self.catalog.root.resolve():
            self.undo_stack.clear()
        self.catalog = catalog

    # ------------------------------------------------------------------ guards and writing

    def read_only_reason(self) -> str | None:
        """Why this store cannot be edited (the bundled sample is part of the installation)."""
        if self.catalog.read_only:
            return (f"The bundled sample store is part of the installation ({sample_store_dir()}) and is "
                    "read-only. Copy it to a folder of your own to edit its records; the copy is opened at once.")
        return None

    def offer_copy(self, reason: str) -> Path | None:
        """Say why the store is read-only and offer to copy it; the copy is announced by ``storeCopied``."""
        folder = dialogs.ask_copy_store(self.window, reason)
        if folder is None:
            return None
        try:
            copy = copy_store(self.catalog.root, folder)
        except OSError as exc:
            dialogs.error(self.window, "Could not copy the store", f"{folder}: {exc.strerror or exc}. "
                          "Choose a folder you can write to.")
            return None
        self.message.emit(f"Copied the store to {copy}.")
        self.storeCopied.emit(copy)
        return copy

    def write(self, change: FileChange, what: str, said: str | None = None) -> bool:
        """Write ``change``; say ``said`` (default: "<what>: saved to <file>") in the status bar; on a
        conflict or error tell the user (offering a reload) and return False."""
        try:
            apply_change(change)
        except StoreConflict as exc:
            self.message.emit(f"{what}: not written — {change.path.name} changed on disk.")
            if dialogs.ask_reload_store(self.window, "File changed on disk", f"{exc}\n\nReload the store now?"):
                self.written.emit(change.path)
            return False
        except StoreWriteError as exc:
            dialogs.error(self.window, "Could not save", str(exc))
            return False
        self.written.emit(change.path)
        self.message.emit(said or f"{what}: saved to {change.path.name}.")
        return True

    def _commit(self, text: str, change: FileChange) -> bool:
        if change.after == change.before:
            self.message.emit("Nothing changed.")
            return False
        if not self.write(change, text):
            return False
        self.undo_stack.push(StoreFileCommand(self, text, change))
        return True

    def _locate(self, kind: str, record_id: str) -> Target | None:
        catalog = self.catalog
        tables: dict[str, Mapping[str, LibraryRecord]] = {
            "area": catalog.areas, "country": catalog.countries, "consultation": catalog.consultations,
            "milestone": catalog.milestones}
        records = tables.get(kind)
        record: LibraryRecord | None = records.get(record_id) if records is not None else None
        owner = record_id
        if kind == "measure":
            area_id = catalog.measure_area().get(record_id)
            record = next((m for m in catalog.areas[area_id].measures if m.id == record_id), None) if area_id else None
        elif kind == "theme":
            owner, record = next(((c.id, t) for c in catalog.consultations.values() for t in c.themes
                                  if t.id == record_id), (record_id, None))
        origin = catalog.origins.get(owner)
        if record is None or origin is None:
            dialogs.error(self.window, "Record not found", f"The {NOUNS.get(kind, kind)} '{record_id}' is no longer "
                          "in the store; reload the store (F5).")
            return None
        return Target(origin.path, read_text(origin.path), record)

    def _allowed(self, kind: str) -> bool:
        """True when the edit may go ahead; on the bundled store, after "Copy the bundled store to…"
        (the copy is opened at once by ``storeCopied``'s handler) it goes ahead on the copy."""
        reason = self.read_only_reason()
        if reason and (self.offer_copy(reason) is None or self.read_only_reason()):
            return False
        if kind not in EDITABLE_KINDS:
            dialogs.info(self.window, "Choose a record", "Select a priority area, a measure, a country card, a "
                         "milestone, a consultation or an MS input theme to edit or delete it.")
            return False
        return True

    # ------------------------------------------------------------------ the three operations

    def edit(self, kind: str, record_id: str) -> bool:
        """Open the form on a record; save it back into its own file when accepted."""
        if not self._allowed(kind):
            return False
        target = self._locate(kind, record_id)
        if target is None or target.text is None:
            return False
        form = RecordForm(kind, self.catalog, target.record, parent=self.window)
        if not dialogs.run_form(self.window, form):
            return False
        edited = form.record()
        if edited is None:
            return False
        try:
            change = replace_record(target.path, target.text, record_id, edited)
        except StoreWriteError as exc:
            dialogs.error(self.window, "Could not save", str(exc))
            return False
        return self._commit(f"Edit {NOUNS[kind]} {record_id}", change)

    def add(self, kind: str, parent_id: str | None = None) -> bool:
        """Open an empty form; a new card gets its own file, other records join their list."""
        if not self._allowed(kind):
            return False
        catalog = self.catalog
        parents = None
        if kind == "measure":
            parents = [(aid, f"{a.number}. {a.title}") for aid, a in catalog.areas.items()]
        elif kind == "theme":
            parents = [(cid, c.title) for cid, c in catalog.consultations.items()]
        if parents is not None and not parents:
            dialogs.error(self.window, "Nothing to add to", "The store has no " +
                          ("priority area" if kind == "measure" else "consultation") + " to add it to.")
            return False
        snapshots = {pid: read_text(catalog.origins[pid].path) for pid, _t in parents or ()}
        milestones = catalog.root / MILESTONES_FILE
        before_milestones = read_text(milestones)
        form = RecordForm(kind, catalog, None, parents, parent_id, parent=self.window)
        if not dialogs.run_form(self.window, form):
            return False
        record = form.record()
        if record is None:
            return False
        try:
            if kind in OWN_FILE:
                label = record.name if isinstance(record, CountryCard) else getattr(record, "title", record.id)
                change = new_record_file(catalog.root / OWN_FILE[kind] / f"{record.id}.yaml", record,
                                         f"{NOUNS[kind].capitalize()} — {label}.")
            elif kind == "milestone":
                text = before_milestones if before_milestones is not None else "milestones:\n"
                change = append_record(milestones, text, "milestones", record)
                change = FileChange(milestones, before_milestones, change.after)
            else:
                owner = form.parent_id() or ""
                owner_text = snapshots.get(owner)
                if owner_text is None:
                    raise StoreWriteError(f"the file of '{owner}' cannot be read; reload the store.")
                change = append_record(catalog.origins[owner].path, owner_text,
                                       "measures" if kind == "measure" else "themes", record, owner)
        except StoreWriteError as exc:
            dialogs.error(self.window, "Could not add", str(exc))
            return False
        return self._commit(f"Add {NOUNS[kind]} {record.id}", change)

    def delete(self, kind: str, record_id: str) -> bool:
        """Delete a record after confirmation (a card's whole file; a list item otherwise)."""
        if not self._allowed(kind):
            return False
        target = self._locate(kind, record_id)
        if target is None or target.text is None:
            return False
        users = [p.id for p in self.catalog.packs.values()
                 if any(record_id in (getattr(s, "area", None), getattr(s, "country", None),
                                      getattr(s, "consultation", None))
                        or record_id in (getattr(s, "measures", None) or []) for s in p.sections)]
        note = f"\n\nPacks that use it: {', '.join(users)} (they will show it as missing)." if users else ""
        naming = [m.id for a in self.catalog.areas.values() for m in a.measures if record_id in m.countries]
        naming += [m.id for m in self.catalog.milestones.values() if record_id in m.areas]
        naming += [t.id for c in self.catalog.consultations.values() for t in c.themes if t.area == record_id]
        if naming:
            note += f"\n\nStill named by: {', '.join(naming)} — remove it there too, or the store reports it."
        where = target.path.name if kind in OWN_FILE else f"from {target.path.name}"
        if not dialogs.confirm(self.window, f"Delete {NOUNS[kind]}?",
                               f"Delete the {NOUNS[kind]} “{record_id}” ({where})? You can undo this."
                               + note, "Delete"):
            return False
        try:
            change = (remove_record_file(target.path, target.text) if kind in OWN_FILE
                      else remove_record(target.path, target.text, record_id))
        except StoreWriteError as exc:
            dialogs.error(self.window, "Could not delete", str(exc))
            return False
        return self._commit(f"Delete {NOUNS[kind]} {record_id}", change)

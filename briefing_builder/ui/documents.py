"""New / Open / Save / Save As for pack files, the save prompt and the recent packs list.

Packs of the bundled sample store open as unsaved copies, so the sample is never
overwritten by accident; Save then asks where to put the copy.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from briefing_builder.pack import document as pd
from briefing_builder.paths import is_sample_store
from briefing_builder.ui import dialogs
from briefing_builder.ui.pending_edit import commit_pending_edit
from briefing_builder.ui.services import Services


class DocumentController(QObject):
    """File operations on the editor's document, with prompts through :mod:`dialogs`."""

    recentChanged = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__(services.parent)
        self.window = services.parent  # the parent of the dialogs
        self.editor = services.editor
        self.settings = services.settings
        self.status = services.messages.status

    # ------------------------------------------------------------------ prompts

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded or unchanged).

        What is still being typed in a field counts as a change."""
        commit_pending_edit(self.window)
        if self.editor.undo_stack.isClean():
            return True
        choice = dialogs.ask_save_changes(self.window, self.editor.document.display_name)
        if choice is dialogs.SaveChoice.SAVE:
            return self.save()
        return choice is dialogs.SaveChoice.DISCARD

    # ------------------------------------------------------------------ opening

    def new(self) -> bool:
        """Start a new pack (title, agenda, closing)."""
        if not self.maybe_save():
            return False
        self.editor.replace_document(pd.PackDocument(pd.new_pack(self.editor.catalog), id_from_meeting=True))
        return True

    def open(self, path: Path | None = None) -> bool:
        """Open a pack file (asks for one when ``path`` is None)."""
        if not self.maybe_save():
            return False
        if path is None:
            path = dialogs.open_pack_path(self.window, self.editor.catalog.root / "packs")
            if path is None:
                return False
        try:
            pack = pd.read_pack(path)
        except pd.PackFileError as exc:
            dialogs.error(self.window, "Cannot open the pack", str(exc))
            self.recentChanged.emit()
            return False
        self.editor.replace_document(pd.PackDocument(pack, Path(path)))
        self.settings.add_recent_pack(Path(path))
        self.recentChanged.emit()
        return True

    def open_store_pack(self, pack_id: str) -> bool:
        """Open a pack of the current store by id (bundled samples as unsaved copies); call
        :meth:`maybe_save` first."""
        catalog = self.editor.catalog
        pack = catalog.packs.get(pack_id)
        if pack is None:
            return False
        path = catalog.pack_path(pack_id)
        if path is not None and is_sample_store(path):
            path = None
        self.editor.replace_document(pd.PackDocument(pack, path))
        return True

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        """Save to the document's file, or ask for one (with what is still being typed in a field)."""
        commit_pending_edit(self.window)
        path = self.editor.document.path
        if path is None:
            return self.save_as()
        return self._write(path)

    def save_as(self) -> bool:
        """Ask for a file name and save there (with what is still being typed in a field)."""
        commit_pending_edit(self.window)
        current = self.editor.document.path
        if current is not None and not is_sample_store(current):
            folder = current.parent
        elif current is not None or self.editor.catalog.read_only:
            folder = self.settings.last_output or Path.home()
        else:
            folder = self.editor.catalog.root / "packs"
        path = dialogs.save_pack_path(self.window, folder / f"{self.editor.pack.id}.yaml")
        if path is None:
            return False
        copy = current is not None and Path(path).resolve() != current.resolve()
        return self._write(Path(path), copy)

    def _write(self, path: Path, copy: bool = False) -> bool:
        """Write the pack to ``path``; a copy (or a pack whose id another store file has) takes its own id
        from the file name, so the store never holds two packs with one id and the original still loads."""
        pack = self.editor.pack
        pack_id = pd.id_for_file(pack, path, pd.pack_ids_elsewhere(self.editor.catalog, path), copy)
        try:
            pd.save_pack(pd.rename_pack(pack, pack_id) if pack_id != pack.id else pack, path)
        except pd.PackFileError as exc:
            dialogs.error(self.window, "Cannot save the pack", f"{exc}\n\nUse Save As to choose another place.")
            return False
        if pack_id != pack.id:
            self.editor.set_pack_id(pack_id, f"Save as {path.name}")
            self.status(f"Saved as {path.name} with its own pack id “{pack_id}”; “{pack.id}” stays with its file.")
        self.editor.mark_saved(Path(path))
        self.settings.add_recent_pack(Path(path))
        self.recentChanged.emit()
        return True

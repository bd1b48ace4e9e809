"""The pack being edited: a :class:`PackDocument`, its undo stack and the current catalog.

Widgets call the editing methods here (add, remove, move, change fields); each builds the
new pack with :mod:`pack_document` and pushes an undo command. ``packChanged`` tells views
to refresh; ``selectRequested`` asks the outline to select a section after an edit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from briefing_builder.pack import adding
from briefing_builder.pack import document as pd
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack, Section
from briefing_builder.ui import commands


def _name(section: Section, catalog: Catalog, pack: Pack) -> str:
    """A short name of a section for undo texts ("Return and readmission", "Agenda")."""
    label = pd.describe_section(section, catalog, pack).label.split(" · ", 1)[-1]
    label = re.sub(r"^\d+\. ", "", label)
    return label if len(label) <= 40 else label[:39].rstrip() + "…"


class PackEditor(QObject):
    """Owns the open pack document and every undoable edit of it."""

    packChanged = Signal()
    documentReplaced = Signal()
    catalogChanged = Signal()
    selectRequested = Signal(int)
    editRefused = Signal(str)

    def __init__(self, catalog: Catalog, document: pd.PackDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.document = document
        self.undo_stack = QUndoStack(self)

    # ------------------------------------------------------------------ state

    @property
    def pack(self) -> Pack:
        """The pack as it stands now."""
        return self.document.pack

    def set_pack(self, pack: Pack, select: int | None = None) -> None:
        """Show a new pack value (called by undo commands)."""
        self.document.pack = pack
        self.packChanged.emit()
        if select is not None and 0 <= select < len(pack.sections):
            self.selectRequested.emit(select)

    def replace_document(self, document: pd.PackDocument) -> None:
        """Open another document: the undo history starts afresh."""
        self.undo_stack.clear()
        self.document = document
        self.undo_stack.setClean()
        self.documentReplaced.emit()
        self.packChanged.emit()

    def set_catalog(self, catalog: Catalog) -> None:
        """Use a reloaded store; the pack is kept and its references re-resolved."""
        self.catalog = catalog
        self.catalogChanged.emit()
        self.packChanged.emit()

    def mark_saved(self, path: Path) -> None:
        """Record that the document now lives in ``path`` and matches it."""
        self.document.path = path
        self.undo_stack.setClean()
        self.documentReplaced.emit()

    # ------------------------------------------------------------------ edits

    def _push(self, command: commands.PackCommand) -> None:
        self.undo_stack.push(command)

    def add_records(self, records: list[tuple[str, str]], index: int | None = None) -> bool:
        """Add sections for library ``records`` (kind, id) at ``index`` (default: before the closing);
        a measure joins its area's section when the pack has one (see :mod:`briefing_builder.pack.adding`)."""
        pack = self.pack
        try:
            addition = adding.add_records(pack, records, self.catalog,
                                          adding.content_position(pack, -1) if index is None else index)
        except pd.PackEditError as exc:
            self.editRefused.emit(str(exc))
            return False
        if addition.already:
            self.editRefused.emit(f"Already in the pack: {', '.join(addition.already)} (its area's section shows it).")
        if not addition.changed:
            return False
        names = ", ".join(_name(s, self.catalog, pack) for s in addition.inserted)
        joined = ", ".join(_name(addition.pack.sections[p], self.catalog, pack) for p in addition.joined)
        text = "Add " + "; ".join(filter(None, [names, joined and f"measures to {joined}"]))
        select = addition.index if addition.inserted else addition.joined[0]
        self._push(commands.AddSectionsCommand(self, text, pack, addition.pack, select,
                                               min(select, len(pack.sections) - 1)))
        return True

    def add_sections(self, sections: list[Section], index: int | None = None) -> bool:
        """Insert ``sections`` at ``index``; by default just before a closing slide, else at the end."""
        if not sections:
            return False
        pack = self.pack
        if index is None:
            index = adding.content_position(pack, -1)
        index = max(0, min(index, len(pack.sections)))
        after = pd.insert_sections(pack, index, sections)
        names = ", ".join(_name(s, self.catalog, pack) for s in sections)
        self._push(commands.AddSectionsCommand(self, f"Add {names}", pack, after, index,
                                               min(index, len(pack.sections) - 1)))
        return True

    def add_blank(self, kind: str, index: int | None = None) -> bool:
        """Add a section that needs no record (title, agenda, section header, text, milestones, closing)."""
        try:
            return self.add_sections([pd.blank_section(kind)], index)
        except pd.PackEditError as exc:
            self.editRefused.emit(str(exc))
            return False

    def remove(self, index: int) -> bool:
        """Remove the section at ``index``."""
        pack = self.pack
        if not 0 <= index < len(pack.sections):
            return False
        try:
            after = pd.remove_section(pack, index)
        except pd.PackEditError as exc:
            self.editRefused.emit(str(exc))
            return False
        label = _name(pack.sections[index], self.catalog, pack)
        self._push(commands.RemoveSectionCommand(self, f"Remove {label}", pack, after,
                                                 min(index, len(after.sections) - 1), index))
        return True

    def move(self, source: int, destination: int) -> bool:
        """Move the section at ``source`` to position ``destination``."""
        pack = self.pack
        count = len(pack.sections)
        if not 0 <= source < count:
            return False
        destination = max(0, min(destination, count - 1))
        if destination == source:
            return False
        after = pd.move_section(pack, source, destination)
        label = _name(pack.sections[source], self.catalog, pack)
        self._push(commands.MoveSectionCommand(self, pack, after, source, destination, label))
        return True

    def set_meeting_field(self, field: str, value: Any, select: int | None = None) -> bool:
        """Change one meeting field (validated); refused edits emit ``editRefused``."""
        pack = self.pack
        if getattr(pack.meeting, field) == value:
            return False
        try:
            after = pd.update_meeting(pack, self.document.id_from_meeting, **{field: value})
        except pd.PackEditError as exc:
            self.editRefused.emit(str(exc))
            return False
        self._push(commands.EditMeetingCommand(self, pack, after, field, select))
        return True

    def set_section_field(self, index: int, field: str, value: Any) -> bool:
        """Change one option of the section at ``index`` (validated)."""
        pack = self.pack
        if getattr(pack.sections[index], field, None) == value:
            return False
        try:
            after = pd.update_section(pack, index, **{field: value})
        except pd.PackEditError as exc:
            self.editRefused.emit(str(exc))
            return False
        self._push(commands.EditSectionCommand(self, pack, after, index, field))
        return True

    def set_pack_id(self, pack_id: str, text: str = "Rename pack") -> bool:
        """Rename the pack (its id names the output files); ``text`` names the undo step."""
        pack = self.pack
        if pack.id == pack_id:
            return False
        try:
            after = pd.rename_pack(pack, pack_id)
        except pd.PackEditError as exc:
            self.editRefused.emit(str(exc))
            return False
        self._push(commands.PackCommand(self, text, pack, after))
        return True

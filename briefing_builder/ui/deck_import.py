"""File → "Import edits from a deck…": a deck edited in PowerPoint read back into the library.

The chosen .pptx is compared on the app's task runner (:mod:`deckimport.compare`) with
what was exported and with the store now; :class:`DeckImportReview` shows the edits per
record (exported, store now, in the deck; a conflict — the store changed too — is a
choice of its own, never pre-ticked), the new measures and free-text sections and the
removed measures the deck implies (each with where it would go, never pre-ticked; "Accept
all" leaves removals alone), what was deleted in the deck (kept in the library) and text
that fits nowhere. Accepted edits are written, after a confirmation, by
:func:`deckimport.apply.apply_deck` (one undo step for the whole import).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_builder.ui import dialogs
from briefing_builder.ui.actions import add_action
from briefing_builder.ui.annex_actions import record_file_changes
from briefing_builder.ui.annex_review import EDIT_HEADERS, ImportReview
from briefing_builder.ui.services import Services
from briefing_builder.ui.task_runner import TaskSpec

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.annex.changes import FieldChange
    from briefing_builder.deckimport.changes import CopyEdit, DeckChanges
    from briefing_builder.deckimport.structure import StructureChange

DECK_HEADERS = tuple({"Sent": "Exported", "Returned": "In the deck"}.get(h, h) for h in EDIT_HEADERS)
STRUCTURE_HEADERS = ("Accept", "What", "In the deck", "Text", "Where it would go")
COLUMN = 3  # the edits' "Column" column: the field, and what happened to it


class DeckImportReview(ImportReview):
    """The annex review, worded for a deck: edits and conflicts; deleted and new content listed."""

    def __init__(self, changes: DeckChanges, store_root: Path, parent: QWidget | None = None) -> None:
        super().__init__(changes, store_root, parent)
        self.setWindowTitle(f"Import edits from a deck — {changes.annex.name}")
        self.setAccessibleName("Review the edits made in a deck")
        self.edits.setHeaderLabels(list(DECK_HEADERS))
        proposals, conflicts = changes.proposals, changes.conflicts
        heading = self.findChild(QLabel)
        assert heading is not None  # the review's summary line
        heading.setText(
            f"Deck <b>{changes.annex.name}</b> for the pack <b>{changes.pack_id}</b>: {len(proposals)} edit(s) "
            f"({sum(e.applicable for e in proposals)} can be applied), <b>{len(conflicts)} conflict(s)</b> (changed "
            f"in the store since the export too: choose), {len(changes.deleted)} deletion(s) (the library keeps "
            f"them), {len(changes.structure)} new or removed record(s) (tick each to apply), "
            f"{len(changes.new_content)} paragraph(s) that fit nowhere. Nothing is written until you apply."
            + "".join(f"<br><i>{note}</i>" for note in changes.notes))
        for item, edit in self.items:
            if _is_copy(edit):
                item.setText(COLUMN, f"{edit.column} — {edit.where}'s copy")
                item.setToolTip(0, f"Copies of this text were edited differently ({', '.join(edit.copies)}): tick "
                                   "the copy whose text the library should take")
            item.setToolTip(COLUMN, item.text(COLUMN))
        self.edits.resizeColumnToContents(COLUMN)  # what changed: "sub-point 3 moved to 1", which copy
        widest = self.fontMetrics().averageCharWidth() * 40
        self.edits.setColumnWidth(COLUMN, min(self.edits.columnWidth(COLUMN), widest))
        self.edits.itemChanged.connect(self._one_copy_only)
        self.tabs.setTabText(0, f"&Edits ({len(proposals)}) and conflicts ({len(conflicts)})")
        self.tabs.removeTab(1)  # no delegation input in a deck
        self.tabs.removeTab(1)
        self.deleted = QListWidget()
        self.deleted.setAccessibleName("Deleted in the deck (the library keeps them)")
        self.deleted.addItems(changes.deleted + [f"Moved: {line}" for line in changes.moved]
                              + [f"Indent level changed (not applied): {line}" for line in changes.levels]
                              or ["Nothing was deleted or moved."])
        self.new_content = QListWidget()
        self.new_content.setAccessibleName("Text that fits nowhere in the library")
        self.new_content.addItems(changes.new_content or ["No other new text."])
        self.structure = QTreeWidget()
        self.structure.setAccessibleName("New and removed records: tick each to apply")
        self.structure.setHeaderLabels(list(STRUCTURE_HEADERS))
        self.structure.setRootIsDecorated(False)
        self.structure.setWordWrap(True)
        self.structure.setUniformRowHeights(False)
        self.structure_items: list[tuple[QTreeWidgetItem, StructureChange]] = []
        for change in changes.structure:
            text = change.text + "".join(f"\n{'  ' * level}• {point}" for level, point in change.points)
            item = QTreeWidgetItem(["", change.kind.value, change.where, text,
                                    change.place + (f"\nNot applicable: {change.reason}" if change.reason else "")])
            if change.applicable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setToolTip(0, "Tick to delete this measure from the library" if change.removal
                                else "Tick to write this text into the pack file" if change.ref.startswith("pack:")
                                else "Tick to add this to the library")
            else:
                item.setDisabled(True)
            if change.removal:
                item.setForeground(1, self.palette().brush(self.palette().ColorRole.LinkVisited))
            for column in (3, 4):
                item.setToolTip(column, item.text(column))
            self.structure.addTopLevelItem(item)
            self.structure_items.append((item, change))
        em = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((8, 17, 12, 60, 70)):
            self.structure.setColumnWidth(column, em * chars)
        for column in (1, 2):
            self.structure.resizeColumnToContents(column)
        self.structure.itemChanged.connect(lambda _item, _col: self._update_button())
        self.structure_detail = QPlainTextEdit(readOnly=True)
        self.structure_detail.setAccessibleName("The selected new or removed record in full")
        self.structure_detail.setPlaceholderText("Select a row to see its whole text and where it would go.")
        self.structure_detail.setFixedHeight(self.structure_detail.fontMetrics().lineSpacing() * 6 + 12)
        self.structure.currentItemChanged.connect(lambda current, _previous: self._show_structure(current))
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(self.structure, 1)
        box.addWidget(self.structure_detail)
        self.tabs.insertTab(1, page, f"&New and removed records ({len(changes.structure)})")
        self.tabs.addTab(self.deleted, "&Deleted or moved "
                         f"({len(changes.deleted) + len(changes.moved) + len(changes.levels)})")
        self.tabs.addTab(self.new_content, f"&Other new text ({len(changes.new_content)})")
        self._update_button()

    def set_all(self, accepted: bool) -> None:
        """As the annex review, but an edit that drops sub-points, and each copy's text of a field copies
        say differently, stay choices of their own."""
        super().set_all(accepted)
        removals = self.changes.removals if hasattr(self.changes, "removals") else []
        for item, edit in self.items:
            if accepted and (any(edit is r for r in removals) or _is_copy(edit)):
                item.setCheckState(0, Qt.CheckState.Unchecked)

    def _one_copy_only(self, ticked: QTreeWidgetItem, column: int) -> None:
        """A copy's text ticked: the other copies' texts of that field are unticked (one is taken)."""
        edit = next((e for item, e in self.items if item is ticked), None)
        if column != 0 or edit is None or not _is_copy(edit) or ticked.checkState(0) != Qt.CheckState.Checked:
            return
        for item, other in self.items:
            if other is not edit and _is_copy(other) and (other.record_id, other.field) == (edit.record_id,
                                                                                                edit.field):
                item.setCheckState(0, Qt.CheckState.Unchecked)

    def _show_detail(self, current: QTreeWidgetItem | None) -> None:
        """The selected edit in full, its three texts named as a deck's (exported, store now, in the deck)."""
        super()._show_detail(current)
        lines = self.detail.toPlainText().splitlines()
        names = {"sent:     ": "exported: ", "store:    ": "store:    ", "returned: ": "deck:     "}
        edit = next((e for item, e in self.items if item is current), None)
        if edit is not None and _is_copy(edit):
            lines.append(f"Copies of this text were edited differently ({', '.join(edit.copies)}); this is "
                         f"{edit.where}'s. Tick the copy to keep (one only).")
        self.detail.setPlainText("\n".join(next((names[k] + line[len(k):] for k in names if line.startswith(k)), line)
                                           for line in lines))

    def _show_structure(self, current: QTreeWidgetItem | None) -> None:
        change = next((c for item, c in self.structure_items if item is current), None)
        self.structure_detail.setPlainText("" if change is None else "\n".join(
            [f"{change.ref}: {change.kind.value} ({change.where})", change.text]
            + [f"{'  ' * level}• {point}" for level, point in change.points]
            + [f"Where it would go: {change.place}"] + ([f"Not applicable: {change.reason}"] if change.reason else [])))

    def set_structure_accepted(self, index: int, accepted: bool) -> None:
        """Accept or reject the ``index``-th new or removed record (ignored when it cannot be applied)."""
        item, change = self.structure_items[index]
        if change.applicable:
            item.setCheckState(0, Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked)

    def accepted_structure(self) -> list[StructureChange]:
        """The new and removed records the user ticked, in the order listed."""
        return [change for item, change in getattr(self, "structure_items", [])
                if change.applicable and item.checkState(0) == Qt.CheckState.Checked]

    def _update_button(self) -> None:
        count = len(self.accepted_changes()) + len(self.accepted_structure())
        self.apply_button.setText(f"&Apply accepted ({count})")
        self.apply_button.setEnabled(count > 0)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _is_copy(edit: FieldChange) -> TypeGuard[CopyEdit]:
    """True for one copy's text of a field copies of a slide say differently (a choice of its own)."""
    from briefing_builder.deckimport.changes import CopyEdit as Copy

    return isinstance(edit, Copy)


def deck_import_task(path: Path, catalog: Any) -> Any:
    """Read the change set of the deck at ``path`` (a task for the runner)."""
    def run(step: Any) -> Any:
        from briefing_builder.deckimport.compare import read_changes

        step(f"Reading {path.name}")
        return read_changes(path, catalog)
    return run


def _expected() -> tuple[type[BaseException], ...]:
    from briefing_builder.deckimport.changes import NotImportable
    from briefing_builder.deckimport.deck_file import DeckFileError

    return (NotImportable, DeckFileError, OSError)


class DeckImportActions(QObject):
    """Adds "Import edits from a deck…" to ``menu``; accepted edits and records are written by
    :func:`~briefing_builder.deckimport.apply.apply_deck`, one undo step on the store's history."""

    def __init__(self, services: Services, menu: QMenu) -> None:
        super().__init__(services.parent)
        self.services = services
        self.window = services.parent  # the parent of the dialogs
        self.runner = services.tasks.runner("deck import")
        self.action: QAction = add_action(menu, "Import edits from a &deck…", "Ctrl+Shift+G", self.ask,
                                          "Read the edits made in an exported deck (PowerPoint, LibreOffice) back "
                                          "into the library, reviewed")
        self.last_changes: DeckChanges | None = None
        self.runner.succeeded.connect(self._review)
        self.runner.failed.connect(lambda message: services.messages.error("Deck not imported", message))
        self.runner.finished.connect(lambda: self.action.setEnabled(True))

    def ask(self) -> None:
        """Pick a deck and review its edits."""
        start = self.services.settings.last_output or Path.home()
        path = dialogs.deck_file(self.window, start, "Import edits from a deck — choose the .pptx")
        if path is not None:
            self.start(path)

    def start(self, path: Path) -> bool:
        """Compare the deck at ``path`` in the background, then show it for review."""
        if self.runner.running:
            return False
        self.action.setEnabled(False)
        return self.runner.start(TaskSpec("Reading the deck", deck_import_task(Path(path), self.services.catalog),
                                          expected=_expected(),
                                          unexpected="The deck could not be read. Nothing was written."))

    def _review(self, changes: DeckChanges) -> None:
        self.last_changes = changes
        review = DeckImportReview(changes, self.services.catalog.root, self.window)
        accepted = dialogs.run_form(self.window, review)
        fields = review.accepted_changes() if accepted else []
        structure = review.accepted_structure() if accepted else []
        review.deleteLater()
        if not fields and not structure:
            return
        files = sorted({str(e.path) for e in fields} | {str(c.path) for c in structure}
                       | {str(c.pack_path) for c in structure if c.section >= 0 and c.pack_path})
        removals = sum(c.removal for c in structure)
        if dialogs.confirm(
                self.window, "Apply accepted edits?",
                f"Write {len(fields)} accepted edit(s) and {len(structure)} new or removed record(s) into "
                f"{len(files)} store file(s)?\n\n" + "\n".join(files)
                + "\n\nComments and key order are kept; no other file is touched."
                + (f"\n\n{removals} measure(s) will be deleted from the library." if removals else
                   "\n\nNothing is deleted from the library."), "Apply"):
            self.apply(changes, fields, structure)

    def _follow_in_open_pack(self, pack_id: str, added: list[StructureChange]) -> None:
        """The pack's own text (a section's, the meeting's) the import wrote into the file of the pack that
        is open: the open pack shows it too — read again from its file when it has no unsaved edit, else
        applied to it as an edit of its own (undoable; saving keeps both the user's edits and this)."""
        from briefing_builder.deckimport.structure import Kind
        from briefing_builder.pack import document as pd

        editor = self.services.editor
        path = editor.document.path
        own = [c for c in added if c.kind in (Kind.PACK_TEXT, Kind.MEETING_TEXT) and c.path is not None
               and path is not None and _same_file(c.path, path)]
        if not own or path is None or editor.pack.id != pack_id:
            return
        if editor.undo_stack.isClean():
            try:
                editor.replace_document(pd.PackDocument(pd.read_pack(path), path))
            except pd.PackFileError as exc:
                self.services.messages.error("Cannot read the pack again", str(exc))
            return
        for change in own:
            if change.kind is Kind.MEETING_TEXT:
                editor.set_meeting_field(change.record_id, change.meeting_value())
            else:
                editor.set_section_field(change.section, change.record_id, change.text)

    def apply(self, changes: DeckChanges, fields: list[FieldChange], structure: list[StructureChange]) -> list[Path]:
        """Write the accepted edits and records (one undo step), report what was refused, reload the store."""
        from briefing_builder.deckimport.apply import apply_deck
        from briefing_builder.store.record_editor import FileChange, read_text
        from briefing_builder.store.writer import StoreWriteError

        library = self.services.store_editor
        if library.read_only_reason():
            self.services.messages.error("Store is read-only", library.read_only_reason() or "")
            return []
        try:
            report = apply_deck(changes, fields, structure)
        except StoreWriteError as exc:
            self.services.messages.error("No edit was applied", str(exc))
            return []
        refused = [f"{edit.record_id} · {edit.column}: {why}" for edit, why in report.fields.refused]
        refused += [f"{change.ref} {change.kind.value} “{change.text}”: {why}" for change, why in report.refused]
        if refused:
            self.services.messages.error("Not every edit was applied", "\n".join(refused))
        written = report.written
        record_file_changes(library, f"Import edits from {changes.annex.name}",
                            [FileChange(path, report.before[path], read_text(path)) for path in written])
        if written:
            self.services.watcher.reload()
        self._follow_in_open_pack(changes.pack_id, report.added)
        self.services.messages.status(
            f"Applied {len(report.fields.applied)} edit(s) and {len(report.added)} new or removed record(s) to "
            f"{len(written)} store file(s) from {changes.annex.name} (undo: Alt+Backspace).", 15_000)
        return written

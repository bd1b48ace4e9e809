"""File → "Import edits from a deck…": a deck edited in PowerPoint read back into the library.

The chosen .pptx is compared on the app's task runner (:mod:`deckimport.compare`) with
what was exported and with the store now; :class:`DeckImportReview` shows the edits per
record (exported, store now, in the deck; a conflict — the store changed too — is a
choice of its own, never pre-ticked), what was deleted in the deck (kept in the library)
and the new content that is not in the library. Accepted edits are written, after a
confirmation, by the annex actions' safe apply (one undo step per file).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QListWidget, QMenu, QWidget

from briefing_builder.ui import dialogs
from briefing_builder.ui.actions import add_action
from briefing_builder.ui.annex_review import EDIT_HEADERS, ImportReview
from briefing_builder.ui.services import Services
from briefing_builder.ui.task_runner import TaskSpec

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.deckimport.compare import DeckChanges

#: ``review_and_apply(changes, review, note)``: the annex actions' review-then-write of accepted edits
ReviewAndApply = Callable[[Any, ImportReview, str], None]

DECK_HEADERS = tuple({"Sent": "Exported", "Returned": "In the deck"}.get(h, h) for h in EDIT_HEADERS)


class DeckImportReview(ImportReview):
    """The annex review, worded for a deck: edits and conflicts; deleted and new content listed."""

    def __init__(self, changes: DeckChanges, store_root: Path, parent: QWidget | None = None) -> None:
        super().__init__(changes, store_root, parent)
        self.setWindowTitle(f"Import edits from a deck — {changes.annex.name}")
        self.setAccessibleName("Review the edits made in a deck")
        self.edits.setHeaderLabels(list(DECK_HEADERS))
        proposals, conflicts = changes.proposals, changes.conflicts
        self.findChild(QLabel).setText(
            f"Deck <b>{changes.annex.name}</b> for the pack <b>{changes.pack_id}</b>: {len(proposals)} edit(s) "
            f"({sum(e.applicable for e in proposals)} can be applied), <b>{len(conflicts)} conflict(s)</b> (changed "
            f"in the store since the export too: choose), {len(changes.deleted)} deletion(s) (the library keeps "
            f"them), {len(changes.new_content)} paragraph(s) of new content. Nothing is written until you apply.")
        self.tabs.setTabText(0, f"&Edits ({len(proposals)}) and conflicts ({len(conflicts)})")
        self.tabs.removeTab(1)  # no delegation input in a deck
        self.tabs.removeTab(1)
        self.deleted = QListWidget()
        self.deleted.setAccessibleName("Deleted in the deck (the library keeps them)")
        self.deleted.addItems(changes.deleted or ["Nothing was deleted."])
        self.new_content = QListWidget()
        self.new_content.setAccessibleName("New content, not in the library")
        self.new_content.addItems(changes.new_content or ["No new content."])
        self.tabs.addTab(self.deleted, f"&Deleted ({len(changes.deleted)})")
        self.tabs.addTab(self.new_content, f"&New content, not in the library ({len(changes.new_content)})")


def deck_import_task(path: Path, catalog: Any) -> Any:
    """Read the change set of the deck at ``path`` (a task for the runner)."""
    def run(step: Any) -> Any:
        from briefing_builder.deckimport.compare import read_changes

        step(f"Reading {path.name}")
        return read_changes(path, catalog)
    return run


def _expected() -> tuple[type[BaseException], ...]:
    from briefing_builder.deckimport.compare import NotImportable
    from briefing_builder.deckimport.deck_file import DeckFileError

    return (NotImportable, DeckFileError, OSError)


class DeckImportActions(QObject):
    """Adds "Import edits from a deck…" to ``menu``; accepted edits are written by ``review_and_apply``."""

    def __init__(self, services: Services, menu: QMenu, review_and_apply: ReviewAndApply) -> None:
        super().__init__(services.parent)
        self.services = services
        self.window = services.parent  # the parent of the dialogs
        self.review_and_apply = review_and_apply
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
        self.review_and_apply(changes, review, "Nothing deleted in the deck is deleted from the library.")

"""File → "Export deck and annex…": the checks before an export, the export on the task runner, the outcome.

Before anything is built the meeting's typed fields must read (else nothing is exported and the
field is shown), missing records are confirmed, and the pre-flight findings are named in the
folder chooser. The export itself is an :func:`~briefing_builder.ui.export.export_spec` run by
one of the window's task runners (progress dialog with Cancel; the outcome is delivered on the
GUI thread after the worker has been joined and the dialog closed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from briefing_builder.pack.missing_records import missing_sections, missing_text
from briefing_builder.pack.preflight import count_text
from briefing_builder.ui import dialogs
from briefing_builder.ui.actions import add_action
from briefing_builder.ui.export import ExportJob, export_spec, free_stem, output_files
from briefing_builder.ui.history_actions import HistoryActions
from briefing_builder.ui.inspector import MeetingForm
from briefing_builder.ui.pending_edit import commit_pending_edit
from briefing_builder.ui.preflight_panel import PreflightPanel
from briefing_builder.ui.services import Services

if TYPE_CHECKING:  # pragma: no cover - the pipeline is imported when exporting
    from briefing_builder.pipeline import BuildResult


class ExportActions(QObject):
    """Adds the export action to ``menu`` and exports the open pack of ``services``.

    ``meeting`` is the inspector's meeting form (its typed fields are checked first), ``preflight``
    the pre-flight panel (its findings are named), ``history`` decides whether the export is
    recorded in the store's history; ``show_problems()`` opens the store problems and
    ``show_meeting()`` brings the meeting form into view."""

    def __init__(self, services: Services, menu: QMenu, meeting: MeetingForm, preflight: PreflightPanel,
                 history: HistoryActions, show_problems: Callable[[], None],
                 show_meeting: Callable[[], None]) -> None:
        super().__init__(services.parent)
        self.services = services
        self.meeting, self.preflight, self.history = meeting, preflight, history
        self.show_problems, self.show_meeting = show_problems, show_meeting
        self.runner = services.tasks.runner("export")
        self.action = add_action(menu, "&Export deck and annex…", "Ctrl+E", self.ask,
                                 "Build the deck (.pptx) and the annex (.xlsx) in a folder")
        self.runner.succeeded.connect(self._succeeded)
        self.runner.failed.connect(lambda message: services.messages.error("Export failed", message))
        self.runner.cancelled.connect(lambda: services.messages.status("Export cancelled."))
        self.runner.finished.connect(lambda: self.action.setEnabled(True))

    def ask(self) -> None:
        """Check the pack, ask for an output folder and build the deck and annex there in the background."""
        if self.runner.running:
            return
        commit_pending_edit(self.services.parent)
        self.meeting.commit_typing()
        problems = self.meeting.problems()
        if problems:
            self.refuse(problems)
            return
        services = self.services
        missing = missing_sections(services.editor.pack, services.catalog)
        if missing:
            self.show_problems()
            if not dialogs.confirm(services.parent, "Sections will be missing", missing_text(missing),
                                   "Export anyway"):
                return
        note = count_text(self.preflight.count) if self.preflight.count else ""
        if note:  # in the chooser's title, and below it where a title bar is not seen
            services.messages.status(f"{note}, listed in the pre-flight check (Ctrl+Shift+K).", 0)
        folder = dialogs.output_folder(services.parent, services.settings.last_output or Path.home(), note)
        if note:
            services.messages.clear_status()
        if folder is not None:
            services.settings.last_output = folder
            self.start(folder)

    def refuse(self, problems: list[tuple[str, str]]) -> None:
        """A meeting field's typed text is not used: say which and what to type; nothing is exported."""
        self.show_meeting()
        self.services.messages.error(
            "Correct the meeting first", "\n\n".join(f"{field}: {problem}" for field, problem in problems)
            + "\n\nNothing was exported: correct the field (it is marked red), then export again.")

    def start(self, folder: Path) -> bool:
        """Build the open pack into ``folder`` on the worker thread, with a progress dialog.

        When the deck or annex is already there, asks first: replace, keep both, or cancel."""
        if self.runner.running:
            return False
        services = self.services
        folder, pack = Path(folder), services.editor.pack
        stem = None
        existing = [path for path in output_files(pack.id, folder) if path.exists()]
        if existing:
            stem = free_stem(pack.id, folder)
            choice = dialogs.ask_replace(services.parent, existing, stem)
            if choice is dialogs.ReplaceChoice.CANCEL:
                return False
            if choice is dialogs.ReplaceChoice.REPLACE:
                stem = None
        history = self.history.history_mode(services.catalog)
        if not self.runner.start(export_spec(ExportJob(pack, services.catalog, folder, stem=stem, history=history))):
            return False
        self.action.setEnabled(False)
        return True

    def _succeeded(self, result: BuildResult) -> None:
        self.services.messages.status(f"Exported {result.deck.name} ({len(result.plan.slides)} slides).", 15_000)
        notes = [str(n) for n in result.notes] + ([result.history_problem] if result.history_problem else [])
        if result.export is not None:
            notes.insert(0, f"Recorded in the store's history as {result.export.tag}.")
            self.history.refresh()
        choice = dialogs.export_done(self.services.parent, result.deck, result.annex, notes)
        target = {dialogs.ExportChoice.OPEN_DECK: result.deck, dialogs.ExportChoice.OPEN_ANNEX: result.annex,
                  dialogs.ExportChoice.SHOW_FOLDER: result.deck.parent}.get(choice)
        if target is not None:
            dialogs.open_path(target)

"""File → Export PDF…, Export handout… and Print…: the open pack drawn as the preview draws it.

Each action plans the pack on the worker thread of the app's task runner (progress, Cancel
between steps), draws the slides with the preview's painter and writes the PDF atomically —
or sends the pages to the printer the print dialog set up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMenu

from briefing_builder.render.output import OutputError
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack
from briefing_builder.ui import dialogs
from briefing_builder.ui.actions import add_action
from briefing_builder.ui.pdf.export import PdfError
from briefing_builder.ui.pending_edit import commit_pending_edit
from briefing_builder.ui.services import Services
from briefing_builder.ui.task_runner import Report, TaskSpec

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.compose.plan import DeckPlan
    from briefing_builder.compose.preview_scene import SlideScene


@dataclass(frozen=True)
class _Planned:
    """A deck planned for drawing: its plan, template and slide scenes."""

    plan: DeckPlan
    template: Path
    scenes: tuple[SlideScene, ...]


def _planned(pack: Pack, catalog: Catalog, report: Report) -> _Planned:
    from briefing_builder.ui.pdf.export import TEMPLATES
    from briefing_builder.ui.preview.worker import compute_preview

    report("Planning the slides", 0, 3)
    result = compute_preview(pack, catalog, TEMPLATES)
    if result.error or result.plan is None or result.template is None:
        raise PdfError(result.error or "The pack could not be planned.")
    return _Planned(result.plan, result.template, result.scenes)


def pdf_spec(pack: Pack, catalog: Catalog, path: Path, handout: int | None = None) -> TaskSpec:
    """Draw ``pack`` (its slides, or a handout of ``handout`` slides a page) into ``path``."""
    def run(report: Report) -> Path:
        from briefing_builder.render.output import atomic_write
        from briefing_builder.ui.pdf.export import draw_pdf

        planned = _planned(pack, catalog, report)
        report("Drawing the pages", 1, 3)
        data = draw_pdf(planned.plan, planned.template, handout, planned.scenes)
        report("Writing the PDF", 2, 3)
        atomic_write(path, data)
        return path

    title = "Exporting the handout" if handout else "Exporting the PDF"
    return TaskSpec(title, run, cancellable=True, expected=(PdfError, OutputError), steps=3,
                    unexpected="The PDF could not be drawn. Nothing was overwritten. Try another folder.")


def print_spec(pack: Pack, catalog: Catalog, printer: QPrinter) -> TaskSpec:
    """Print ``pack``'s slides on ``printer``, one a page."""
    def run(report: Report) -> int:
        from briefing_builder.ui.pdf.printing import print_slides

        planned = _planned(pack, catalog, report)
        if not planned.scenes:
            raise PdfError("The pack has no slides to print. Add sections to the pack first.")
        report("Printing", 1, 3)
        return print_slides(printer, planned.scenes)

    return TaskSpec("Printing", run, cancellable=True, expected=(PdfError, OSError), steps=3,
                    unexpected="The slides could not be printed. Check the printer and try again.")


class PdfActions(QObject):
    """Adds Export PDF…, Export handout… and Print… to ``menu`` and runs them on the open pack of ``services``."""

    def __init__(self, services: Services, menu: QMenu) -> None:
        super().__init__(services.parent)
        self.services = services
        self.dialog_parent = services.parent
        self.runner = services.tasks.runner("pdf")
        self.pdf_action = add_action(menu, "Export &PDF…", "Ctrl+Shift+E", self.ask_pdf,
                                       "Draw the deck as a PDF, one page per slide (no office suite needed)")
        self.handout_action = add_action(menu, "Export &handout…", "Ctrl+Alt+H", self.ask_handout,
                                           "A4 handout: 3 slides a page with the speaker notes beside them")
        self.print_action = add_action(menu, "&Print…", QKeySequence.StandardKey.Print, self.ask_print,
                                         "Print the slides, one a page")
        self.printer: QPrinter | None = None  # kept alive while it prints
        self.runner.succeeded.connect(self._succeeded)
        self.runner.failed.connect(lambda message: services.messages.error("PDF export failed", message))
        self.runner.cancelled.connect(lambda: services.messages.status("Cancelled."))
        self.runner.finished.connect(lambda: self._enable(True))

    def _enable(self, enabled: bool) -> None:
        for action in (self.pdf_action, self.handout_action, self.print_action):
            action.setEnabled(enabled)

    def _suggested(self, suffix: str) -> Path:
        folder = self.services.settings.last_output or Path.home()
        return Path(folder) / f"{self.services.editor.pack.id}{suffix}.pdf"

    def ask_pdf(self) -> None:
        """Ask where, then draw the open pack's PDF."""
        commit_pending_edit(self.services.parent)
        path = dialogs.pdf_path(self.dialog_parent, self._suggested(""), "Export PDF")
        if path is not None:
            self.start(path)

    def ask_handout(self) -> None:
        """Ask where, then draw the open pack's handout (3 slides a page with notes)."""
        commit_pending_edit(self.services.parent)
        path = dialogs.pdf_path(self.dialog_parent, self._suggested("-handout"), "Export handout")
        if path is not None:
            self.start(path, handout=3)

    def ask_print(self) -> None:
        """The print dialog, then the slides printed on the worker thread."""
        commit_pending_edit(self.services.parent)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.services.editor.pack.meeting.title)
        if dialogs.print_setup(self.dialog_parent, printer):
            self.start_print(printer)

    def start(self, path: Path, handout: int | None = None) -> bool:
        """Draw the open pack into ``path`` in the background (False when a PDF task is running)."""
        editor = self.services.editor
        if not self.runner.start(pdf_spec(editor.pack, editor.catalog, Path(path), handout)):
            return False
        self._enable(False)
        return True

    def start_print(self, printer: QPrinter) -> bool:
        """Print the open pack on ``printer`` in the background."""
        editor = self.services.editor
        self.printer = printer
        if not self.runner.start(print_spec(editor.pack, editor.catalog, printer)):
            return False
        self._enable(False)
        return True

    def _succeeded(self, result: object) -> None:
        if isinstance(result, Path):
            self.services.messages.status(f"Wrote {result}.", 15_000)
            if dialogs.confirm(self.dialog_parent, "PDF written", f"The PDF was written to {result}.", "Open PDF"):
                dialogs.open_path(result)
        else:
            self.services.messages.status(f"Sent {result} page(s) to the printer.", 15_000)

"""The one seam for every dialog and every hand-off to the desktop.

Widgets never call ``QMessageBox``/``QFileDialog`` or ``QDesktopServices`` directly; they call
these functions, which tests replace with ``monkeypatch``. Messages are short, say what
happened and what to do; no tracebacks.
"""

from __future__ import annotations

import platform
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QDialog, QFileDialog, QInputDialog, QMessageBox, QPushButton, QWidget

from briefing_builder import __version__

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtPrintSupport import QPrinter

    from briefing_builder.render.template_report import TemplateReport

PACK_FILTER = "Pack files (*.yaml *.yml)"
TEMPLATE_FILTER = "PowerPoint templates (*.pptx *.potx)"


Choice = TypeVar("Choice")


class SaveChoice(Enum):
    """Answer to "save changes?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class ReplaceChoice(Enum):
    """Answer to "replace the exported files?"."""

    REPLACE = "replace"
    KEEP_BOTH = "keep"
    CANCEL = "cancel"


class ExportChoice(Enum):
    """What to do after a successful export."""

    OPEN_DECK = "deck"
    OPEN_ANNEX = "annex"
    SHOW_FOLDER = "folder"
    CLOSE = "close"


def error(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user something went wrong and what to do."""
    QMessageBox.warning(parent, title, message)


def info(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user something worth knowing."""
    QMessageBox.information(parent, title, message)


def _ask(parent: QWidget | None, title: str, text: str, buttons: list[tuple[str, QMessageBox.ButtonRole, Choice]],
         default: Choice, cancelled: Choice) -> Choice:
    """A question with ``buttons`` (label, role, the choice it means) and Cancel; ``cancelled`` on Cancel/Escape."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    choices: dict[QPushButton, Choice] = {box.addButton(label, role): choice for label, role, choice in buttons}
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(next(button for button, choice in choices.items() if choice == default))
    box.exec()
    clicked = box.clickedButton()
    return choices.get(clicked, cancelled) if isinstance(clicked, QPushButton) else cancelled


def ask_save_changes(parent: QWidget | None, name: str) -> SaveChoice:
    """Ask whether to save ``name`` before it is closed (Alt+S saves, Alt+D discards, Escape cancels)."""
    return _ask(parent, "Save changes?", f"The pack “{name}” has changes that are not saved. Save them first?",
                [("&Save", QMessageBox.ButtonRole.AcceptRole, SaveChoice.SAVE),
                 ("&Discard", QMessageBox.ButtonRole.DestructiveRole, SaveChoice.DISCARD)],
                SaveChoice.SAVE, SaveChoice.CANCEL)


def ask_restore(parent: QWidget | None, description: str) -> bool:
    """Offer to restore unsaved edits autosaved before a crash; True to restore."""
    answer = QMessageBox.question(
        parent, "Restore unsaved changes?", f"{description}\n\nRestore them? (Otherwise they are discarded.)",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def open_pack_path(parent: QWidget | None, folder: Path | None) -> Path | None:
    """Ask for a pack file to open."""
    name, _ = QFileDialog.getOpenFileName(parent, "Open pack", str(folder or ""), PACK_FILTER)
    return Path(name) if name else None


def save_pack_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to save a pack."""
    name, _ = QFileDialog.getSaveFileName(parent, "Save pack as", str(suggested), PACK_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() in {".yaml", ".yml"} else path.with_suffix(".yaml")


def store_folder(parent: QWidget | None, folder: Path | None) -> Path | None:
    """Ask for a store folder (one that holds a store.yaml)."""
    name = QFileDialog.getExistingDirectory(parent, "Open store folder", str(folder or ""))
    return Path(name) if name else None


def output_folder(parent: QWidget | None, folder: Path | None, note: str = "") -> Path | None:
    """Ask where to write the deck and the annex (``note``: e.g. "3 things to check before export")."""
    caption = "Export deck and annex to folder" + (f" — {note}" if note else "")
    name = QFileDialog.getExistingDirectory(parent, caption, str(folder or ""))
    return Path(name) if name else None


def ask_replace(parent: QWidget | None, existing: list[Path], other_name: str) -> ReplaceChoice:
    """The deck or annex is already in the folder: replace it, keep both (``other_name``) or cancel."""
    names = "\n".join(f"  {path.name}" for path in existing)
    return _ask(parent, "Replace the exported files?",
                f"{existing[0].parent} already has:\n{names}\n\nReplace them, or keep them and write the new "
                f"export as {other_name}.pptx / {other_name}-annex.xlsx?",
                [("Replace", QMessageBox.ButtonRole.DestructiveRole, ReplaceChoice.REPLACE),
                 ("Keep both", QMessageBox.ButtonRole.AcceptRole, ReplaceChoice.KEEP_BOTH)],
                ReplaceChoice.KEEP_BOTH, ReplaceChoice.CANCEL)


def template_file(parent: QWidget | None, folder: Path | None) -> Path | None:
    """Ask for a user template (.pptx or .potx)."""
    name, _ = QFileDialog.getOpenFileName(parent, "Choose a template", str(folder or ""), TEMPLATE_FILTER)
    return Path(name) if name else None


def template_report(parent: QWidget | None, report: TemplateReport) -> None:
    """Show what the app makes of a template: roles → layouts, fonts, warnings."""
    from briefing_builder.ui.template_report_view import TemplateReportDialog

    dialog = TemplateReportDialog(report, parent)
    fit_to_screen(dialog, parent)
    dialog.exec()


def export_done(parent: QWidget | None, deck: Path, annex: Path | None, notes: list[str]) -> ExportChoice:
    """Say what was written and offer to open it."""
    written = f"The deck was written to {deck}" + (f"\nand the annex to {annex}." if annex else ".")
    box = QMessageBox(QMessageBox.Icon.Information, "Export finished", written, parent=parent)
    if notes:
        box.setDetailedText("\n".join(notes))
    buttons: dict[QAbstractButton, ExportChoice] = {
        box.addButton("Open deck", QMessageBox.ButtonRole.AcceptRole): ExportChoice.OPEN_DECK,
        box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole): ExportChoice.SHOW_FOLDER,
    }
    if annex is not None:
        buttons[box.addButton("Open annex", QMessageBox.ButtonRole.ActionRole)] = ExportChoice.OPEN_ANNEX
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return buttons.get(box.clickedButton(), ExportChoice.CLOSE)


def open_path(path: Path) -> bool:
    """Open a file or folder with the system's default application."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def versions() -> dict[str, str]:
    """Versions of the app and what it runs on (for About and bug reports)."""
    import PySide6

    return {"Briefing Builder": __version__, "Python": platform.python_version(), "Qt": qVersion(),
            "PySide6": PySide6.__version__, "Platform": f"{platform.system()} {platform.release()}".strip()}


def about(parent: QWidget | None) -> None:
    """The About box, with versions."""
    rows = "".join(f"<tr><td>{k}</td><td>&nbsp;{v}</td></tr>" for k, v in versions().items())
    QMessageBox.about(parent, "About Briefing Builder",
                      "<h3>Briefing Builder</h3><p>EU meeting briefing decks and Excel annexes "
                      f"from a library of YAML content. Works offline.</p><table>{rows}</table>")


def unexpected_error(parent: QWidget | None, summary: str) -> None:
    """Shown by the exception hook: something unforeseen happened, work can usually go on."""
    QMessageBox.critical(parent, "Something went wrong",
                         f"An unexpected problem occurred: {summary}\n\nSave your pack under a new name if "
                         "you can, and report what you were doing. Details were written to the error output.")



# ---------------------------------------------------------------------------- library and annex round trip

ANNEX_FILTER = "Excel workbooks (*.xlsx *.xlsm)"
ANNEX_SAVE_TITLE = "Save the updated annex (same name: replace the workbook)"


def run_form(parent: QWidget | None, form: QDialog) -> bool:
    """Show a record form (or any dialog) modally, fitted to the screen; True when the user accepted it."""
    fit_to_screen(form, parent)
    return form.exec() == QDialog.DialogCode.Accepted


def fit_to_screen(dialog: QWidget, parent: QWidget | None) -> None:
    """Shrink ``dialog`` to the screen it opens on and centre it over ``parent`` (small screens, large scales)."""
    from briefing_builder.ui.window_geometry import centred, fitted_size

    screen = (parent or dialog).screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    size = fitted_size(dialog.size(), available).expandedTo(dialog.minimumSizeHint().boundedTo(available.size()))
    over = parent.window().frameGeometry() if parent is not None else available
    dialog.setGeometry(centred(size, over, available))


def confirm(parent: QWidget | None, title: str, message: str, action: str = "OK") -> bool:
    """Ask before doing something that changes files (``action`` names the button)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, message, parent=parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


def ask_reload_store(parent: QWidget | None, title: str, message: str) -> bool:
    """A store file changed on disk under an edit: offer to reload the store; True to reload."""
    answer = QMessageBox.question(parent, title, message,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def ask_copy_store(parent: QWidget | None, reason: str) -> Path | None:
    """The store is read-only: offer "Copy the bundled store to…"; the folder chosen, or None."""
    box = QMessageBox(QMessageBox.Icon.Information, "Store is read-only", reason, parent=parent)
    copy = box.addButton("Copy the bundled store to…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(copy)
    box.exec()
    if box.clickedButton() is not copy:
        return None
    name = QFileDialog.getExistingDirectory(parent, "Copy the bundled store to folder", str(Path.home()))
    return Path(name) if name else None


def annex_file(parent: QWidget | None, folder: Path | None, caption: str) -> Path | None:
    """Ask for a returned annex workbook."""
    name, _ = QFileDialog.getOpenFileName(parent, caption, str(folder or ""), ANNEX_FILTER)
    return Path(name) if name else None


DECK_FILTER = "PowerPoint decks (*.pptx)"


def deck_file(parent: QWidget | None, folder: Path | None, caption: str) -> Path | None:
    """Ask for an exported deck (edited since) to import edits from."""
    name, _ = QFileDialog.getOpenFileName(parent, caption, str(folder or ""), DECK_FILTER)
    return Path(name) if name else None


def annex_save_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to write an updated annex: the same workbook by default (the usual confirmation
    before replacing a file), or another name; ``None`` when cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, ANNEX_SAVE_TITLE, str(suggested), ANNEX_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() in {".xlsx", ".xlsm"} else path.with_suffix(suggested.suffix or ".xlsx")


def annex_files(parent: QWidget | None, folder: Path | None, caption: str) -> list[Path]:
    """Ask for several returned annex workbooks (all the returns of a meeting)."""
    names, _ = QFileDialog.getOpenFileNames(parent, caption, str(folder or ""), ANNEX_FILTER)
    return [Path(name) for name in names]


def report(parent: QWidget | None, title: str, message: str, details: list[str]) -> None:
    """A summary with its full list of details (annex update results)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=parent)
    if details:
        box.setDetailedText("\n".join(details))
    box.exec()


def ask_text(parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
    """One line of text from the user (``None`` when cancelled)."""
    text, ok = QInputDialog.getText(parent, title, label, text=default)
    return text.strip() or default if ok else None


NO_HISTORY = "Export without a history"


def ask_keep_history(parent: QWidget | None, store: Path) -> bool:
    """Ask once whether the store should keep a history of its exports. Either answer lets the export
    go on; the buttons say what each does (closing the box is the second: no history)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Keep a history of this store?",
                      f"Briefing Builder can keep a history of the store {store}: every export is recorded "
                      "(what the deck and annex were built from), so you can see what changed since the last "
                      "meeting and rebuild an old deck exactly. It is a git repository in the store folder "
                      "(a .git folder); no other program is needed.", parent=parent)
    box.setInformativeText(f"Either way, this export goes ahead. “{NO_HISTORY}” is remembered for this store: "
                           "you are not asked again, and History → Save point… starts a history at any time.")
    keep = box.addButton("Keep a history", QMessageBox.ButtonRole.AcceptRole)
    without = box.addButton(NO_HISTORY, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(without)
    box.exec()
    return box.clickedButton() is keep


def pdf_path(parent: QWidget | None, suggested: Path, caption: str) -> Path | None:
    """Ask where to save a PDF (the deck's or its handout)."""
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), "PDF documents (*.pdf)")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def print_setup(parent: QWidget | None, printer: QPrinter) -> bool:
    """The system's print dialog for ``printer`` (a QPrinter); True when the user chose Print."""
    from PySide6.QtPrintSupport import QPrintDialog

    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted

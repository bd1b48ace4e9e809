"""File → Export PDF…, Export handout… and Print… in the window, through the task runner and the dialog seam."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from briefing_builder.ui import dialogs

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


TIMEOUT_MS = 120_000
PACK_ID = "jha-counsellors-2026-01-12"


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple]:
    """The save dialog answers a path in ``tmp_path``; the "PDF written" question is recorded and declined."""
    seen: list[tuple] = []

    def pdf_path(parent, suggested, caption):  # noqa: ANN001, ANN202
        seen.append(("path", suggested.name, caption))
        return tmp_path / suggested.name

    monkeypatch.setattr(dialogs, "pdf_path", pdf_path)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK": seen.append(
        ("confirm", message)) and False)
    return seen


def _menu_action(window, text: str):  # noqa: ANN001, ANN202
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text().replace("&", "") == text)


def test_export_pdf_from_the_file_menu(window: MainWindow, qtbot: QtBot, tmp_path: Path, asked) -> None:  # noqa: ANN001
    actions = window.pdf_actions
    with qtbot.waitSignal(actions.runner.finished, timeout=TIMEOUT_MS):
        _menu_action(window, "Export PDF…").trigger()
        assert not actions.pdf_action.isEnabled()
    path = tmp_path / f"{PACK_ID}.pdf"
    assert ("path", path.name, "Export PDF") in asked
    assert len(PdfReader(path).pages) == 10
    assert ("confirm", f"The PDF was written to {path}.") in asked
    assert actions.pdf_action.isEnabled()


def test_export_handout_from_the_file_menu(window: MainWindow, qtbot: QtBot, tmp_path: Path, asked) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.pdf_actions.runner.finished, timeout=TIMEOUT_MS):
        _menu_action(window, "Export handout…").trigger()
    reader = PdfReader(tmp_path / f"{PACK_ID}-handout.pdf")
    assert len(reader.pages) == 4 and float(reader.pages[0].mediabox.width) == pytest.approx(595.28, abs=0.5)


def test_print_sends_one_page_per_slide(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The print dialog's choice (here: print to a PDF file) gets every slide, landscape."""
    target = tmp_path / "printed.pdf"

    def setup(parent, printer: QPrinter) -> bool:  # noqa: ANN001
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    monkeypatch.setattr(dialogs, "print_setup", setup)
    with qtbot.waitSignal(window.pdf_actions.runner.succeeded, timeout=TIMEOUT_MS) as blocker:
        _menu_action(window, "Print…").trigger()
    assert blocker.args[0] == 10
    page = PdfReader(target).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert len(PdfReader(target).pages) == 10


def test_a_cancelled_print_dialog_prints_nothing(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "print_setup", lambda parent, printer: False)
    _menu_action(window, "Print…").trigger()
    assert not window.pdf_actions.runner.running


def test_a_pdf_that_cannot_be_written_is_a_clear_error(window: MainWindow, qtbot: QtBot, tmp_path: Path, asked,  # noqa: ANN001
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    blocked = tmp_path / "taken.pdf"
    blocked.mkdir()  # a folder of that name: the PDF cannot replace it
    with qtbot.waitSignal(window.pdf_actions.runner.finished, timeout=TIMEOUT_MS):
        assert window.pdf_actions.start(blocked)
    assert errors and "taken.pdf" in errors[0] and "Traceback" not in errors[0]
    assert blocked.is_dir()

"""Controllers built from a services context alone — no main window — doing what a user asks of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QMenu, QMenuBar, QStatusBar, QWidget
from pytestqt.qtbot import QtBot

from briefing_builder.pack import document as pd
from briefing_builder.pipeline import build_pack
from briefing_builder.store import load_store
from briefing_builder.ui import dialogs
from briefing_builder.ui.editor import PackEditor
from briefing_builder.ui.record_form import RecordForm
from briefing_builder.ui.services import Services, build_services
from briefing_builder.ui.shortcuts import window_actions

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow
    from briefing_builder.ui.settings import AppSettings


PACK = "jha-counsellors-2026-01-12"
AREA = Path("areas") / "04-return-readmission.yaml"
MEASURE = "readmission-by-third-countries"
TIMEOUT_MS = 120_000


@pytest.fixture
def services(qtbot: QtBot, store_copy: Path, settings: AppSettings) -> Iterator[Services]:
    """The services of a plain widget with a status bar, on a writable store with the reference pack open."""
    host = QWidget()
    qtbot.addWidget(host)
    status = QStatusBar(host)
    catalog = load_store(store_copy)
    editor = PackEditor(catalog, pd.PackDocument(catalog.packs[PACK]), host)
    made = build_services(host, status, editor, settings)
    made.watcher.watch(catalog.root)
    made.watcher.reloaded.connect(editor.set_catalog)
    yield made
    made.tasks.shutdown()


def _wait(qtbot: QtBot, runner) -> None:  # noqa: ANN001
    if runner.running:
        with qtbot.waitSignal(runner.finished, timeout=TIMEOUT_MS):
            pass
    assert not runner.running


def test_library_actions_edit_a_record_and_undo_it_without_a_window(qtbot: QtBot, services: Services,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_builder.ui.library_actions import LibraryActions
    from briefing_builder.ui.library_panel import LibraryPanel

    library = LibraryPanel()
    qtbot.addWidget(library)
    library.set_catalog(services.catalog)
    opened: list[Path] = []
    actions = LibraryActions(services, library, QMenuBar(services.parent), lambda folder: opened.append(folder) or True)
    assert library.select_record("measure", MEASURE)

    def run(parent: object, form: RecordForm) -> bool:
        form.fields["status"].set_value("ongoing")
        return form.validate()
    monkeypatch.setattr(dialogs, "run_form", run)
    area = services.catalog.root / AREA
    before = area.read_bytes()
    actions.edit_action.trigger()

    assert b"status: ongoing" in area.read_bytes()
    assert "saved to 04-return-readmission.yaml" in services.messages.status_bar.currentMessage()
    measure = next(m for m in services.catalog.areas["return-readmission"].measures if m.id == MEASURE)
    assert measure.status.value == "ongoing"  # the watcher reloaded the store, the editor follows it
    pack_stack, store_stack = services.undo_stacks
    assert store_stack.count() == 1 and pack_stack.count() == 0  # a store edit is not a pack edit
    actions.undo_action.trigger()
    assert area.read_bytes() == before and opened == []


def test_annex_update_runs_on_a_task_runner_of_the_services(qtbot: QtBot, services: Services, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_builder.ui.annex_actions import AnnexActions

    catalog = services.catalog
    annex = build_pack(catalog.packs[PACK], catalog, tmp_path / "out", generated_on=dt.date(2026, 1, 12)).annex
    assert annex is not None
    reports: list[str] = []
    monkeypatch.setattr(dialogs, "report", lambda parent, title, message, details: reports.append(message))
    actions = AnnexActions(services, QMenu(services.parent))
    assert actions.runner in services.tasks.runners
    target = tmp_path / "updated.xlsx"
    assert actions.start_update(annex, out=target)
    assert not actions.update_action.isEnabled()  # one annex task at a time
    _wait(qtbot, actions.runner)
    assert target.is_file() and reports and "updated.xlsx was written" in reports[0]
    assert services.messages.status_bar.currentMessage() == "Updated updated.xlsx."
    assert actions.update_action.isEnabled()


def _export_actions(services: Services, qtbot: QtBot):  # noqa: ANN202
    from briefing_builder.ui.export_actions import ExportActions
    from briefing_builder.ui.history_actions import HistoryActions
    from briefing_builder.ui.history_panel import HistoryDock
    from briefing_builder.ui.inspector import Inspector
    from briefing_builder.ui.library_panel import LibraryPanel
    from briefing_builder.ui.pack_outline import PackOutline
    from briefing_builder.ui.preflight_panel import PreflightPanel

    inspector = Inspector(services.editor)
    history = HistoryActions(services, QMenu(services.parent), HistoryDock(services.parent), LibraryPanel(),
                             PackOutline(services.editor))
    for widget in (inspector, history.library, history.outline):
        qtbot.addWidget(widget)
    shown: list[str] = []
    actions = ExportActions(services, QMenu(services.parent), inspector.meeting, PreflightPanel(services.settings),
                            history, lambda: shown.append("problems"), lambda: shown.append("meeting"))
    return actions, shown


def test_export_delivers_its_outcome_on_the_gui_thread_without_a_window(qtbot: QtBot, services: Services,
                                                                        tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    actions, _shown = _export_actions(services, qtbot)
    services.settings.set_history_choice(services.catalog.root, False)  # asked once per store: answered "no"
    done: list[tuple[Path, bool]] = []

    def export_done(parent, deck, annex, notes):  # noqa: ANN001, ANN202
        done.append((deck, threading.current_thread() is threading.main_thread()))
        assert not actions.runner._thread.running, "the outcome came before the worker was joined"
        return dialogs.ExportChoice.CLOSE
    monkeypatch.setattr(dialogs, "export_done", export_done)
    with qtbot.waitSignal(actions.runner.finished, timeout=TIMEOUT_MS):
        assert actions.start(tmp_path)
        assert not actions.action.isEnabled() and not actions.start(tmp_path)  # one export at a time
    assert done == [(tmp_path / f"{PACK}.pptx", True)]
    assert services.messages.status_bar.currentMessage().startswith(f"Exported {PACK}.pptx (")
    assert actions.action.isEnabled()


def test_export_failure_goes_to_the_message_sink(qtbot: QtBot, services: Services, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    actions, _shown = _export_actions(services, qtbot)
    services.settings.set_history_choice(services.catalog.root, False)
    services.editor.set_meeting_field("template", str(tmp_path / "missing.pptx"))
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append((title, message)))
    with qtbot.waitSignal(actions.runner.finished, timeout=TIMEOUT_MS):
        assert actions.start(tmp_path / "out")
    assert len(errors) == 1 and errors[0][0] == "Export failed" and "missing.pptx" in errors[0][1]
    assert "Traceback" not in errors[0][1] and not (tmp_path / "out" / f"{PACK}.pptx").exists()


def test_an_unreadable_meeting_date_refuses_the_export_and_shows_the_meeting(qtbot: QtBot, services: Services,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    actions, shown = _export_actions(services, qtbot)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(title))
    monkeypatch.setattr(dialogs, "output_folder", lambda *args: pytest.fail("no folder may be asked for"))
    actions.meeting.date.edit.setText("31/02/2026")
    actions.ask()
    assert shown == ["meeting"] and errors == ["Correct the meeting first"] and not actions.runner.running


def test_closing_stops_every_runner_the_services_made(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    from briefing_builder.ui.pdf_actions import PdfActions

    pdf = PdfActions(services, QMenu(services.parent))
    outcomes: list[object] = []
    for signal in (pdf.runner.succeeded, pdf.runner.failed, pdf.runner.cancelled):
        signal.connect(outcomes.append)
    assert pdf.start(tmp_path / "deck.pdf") and services.tasks.running
    services.tasks.shutdown()  # the window closing: the worker is joined here, nothing is delivered after
    qtbot.waitUntil(lambda: not services.tasks.running, timeout=5_000)
    qtbot.wait(200)
    assert outcomes == [] and pdf.runner.dialog is None


def test_every_menu_tool_tip_names_its_shortcut(window: MainWindow) -> None:
    """One rule for every action declared in a menu: the status tip says what it does, the tool tip adds the keys."""
    from PySide6.QtGui import QKeySequence

    menus = [action.menu() for action in window.menuBar().actions()]
    in_menus = {id(a) for menu in menus for a in menu.actions()}
    missing = [a.text() for a in window_actions(window) if id(a) in in_menus and a.statusTip()
               and a.shortcut().toString(QKeySequence.SequenceFormat.NativeText) not in a.toolTip()]
    assert not missing, missing

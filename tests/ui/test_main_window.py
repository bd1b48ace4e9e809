"""Composing a pack through the window: add, reorder, remove, undo/redo, save/reopen, close prompt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_builder.ui import dialogs
from briefing_builder.ui.models import IdRole

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


def _labels(window) -> list[str]:  # noqa: ANN001
    model = window.outline.model
    return [model.index(r).data(Qt.ItemDataRole.AccessibleTextRole) for r in range(model.rowCount())]


def test_window_opens_on_the_reference_pack(window: MainWindow) -> None:
    assert window.editor.pack.id == "jha-counsellors-2026-01-12"
    assert "jha-counsellors-2026-01-12" in window.windowTitle()
    assert not window.isWindowModified()
    assert _labels(window)[6] == "Area · 4. Return and readmission"
    assert "6 areas" in window.counts_label.text() and "bundled sample" in window.store_label.text()
    assert window.problems_button.text().startswith("✓")
    assert window.library.models["areas"].rowCount() == 6
    assert window.inspector.meeting.title_edit.text().startswith("Long-term European")


def test_compose_through_the_ui_with_undo_and_redo(window: MainWindow, qtbot: QtBot) -> None:
    stack = window.editor.undo_stack
    start = window.editor.pack
    # add a country card by double-clicking it in the library
    window.library.tabs.setCurrentIndex(1)
    view = window.library.views["countries"]
    index = next(view.model().index(r, 0) for r in range(view.model().rowCount())
                 if view.model().index(r, 0).data(IdRole) == "tunisia")
    window.outline.select(9)  # the closing slide: new sections go just before it
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # Qt 6 needs the press first
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert _labels(window)[9] == "Country · Tunisia" and window.isWindowModified()
    # and a measure through the button
    window.library.tabs.setCurrentIndex(0)
    areas = window.library.views["areas"]
    area = areas.model().index(3, 0)
    areas.selectionModel().select(areas.model().index(1, 0, area),
                                  areas.selectionModel().SelectionFlag.ClearAndSelect
                                  | areas.selectionModel().SelectionFlag.Rows)
    window.library.add_button.click()  # its area's section shows every measure already: not a second section
    assert len(_labels(window)) == 11 and "Already in the pack" in window.statusBar().currentMessage()
    # reorder: three moves of the same section merge into one undo step
    window.outline.select(6)
    depth = stack.count()
    for _ in range(3):
        window.outline.up_action.trigger()
    assert _labels(window)[3] == "Area · 1. Return and readmission"  # numbered as the deck will number it
    assert _labels(window)[4] == "Area · 2. Migration Diplomacy"
    assert stack.count() == depth + 1 and window.outline.current_row() == 3
    # remove
    window.outline.select(4)
    window.outline.remove_action.trigger()
    assert "Migration Diplomacy" not in " ".join(_labels(window))
    # undo everything, redo everything
    while stack.canUndo():
        window.undo_action.trigger()
    assert window.editor.pack == start and not window.isWindowModified()
    while stack.canRedo():
        window.redo_action.trigger()
    assert _labels(window)[3] == "Area · 1. Return and readmission" and len(_labels(window)) == 10
    assert [s.area for s in window.editor.pack.sections if s.type == "area"].count("asylum-migration-system") == 1


def test_meeting_and_section_edits_are_undoable(window: MainWindow) -> None:
    form = window.inspector.meeting
    form.marking.setCurrentText("LIMITE")
    form.marking.lineEdit().editingFinished.emit()
    assert window.editor.pack.meeting.marking == "LIMITE"
    form.title_edit.setText("")
    form.title_edit.editingFinished.emit()  # refused: a title is required
    assert window.editor.pack.meeting.title.startswith("Long-term")
    assert form.title_edit.text().startswith("Long-term") and "title" in window.statusBar().currentMessage()
    window.outline.select(6)
    measures = window.inspector.section.widgets["measures"]
    measures.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert window.editor.pack.sections[6].measures == ["readmission-by-third-countries"]
    assert "(1 of 2 measures)" in _labels(window)[6]
    window.undo_action.trigger()
    assert window.editor.pack.sections[6].measures is None
    window.undo_action.trigger()
    assert window.editor.pack.meeting.marking is None


def test_save_reopen_and_recent(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.outline.select(6)
    window.outline.up_action.trigger()
    target = tmp_path / "my-pack"
    monkeypatch.setattr(dialogs, "save_pack_path", lambda parent, suggested: target.with_suffix(".yaml"))
    window.documents.save()  # the bundled sample is an unsaved copy: Save asks where
    saved = target.with_suffix(".yaml")
    assert saved.is_file() and not window.isWindowModified() and "my-pack.yaml" in window.windowTitle()
    edited = window.editor.pack
    window.documents.new()
    assert window.editor.pack.id.startswith("new-briefing-")
    assert window.documents.open(saved)
    assert window.editor.pack == edited and window.editor.document.path == saved
    assert window.settings.recent_packs()[0] == saved.resolve()


def test_close_prompts_when_modified(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.outline.select(4)
    window.outline.down_action.trigger()
    answers = [dialogs.SaveChoice.CANCEL, dialogs.SaveChoice.DISCARD]
    asked: list[str] = []

    def ask(parent, name):  # noqa: ANN001, ANN202
        asked.append(name)
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "ask_save_changes", ask)
    assert not window.close() and window.isVisible()
    assert window.close()
    assert len(asked) == 2
    assert window.settings.state("window") is not None and window.settings.state("splitter") is not None


def test_open_reports_a_broken_pack(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nsections: []\n", encoding="utf-8")
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    assert not window.documents.open(bad)
    assert errors and "bad.yaml" in errors[0]
    assert window.editor.pack.id == "jha-counsellors-2026-01-12"


def test_about_lists_versions() -> None:
    versions = dialogs.versions()
    assert {"Briefing Builder", "Python", "Qt", "PySide6"} <= set(versions)


def test_excepthook_shows_a_readable_message(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_builder.ui.app import excepthook

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "unexpected_error", lambda parent, summary: shown.append(summary))
    try:
        raise ValueError("the pack went away")
    except ValueError as exc:
        excepthook(ValueError, exc, exc.__traceback__)
    assert shown == ["the pack went away"]
    assert "Traceback" in capsys.readouterr().err


def test_excepthook_opens_no_box_once_every_window_is_closed(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """An error while the app ends (after Quit → Discard) must not keep the process alive in a box."""
    from briefing_builder.ui.app import excepthook

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "unexpected_error", lambda parent, summary: shown.append(summary))
    window.editor.undo_stack.setClean()
    window.close()
    try:
        raise RuntimeError("Internal C++ object (MainWindow) already deleted.")
    except RuntimeError as exc:
        excepthook(RuntimeError, exc, exc.__traceback__)
    assert shown == [] and "already deleted" in capsys.readouterr().err


def _add_selected_action(window: MainWindow):  # noqa: ANN202
    from PySide6.QtGui import QAction

    return next(a for a in window.findChildren(QAction) if a.text() == "Add selected to &pack")


def test_library_content_goes_after_the_agenda_and_measures_join_their_area(window: MainWindow) -> None:
    """Ctrl+N, the title selected, Ctrl+Return on areas and measures: Title, Agenda, content…, Closing;
    a measure of an area already in the pack joins its section (or is said to be there already)."""
    add = _add_selected_action(window)
    assert window.documents.new()
    window.outline.select(0)  # the title slide
    for kind, record in (("area", "strong-borders"), ("measure", "readmission-by-third-countries"),
                         ("country", "tunisia"), ("measure", "common-european-return-system")):
        assert window.library.select_record(kind, record)
        add.trigger()
    sections = window.editor.pack.sections
    assert [s.type for s in sections] == ["title", "agenda", "area", "area", "country", "closing"]
    assert sections[3].area == "return-readmission"
    assert sections[3].measures == ["readmission-by-third-countries", "common-european-return-system"]
    assert window.outline.current_row() == 3  # the section that took the measure
    assert window.library.select_record("measure", "readmission-by-third-countries")
    add.trigger()
    assert window.editor.pack.sections == sections and "Already in the pack" in window.statusBar().currentMessage()
    window.library.current_view().clearSelection()
    add.trigger()
    assert window.statusBar().currentMessage() == "Select a record in the library first."


def test_the_window_title_follows_a_new_packs_id_at_once(window: MainWindow) -> None:
    assert window.documents.new()
    window.inspector.meeting.title_edit.setText("SCIFA briefing")
    window.inspector.meeting.title_edit.editingFinished.emit()
    assert window.editor.pack.id.startswith("scifa-briefing-")
    assert window.windowTitle().startswith(f"{window.editor.pack.id} (unsaved)")
